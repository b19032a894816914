import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import SDK, { ChargeThreeDsMode, ConvenienceStore, PaymentType, TransactionTokenType } from 'univapay-node';
import type { ClientSession } from '../../../src/core/protocol.ts';
import { createKessaiHandler, type UnivapayHandlerConfig } from '../../../src/server/index.ts';
import { createSandbox, type Sandbox } from '../../../src/sandbox/index.ts';
import { conformance } from './checks.ts';
import { jsonBody, startRecordingServer, type RecordingServer, type WireRequest } from './recorder.ts';

/**
 * Our server module (`src/server/univapay`) and UnivaPay's own SDK call the same routes of the same
 * emulator through one recording HTTP server: for each route both use, the requests must agree on
 * method, path, query, `Authorization` scheme, `Content-Type`, the idempotency header, and the body's
 * field names (snake_case, nesting). The SDK is the judge of what UnivaPay expects on the wire.
 */

const PAGE = 'http://localhost:5173';
const RETURN_URL = `${PAGE}/checkout?kessai_return=1`;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

let sandbox: Sandbox;
let server: RecordingServer;
let sdk: SDK;
let appToken: string;
let secret: string;
let storeId: string;

before(async () => {
  sandbox = createSandbox({ univapay: { processingMs: 50 } });
  server = await startRecordingServer(sandbox.handle);
  const issued = await sandbox.univapay.issueAppToken({ origins: [PAGE], directCardTokens: true });
  ({ appToken, secret, storeId } = issued);
  sdk = new SDK({ endpoint: `${server.origin}/sandbox/univapay`, jwt: appToken, secret });
});

after(async () => {
  await server.close();
});

function handler(extra: Partial<UnivapayHandlerConfig> = {}) {
  const config: UnivapayHandlerConfig = {
    provider: 'univapay',
    appToken,
    secret,
    storeId,
    apiBase: `${server.origin}/sandbox/univapay`,
    allowedOrigins: [PAGE],
    amount: () => ({ amount: 1500, currency: 'JPY', orderId: 'ORDER-1' }),
    fetch: globalThis.fetch,
    polling: { attempts: 3, intervalMs: 20 },
    ...extra,
  };
  const handle = createKessaiHandler(config);
  const post = async (body: Record<string, unknown>) => {
    const response = await handle(
      new Request(`${PAGE}/api/univapay`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: PAGE },
        body: JSON.stringify(body),
      }),
    );
    const json = (await response.json()) as Record<string, unknown>;
    assert.equal(response.status, 200, JSON.stringify(json));
    return json;
  };
  return {
    /** Starts a payment (before the card's token exists: pay and save takes a token made after it). */
    async start(): Promise<ClientSession> {
      return (await post({ action: 'start', returnUrl: RETURN_URL }))['session'] as ClientSession;
    },
    async complete(session: ClientSession, tokenId: string, extra: Record<string, unknown> = {}) {
      return post({ action: 'complete', sessionId: session.sessionId, token: tokenId, method: 'card', ...extra });
    },
    async pay(tokenId: string, method: 'card' | 'konbini') {
      const started = await post({ action: 'start', returnUrl: RETURN_URL });
      const session = started['session'] as ClientSession;
      return post({ action: 'complete', sessionId: session.sessionId, token: tokenId, method });
    },
  };
}

const cardToken = (number: string) =>
  sdk.transactionTokens.create({
    paymentType: PaymentType.CARD,
    type: TransactionTokenType.ONE_TIME,
    email: 'taro@example.jp',
    data: { cardholder: 'TARO YAMADA', cardNumber: number, expMonth: 12, expYear: 2031, cvv: '123' },
  });
const recurringToken = (number: string) =>
  sdk.transactionTokens.create({
    paymentType: PaymentType.CARD,
    type: TransactionTokenType.RECURRING,
    email: 'taro@example.jp',
    data: { cardholder: 'TARO YAMADA', cardNumber: number, expMonth: 12, expYear: 2031, cvv: '123' },
  });
const konbiniToken = () =>
  sdk.transactionTokens.create({
    paymentType: PaymentType.KONBINI,
    type: TransactionTokenType.ONE_TIME,
    email: 'taro@example.jp',
    data: { customerName: 'ヤマダ タロウ', convenienceStore: ConvenienceStore.LAWSON, phoneNumber: { countryCode: '81', localNumber: '09012345678' } },
  });

