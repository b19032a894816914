import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { Outcome } from '../../../src/core/outcome.ts';
import type { CardDetails, KonbiniDetails } from '../../../src/core/payment-input.ts';
import type { ClientSession, CompleteRequest, EndpointClient, StatusRequest } from '../../../src/core/protocol.ts';
import type { ResumeContext } from '../../../src/providers/adapter.ts';
import { loadAdapter } from '../../../src/providers/registry.ts';
import { univapayManifest } from '../../../src/providers/univapay/manifest.ts';
import { univapayAdapter } from '../../../src/providers/univapay/adapter.ts';
import { fakeFetch, json, type RecordedRequest, type Route } from './fake-fetch.ts';

const API = 'https://api.univapay.com';
// A JWT's shape (header.payload.signature); the values are made up.
const APP_TOKEN =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdG9yZV9pZCI6IjExZWM5ZjdmIiwiZG9tYWlucyI6WyJzaG9wLmV4YW1wbGUiXX0.c2lnbmF0dXJlLW5vdC1yZWFs';
const SID = 'eyJ2IjoxfQ.bWFj';
const TOKEN_ID = '11efdfaf-1e1d-6a2c-b7f0-3b5c2d1e9a01';

const CARD: CardDetails = { number: '4000020000000000', expMonth: 12, expYear: 2030, cvc: '123', name: ' TARO YAMADA ' };
const KONBINI: KonbiniDetails = { store: 'family-mart', name: 'テスト 太郎', email: 'demo@univapay.com', phone: '0364413400' };

function fixture(name: string): Record<string, unknown> {
  return JSON.parse(
    readFileSync(new URL(`../../fixtures/univapay/${name}.json`, import.meta.url), 'utf8'),
  ) as Record<string, unknown>;
}

function session(overrides: Partial<ClientSession> = {}): ClientSession {
  return {
    protocol: 1,
    provider: 'univapay',
    sessionId: SID,
    publicKey: APP_TOKEN,
    apiBase: API,
    amount: 1500,
    currency: 'JPY',
    mode: 'payment',
    methods: ['card', 'konbini'],
    konbiniStores: ['seven-eleven', 'family-mart', 'lawson', 'ministop', 'daily-yamazaki', 'seicomart'],
    returnUrl: 'https://shop.example/checkout',
    konbiniFields: { email: 'required', phone: 'required' },
    extra: { storeId: '11ec9f7f-fb01-2620-af32-af7eb1bedc1a' },
    ...overrides,
  };
}

type EndpointCall =
  | { readonly action: 'complete'; readonly body: Omit<CompleteRequest, 'action' | 'context'> }
  | { readonly action: 'status'; readonly body: Omit<StatusRequest, 'action' | 'context'> };

/** An endpoint that records what it was sent and answers `answer` (or throws it). */
function recordingEndpoint(answer: Outcome | Error = { status: 'succeeded', method: 'card', paymentId: 'ch_1' }) {
  const calls: EndpointCall[] = [];
  const respond = async (): Promise<Outcome> => {
    if (answer instanceof Error) throw answer;
    return answer;
  };
  const endpoint: EndpointClient = {
    complete: (body) => {
      calls.push({ action: 'complete', body });
      return respond();
    },
    status: (body) => {
      calls.push({ action: 'status', body });
      return respond();
    },
  };
  return { endpoint, calls };
}

function context(
  fetchImpl: typeof fetch,
  endpoint: EndpointClient,
  overrides: Partial<ResumeContext> = {},
): ResumeContext {
  return {
    session: session(),
    endpoint,
    locale: 'ja',
    pageUrl: 'https://shop.example/checkout?cart=42',
    idempotencyKey: 'idem-4c1e9a',
    signal: new AbortController().signal,
    fetch: fetchImpl,
    reference: undefined,
    ...overrides,
  };
}

