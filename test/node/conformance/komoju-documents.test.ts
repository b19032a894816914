import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import { createKessaiHandler } from '../../../src/server/index.ts';
import { komojuServerApi } from '../../../src/server/komoju/api.ts';
import { createSandbox, type Sandbox } from '../../../src/sandbox/index.ts';
import { conformance } from './checks.ts';
import { jsonBody, startRecordingServer, type RecordingServer, type WireRequest } from './recorder.ts';
import { compareShape, fixture } from './shape.ts';

/**
 * The KOMOJU emulator against the examples of KOMOJU's documents (fixtures/komoju/*.json, each with its
 * `source`), field by field: names, JSON types, nesting, enum values. And our server's KOMOJU requests
 * against what the documents say a request carries (Basic auth, `X-KOMOJU-IDEMPOTENCY`, the session
 * fields). The emulator is reached over HTTP, as KOMOJU is.
 */

const PAGE = 'http://localhost:5173';

let sandbox: Sandbox;
let server: RecordingServer;
let api: string;

before(async () => {
  sandbox = createSandbox();
  server = await startRecordingServer(sandbox.handle);
  api = `${server.origin}/sandbox/komoju/api/v1`;
});

after(async () => {
  await server.close();
});

const basic = (key: string) => `Basic ${btoa(`${key}:`)}`;