/** `GET /sandbox/univapay/stores/{uuid}/charges/{uuid}` → `GET /stores/{id}/charges/{id}`. */
function route(request: WireRequest): string {
  return `${request.method} ${request.path.replace('/sandbox/univapay', '').replace(UUID, '{id}')}`;
}

function only(requests: WireRequest[], wanted: string): WireRequest {
  const found = requests.filter((r) => route(r) === wanted);
  assert.ok(found.length >= 1, `no ${wanted} in ${requests.map(route).join(', ')}`);
  return found[0] as WireRequest;
}

/** Every key path of a JSON body (`three_ds.mode`), values left out; inside `metadata` only the object itself. */
function keyPaths(value: unknown, prefix = ''): string[] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, inner]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return key === 'metadata' ? [path] : [path, ...keyPaths(inner, path)];
  });
}

/** The request properties UnivaPay reads, apart from the body. */
function envelope(request: WireRequest) {
  return {
    route: route(request),
    query: [...request.query.keys()].sort().map((k) => `${k}=${request.query.get(k)}`),
    authorization: request.headers['authorization']?.replace(/^(\S+) .*$/, '$1 …'),
    contentType: request.headers['content-type'] ?? null,
    idempotencyKey: request.headers['idempotency-key'] !== undefined,
  };
}

function assertSameAuth(ours: WireRequest, theirs: WireRequest): void {
  assert.equal(ours.headers['authorization'], `Bearer ${secret}.${appToken}`);
  assert.equal(theirs.headers['authorization'], ours.headers['authorization']);
}

