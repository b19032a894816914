import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RETURN_URL, card, getPage, harness, komojuError, submitForm } from './helpers.ts';

const SUCCESS: [string, string][] = [
  ['4111111111111111', 'visa'],
  ['5555555555554444', 'master'],
  ['3530111333300000', 'jcb'],
  ['378282246310005', 'american_express'],
  ['30569309025904', 'diners_club'],
  ['4242424242424242', 'visa'],
];

const DECLINES: [string, string][] = [
  ['4123111111111000', 'insufficient_funds'],
  ['4123111111111018', 'exceeded_limit'],
  ['4123111111111034', 'bad_verification_value'],
  ['4123111111111042', 'card_expired'],
  ['4123111111111059', 'card_declined'],
  ['4123111111111075', 'invalid_number'],
];

describe('KOMOJU sandbox: POST /sessions/{id}/pay with a card', () => {
  it('captures each success card, completes the session and redirects to return_url?session_id', async () => {
    const h = harness();
    for (const [number, brand] of SUCCESS) {
      const session = await h.createSession({ payment_data: { external_order_num: `ORDER-${brand}` } });
      const id = session['id'] as string;
      const answer = await h.pay(id, card(number, { verification_value: number.length === 15 ? '1234' : '123' }));
      assert.equal(answer.status, 200, number);
      assert.equal(answer.body['status'], 'completed', number);
      assert.equal(answer.body['redirect_url'], `${RETURN_URL}&session_id=${id}`);
      const payment = answer.body['payment'] as Record<string, unknown>;
      assert.match(payment['id'] as string, /^[a-z0-9]{25}$/);
      assert.equal(payment['resource'], 'payment');
      assert.equal(payment['status'], 'captured');
      assert.equal(payment['session'], id);
      assert.equal(payment['amount'], 1500);
      assert.equal(payment['total'], 1500);
      assert.equal(payment['currency'], 'JPY');
      assert.equal(payment['external_order_num'], `ORDER-${brand}`);
      assert.ok(payment['captured_at']);
      const details = payment['payment_details'] as Record<string, unknown>;
      assert.equal(details['type'], 'credit_card');
      assert.equal(details['brand'], brand);
      assert.equal(details['last_four_digits'], number.slice(-4));
      assert.equal(details['verification_value'], 'Approved');
      assert.ok(!JSON.stringify(answer.body).includes(number));

      const read = await h.call('GET', `/sessions/${id}`, { key: h.pk });
      assert.equal(read.body['status'], 'completed');
      assert.ok(read.body['completed_at']);
      assert.deepEqual(read.body['payment'], payment);
    }
  });

  it('answers each decline card with HTTP 200, status error and its code, and keeps the session payable', async () => {
    const h = harness();
    for (const [number, code] of DECLINES) {
      const id = (await h.createSession())['id'] as string;
      const answer = await h.pay(id, card(number));
      assert.equal(answer.status, 200, number);
      assert.equal(answer.body['status'], 'error', number);
      assert.equal(answer.body['redirect_url'], null);
      const error = komojuError(answer.body);
      assert.equal(error.code, code, number);
      assert.equal(error.param, null);
      const session = h.sandbox.komoju.inspect.session(id);
      assert.equal(session?.status, 'pending');
      assert.equal(session?.payment?.status, 'failed');
      // The shopper tries another card in the same session.
      const retry = await h.pay(id, card('4111111111111111'));
      assert.equal(retry.body['status'], 'completed', `retry after ${number}`);
      assert.deepEqual(
        h.sandbox.komoju.inspect.payments({ sessionId: id }).map((p) => p.status),
        ['failed', 'captured'],
      );
    }
  });

  it('refuses to pay a completed session a second time', async () => {
    const h = harness();
    const id = (await h.createSession())['id'] as string;
    assert.equal((await h.pay(id, card('4111111111111111'))).body['status'], 'completed');
    const second = await h.pay(id, card('5555555555554444'));
    assert.equal(second.status, 422);
    assert.match(komojuError(second.body).message, /already been completed/);
    assert.equal(h.sandbox.komoju.inspect.payments({ sessionId: id }).length, 1);
  });

  it('refuses malformed details with 422 and records no payment', async () => {
    const h = harness();
    const id = (await h.createSession())['id'] as string;
    const cases: [unknown, string][] = [
      [card('4111111111111112'), 'payment_details[number]'],
      [{ type: 'paypay' }, 'payment_details[type]'],
      [{ type: 'credit_card', number: '4111111111111111', month: 12 }, 'payment_details[year]'],
      ['nosuchtoken', 'payment_details'],
    ];
    for (const [details, param] of cases) {
      const answer = await h.pay(id, details);
      assert.equal(answer.status, 422, param);
      assert.equal(komojuError(answer.body).param, param);
    }
    const missing = await h.call('POST', `/sessions/${id}/pay`, { key: h.pk, body: {} });
    assert.equal(komojuError(missing.body).code, 'missing_parameter');
    assert.equal(komojuError(missing.body).param, 'payment_details');
    const unknown = await h.pay('zzzzzzzzzzzzzzzzzzzzzzzzz', card('4111111111111111'));
    assert.equal(unknown.status, 404);
    assert.equal(h.sandbox.komoju.inspect.payments().length, 0);
  });

  it('refuses a method the session does not take', async () => {
    const h = harness();
    const id = (await h.createSession({ payment_types: ['konbini'] }))['id'] as string;
    const answer = await h.pay(id, card('4111111111111111'));
    assert.equal(answer.status, 422);
    assert.equal(komojuError(answer.body).code, 'invalid_payment_type');
  });

  it('authorizes with manual capture, then captures with the secret key', async () => {
    const h = harness();
    const id = (await h.createSession({ payment_data: { capture: 'manual' } }))['id'] as string;
    const answer = await h.pay(id, card('4111111111111111'));
    const payment = answer.body['payment'] as { id: string; status: string; captured_at: unknown };
    assert.equal(answer.body['status'], 'completed');
    assert.equal(payment.status, 'authorized');
    assert.equal(payment.captured_at, null);
    assert.equal((await h.call('POST', `/payments/${payment.id}/capture`, { key: h.pk })).status, 403);
    const captured = await h.call('POST', `/payments/${payment.id}/capture`);
    assert.equal(captured.status, 200);
    assert.equal(captured.body['status'], 'captured');
    assert.equal((await h.call('POST', `/payments/${payment.id}/capture`)).status, 422);
    assert.equal((await h.call('GET', `/payments/${payment.id}`)).body['status'], 'captured');
  });
});

