import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { card, paymentBody, startHarness, type PoHarness } from './paymentoptions-helpers.ts';


/**
 * The PaymentOptions emulator's server-to-server API over HTTP: authentication, both path prefixes,
 * payments with a new card and a stored card (both spellings of the stored id), each decline code, the
 * card scheme, the transaction status (docs/providers.md, "PaymentOptions").
 */

let h: PoHarness;
const PAY = '/server-to-server-interface/payment';

before(async () => {
  h = await startHarness();
});
after(async () => {
  await h.close();
});

const po = () => h.sandbox.paymentoptions;

function storeVisa(): string {
  return po().storeCard({ number: '4000000000001091', expMonth: '12', expYear: '34', name: 'John Doe' });
}

describe('PaymentOptions emulator: authentication', () => {
  const body = () => paymentBody({ card: card('4000000000001091') });

  it('takes Basic base64(key), Basic base64(key:) and Basic <key>, with x-api-key', async () => {
    for (const authorization of [`Basic ${btoa(po().apiKey)}`, `Basic ${btoa(`${po().apiKey}:`)}`, `Basic ${po().apiKey}`]) {
      const answer = await h.call('POST', PAY, body(), { Authorization: authorization, 'x-api-key': po().xApiKey });
      assert.equal(answer.status, 201, authorization);
    }
  });

  it('answers 401 without Authorization, without x-api-key, with a wrong key or x-api-key, or a Bearer key', async () => {
    const cases: Record<string, string>[] = [
      { 'x-api-key': po().xApiKey },
      { Authorization: po().authHeaders['Authorization'] as string },
      { Authorization: `Basic ${btoa('wrong-key-000')}`, 'x-api-key': po().xApiKey },
      { Authorization: po().authHeaders['Authorization'] as string, 'x-api-key': 'wrong-x-api-key' },
      { Authorization: `Bearer ${po().apiKey}`, 'x-api-key': po().xApiKey },
      // x-api-key and the API key are two credentials: the API key in x-api-key is refused.
      { Authorization: po().authHeaders['Authorization'] as string, 'x-api-key': po().apiKey },
    ];
    for (const headers of cases) {
      const answer = await h.call('POST', PAY, body(), headers);
      assert.equal(answer.status, 401, JSON.stringify(headers));
      assert.equal(answer.body['success'], false);
      assert.equal(answer.body['status_code'], 401);
    }
    assert.equal(po().inspect.transactions().filter((t) => t.merchantTxnRef === 'never').length, 0);
  });

  it('answers 401 for another merchant_id, and takes its own or none', async () => {
    assert.equal((await h.call('POST', PAY, { ...body(), merchant_id: 'JP00000001' })).status, 401);
    assert.equal((await h.call('POST', PAY, { ...body(), merchant_id: po().merchantId })).status, 201);
  });

  it('answers 404 for an unknown path, 400 for a body that is not JSON', async () => {
    assert.equal((await h.call('POST', '/server-to-server-interface/nothing', body())).status, 404);
    const response = await fetch(`${h.api}${PAY}`, { method: 'POST', headers: { ...po().authHeaders, 'Content-Type': 'application/json' }, body: '{' });
    assert.equal(response.status, 400);
  });
});

