import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Stripe from 'stripe';
import { endpointErrorSchema, type ClientSession } from '../../../src/core/protocol.ts';
import { outcomeSchema, type Outcome } from '../../../src/core/outcome.ts';
import type { KessaiServerEvent, StripeHandlerConfig } from '../../../src/server/index.ts';
import { createKessaiHandler } from '../../../src/server/index.ts';
import { stripeForm, type FormValue } from '../../../src/server/stripe/form.ts';
import { conformance } from '../conformance/checks.ts';
import { fakeFetch, json, type RecordedRequest, type Route } from '../providers/fake-fetch.ts';
import {
  card,
  konbiniAwaiting,
  paymentIntent,
  paymentMethod,
  setupIntent,
} from '../providers/stripe-fixtures.ts';

/**
 * The Stripe server module through the endpoint handler, against a fake Stripe API. What a request
 * must look like is taken from stripe-node: the same call made with stripe-node (over a recording
 * fetch) is the reference for the method, the path, the query and the form body. The tests
 * registered with `conformance(id, …)` are checks of test/node/conformance/checks.ts.
 */

const PAGE = 'https://shop.example';
const RETURN_URL = `${PAGE}/checkout`;
const SECRET_KEY = 'sk_test_51QkessaiSecretKeyForTests00';
const PUBLISHABLE_KEY = 'pk_test_51QkessaiPublishableKey000';
const API = 'https://api.stripe.com';

/** The request stripe-node sends for `call`, over a fetch that records it and answers `{}`. */
async function stripeNodeRequest(call: (stripe: Stripe) => Promise<unknown>): Promise<RecordedRequest> {
  const fake = fakeFetch([[() => true, () => json(200, { id: 'x', object: 'payment_intent' })]]);
  const stripe = new Stripe(SECRET_KEY, { httpClient: Stripe.createFetchHttpClient(fake.fetch), maxNetworkRetries: 0 });
  await call(stripe);
  assert.equal(fake.requests.length, 1);
  return fake.requests[0]!;
}
/** A form body as the pairs a form decoder reads: the encodings of `[`, `]` and space differ, not the meaning. */
const pairs = (body: string | undefined) => [...new URLSearchParams(body ?? '')];

function setup(overrides: Partial<StripeHandlerConfig> = {}, routes: readonly Route[] = []) {
  const fake = fakeFetch([
    ...routes,
    ['POST /v1/payment_intents', () => json(200, paymentIntent())],
    [
      'POST /v1/setup_intents',
      (r) => json(200, setupIntent({ customer: new URLSearchParams(r.body).get('customer'), usage: new URLSearchParams(r.body).get('usage')! })),
    ],
    ['GET /v1/payment_intents/pi_3QkessaiTest0001', () => json(200, paymentIntent({ status: 'succeeded', payment_method: paymentMethod() }))],
    [
      'GET /v1/setup_intents/seti_1QkessaiTest0001',
      () => json(200, setupIntent({ status: 'succeeded', payment_method: paymentMethod({ id: 'pm_1QsavedJcb', card: card({ brand: 'jcb', last4: '0000' }) }) })),
    ],
    [(r) => r.method === 'GET', () => json(404, { error: { type: 'invalid_request_error', code: 'resource_missing', message: `No such payment_intent: '${SECRET_KEY}'` } })],
  ]);
  const events: KessaiServerEvent[] = [];
  const config: StripeHandlerConfig = {
    provider: 'stripe',
    secretKey: SECRET_KEY,
    publishableKey: PUBLISHABLE_KEY,
    allowedOrigins: [PAGE],
    amount: () => ({ amount: 1500, currency: 'JPY', orderId: 'order-42', metadata: { cart: 'c 7&x' }, email: 'taro@example.jp' }),
    fetch: fake.fetch,
    onEvent: (event) => events.push(event),
    ...overrides,
  };
  const handler = createKessaiHandler(config);
  async function post(body: Record<string, unknown>) {
    const response = await handler(
      new Request(`${PAGE}/api/stripe`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: PAGE },
        body: JSON.stringify(body),
      }),
    );
    const text = await response.text();
    return { status: response.status, text, body: JSON.parse(text) as Record<string, unknown> };
  }
  async function start(extra: Record<string, unknown> = {}): Promise<ClientSession> {
    const answer = await post({ action: 'start', returnUrl: RETURN_URL, ...extra });
    assert.equal(answer.status, 200, answer.text);
    return answer.body['session'] as ClientSession;
  }
  const status = (sessionId: string) => post({ action: 'status', sessionId });
  return { fake, events, handler, post, start, status, config };
}

