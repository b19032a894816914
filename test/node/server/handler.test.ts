import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { clientSessionSchema, endpointErrorSchema } from '../../../src/core/protocol.ts';
import { outcomeSchema } from '../../../src/core/outcome.ts';
import type { KessaiServerEvent, KomojuHandlerConfig } from '../../../src/server/index.ts';
import { createKessaiHandler, EndpointRequestError } from '../../../src/server/index.ts';
import { fakeFetch, json, type RecordedRequest, type Route } from '../providers/fake-fetch.ts';
import { komojuFixture } from '../providers/komoju-fixtures.ts';

const SECRET = 'sk_test_9a8b7c6d5e4f3a2b1c0d';
const PUBLISHABLE = 'pk_test_1a2b3c4d5e';
const SECRET_BASIC = btoa(`${SECRET}:`);
const ORIGIN = 'https://shop.example';
const SID = '3pwlcidjnkbn7i6d0mu3e5rjd';
const URL_BASE = 'https://shop.example/api/pay';

interface Seen {
  readonly label: string;
  readonly status: number;
  readonly headers: [string, string][];
  readonly text: string;
}
/** Every response of the suite, for the closing secret scan. */
const seen: Seen[] = [];
const allEvents: KessaiServerEvent[] = [];

/** A KOMOJU that creates sessions the way the real one does: echoing amount, currency, types. */
function createSessionRoute(base = 'session-created'): Route {
  return [
    'POST /api/v1/sessions',
    (request) => {
      const sent = JSON.parse(request.body ?? '{}') as Record<string, unknown>;
      const template = komojuFixture(base);
      const types = sent['payment_types'] as string[] | undefined;
      const methods = (template['payment_methods'] as { type: string }[]).filter(
        (m) => !types || types.includes(m.type),
      );
      return json(200, {
        ...template,
        amount: sent['amount'],
        currency: sent['currency'],
        return_url: sent['return_url'],
        default_locale: sent['default_locale'],
        payment_methods: methods,
      });
    },
  ];
}

