import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { endpointErrorSchema, type ClientSession } from '../../../src/core/protocol.ts';
import { outcomeSchema, type Outcome } from '../../../src/core/outcome.ts';
import type { KessaiServerEvent, UnivapayHandlerConfig } from '../../../src/server/index.ts';
import { createHandlerForProvider, createKessaiHandler } from '../../../src/server/index.ts';
import { createUnivapayServerProvider } from '../../../src/server/univapay/provider.ts';
import { createUnivapayEmulator, type UnivapayEmulatorOptions } from '../../../src/sandbox/univapay/index.ts';
import { fakeFetch, json } from '../providers/fake-fetch.ts';

/**
 * The UnivaPay server module through the endpoint handler: configuration checks, the signed attempt,
 * refusals, UnivaPay's errors and outages, the konbini deadline. UnivaPay is the emulator (or a fake
 * fetch for answers the emulator never gives).
 */

const PAGE = 'http://localhost:5173';
const API = 'http://127.0.0.1:5173/sandbox/univapay';
const RETURN_URL = `${PAGE}/checkout`;
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhcHBfdG9rZW4ifQ.c2lnbmF0dXJl';

async function setup(
  overrides: Partial<UnivapayHandlerConfig> = {},
  emulatorOptions: UnivapayEmulatorOptions = {},
  now?: () => number,
) {
  const emulator = createUnivapayEmulator(emulatorOptions);
  const { appToken, secret, storeId } = await emulator.issueAppToken({ origins: [PAGE], directCardTokens: true });
  const events: KessaiServerEvent[] = [];
  const config: UnivapayHandlerConfig = {
    provider: 'univapay',
    appToken,
    secret,
    storeId,
    apiBase: API,
    allowedOrigins: [PAGE],
    amount: () => ({ amount: 1500, currency: 'JPY' }),
    fetch: ((input: RequestInfo | URL, init?: RequestInit) => emulator.handle(new Request(input, init))) as typeof fetch,
    polling: { attempts: 2, intervalMs: 1 },
    onEvent: (event) => events.push(event),
    ...overrides,
  };
  const handler = now ? createHandlerForProvider(createUnivapayServerProvider(config, { now }), config) : createKessaiHandler(config);

  async function post(body: Record<string, unknown>) {
    const response = await handler(
      new Request(`${PAGE}/api/univapay`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: PAGE },
        body: JSON.stringify(body),
      }),
    );
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }
  async function start(extra: Record<string, unknown> = {}): Promise<ClientSession> {
    const answer = await post({ action: 'start', returnUrl: RETURN_URL, ...extra });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    return answer.body['session'] as ClientSession;
  }
  /** A token as the browser makes it. */
  async function token(body: Record<string, unknown>): Promise<string> {
    const response = await emulator.handle(
      new Request(`${API}/tokens`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${appToken}`, 'Content-Type': 'application/json', Origin: PAGE },
        body: JSON.stringify({ type: 'one_time', ...body }),
      }),
    );
    assert.equal(response.status, 201);
    return ((await response.json()) as { id: string }).id;
  }
  const cardToken = (number = '4242424242424242') =>
    token({ payment_type: 'card', email: 'a@example.jp', data: { cardholder: 'A', card_number: number, exp_month: 12, exp_year: 2031, cvv: '123' } });
  const konbiniToken = (store = 'lawson') =>
    token({
      payment_type: 'konbini',
      email: 'a@example.jp',
      data: { customer_name: 'A', convenience_store: store, phone_number: { country_code: '81', local_number: '09012345678' } },
    });
  async function complete(session: ClientSession, tokenId: string, method: 'card' | 'konbini') {
    return post({ action: 'complete', sessionId: session.sessionId, token: tokenId, method });
  }
  return { emulator, handler, events, post, start, cardToken, konbiniToken, complete, appToken, secret, storeId, config };
}

function outcomeOf(answer: { status: number; body: Record<string, unknown> }): Outcome {
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return outcomeSchema.parse(answer.body['outcome']);
}
function refusal(answer: { status: number; body: Record<string, unknown> }, status: number, code: string) {
  assert.equal(answer.status, status, JSON.stringify(answer.body));
  assert.equal(endpointErrorSchema.parse(answer.body).error.code, code);
}
function failure(outcome: Outcome) {
  assert.equal(outcome.status, 'failed', JSON.stringify(outcome));
  return (outcome as Extract<Outcome, { status: 'failed' }>).error;
}

const base = (): UnivapayHandlerConfig => ({
  provider: 'univapay',
  appToken: JWT,
  secret: 'sandbox-secret-value',
  storeId: '11efd00d-5a1d-4b0c-8e55-6b657373616b',
  allowedOrigins: [PAGE],
  amount: () => ({ amount: 1, currency: 'JPY' }),
});

describe('UnivaPay server module: configuration', () => {
  const bad: [what: string, overrides: Record<string, unknown>][] = [
    ['an app token that is no JWT', { appToken: 'app_token' }],
    ['no secret', { secret: '' }],
    ['an app token holding the secret', { secret: 'c2lnbmF0dXJl' }],
    ['a store id with a slash', { storeId: '../stores' }],
    ['a short signing key', { signingKey: 'short' }],
    ['an apiBase that is no URL', { apiBase: 'api.univapay.com' }],
    ['an ftp browserApiBase', { browserApiBase: 'ftp://api.univapay.com' }],
    ['no methods', { methods: [] }],
    ['an unknown store', { konbiniStores: ['circle-k'] }],
    ['zero polling attempts', { polling: { attempts: 0 } }],
    ['a fractional TTL', { attemptTtlSeconds: 1.5 }],
    ['no card brands', { cardBrands: [] }],
    ['a card brand UnivaPay does not take (Discover)', { cardBrands: ['visa', 'discover'] }],
  ];
  for (const [what, overrides] of bad) {
    it(`refuses ${what} at startup`, () => {
      assert.throws(() => createKessaiHandler({ ...base(), ...overrides } as UnivapayHandlerConfig), TypeError);
    });
  }
  it('accepts a minimal configuration (UnivaPay’s own API by default)', () => {
    assert.equal(typeof createKessaiHandler(base()), 'function');
  });
});

describe('UnivaPay server module: start', () => {
  it('offers the configured methods and stores, in our store order; konbini fields only with konbini', async () => {
    const t = await setup({ konbiniStores: ['lawson', 'seven-eleven'], browserApiBase: 'https://sandbox.example/univapay' });
    const session = await t.start();
    assert.deepEqual(session.konbiniStores, ['seven-eleven', 'lawson']);
    assert.equal(session.apiBase, 'https://sandbox.example/univapay');
    const cardOnly = await t.start({ methods: ['card'] });
    assert.deepEqual(cardOnly.methods, ['card']);
    assert.deepEqual(cardOnly.konbiniStores, []);
    assert.equal(cardOnly.konbiniFields, undefined);
  });

  it('takes cards in UnivaPay\'s inline form by default; in our own inputs only with directCardTokens (PCI DSS)', async () => {
    const inline = await (await setup()).start();
    assert.equal(inline.cardEntry, 'surface');
    const direct = await (await setup({ directCardTokens: true })).start();
    assert.equal(direct.cardEntry, 'fields');
  });

  it("tells UnivaPay's card brands (no Discover), or the store's own with cardBrands; none without card", async () => {
    const session = await (await setup()).start();
    assert.deepEqual(session.cardBrands, ['visa', 'mastercard', 'jcb', 'amex', 'diners']);
    const noJcbContract = await (await setup({ cardBrands: ['visa', 'mastercard'] })).start();
    assert.deepEqual(noJcbContract.cardBrands, ['visa', 'mastercard']);
    assert.equal((await (await setup()).start({ methods: ['konbini'] })).cardBrands, undefined);
  });

  it('refuses setup mode without onCardSaved (nowhere to keep the card)', async () => {
    const t = await setup();
    refusal(await t.post({ action: 'start', mode: 'setup', returnUrl: RETURN_URL }), 400, 'unsupported');
  });

  it('each start is a new attempt id', async () => {
    const t = await setup();
    assert.notEqual((await t.start()).sessionId, (await t.start()).sessionId);
  });
});

describe('UnivaPay server module: the signed attempt', () => {
  it('an attempt past its TTL is not charged (session_expired), but its charge can still be read', async () => {
    let clock = Date.now();
    const t = await setup({ attemptTtlSeconds: 60 }, {}, () => clock);
    const session = await t.start();
    const paid = outcomeOf(await t.complete(session, await t.cardToken(), 'card'));
    assert.equal(paid.status, 'succeeded');
    clock += 61_000;
    const late = failure(outcomeOf(await t.complete(session, await t.cardToken(), 'card')));
    assert.deepEqual([late.reason, late.retryable], ['session_expired', false]);
    assert.equal(t.emulator.inspect.charges().length, 1);
    const id = t.emulator.inspect.charges()[0]!.id;
    assert.equal(outcomeOf(await t.post({ action: 'status', sessionId: session.sessionId, reference: id })).status, 'succeeded');
  });

  it('an attempt signed with another key is unknown (404); a shared signingKey survives a secret rotation', async () => {
    const a = await setup({ signingKey: 'a-long-enough-signing-key-for-tests-0001' });
    const session = await a.start();
    const other = await setup();
    refusal(await other.complete(session, await other.cardToken(), 'card'), 404, 'unknown_session');
    const rotated = await setup({ signingKey: 'a-long-enough-signing-key-for-tests-0001' });
    const outcome = outcomeOf(await rotated.complete(session, await rotated.cardToken(), 'card'));
    assert.equal(outcome.status, 'succeeded');
  });

  it('garbage session ids are unknown, never a crash', async () => {
    const t = await setup();
    for (const sessionId of ['x', 'a.b', 'a.b.c', '.', `${'a'.repeat(5000)}.b`]) {
      refusal(await t.post({ action: 'complete', sessionId, token: 't', method: 'card' }), 404, 'unknown_session');
    }
  });
});

describe('UnivaPay server module: complete', () => {
  it('a token this store does not have → 400 unknown_token; a konbini token sent as card → 400 method_mismatch', async () => {
    const t = await setup();
    const session = await t.start();
    refusal(await t.complete(session, '11ef0000-0000-4000-8000-000000000000', 'card'), 400, 'unknown_token');
    refusal(await t.complete(session, 'not-a-uuid', 'card'), 400, 'unknown_token');
    refusal(await t.complete(session, await t.konbiniToken(), 'card'), 400, 'method_mismatch');
    assert.equal(t.emulator.inspect.charges().length, 0);
  });

  it('a method the attempt does not offer → 400; a store it does not offer → store_unavailable, nothing charged', async () => {
    const t = await setup({ konbiniStores: ['lawson'] });
    const cardOnly = await t.start({ methods: ['card'] });
    refusal(await t.complete(cardOnly, await t.konbiniToken(), 'konbini'), 400, 'method_not_offered');
    const session = await t.start();
    const error = failure(outcomeOf(await t.complete(session, await t.konbiniToken('seven_eleven'), 'konbini')));
    assert.deepEqual([error.reason, error.field], ['store_unavailable', 'store']);
    assert.equal(t.emulator.inspect.charges().length, 0);
  });

  it('konbiniPaymentDays sends capture_at (23:59:59 JST, N days on) and the slip shows it', async () => {
    const at = Date.parse('2025-03-01T16:30:00Z'); // 2025-03-02 01:30 JST
    const t = await setup({ konbiniPaymentDays: 3 }, { now: () => new Date(at) }, () => at);
    const session = await t.start();
    const outcome = outcomeOf(await t.complete(session, await t.konbiniToken('family_mart'), 'konbini'));
    assert.ok(outcome.status === 'awaiting_payment', JSON.stringify(outcome));
    assert.equal(t.emulator.inspect.charges()[0]!['capture_at'], '2025-03-05T23:59:59+09:00');
    assert.equal(Date.parse(outcome.slip.expiresAt), Date.parse('2025-03-05T14:59:59Z'));
  });

  it('UnivaPay refusing the secret → a configuration failure for the shopper, provider_error for the merchant', async () => {
    const t = await setup();
    const tokenId = await t.cardToken();
    // Same store and app token, wrong secret, same UnivaPay.
    const wrong = await setup({ appToken: t.appToken, storeId: t.storeId, secret: 'wrong-secret', fetch: t.config.fetch! });
    const session = await wrong.start();
    const answer = await wrong.complete(session, tokenId, 'card');
    const error = failure(outcomeOf(answer));
    assert.deepEqual([error.code, error.reason, error.providerCode], ['configuration', 'configuration_error', 'INVALID_CREDENTIALS']);
    const logged = wrong.events.find((e) => e.type === 'provider_error');
    assert.deepEqual(logged, {
      type: 'provider_error',
      provider: 'univapay',
      action: 'complete',
      failure: 'http_error',
      httpStatus: 401,
      providerCode: 'INVALID_CREDENTIALS',
    });
    assert.ok(!JSON.stringify(answer.body).includes('wrong-secret'));
    assert.ok(!JSON.stringify(wrong.events).includes('wrong-secret'));
    assert.equal(t.emulator.inspect.charges().length, 0);
  });

  it('UnivaPay unreachable → 502 provider_unreachable, logged', async () => {
    const t = await setup({ fetch: (() => Promise.reject(new TypeError('connect ECONNREFUSED'))) as typeof fetch });
    const session = await t.start();
    refusal(await t.complete(session, '11ef0000-0000-4000-8000-000000000000', 'card'), 502, 'provider_unreachable');
    assert.ok(t.events.some((e) => e.type === 'provider_error' && e.failure === 'unreachable'));
  });

  it('a charge for another amount than asked → 502, never a success', async () => {
    const t = await setup();
    const session = await t.start();
    const charge = { id: '11ef0000-0000-4000-8000-0000000000c1', requested_amount: 1, requested_currency: 'JPY', status: 'successful' };
    const fake = fakeFetch([
      [(r) => r.method === 'GET' && r.url.includes('/tokens/'), () => json(200, { id: 'tok', payment_type: 'card' })],
      ['POST /sandbox/univapay/charges', () => json(201, charge)],
    ]);
    const lying = createKessaiHandler({ ...t.config, fetch: fake.fetch });
    const answer = await lying(new Request(`${PAGE}/api/univapay`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', Origin: PAGE },
      body: JSON.stringify({ action: 'complete', sessionId: session.sessionId, token: 'tok', method: 'card' }),
    }));
    assert.equal(answer.status, 502);
  });

  it('a 3-D Secure charge whose issuer token UnivaPay refuses → a failed outcome, not a crash', async () => {
    const t = await setup();
    const session = await t.start();
    const fake = fakeFetch([
      [(r) => r.method === 'GET' && r.url.includes('/tokens/'), () => json(200, { id: 'tok', payment_type: 'card' })],
      ['POST /sandbox/univapay/charges', () => json(201, { id: 'ch', requested_amount: 1500, requested_currency: 'JPY', status: 'awaiting' })],
      [(r) => r.url.endsWith('/three_ds/issuer_token'), () => json(503, { status: 'error', code: 'SERVICE_UNAVAILABLE_TRY_AGAIN', errors: [] })],
    ]);
    const handler = createKessaiHandler({ ...t.config, fetch: fake.fetch });
    const answer = await handler(new Request(`${PAGE}/api/univapay`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', Origin: PAGE },
      body: JSON.stringify({ action: 'complete', sessionId: session.sessionId, token: 'tok', method: 'card' }),
    }));
    const error = failure(outcomeOf({ status: answer.status, body: (await answer.json()) as Record<string, unknown> }));
    assert.deepEqual([error.reason, error.retryable], ['provider_unavailable', true]);
    const [get, post] = fake.requests;
    assert.equal(get!.headers.get('authorization'), `Bearer ${t.secret}.${t.appToken}`);
    assert.deepEqual(JSON.parse(post!.body ?? '{}')['three_ds'], { mode: 'normal', redirect_endpoint: RETURN_URL });
  });
});

describe('UnivaPay server module: the return of a 3-D Secure step', () => {
  const chargeBody = async (t: Awaited<ReturnType<typeof setup>>, returnUrl: unknown) => {
    const session = await t.start();
    const fake = fakeFetch([
      [(r) => r.method === 'GET' && r.url.includes('/tokens/'), () => json(200, { id: 'tok', payment_type: 'card' })],
      ['POST /sandbox/univapay/charges', () => json(201, { id: 'ch', requested_amount: 1500, requested_currency: 'JPY', status: 'successful' })],
    ]);
    const handler = createKessaiHandler({ ...t.config, fetch: fake.fetch });
    const answer = await handler(new Request(`${PAGE}/api/univapay`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', Origin: PAGE },
      body: JSON.stringify({ action: 'complete', sessionId: session.sessionId, token: 'tok', method: 'card', returnUrl }),
    }));
    const post = fake.requests.find((r) => r.method === 'POST');
    return { status: answer.status, three_ds: post ? JSON.parse(post.body ?? '{}')['three_ds'] : undefined };
  };

  it('comes back to the page complete names (a framed challenge\'s page carries its marker)', async () => {
    const framed = `${PAGE}/checkout?cart=42&kessai_return=1&kessai_challenge=1`;
    const { status, three_ds } = await chargeBody(await setup(), framed);
    assert.equal(status, 200);
    assert.deepEqual(three_ds, { mode: 'normal', redirect_endpoint: framed });
  });

  it('refuses a return URL on another origin, as start does, and charges nothing', async () => {
    const { status, three_ds } = await chargeBody(await setup(), 'https://evil.example/steal');
    assert.equal(status, 400);
    assert.equal(three_ds, undefined);
  });
});

describe('UnivaPay server module: status', () => {
  it('needs a charge id as reference: missing → 400, malformed → 400, unknown → 404', async () => {
    const t = await setup();
    const session = await t.start();
    refusal(await t.post({ action: 'status', sessionId: session.sessionId }), 400, 'reference_required');
    refusal(await t.post({ action: 'status', sessionId: session.sessionId, reference: '../tokens/x' }), 400, 'bad_reference');
    refusal(await t.post({ action: 'status', sessionId: session.sessionId, reference: '11ef0000-0000-4000-8000-000000000000' }), 404, 'unknown_charge');
  });
});