function outcomeOf(answer: { status: number; text: string; body: Record<string, unknown> }): Outcome {
  assert.equal(answer.status, 200, answer.text);
  return outcomeSchema.parse(answer.body['outcome']);
}
function refusal(answer: { status: number; text: string; body: Record<string, unknown> }, status: number, code: string) {
  assert.equal(answer.status, status, answer.text);
  assert.equal(endpointErrorSchema.parse(answer.body).error.code, code);
  assert.ok(!answer.text.includes(SECRET_KEY), 'the secret key leaked into an answer');
}

const base = (): StripeHandlerConfig => ({
  provider: 'stripe',
  secretKey: SECRET_KEY,
  publishableKey: PUBLISHABLE_KEY,
  allowedOrigins: [PAGE],
  amount: () => ({ amount: 1500, currency: 'JPY' }),
});

describe('Stripe server module: configuration', () => {
  const bad: [what: string, overrides: Record<string, unknown>][] = [
    ['a publishable key as secret key', { secretKey: PUBLISHABLE_KEY }],
    ['a webhook secret as secret key', { secretKey: 'whsec_abc' }],
    ['no secret key', { secretKey: '' }],
    ['a secret key as publishable key', { publishableKey: SECRET_KEY }],
    ['no publishable key', { publishableKey: undefined }],
    ['konbiniExpiresAfterDays 0', { konbiniExpiresAfterDays: 0 }],
    ['konbiniExpiresAfterDays 61', { konbiniExpiresAfterDays: 61 }],
    ['konbiniExpiresAfterDays 2.5', { konbiniExpiresAfterDays: 2.5 }],
    ['a konbini product description of 23 characters', { konbiniProductDescription: 'x'.repeat(23) }],
    ['a customer that is no function', { customer: 'cus_123' }],
    ['an apiBase that is no URL', { apiBase: 'api.stripe.com' }],
    ['an unknown konbini store', { konbiniStores: ['circle-k'] }],
    ['no methods', { methods: [] }],
  ];
  for (const [what, overrides] of bad) {
    it(`refuses ${what} at startup`, () => {
      assert.throws(() => createKessaiHandler({ ...base(), ...overrides } as StripeHandlerConfig), TypeError);
    });
  }
  it('accepts sk_ and rk_ keys and konbiniExpiresAfterDays 1 and 60', () => {
    assert.equal(typeof createKessaiHandler(base()), 'function');
    assert.equal(typeof createKessaiHandler({ ...base(), secretKey: 'rk_test_51Qrestricted' }), 'function');
    assert.equal(typeof createKessaiHandler({ ...base(), konbiniExpiresAfterDays: 1 }), 'function');
    assert.equal(typeof createKessaiHandler({ ...base(), konbiniExpiresAfterDays: 60, konbiniProductDescription: 'x'.repeat(22) }), 'function');
  });
  it('never puts the secret key in an error message', () => {
    assert.throws(
      () => createKessaiHandler({ ...base(), publishableKey: SECRET_KEY }),
      (error: Error) => !error.message.includes(SECRET_KEY),
    );
  });
});

describe('stripeForm encodes as stripe-node does', () => {
  const params = {
    amount: 1500,
    currency: 'jpy',
    payment_method_types: ['card', 'konbini'],
    metadata: { order_id: 'A-1 & b', note: "it's [x] 50% =ok" },
    receipt_email: 'taro+shop@example.jp',
    payment_method_options: { konbini: { expires_after_days: 5, product_description: 'ケッサイ ショップ' } },
    capture: true,
    skipped: undefined,
  };

  conformance('stripe.server.form-encoding', async () => {
    const reference = await stripeNodeRequest((stripe) =>
      stripe.paymentIntents.create(params as unknown as Stripe.PaymentIntentCreateParams),
    );
    assert.deepEqual(pairs(stripeForm(params as { [key: string]: FormValue }).toString()), pairs(reference.body));
  });

  it('bracketed keys and indexed arrays, nested twice', () => {
    assert.deepEqual(pairs(stripeForm(params as { [key: string]: FormValue }).toString()).slice(2, 6), [
      ['payment_method_types[0]', 'card'],
      ['payment_method_types[1]', 'konbini'],
      ['metadata[order_id]', 'A-1 & b'],
      ['metadata[note]', "it's [x] 50% =ok"],
    ]);
  });

  it('an array of objects, as stripe-node', async () => {
    const nested = { expand: ['payment_method', 'latest_charge'], items: [{ price: 'price_1', quantity: 2 }] };
    const reference = await stripeNodeRequest((stripe) =>
      stripe.subscriptions.create({ customer: 'cus_1', ...nested } as unknown as Stripe.SubscriptionCreateParams),
    );
    assert.deepEqual(pairs(stripeForm({ customer: 'cus_1', ...nested }).toString()), pairs(reference.body));
  });
});