async function call(method: 'GET' | 'POST', path: string, key: string | null, body?: unknown) {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (key) headers['Authorization'] = basic(key);
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (key?.startsWith('pk_')) headers['Origin'] = PAGE;
  const response = await fetch(`${api}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const sk = () => sandbox.komoju.secretKey;
const pk = () => sandbox.komoju.publishableKey;

async function session(extra: Record<string, unknown> = {}) {
  const created = await call('POST', '/sessions', sk(), { amount: 1500, currency: 'JPY', return_url: `${PAGE}/done`, ...extra });
  assert.equal(created.status, 200, JSON.stringify(created.body));
  return created.body;
}

function assertConforms(report: { problems: string[]; extra: string[] }, what: string): void {
  assert.deepEqual(report.problems, [], `${what} disagrees with KOMOJU's document`);
}

describe('the KOMOJU emulator against KOMOJU documents’ examples', () => {
  conformance('komoju.doc.session', async () => {
    const doc = fixture('session-show.json');
    const created = await session();
    const shown = await call('GET', `/sessions/${String(created['id'])}`, sk());
    assert.equal(shown.status, 200);
    // `payment` is null in the example (a session not paid yet); the emulator's too.
    assertConforms(compareShape(doc.example, shown.body, { enums: doc.enums }), 'GET /sessions/{id}');
    assert.equal(shown.body['payment'], null);
    assert.match(String(shown.body['id']), /^[0-9a-z]{25}$/, 'ids like the example’s (25 lower-case alphanumerics)');
  });

  conformance('komoju.doc.payment-konbini', async () => {
    const doc = fixture('payment-konbini-show.json');
    const created = await session({ email: 'gordon@example.com' });
    const paid = await call('POST', `/sessions/${String(created['id'])}/pay`, pk(), {
      payment_details: { type: 'konbini', store: 'seicomart', email: 'gordon@example.com' },
    });
    assert.equal(paid.status, 200, JSON.stringify(paid.body));
    const payment = paid.body['payment'] as Record<string, unknown>;
    const shown = await call('GET', `/payments/${String(payment['id'])}`, sk());
    assert.equal(shown.status, 200);
    assertConforms(
      compareShape(doc.example, shown.body, { enums: doc.enums, nullable: ['external_order_num'] }),
      'GET /payments/{id} (konbini)',
    );
    const details = shown.body['payment_details'] as Record<string, unknown>;
    assert.equal(details['type'], 'konbini');
    assert.equal(shown.body['total'], Number(shown.body['amount']) + Number(shown.body['tax']) + Number(shown.body['payment_method_fee']));
  });

  conformance('komoju.doc.secure-token-show', async () => {
    const doc = fixture('secure-token-show.json');
    const created = await call('POST', '/secure_tokens', pk(), {
      amount: 1000,
      currency: 'JPY',
      return_url: `${PAGE}/complete`,
      payment_details: { type: 'credit_card', email: 'test@example.com', number: '4100000000000100', month: '08', year: '2030', verification_value: '123', name: 'Test Card' },
    });
    assert.equal(created.status, 200, JSON.stringify(created.body));
    const shown = await call('GET', `/secure_tokens/${String(created.body['id'])}`, pk());
    assert.equal(shown.status, 200);
    assertConforms(compareShape(doc.example, shown.body, { enums: doc.enums }), 'GET /secure_tokens/{id}');
    assert.equal(shown.body['verification_status'], 'OK', '4100000000000100: frictionless, as KOMOJU’s test-card page says');
  });

  conformance('komoju.doc.secure-token-create', async () => {
    const doc = fixture('secure-token-create.json');
    const table = doc['table'] as Record<string, string>;
    // The documented request, as in the example (a challenge card so that authentication_url is set).
    const created = await call('POST', '/secure_tokens', pk(), {
      amount: 1000,
      currency: 'JPY',
      return_url: `${PAGE}/complete`,
      payment_details: { type: 'credit_card', email: 'test@example.com', number: '4100000000005000', month: '08', year: '2030', verification_value: '123', name: 'Test Card' },
    });
    assert.equal(created.status, 200, JSON.stringify(created.body));
    for (const [field, type] of Object.entries(table)) assert.equal(typeof created.body[field], type, `${field} (the response table)`);
    assertConforms(
      compareShape({ verification_status: 'NEEDS_VERIFY', authentication_url: 'https://komoju.com/x' }, created.body, { enums: doc.enums }),
      'POST /secure_tokens',
    );
    // The example's `secure_token` key: a disagreement inside the document (see fixtures/komoju/secure-token-create.json);
    // the emulator follows the table, the show example and KOMOJU Fields (`id`).
    assert.equal(created.body['secure_token'], undefined);
  });

  conformance('komoju.doc.error', async () => {
    const doc = fixture('error.json');
    const codes = doc['codes'] as Record<string, number>;
    // The document's own example: a session without `amount`.
    const missing = await call('POST', '/sessions', sk(), { currency: 'JPY', return_url: `${PAGE}/done` });
    assert.equal(missing.status, 422);
    assertConforms(compareShape(doc.example, missing.body), 'a missing amount');
    const error = missing.body['error'] as Record<string, unknown>;
    assert.equal(error['code'], 'missing_parameter');
    assert.equal(error['param'], 'amount');
    const unknown = await call('GET', '/sessions/0000000000000000000000000', sk());
    assert.equal(unknown.status, codes['not_found']);
    assert.equal((unknown.body['error'] as Record<string, unknown>)['code'], 'not_found');
    const noKey = await call('GET', '/sessions/0000000000000000000000000', null);
    assert.equal(noKey.status, codes['unauthorized']);
    assert.equal((noKey.body['error'] as Record<string, unknown>)['code'], 'unauthorized');
    for (const answer of [unknown, noKey]) {
      const e = answer.body['error'] as Record<string, unknown>;
      assert.equal(typeof e['message'], 'string');
      assert.ok('param' in e);
    }
  });
});

describe('our KOMOJU server module against KOMOJU’s documents', () => {
  const doc = () => fixture('session-create-request.json');

  function keyPaths(value: unknown, prefix = ''): string[] {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return [];
    return Object.entries(value as Record<string, unknown>).flatMap(([key, inner]) => {
      const path = prefix ? `${prefix}.${key}` : key;
      return key === 'metadata' ? [path] : [path, ...keyPaths(inner, path)];
    });
  }

  async function start(): Promise<WireRequest[]> {
    const handler = createKessaiHandler({
      provider: 'komoju',
      secretKey: sk(),
      publishableKey: pk(),
      apiBase: api,
      allowedOrigins: [PAGE],
      fetch: globalThis.fetch,
      amount: () => ({ amount: 1500, currency: 'JPY', email: 'taro@example.jp', orderId: 'ORDER-1', metadata: { cart: '42' } }),
    });
    server.take();
    const response = await handler(
      new Request(`${PAGE}/api/komoju`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: PAGE },
        body: JSON.stringify({ action: 'start', returnUrl: `${PAGE}/checkout?kessai_return=1` }),
      }),
    );
    assert.equal(response.status, 200, await response.clone().text());
    return server.take();
  }

  conformance('komoju.server.create-session', async () => {
    const first = (await start()).filter((r) => r.method === 'POST' && r.path.endsWith('/sessions'));
    const second = (await start()).filter((r) => r.method === 'POST' && r.path.endsWith('/sessions'));
    assert.equal(first.length, 1);
    assert.equal(second.length, 1);
    const request = first[0] as WireRequest;
    assert.equal(request.path, '/sandbox/komoju/api/v1/sessions');
    assert.equal(request.headers['authorization'], basic(sk()));
    assert.equal(request.headers['content-type'], 'application/json');
    const key = request.headers['x-komoju-idempotency'] ?? '';
    assert.match(key, /^[\x20-\x7e]{1,100}$/, 'X-KOMOJU-IDEMPOTENCY: 1–100 ASCII characters');
    assert.match(key, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, 'a random UUID, as recommended');
    assert.notEqual(second[0]?.headers['x-komoju-idempotency'], key, 'a fresh key per call');
    const documented = new Set(doc()['fields'] as string[]);
    const body = jsonBody(request);
    for (const path of keyPaths(body)) assert.ok(documented.has(path), `${path} is not a documented session field`);
    for (const required of ['amount', 'currency', 'return_url']) assert.ok(required in body, required);
    assert.ok((doc()['default_locale'] as string[]).includes(String(body['default_locale'])));
    assert.equal(typeof body['amount'], 'number');
  });

  conformance('komoju.server.get-session', async () => {
    const created = await session();
    server.take();
    const controller = new AbortController();
    await komojuServerApi(api, sk()).getSession(String(created['id']), { fetch: globalThis.fetch, emit: () => {}, signal: controller.signal });
    const [request] = server.take();
    assert.ok(request);
    assert.equal(request.method, 'GET');
    assert.equal(request.path, `/sandbox/komoju/api/v1/sessions/${String(created['id'])}`);
    assert.equal(request.headers['authorization'], basic(sk()));
    assert.equal(request.headers['x-komoju-idempotency'], undefined, 'idempotency keys are for POST only');
    assert.equal(request.body, '');
  });
});
