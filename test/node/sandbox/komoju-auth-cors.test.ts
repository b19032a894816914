import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { API, PAGE_ORIGIN, basic, harness, komojuError } from './helpers.ts';

describe('KOMOJU sandbox: auth', () => {
  it('answers 401 unauthorized in KOMOJU shape without a key, with a wrong key, and with a malformed header', async () => {
    const h = harness();
    const cases: [string, Record<string, string>][] = [
      ['no key', {}],
      ['wrong key', { Authorization: basic('sk_test_not_the_one') }],
      ['empty username', { Authorization: basic('') }],
      ['not base64', { Authorization: 'Basic ***' }],
      ['bearer', { Authorization: `Bearer ${h.sk}` }],
    ];
    for (const [label, headers] of cases) {
      const answer = await h.call('GET', '/sessions/abc', { key: null, headers });
      assert.equal(answer.status, 401, label);
      const error = komojuError(answer.body);
      assert.equal(error.code, 'unauthorized', label);
      assert.equal(error.param, null);
      assert.equal(error.details, null);
      assert.match(answer.headers.get('content-type') ?? '', /^application\/json/);
    }
  });

  it('refuses the publishable key on secret-only routes with 403 forbidden', async () => {
    const h = harness();
    const session = await h.createSession();
    const routes: ['GET' | 'POST', string][] = [
      ['POST', '/sessions'],
      ['POST', `/sessions/${session['id'] as string}/cancel`],
      ['GET', '/payments/abc'],
      ['POST', '/payments/abc/capture'],
    ];
    for (const [method, path] of routes) {
      const answer = await h.call(method, path, { key: h.pk, body: method === 'POST' ? {} : undefined });
      assert.equal(answer.status, 403, `${method} ${path}`);
      assert.equal(komojuError(answer.body).code, 'forbidden');
    }
    assert.equal(h.sandbox.komoju.inspect.sessions().length, 1, 'the refused POST /sessions created nothing');
  });

  it('lets the publishable key use the browser routes and the secret key every route', async () => {
    const h = harness();
    const session = await h.createSession();
    const id = session['id'] as string;
    for (const key of [h.pk, h.sk]) {
      assert.equal((await h.call('GET', `/sessions/${id}`, { key })).status, 200);
      const token = await h.call('POST', '/secure_tokens', {
        key,
        body: {
          amount: 1500,
          currency: 'JPY',
          return_url: `${PAGE_ORIGIN}/`,
          payment_details: { type: 'credit_card', number: '4111111111111111', month: 12, year: 30 },
        },
      });
      assert.equal(token.status, 200);
      assert.equal((await h.call('GET', `/secure_tokens/${token.body['id'] as string}`, { key })).status, 200);
      const plain = await h.call('POST', '/tokens', {
        key,
        body: { payment_details: { type: 'credit_card', number: '4111111111111111', month: 12, year: 2030 } },
      });
      assert.equal(plain.status, 200);
      assert.equal(plain.body['resource'], 'token');
    }
    const paid = await h.pay(id, { type: 'credit_card', number: '4111111111111111', month: 12, year: 2030 });
    assert.equal(paid.status, 200);
    assert.equal(paid.body['status'], 'completed');
  });

  it('answers 404 not_found for unknown paths and ids, after checking the key', async () => {
    const h = harness();
    assert.equal((await h.call('GET', '/nothing-here', { key: null })).status, 401);
    const unknown = await h.call('GET', '/nothing-here');
    assert.equal(unknown.status, 404);
    assert.equal(komojuError(unknown.body).code, 'not_found');
    assert.equal((await h.call('GET', '/sessions/doesnotexist', { key: h.pk })).status, 404);
    assert.equal((await h.call('GET', '/secure_tokens/doesnotexist', { key: h.pk })).status, 404);
  });

  it('takes its keys from the options', async () => {
    const h = harness({ komoju: { secretKey: 'sk_test_custom', publishableKey: 'pk_test_custom' } });
    assert.equal(h.sk, 'sk_test_custom');
    assert.equal((await h.call('GET', '/sessions/x', { key: 'sk_test_kessai_sandbox' })).status, 401);
    assert.equal((await h.call('GET', '/sessions/x', { key: 'sk_test_custom' })).status, 404);
    assert.throws(() => harness({ komoju: { publishableKey: 'sk_test_oops' } }), /publishableKey/);
  });
});