describe('Stripe server module: start, payment mode', () => {
  conformance('stripe.server.payment-intent-create', async () => {
    const t = setup({ konbiniExpiresAfterDays: 5, konbiniProductDescription: 'Kessai Shop' });
    await t.start();
    const [request] = t.fake.requests;
    assert.ok(request);
    // stripe-node 23 (API version 2026-09-30.endive and later) creates intents with
    // `allowed_payment_method_types`; `payment_method_types` is no longer declared on create.
    const reference = await stripeNodeRequest((stripe) =>
      stripe.paymentIntents.create({
        amount: 1500,
        currency: 'jpy',
        allowed_payment_method_types: ['card', 'konbini'],
        metadata: { cart: 'c 7&x', order_id: 'order-42' },
        receipt_email: 'taro@example.jp',
        payment_method_options: { konbini: { expires_after_days: 5, product_description: 'Kessai Shop' } },
      }),
    );
    assert.equal(request.method, 'POST');
    assert.equal(request.url, reference.url);
    assert.equal(request.url, `${API}/v1/payment_intents`);
    assert.equal(request.headers.get('authorization'), `Bearer ${SECRET_KEY}`);
    assert.equal(request.headers.get('authorization'), reference.headers.get('authorization'));
    assert.equal(request.headers.get('content-type'), 'application/x-www-form-urlencoded');
    assert.match(request.headers.get('idempotency-key') ?? '', /^[0-9a-f-]{36}$/);
    // The API version the module is written for: the one stripe-node pins.
    assert.equal(request.headers.get('stripe-version'), '2026-10-28.endive');
    assert.equal(request.headers.get('stripe-version'), reference.headers.get('stripe-version'));
    assert.deepEqual(pairs(request.body), pairs(reference.body));
    assert.deepEqual(Object.fromEntries(pairs(request.body)), {
      amount: '1500',
      currency: 'jpy',
      'allowed_payment_method_types[0]': 'card',
      'allowed_payment_method_types[1]': 'konbini',
      'metadata[cart]': 'c 7&x',
      'metadata[order_id]': 'order-42',
      receipt_email: 'taro@example.jp',
      'payment_method_options[konbini][expires_after_days]': '5',
      'payment_method_options[konbini][product_description]': 'Kessai Shop',
    });
  });

  it('a new Idempotency-Key for each start', async () => {
    const t = setup();
    await t.start();
    await t.start();
    const keys = t.fake.requests.map((r) => r.headers.get('idempotency-key'));
    assert.equal(keys.length, 2);
    assert.notEqual(keys[0], keys[1]);
  });

  it('the session: Stripe’s surface, the client secret, Stripe’s four chains, konbini fields', async () => {
    const session = await setup().start();
    assert.equal(session.provider, 'stripe');
    assert.equal(session.sessionId, 'pi_3QkessaiTest0001');
    assert.equal(session.publicKey, PUBLISHABLE_KEY);
    assert.equal(session.apiBase, API);
    assert.deepEqual([session.amount, session.currency, session.mode], [1500, 'JPY', 'payment']);
    assert.deepEqual(session.methods, ['card', 'konbini']);
    assert.equal(session.cardEntry, 'surface');
    assert.deepEqual(session.extra, { clientSecret: 'pi_3QkessaiTest0001_secret_Zx8Yw7Vu6' });
    assert.deepEqual([...session.konbiniStores].sort(), ['family-mart', 'lawson', 'ministop', 'seicomart']);
    assert.deepEqual(session.konbiniFields, { email: 'required', phone: 'optional' });
    assert.ok(!JSON.stringify(session).includes(SECRET_KEY));
  });

  it('konbiniStores beyond Stripe’s four are not offered', async () => {
    const session = await setup({ konbiniStores: ['seven-eleven', 'lawson', 'daily-yamazaki'] }).start();
    assert.deepEqual(session.konbiniStores, ['lawson']);
  });

  it('card only: one payment method type, no konbini options, no konbini fields', async () => {
    const t = setup({ konbiniExpiresAfterDays: 5 });
    const session = await t.start({ methods: ['card'] });
    assert.deepEqual(session.methods, ['card']);
    assert.deepEqual(session.konbiniStores, []);
    assert.equal(session.konbiniFields, undefined);
    const body = Object.fromEntries(pairs(t.fake.requests[0]!.body));
    assert.equal(body['allowed_payment_method_types[0]'], 'card');
    assert.equal(body['allowed_payment_method_types[1]'], undefined);
    assert.ok(!Object.keys(body).some((key) => key.startsWith('payment_method_options')));
  });

  it('konbini asked for when no chain Stripe has is configured → 400, nothing created', async () => {
    const t = setup({ konbiniStores: ['seven-eleven'] });
    refusal(await t.post({ action: 'start', returnUrl: RETURN_URL, methods: ['konbini'] }), 400, 'no_methods');
    assert.equal(t.fake.requests.length, 0);
    const session = await t.start();
    assert.deepEqual(session.methods, ['card']);
    assert.deepEqual(pairs(t.fake.requests[0]!.body).filter(([key]) => key.startsWith('allowed_payment_method_types')), [['allowed_payment_method_types[0]', 'card']]);
  });

  it('a lower-case currency from the merchant reaches Stripe lower-case, the session upper-case', async () => {
    const t = setup({ amount: () => ({ amount: 990, currency: 'jpy' }) }, [
      ['POST /v1/payment_intents', () => json(200, paymentIntent({ amount: 990 }))],
    ]);
    const session = await t.start();
    assert.equal(Object.fromEntries(pairs(t.fake.requests[0]!.body))['currency'], 'jpy');
    assert.deepEqual([session.amount, session.currency], [990, 'JPY']);
  });

  it('apiVersion is sent as Stripe-Version; apiBase and browserApiBase are used', async () => {
    const t = setup(
      { apiVersion: '2025-02-24.acacia', apiBase: 'http://127.0.0.1:5173/sandbox/stripe/', browserApiBase: 'http://localhost:5173/sandbox/stripe' },
      [['POST /sandbox/stripe/v1/payment_intents', () => json(200, paymentIntent())]],
    );
    const session = await t.start();
    assert.equal(t.fake.requests[0]!.headers.get('stripe-version'), '2025-02-24.acacia');
    assert.equal(t.fake.requests[0]!.url, 'http://127.0.0.1:5173/sandbox/stripe/v1/payment_intents');
    assert.equal(session.apiBase, 'http://localhost:5173/sandbox/stripe');
  });

  it('an intent for another amount or currency → 502, never a session', async () => {
    const other = setup({}, [['POST /v1/payment_intents', () => json(200, paymentIntent({ amount: 15 }))]]);
    refusal(await other.post({ action: 'start', returnUrl: RETURN_URL }), 502, 'provider_error');
    const usd = setup({}, [['POST /v1/payment_intents', () => json(200, paymentIntent({ currency: 'usd' }))]]);
    refusal(await usd.post({ action: 'start', returnUrl: RETURN_URL }), 502, 'provider_error');
  });

  it('an intent without client_secret → 502', async () => {
    const t = setup({}, [['POST /v1/payment_intents', () => json(200, paymentIntent({ client_secret: null }))]]);
    refusal(await t.post({ action: 'start', returnUrl: RETURN_URL }), 502, 'provider_error');
  });

  it('a 402 card error on create → 502 provider_error; the merchant’s log has the status and code, no key', async () => {
    const cardError = {
      error: {
        type: 'card_error',
        code: 'card_declined',
        decline_code: 'insufficient_funds',
        message: 'Your card has insufficient funds.',
        payment_intent: paymentIntent({ status: 'requires_payment_method' }),
      },
    };
    const t = setup({}, [['POST /v1/payment_intents', () => json(402, cardError)]]);
    const answer = await t.post({ action: 'start', returnUrl: RETURN_URL });
    refusal(answer, 502, 'provider_error');
    assert.ok(!answer.text.includes('insufficient funds'));
    const logged = t.events.find((e) => e.type === 'provider_error');
    assert.deepEqual(logged, {
      type: 'provider_error',
      provider: 'stripe',
      action: 'start',
      failure: 'http_error',
      httpStatus: 402,
      providerCode: 'card_declined',
    });
  });

  it('Stripe refusing the key (401) → 502, logged with authentication_error; unreachable → provider_unreachable', async () => {
    const t = setup({}, [
      ['POST /v1/payment_intents', () => json(401, { error: { type: 'authentication_error', message: `Invalid API Key provided: ${SECRET_KEY}` } })],
    ]);
    const answer = await t.post({ action: 'start', returnUrl: RETURN_URL });
    refusal(answer, 502, 'provider_error');
    const logged = t.events.find((e) => e.type === 'provider_error');
    assert.ok(logged && logged.type === 'provider_error' && logged.providerCode === 'authentication_error' && logged.httpStatus === 401);
    assert.ok(!JSON.stringify(t.events).includes(SECRET_KEY));
    const down = setup({ fetch: (() => Promise.reject(new TypeError('connect ECONNREFUSED'))) as typeof fetch });
    refusal(await down.post({ action: 'start', returnUrl: RETURN_URL }), 502, 'provider_unreachable');
  });
});