function setup(routes: Route[] = [createSessionRoute()], overrides: Partial<KomojuHandlerConfig> = {}) {
  const fake = fakeFetch(routes);
  const events: KessaiServerEvent[] = [];
  const handler = createKessaiHandler({
    provider: 'komoju',
    secretKey: SECRET,
    publishableKey: PUBLISHABLE,
    allowedOrigins: [ORIGIN, 'http://localhost:5173/'],
    amount: ({ context }) => ({
      amount: 1500,
      currency: 'jpy',
      orderId: `ORDER-${String(context?.['cartId'] ?? 'none')}`,
    }),
    fetch: fake.fetch,
    onEvent: (event) => {
      events.push(event);
      allEvents.push(event);
    },
    ...overrides,
  });

  async function send(label: string, init: RequestInit & { url?: string } = {}): Promise<Response> {
    const response = await handler(new Request(init.url ?? URL_BASE, init));
    seen.push({
      label,
      status: response.status,
      headers: [...response.headers.entries()],
      text: await response.clone().text(),
    });
    return response;
  }

  function post(label: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
    return send(label, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: ORIGIN, ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  }
  return { handler, fake, events, send, post };
}

const START = {
  action: 'start',
  returnUrl: 'https://shop.example/checkout?cart=42',
  locale: 'en',
  context: { cartId: 42 },
};

async function errorOf(response: Response): Promise<{ code: string; message: string }> {
  const parsed = endpointErrorSchema.safeParse(await response.json());
  assert.ok(parsed.success, 'error body is not { error: { code, message } }');
  return parsed.data.error;
}

const komojuCalls = (requests: readonly RecordedRequest[]) => requests.length;

describe('createKessaiHandler (KOMOJU)', () => {
  describe('start', () => {
    it('creates a KOMOJU session with the secret key and returns the client session', async () => {
      const { post, fake, events } = setup();
      const response = await post('start ok', START);
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('cache-control'), 'no-store');
      assert.equal(response.headers.get('access-control-allow-origin'), ORIGIN);
      const { session } = (await response.json()) as { session: unknown };
      const parsed = clientSessionSchema.safeParse(session);
      assert.ok(parsed.success);
      assert.deepEqual(parsed.data, {
        protocol: 1,
        provider: 'komoju',
        sessionId: SID,
        publicKey: PUBLISHABLE,
        apiBase: 'https://komoju.com/api/v1',
        amount: 1500,
        currency: 'JPY',
        mode: 'payment',
        methods: ['card', 'konbini'],
        konbiniStores: ['seven-eleven', 'family-mart', 'lawson', 'ministop', 'daily-yamazaki', 'seicomart'],
        returnUrl: 'https://shop.example/checkout?cart=42',
        konbiniFields: { email: 'required', phone: 'optional' },
        // KOMOJU's konbini customer_fee in the recorded session: shown before paying.
        fees: { konbini: 190 },
        // The recorded session's card brands (visa, master, jcb, american_express, diners_club): no Discover.
        cardBrands: ['visa', 'mastercard', 'jcb', 'amex', 'diners'],
      });

      assert.equal(fake.requests.length, 1);
      const call = fake.requests[0] as RecordedRequest;
      assert.equal(call.url, 'https://komoju.com/api/v1/sessions');
      assert.equal(call.method, 'POST');
      assert.equal(call.headers.get('authorization'), `Basic ${SECRET_BASIC}`);
      assert.equal(call.headers.get('content-type'), 'application/json');
      assert.ok(call.headers.get('x-komoju-api-version'));
      // KOMOJU's idempotency header on the server's calls (doc.komoju.com "Idempotent requests").
      assert.match(call.headers.get('x-komoju-idempotency') ?? '', /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      assert.equal(call.headers.get('idempotency-key'), null);
      assert.deepEqual(JSON.parse(call.body ?? ''), {
        amount: 1500,
        currency: 'JPY',
        return_url: 'https://shop.example/checkout?cart=42',
        payment_types: ['credit_card', 'konbini'],
        default_locale: 'en',
        payment_data: { external_order_num: 'ORDER-42' },
      });
      assert.ok(events.some((e) => e.type === 'session_created' && e.sessionId === SID));
    });

    it('cardBrands: KOMOJU\'s card brands in our ids and order, others dropped; none listed, none told', async () => {
      const withBrands = (brands: unknown): Route => [
        'POST /api/v1/sessions',
        (request) => {
          const sent = JSON.parse(request.body ?? '{}') as Record<string, unknown>;
          const template = komojuFixture('session-created');
          const methods = (template['payment_methods'] as { type: string }[]).map((m) =>
            m.type === 'credit_card' ? { ...m, brands } : m,
          );
          return json(200, { ...template, amount: sent['amount'], currency: sent['currency'], payment_methods: methods });
        },
      ];
      const sessionOf = async (brands: unknown) => {
        const { post } = setup([withBrands(brands)]);
        const response = await post('start brands', START);
        assert.equal(response.status, 200);
        return clientSessionSchema.parse(((await response.json()) as { session: unknown }).session);
      };
      assert.deepEqual((await sessionOf(['unionpay', 'discover', 'JCB', 'visa'])).cardBrands, ['visa', 'jcb', 'discover']);
      assert.equal((await sessionOf([])).cardBrands, undefined);
      assert.equal((await sessionOf(['unionpay'])).cardBrands, undefined);
      assert.equal((await sessionOf(undefined)).cardBrands, undefined);
    });

    it('ignores an amount and currency posted by the browser (tampering)', async () => {
      const { post, fake } = setup();
      const response = await post('start tampered', {
        ...START,
        amount: 1,
        currency: 'USD',
        session: { amount: 1 },
      });
      assert.equal(response.status, 200);
      const { session } = (await response.json()) as { session: { amount: number; currency: string } };
      assert.equal(session.amount, 1500);
      assert.equal(session.currency, 'JPY');
      const sent = JSON.parse(fake.requests[0]?.body ?? '') as Record<string, unknown>;
      assert.equal(sent['amount'], 1500);
      assert.equal(sent['currency'], 'JPY');
    });

    it('passes the posted context to the amount callback, and only there', async () => {
      const contexts: unknown[] = [];
      const { post } = setup([createSessionRoute()], {
        amount: ({ context, mode, provider }) => {
          contexts.push({ context, mode, provider });
          return { amount: 980, currency: 'JPY', metadata: { cart: String(context?.['cartId']) } };
        },
      });
      const response = await post('start context', START);
      assert.equal(response.status, 200);
      assert.deepEqual(contexts, [{ context: { cartId: 42 }, mode: 'payment', provider: 'komoju' }]);
    });

    it('offers only the methods asked for that are configured', async () => {
      const { post, fake } = setup([createSessionRoute()], { methods: ['card', 'konbini'] });
      const response = await post('start konbini only', { ...START, methods: ['konbini'] });
      const { session } = (await response.json()) as { session: { methods: string[] } };
      assert.deepEqual(session.methods, ['konbini']);
      assert.deepEqual(JSON.parse(fake.requests[0]?.body ?? '')['payment_types'], ['konbini']);
    });

    it('refuses when none of the asked methods is configured', async () => {
      const { post, fake } = setup([createSessionRoute()], { methods: ['card'] });
      const response = await post('start no methods', { ...START, methods: ['konbini'] });
      assert.equal(response.status, 400);
      assert.equal((await errorOf(response)).code, 'no_methods');
      assert.equal(komojuCalls(fake.requests), 0);
    });

    it('narrows the konbini chains to the configured ones and to what KOMOJU allows', async () => {
      const configured = setup([createSessionRoute()], { konbiniStores: ['lawson', 'family-mart'] });
      const a = (await (await configured.post('start stores', START)).json()) as {
        session: { konbiniStores: string[] };
      };
      assert.deepEqual(a.session.konbiniStores, ['family-mart', 'lawson']);

      const komojuNarrow = setup([createSessionRoute('session-created-card-only-lawson')]);
      const b = (await (await komojuNarrow.post('start komoju stores', START)).json()) as {
        session: { konbiniStores: string[] };
      };
      assert.deepEqual(b.session.konbiniStores, ['lawson']);
    });

    it('gives the browser browserApiBase when set (the sandbox seen from the browser)', async () => {
      const { post, fake } = setup(
        [createSessionRoute()],
        {
          apiBase: 'https://komoju.com/api/v1',
          browserApiBase: 'http://localhost:5173/sandbox/komoju/api/v1',
        },
      );
      const { session } = (await (await post('start browserApiBase', START)).json()) as {
        session: { apiBase: string };
      };
      assert.equal(session.apiBase, 'http://localhost:5173/sandbox/komoju/api/v1');
      assert.equal(fake.requests[0]?.url, 'https://komoju.com/api/v1/sessions');
    });

    for (const [label, returnUrl] of [
      ['a foreign origin', 'https://evil.example/checkout'],
      ['a look-alike origin', 'https://shop.example.evil.example/checkout'],
      ['javascript:', 'javascript:alert(document.cookie)'],
      ['a relative URL', '/checkout'],
      ['credentials in the URL', 'https://user:pw@shop.example/checkout'],
      ['another port', 'https://shop.example:8443/checkout'],
    ] as const) {
      it(`refuses a returnUrl with ${label}`, async () => {
        const { post, fake } = setup();
        const response = await post(`start returnUrl ${label}`, { ...START, returnUrl });
        assert.equal(response.status, 400);
        const error = await errorOf(response);
        assert.equal(error.code, 'bad_request');
        assert.match(error.message, /returnUrl/);
        assert.equal(komojuCalls(fake.requests), 0);
      });
    }

    it('accepts an allowed http origin (local development)', async () => {
      const { post } = setup();
      const response = await post(
        'start localhost',
        { ...START, returnUrl: 'http://localhost:5173/?demo=1' },
        { Origin: 'http://localhost:5173' },
      );
      assert.equal(response.status, 200);
    });

    it('refuses mode "setup" for KOMOJU with 400 unsupported', async () => {
      const { post, fake } = setup();
      const response = await post('start setup', { ...START, mode: 'setup' });
      assert.equal(response.status, 400);
      assert.equal((await errorOf(response)).code, 'unsupported');
      assert.equal(komojuCalls(fake.requests), 0);
    });

    it('the amount callback failing → 500, nothing sent to KOMOJU, the error to onEvent only', async () => {
      const { post, fake, events } = setup([createSessionRoute()], {
        amount: () => {
          throw new Error('database password is hunter2');
        },
      });
      const response = await post('start callback throws', START);
      assert.equal(response.status, 500);
      const error = await errorOf(response);
      assert.equal(error.code, 'internal_error');
      assert.doesNotMatch(error.message, /hunter2/);
      assert.equal(komojuCalls(fake.requests), 0);
      assert.ok(events.some((e) => e.type === 'callback_error'));
    });

    for (const [label, decision] of [
      ['a fractional amount', { amount: 15.5, currency: 'JPY' }],
      ['a negative amount', { amount: -1, currency: 'JPY' }],
      ['a bad currency', { amount: 1500, currency: 'YEN!' }],
      ['nothing', undefined],
    ] as const) {
      it(`the amount callback answering ${label} → 500 configuration_error`, async () => {
        const { post, fake } = setup([createSessionRoute()], {
          amount: () => decision as never,
        });
        const response = await post(`start bad decision ${label}`, START);
        assert.equal(response.status, 500);
        assert.equal((await errorOf(response)).code, 'configuration_error');
        assert.equal(komojuCalls(fake.requests), 0);
      });
    }

    it('the amount callback may refuse with its own EndpointRequestError', async () => {
      const { post } = setup([createSessionRoute()], {
        amount: () => {
          throw new EndpointRequestError(404, 'unknown_cart', 'There is no such cart.');
        },
      });
      const response = await post('start unknown cart', START);
      assert.equal(response.status, 404);
      assert.deepEqual(await errorOf(response), { code: 'unknown_cart', message: 'There is no such cart.' });
    });

    it('KOMOJU creating a session for another amount → 502', async () => {
      const { post } = setup([
        ['POST /api/v1/sessions', () => json(200, { ...komojuFixture('session-created'), amount: 1 })],
      ]);
      const response = await post('start amount mismatch', START);
      assert.equal(response.status, 502);
    });
  });

  describe('provider failures', () => {
    const cases: ReadonlyArray<readonly [string, Route[1], string]> = [
      ['KOMOJU 500', () => json(500, komojuFixture('error-internal-server-error')), 'provider_error'],
      ['KOMOJU 503 HTML', () => new Response('<h1>Maintenance</h1>', { status: 503 }), 'provider_error'],
      ['KOMOJU 401 (bad key)', () => json(401, komojuFixture('error-unauthorized')), 'provider_error'],
      ['KOMOJU garbage', () => new Response('{"id":', { status: 200 }), 'provider_error'],
      [
        'network down',
        () => {
          throw new TypeError('connect ECONNREFUSED');
        },
        'provider_unreachable',
      ],
    ];
    for (const [label, respond, code] of cases) {
      it(`${label} on start → 502 JSON ${code}, without the secret`, async () => {
        const { post, events } = setup([['POST /api/v1/sessions', respond]]);
        const response = await post(`provider ${label}`, START);
        assert.equal(response.status, 502);
        assert.match(response.headers.get('content-type') ?? '', /application\/json/);
        const error = await errorOf(response);
        assert.equal(error.code, code);
        assert.ok(events.some((e) => e.type === 'provider_error'));
      });
    }

    it('a KOMOJU 5xx on status → 502', async () => {
      const { post } = setup([[`GET /api/v1/sessions/${SID}`, () => json(502, komojuFixture('error-bad-gateway'))]]);
      const response = await post('status 502', { action: 'status', sessionId: SID });
      assert.equal(response.status, 502);
      assert.match((await errorOf(response)).message, /HTTP 502/);
    });

    it('a slow KOMOJU → 502 after the timeout', async () => {
      const { post } = setup(
        [
          [
            'POST /api/v1/sessions',
            (request) =>
              new Promise<Response>((_resolve, reject) => {
                request.init?.signal?.addEventListener('abort', () =>
                  reject(new DOMException('timed out', 'TimeoutError')),
                );
              }),
          ],
        ],
        { timeoutMs: 30 },
      );
      const response = await post('start timeout', START);
      assert.equal(response.status, 502);
      assert.equal((await errorOf(response)).code, 'provider_unreachable');
    });
  });

  describe('status and complete', () => {
    const table: ReadonlyArray<readonly [string, string]> = [
      ['session-completed-card', 'succeeded'],
      ['session-completed-konbini-lawson', 'awaiting_payment'],
      ['session-cancelled', 'canceled'],
      ['session-pending-payment-failed', 'failed'],
    ];
    for (const [fixture, status] of table) {
      it(`status reads the session with the secret key: ${fixture} → ${status}`, async () => {
        const { post, fake } = setup([
          [`GET /api/v1/sessions/${SID}`, () => json(200, komojuFixture(fixture))],
        ]);
        const response = await post(`status ${fixture}`, { action: 'status', sessionId: SID });
        assert.equal(response.status, 200);
        const body = (await response.json()) as { outcome: unknown };
        const outcome = outcomeSchema.parse(body.outcome);
        assert.equal(outcome.status, status);
        assert.equal(fake.requests[0]?.headers.get('authorization'), `Basic ${SECRET_BASIC}`);
      });
    }

    it('status of an unknown session → 404 unknown_session', async () => {
      const { post } = setup([
        [`GET /api/v1/sessions/nope`, () => json(404, komojuFixture('error-not-found'))],
      ]);
      const response = await post('status unknown', { action: 'status', sessionId: 'nope' });
      assert.equal(response.status, 404);
      assert.equal((await errorOf(response)).code, 'unknown_session');
    });

    it('status encodes the session id into the KOMOJU path', async () => {
      const { post, fake } = setup([
        [(r) => r.method === 'GET', () => json(404, komojuFixture('error-not-found'))],
      ]);
      await post('status traversal', { action: 'status', sessionId: '../payments' });
      assert.equal(new URL(fake.requests[0]?.url ?? '').pathname, '/api/v1/sessions/..%2Fpayments');
    });

    it('complete → 400 unsupported for KOMOJU', async () => {
      const { post, fake } = setup();
      const response = await post('complete', {
        action: 'complete',
        sessionId: SID,
        token: 'tok_123',
        method: 'card',
      });
      assert.equal(response.status, 400);
      assert.equal((await errorOf(response)).code, 'unsupported');
      assert.equal(komojuCalls(fake.requests), 0);
    });
  });

  describe('request checks', () => {
    for (const method of ['GET', 'PUT', 'DELETE', 'PATCH']) {
      it(`${method} → 405 with Allow`, async () => {
        const { send } = setup();
        const response = await send(`method ${method}`, {
          method,
          ...(method === 'GET' ? {} : { body: JSON.stringify(START), headers: { 'Content-Type': 'application/json' } }),
        });
        assert.equal(response.status, 405);
        assert.match(response.headers.get('allow') ?? '', /POST/);
        assert.equal((await errorOf(response)).code, 'method_not_allowed');
      });
    }

    it('answers a CORS preflight from an allowed origin', async () => {
      const { send } = setup();
      const response = await send('preflight', {
        method: 'OPTIONS',
        headers: { Origin: ORIGIN, 'Access-Control-Request-Method': 'POST' },
      });
      assert.equal(response.status, 204);
      assert.equal(response.headers.get('access-control-allow-origin'), ORIGIN);
      assert.match(response.headers.get('access-control-allow-methods') ?? '', /POST/);
    });

    for (const origin of ['https://evil.example', 'null', 'https://shop.example:444']) {
      it(`an Origin header not allowed (${origin}) → 403, nothing sent to KOMOJU`, async () => {
        const { post, fake } = setup();
        const response = await post(`origin ${origin}`, START, { Origin: origin });
        assert.equal(response.status, 403);
        assert.equal((await errorOf(response)).code, 'forbidden_origin');
        assert.equal(response.headers.get('access-control-allow-origin'), null);
        assert.equal(komojuCalls(fake.requests), 0);
      });
    }

    it('no Origin header (a server-side caller) is allowed', async () => {
      const { send } = setup();
      const response = await send('no origin', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(START),
      });
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('access-control-allow-origin'), null);
    });

    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      it(`Content-Type ${type} → 415 (a cross-site form cannot post)`, async () => {
        const { post } = setup();
        const response = await post(`content-type ${type}`, START, { 'Content-Type': type });
        assert.equal(response.status, 415);
      });
    }

    it('accepts application/json with a charset', async () => {
      const { post } = setup();
      const response = await post('charset', START, { 'Content-Type': 'application/json; charset=UTF-8' });
      assert.equal(response.status, 200);
    });

    it('bad JSON → 400 bad_request', async () => {
      const { post } = setup();
      const response = await post('bad json', '{"action":"start",');
      assert.equal(response.status, 400);
      assert.equal((await errorOf(response)).code, 'bad_request');
    });

    for (const body of ['[]', '"start"', 'null', '42']) {
      it(`a JSON body that is not an object (${body}) → 400`, async () => {
        const { post } = setup();
        const response = await post(`not object ${body}`, body);
        assert.equal(response.status, 400);
      });
    }

    it('an unknown action → 400 naming action', async () => {
      const { post } = setup();
      const response = await post('unknown action', { action: 'refund', sessionId: SID });
      assert.equal(response.status, 400);
      const error = await errorOf(response);
      assert.equal(error.code, 'bad_request');
      assert.match(error.message, /action/);
    });

    const wrongTypes: ReadonlyArray<readonly [string, unknown, RegExp]> = [
      ['returnUrl a number', { ...START, returnUrl: 5 }, /"returnUrl" must be a string/],
      ['returnUrl missing', { action: 'start' }, /"returnUrl" is required/],
      ['sessionId missing', { action: 'status' }, /"sessionId" is required/],
      ['sessionId empty', { action: 'status', sessionId: '' }, /"sessionId"/],
      ['a method unknown', { ...START, methods: ['card', 'cash'] }, /"methods\[1\]" must be one of "card", "konbini"/],
      ['locale unknown', { ...START, locale: 'fr' }, /"locale" must be one of/],
      ['context not an object', { ...START, context: 'cart-42' }, /"context" must be an object/],
      // A token may be absent (a new card on a hosted page), never empty.
      ['complete with an empty token', { action: 'complete', sessionId: SID, method: 'card', token: '' }, /"token"/],
    ];
    for (const [label, body, message] of wrongTypes) {
      it(`wrong type: ${label} → 400 naming the field`, async () => {
        const { post, fake } = setup();
        const response = await post(`wrong type ${label}`, body);
        assert.equal(response.status, 400);
        const error = await errorOf(response);
        assert.equal(error.code, 'bad_request');
        assert.match(error.message, message);
        assert.equal(komojuCalls(fake.requests), 0);
      });
    }

    it('a body over the limit → 413 (declared length)', async () => {
      const { post } = setup();
      const response = await post('too large', { ...START, context: { pad: 'x'.repeat(20_000) } });
      assert.equal(response.status, 413);
    });

    it('a chunked body over the limit → 413 (counted)', async () => {
      const { send } = setup([createSessionRoute()], { maxBodyBytes: 1024 });
      const chunk = new TextEncoder().encode(' '.repeat(512));
      let sent = 0;
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent++ < 10) controller.enqueue(chunk);
          else controller.close();
        },
      });
      const init: RequestInit & { duplex: 'half' } = {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: stream,
        duplex: 'half',
      };
      const response = await send('chunked too large', init);
      assert.equal(response.status, 413);
      assert.ok(sent < 10, 'the reader stopped early');
    });

    it('a body that is not UTF-8 → 400', async () => {
      const { send } = setup();
      const response = await send('not utf8', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]),
      });
      assert.equal(response.status, 400);
    });

    it('an onEvent hook that throws does not break the answer', async () => {
      const { post } = setup([createSessionRoute()], {
        onEvent: () => {
          throw new Error('logger down');
        },
      });
      const response = await post('throwing onEvent', START);
      assert.equal(response.status, 200);
    });
  });

  describe('configuration', () => {
    const base: KomojuHandlerConfig = {
      provider: 'komoju',
      secretKey: SECRET,
      publishableKey: PUBLISHABLE,
      allowedOrigins: [ORIGIN],
      amount: () => ({ amount: 1, currency: 'JPY' }),
    };
    const bad: ReadonlyArray<readonly [string, Partial<KomojuHandlerConfig>]> = [
      ['the secret key as publishable key', { publishableKey: SECRET }],
      ['an sk_ publishable key', { publishableKey: 'sk_live_x' }],
      ['no secret key', { secretKey: '' }],
      ['an allowed origin that is not a URL', { allowedOrigins: ['shop.example'] }],
      ['an allowed origin that is not http(s)', { allowedOrigins: ['javascript:alert(1)'] }],
      ['an apiBase that is not a URL', { apiBase: 'komoju' }],
      ['no amount callback', { amount: undefined as never }],
      ['an unknown method', { methods: ['cash' as never] }],
      ['an unknown konbini', { konbiniStores: ['circle-k' as never] }],
    ];
    for (const [label, overrides] of bad) {
      it(`refuses ${label} at creation`, () => {
        assert.throws(() => createKessaiHandler({ ...base, ...overrides }), TypeError);
      });
    }

    it('the creation error never quotes the secret key', () => {
      assert.throws(
        () => createKessaiHandler({ ...base, publishableKey: SECRET }),
        (error: unknown) => error instanceof TypeError && error.message.length > 0 && !error.message.includes(SECRET),
      );
    });
  });
});

