import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { API, RETURN_URL, basic, harness, komojuError } from './helpers.ts';

describe('KOMOJU sandbox: POST /sessions', () => {
  it('creates a pending payment session with KOMOJU fields', async () => {
    const h = harness();
    const session = await h.createSession({
      email: 'hanako@example.jp',
      default_locale: 'en',
      metadata: { order: 'A-1' },
      payment_data: { external_order_num: 'ORDER-1', capture: 'auto' },
    });
    assert.match(session['id'] as string, /^[a-z0-9]{25}$/);
    assert.equal(session['resource'], 'session');
    assert.equal(session['mode'], 'payment');
    assert.equal(session['status'], 'pending');
    assert.equal(session['expired'], false);
    assert.equal(session['amount'], 1500);
    assert.equal(session['currency'], 'JPY');
    assert.equal(session['return_url'], RETURN_URL);
    assert.equal(session['default_locale'], 'en');
    assert.equal(session['email'], 'hanako@example.jp');
    assert.equal(session['payment'], null);
    assert.equal(session['completed_at'], null);
    assert.deepEqual(session['metadata'], { order: 'A-1' });
    assert.deepEqual(session['payment_data'], { external_order_num: 'ORDER-1', capture: 'auto' });
    assert.equal(session['session_url'], `http://127.0.0.1:5173/sandbox/komoju/sessions/${session['id'] as string}`);
    assert.ok(!Number.isNaN(Date.parse(session['created_at'] as string)));

    const methods = session['payment_methods'] as Record<string, unknown>[];
    assert.deepEqual(methods.map((m) => m['type']), ['credit_card', 'konbini']);
    const [cardMethod, konbini] = methods as [Record<string, unknown>, Record<string, unknown>];
    assert.deepEqual(cardMethod['brands'], ['visa', 'master', 'jcb', 'american_express', 'diners_club']);
    assert.deepEqual(Object.keys(konbini['brands'] as object), [
      'seven-eleven', 'lawson', 'family-mart', 'ministop', 'daily-yamazaki', 'seicomart',
    ]);
    assert.equal(konbini['customer_fee'], 190);
    assert.ok(Array.isArray(konbini['additional_fields']));
  });

  it('honours payment_types and the configured stores, and offers konbini for yen only', async () => {
    const h = harness({ komoju: { konbiniStores: ['lawson', 'seicomart'] } });
    const cardOnly = await h.createSession({ payment_types: ['credit_card'] });
    assert.deepEqual((cardOnly['payment_methods'] as { type: string }[]).map((m) => m.type), ['credit_card']);
    const konbiniOnly = await h.createSession({ payment_types: ['konbini'] });
    const [konbini] = konbiniOnly['payment_methods'] as { type: string; brands: object }[];
    assert.deepEqual(Object.keys(konbini?.brands ?? {}), ['lawson', 'seicomart']);
    assert.ok(!('seven_eleven_merchant_number' in (konbini ?? {})));
    const usd = await h.createSession({ amount: 1000, currency: 'usd' });
    assert.equal(usd['currency'], 'USD');
    assert.deepEqual((usd['payment_methods'] as { type: string }[]).map((m) => m.type), ['credit_card']);
  });

  it('answers 422 in KOMOJU shape naming the parameter', async () => {
    const h = harness();
    const cases: [string, Record<string, unknown>, string, string][] = [
      ['no amount', { currency: 'JPY' }, 'missing_parameter', 'amount'],
      ['no currency', { amount: 100 }, 'missing_parameter', 'currency'],
      ['negative amount', { amount: -1, currency: 'JPY' }, 'invalid_parameter', 'amount'],
      ['fractional amount', { amount: 10.5, currency: 'JPY' }, 'invalid_parameter', 'amount'],
      ['amount as words', { amount: 'lots', currency: 'JPY' }, 'invalid_parameter', 'amount'],
      ['bad currency', { amount: 100, currency: 'YEN!' }, 'invalid_parameter', 'currency'],
      ['javascript return_url', { amount: 100, currency: 'JPY', return_url: 'javascript:alert(1)' }, 'invalid_parameter', 'return_url'],
      ['relative return_url', { amount: 100, currency: 'JPY', return_url: '/done' }, 'invalid_parameter', 'return_url'],
      ['unknown payment type', { amount: 100, currency: 'JPY', payment_types: ['credit_card', 'paypay'] }, 'invalid_parameter', 'payment_types[1]'],
      ['unknown mode', { amount: 100, currency: 'JPY', mode: 'subscription' }, 'invalid_parameter', 'mode'],
      ['a customer in payment mode', { amount: 100, currency: 'JPY', customer_id: 'abc' }, 'invalid_parameter', 'customer_id'],
      ['an unknown customer', { amount: 100, currency: 'JPY', mode: 'customer', customer_id: 'abc' }, 'invalid_parameter', 'customer_id'],
      ['bad capture', { amount: 100, currency: 'JPY', payment_data: { capture: 'later' } }, 'invalid_parameter', 'payment_data[capture]'],
      ['too long', { amount: 100, currency: 'JPY', expires_in_seconds: 86_401 }, 'invalid_parameter', 'expires_in_seconds'],
    ];
    for (const [label, body, code, param] of cases) {
      const answer = await h.call('POST', '/sessions', { body });
      assert.equal(answer.status, 422, label);
      const error = komojuError(answer.body);
      assert.equal(error.code, code, label);
      assert.equal(error.param, param, label);
    }
    assert.equal(h.sandbox.komoju.inspect.sessions().length, 0);
  });

  it('answers 400 for a body that is not JSON', async () => {
    const h = harness();
    const answer = await h.call('POST', '/sessions', { body: '{"amount":', headers: { 'Content-Type': 'application/json' } });
    assert.equal(answer.status, 400);
    assert.equal(komojuError(answer.body).code, 'bad_request');
  });

  it('accepts form encoding with brackets, as KOMOJU examples use', async () => {
    const h = harness();
    const response = await h.sandbox.fetch(`${API}/sessions`, {
      method: 'POST',
      headers: { Authorization: basic(h.sk), 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'amount=2500&currency=JPY&return_url=https%3A%2F%2Fshop.example%2Fdone&payment_types[]=konbini&payment_data[capture]=manual&payment_data[external_order_num]=F-1',
    });
    assert.equal(response.status, 200);
    const session = (await response.json()) as Record<string, unknown>;
    assert.equal(session['amount'], 2500);
    assert.deepEqual((session['payment_methods'] as { type: string }[]).map((m) => m.type), ['konbini']);
    assert.deepEqual(session['payment_data'], { capture: 'manual', external_order_num: 'F-1' });
  });
});

describe('KOMOJU sandbox: GET /sessions/{id} and expiry', () => {
  it('returns the same session, and 404 for an unknown id', async () => {
    const h = harness();
    const created = await h.createSession();
    const read = await h.call('GET', `/sessions/${created['id'] as string}`, { key: h.pk });
    assert.equal(read.status, 200);
    assert.deepEqual(read.body, created);
    const unknown = await h.call('GET', '/sessions/zzzzzzzzzzzzzzzzzzzzzzzzz', { key: h.pk });
    assert.equal(unknown.status, 404);
    assert.equal(komojuError(unknown.body).code, 'not_found');
  });

  it('expires after expires_in_seconds: expired true, and paying is refused', async () => {
    let now = Date.parse('2025-03-01T03:00:00Z');
    const h = harness({ komoju: { now: () => new Date(now) } });
    const session = await h.createSession({ expires_in_seconds: 600 });
    const id = session['id'] as string;
    now += 599_000;
    assert.equal((await h.call('GET', `/sessions/${id}`)).body['expired'], false);
    now += 1_000;
    const read = await h.call('GET', `/sessions/${id}`);
    assert.equal(read.body['expired'], true);
    assert.equal(read.body['status'], 'pending');
    const paid = await h.pay(id, { type: 'credit_card', number: '4111111111111111', month: 12, year: 2030 });
    assert.equal(paid.status, 422);
    assert.match(komojuError(paid.body).message, /expired/);
    assert.equal(h.sandbox.komoju.inspect.payments().length, 0);
  });

  it('cancels a pending session with the secret key, after which it cannot be paid', async () => {
    const h = harness();
    const id = (await h.createSession())['id'] as string;
    const cancelled = await h.call('POST', `/sessions/${id}/cancel`);
    assert.equal(cancelled.status, 200);
    assert.equal(cancelled.body['status'], 'cancelled');
    assert.ok(cancelled.body['cancelled_at']);
    const paid = await h.pay(id, { type: 'credit_card', number: '4111111111111111', month: 12, year: 2030 });
    assert.equal(paid.status, 422);
    assert.equal((await h.call('POST', `/sessions/${id}/cancel`)).status, 422);
  });
});
