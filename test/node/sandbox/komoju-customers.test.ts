import assert from 'node:assert/strict';
import { test } from 'node:test';
import { card, harness, PAGE_ORIGIN, RETURN_URL, submitForm } from './helpers.ts';

// KOMOJU's customers as the emulator answers them (docs/providers.md "KOMOJU › Customers and saved cards").

async function savedCustomer(h: ReturnType<typeof harness>, number: string): Promise<string> {
  const session = await h.createSession({ mode: 'customer', amount: 0, payment_types: ['credit_card'] });
  const paid = await h.pay(String(session['id']), card(number));
  assert.equal(paid.status, 200);
  assert.equal(paid.body['status'], 'completed');
  return String(session['customer_id']);
}

test('a customer session names its customer at once, empty until the session is paid', async () => {
  const h = harness();
  const session = await h.createSession({ mode: 'customer', amount: 0, payment_types: ['credit_card', 'konbini'] });
  assert.equal(session['mode'], 'customer');
  assert.match(String(session['customer_id']), /^[a-z0-9]{25}$/);
  // A customer session takes cards only.
  assert.deepEqual((session['payment_methods'] as { type: string }[]).map((m) => m.type), ['credit_card']);
  const empty = await h.call('GET', `/customers/${String(session['customer_id'])}`);
  assert.equal(empty.status, 200);
  assert.equal(empty.body['source'], null);

  const paid = await h.pay(String(session['id']), card('4111111111111111'));
  assert.equal(paid.body['status'], 'completed');
  assert.equal(paid.body['payment'], null);
  assert.equal(JSON.stringify(paid.body).includes(String(session['customer_id'])), false);
  const read = await h.call('GET', `/sessions/${String(session['id'])}`);
  assert.equal(read.body['status'], 'completed');
  assert.equal(read.body['payment'], null);

  const customer = await h.call('GET', `/customers/${String(session['customer_id'])}`);
  assert.deepEqual(customer.body['source'], { type: 'credit_card', brand: 'visa', last_four_digits: '1111', month: 12, year: 2030, name: 'TARO YAMADA' });
  assert.equal(JSON.stringify(customer.body).includes('4111111111111111'), false);
  // Customers are the secret key's only.
  assert.equal((await h.call('GET', `/customers/${String(session['customer_id'])}`, { key: h.pk })).status, 403);
  assert.equal(h.sandbox.komoju.inspect.payments().length, 0);
});

test('a customer session refuses a declining card and stays pending', async () => {
  const h = harness();
  const session = await h.createSession({ mode: 'customer', amount: 0 });
  const paid = await h.pay(String(session['id']), card('4123111111111059'));
  assert.equal(paid.body['status'], 'error');
  assert.equal((await h.call('GET', `/sessions/${String(session['id'])}`)).body['status'], 'pending');
  assert.equal((await h.call('GET', `/customers/${String(session['customer_id'])}`)).body['source'], null);
});

test('the server pays a saved card: a secure token from the customer, then POST /payments with it', async () => {
  const h = harness();
  const customer = await savedCustomer(h, '4111111111111111');
  // The publishable key cannot name a customer.
  const refused = await h.call('POST', '/secure_tokens', { key: h.pk, body: { amount: 1500, currency: 'JPY', return_url: RETURN_URL, customer }, headers: { Origin: PAGE_ORIGIN } });
  assert.equal(refused.status, 403);
  const token = await h.call('POST', '/secure_tokens', { body: { amount: 1500, currency: 'JPY', return_url: RETURN_URL, customer } });
  assert.equal(token.status, 200);
  assert.equal(token.body['verification_status'], 'SKIPPED');
  const payment = await h.call('POST', '/payments', { body: { amount: 1500, currency: 'JPY', payment_details: token.body['id'], external_order_num: 'order-7' } });
  assert.equal(payment.status, 200, JSON.stringify(payment.body));
  assert.equal(payment.body['status'], 'captured');
  assert.equal(payment.body['customer'], customer);
  assert.equal(payment.body['session'], null);
  assert.equal((payment.body['payment_details'] as Record<string, unknown>)['last_four_digits'], '1111');
  // A token pays once.
  const again = await h.call('POST', '/payments', { body: { amount: 1500, currency: 'JPY', payment_details: token.body['id'] } });
  assert.equal(again.status, 422);
  // And `customer` alone pulls the money at once.
  const direct = await h.call('POST', '/payments', { body: { amount: 500, currency: 'JPY', customer } });
  assert.equal(direct.body['status'], 'captured');
  assert.equal((await h.call('POST', '/payments', { key: h.pk, body: { amount: 500, currency: 'JPY', customer } })).status, 403);
});