after(() => {
  // Scan every answer of this suite: the secret never leaves, every answer is no-store JSON.
  assert.ok(seen.length > 50, `only ${seen.length} responses recorded`);
  for (const response of seen) {
    for (const [name, value] of response.headers) {
      assert.ok(!value.includes(SECRET) && !value.includes(SECRET_BASIC), `secret in header ${name} of ${response.label}`);
    }
    assert.ok(!response.text.includes(SECRET), `secret in body of ${response.label}`);
    assert.ok(!response.text.includes(SECRET_BASIC), `encoded secret in body of ${response.label}`);
    const cacheControl = response.headers.find(([name]) => name === 'cache-control')?.[1];
    assert.equal(cacheControl, 'no-store', `no no-store on ${response.label}`);
    if (response.status !== 204) {
      const contentType = response.headers.find(([name]) => name === 'content-type')?.[1] ?? '';
      assert.match(contentType, /^application\/json/, `not JSON: ${response.label}`);
      assert.doesNotThrow(() => JSON.parse(response.text), `body not JSON: ${response.label}`);
    }
  }
  for (const event of allEvents) {
    const text = JSON.stringify(event, (_key, value: unknown) =>
      value instanceof Error ? { message: value.message } : value,
    );
    assert.ok(!text.includes(SECRET) && !text.includes(SECRET_BASIC), `secret in event ${event.type}`);
  }
});