describe('PaymentOptions emulator: payments', () => {
  it('pays with a stored card: 201, INFO0000, response_code 0, the stored id echoed (seed 002)', async () => {
    const stored = storeVisa();
    const answer = await h.call('POST', PAY, paymentBody({ payment_method: { type: 'scheme', store_payment_method: true, stored_payment_method_id: stored } }));
    assert.equal(answer.status, 201);
    assert.equal(answer.body['success'], true);
    assert.equal(answer.body['status_code'], 201);
    assert.equal(answer.body['transaction_type'], 'CAPTURE');
    assert.deepEqual(answer.body['gateway_response'], { version: '1', type: 'INFO', message: 'Payment Successful.', code: 'INFO0000' });
    const payment = answer.body['payment_details'] as Record<string, unknown>;
    assert.equal(payment['response_code'], 0);
    assert.equal(payment['amount'], 1000);
    assert.match(String(payment['auth_code']), /^\d{6}$/);
    const details = answer.body['transaction_details'] as Record<string, unknown>;
    assert.equal(details['stored_payment_method_id'], stored);
    assert.match(String(details['id']), /^[0-9a-f-]{36}$/);
  });

  it('takes the stored id as the seed’s curl example spells it (store_payment_method_id)', async () => {
    const stored = storeVisa();
    const answer = await h.call('POST', PAY, paymentBody({ payment_method: { type: 'scheme', store_payment_method: true, store_payment_method_id: stored } }));
    assert.equal(answer.status, 201);
    assert.equal((answer.body['transaction_details'] as Record<string, unknown>)['stored_payment_method_id'], stored);
  });

  it('answers 412 for a stored id the merchant does not have', async () => {
    const answer = await h.call('POST', PAY, paymentBody({ payment_method: { type: 'scheme', stored_payment_method_id: '094db781-fabc-4c6d-8fcd-18bee06a527a' } }));
    assert.equal(answer.status, 412);
    assert.equal(answer.body['success'], false);
  });

  it('stores a new card (card + store_payment_method) and pays with it later', async () => {
    const first = await h.call('POST', PAY, paymentBody({ card: card('5200000000001005'), payment_method: { type: 'scheme', store_payment_method: true } }));
    assert.equal(first.status, 201);
    const stored = (first.body['transaction_details'] as Record<string, unknown>)['stored_payment_method_id'] as string;
    assert.ok(po().inspect.storedCards().some((c) => c.id === stored && c.last4 === '1005' && c.scheme === 'MASTERCARD'));
    const again = await h.call('POST', PAY, paymentBody({ payment_method: { type: 'scheme', stored_payment_method_id: stored } }));
    assert.equal(again.status, 201);
    const without = await h.call('POST', PAY, paymentBody({ card: card('5200000000001005') }));
    assert.equal((without.body['transaction_details'] as Record<string, unknown>)['stored_payment_method_id'], undefined);
  });

  it('derives the scheme from the number (not the example’s MASTERCARD for a Visa number) and masks the number', async () => {
    const visa = await h.call('POST', PAY, paymentBody({ card: card('4000000000001091') }));
    const visaDetails = visa.body['payment_details'] as Record<string, unknown>;
    assert.equal(visaDetails['scheme'], 'VISA');
    assert.equal(visaDetails['payment_method'], 'VISA-SSL');
    assert.deepEqual(visaDetails['card'], { name: 'John Doe', number: '400000******1091', exp_month: '12', exp_year: '34' });
    const master = await h.call('POST', PAY, paymentBody({ card: card('5200000000001005') }));
    assert.equal((master.body['payment_details'] as Record<string, unknown>)['scheme'], 'MASTERCARD');
    assert.equal((master.body['payment_details'] as Record<string, unknown>)['payment_method'], 'ECMC-SSL');
  });

  it('declines with the documented response codes: 5, 51, 54 (card and past expiry), -1 (502)', async () => {
    const cases: [string, number, number, string?][] = [
      ['4000000000000002', 5, 406],
      ['4000000000009995', 51, 406],
      ['4000000000000069', 54, 406],
      ['4000000000001091', 54, 406, '20'],
      ['4000000000000119', -1, 502],
    ];
    for (const [number, code, status, year] of cases) {
      const answer = await h.call('POST', PAY, paymentBody({ card: card(number, year) }));
      assert.equal(answer.status, status, `${number}: ${JSON.stringify(answer.body)}`);
      assert.equal(answer.body['success'], false);
      assert.equal((answer.body['payment_details'] as Record<string, unknown>)['response_code'], code);
      assert.equal((answer.body['gateway_response'] as Record<string, unknown>)['type'], 'ERROR');
    }
  });

  it('declines a stored card by its number’s rule too', async () => {
    const stored = po().storeCard({ number: '4000000000009995', expMonth: '12', expYear: '34', name: 'Jane Doe' });
    const answer = await h.call('POST', PAY, paymentBody({ payment_method: { type: 'scheme', stored_payment_method_id: stored } }));
    assert.equal(answer.status, 406);
    assert.equal((answer.body['payment_details'] as Record<string, unknown>)['response_code'], 51);
  });

  it('answers 406 for a number that fails the Luhn check, 400 for missing fields', async () => {
    assert.equal((await h.call('POST', PAY, paymentBody({ card: card('4000000000001092') }))).status, 406);
    for (const field of ['amount', 'currency', 'merchant_txn_ref', 'customer_ip', 'return_url', 'billing_address']) {
      const body = paymentBody({ card: card('4000000000001091') });
      delete body[field];
      const answer = await h.call('POST', PAY, body);
      assert.equal(answer.status, 400, field);
      assert.match(String(answer.body['message']), new RegExp(field));
    }
    assert.equal((await h.call('POST', PAY, paymentBody())).status, 400, 'neither card nor stored id');
  });

  it('declines a card that needs 3-D Secure on `payment` (no browser) with 65', async () => {
    const answer = await h.call('POST', PAY, paymentBody({ card: card('4000002500003155') }));
    assert.equal(answer.status, 406);
    assert.equal((answer.body['payment_details'] as Record<string, unknown>)['response_code'], 65);
  });

  it('answers the same routes with the doubled prefix /api/v1/api/v1', async () => {
    const answer = await h.call('POST', `/api/v1${PAY}`, paymentBody({ card: card('4000000000001091') }));
    assert.equal(answer.status, 201);
    const id = (answer.body['transaction_details'] as Record<string, unknown>)['id'] as string;
    assert.equal((await h.call('GET', `/api/v1/server-to-server-interface/transaction/status/${id}`)).status, 200);
    assert.equal((await h.call('GET', `/server-to-server-interface/transaction/status/${id}`)).status, 200);
  });

  it('posts a direct payment to its webhook_url', async () => {
    await po().webhooks.idle();
    const before = h.receiver.received.length;
    const answer = await h.call('POST', PAY, paymentBody({ card: card('4000000000001091') }));
    await po().webhooks.idle();
    const id = (answer.body['transaction_details'] as Record<string, unknown>)['id'];
    const got = h.receiver.received.slice(before);
    assert.equal(got.length, 1);
    assert.equal((got[0]?.json['transaction_details'] as Record<string, unknown>)['id'], id);
  });
});

