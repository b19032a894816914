import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSandbox, createUnivapayEmulator, type UnivapayEmulatorOptions } from '../../../src/sandbox/index.ts';

/**
 * The UnivaPay emulator on its own (providers README section 2, seed 001): auth and CORS, token and
 * charge validation, statuses, konbini deadlines, idempotency, pages. Calls go through `createSandbox`
 * as the demo mounts it.
 */

const PAGE = 'http://localhost:5173';
const SANDBOX = 'http://127.0.0.1:5173';
const API = `${SANDBOX}/sandbox/univapay`;
const RETURN = `${PAGE}/checkout?cart=42`;
/** 2025-03-01 10:00 JST. */
const NOW = new Date('2025-03-01T01:00:00Z');

interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Record<string, unknown>;
}

async function harness(options: Omit<UnivapayEmulatorOptions, 'basePath'> = {}) {
  let now = NOW;
  const sandbox = createSandbox({ univapay: { now: () => now, ...options } });
  const emulator = sandbox.univapay;
  // A PCI DSS merchant's app token, allowed to send raw card data.
  const { appToken, secret, storeId } = await emulator.issueAppToken({ origins: [PAGE], directCardTokens: true });
  const app = `Bearer ${appToken}`;
  const server = `Bearer ${secret}.${appToken}`;

  async function call(
    method: 'GET' | 'POST' | 'OPTIONS',
    path: string,
    options: { auth?: string | null; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<Answer> {
    const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
    const auth = options.auth === undefined ? server : options.auth;
    if (auth !== null) headers['Authorization'] = auth;
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await sandbox.fetch(`${API}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  }
  const cardData = (number: string, extra: Record<string, unknown> = {}) => ({
    cardholder: 'TARO YAMADA',
    card_number: number,
    exp_month: 12,
    exp_year: 2030,
    cvv: '123',
    ...extra,
  });
  /** A card token from the browser (app token, page origin). */
  async function cardToken(number: string, extra: Record<string, unknown> = {}): Promise<string> {
    const answer = await call('POST', '/tokens', {
      auth: app,
      headers: { Origin: PAGE },
      body: { payment_type: 'card', type: 'one_time', email: 'taro@example.jp', data: cardData(number), ...extra },
    });
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    return answer.body['id'] as string;
  }
  async function konbiniToken(store: string, extra: Record<string, unknown> = {}, data: Record<string, unknown> = {}) {
    const answer = await call('POST', '/tokens', {
      auth: app,
      headers: { Origin: PAGE },
      body: {
        payment_type: 'konbini',
        type: 'one_time',
        email: 'demo@univapay.com',
        data: {
          customer_name: 'テスト 太郎',
          convenience_store: store,
          phone_number: { country_code: '81', local_number: '0364413400' },
          ...data,
        },
        ...extra,
      },
    });
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    return answer.body['id'] as string;
  }
  async function charge(tokenId: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
    return call('POST', '/charges', {
      body: { transaction_token_id: tokenId, amount: 1500, currency: 'jpy', three_ds: { mode: 'normal', redirect_endpoint: RETURN }, ...extra },
      headers,
    });
  }
  const getCharge = (id: string, query = '') => call('GET', `/stores/${storeId}/charges/${id}${query}`);
  return {
    sandbox,
    emulator,
    appToken,
    secret,
    storeId,
    app,
    server,
    call,
    cardData,
    cardToken,
    konbiniToken,
    charge,
    getCharge,
    setNow: (date: Date) => {
      now = date;
    },
  };
}

function errorOf(answer: Answer) {
  assert.deepEqual(Object.keys(answer.body).sort(), ['code', 'errors', 'status']);
  assert.equal(answer.body['status'], 'error');
  return { code: answer.body['code'] as string, errors: answer.body['errors'] as { field: string; reason: string }[] };
}

describe('UnivaPay emulator: auth and CORS (README 2.1)', () => {
  it('answers the CORS preflight of a browser on any origin', async () => {
    const t = await harness();
    const answer = await t.sandbox.fetch(`${API}/tokens`, {
      method: 'OPTIONS',
      headers: { Origin: PAGE, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization, content-type, idempotency-key' },
    });
    assert.equal(answer.status, 204);
    assert.equal(answer.headers.get('access-control-allow-origin'), PAGE);
    const allowed = (answer.headers.get('access-control-allow-headers') ?? '').toLowerCase();
    for (const header of ['authorization', 'content-type', 'idempotency-key']) assert.ok(allowed.includes(header));
  });

  it('no Authorization → 401 AUTH_HEADER_MISSING, with CORS so the browser can read it', async () => {
    const t = await harness();
    const answer = await t.call('POST', '/tokens', { auth: null, headers: { Origin: PAGE }, body: {} });
    assert.equal(answer.status, 401);
    assert.deepEqual(errorOf(answer), { code: 'AUTH_HEADER_MISSING', errors: [] });
    assert.equal(answer.headers.get('access-control-allow-origin'), PAGE);
  });

  it('an app token not signed by this sandbox → 401 INVALID_APP_TOKEN', async () => {
    const t = await harness();
    const other = createUnivapayEmulator({ jwtSigningKey: 'another sandbox signing key' });
    const foreign = await other.issueAppToken({ origins: [PAGE] });
    for (const auth of [`Bearer ${foreign.appToken}`, 'Bearer a.b.c', `Bearer ${t.appToken}x`]) {
      const answer = await t.call('POST', '/tokens', { auth, headers: { Origin: PAGE }, body: {} });
      assert.equal(answer.status, 401);
      assert.equal(errorOf(answer).code, 'INVALID_APP_TOKEN');
    }
  });

  it('the app token from an origin it is not bound to, or with no Origin → 401 INVALID_DOMAIN', async () => {
    const t = await harness();
    for (const headers of [{ Origin: 'https://evil.example' }, { Origin: 'http://localhost:5174' }, {}] as Record<string, string>[]) {
      const answer = await t.call('POST', '/tokens', { auth: t.app, headers, body: {} });
      assert.equal(answer.status, 401);
      assert.deepEqual(errorOf(answer), { code: 'INVALID_DOMAIN', errors: [] });
    }
    assert.equal(t.emulator.inspect.tokens().length, 0);
  });

  it('a bare host among the domains allows any scheme and port of it', async () => {
    const t = await harness();
    const bound = await t.emulator.issueAppToken({ origins: ['shop.example'], directCardTokens: true });
    const answer = await t.call('POST', '/tokens', {
      auth: `Bearer ${bound.appToken}`,
      headers: { Origin: 'https://shop.example' },
      body: { payment_type: 'card', type: 'one_time', email: 'taro@example.jp', data: t.cardData('4242424242424242') },
    });
    assert.equal(answer.status, 201);
    await assert.rejects(t.emulator.issueAppToken({ origins: ['javascript:alert(1)'] }), TypeError);
  });

  it('a wrong secret → 401 INVALID_CREDENTIALS; the app token alone cannot charge (403 INVALID_PERMISSIONS)', async () => {
    const t = await harness();
    const tokenId = await t.cardToken('4242424242424242');
    const wrong = await t.call('POST', '/charges', {
      auth: `Bearer wrongsecret.${t.appToken}`,
      body: { transaction_token_id: tokenId, amount: 1500, currency: 'JPY' },
    });
    assert.equal(wrong.status, 401);
    assert.equal(errorOf(wrong).code, 'INVALID_CREDENTIALS');
    const appOnly = await t.call('POST', '/charges', {
      auth: t.app,
      headers: { Origin: PAGE },
      body: { transaction_token_id: tokenId, amount: 1500, currency: 'JPY' },
    });
    assert.equal(appOnly.status, 403);
    assert.equal(errorOf(appOnly).code, 'INVALID_PERMISSIONS');
    assert.equal(t.emulator.inspect.charges().length, 0);
  });

  it('logs every call without bodies or keys', async () => {
    const t = await harness();
    await t.cardToken('4242424242424242');
    const [logged] = t.emulator.inspect.requests();
    assert.deepEqual(
      { route: logged!.route, auth: logged!.auth, status: logged!.status, origin: logged!.origin },
      { route: 'POST /tokens', auth: 'app', status: 201, origin: PAGE },
    );
    assert.ok(!JSON.stringify(t.emulator.inspect.requests()).includes('4242424242424242'));
  });
});

describe('UnivaPay emulator: POST /tokens (README 2.2)', () => {
  it('answers a card token with brand, BIN and last four only', async () => {
    const t = await harness();
    const answer = await t.call('POST', '/tokens', {
      auth: t.app,
      headers: { Origin: PAGE },
      body: { payment_type: 'card', type: 'one_time', email: 'taro@example.jp', data: t.cardData('3530111333300000', { three_ds: { enabled: true, redirect_endpoint: RETURN } }) },
    });
    assert.equal(answer.status, 201);
    assert.match(answer.body['id'] as string, /^11ef[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    assert.equal(answer.body['payment_type'], 'card');
    assert.equal(answer.body['store_id'], t.storeId);
    assert.equal(answer.body['mode'], 'test');
    assert.equal(answer.body['email'], 'taro@example.jp');
    const data = answer.body['data'] as { card: Record<string, unknown>; three_ds: Record<string, unknown> };
    assert.deepEqual([data.card['brand'], data.card['card_bin'], data.card['last_four']], ['jcb', '353011', '0000']);
    assert.deepEqual([data.three_ds['enabled'], data.three_ds['redirect_endpoint']], [true, RETURN]);
    const text = JSON.stringify(answer.body);
    assert.ok(!text.includes('3530111333300000') && !text.includes('"123"'), 'card number or CVC in the answer');
  });

  const refusals: [what: string, data: Record<string, unknown>, field: string, reason: string][] = [
    ['a number failing Luhn', { card_number: '4242424242424241' }, 'data.card_number', 'INVALID_CARD_NUMBER'],
    ['a short number', { card_number: '4242' }, 'data.card_number', 'INVALID_CARD_NUMBER'],
    ['month 13', { exp_month: 13 }, 'data.exp_month', 'INVALID_FORMAT'],
    ['an expiry last year', { exp_year: 2024 }, 'data.exp_year', 'CARD_EXPIRED'],
    ['an expiry last month', { exp_month: 2, exp_year: 2025 }, 'data.exp_month', 'CARD_EXPIRED'],
    ['a 2-digit CVV', { cvv: '12' }, 'data.cvv', 'INVALID_FORMAT'],
    ['no cardholder', { cardholder: undefined }, 'data.cardholder', 'REQUIRED_VALUE'],
  ];
  for (const [what, data, field, reason] of refusals) {
    it(`refuses ${what}: 400 VALIDATION_ERROR ${field} ${reason}`, async () => {
      const t = await harness();
      const answer = await t.call('POST', '/tokens', {
        auth: t.app,
        headers: { Origin: PAGE },
        body: { payment_type: 'card', type: 'one_time', email: 'taro@example.jp', data: t.cardData('4242424242424242', data) },
      });
      assert.equal(answer.status, 400);
      assert.deepEqual(errorOf(answer), { code: 'VALIDATION_ERROR', errors: [{ field, reason }] });
    });
  }

  it('accepts the expiry month that is current in Japan', async () => {
    const t = await harness();
    const answer = await t.call('POST', '/tokens', {
      auth: t.app,
      headers: { Origin: PAGE },
      body: { payment_type: 'card', type: 'one_time', email: 'taro@example.jp', data: t.cardData('4242424242424242', { exp_month: 3, exp_year: 25 }) },
    });
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
  });

  it('answers a konbini token in the seed 001 shape', async () => {
    const t = await harness();
    const id = await t.konbiniToken('family_mart', { metadata: { memberid: '12345' } });
    const answer = await t.call('GET', `/stores/${t.storeId}/tokens/${id}`);
    assert.equal(answer.status, 200);
    assert.equal(answer.body['email'], 'demo@univapay.com');
    assert.deepEqual(answer.body['metadata'], { memberid: '12345' });
    assert.deepEqual(answer.body['data'], {
      customer_name: 'テスト 太郎',
      convenience_store: 'family_mart',
      expiration_period: null,
      expiration_time_shift: null,
      phone_number: { country_code: '81', local_number: '0364413400' },
    });
  });

  const konbiniRefusals: [what: string, body: Record<string, unknown>, data: Record<string, unknown>, errors: unknown][] = [
    ['no email', { email: undefined }, {}, [{ field: 'email', reason: 'REQUIRED_VALUE' }]],
    ['a bad email', { email: 'not-an-email' }, {}, [{ field: 'email', reason: 'INVALID_FORMAT' }]],
    ['a foreign phone', {}, { phone_number: { country_code: '1', local_number: '4155550100' } }, [{ field: 'data.phone_number.country_code', reason: 'ONLY_JAPANESE_PHONE_NUMBER_ALLOWED' }]],
    ['a short phone', {}, { phone_number: { country_code: '81', local_number: '03644134' } }, [{ field: 'data.phone_number.local_number', reason: 'INVALID_PHONE_NUMBER' }]],
    ['no phone', {}, { phone_number: undefined }, [{ field: 'data.phone_number', reason: 'REQUIRED_VALUE' }]],
    ['pay_easy (not a konbini we take)', {}, { convenience_store: 'pay_easy' }, [{ field: 'data.convenience_store', reason: 'INVALID_FORMAT' }]],
    ['an expiration period in hours', {}, { expiration_period: 'PT12H' }, [{ field: 'data.expiration_period', reason: 'INVALID_FORMAT' }]],
  ];
  for (const [what, body, data, errors] of konbiniRefusals) {
    it(`refuses a konbini token with ${what}`, async () => {
      const t = await harness();
      const answer = await t.call('POST', '/tokens', {
        auth: t.app,
        headers: { Origin: PAGE },
        body: {
          payment_type: 'konbini',
          type: 'one_time',
          email: 'demo@univapay.com',
          data: { customer_name: 'テスト 太郎', convenience_store: 'lawson', phone_number: { country_code: '81', local_number: '0364413400' }, ...data },
          ...body,
        },
      });
      assert.equal(answer.status, 400);
      assert.deepEqual(errorOf(answer), { code: 'VALIDATION_ERROR', errors });
    });
  }

  it('konbini off → CONVENIENCE_PROCESSING_DISABLED; a chain off → NOT_SUPPORTED on the store', async () => {
    const off = await harness({ paymentTypes: ['card'] });
    const answer = await off.call('POST', '/tokens', {
      auth: off.app,
      headers: { Origin: PAGE },
      body: { payment_type: 'konbini', type: 'one_time', email: 'a@b.jp', data: {} },
    });
    assert.equal(errorOf(answer).code, 'CONVENIENCE_PROCESSING_DISABLED');
    const some = await harness({ convenienceStores: ['lawson'] });
    const refused = await some.call('POST', '/tokens', {
      auth: some.app,
      headers: { Origin: PAGE },
      body: {
        payment_type: 'konbini',
        type: 'one_time',
        email: 'a@b.jp',
        data: { customer_name: 'A', convenience_store: 'seven_eleven', phone_number: { country_code: '81', local_number: '0364413400' } },
      },
    });
    assert.deepEqual(errorOf(refused).errors, [{ field: 'data.convenience_store', reason: 'NOT_SUPPORTED' }]);
  });
});

describe('UnivaPay emulator: raw card data and the card token email', () => {
  const tokenBody = (extra: Record<string, unknown> = {}, data: Record<string, unknown> = {}) => ({
    payment_type: 'card',
    type: 'one_time',
    email: 'taro@example.jp',
    data: { cardholder: 'TARO YAMADA', card_number: '4242424242424242', exp_month: 12, exp_year: 2030, cvv: '123', ...data },
    ...extra,
  });

  it('refuses raw card data from an app token that may not send it: 401 DIRECT_CARD_TOKEN_CREATION_DISABLED, errors []', async () => {
    const t = await harness();
    const plain = await t.emulator.issueAppToken({ origins: [PAGE] });
    for (const auth of [`Bearer ${plain.appToken}`, `Bearer ${plain.secret}.${plain.appToken}`]) {
      const answer = await t.call('POST', '/tokens', { auth, headers: { Origin: PAGE }, body: tokenBody() });
      assert.equal(answer.status, 401, auth);
      assert.deepEqual(answer.body, { status: 'error', code: 'DIRECT_CARD_TOKEN_CREATION_DISABLED', errors: [] });
    }
    // Before the card is even read: a bad number is refused the same way.
    const bad = await t.call('POST', '/tokens', { auth: `Bearer ${plain.appToken}`, headers: { Origin: PAGE }, body: tokenBody({}, { card_number: '1' }) });
    assert.equal(errorOf(bad).code, 'DIRECT_CARD_TOKEN_CREATION_DISABLED');
    assert.equal(t.emulator.inspect.tokens().length, 0);
    // Konbini needs no PCI DSS and still works.
    const konbini = await t.call('POST', '/tokens', {
      auth: `Bearer ${plain.appToken}`,
      headers: { Origin: PAGE },
      body: {
        payment_type: 'konbini',
        type: 'one_time',
        email: 'demo@univapay.com',
        data: { customer_name: 'テスト 太郎', convenience_store: 'lawson', phone_number: { country_code: '81', local_number: '0364413400' } },
      },
    });
    assert.equal(konbini.status, 201);
  });

  it('takes it from an app token issued with directCardTokens: true, and from any token when the account allows it', async () => {
    const t = await harness();
    const allowed = await t.call('POST', '/tokens', { auth: t.app, headers: { Origin: PAGE }, body: tokenBody() });
    assert.equal(allowed.status, 201, 'the harness token was issued with directCardTokens: true');
    const account = await harness({ directCardTokens: true });
    const plain = await account.emulator.issueAppToken({ origins: [PAGE] });
    const answer = await account.call('POST', '/tokens', { auth: `Bearer ${plain.appToken}`, headers: { Origin: PAGE }, body: tokenBody() });
    assert.equal(answer.status, 201);
  });

  it('needs the email on a card token: 400 VALIDATION_ERROR email REQUIRED_VALUE, unless cardTokenEmail is optional', async () => {
    const t = await harness();
    const answer = await t.call('POST', '/tokens', { auth: t.app, headers: { Origin: PAGE }, body: tokenBody({ email: undefined }) });
    assert.equal(answer.status, 400);
    assert.deepEqual(errorOf(answer), { code: 'VALIDATION_ERROR', errors: [{ field: 'email', reason: 'REQUIRED_VALUE' }] });
    assert.equal(t.emulator.inspect.tokens().length, 0);
    const lenient = await harness({ cardTokenEmail: 'optional' });
    const taken = await lenient.call('POST', '/tokens', { auth: lenient.app, headers: { Origin: PAGE }, body: tokenBody({ email: undefined }) });
    assert.equal(taken.status, 201);
    assert.equal(taken.body['email'], null);
  });
});

describe('UnivaPay emulator: charges (README 2.3–2.5)', () => {
  it('creates a charge `pending`, answers the README shape, and settles at the next read', async () => {
    const t = await harness();
    const tokenId = await t.cardToken('4000020000000000');
    const created = await t.charge(tokenId, { metadata: { order: 'A-1', n: 2 } });
    assert.equal(created.status, 201);
    for (const field of ['id', 'store_id', 'transaction_token_id', 'requested_amount', 'requested_currency', 'charged_amount', 'capture_at', 'status', 'error', 'metadata', 'mode', 'created_on', 'three_ds']) {
      assert.ok(field in created.body, field);
    }
    assert.deepEqual(
      [created.body['status'], created.body['requested_amount'], created.body['requested_currency'], created.body['charged_amount']],
      ['pending', 1500, 'JPY', null],
    );
    const threeDs = created.body['three_ds'] as Record<string, unknown>;
    assert.equal(threeDs['redirect_endpoint'], RETURN);
    assert.match(threeDs['redirect_id'] as string, /^11ef/);
    const read = await t.getCharge(created.body['id'] as string);
    assert.deepEqual([read.body['status'], read.body['charged_amount'], read.body['error']], ['successful', 1500, null]);
    assert.deepEqual(read.body['metadata'], { order: 'A-1', n: 2 });
  });

  it('takes the amount as a string, as the docs example sends it', async () => {
    const t = await harness();
    const created = await t.charge(await t.cardToken('4242424242424242'), { amount: '100' });
    assert.equal(created.body['requested_amount'], 100);
  });

  it('refuses a second charge of a one-time token (TRANSACTION_ALREADY_PROCESSED) and unknown tokens (404)', async () => {
    const t = await harness();
    const tokenId = await t.cardToken('4242424242424242');
    assert.equal((await t.charge(tokenId)).status, 201);
    const again = await t.charge(tokenId);
    assert.equal(again.status, 400);
    assert.equal(errorOf(again).code, 'TRANSACTION_ALREADY_PROCESSED');
    const unknown = await t.charge('11ef0000-0000-4000-8000-000000000000');
    assert.equal(unknown.status, 404);
  });

  it('refuses a charge without amount, or with a redirect endpoint that is not http(s)', async () => {
    const t = await harness();
    const tokenId = await t.cardToken('4242424242424242');
    const noAmount = await t.call('POST', '/charges', { body: { transaction_token_id: tokenId, currency: 'JPY' } });
    assert.deepEqual(errorOf(noAmount), { code: 'VALIDATION_ERROR', errors: [{ field: 'amount', reason: 'REQUIRED_VALUE' }] });
    const badRedirect = await t.charge(tokenId, { three_ds: { redirect_endpoint: 'javascript:alert(1)' } });
    assert.deepEqual(errorOf(badRedirect).errors, [{ field: 'three_ds.redirect_endpoint', reason: 'INVALID_FORMAT' }]);
  });

  it('Idempotency-Key: the same body gives the same charge (replayed); another body → 409', async () => {
    const t = await harness();
    const tokenId = await t.cardToken('4242424242424242');
    const key = { 'Idempotency-Key': '6f1c1f0e-3b7a-4c55-9a7e-0d6f5b1e2a11' };
    const first = await t.charge(tokenId, {}, key);
    const second = await t.charge(tokenId, {}, key);
    assert.deepEqual(second.body, first.body);
    assert.equal(t.emulator.inspect.charges().length, 1);
    assert.deepEqual(t.emulator.inspect.requests({ route: 'POST /charges' }).map((r) => r.replayed), [false, true]);
    const other = await t.charge(tokenId, { amount: 999 }, key);
    assert.equal(other.status, 409);
    assert.equal(errorOf(other).code, 'IDEMPOTENCY_KEY_CONFLICT');
  });

  it('Idempotency-Key: repeats sent while the first is in flight wait for it and get its answer', async () => {
    const t = await harness();
    const tokenId = await t.cardToken('4242424242424242');
    const key = { 'Idempotency-Key': 'double-click' };
    const answers = await Promise.all([t.charge(tokenId, {}, key), t.charge(tokenId, {}, key), t.charge(tokenId, {}, key)]);
    assert.deepEqual(answers.map((a) => a.status), [201, 201, 201]);
    assert.equal(new Set(answers.map((a) => a.body['id'])).size, 1);
    assert.equal(t.emulator.inspect.charges().length, 1);
    assert.deepEqual(t.emulator.inspect.requests({ route: 'POST /charges' }).map((r) => r.replayed).sort(), [false, true, true]);
  });

  it('test cards: 1111 → failed 306; the challenge card → awaiting; force → awaiting; skip → successful', async () => {
    const t = await harness();
    const status = async (number: string, extra: Record<string, unknown> = {}) => {
      const created = await t.charge(await t.cardToken(number), extra);
      const read = await t.getCharge(created.body['id'] as string);
      return [read.body['status'], (read.body['error'] as { code?: number } | null)?.code ?? null];
    };
    assert.deepEqual(await status('4111111111111111'), ['failed', 306]);
    assert.deepEqual(await status('5555555555531111'), ['failed', 306]);
    assert.deepEqual(await status('4000000000003220'), ['awaiting', null]);
    assert.deepEqual(await status('4242424242424242', { three_ds: { mode: 'force', redirect_endpoint: RETURN } }), ['awaiting', null]);
    assert.deepEqual(await status('4000000000003220', { three_ds: { mode: 'skip' } }), ['successful', null]);
    assert.deepEqual(await status('4012888888881881', { capture: false }), ['authorized', null]);
    assert.deepEqual(await status('6011111111111117'), ['successful', null]);
  });

  it('the +charge-failure-<code> email forces that code; codes starting with 4 or 6 cannot be forced', async () => {
    const t = await harness();
    const forced = await t.charge(await t.cardToken('4242424242424242', { email: 'test+charge-failure-309@univapay.com' }));
    assert.deepEqual((await t.getCharge(forced.body['id'] as string)).body['error'], { code: 309, message: 'GENERAL_ERROR', details: null });
    const konbini = await t.charge(await t.konbiniToken('lawson', { email: 'k+charge-failure-330@example.jp' }));
    assert.equal((await t.getCharge(konbini.body['id'] as string)).body['status'], 'failed');
    const notForced = await t.charge(await t.cardToken('4242424242424242', { email: 'test+charge-failure-402@univapay.com' }));
    assert.equal((await t.getCharge(notForced.body['id'] as string)).body['status'], 'successful');
  });

  it('issuer token only while awaiting the challenge; it names the challenge page and the charge', async () => {
    const t = await harness();
    const created = await t.charge(await t.cardToken('4000000000003220'));
    const id = created.body['id'] as string;
    const issuer = await t.call('GET', `/stores/${t.storeId}/charges/${id}/three_ds/issuer_token`);
    assert.deepEqual(issuer.body, {
      issuer_token: `${API}/three_ds/challenge`,
      call_method: 'http_post',
      payload: { resource_id: id, resource_type: 'charge' },
      payment_type: 'card',
      content_type: 'application/x-www-form-urlencoded; charset=UTF-8',
    });
    const paid = await t.charge(await t.cardToken('4242424242424242'));
    const none = await t.call('GET', `/stores/${t.storeId}/charges/${paid.body['id'] as string}/three_ds/issuer_token`);
    assert.equal(none.status, 404);
  });

  it('another store in the path → 404; the app token may read a charge from an allowed origin', async () => {
    const t = await harness();
    const created = await t.charge(await t.cardToken('4242424242424242'));
    const id = created.body['id'] as string;
    const other = await t.call('GET', `/stores/11ef0000-0000-4000-8000-000000000001/charges/${id}`);
    assert.equal(other.status, 404);
    const byApp = await t.call('GET', `/stores/${t.storeId}/charges/${id}`, { auth: t.app, headers: { Origin: PAGE } });
    assert.equal(byApp.status, 200);
  });

  it('?polling=true holds a pending charge until it settles', async () => {
    const t = await harness({ now: () => new Date(), processingMs: 80 });
    const created = await t.charge(await t.cardToken('4242424242424242'));
    const id = created.body['id'] as string;
    assert.equal((await t.getCharge(id)).body['status'], 'pending');
    const started = Date.now();
    const held = await t.getCharge(id, '?polling=true');
    assert.equal(held.body['status'], 'successful');
    assert.ok(Date.now() - started < 2000);
  });

  it('?polling=true gives up after maxPollMs and answers pending', async () => {
    const t = await harness({ now: () => new Date(), processingMs: 60_000, maxPollMs: 30 });
    const created = await t.charge(await t.cardToken('4242424242424242'));
    const held = await t.getCharge(created.body['id'] as string, '?polling=true');
    assert.equal(held.body['status'], 'pending');
  });

  it('CHARGE_TOO_QUICK when enabled: the same amount on the same card within the window', async () => {
    const t = await harness({ chargeTooQuickSeconds: 30 });
    assert.equal((await t.charge(await t.cardToken('4242424242424242'))).status, 201);
    const quick = await t.charge(await t.cardToken('4242424242424242'));
    assert.equal(errorOf(quick).code, 'CHARGE_TOO_QUICK');
    assert.equal((await t.charge(await t.cardToken('4242424242424242'), { amount: 1501 })).status, 201);
    t.setNow(new Date(NOW.getTime() + 31_000));
    assert.equal((await t.charge(await t.cardToken('4242424242424242'))).status, 201);
  });
});

describe('UnivaPay emulator: konbini (README 2.7, seed 001)', () => {
  it('awaiting with the payment number in metadata; the slip URL for 7-Eleven only', async () => {
    const t = await harness();
    const seven = await t.charge(await t.konbiniToken('seven_eleven'), { three_ds: undefined, metadata: { orderid: '12345' } });
    const pending = seven.body['metadata'] as Record<string, unknown>;
    assert.deepEqual(pending, { orderid: '12345' }, 'no slip keys while pending');
    const read = await t.getCharge(seven.body['id'] as string);
    assert.equal(read.body['status'], 'awaiting');
    const metadata = read.body['metadata'] as Record<string, string>;
    assert.equal(metadata['orderid'], '12345');
    assert.match(metadata['internal_convenience_payment_number']!, /^\d{13}$/);
    assert.equal(metadata['internal_convenience_payment_url'], `${API}/konbini/${seven.body['id'] as string}`);

    for (const store of ['family_mart', 'lawson', 'mini_stop', 'daily_yamazaki', 'yamazaki_daily_store', 'seico_mart']) {
      const other = await t.charge(await t.konbiniToken(store));
      const otherRead = await t.getCharge(other.body['id'] as string);
      const m = otherRead.body['metadata'] as Record<string, string>;
      assert.match(m['internal_convenience_payment_number']!, /^20020-\d{12}$/, store);
      assert.equal(m['internal_convenience_payment_url'], undefined, store);
    }
  });

  it('payment-number patterns are configurable per store', async () => {
    const t = await harness({ konbini: { paymentNumbers: { lawson: '####-######' } } });
    const created = await t.charge(await t.konbiniToken('lawson'));
    const read = await t.getCharge(created.body['id'] as string);
    assert.match((read.body['metadata'] as Record<string, string>)['internal_convenience_payment_number']!, /^\d{4}-\d{6}$/);
  });

  it('deadline: 30 days at 23:59:59 JST by default; the token’s P7D; capture_at (day only for 7-Eleven)', async () => {
    const t = await harness();
    const expiry = async (id: string) =>
      (await t.call('GET', `/stores/${t.storeId}/charges/${id}/expiry/latest`)).body['expiration_date'];
    const byDefault = await t.charge(await t.konbiniToken('lawson'));
    assert.equal(await expiry(byDefault.body['id'] as string), '2025-03-31T14:59:59Z');
    const week = await t.charge(await t.konbiniToken('lawson', {}, { expiration_period: 'P7D' }));
    assert.equal(await expiry(week.body['id'] as string), '2025-03-08T14:59:59Z');
    const atTime = await t.charge(await t.konbiniToken('family_mart'), { capture_at: '2025-03-05T03:00:00Z' });
    assert.equal(await expiry(atTime.body['id'] as string), '2025-03-05T03:00:00Z');
    assert.equal(atTime.body['capture_at'], '2025-03-05T03:00:00Z');
    const seven = await t.charge(await t.konbiniToken('seven_eleven'), { capture_at: '2025-03-05T03:00:00Z' });
    assert.equal(await expiry(seven.body['id'] as string), '2025-03-05T14:59:59Z');
    const card = await t.charge(await t.cardToken('4242424242424242'));
    assert.equal((await t.call('GET', `/stores/${t.storeId}/charges/${card.body['id'] as string}/expiry/latest`)).status, 404);
  });

  it('konbini charges take JPY only', async () => {
    const t = await harness();
    const answer = await t.charge(await t.konbiniToken('lawson'), { currency: 'USD' });
    assert.deepEqual(errorOf(answer).errors, [{ field: 'currency', reason: 'NOT_SUPPORTED' }]);
  });

  it('past the deadline the charge is failed, with no error code', async () => {
    const t = await harness();
    const created = await t.charge(await t.konbiniToken('lawson', {}, { expiration_period: 'P1D' }));
    const id = created.body['id'] as string;
    assert.equal((await t.getCharge(id)).body['status'], 'awaiting');
    t.setNow(new Date('2025-03-02T15:00:00Z'));
    const read = await t.getCharge(id);
    assert.deepEqual([read.body['status'], read.body['error']], ['failed', null]);
  });
});

describe('UnivaPay emulator: pages', () => {
  async function challenge(t: Awaited<ReturnType<typeof harness>>) {
    const created = await t.charge(await t.cardToken('4000000000003220'));
    const id = created.body['id'] as string;
    await t.getCharge(id);
    const page = await t.sandbox.fetch(`${API}/three_ds/challenge`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: PAGE },
      body: new URLSearchParams({ resource_id: id, resource_type: 'charge' }),
    });
    return { id, page, html: await page.text() };
  }

  it('the challenge page: two buttons, no script, a CSP that lets the form go back to the shop', async () => {
    const t = await harness();
    const { page, html } = await challenge(t);
    assert.equal(page.status, 200);
    assert.ok(html.includes('>Complete authentication</button>') && html.includes('>Fail authentication</button>'));
    assert.ok(html.includes('¥1,500') && html.includes('Visa ending in 3220'));
    assert.ok(!/<script/i.test(html));
    const csp = page.headers.get('content-security-policy') ?? '';
    assert.ok(csp.includes("script-src 'none'"));
    assert.ok(csp.includes(`form-action 'self' ${PAGE}`), csp);
  });

  it('a button post from another origin is refused, and the charge stays awaiting', async () => {
    const t = await harness();
    const { id } = await challenge(t);
    const forged = await t.sandbox.fetch(`${API}/three_ds/challenge/${id}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'https://evil.example' },
      body: 'result=complete',
    });
    assert.equal(forged.status, 403);
    assert.equal(t.emulator.inspect.charge(id)!.status, 'awaiting');
  });

  it('answering twice sends the shopper back again without changing the result', async () => {
    const t = await harness();
    const { id } = await challenge(t);
    const post = (result: string) =>
      t.sandbox.fetch(`${API}/three_ds/challenge/${id}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: SANDBOX },
        body: `result=${result}`,
        redirect: 'manual',
      });
    const first = await post('fail');
    assert.equal(first.headers.get('location'), `${RETURN}&univapayChargeId=${id}`);
    const second = await post('complete');
    assert.equal(second.status, 303);
    assert.equal(t.emulator.inspect.charge(id)!.status, 'failed');
    assert.equal(t.emulator.inspect.charge(id)!.error?.code, 358);
    const finished = await challenge(t);
    assert.ok(finished.html.includes('Complete authentication'), 'a new charge has its own page');
  });

  it('the slip page: number, deadline in JST, and buttons while awaiting', async () => {
    const t = await harness();
    const created = await t.charge(await t.konbiniToken('lawson'));
    const id = created.body['id'] as string;
    const number = ((await t.getCharge(id)).body['metadata'] as Record<string, string>)['internal_convenience_payment_number']!;
    const html = await (await t.sandbox.fetch(`${API}/konbini/${id}`)).text();
    assert.ok(html.includes(number));
    assert.ok(html.includes('31 Mar 2025, 23:59 JST') && html.includes('2025年3月31日 23:59'));
    assert.ok(html.includes('Mark as paid') && html.includes('Mark as expired'));
    const paid = await t.sandbox.fetch(`${API}/konbini/${id}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: SANDBOX },
      body: 'action=paid',
      redirect: 'manual',
    });
    assert.equal(paid.status, 303);
    assert.equal(t.emulator.inspect.charge(id)!.status, 'successful');
    const after = await (await t.sandbox.fetch(`${API}/konbini/${id}`)).text();
    assert.ok(after.includes('Paid') && !after.includes('Mark as paid'));
    const dashboard = await (await t.sandbox.fetch(`${API}/dashboard`)).text();
    assert.ok(dashboard.includes(id));
  });

  it('no slip page for a card charge; pages escape what they show', async () => {
    const t = await harness();
    const created = await t.charge(await t.cardToken('4242424242424242'));
    assert.equal((await t.sandbox.fetch(`${API}/konbini/${created.body['id'] as string}`)).status, 404);
    const evil = await t.konbiniToken('lawson', {}, { customer_name: '<img src=x onerror=alert(1)>' });
    const charge = await t.charge(evil);
    const html = await (await t.sandbox.fetch(`${API}/konbini/${charge.body['id'] as string}`)).text();
    assert.ok(!html.includes('<img src=x') && html.includes('&lt;img src=x'));
  });
});