describe('KOMOJU sandbox: paying with tokens', () => {
  it('pays with a SKIPPED or OK secure token, once', async () => {
    const h = harness();
    for (const number of ['4111111111111111', '4100000000000100']) {
      const token = await h.secureToken(number);
      const id = (await h.createSession())['id'] as string;
      const answer = await h.pay(id, token.body['id']);
      assert.equal(answer.body['status'], 'completed', number);
      assert.equal((answer.body['payment'] as { status: string }).status, 'captured');
      const other = (await h.createSession())['id'] as string;
      const reuse = await h.pay(other, token.body['id']);
      assert.equal(reuse.status, 422);
      assert.equal(komojuError(reuse.body).code, 'invalid_token');
    }
  });

  it('charges a secure token by the test-card rules', async () => {
    const h = harness();
    const token = await h.secureToken('4123111111111000');
    assert.equal(token.body['verification_status'], 'SKIPPED');
    const id = (await h.createSession())['id'] as string;
    const answer = await h.pay(id, token.body['id']);
    assert.equal(answer.body['status'], 'error');
    assert.equal(komojuError(answer.body).code, 'insufficient_funds');
  });

  it('fails with three_d_secure_required before the challenge and pays after "Complete authentication"', async () => {
    const h = harness();
    const token = await h.secureToken('4100000000005000');
    const tokenId = token.body['id'] as string;
    const id = (await h.createSession())['id'] as string;
    const early = await h.pay(id, tokenId);
    assert.equal(early.body['status'], 'error');
    assert.equal(komojuError(early.body).code, 'three_d_secure_required');
    assert.equal(h.sandbox.komoju.inspect.payments().length, 0, 'nothing was charged');

    await submitForm(h.sandbox, token.body['authentication_url'] as string, { result: 'complete' });
    const paid = await h.pay(id, tokenId);
    assert.equal(paid.body['status'], 'completed');
    assert.equal(h.sandbox.komoju.inspect.secureTokens()[0]?.payment, (paid.body['payment'] as { id: string }).id);
  });

  it('fails with three_d_secure_failed after "Fail authentication"', async () => {
    const h = harness();
    const token = await h.secureToken('4100000000005000');
    await submitForm(h.sandbox, token.body['authentication_url'] as string, { result: 'fail' });
    const id = (await h.createSession())['id'] as string;
    const answer = await h.pay(id, token.body['id']);
    assert.equal(answer.status, 200);
    assert.equal(answer.body['status'], 'error');
    assert.equal(komojuError(answer.body).code, 'three_d_secure_failed');
    assert.equal(h.sandbox.komoju.inspect.session(id)?.status, 'pending');
  });

  it('refuses a secure token made for another amount', async () => {
    const h = harness();
    const token = await h.secureToken('4111111111111111', { amount: 99 });
    const id = (await h.createSession())['id'] as string;
    const answer = await h.pay(id, token.body['id']);
    assert.equal(answer.status, 422);
    assert.equal(komojuError(answer.body).param, 'payment_details');
  });

  it('pays with a token from POST /tokens', async () => {
    const h = harness();
    const token = await h.call('POST', '/tokens', { key: h.pk, body: { payment_details: card('5555555555554444') } });
    assert.equal(token.status, 200);
    assert.deepEqual(Object.keys(token.body).sort(), ['created_at', 'id', 'payment_details', 'resource']);
    assert.deepEqual(token.body['payment_details'], { type: 'credit_card' });
    const id = (await h.createSession())['id'] as string;
    const answer = await h.pay(id, token.body['id']);
    assert.equal((answer.body['payment'] as { payment_details: { brand: string } }).payment_details.brand, 'master');
  });
});