describe('our UnivaPay server module and univapay-node send the same requests', () => {
  let card: { ours: WireRequest[]; theirs: WireRequest[] };
  let konbini: { ours: WireRequest[]; theirs: WireRequest[] };

  before(async () => {
    // A card that needs 3-D Secure: token read, charge, polled read, issuer token.
    const oursToken = await cardToken('4000000000003220');
    server.take();
    const outcome = (await handler().pay(oursToken.id, 'card'))['outcome'] as { status: string };
    assert.equal(outcome.status, 'requires_action', JSON.stringify(outcome));
    const oursCard = server.take();

    const theirsToken = await cardToken('4000000000003220');
    server.take();
    await sdk.transactionTokens.get(storeId, theirsToken.id);
    const charge = await sdk.charges.create(
      {
        transactionTokenId: theirsToken.id,
        amount: 1500,
        currency: 'JPY',
        metadata: { order: 'ORDER-1' },
        threeDs: { mode: ChargeThreeDsMode.NORMAL, redirectEndpoint: RETURN_URL },
      },
      { idempotentKey: crypto.randomUUID() },
    );
    await sdk.charges.poll(storeId, charge.id, undefined, undefined, { interval: 20, timeout: 5000 });
    await sdk.charges.threeDsIssuerToken(storeId, charge.id);
    card = { ours: oursCard, theirs: server.take() };

    // Konbini with a deadline from the merchant (capture_at), and one without (expiry/latest).
    const k1 = await konbiniToken();
    const k2 = await konbiniToken();
    server.take();
    await handler({ konbiniPaymentDays: 3 }).pay(k1.id, 'konbini');
    await handler().pay(k2.id, 'konbini');
    const oursKonbini = server.take();
    const k3 = await konbiniToken();
    server.take();
    const captureAt = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const kCharge = await sdk.charges.create(
      { transactionTokenId: k3.id, amount: 1500, currency: 'JPY', metadata: { order: 'ORDER-1' }, captureAt },
      { idempotentKey: crypto.randomUUID() },
    );
    await sdk.charges.poll(storeId, kCharge.id, undefined, undefined, { interval: 20, timeout: 5000 });
    await sdk.charges.expiry(kCharge.id, undefined, undefined, storeId);
    konbini = { ours: oursKonbini, theirs: server.take() };
  });

  conformance('univapay.server.charge-create', async () => {
    for (const [what, pair] of [['card', card], ['konbini', konbini]] as const) {
      const ours = only(pair.ours, 'POST /charges');
      const theirs = only(pair.theirs, 'POST /charges');
      assert.deepEqual(envelope(ours), envelope(theirs), what);
      assert.deepEqual(envelope(ours), {
        route: 'POST /charges',
        query: [],
        authorization: 'Bearer …',
        contentType: 'application/json',
        idempotencyKey: true,
      });
      assertSameAuth(ours, theirs);
      assert.match(ours.headers['idempotency-key'] ?? '', /^[\x21-\x7e]{1,255}$/);
      assert.deepEqual(keyPaths(jsonBody(ours)).sort(), keyPaths(jsonBody(theirs)).sort(), `${what}: body fields`);
      assert.equal(typeof jsonBody(ours)['amount'], typeof jsonBody(theirs)['amount']);
      for (const [key, inner] of Object.entries(jsonBody(ours)['metadata'] as Record<string, unknown>)) {
        assert.equal(typeof inner, 'string', `metadata ${key} is flat`);
      }
    }
    assert.deepEqual(keyPaths(jsonBody(only(card.ours, 'POST /charges'))).sort(), [
      'amount',
      'currency',
      'metadata',
      'three_ds',
      'three_ds.mode',
      'three_ds.redirect_endpoint',
      'transaction_token_id',
    ]);
    const oursKonbini = konbini.ours.filter((r) => route(r) === 'POST /charges').map((r) => keyPaths(jsonBody(r)).sort());
    assert.deepEqual(oursKonbini[0], ['amount', 'capture_at', 'currency', 'metadata', 'transaction_token_id']);
    // `capture_at` is an ISO 8601 time in both.
    for (const request of [only(konbini.ours, 'POST /charges'), only(konbini.theirs, 'POST /charges')]) {
      assert.ok(!Number.isNaN(Date.parse(String(jsonBody(request)['capture_at']))));
    }
  });

  conformance('univapay.server.charge-poll', async () => {
    for (const pair of [card, konbini]) {
      const ours = only(pair.ours, 'GET /stores/{id}/charges/{id}');
      const theirs = only(pair.theirs, 'GET /stores/{id}/charges/{id}');
      assert.deepEqual(envelope(ours), envelope(theirs));
      assert.deepEqual(envelope(ours).query, ['polling=true']);
      assert.equal(ours.body, '');
      assertSameAuth(ours, theirs);
    }
  });

  conformance('univapay.server.issuer-token', async () => {
    const ours = only(card.ours, 'GET /stores/{id}/charges/{id}/three_ds/issuer_token');
    const theirs = only(card.theirs, 'GET /stores/{id}/charges/{id}/three_ds/issuer_token');
    assert.deepEqual(envelope(ours), envelope(theirs));
    assertSameAuth(ours, theirs);
  });

  conformance('univapay.server.token-and-expiry', async () => {
    const oursToken = only(card.ours, 'GET /stores/{id}/tokens/{id}');
    const theirsToken = only(card.theirs, 'GET /stores/{id}/tokens/{id}');
    assert.deepEqual(envelope(oursToken), envelope(theirsToken));
    assertSameAuth(oursToken, theirsToken);
    const oursExpiry = only(konbini.ours, 'GET /stores/{id}/charges/{id}/expiry/latest');
    const theirsExpiry = only(konbini.theirs, 'GET /stores/{id}/charges/{id}/expiry/latest');
    assert.deepEqual(envelope(oursExpiry), envelope(theirsExpiry));
    assertSameAuth(oursExpiry, theirsExpiry);
  });

  conformance('univapay.server.token-delete', async () => {
    // Pay and save, unticked: our server deletes the recurring token once the charge is final.
    const ours = handler({ onCardSaved: () => 'card_1' });
    const session = await ours.start();
    assert.equal(session.canSaveCard, true);
    const oursToken = await recurringToken('4000020000000000');
    server.take();
    const outcome = (await ours.complete(session, oursToken.id, { saveCard: false }))['outcome'] as { status: string };
    assert.equal(outcome.status, 'succeeded', JSON.stringify(outcome));
    const oursDelete = only(server.take(), 'DELETE /stores/{id}/tokens/{id}');

    const theirsToken = await recurringToken('4000020000000000');
    server.take();
    await sdk.transactionTokens.delete(storeId, theirsToken.id);
    const theirsDelete = only(server.take(), 'DELETE /stores/{id}/tokens/{id}');

    assert.ok(oursDelete.path.endsWith(`/stores/${storeId}/tokens/${oursToken.id}`), oursDelete.path);
    assert.deepEqual(envelope(oursDelete), envelope(theirsDelete));
    assert.deepEqual(envelope(oursDelete), {
      route: 'DELETE /stores/{id}/tokens/{id}',
      query: [],
      authorization: 'Bearer …',
      contentType: null,
      idempotencyKey: false,
    });
    assert.equal(oursDelete.body, '');
    assertSameAuth(oursDelete, theirsDelete);
    assert.equal(sandbox.univapay.inspect.tokens().find((t) => t.id === theirsToken.id)?.deleted, true);
  });
});