describe('Stripe server module: start, setup mode', () => {
  it('no customer callback → 403 no_customer, nothing created', async () => {
    const t = setup();
    refusal(await t.post({ action: 'start', mode: 'setup', returnUrl: RETURN_URL }), 403, 'no_customer');
    assert.equal(t.fake.requests.length, 0);
  });

  it('a callback that knows no shopper, or answers no Customer id → 403 no_customer', async () => {
    for (const customer of [() => undefined, () => 'guest', () => 'cus_../x']) {
      const t = setup({ customer });
      refusal(await t.post({ action: 'start', mode: 'setup', returnUrl: RETURN_URL }), 403, 'no_customer');
      assert.equal(t.fake.requests.length, 0);
    }
  });

  it('konbini only → 400 (konbini cannot be saved), nothing created', async () => {
    const t = setup({ customer: () => 'cus_QkessaiShopper1' });
    const answer = await t.post({ action: 'start', mode: 'setup', returnUrl: RETURN_URL, methods: ['konbini'] });
    assert.equal(answer.status, 400, answer.text);
    assert.equal(t.fake.requests.length, 0);
  });

  conformance('stripe.server.setup-intent-create', async () => {
    const seen: unknown[] = [];
    const t = setup({
      customer: (ctx) => {
        seen.push([ctx.mode, ctx.provider, ctx.request.headers.get('origin'), ctx.context]);
        return 'cus_QkessaiShopper1';
      },
    });
    const session = await t.start({ mode: 'setup', context: { cart: 7 } });
    assert.deepEqual(seen, [['setup', 'stripe', PAGE, { cart: 7 }]]);
    const [request] = t.fake.requests;
    const reference = await stripeNodeRequest((stripe) =>
      stripe.setupIntents.create({
        customer: 'cus_QkessaiShopper1',
        usage: 'off_session',
        allowed_payment_method_types: ['card'],
        metadata: { cart: 'c 7&x' },
      }),
    );
    assert.equal(request!.url, reference.url);
    assert.equal(request!.url, `${API}/v1/setup_intents`);
    assert.equal(request!.method, reference.method);
    assert.equal(request!.method, 'POST');
    assert.equal(request!.headers.get('authorization'), `Bearer ${SECRET_KEY}`);
    assert.equal(request!.headers.get('authorization'), reference.headers.get('authorization'));
    assert.equal(request!.headers.get('content-type'), reference.headers.get('content-type'));
    assert.equal(request!.headers.get('stripe-version'), '2026-10-28.endive');
    assert.equal(request!.headers.get('stripe-version'), reference.headers.get('stripe-version'));
    assert.ok(request!.headers.get('idempotency-key'));
    assert.match(request!.headers.get('idempotency-key') ?? '', /^[0-9a-f-]{36}$/);
    assert.deepEqual(pairs(request!.body), pairs(reference.body));
    assert.equal(session.sessionId, 'seti_1QkessaiTest0001');
    assert.deepEqual([session.mode, session.amount, session.currency], ['setup', 0, 'JPY']);
    assert.deepEqual(session.methods, ['card']);
    assert.deepEqual(session.konbiniStores, []);
    assert.equal(session.konbiniFields, undefined);
    assert.equal(session.cardEntry, 'surface');
    assert.deepEqual(session.extra, { clientSecret: 'seti_1QkessaiTest0001_secret_Ab1Cd2Ef3' });
  });

  it('setupUsage on_session is sent as usage', async () => {
    const t = setup({ customer: () => 'cus_QkessaiShopper1', setupUsage: 'on_session' });
    await t.start({ mode: 'setup' });
    assert.equal(new URLSearchParams(t.fake.requests[0]!.body).get('usage'), 'on_session');
  });
});