describe('KOMOJU sandbox: 3-D Secure through the session', () => {
  it('answers pending with the challenge page, then the page settles the payment and returns with session_id', async () => {
    const h = harness();
    const id = (await h.createSession())['id'] as string;
    const answer = await h.pay(id, card('4100000000005000'));
    assert.equal(answer.body['status'], 'pending');
    const payment = answer.body['payment'] as { id: string; status: string; payment_details: { redirect_url: string } };
    assert.equal(payment.status, 'pending');
    assert.equal(answer.body['redirect_url'], `http://127.0.0.1:5173/sandbox/komoju/challenge/${payment.id}`);
    assert.equal(payment.payment_details.redirect_url, answer.body['redirect_url']);
    assert.equal(h.sandbox.komoju.inspect.session(id)?.status, 'pending');

    const page = await getPage(h.sandbox, answer.body['redirect_url'] as string);
    assert.match(page.text, /Complete authentication/);
    const back = await submitForm(h.sandbox, answer.body['redirect_url'] as string, { result: 'complete' });
    assert.equal(back.status, 303);
    assert.equal(back.headers.get('location'), `${RETURN_URL}&session_id=${id}`);
    const session = h.sandbox.komoju.inspect.session(id);
    assert.equal(session?.status, 'completed');
    assert.equal(session?.payment?.status, 'captured');
  });

  it('fails the payment with three_d_secure_failed when the shopper fails the challenge', async () => {
    const h = harness();
    const id = (await h.createSession())['id'] as string;
    const answer = await h.pay(id, card('4100000000005000'));
    await submitForm(h.sandbox, answer.body['redirect_url'] as string, { result: 'fail' });
    const session = h.sandbox.komoju.inspect.session(id);
    assert.equal(session?.status, 'pending');
    assert.equal(session?.payment?.status, 'failed');
  });
});

describe('KOMOJU sandbox: Komoju-Scenario', () => {
  it('on pay: that pay fails with the code', async () => {
    const h = harness();
    const id = (await h.createSession())['id'] as string;
    const answer = await h.pay(id, card('4111111111111111'), { 'Komoju-Scenario': 'insufficient_funds' });
    assert.equal(answer.body['status'], 'error');
    assert.equal(komojuError(answer.body).code, 'insufficient_funds');
    assert.equal(h.sandbox.komoju.inspect.payRequests(id)[0]?.scenario, 'insufficient_funds');
    assert.equal((await h.pay(id, card('4111111111111111'))).body['status'], 'completed');
  });

  it('on session create: every later pay of the session fails, card or konbini', async () => {
    const h = harness();
    const id = (await h.createSession({}, { 'Komoju-Scenario': 'card_declined' }))['id'] as string;
    for (let i = 0; i < 2; i++) {
      const answer = await h.pay(id, card('4111111111111111'));
      assert.equal(komojuError(answer.body).code, 'card_declined');
    }
    const konbini = await h.pay(id, { type: 'konbini', store: 'lawson', email: 'a@example.jp' });
    assert.equal(konbini.body['status'], 'error');
    assert.equal(komojuError(konbini.body).code, 'card_declined');
    const other = (await h.createSession())['id'] as string;
    assert.equal((await h.pay(other, card('4111111111111111'))).body['status'], 'completed');
  });

  it('takes any snake_case code and refuses anything else', async () => {
    const h = harness();
    const id = (await h.createSession())['id'] as string;
    const odd = await h.pay(id, card('4111111111111111'), { 'Komoju-Scenario': 'acquirer_timeout' });
    assert.equal(komojuError(odd.body).code, 'acquirer_timeout');
    const bad = await h.pay(id, card('4111111111111111'), { 'Komoju-Scenario': '<b>boom</b>' });
    assert.equal(bad.status, 400);
  });
});
