import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { Outcome } from '../../../src/core/outcome.ts';
import type { CardDetails, KonbiniDetails } from '../../../src/core/payment-input.ts';
import type { ClientSession, EndpointClient } from '../../../src/core/protocol.ts';
import type { ResumeContext } from '../../../src/providers/adapter.ts';
import { komojuAdapter } from '../../../src/providers/komoju/adapter.ts';
import { komojuManifest } from '../../../src/providers/komoju/manifest.ts';
import { loadAdapter } from '../../../src/providers/registry.ts';
import { fakeFetch, json, type RecordedRequest, type Route } from './fake-fetch.ts';
import { komojuFixture } from './komoju-fixtures.ts';

const SID = '3pwlcidjnkbn7i6d0mu3e5rjd';
const STID = 'sdg3wxx2y8csuyqm2mw5iqiy1';
const API = 'https://komoju.com/api/v1';
const PK = 'pk_test_4f2b9c0d1e';

const CARD: CardDetails = {
  number: '4111111111111111',
  expMonth: 2,
  expYear: 2030,
  cvc: '737',
  name: 'TARO YAMADA',
};
const KONBINI: KonbiniDetails = {
  store: 'lawson',
  name: '山田 花子',
  email: 'hanako@example.jp',
  phone: '09012345678',
};

const endpoint: EndpointClient = {
  complete: () => Promise.reject(new Error('KOMOJU must not use the endpoint')),
  status: () => Promise.reject(new Error('KOMOJU must not use the endpoint')),
};

function session(overrides: Partial<ClientSession> = {}): ClientSession {
  return {
    protocol: 1,
    provider: 'komoju',
    sessionId: SID,
    publicKey: PK,
    apiBase: API,
    amount: 1500,
    currency: 'JPY',
    mode: 'payment',
    methods: ['card', 'konbini'],
    konbiniStores: ['seven-eleven', 'family-mart', 'lawson', 'ministop', 'daily-yamazaki', 'seicomart'],
    returnUrl: 'https://shop.example/checkout',
    ...overrides,
  };
}

function context(
  fetchImpl: typeof fetch,
  overrides: Partial<ResumeContext> & { session?: ClientSession } = {},
): ResumeContext {
  return {
    session: session(),
    endpoint,
    locale: 'ja',
    pageUrl: 'https://shop.example/checkout?cart=42',
    idempotencyKey: 'idem-7d0c2f',
    signal: new AbortController().signal,
    fetch: fetchImpl,
    reference: undefined,
    ...overrides,
  };
}

const path = (request: RecordedRequest) => `${request.method} ${new URL(request.url).pathname}`;
const body = (request: RecordedRequest) => JSON.parse(request.body ?? 'null') as Record<string, unknown>;
const fixture = (name: string) => () => json(200, komojuFixture(name));

const secureTokenRoute = (name: string): Route => ['POST /api/v1/secure_tokens', fixture(name)];
const payRoute = (name: string, status = 200): Route => [
  `POST /api/v1/sessions/${SID}/pay`,
  () => json(status, komojuFixture(name)),
];

function failedReason(outcome: Outcome): string | undefined {
  return outcome.status === 'failed' ? outcome.error.reason : undefined;
}

/** Every place a card number or CVC could leak in a recorded request, except the body to apiBase. */
function assertCardOnlyInBodiesToApi(requests: readonly RecordedRequest[], apiBase = API): void {
  const apiOrigin = new URL(apiBase).origin;
  for (const request of requests) {
    assert.ok(!request.url.includes(CARD.number), `card number in URL ${request.url}`);
    assert.ok(!request.url.includes(CARD.cvc), `CVC in URL ${request.url}`);
    request.headers.forEach((value, name) => {
      assert.ok(!value.includes(CARD.number), `card number in header ${name}`);
    });
    if (request.body?.includes(CARD.number)) {
      assert.equal(new URL(request.url).origin, apiOrigin, 'card body sent off the API origin');
      assert.ok(request.url.startsWith(apiBase), 'card body sent outside apiBase');
    }
  }
}