const path = (request: RecordedRequest) => `${request.method} ${new URL(request.url).pathname}`;
const body = (request: RecordedRequest) => JSON.parse(request.body ?? 'null') as Record<string, unknown>;
const tokenRoute = (name = 'token-card', status = 201): Route => ['POST /tokens', () => json(status, fixture(name))];

function failure(outcome: Outcome) {
  assert.equal(outcome.status, 'failed', JSON.stringify(outcome));
  return (outcome as Extract<Outcome, { status: 'failed' }>).error;
}

/** Card number and CVC appear only in the body of the one request to `{apiBase}/tokens`. */
function assertCardOnlyToTokens(requests: readonly RecordedRequest[], calls: readonly EndpointCall[], apiBase = API) {
  for (const request of requests) {
    assert.ok(!request.url.includes(CARD.number), `card number in URL ${request.url}`);
    request.headers.forEach((value, name) => assert.ok(!value.includes(CARD.number), `card number in header ${name}`));
    if (request.body?.includes(CARD.number) || request.body?.includes(`"${CARD.cvc}"`)) {
      assert.equal(request.url, `${apiBase}/tokens`, 'card body sent somewhere else than {apiBase}/tokens');
    }
  }
  const sent = JSON.stringify(calls);
  assert.ok(!sent.includes(CARD.number), 'card number sent to the merchant endpoint');
  assert.ok(!sent.includes(CARD.cvc), 'CVC sent to the merchant endpoint');
}