describe('PaymentOptions emulator: transaction status', () => {
  it('answers a paid, a declined and an unknown transaction', async () => {
    const paid = await h.call('POST', PAY, paymentBody({ card: card('5200000000001005') }));
    const id = (paid.body['transaction_details'] as Record<string, unknown>)['id'] as string;
    const status = await h.call('GET', `/server-to-server-interface/transaction/status/${id}`);
    assert.equal(status.status, 200);
    assert.equal(status.body['success'], true);
    assert.equal(status.body['status_code'], 200);
    const details = status.body['payment_details'] as Record<string, unknown>;
    assert.equal(details['response_code'], 0);
    assert.equal(details['responseDescription'], 'Payment Successful');
    assert.deepEqual(status.body['risk_details'], { risk_score: null });
    assert.ok((status.body['transaction_details'] as Record<string, unknown>)['billing_details']);

    const declined = await h.call('POST', PAY, paymentBody({ card: card('4000000000000002') }));
    const declinedId = (declined.body['transaction_details'] as Record<string, unknown>)['id'] as string;
    const declinedStatus = await h.call('GET', `/server-to-server-interface/transaction/status/${declinedId}`);
    assert.equal(declinedStatus.status, 200);
    assert.equal(declinedStatus.body['success'], false);
    assert.equal((declinedStatus.body['payment_details'] as Record<string, unknown>)['response_code'], 5);

    const unknown = await h.call('GET', '/server-to-server-interface/transaction/status/0db1fac1-e064-4644-a387-08d143960c8f');
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body['success'], false);
  });

  it('logs each call without keys', () => {
    const calls = po().inspect.requests({ route: 'POST /server-to-server-interface/payment' });
    assert.ok(calls.length > 5 && calls.every((c) => c.authenticated));
    // A refused call is logged before it is routed: no route, not authenticated.
    assert.ok(po().inspect.requests().some((c) => c.status === 401 && !c.authenticated && c.route === null && c.path === PAY));
    assert.ok(!JSON.stringify(calls).includes(po().apiKey));
  });
});