describe('KOMOJU sandbox: CORS', () => {
  const preflight = (h: ReturnType<typeof harness>, headers: string) =>
    h.sandbox.fetch(`${API}/sessions/abc/pay`, {
      method: 'OPTIONS',
      headers: { Origin: PAGE_ORIGIN, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': headers },
    });

  it('allows exactly the headers KOMOJU’s own fields send: accept, content-type, authorization, komoju-via', async () => {
    const h = harness();
    const response = await preflight(h, 'accept,authorization,content-type,komoju-via');
    assert.equal(response.status, 204);
    assert.equal(response.headers.get('access-control-allow-origin'), PAGE_ORIGIN);
    const allowed = (response.headers.get('access-control-allow-headers') ?? '').toLowerCase().split(/,\s*/).sort();
    assert.deepEqual(allowed, ['accept', 'authorization', 'content-type', 'komoju-via']);
    assert.match(response.headers.get('access-control-allow-methods') ?? '', /POST/);
    assert.equal(response.headers.get('access-control-allow-credentials'), null);
    assert.equal(h.sandbox.komoju.inspect.requests().length, 0, 'preflights are not API calls');
  });

  it('fails the preflight of any other header, idempotency headers included', async () => {
    const h = harness();
    for (const extra of ['x-komoju-idempotency', 'idempotency-key', 'x-komoju-api-version', 'komoju-scenario', 'x-requested-with']) {
      const response = await preflight(h, `authorization,content-type,${extra}`);
      assert.equal(response.headers.get('access-control-allow-origin'), null, extra);
      assert.equal(response.headers.get('access-control-allow-headers'), null, extra);
    }
  });

  it('echoes the Origin on answers, errors included, and sends none without an Origin', async () => {
    const h = harness();
    const denied = await h.call('GET', '/sessions/x', { key: null, headers: { Origin: 'https://shop.example' } });
    assert.equal(denied.status, 401);
    assert.equal(denied.headers.get('access-control-allow-origin'), 'https://shop.example');
    assert.match(denied.headers.get('vary') ?? '', /Origin/);
    const server = await h.call('GET', '/sessions/x');
    assert.equal(server.headers.get('access-control-allow-origin'), null);
    assert.equal(server.headers.get('cache-control'), 'no-store');
  });
});

describe('KOMOJU sandbox: request log', () => {
  it('records method, route, key kind, status and idempotency key, but never a body or a key', async () => {
    const h = harness();
    const session = await h.createSession();
    await h.pay(session['id'] as string, { type: 'credit_card', number: '4111111111111111', month: 12, year: 2030, verification_value: '987' }, { 'X-KOMOJU-IDEMPOTENCY': 'attempt-1' });
    const log = h.sandbox.komoju.inspect.requests();
    assert.deepEqual(
      log.map((r) => [r.route, r.key, r.status, r.idempotencyKey]),
      [
        ['POST /sessions', 'secret', 200, null],
        ['POST /sessions/{id}/pay', 'publishable', 200, 'attempt-1'],
      ],
    );
    for (const record of log) {
      assert.deepEqual(Object.keys(record).sort(), [
        'at', 'idempotencyKey', 'key', 'method', 'origin', 'path', 'replayed', 'route', 'scenario', 'seq', 'status',
      ]);
    }
    const serialized = JSON.stringify(log);
    for (const secret of ['4111111111111111', h.sk, h.pk]) assert.ok(!serialized.includes(secret), secret);
    assert.ok(!JSON.stringify(h.sandbox.komoju.inspect.payments()).includes('4111111111111111'));
    assert.ok(!JSON.stringify(h.sandbox.komoju.inspect.secureTokens()).includes('4111111111111111'));
  });

  it('forgets everything on reset', async () => {
    const h = harness();
    await h.createSession();
    h.sandbox.reset();
    assert.equal(h.sandbox.komoju.inspect.sessions().length, 0);
    assert.equal(h.sandbox.komoju.inspect.requests().length, 0);
  });
});