describe('univapayAdapter', () => {
  const logged: string[] = [];
  const originals = { ...console };
  beforeEach(() => {
    logged.length = 0;
    for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      console[level] = (...args: unknown[]) => {
        logged.push(args.map(String).join(' '));
      };
    }
  });
  afterEach(() => {
    Object.assign(console, originals);
    for (const line of logged) assert.ok(!line.includes(CARD.number), 'card number logged');
  });

  it('is registered for univapay sessions and reads univapayChargeId on return', async () => {
    assert.equal(await loadAdapter('univapay'), univapayAdapter);
    assert.deepEqual([...univapayManifest.returnParams], ['univapayChargeId']);
    assert.equal(univapayManifest.sessionParam, undefined);
  });

  describe('payCard', () => {
    it('tokenizes the card at {apiBase}/tokens with the app token, then completes with the token id only', async () => {
      const fake = fakeFetch([tokenRoute()]);
      const { endpoint, calls } = recordingEndpoint();
      const outcome = await univapayAdapter.pay.card!(context(fake.fetch, endpoint), { card: CARD });

      // The brand and last four come from the token, not from the card the shopper typed.
      assert.deepEqual(outcome, { status: 'succeeded', method: 'card', paymentId: 'ch_1', brand: 'visa', last4: '0000' });
      assert.deepEqual(fake.requests.map(path), ['POST /tokens']);
      const [token] = fake.requests as [RecordedRequest];
      assert.equal(token.url, `${API}/tokens`);
      assert.equal(token.headers.get('authorization'), `Bearer ${APP_TOKEN}`);
      assert.equal(token.headers.get('idempotency-key'), 'idem-4c1e9a');
      assert.equal(token.headers.get('content-type'), 'application/json');
      assert.equal(token.init?.credentials, 'omit');
      assert.equal(token.init?.redirect, 'manual');
      assert.deepEqual(body(token), {
        payment_type: 'card',
        type: 'one_time',
        data: {
          cardholder: 'TARO YAMADA',
          card_number: '4000020000000000',
          exp_month: 12,
          exp_year: 2030,
          cvv: '123',
          three_ds: { enabled: true, redirect_endpoint: 'https://shop.example/checkout?cart=42' },
        },
      });
      assert.deepEqual(calls, [{ action: 'complete', body: { sessionId: SID, token: TOKEN_ID, method: 'card', returnUrl: 'https://shop.example/checkout?cart=42' } }]);
      assertCardOnlyToTokens(fake.requests, calls);
    });

    it("sends the merchant's email (session.extra.email) on the card token when there is one", async () => {
      const fake = fakeFetch([tokenRoute()]);
      const { endpoint } = recordingEndpoint();
      const ctx = context(fake.fetch, endpoint, {
        session: session({ extra: { storeId: 's', email: 'taro@example.jp' } }),
      });
      await univapayAdapter.pay.card!(ctx, { card: CARD });
      assert.equal(body(fake.requests[0]!)['email'], 'taro@example.jp');
    });

    it('passes the 3-D Secure step through: a form POST to the issuer', async () => {
      const fake = fakeFetch([tokenRoute()]);
      const action = {
        type: 'post',
        url: 'https://acs.univapay.example/3ds/challenge',
        fields: { resource_id: 'ch_1', resource_type: 'charge' },
      } as const;
      const { endpoint } = recordingEndpoint({ status: 'requires_action', method: 'card', action });
      const outcome = await univapayAdapter.pay.card!(context(fake.fetch, endpoint), { card: CARD });
      assert.deepEqual(outcome, { status: 'requires_action', method: 'card', action });
    });

    for (const url of ['javascript:alert(1)', 'http://evil.example/acs', 'data:text/html,x']) {
      it(`refuses a next action to ${url.split(':')[0]}: from the endpoint (unsafe_redirect)`, async () => {
        const fake = fakeFetch([tokenRoute()]);
        const { endpoint } = recordingEndpoint({
          status: 'requires_action',
          method: 'card',
          action: { type: 'post', url, fields: {} },
        });
        assert.equal(failure(await univapayAdapter.pay.card!(context(fake.fetch, endpoint), { card: CARD })).reason, 'unsafe_redirect');
      });
    }

    it('trusts the sandbox on plain http for its own challenge page only', async () => {
      const sandbox = 'http://localhost:5173/sandbox/univapay';
      const fake = fakeFetch([['POST /sandbox/univapay/tokens', () => json(201, fixture('token-card'))]]);
      const action = { type: 'post', url: 'http://localhost:5173/sandbox/univapay/3ds/ch_1', fields: {} } as const;
      const { endpoint, calls } = recordingEndpoint({ status: 'requires_action', method: 'card', action });
      const ctx = context(fake.fetch, endpoint, { session: session({ apiBase: sandbox }) });
      assert.equal((await univapayAdapter.pay.card!(ctx, { card: CARD })).status, 'requires_action');
      assertCardOnlyToTokens(fake.requests, calls, sandbox);
    });

    const refusals: [name: string, status: number, code: string, reason: string, field?: string][] = [
      ['error-invalid-domain', 401, 'configuration', 'configuration_error'],
      ['error-invalid-app-token', 401, 'configuration', 'configuration_error'],
      ['error-validation-card-number', 400, 'validation', 'incorrect_number', 'number'],
      ['error-validation-cvv', 400, 'validation', 'incorrect_cvc', 'cvc'],
      ['error-too-many-requests', 429, 'provider', 'too_many_attempts'],
    ];
    for (const [name, status, code, reason, field] of refusals) {
      it(`a token refused with ${name} → ${reason}, and the endpoint is never called`, async () => {
        const fake = fakeFetch([tokenRoute(name, status)]);
        const { endpoint, calls } = recordingEndpoint();
        const error = failure(await univapayAdapter.pay.card!(context(fake.fetch, endpoint), { card: CARD }));
        assert.deepEqual([error.code, error.reason, error.field], [code, reason, field]);
        assert.equal(calls.length, 0);
      });
    }

    it('network failure → network_unreachable; HTML 502 → provider_unavailable; 3xx → unexpected_response', async () => {
      const { endpoint, calls } = recordingEndpoint();
      const down = (() => Promise.reject(new TypeError('fetch failed'))) as typeof fetch;
      assert.equal(failure(await univapayAdapter.pay.card!(context(down, endpoint), { card: CARD })).reason, 'network_unreachable');
      const html = fakeFetch([['POST /tokens', () => new Response('<html>Bad gateway</html>', { status: 502 })]]);
      const error = failure(await univapayAdapter.pay.card!(context(html.fetch, endpoint), { card: CARD }));
      assert.deepEqual([error.reason, error.providerCode], ['provider_unavailable', 'http_502']);
      const moved = fakeFetch([['POST /tokens', () => new Response(null, { status: 307, headers: { Location: 'https://evil.example' } })]]);
      assert.equal(failure(await univapayAdapter.pay.card!(context(moved.fetch, endpoint), { card: CARD })).reason, 'unexpected_response');
      const odd = fakeFetch([['POST /tokens', () => json(201, { hello: 'world' })]]);
      assert.equal(failure(await univapayAdapter.pay.card!(context(odd.fetch, endpoint), { card: CARD })).providerCode, 'schema');
      assert.equal(calls.length, 0);
    });

    it('refuses an API base or app token it cannot use, before any request', async () => {
      const fake = fakeFetch([tokenRoute()]);
      const { endpoint, calls } = recordingEndpoint();
      for (const bad of [
        session({ apiBase: 'http://api.univapay.com' }),
        session({ apiBase: 'javascript:alert(1)' }),
        session({ publicKey: 'secret-value.eyJhbGciOi.eyJzdG9yZV9p.c2ln' }),
        session({ publicKey: 'not a jwt' }),
        session({ methods: ['konbini'] }),
      ]) {
        const error = failure(await univapayAdapter.pay.card!(context(fake.fetch, endpoint, { session: bad }), { card: CARD }));
        assert.equal(error.code, 'configuration');
      }
      assert.equal(fake.requests.length, 0);
      assert.equal(calls.length, 0);
    });

    it('an endpoint that throws → endpoint_error (retryable), never an exception', async () => {
      const fake = fakeFetch([tokenRoute()]);
      const { endpoint } = recordingEndpoint(new Error('HTTP 500'));
      const error = failure(await univapayAdapter.pay.card!(context(fake.fetch, endpoint), { card: CARD }));
      assert.deepEqual([error.code, error.reason, error.retryable], ['network', 'endpoint_error', true]);
    });

    it('abort while the token is being made → canceled, and nothing is charged', async () => {
      const controller = new AbortController();
      const fake = fakeFetch([
        [
          'POST /tokens',
          (request) =>
            new Promise<Response>((_, reject) => {
              request.init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
              controller.abort();
            }),
        ],
      ]);
      const { endpoint, calls } = recordingEndpoint();
      const outcome = await univapayAdapter.pay.card!(context(fake.fetch, endpoint, { signal: controller.signal }), { card: CARD });
      assert.deepEqual(outcome, { status: 'canceled' });
      assert.equal(calls.length, 0);
    });

    it('abort while the endpoint charges → canceled (the flow drops it as stale)', async () => {
      const controller = new AbortController();
      const fake = fakeFetch([tokenRoute()]);
      const endpoint: EndpointClient = {
        complete: async () => {
          controller.abort();
          return { status: 'succeeded', method: 'card' };
        },
        status: () => Promise.reject(new Error('unused')),
      };
      const outcome = await univapayAdapter.pay.card!(context(fake.fetch, endpoint, { signal: controller.signal }), { card: CARD });
      assert.deepEqual(outcome, { status: 'canceled' });
    });
  });

  describe('setup mode and saved cards', () => {
    it('setup mode (directCardTokens) makes a recurring token and completes with it; the merchant\'s id comes back', async () => {
      const fake = fakeFetch([tokenRoute()]);
      const saved: Outcome = { status: 'succeeded', method: 'card', paymentMethodId: 'card_1', brand: 'visa', last4: '0000' };
      const { endpoint, calls } = recordingEndpoint(saved);
      const ctx = context(fake.fetch, endpoint, { session: session({ mode: 'setup', amount: 0, methods: ['card'] }) });
      const outcome = await univapayAdapter.pay.card!(ctx, { card: CARD });
      assert.deepEqual(outcome, saved);
      assert.equal(body(fake.requests[0]!)['type'], 'recurring');
      assert.equal(calls[0]?.action, 'complete');
      assert.equal((calls[0]?.body as { token?: string }).token, TOKEN_ID);
      assertCardOnlyToTokens(fake.requests, calls);
    });

    it('a saved card: complete with the listed id only, no request to UnivaPay; an id the session does not list is refused', async () => {
      const fake = fakeFetch([]);
      const { endpoint, calls } = recordingEndpoint();
      const listed = session({ savedCards: [{ id: 'card_1', brand: 'visa', last4: '0000', expMonth: 12, expYear: 2030 }] });
      const paid = await univapayAdapter.pay.card!(context(fake.fetch, endpoint, { session: listed }), { saved: 'card_1' });
      assert.equal(paid.status, 'succeeded');
      assert.deepEqual(calls.map((c) => [c.action, (c.body as { token?: string }).token, (c.body as { method?: string }).method]), [['complete', 'card_1', 'card']]);
      const unknown = await univapayAdapter.pay.card!(context(fake.fetch, endpoint, { session: listed }), { saved: 'card_2' });
      assert.equal(failure(unknown).reason, 'invalid_card');
      assert.equal(calls.length, 1);
      assert.equal(fake.requests.length, 0);
    });
  });

  describe('payKonbini', () => {
    it('tokenizes store, name, email and phone (seed 001 shape), then completes with the token id', async () => {
      const fake = fakeFetch([tokenRoute('token-konbini-family-mart')]);
      const slip = {
        store: 'family-mart',
        paymentNumber: '20020-123456789012',
        amount: 1500,
        currency: 'JPY',
        expiresAt: '2022-08-19T14:59:59Z',
      } as const;
      const { endpoint, calls } = recordingEndpoint({ status: 'awaiting_payment', method: 'konbini', slip });
      const outcome = await univapayAdapter.pay.konbini!(context(fake.fetch, endpoint), KONBINI);
      assert.deepEqual(outcome, { status: 'awaiting_payment', method: 'konbini', slip });
      const [token] = fake.requests as [RecordedRequest];
      assert.equal(token.headers.get('authorization'), `Bearer ${APP_TOKEN}`);
      assert.deepEqual(body(token), {
        payment_type: 'konbini',
        type: 'one_time',
        email: 'demo@univapay.com',
        data: {
          customer_name: 'テスト 太郎',
          convenience_store: 'family_mart',
          phone_number: { country_code: '81', local_number: '0364413400' },
        },
      });
      assert.deepEqual(calls, [
        { action: 'complete', body: { sessionId: SID, token: '11ed00f1-da1b-c4d2-b420-37b91ef1b282', method: 'konbini', returnUrl: 'https://shop.example/checkout?cart=42' } },
      ]);
    });

    it('maps our store ids onto UnivaPay values', async () => {
      const sent: string[] = [];
      for (const store of ['seven-eleven', 'ministop', 'daily-yamazaki', 'seicomart'] as const) {
        const fake = fakeFetch([tokenRoute('token-konbini-family-mart')]);
        await univapayAdapter.pay.konbini!(context(fake.fetch, recordingEndpoint().endpoint), { ...KONBINI, store });
        sent.push((body(fake.requests[0]!)['data'] as Record<string, string>)['convenience_store']!);
      }
      assert.deepEqual(sent, ['seven_eleven', 'mini_stop', 'daily_yamazaki', 'seico_mart']);
    });

    it('without a phone number → invalid_phone, before any request (UnivaPay requires it)', async () => {
      const fake = fakeFetch([]);
      const { endpoint, calls } = recordingEndpoint();
      const { phone: _phone, ...noPhone } = KONBINI;
      const error = failure(await univapayAdapter.pay.konbini!(context(fake.fetch, endpoint), noPhone));
      assert.deepEqual([error.code, error.reason, error.field], ['validation', 'invalid_phone', 'phone']);
      assert.equal(fake.requests.length + calls.length, 0);
    });

    it('a store the session does not offer → store_unavailable, before any request', async () => {
      const fake = fakeFetch([]);
      const ctx = context(fake.fetch, recordingEndpoint().endpoint, { session: session({ konbiniStores: ['lawson'] }) });
      assert.equal(failure(await univapayAdapter.pay.konbini!(ctx, KONBINI)).reason, 'store_unavailable');
      assert.equal(fake.requests.length, 0);
    });

    it('a phone refused by UnivaPay → invalid_phone on the phone field', async () => {
      const fake = fakeFetch([tokenRoute('error-validation-phone', 400)]);
      const error = failure(await univapayAdapter.pay.konbini!(context(fake.fetch, recordingEndpoint().endpoint), KONBINI));
      assert.deepEqual([error.reason, error.field], ['invalid_phone', 'phone']);
    });
  });

  describe('resume', () => {
    it('asks the endpoint for the status of the charge named by univapayChargeId', async () => {
      const fake = fakeFetch([]);
      const { endpoint, calls } = recordingEndpoint({ status: 'succeeded', method: 'card', paymentId: 'ch_9' });
      const params = new URLSearchParams({ univapayChargeId: '11ed07f5-345d-4308-a4c9-9f6b3663e18f' });
      const outcome = await univapayAdapter.resume(context(fake.fetch, endpoint), params);
      assert.deepEqual(outcome, { status: 'succeeded', method: 'card', paymentId: 'ch_9' });
      assert.deepEqual(calls, [
        { action: 'status', body: { sessionId: SID, reference: '11ed07f5-345d-4308-a4c9-9f6b3663e18f' } },
      ]);
      assert.equal(fake.requests.length, 0, 'resume talks to the endpoint only');
    });

    it('without the parameter, asks for the charge the attempt recorded before the redirect', async () => {
      const { endpoint, calls } = recordingEndpoint({ status: 'succeeded', method: 'card', paymentId: 'ch_7' });
      const ctx = context(fakeFetch([]).fetch, endpoint, { reference: '11ed07f5-0000-4308-a4c9-9f6b3663e18f' });
      const outcome = await univapayAdapter.resume(ctx, new URLSearchParams('kessai_return=1'));
      assert.equal(outcome.status, 'succeeded');
      assert.deepEqual(calls, [
        { action: 'status', body: { sessionId: SID, reference: '11ed07f5-0000-4308-a4c9-9f6b3663e18f' } },
      ]);
    });

    it('the charge recorded before the redirect wins over one a URL names (the URL is anyone\'s to edit)', async () => {
      const { endpoint, calls } = recordingEndpoint({ status: 'succeeded', method: 'card', paymentId: 'ch_8' });
      const ctx = context(fakeFetch([]).fetch, endpoint, { reference: 'recorded-charge' });
      await univapayAdapter.resume(ctx, new URLSearchParams({ univapayChargeId: 'named-charge' }));
      assert.deepEqual(calls.map((c) => (c.body as { reference?: string }).reference), ['recorded-charge']);
    });

    it('without the charge id anywhere → internal_error, and no call', async () => {
      const { endpoint, calls } = recordingEndpoint();
      const outcome = await univapayAdapter.resume(context(fakeFetch([]).fetch, endpoint), new URLSearchParams('x=1'));
      assert.equal(failure(outcome).reason, 'internal_error');
      assert.equal(calls.length, 0);
    });

    it('an endpoint that throws → endpoint_error', async () => {
      const { endpoint } = recordingEndpoint(new Error('down'));
      const params = new URLSearchParams({ univapayChargeId: 'ch_1' });
      assert.equal(failure(await univapayAdapter.resume(context(fakeFetch([]).fetch, endpoint), params)).reason, 'endpoint_error');
    });
  });
});
