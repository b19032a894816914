import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import { createSandbox, type Sandbox } from '../../../src/sandbox/index.ts';
import { conformance } from './checks.ts';
import { startRecordingServer, type RecordingServer } from './recorder.ts';
import { compareShape, fixture } from './shape.ts';

/**
 * KOMOJU's customers and customer sessions in the emulator against KOMOJU's own models of them (the
 * node SDK's models, generated from KOMOJU's OpenAPI) and its customer guide: a `customer` session
 * names its customer at once, the Customer's saved `source`, a secure token made from a customer and a
 * payment created with one (docs/providers.md "KOMOJU › Customers and saved cards"). Reached over HTTP.
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

async function call(method: 'GET' | 'POST', path: string, key: string, body?: unknown) {
  const headers: Record<string, string> = { Accept: 'application/json', Authorization: `Basic ${btoa(`${key}:`)}` };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (key.startsWith('pk_')) headers['Origin'] = PAGE;
  const response = await fetch(`${api}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
const sk = () => sandbox.komoju.secretKey;
const pk = () => sandbox.komoju.publishableKey;

/** A customer session (CreateSessionRequestWithCustomerMode: mode, amount, currency, return_url), paid with a card. */
async function savedCustomer(number = '4111111111111111'): Promise<{ session: Record<string, unknown>; customer: string }> {
  const created = await call('POST', '/sessions', sk(), { mode: 'customer', amount: 0, currency: 'JPY', return_url: `${PAGE}/saved` });
  assert.equal(created.status, 200, JSON.stringify(created.body));
  const paid = await call('POST', `/sessions/${String(created.body['id'])}/pay`, pk(), {
    payment_details: { type: 'credit_card', number, month: '12', year: '30', verification_value: '123' },
  });
  assert.equal(paid.body['status'], 'completed');
  return { session: created.body, customer: String(created.body['customer_id']) };
}

describe("the KOMOJU emulator's customers against KOMOJU's models", () => {
  conformance('komoju.model.customer-session', async () => {
    const { session } = await savedCustomer();
    // Session: mode ∈ payment | customer | customer_payment; customer_id "only present when mode includes customer".
    assert.equal(session['mode'], 'customer');
    assert.match(String(session['customer_id']), /^[0-9a-z]{25}$/);
    const shown = await call('GET', `/sessions/${String(session['id'])}`, sk());
    assert.equal(shown.body['status'], 'completed');
    assert.equal(shown.body['customer_id'], session['customer_id']);
    assert.equal(shown.body['payment'], null, 'a customer session creates a customer instead of a payment');
    const payment = await call('POST', '/sessions', sk(), { amount: 100, currency: 'JPY' });
    assert.equal(payment.body['mode'], 'payment');
    assert.equal('customer_id' in payment.body, false);
  });

  conformance('komoju.model.customer', async () => {
    const doc = fixture('customer-show.json');
    const { customer } = await savedCustomer();
    const shown = await call('GET', `/customers/${customer}`, sk());
    assert.equal(shown.status, 200);
    assert.deepEqual(compareShape(doc.example, shown.body, { enums: doc.enums }).problems, [], 'GET /customers/{id}');
    assert.equal(JSON.stringify(shown.body).includes('4111111111111111'), false, 'never the card number');
  });

  conformance('komoju.model.secure-token-customer', async () => {
    const { customer } = await savedCustomer('4100000000005000');
    // CreateSecureTokenRequestWithCustomer: amount, currency, customer, return_url.
    const token = await call('POST', '/secure_tokens', sk(), { amount: 1500, currency: 'JPY', customer, return_url: `${PAGE}/back` });
    assert.equal(token.status, 200);
    assert.equal(token.body['verification_status'], 'NEEDS_VERIFY');
    assert.equal(typeof token.body['authentication_url'], 'string');
  });

  conformance('komoju.model.payment-customer', async () => {
    const { customer } = await savedCustomer();
    // CreatePaymentRequestWithCustomer: amount, currency, customer (instead of payment_details).
    const paid = await call('POST', '/payments', sk(), { amount: 1500, currency: 'JPY', customer, external_order_num: 'order-1' });
    assert.equal(paid.status, 200);
    assert.equal(paid.body['resource'], 'payment');
    assert.equal(paid.body['status'], 'captured');
    assert.equal(paid.body['customer'], customer);
    const both = await call('POST', '/payments', sk(), { amount: 1500, currency: 'JPY', customer, payment_details: 'x' });
    assert.equal(both.status, 422, 'either payment_details or customer, not both');
  });

  conformance('komoju.model.customer-payment-session', async () => {
    // CreateSessionRequestWithCustomerPaymentMode: mode customer_payment, amount, currency, return_url.
    const created = await call('POST', '/sessions', sk(), { mode: 'customer_payment', amount: 1500, currency: 'JPY', return_url: `${PAGE}/paid` });
    assert.equal(created.status, 200, JSON.stringify(created.body));
    // Session.customer_id: "Subscription customer UUID. Only present when mode includes customer".
    assert.equal(created.body['mode'], 'customer_payment');
    const customer = String(created.body['customer_id']);
    assert.match(customer, /^[0-9a-z]{25}$/);
    const token = await call('POST', '/secure_tokens', pk(), {
      amount: 1500,
      currency: 'JPY',
      payment_details: { type: 'credit_card', number: '4111111111111111', month: '12', year: '30', verification_value: '123' },
      return_url: `${PAGE}/back`,
    });
    const paid = await call('POST', `/sessions/${String(created.body['id'])}/pay`, pk(), { payment_details: token.body['id'] });
    // PaySessionResponse: redirect_url, status, payment (a Payment), app_url?, customer?.
    assert.equal(paid.body['status'], 'completed');
    assert.equal(typeof paid.body['redirect_url'], 'string');
    const payment = paid.body['payment'] as Record<string, unknown>;
    assert.equal(payment['resource'], 'payment');
    assert.equal(payment['status'], 'captured');
    // Payment.customer: "Customer UUID if associated with a customer, otherwise null".
    assert.equal(payment['customer'], customer);
    assert.equal(payment['session'], created.body['id']);
    const saved = await call('GET', `/customers/${customer}`, sk());
    assert.equal((saved.body['source'] as Record<string, unknown>)['last_four_digits'], '1111');
  });
});