describe('komojuAdapter', () => {
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

  describe('payCard', () => {
    it('creates a secure token, then pays the session with it', async () => {
      const fake = fakeFetch([secureTokenRoute('secure-token-ok'), payRoute('pay-card-captured')]);
      const outcome = await komojuAdapter.pay.card!(context(fake.fetch), { card: CARD });

      assert.deepEqual(outcome, {
        status: 'succeeded',
        method: 'card',
        paymentId: 'b3rqo3fn6p8oa2hlqqaa6y8sm',
        brand: 'visa',
        last4: '1111',
      });
      assert.deepEqual(fake.requests.map(path), [
        'POST /api/v1/secure_tokens',
        `POST /api/v1/sessions/${SID}/pay`,
      ]);
      const [token, pay] = fake.requests as [RecordedRequest, RecordedRequest];
      assert.deepEqual(body(token), {
        amount: 1500,
        currency: 'JPY',
        return_url: `https://shop.example/checkout?cart=42&session_id=${SID}`,
        payment_details: {
          type: 'credit_card',
          number: '4111111111111111',
          month: '02',
          year: '2030',
          verification_value: '737',
          name: 'TARO YAMADA',
        },
      });
      assert.deepEqual(body(pay), { payment_details: STID, api_locale: 'ja' });
      // No idempotency header from the browser: KOMOJU's fields send none, and CORS may refuse one.
      assert.equal(pay.headers.get('idempotency-key'), null);
      assert.equal(pay.headers.get('x-komoju-idempotency'), null);
      for (const request of fake.requests) {
        assert.equal(request.headers.get('authorization'), `Basic ${btoa(`${PK}:`)}`);
        // Not from the browser: KOMOJU's CORS rules are only known to allow what komoju-fields sends.
        assert.equal(request.headers.get('x-komoju-api-version'), null);
        assert.equal(request.headers.get('content-type'), 'application/json');
        assert.equal(request.init?.credentials, 'omit');
        assert.equal(request.init?.redirect, 'manual');
      }
      assertCardOnlyInBodiesToApi(fake.requests);
    });

    it('SKIPPED pays at once too', async () => {
      const fake = fakeFetch([secureTokenRoute('secure-token-skipped'), payRoute('pay-card-captured')]);
      const outcome = await komojuAdapter.pay.card!(context(fake.fetch), { card: CARD });
      assert.equal(outcome.status, 'succeeded');
      assert.equal(fake.requests.length, 2);
    });

    it('NEEDS_VERIFY → requires_action redirect to the authentication URL, nothing paid yet', async () => {
      const fake = fakeFetch([secureTokenRoute('secure-token-needs-verify')]);
      const outcome = await komojuAdapter.pay.card!(context(fake.fetch), { card: CARD });
      assert.deepEqual(outcome, {
        status: 'requires_action',
        method: 'card',
        action: {
          type: 'redirect',
          url: `https://komoju.com/secure_tokens/${STID}/authenticate?locale=ja`,
        },
      });
      assert.equal(fake.requests.length, 1);
      assertCardOnlyInBodiesToApi(fake.requests);
    });

    for (const url of ['javascript:alert(document.cookie)', 'http://evil.example/acs', 'data:text/html,x']) {
      it(`NEEDS_VERIFY with ${url.split(':')[0]}: authentication_url → failed unsafe_redirect`, async () => {
        const fake = fakeFetch([
          [
            'POST /api/v1/secure_tokens',
            () => json(200, { ...komojuFixture('secure-token-needs-verify'), authentication_url: url }),
          ],
        ]);
        const outcome = await komojuAdapter.pay.card!(context(fake.fetch), { card: CARD });
        assert.equal(failedReason(outcome), 'unsafe_redirect');
        assert.equal(fake.requests.length, 1);
      });
    }

    it('the sandbox on plain http is trusted for its own challenge page only', async () => {
      const sandboxApi = 'http://localhost:5173/sandbox/komoju/api/v1';
      const challenge = 'http://localhost:5173/sandbox/komoju/secure_tokens/x/authenticate';
      const fake = fakeFetch([
        [
          'POST /sandbox/komoju/api/v1/secure_tokens',
          () => json(200, { ...komojuFixture('secure-token-needs-verify'), authentication_url: challenge }),
        ],
      ]);
      const ctx = context(fake.fetch, { session: session({ apiBase: sandboxApi }) });
      const outcome = await komojuAdapter.pay.card!(ctx, { card: CARD });
      assert.equal(outcome.status, 'requires_action');
      assert.equal(outcome.status === 'requires_action' && outcome.action.url, challenge);
      assertCardOnlyInBodiesToApi(fake.requests, sandboxApi);
    });

    it('ERRORED at creation (3-D Secure misconfigured) → pays with the card details, as KOMOJU\'s fields do', async () => {
      const fake = fakeFetch([secureTokenRoute('secure-token-errored'), payRoute('pay-card-captured')]);
      const outcome = await komojuAdapter.pay.card!(context(fake.fetch), { card: CARD });
      assert.equal(outcome.status, 'succeeded');
      assert.deepEqual(fake.requests.map(path), ['POST /api/v1/secure_tokens', `POST /api/v1/sessions/${SID}/pay`]);
      assert.deepEqual(body(fake.requests[1]!)['payment_details'], {
        type: 'credit_card',
        number: '4111111111111111',
        month: '02',
        year: '2030',
        verification_value: '737',
        name: 'TARO YAMADA',
      });
      assertCardOnlyInBodiesToApi(fake.requests);
    });

    it('sends KOMOJU only the headers its own fields send: no idempotency header on any call', async () => {
      const fake = fakeFetch([secureTokenRoute('secure-token-ok'), payRoute('pay-card-captured')]);
      await komojuAdapter.pay.card!(context(fake.fetch), { card: CARD });
      assert.equal(fake.requests.length, 2);
      for (const request of fake.requests) {
        const names = [...request.headers.keys()].sort();
        assert.deepEqual(names, ['accept', 'authorization', 'content-type'], path(request));
      }
    });

    it('unsupported_card_brand → pays with the card details directly', async () => {
      const fake = fakeFetch([
        ['POST /api/v1/secure_tokens', () => json(422, komojuFixture('error-unsupported-card-brand'))],
        payRoute('pay-card-captured'),
      ]);
      const outcome = await komojuAdapter.pay.card!(context(fake.fetch), { card: CARD });
      assert.equal(outcome.status, 'succeeded');
      const pay = fake.requests[1] as RecordedRequest;
      assert.equal(pay.headers.get('idempotency-key'), null);
      assert.deepEqual(body(pay)['payment_details'], {
        type: 'credit_card',
        number: '4111111111111111',
        month: '02',
        year: '2030',
        verification_value: '737',
        name: 'TARO YAMADA',
      });
      assertCardOnlyInBodiesToApi(fake.requests);
    });

    it('a pay answer asking for 3-D Secure (card paid directly) → requires_action', async () => {
      const fake = fakeFetch([
        ['POST /api/v1/secure_tokens', () => json(422, komojuFixture('error-unsupported-card-brand'))],
        payRoute('pay-card-pending-3ds'),
      ]);
      const outcome = await komojuAdapter.pay.card!(context(fake.fetch), { card: CARD });
      assert.equal(outcome.status, 'requires_action');
    });

    it('a decline on pay → failed with KOMOJU code kept', async () => {
      const fake = fakeFetch([secureTokenRoute('secure-token-ok'), payRoute('error-insufficient-funds', 502)]);
      const outcome = await komojuAdapter.pay.card!(context(fake.fetch), { card: CARD });
      assert.equal(failedReason(outcome), 'insufficient_funds');
      assert.equal(outcome.status === 'failed' && outcome.error.providerCode, 'insufficient_funds');
      assert.equal(outcome.status === 'failed' && outcome.error.retryable, true);
    });

    it('a secure-token error other than the brand → failed, no pay', async () => {
      const fake = fakeFetch([
        ['POST /api/v1/secure_tokens', () => json(422, komojuFixture('error-invalid-number'))],
      ]);
      const outcome = await komojuAdapter.pay.card!(context(fake.fetch), { card: CARD });
      assert.equal(failedReason(outcome), 'incorrect_number');
      assert.equal(outcome.status === 'failed' && outcome.error.field, 'number');
      assert.equal(fake.requests.length, 1);
    });

    const malformed: ReadonlyArray<readonly [string, () => Response]> = [
      ['HTML instead of JSON', () => new Response('<html>oops</html>', { status: 200 })],
      ['truncated JSON', () => new Response('{"id":"x","verification_st', { status: 200 })],
      ['JSON of another shape', () => json(200, { hello: 'world' })],
      ['JSON null', () => json(200, 'null')],
      ['a redirect', () => new Response(null, { status: 307, headers: { Location: 'https://evil.example/' } })],
    ];
    for (const [label, respond] of malformed) {
      it(`${label} → failed unexpected_response, no throw, no pay`, async () => {
        const fake = fakeFetch([['POST /api/v1/secure_tokens', respond]]);
        const outcome = await komojuAdapter.pay.card!(context(fake.fetch), { card: CARD });
        assert.equal(failedReason(outcome), 'unexpected_response');
        assert.equal(fake.requests.length, 1);
      });
    }

    it('a 503 maintenance page → provider_unavailable, retryable', async () => {
      const fake = fakeFetch([
        secureTokenRoute('secure-token-ok'),
        [`POST /api/v1/sessions/${SID}/pay`, () => new Response('<h1>Maintenance</h1>', { status: 503 })],
      ]);
      const outcome = await komojuAdapter.pay.card!(context(fake.fetch), { card: CARD });
      assert.equal(failedReason(outcome), 'provider_unavailable');
      assert.equal(outcome.status === 'failed' && outcome.error.retryable, true);
    });

    it('a network failure → failed network, retryable, without the card in the error', async () => {
      const fake = fakeFetch([
        [
          'POST /api/v1/secure_tokens',
          (request) => {
            throw new TypeError(`fetch failed for ${request.body}`);
          },
        ],
      ]);
      const outcome = await komojuAdapter.pay.card!(context(fake.fetch), { card: CARD });
      assert.equal(outcome.status === 'failed' && outcome.error.code, 'network');
      assert.equal(failedReason(outcome), 'network_unreachable');
      assert.ok(!JSON.stringify(outcome).includes(CARD.number));
    });

    it('aborted while the secure token is in flight → canceled, nothing paid, no throw', async () => {
      const controller = new AbortController();
      const fake = fakeFetch([
        [
          'POST /api/v1/secure_tokens',
          (request) =>
            new Promise<Response>((_resolve, reject) => {
              request.init?.signal?.addEventListener('abort', () =>
                reject(new DOMException('aborted', 'AbortError')),
              );
              setTimeout(() => controller.abort(), 5);
            }),
        ],
        payRoute('pay-card-captured'),
      ]);
      const outcome = await komojuAdapter.pay.card!(context(fake.fetch, { signal: controller.signal }), { card: CARD });
      assert.deepEqual(outcome, { status: 'canceled' });
      assert.equal(fake.requests.length, 1);
    });

    it('aborted just as the secure token arrives → no pay call and no success leaks', async () => {
      const controller = new AbortController();
      const fake = fakeFetch([
        [
          'POST /api/v1/secure_tokens',
          () => {
            controller.abort();
            return json(200, komojuFixture('secure-token-ok'));
          },
        ],
        payRoute('pay-card-captured'),
      ]);
      const outcome = await komojuAdapter.pay.card!(context(fake.fetch, { signal: controller.signal }), { card: CARD });
      assert.deepEqual(outcome, { status: 'canceled' });
      assert.deepEqual(fake.requests.map(path), ['POST /api/v1/secure_tokens']);
    });

    it('an already aborted attempt sends nothing', async () => {
      const controller = new AbortController();
      controller.abort();
      const fake = fakeFetch([secureTokenRoute('secure-token-ok')]);
      const outcome = await komojuAdapter.pay.card!(context(fake.fetch, { signal: controller.signal }), { card: CARD });
      assert.deepEqual(outcome, { status: 'canceled' });
      assert.equal(fake.requests.length, 0);
    });

    for (const apiBase of ['http://komoju.evil.example/api/v1', 'javascript:alert(1)', 'not a url', 'https://user:pw@komoju.com/api/v1']) {
      it(`an unusable apiBase (${apiBase}) → failed configuration, the card sent nowhere`, async () => {
        const fake = fakeFetch([secureTokenRoute('secure-token-ok')]);
        const ctx = context(fake.fetch, { session: session({ apiBase }) });
        const outcome = await komojuAdapter.pay.card!(ctx, { card: CARD });
        assert.equal(outcome.status === 'failed' && outcome.error.code, 'configuration');
        assert.equal(fake.requests.length, 0);
      });
    }

    it('card not among the session methods → method_unavailable, no request', async () => {
      const fake = fakeFetch([]);
      const ctx = context(fake.fetch, { session: session({ methods: ['konbini'] }) });
      const outcome = await komojuAdapter.pay.card!(ctx, { card: CARD });
      assert.equal(failedReason(outcome), 'method_unavailable');
      assert.equal(fake.requests.length, 0);
    });

    it('the session id is encoded into the path, never used raw', async () => {
      const fake = fakeFetch([
        secureTokenRoute('secure-token-ok'),
        [(r) => r.url.includes('/sessions/'), () => json(200, komojuFixture('pay-card-captured'))],
      ]);
      const ctx = context(fake.fetch, { session: session({ sessionId: '../payments?x=1' }) });
      await komojuAdapter.pay.card!(ctx, { card: CARD });
      const pay = fake.requests[1] as RecordedRequest;
      assert.equal(new URL(pay.url).pathname, '/api/v1/sessions/..%2Fpayments%3Fx%3D1/pay');
    });
  });

  describe('payKonbini', () => {
    it('pays the session with the store slug and contact details → the slip', async () => {
      const fake = fakeFetch([payRoute('pay-konbini-lawson')]);
      const outcome = await komojuAdapter.pay.konbini!(context(fake.fetch), KONBINI);
      assert.equal(outcome.status, 'awaiting_payment');
      if (outcome.status !== 'awaiting_payment') return;
      assert.equal(outcome.slip.paymentNumber, '12345678901');
      assert.equal(outcome.slip.confirmationNumber, '1111');
      assert.equal(outcome.slip.amount, 1690);
      const pay = fake.requests[0] as RecordedRequest;
      assert.equal(pay.headers.get('idempotency-key'), null);
      assert.deepEqual(body(pay), {
        payment_details: {
          type: 'konbini',
          store: 'lawson',
          email: 'hanako@example.jp',
          name: '山田 花子',
          phone: '09012345678',
        },
        api_locale: 'ja',
      });
    });

    it('leaves the phone out when the shopper gave none', async () => {
      const fake = fakeFetch([payRoute('pay-konbini-seven-eleven')]);
      const { phone: _phone, ...noPhone } = KONBINI;
      const outcome = await komojuAdapter.pay.konbini!(context(fake.fetch), { ...noPhone, store: 'seven-eleven' });
      assert.equal(outcome.status, 'awaiting_payment');
      const details = body(fake.requests[0] as RecordedRequest)['payment_details'] as Record<string, unknown>;
      assert.equal(details['store'], 'seven-eleven');
      assert.equal('phone' in details, false);
    });

    it('reads the session back when the pay answer carries no payment', async () => {
      const fake = fakeFetch([
        [`POST /api/v1/sessions/${SID}/pay`, () => json(200, { status: 'completed', redirect_url: null })],
        [`GET /api/v1/sessions/${SID}`, fixture('session-completed-konbini-lawson')],
      ]);
      const outcome = await komojuAdapter.pay.konbini!(context(fake.fetch), KONBINI);
      assert.equal(outcome.status, 'awaiting_payment');
      assert.equal(fake.requests.length, 2);
    });

    it('a store the session does not offer → store_unavailable, no request', async () => {
      const fake = fakeFetch([]);
      const ctx = context(fake.fetch, { session: session({ konbiniStores: ['lawson'] }) });
      const outcome = await komojuAdapter.pay.konbini!(ctx, { ...KONBINI, store: 'family-mart' });
      assert.equal(failedReason(outcome), 'store_unavailable');
      assert.equal(fake.requests.length, 0);
    });

    it('a missing email reported by KOMOJU → invalid_email on the email field', async () => {
      const fake = fakeFetch([payRoute('error-missing-parameter-email', 422)]);
      const outcome = await komojuAdapter.pay.konbini!(context(fake.fetch), KONBINI);
      assert.equal(failedReason(outcome), 'invalid_email');
      assert.equal(outcome.status === 'failed' && outcome.error.field, 'email');
    });
  });

  describe('resume', () => {
    const returned = new URLSearchParams({ cart: '42', session_id: SID, secure_token_id: STID });

    it('declares its return parameters in its manifest, naming the session in session_id', () => {
      assert.deepEqual([...komojuManifest.returnParams], ['secure_token_id', 'session_id']);
      assert.equal(komojuManifest.sessionParam, 'session_id');
    });

    it('OK token → pays the session with the token id, without an idempotency header', async () => {
      const fake = fakeFetch([
        [`GET /api/v1/secure_tokens/${STID}`, fixture('secure-token-ok')],
        payRoute('pay-card-captured'),
      ]);
      const outcome = await komojuAdapter.resume(context(fake.fetch), returned);
      assert.equal(outcome.status, 'succeeded');
      const pays = fake.requests.filter((r) => r.method === 'POST');
      assert.equal(pays.length, 1);
      assert.equal(pays[0]!.headers.get('idempotency-key'), null);
      assert.deepEqual(body(pays[0]!)['payment_details'], STID);
    });

    it('pays the session named on the return URL', async () => {
      const other = 'othersession0000000000001';
      const fake = fakeFetch([
        [`GET /api/v1/secure_tokens/${STID}`, fixture('secure-token-ok')],
        [`POST /api/v1/sessions/${other}/pay`, fixture('pay-card-captured')],
      ]);
      const params = new URLSearchParams({ session_id: other, secure_token_id: STID });
      const outcome = await komojuAdapter.resume(context(fake.fetch), params);
      assert.equal(outcome.status, 'succeeded');
    });

    it('a token still NEEDS_VERIFY on return → authentication_canceled, nothing paid', async () => {
      const fake = fakeFetch([[`GET /api/v1/secure_tokens/${STID}`, fixture('secure-token-needs-verify')]]);
      const outcome = await komojuAdapter.resume(context(fake.fetch), returned);
      assert.equal(failedReason(outcome), 'authentication_canceled');
      assert.equal(fake.requests.length, 1);
    });

    it('an ERRORED token → authentication_failed, nothing paid', async () => {
      const fake = fakeFetch([[`GET /api/v1/secure_tokens/${STID}`, fixture('secure-token-errored')]]);
      const outcome = await komojuAdapter.resume(context(fake.fetch), returned);
      assert.equal(failedReason(outcome), 'authentication_failed');
      assert.equal(fake.requests.length, 1);
    });

    it('a refused pay after a token that already paid → the session says succeeded', async () => {
      const fake = fakeFetch([
        [`GET /api/v1/secure_tokens/${STID}`, fixture('secure-token-ok')],
        [
          `POST /api/v1/sessions/${SID}/pay`,
          () => json(422, { error: { code: 'unprocessable_entity', message: 'Session already completed' } }),
        ],
        [`GET /api/v1/sessions/${SID}`, fixture('session-completed-card')],
      ]);
      const outcome = await komojuAdapter.resume(context(fake.fetch), returned);
      assert.equal(outcome.status, 'succeeded');
    });

    it('a refused pay on a session not paid either → the pay error', async () => {
      const fake = fakeFetch([
        [`GET /api/v1/secure_tokens/${STID}`, fixture('secure-token-ok')],
        payRoute('error-card-declined', 502),
        [`GET /api/v1/sessions/${SID}`, fixture('session-created')],
      ]);
      const outcome = await komojuAdapter.resume(context(fake.fetch), returned);
      assert.equal(failedReason(outcome), 'card_declined');
    });

    it('only session_id → reads the session (konbini slip)', async () => {
      const fake = fakeFetch([[`GET /api/v1/sessions/${SID}`, fixture('session-completed-konbini-lawson')]]);
      const outcome = await komojuAdapter.resume(context(fake.fetch), new URLSearchParams({ session_id: SID }));
      assert.equal(outcome.status, 'awaiting_payment');
      assert.deepEqual(fake.requests.map(path), [`GET /api/v1/sessions/${SID}`]);
    });

    it('an unknown secure token → failed, no throw', async () => {
      const fake = fakeFetch([[`GET /api/v1/secure_tokens/${STID}`, () => json(404, komojuFixture('error-not-found'))]]);
      const outcome = await komojuAdapter.resume(context(fake.fetch), returned);
      assert.equal(outcome.status, 'failed');
    });

    it('no KOMOJU parameter at all → failed internal, no request', async () => {
      const fake = fakeFetch([]);
      const outcome = await komojuAdapter.resume(context(fake.fetch), new URLSearchParams({ cart: '42' }));
      assert.equal(failedReason(outcome), 'internal_error');
      assert.equal(fake.requests.length, 0);
    });
  });
});