describe('Stripe server module: status', () => {
  conformance('stripe.server.payment-intent-retrieve', async () => {
    const t = setup();
    const outcome = outcomeOf(await t.status('pi_3QkessaiTest0001'));
    const [request] = t.fake.requests;
    const reference = await stripeNodeRequest((stripe) => stripe.paymentIntents.retrieve('pi_3QkessaiTest0001', { expand: ['payment_method'] }));
    const ours = new URL(request!.url);
    const theirs = new URL(reference.url);
    assert.equal(request!.method, 'GET');
    assert.equal(ours.origin + ours.pathname, theirs.origin + theirs.pathname);
    assert.deepEqual([...ours.searchParams], [...theirs.searchParams]);
    assert.deepEqual([...ours.searchParams], [['expand[0]', 'payment_method']]);
    assert.equal(request!.method, reference.method);
    assert.equal(request!.headers.get('authorization'), `Bearer ${SECRET_KEY}`);
    assert.equal(request!.headers.get('authorization'), reference.headers.get('authorization'));
    assert.equal(request!.headers.get('stripe-version'), '2026-10-28.endive');
    assert.equal(request!.headers.get('stripe-version'), reference.headers.get('stripe-version'));
    assert.equal(request!.headers.get('idempotency-key'), null);
    assert.equal(reference.headers.get('idempotency-key'), null);
    assert.ok(!request!.body, 'a GET has no body');
    assert.deepEqual(outcome, { status: 'succeeded', method: 'card', paymentId: 'pi_3QkessaiTest0001', brand: 'visa', last4: '4242' });
  });

  it('a SetupIntent (seti_) is read from /v1/setup_intents, with the saved payment method', async () => {
    const t = setup();
    const outcome = outcomeOf(await t.status('seti_1QkessaiTest0001'));
    const reference = await stripeNodeRequest((stripe) => stripe.setupIntents.retrieve('seti_1QkessaiTest0001', { expand: ['payment_method'] }));
    assert.equal(new URL(t.fake.requests[0]!.url).pathname, new URL(reference.url).pathname);
    assert.deepEqual(outcome, {
      status: 'succeeded',
      method: 'card',
      paymentId: 'seti_1QkessaiTest0001',
      paymentMethodId: 'pm_1QsavedJcb',
      brand: 'jcb',
      last4: '0000',
    });
  });

  it('status maps each intent: konbini slip, a decline, 3-D Secure redirect, processing', async () => {
    const intents: Record<string, Stripe.PaymentIntent> = {
      pi_konbini: konbiniAwaiting(undefined, { id: 'pi_konbini' }),
      pi_declined: paymentIntent({
        id: 'pi_declined',
        last_payment_error: { type: 'card_error', code: 'card_declined', decline_code: 'generic_decline', message: 'Your card was declined.' },
      }),
      pi_3ds: paymentIntent({
        id: 'pi_3ds',
        status: 'requires_action',
        payment_method: paymentMethod(),
        next_action: { type: 'redirect_to_url', redirect_to_url: { url: 'https://hooks.stripe.com/redirect/authenticate/src_1', return_url: RETURN_URL } },
      }),
      pi_processing: paymentIntent({ id: 'pi_processing', status: 'processing', payment_method: paymentMethod() }),
    };
    const t = setup({}, [[(r) => r.method === 'GET' && new URL(r.url).pathname.split('/')[3]! in intents, (r) => json(200, intents[new URL(r.url).pathname.split('/')[3]!])]]);
    const konbini = outcomeOf(await t.status('pi_konbini'));
    assert.ok(konbini.status === 'awaiting_payment');
    assert.deepEqual([konbini.slip.store, konbini.slip.paymentNumber, konbini.slip.amount], ['family-mart', '123456789012', 1500]);
    const declined = outcomeOf(await t.status('pi_declined'));
    assert.ok(declined.status === 'failed');
    assert.deepEqual([declined.error.reason, declined.error.providerCode], ['card_declined', 'generic_decline']);
    assert.deepEqual(outcomeOf(await t.status('pi_3ds')), {
      status: 'requires_action',
      method: 'card',
      action: { type: 'redirect', url: 'https://hooks.stripe.com/redirect/authenticate/src_1' },
      reference: 'pi_3ds',
    });
    assert.deepEqual(outcomeOf(await t.status('pi_processing')), { status: 'processing', method: 'card', reference: 'pi_processing' });
  });

  it('Stripe’s 404 → 404 unknown_session, without Stripe’s message', async () => {
    const t = setup();
    const answer = await t.status('pi_3QunknownIntent');
    refusal(answer, 404, 'unknown_session');
    assert.ok(!answer.text.includes('No such'));
  });

  it('ids that are no Stripe id → 404 unknown_session, never a request', async () => {
    const t = setup();
    for (const id of ['pi_1/../../v1/customers', 'pi_1?expand[]=customer', '../x', 'pi 1', `pi_${'a'.repeat(300)}`]) {
      refusal(await t.status(id), 404, 'unknown_session');
    }
    assert.equal(t.fake.requests.length, 0);
  });

  it('Stripe failing (500) or answering no intent → 502', async () => {
    const t = setup({}, [
      ['GET /v1/payment_intents/pi_down', () => json(500, { error: { type: 'api_error', message: 'An unknown error occurred' } })],
      ['GET /v1/payment_intents/pi_odd', () => json(200, { id: 'pi_odd', object: 'charge' })],
    ]);
    refusal(await t.status('pi_down'), 502, 'provider_error');
    refusal(await t.status('pi_odd'), 502, 'provider_error');
  });
});

