import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import SDK, {
  ChargeStatus,
  ChargeThreeDsMode,
  ResponseErrorCode,
  UsageLimit,
  ConvenienceStore,
  PaymentType,
  ResponseError,
  TokenThreeDsMode,
  TransactionTokenType,
  type TransactionTokenCardDataItem,
  type TransactionTokenConvenienceDataItem,
} from 'univapay-node';
import { createSandbox, type Sandbox } from '../../../src/sandbox/index.ts';
import { conformance } from './checks.ts';
import { lastRequest, startRecordingServer, type RecordingServer } from './recorder.ts';

/**
 * UnivaPay's own Node SDK (univapay-node) against the UnivaPay emulator on a real HTTP server: the SDK
 * builds every request (paths, `Authorization`, snake_case bodies, `Idempotency-Key`) and parses every
 * answer (camelCase results, its `ResponseError`). When the emulator answers something the SDK cannot
 * read, or names a field otherwise, these fail.
 */

const PAGE = 'http://localhost:5173';

interface Setup {
  readonly sandbox: Sandbox;
  readonly server: RecordingServer;
  readonly storeId: string;
  /** The merchant's server: app token and secret. */
  readonly sdk: SDK;
  /** Same, with raw card data allowed for its app token. */
  readonly pciSdk: SDK;
  readonly appToken: string;
  readonly endpoint: string;
}

let t: Setup;

before(async () => {
  const sandbox = createSandbox({ univapay: { processingMs: 150 } });
  const server = await startRecordingServer(sandbox.handle);
  const endpoint = `${server.origin}/sandbox/univapay`;
  const plain = await sandbox.univapay.issueAppToken({ origins: [PAGE] });
  const pci = await sandbox.univapay.issueAppToken({ origins: [PAGE], directCardTokens: true });
  t = {
    sandbox,
    server,
    storeId: plain.storeId,
    sdk: new SDK({ endpoint, jwt: plain.appToken, secret: plain.secret }),
    pciSdk: new SDK({ endpoint, jwt: pci.appToken, secret: pci.secret }),
    appToken: plain.appToken,
    endpoint,
  };
});

after(async () => {
  await t.server.close();
});

const konbiniData = (store: ConvenienceStore = ConvenienceStore.LAWSON) => ({
  customerName: 'ヤマダ タロウ',
  convenienceStore: store,
  phoneNumber: { countryCode: '81', localNumber: '09012345678' },
});

const cardData = (cardNumber: string) => ({
  cardholder: 'TARO YAMADA',
  cardNumber,
  expMonth: 12,
  expYear: 2031,
  cvv: '123',
});

async function konbiniToken(sdk: SDK, extra: Record<string, unknown> = {}) {
  return sdk.transactionTokens.create({
    paymentType: PaymentType.KONBINI,
    type: TransactionTokenType.ONE_TIME,
    email: 'taro@example.jp',
    data: { ...konbiniData(), ...extra },
  });
}