describe('loadAdapter', () => {
  it('loads the KOMOJU adapter for komoju and nothing for a name that is no provider', async () => {
    assert.equal(await loadAdapter('komoju'), komojuAdapter);
    assert.equal(await loadAdapter('__proto__' as never), undefined);
  });
});

describe('komojuAdapter saved cards and setup mode (docs/providers.md "KOMOJU › Customers and saved cards")', () => {
  const SAVED = `kc_${'A'.repeat(32)}`;
  const savedCard = { id: SAVED, brand: 'visa', last4: '1111', expMonth: 12, expYear: 2030 };

  it('setup mode pays the customer session with the card (no secure token), then the server reports the saved card; the session is never read', async () => {
    const fake = fakeFetch([[`POST /api/v1/sessions/${SID}/pay`, () => json(200, { status: 'completed', redirect_url: null, payment: null })]]);
    const asked: unknown[] = [];
    const saved: Outcome = { status: 'succeeded', method: 'card', paymentMethodId: SAVED, brand: 'visa', last4: '1111' };
    const outcome = await komojuAdapter.pay.card!(
      context(fake.fetch, {
        session: session({ mode: 'setup', amount: 0, methods: ['card'], konbiniStores: [] }),
        endpoint: { ...endpoint, status: (request) => (asked.push(request), Promise.resolve(saved)) },
      }),
      { card: CARD },
    );
    assert.deepEqual(outcome, saved);
    assert.deepEqual(fake.requests.map(path), [`POST /api/v1/sessions/${SID}/pay`]);
    assert.equal((body(fake.requests[0]!)['payment_details'] as Record<string, unknown>)['number'], '4111111111111111');
    // As sent: JSON (an undefined reference is no field).
    assert.deepEqual(JSON.parse(JSON.stringify(asked)), [{ sessionId: SID }]);
  });

  it('setup mode: a card KOMOJU refuses is a failed outcome, and the server is not asked', async () => {
    const fake = fakeFetch([
      [`POST /api/v1/sessions/${SID}/pay`, () => json(200, { status: 'error', redirect_url: null, error: { code: 'card_declined', message: 'Your card has been declined.', param: null, details: null } })],
    ]);
    const outcome = await komojuAdapter.pay.card!(
      context(fake.fetch, { session: session({ mode: 'setup', amount: 0, methods: ['card'], konbiniStores: [] }) }),
      { card: CARD },
    );
    assert.equal(outcome.status, 'failed');
    assert.equal(outcome.status === 'failed' && outcome.error.reason, 'card_declined');
  });

  it('a saved card: complete with its opaque id, no call to KOMOJU from the page; an unsafe redirect answered is refused', async () => {
    const fake = fakeFetch([]);
    const completes: unknown[] = [];
    const step: Outcome = { status: 'requires_action', method: 'card', action: { type: 'redirect', url: 'javascript:alert(1)' }, reference: 'st.x.y' };
    const outcome = await komojuAdapter.pay.card!(
      context(fake.fetch, {
        session: session({ savedCards: [savedCard] }),
        endpoint: { ...endpoint, complete: (request) => (completes.push(request), Promise.resolve(step)) },
      }),
      { saved: SAVED },
    );
    assert.deepEqual(completes, [{ sessionId: SID, token: SAVED, method: 'card', returnUrl: 'https://shop.example/checkout?cart=42' }]);
    assert.equal(fake.requests.length, 0);
    assert.equal(outcome.status === 'failed' && outcome.error.reason, 'unsafe_redirect');
  });

  it("the return from a saved card's 3-D Secure step: status with the recorded reference, no call to KOMOJU", async () => {
    const fake = fakeFetch([]);
    const asked: unknown[] = [];
    const paid: Outcome = { status: 'succeeded', method: 'card', paymentId: 'p1' };
    const outcome = await komojuAdapter.resume(
      context(fake.fetch, { reference: 'st.tok.mac', endpoint: { ...endpoint, status: (request) => (asked.push(request), Promise.resolve(paid)) } }),
      new URLSearchParams({ secure_token_id: STID, session_id: SID }),
    );
    assert.deepEqual(outcome, paid);
    assert.deepEqual(asked, [{ sessionId: SID, reference: 'st.tok.mac' }]);
    assert.equal(fake.requests.length, 0);
  });

  describe('pay and save (session.savesCard, a customer_payment session)', () => {
    const saving = session({ methods: ['card'], konbiniStores: [], savesCard: true });
    const reported: Outcome = { status: 'succeeded', method: 'card', paymentId: 'p1', paymentMethodId: SAVED, brand: 'visa', last4: '1111' };

    it('pays as any card (secure token, then the session), then the server reports the payment and the card; the session is never read', async () => {
      const fake = fakeFetch([secureTokenRoute('secure-token-ok'), payRoute('pay-card-captured')]);
      const asked: unknown[] = [];
      const outcome = await komojuAdapter.pay.card!(
        context(fake.fetch, { session: saving, endpoint: { ...endpoint, status: (request) => (asked.push(request), Promise.resolve(reported)) } }),
        { card: CARD },
      );
      assert.deepEqual(outcome, reported);
      assert.deepEqual(fake.requests.map(path), ['POST /api/v1/secure_tokens', `POST /api/v1/sessions/${SID}/pay`]);
      assert.deepEqual(JSON.parse(JSON.stringify(asked)), [{ sessionId: SID }]);
    });

    it('a card that needs 3-D Secure: the redirect as usual; on the return the token pays the session, then the server reports', async () => {
      const first = fakeFetch([secureTokenRoute('secure-token-needs-verify')]);
      const step = await komojuAdapter.pay.card!(context(first.fetch, { session: saving }), { card: CARD });
      assert.equal(step.status, 'requires_action');
      const fake = fakeFetch([[`GET /api/v1/secure_tokens/${STID}`, fixture('secure-token-ok')], payRoute('pay-card-captured')]);
      const asked: unknown[] = [];
      const outcome = await komojuAdapter.resume(
        context(fake.fetch, { session: saving, endpoint: { ...endpoint, status: (request) => (asked.push(request), Promise.resolve(reported)) } }),
        new URLSearchParams({ session_id: SID, secure_token_id: STID }),
      );
      assert.deepEqual(outcome, reported);
      assert.deepEqual(fake.requests.map(path), [`GET /api/v1/secure_tokens/${STID}`, `POST /api/v1/sessions/${SID}/pay`]);
      assert.equal(asked.length, 1);
    });

    it('a declined card is a failed outcome and the server is not asked; a return with the session only asks the server', async () => {
      const fake = fakeFetch([
        secureTokenRoute('secure-token-ok'),
        payRoute('pay-card-captured'),
      ]);
      const declined = fakeFetch([
        secureTokenRoute('secure-token-ok'),
        [`POST /api/v1/sessions/${SID}/pay`, () => json(200, { status: 'error', redirect_url: null, error: { code: 'card_declined', message: 'Your card has been declined.', param: null, details: null } })],
      ]);
      const outcome = await komojuAdapter.pay.card!(context(declined.fetch, { session: saving }), { card: CARD });
      assert.equal(outcome.status === 'failed' && outcome.error.reason, 'card_declined');
      const asked: unknown[] = [];
      const back = await komojuAdapter.resume(
        context(fake.fetch, { session: saving, endpoint: { ...endpoint, status: (request) => (asked.push(request), Promise.resolve(reported)) } }),
        new URLSearchParams({ session_id: SID }),
      );
      assert.deepEqual(back, reported);
      assert.equal(fake.requests.length, 0, 'the page never reads a session that names a customer');
    });
  });
});