describe('Stripe server module: pay and save ("Save this card" under Stripe’s card elements)', () => {
  const CUSTOMER = 'cus_QkessaiShopper1';
  const SAVED = 'pm_1QsavedVisa4242';
  /** The shopper's Customer's cards, as `GET /v1/customers/{id}/payment_methods` answers. */
  const cardsRoute = (ids: readonly string[]): Route => [
    `GET /v1/customers/${CUSTOMER}/payment_methods`,
    () => json(200, { object: 'list', data: ids.map((id) => paymentMethod({ id, customer: CUSTOMER })), has_more: false, url: `/v1/customers/${CUSTOMER}/payment_methods` }),
  ];

  it('canSaveCard only for a shopper with a Customer, with card offered, unless payAndSave: false', async () => {
    assert.equal((await setup().start()).canSaveCard, undefined, 'no customer callback');
    assert.equal((await setup({ customer: () => undefined }).start()).canSaveCard, undefined, 'a guest');
    assert.equal((await setup({ customer: () => CUSTOMER }, [cardsRoute([])]).start()).canSaveCard, true);
    assert.equal((await setup({ customer: () => CUSTOMER, payAndSave: false }, [cardsRoute([])]).start()).canSaveCard, undefined);
    assert.equal((await setup({ customer: () => CUSTOMER }, [cardsRoute([])]).start({ methods: ['konbini'] })).canSaveCard, undefined);
  });

  it('unticked: the PaymentIntent has the Customer but no setup_future_usage (nothing is saved)', async () => {
    const t = setup({ customer: () => CUSTOMER }, [cardsRoute([])]);
    const session = await t.start();
    const body = new URLSearchParams(t.fake.requests[0]!.body);
    assert.equal(body.get('customer'), CUSTOMER);
    assert.equal(body.get('setup_future_usage'), null);
    assert.equal(session.savesCard, undefined);
  });

  it('start with saveCard: a card-only PaymentIntent for the shopper’s Customer with setup_future_usage off_session, as stripe-node sends it; the session savesCard and never names the Customer', async () => {
    const t = setup({ customer: () => CUSTOMER }, [cardsRoute([])]);
    const answer = await t.post({ action: 'start', returnUrl: RETURN_URL, methods: ['card'], saveCard: true });
    assert.equal(answer.status, 200, answer.text);
    const session = answer.body['session'] as ClientSession;
    assert.equal(t.fake.requests.length, 1);
    const [request] = t.fake.requests;
    const reference = await stripeNodeRequest((stripe) =>
      stripe.paymentIntents.create({
        amount: 1500,
        currency: 'jpy',
        allowed_payment_method_types: ['card'],
        metadata: { cart: 'c 7&x', order_id: 'order-42' },
        receipt_email: 'taro@example.jp',
        customer: CUSTOMER,
        setup_future_usage: 'off_session',
      }),
    );
    assert.equal(request!.url, `${API}/v1/payment_intents`);
    assert.equal(request!.url, reference.url);
    assert.deepEqual(pairs(request!.body), pairs(reference.body));
    assert.deepEqual([session.mode, session.methods, session.savesCard, session.cardEntry, session.amount, session.currency], ['payment', ['card'], true, 'surface', 1500, 'JPY']);
    assert.deepEqual(session.extra, { clientSecret: 'pi_3QkessaiTest0001_secret_Zx8Yw7Vu6' });
    assert.ok(!answer.text.includes(CUSTOMER), 'the Customer id reached the page');
  });

  it('start with saveCard for a guest, without a customer callback, or with payAndSave: false → 400 unsupported, nothing created', async () => {
    for (const overrides of [{ customer: () => undefined }, {}, { customer: () => CUSTOMER, payAndSave: false }] satisfies Partial<StripeHandlerConfig>[]) {
      const t = setup(overrides, [cardsRoute([])]);
      refusal(await t.post({ action: 'start', returnUrl: RETURN_URL, methods: ['card'], saveCard: true }), 400, 'unsupported');
      assert.equal(t.fake.requests.length, 0);
    }
  });

  it('status of a payment that saved its card names the saved card (paymentMethodId) once it is the Customer’s; never the Customer', async () => {
    const saving = paymentIntent({ status: 'succeeded', customer: CUSTOMER, setup_future_usage: 'off_session', payment_method: paymentMethod({ id: SAVED, customer: CUSTOMER }) });
    const route: Route = ['GET /v1/payment_intents/pi_3QkessaiTest0001', () => json(200, saving)];
    const t = setup({ customer: () => CUSTOMER }, [route, cardsRoute([SAVED])]);
    const answer = await t.status('pi_3QkessaiTest0001');
    assert.deepEqual(outcomeOf(answer), { status: 'succeeded', method: 'card', paymentId: 'pi_3QkessaiTest0001', paymentMethodId: SAVED, brand: 'visa', last4: '4242' });
    assert.ok(!answer.text.includes(CUSTOMER), 'the Customer id reached the page');
    assert.equal(new URL(t.fake.requests[1]!.url).pathname, `/v1/customers/${CUSTOMER}/payment_methods`);

    // Not (yet) among the Customer's cards, or a payment that saves nothing: no paymentMethodId.
    const notSaved = setup({ customer: () => CUSTOMER }, [route, cardsRoute([])]);
    assert.equal(outcomeOf(await notSaved.status('pi_3QkessaiTest0001')).status, 'succeeded');
    assert.equal((outcomeOf(await notSaved.status('pi_3QkessaiTest0001')) as { paymentMethodId?: string }).paymentMethodId, undefined);
    const plain = setup({ customer: () => CUSTOMER }, [
      ['GET /v1/payment_intents/pi_3QkessaiTest0001', () => json(200, paymentIntent({ status: 'succeeded', customer: CUSTOMER, payment_method: paymentMethod({ id: SAVED }) }))],
      cardsRoute([SAVED]),
    ]);
    assert.equal((outcomeOf(await plain.status('pi_3QkessaiTest0001')) as { paymentMethodId?: string }).paymentMethodId, undefined);
    assert.equal(plain.fake.requests.length, 1, 'no card list for a payment that saves nothing');

    // Stripe failing to list the cards: the payment is still reported, the card unnamed.
    const failing = setup({ customer: () => CUSTOMER }, [route, [`GET /v1/customers/${CUSTOMER}/payment_methods`, () => json(500, { error: { type: 'api_error', message: 'x' } })]]);
    const reported = outcomeOf(await failing.status('pi_3QkessaiTest0001'));
    assert.deepEqual([reported.status, (reported as { paymentMethodId?: string }).paymentMethodId], ['succeeded', undefined]);
  });

  it('payAndSave that is no boolean is refused at startup', () => {
    assert.throws(() => createKessaiHandler({ ...base(), payAndSave: 'yes' as unknown as boolean }), /payAndSave must be a boolean/);
  });
});