async function rejection(promise: Promise<unknown>): Promise<ResponseError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ResponseError, `expected the SDK's ResponseError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected a rejection');
}

describe('univapay-node against the UnivaPay emulator', () => {
  conformance('univapay.sdk.konbini-token', async () => {
    const token = await konbiniToken(t.sdk);
    assert.match(token.id, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    assert.equal(token.storeId, t.storeId);
    assert.equal(token.paymentType, PaymentType.KONBINI);
    assert.equal(token.type, TransactionTokenType.ONE_TIME);
    assert.equal(token.email, 'taro@example.jp');
    assert.equal(token.active, true);
    assert.equal(token.mode, 'test');
    assert.equal(typeof token.createdOn, 'string');
    const data = token.data as TransactionTokenConvenienceDataItem;
    assert.equal(data.convenienceStore, ConvenienceStore.LAWSON);
    assert.equal(data.customerName, 'ヤマダ タロウ');
    assert.deepEqual({ ...data.phoneNumber }, { countryCode: '81', localNumber: '09012345678' });
    // What the SDK put on the wire: snake_case, nested.
    const sent = lastRequest(t.server, 'POST', '/tokens');
    assert.ok(sent);
    const body = JSON.parse(sent.body) as Record<string, Record<string, unknown>>;
    assert.deepEqual(Object.keys(body['data'] ?? {}).sort(), ['convenience_store', 'customer_name', 'phone_number']);
  });

  conformance('univapay.sdk.get-token', async () => {
    const created = await konbiniToken(t.sdk);
    const token = await t.sdk.transactionTokens.get(t.storeId, created.id);
    assert.equal(token.id, created.id);
    assert.equal(token.paymentType, PaymentType.KONBINI);
    assert.equal((token.data as TransactionTokenConvenienceDataItem).convenienceStore, ConvenienceStore.LAWSON);
  });

  conformance('univapay.sdk.konbini-charge', async () => {
    const token = await konbiniToken(t.sdk);
    const params = { transactionTokenId: token.id, amount: 1500, currency: 'JPY', metadata: { order_id: 'A-1', orderId2: 7 } };
    const charge = await t.sdk.charges.create(params, { idempotentKey: `conformance-${token.id}` });
    assert.equal(charge.status, ChargeStatus.PENDING);
    assert.equal(charge.transactionTokenId, token.id);
    assert.equal(charge.storeId, t.storeId);
    assert.equal(charge.requestedAmount, 1500);
    assert.equal(charge.requestedCurrency, 'JPY');
    assert.equal(charge.transactionTokenType, TransactionTokenType.ONE_TIME);
    // The SDK leaves metadata keys as they are (it is in its ignoreKeysFormatting).
    assert.equal(charge.metadata?.['order_id'], 'A-1');
    assert.equal(charge.metadata?.['orderId2'], 7);
    const again = await t.sdk.charges.create(params, { idempotentKey: `conformance-${token.id}` });
    assert.equal(again.id, charge.id, 'the same Idempotency-Key answers the same charge');
    const sent = t.server.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/charges'));
    assert.equal(sent.at(-1)?.headers['idempotency-key'], `conformance-${token.id}`);
  });

  conformance('univapay.sdk.poll', async () => {
    const token = await konbiniToken(t.sdk, { convenienceStore: ConvenienceStore.SEVEN_ELEVEN });
    const charge = await t.sdk.charges.create({ transactionTokenId: token.id, amount: 2000, currency: 'JPY' });
    assert.equal(charge.status, ChargeStatus.PENDING);
    t.server.take();
    const polled = await t.sdk.charges.poll(t.storeId, charge.id, undefined, undefined, { interval: 20, timeout: 5000 });
    assert.equal(polled.status, ChargeStatus.AWAITING);
    assert.equal(polled.id, charge.id);
    assert.match(String(polled.metadata?.['internal_convenience_payment_number']), /^\d{13}$/);
    assert.match(String(polled.metadata?.['internal_convenience_payment_url']), /^http/);
    const reads = t.server.take();
    assert.ok(reads.length >= 1);
    for (const read of reads) {
      assert.equal(read.method, 'GET');
      assert.equal(read.path, `/sandbox/univapay/stores/${t.storeId}/charges/${charge.id}`);
      assert.equal(read.query.get('polling'), 'true');
    }
    const plainRead = await t.sdk.charges.get(t.storeId, charge.id);
    assert.equal(plainRead.status, ChargeStatus.AWAITING);
  });

  conformance('univapay.sdk.konbini-expiry', async () => {
    const token = await konbiniToken(t.sdk, { expirationPeriod: 'P5D', expirationTimeShift: '09:00:00.000+09:00' });
    const data = token.data as TransactionTokenConvenienceDataItem;
    assert.equal(data.expirationPeriod, 'P5D');
    assert.equal(data.expirationTimeShift, '09:00:00.000+09:00');
    const charge = await t.sdk.charges.create({ transactionTokenId: token.id, amount: 800, currency: 'JPY' });
    const expiry = await t.sdk.charges.expiry(charge.id, undefined, undefined, t.storeId);
    assert.deepEqual(Object.keys(expiry).sort(), ['chargeId', 'createdOn', 'expirationDate', 'extensionCount', 'id', 'updatedOn']);
    assert.equal(expiry.chargeId, charge.id);
    assert.equal(expiry.extensionCount, 0);
    assert.ok(!Number.isNaN(Date.parse(expiry.expirationDate)));
    // A deadline the charge sets: captureAt, read back as sent.
    const captureAt = new Date(Date.now() + 3 * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const second = await konbiniToken(t.sdk, { convenienceStore: ConvenienceStore.FAMILY_MART });
    const withDeadline = await t.sdk.charges.create({ transactionTokenId: second.id, amount: 800, currency: 'JPY', captureAt });
    assert.equal(withDeadline.captureAt, captureAt);
    const secondExpiry = await t.sdk.charges.expiry(withDeadline.id, undefined, undefined, t.storeId);
    assert.equal(Date.parse(secondExpiry.expirationDate), Date.parse(captureAt));
  });

  conformance('univapay.sdk.issuer-token', async () => {
    const token = await t.pciSdk.transactionTokens.create({
      paymentType: PaymentType.CARD,
      type: TransactionTokenType.ONE_TIME,
      email: 'taro@example.jp',
      data: cardData('4000000000003220'),
    });
    const charge = await t.pciSdk.charges.create({
      transactionTokenId: token.id,
      amount: 1500,
      currency: 'JPY',
      threeDs: { redirectEndpoint: `${PAGE}/checkout?kessai_return=1` },
    });
    const awaiting = await t.pciSdk.charges.poll(t.storeId, charge.id, undefined, undefined, { interval: 20, timeout: 5000 });
    assert.equal(awaiting.status, ChargeStatus.AWAITING);
    assert.equal(awaiting.threeDs?.redirectEndpoint, `${PAGE}/checkout?kessai_return=1`);
    const issuer = await t.pciSdk.charges.threeDsIssuerToken(t.storeId, charge.id);
    assert.deepEqual(Object.keys(issuer).sort(), ['callMethod', 'contentType', 'issuerToken', 'payload', 'paymentType']);
    assert.match(issuer.issuerToken, /^http/);
    assert.ok(['http_post', 'http_get'].includes(issuer.callMethod));
    assert.equal(issuer.paymentType, PaymentType.CARD);
    assert.match(issuer.contentType, /^application\/x-www-form-urlencoded/);
    // `payload` is passed through unformatted (the SDK's ignoreKeysFormatting): snake_case keys stay.
    assert.deepEqual({ ...issuer.payload }, { resource_id: charge.id, resource_type: 'charge' });
  });

  conformance('univapay.sdk.card-token-refused', async () => {
    const error = await rejection(
      t.sdk.transactionTokens.create({
        paymentType: PaymentType.CARD,
        type: TransactionTokenType.ONE_TIME,
        email: 'taro@example.jp',
        data: cardData('4242424242424242'),
      }),
    );
    assert.equal(error.errorResponse.code, 'DIRECT_CARD_TOKEN_CREATION_DISABLED');
    assert.equal(error.errorResponse.httpCode, 401);
    assert.equal(error.errorResponse.status, 'error');
  });

  conformance('univapay.sdk.card-token-allowed', async () => {
    const token = await t.pciSdk.transactionTokens.create({
      paymentType: PaymentType.CARD,
      type: TransactionTokenType.ONE_TIME,
      email: 'taro@example.jp',
      data: cardData('4242424242424242'),
    });
    assert.equal(token.paymentType, PaymentType.CARD);
    const card = (token.data as TransactionTokenCardDataItem).card;
    assert.ok(card);
    assert.equal(card.brand, 'visa');
    assert.equal(card.lastFour, '4242');
    assert.equal(card.cardBin, '424242');
    assert.equal(card.expMonth, 12);
    assert.equal(card.expYear, 2031);
    assert.equal(card.cardholder, 'TARO YAMADA');
    assert.ok(!JSON.stringify(token).includes('4242424242424242'), 'never the card number');
    // The account-wide switch too.
    const open = createSandbox({ univapay: { directCardTokens: true } });
    const server = await startRecordingServer(open.handle);
    try {
      const issued = await open.univapay.issueAppToken({ origins: [PAGE] });
      const sdk = new SDK({ endpoint: `${server.origin}/sandbox/univapay`, jwt: issued.appToken, secret: issued.secret });
      const accepted = await sdk.transactionTokens.create({
        paymentType: PaymentType.CARD,
        type: TransactionTokenType.ONE_TIME,
        email: 'taro@example.jp',
        data: cardData('4000020000000000'),
      });
      assert.equal((accepted.data as TransactionTokenCardDataItem).card?.lastFour, '0000');
    } finally {
      await server.close();
    }
  });

  conformance('univapay.sdk.token-three-ds', async () => {
    const returnUrl = `${PAGE}/checkout?kessai_return=1&from=token`;
    const token = await t.pciSdk.transactionTokens.create({
      paymentType: PaymentType.CARD,
      type: TransactionTokenType.ONE_TIME,
      email: 'taro@example.jp',
      data: cardData('4000000000003220'),
      threeDs: { mode: TokenThreeDsMode.NORMAL, redirectEndpoint: returnUrl },
    });
    const sent = lastRequest(t.server, 'POST', '/tokens');
    assert.deepEqual(JSON.parse(sent?.body ?? '{}').three_ds, { mode: 'normal', redirect_endpoint: returnUrl });
    const threeDs = token.data?.threeDs;
    assert.equal(threeDs?.enabled, true);
    assert.equal(threeDs?.mode, TokenThreeDsMode.NORMAL);
    assert.equal(threeDs?.redirectEndpoint, returnUrl);
    const charge = await t.pciSdk.charges.create({ transactionTokenId: token.id, amount: 1500, currency: 'JPY' });
    const awaiting = await t.pciSdk.charges.poll(t.storeId, charge.id, undefined, undefined, { interval: 20, timeout: 5000 });
    assert.equal(awaiting.status, ChargeStatus.AWAITING);
    assert.equal(awaiting.threeDs?.redirectEndpoint, returnUrl);
  });

  conformance('univapay.sdk.card-charge', async () => {
    const make = (number: string) =>
      t.pciSdk.transactionTokens.create({ paymentType: PaymentType.CARD, type: TransactionTokenType.ONE_TIME, email: 'taro@example.jp', data: cardData(number) });
    const good = await make('4000020000000000');
    const paid = await t.pciSdk.charges.create({ transactionTokenId: good.id, amount: 1200, currency: 'JPY' });
    const settled = await t.pciSdk.charges.poll(t.storeId, paid.id, undefined, undefined, { interval: 20, timeout: 5000 });
    assert.equal(settled.status, ChargeStatus.SUCCESSFUL);
    assert.equal(settled.chargedAmount, 1200);
    assert.equal(settled.chargedCurrency, 'JPY');
    const bad = await make('4111111111111111');
    const declined = await t.pciSdk.charges.create({ transactionTokenId: bad.id, amount: 1200, currency: 'JPY' });
    const failed = await t.pciSdk.charges.poll(t.storeId, declined.id, undefined, undefined, { interval: 20, timeout: 5000 });
    assert.equal(failed.status, ChargeStatus.FAILED);
    assert.ok(failed.error);
    assert.equal(typeof failed.error.code, 'number');
    assert.equal(typeof failed.error.message, 'string');
    assert.ok('details' in failed.error);
  });

  conformance('univapay.sdk.validation-error', async () => {
    const error = await rejection(
      t.sdk.transactionTokens.create({
        paymentType: PaymentType.KONBINI,
        type: TransactionTokenType.ONE_TIME,
        email: 'taro@example.jp',
        data: { ...konbiniData(), phoneNumber: { countryCode: '81', localNumber: 'abc' } },
      }),
    );
    assert.equal(error.errorResponse.code, 'VALIDATION_ERROR');
    assert.equal(error.errorResponse.httpCode, 400);
    const errors = error.errorResponse.errors as { field: string; reason: string }[];
    assert.ok(errors.length >= 1);
    for (const e of errors) {
      assert.equal(typeof e.field, 'string');
      assert.match(e.reason, /^[A-Z_]+$/);
    }
    assert.ok(errors.some((e) => e.field.startsWith('data.phone_number')), JSON.stringify(errors));
  });

  conformance('univapay.sdk.app-token-origin', async () => {
    const browser = new SDK({ endpoint: t.endpoint, jwt: t.appToken, origin: PAGE });
    const token = await konbiniToken(browser);
    assert.equal(token.paymentType, PaymentType.KONBINI);
    const sent = lastRequest(t.server, 'POST', '/tokens');
    assert.equal(sent?.headers['authorization'], `Bearer ${t.appToken}`);
    assert.equal(sent?.headers['origin'], PAGE);
    const elsewhere = new SDK({ endpoint: t.endpoint, jwt: t.appToken, origin: 'https://evil.example' });
    const error = await rejection(konbiniToken(elsewhere));
    assert.equal(error.errorResponse.code, 'INVALID_DOMAIN');
    assert.equal(error.errorResponse.httpCode, 401);
  });
  conformance('univapay.sdk.recurring-token', async () => {
    const token = await t.pciSdk.transactionTokens.create({
      paymentType: PaymentType.CARD,
      type: TransactionTokenType.RECURRING,
      usageLimit: UsageLimit.MONTHLY,
      email: 'taro@example.jp',
      data: cardData('4000020000000000'),
    });
    assert.equal(token.type, TransactionTokenType.RECURRING);
    assert.equal(token.usageLimit, UsageLimit.MONTHLY);
    assert.equal(token.active, true);
    const data = token.data as TransactionTokenCardDataItem;
    assert.equal(data.threeDs?.status, 'successful');
    assert.equal(data.card?.lastFour, '0000');
    const read = await t.sdk.transactionTokens.get(t.storeId, token.id);
    assert.equal(read.type, TransactionTokenType.RECURRING);
    for (const mode of [ChargeThreeDsMode.NORMAL, ChargeThreeDsMode.REQUIRE]) {
      const charge = await t.sdk.charges.create({ transactionTokenId: token.id, amount: 1200, currency: 'JPY', threeDs: { mode } });
      assert.equal(charge.transactionTokenType, TransactionTokenType.RECURRING);
      assert.equal(charge.threeDs?.mode, mode);
      const done = await t.sdk.charges.poll(t.storeId, charge.id);
      assert.equal(done.status, ChargeStatus.SUCCESSFUL);
    }
  });

  conformance('univapay.sdk.recurring-refusals', async () => {
    const oneTime = await rejection(
      t.pciSdk.transactionTokens.create({
        paymentType: PaymentType.CARD,
        type: TransactionTokenType.ONE_TIME,
        usageLimit: UsageLimit.DAILY,
        email: 'taro@example.jp',
        data: cardData('4000020000000000'),
      }),
    );
    assert.equal(oneTime.errorResponse.code, ResponseErrorCode.UsageLimitNotApplicable);
    for (const [privilege, code] of [
      ['none', ResponseErrorCode.RecurringTokenNotAllowed],
      ['bounded', ResponseErrorCode.RecurringUsageLimitRequired],
    ] as const) {
      const sandbox = createSandbox({ univapay: { recurringTokens: privilege } });
      const server = await startRecordingServer(sandbox.handle);
      try {
        const issued = await sandbox.univapay.issueAppToken({ origins: [PAGE], directCardTokens: true });
        const sdk = new SDK({ endpoint: `${server.origin}/sandbox/univapay`, jwt: issued.appToken, secret: issued.secret });
        const error = await rejection(
          sdk.transactionTokens.create({ paymentType: PaymentType.CARD, type: TransactionTokenType.RECURRING, email: 'taro@example.jp', data: cardData('4000020000000000') }),
        );
        assert.equal(error.errorResponse.code, code, privilege);
        assert.equal(error.errorResponse.status, 'error');
      } finally {
        await server.close();
      }
    }
  });
});