describe('UnivaPay emulator: options and the sandbox', () => {
  it('refuses settings that cannot work', () => {
    assert.throws(() => createUnivapayEmulator({ basePath: 'sandbox' }), TypeError);
    assert.throws(() => createUnivapayEmulator({ storeId: 'store-1' }), TypeError);
    assert.throws(() => createUnivapayEmulator({ returnParams: { chargeId: 'a b' } }), TypeError);
    assert.throws(() => createUnivapayEmulator({ konbini: { paymentNumbers: { lawson: '123' } } }), TypeError);
    assert.throws(() => createUnivapayEmulator({ testCards: { declineCode: 42 } }), TypeError);
    assert.throws(() => createUnivapayEmulator({ jwtSigningKey: 'short' }), TypeError);
  });

  it('is mounted at /sandbox/univapay, and reset forgets everything but app tokens', async () => {
    const t = await harness();
    assert.equal(t.emulator.basePath, '/sandbox/univapay');
    assert.ok(t.sandbox.owns('/sandbox/univapay/tokens'));
    await t.charge(await t.cardToken('4242424242424242'));
    t.sandbox.reset();
    assert.equal(t.emulator.inspect.charges().length, 0);
    assert.equal(t.emulator.inspect.requests().length, 0);
    await t.cardToken('4242424242424242');
  });
});