test("a saved 3-D Secure card's token needs the challenge; the challenge page settles it", async () => {
  const h = harness();
  const customer = await savedCustomer(h, '4100000000005000');
  const token = await h.call('POST', '/secure_tokens', { body: { amount: 1500, currency: 'JPY', return_url: RETURN_URL, customer } });
  assert.equal(token.body['verification_status'], 'NEEDS_VERIFY');
  const early = await h.call('POST', '/payments', { body: { amount: 1500, currency: 'JPY', payment_details: token.body['id'] } });
  assert.equal(early.status, 422);
  assert.equal((early.body['error'] as Record<string, unknown>)['code'], 'three_d_secure_required');
  const url = String(token.body['authentication_url']);
  const page = await h.sandbox.fetch(url);
  assert.equal(page.status, 200);
  const done = await submitForm(h.sandbox, url, { result: 'complete' });
  assert.equal(done.status, 303);
  assert.match(done.headers.get('location') ?? '', /secure_token_id=/);
  const read = await h.call('GET', `/secure_tokens/${String(token.body['id'])}`);
  assert.equal(read.body['verification_status'], 'OK');
  const payment = await h.call('POST', '/payments', { body: { amount: 1500, currency: 'JPY', payment_details: token.body['id'] } });
  assert.equal(payment.body['status'], 'captured');
});

test('a declined saved card: POST /payments answers the decline and records a failed payment', async () => {
  const h = harness();
  // Stored while valid… then every payment of the customer fails by scenario.
  const customer = await savedCustomer(h, '4111111111111111');
  const declined = await h.call('POST', '/payments', { body: { amount: 1500, currency: 'JPY', customer }, headers: { 'Komoju-Scenario': 'insufficient_funds' } });
  assert.equal(declined.status, 402);
  assert.equal((declined.body['error'] as Record<string, unknown>)['code'], 'insufficient_funds');
  assert.equal(h.sandbox.komoju.inspect.payments({ status: 'failed' }).length, 1);
});

test('a customer_payment session charges the card and saves it on its customer', async () => {
  const h = harness();
  const session = await h.createSession({ mode: 'customer_payment', payment_types: ['credit_card', 'konbini'] });
  assert.equal(session['mode'], 'customer_payment');
  assert.deepEqual((session['payment_methods'] as { type: string }[]).map((m) => m.type), ['credit_card']);
  const paid = await h.pay(String(session['id']), card('5555555555554444'));
  assert.equal(paid.body['status'], 'completed');
  assert.equal((paid.body['payment'] as Record<string, unknown>)['status'], 'captured');
  // The payment names its customer (KOMOJU's Payment model: `customer`, the customer's UUID when
  // associated with one), in the pay answer the browser receives and when read back.
  assert.equal((paid.body['payment'] as Record<string, unknown>)['customer'], session['customer_id']);
  const shown = await h.call('GET', `/payments/${String((paid.body['payment'] as Record<string, unknown>)['id'])}`);
  assert.equal(shown.body['customer'], session['customer_id']);
  // A payment-mode session's payment names no customer.
  const plain = await h.createSession({ payment_types: ['credit_card'] });
  const plainPaid = await h.pay(String(plain['id']), card('4111111111111111'));
  assert.equal((plainPaid.body['payment'] as Record<string, unknown>)['customer'], null);
  const customer = await h.call('GET', `/customers/${String(session['customer_id'])}`);
  assert.equal((customer.body['source'] as Record<string, unknown>)['last_four_digits'], '4444');
  // And the saved card pays again without the shopper.
  const again = await h.call('POST', '/payments', { body: { amount: 800, currency: 'JPY', customer: session['customer_id'] } });
  assert.equal(again.body['status'], 'captured');
});
