import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BROWSER_INFO, card, hmacHex, paymentBody, RETURN_URL, startHarness, type PoHarness } from './paymentoptions-helpers.ts';
import { DEFAULT_PAYMENTOPTIONS_SIGNATURE_HEADER } from '../../../src/sandbox/index.ts';

/**
 * 3-D Secure on `paymentv2` (docs.paymentoptions.com "3D Secure Integration"): the answer's `url` /
 * `redirect_url`, the challenge page, the shopper sent to `success_url` or `decline_url`, the webhook,
 * the transaction status before and after; stored cards and new cards; frictionless cards answered at once.
 */

let h: PoHarness;
const V2 = '/server-to-server-interface/paymentv2';

before(async () => {
  h = await startHarness();
});
after(async () => {
  await h.close();
});

const po = () => h.sandbox.paymentoptions;

async function challenge(body: Record<string, unknown>) {
  const answer = await h.call('POST', V2, body);
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  assert.equal(answer.body['success'], true);
  assert.equal(answer.body['statusCode'], 200);
  assert.equal(answer.body['url'], answer.body['redirect_url']);
  assert.match(String(answer.body['redirect_url']), new RegExp(`^${h.server.origin}/sandbox/paymentoptions/integration/3ds\\?_token=[A-Za-z0-9]{32}$`));
  const tx = po().inspect.transactions({ status: 'pending_3ds' }).find((t) => t.merchantTxnRef === body['merchant_txn_ref']);
  assert.ok(tx, 'a pending transaction');
  return { url: String(answer.body['redirect_url']), tx };
}

async function press(url: string, result: 'complete' | 'fail') {
  return fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: new URL(url).origin },
    body: new URLSearchParams({ result }).toString(),
  });
}

const status = async (id: string) => (await h.call('GET', `/server-to-server-interface/transaction/status/${id}`)).body;

describe('PaymentOptions emulator: paymentv2 with 3-D Secure', () => {
  it('a stored card that needs it: the challenge passes, success_url, the webhook, status success', async () => {
    const stored = po().storeCard({ number: '4000002500003155', expMonth: '12', expYear: '34', name: 'John Doe' });
    const body = paymentBody({ payment_method: { type: 'scheme', stored_payment_method_id: stored }, browser_info: BROWSER_INFO });
    const { url, tx } = await challenge(body);
    assert.deepEqual(tx.browserInfo, BROWSER_INFO);
    const pending = await status(tx.id);
    assert.equal(pending['success'], false);
    assert.equal((pending['payment_details'] as Record<string, unknown>)['response_code'], 578);

    const page = await fetch(url);
    assert.equal(page.status, 200);
    const text = await page.text();
    assert.match(text, /Complete authentication/);
    assert.match(text, /Fail authentication/);
    assert.match(text, /Visa ending in 3155/);

    const done = await press(url, 'complete');
    assert.equal(done.status, 303);
    assert.equal(done.headers.get('location'), RETURN_URL.success_url);
    await po().webhooks.idle();
    const hook = h.receiver.received.find((r) => (r.json['transaction_details'] as Record<string, unknown>)['id'] === tx.id);
    assert.ok(hook, 'the webhook');
    assert.equal(hook.json['success'], true);
    assert.equal(hook.json['status_code'], 200);
    assert.equal((hook.json['transaction_details'] as Record<string, unknown>)['stored_payment_method_id'], stored);
    assert.equal(hook.headers[DEFAULT_PAYMENTOPTIONS_SIGNATURE_HEADER.toLowerCase()], await hmacHex(hook.raw, 'po_sandbox_webhook_secret_0000'));
    const after = await status(tx.id);
    assert.equal(after['success'], true);
    assert.equal((after['payment_details'] as Record<string, unknown>)['response_code'], 0);

    // Answered once: the page says so, a second press changes nothing.
    const again = await press(url, 'fail');
    assert.equal(again.status, 200);
    assert.match(await again.text(), /already finished/);
    assert.equal(po().inspect.transaction(tx.id)?.status, 'success');
  });

  it('a new card, the challenge failed: decline_url, webhook success false with 937', async () => {
    const body = paymentBody({ card: card('4000002500003155'), browser_info: BROWSER_INFO });
    const { url, tx } = await challenge(body);
    const done = await press(url, 'fail');
    assert.equal(done.status, 303);
    assert.equal(done.headers.get('location'), RETURN_URL.decline_url);
    await po().webhooks.idle();
    const hook = h.receiver.received.find((r) => (r.json['transaction_details'] as Record<string, unknown>)['id'] === tx.id);
    assert.equal(hook?.json['success'], false);
    assert.equal((hook?.json['payment_details'] as Record<string, unknown>)['response_code'], 937);
    assert.equal((await status(tx.id))['success'], false);
  });

  it('a card without 3-D Secure is answered at once (201), with the stored id spelled either way', async () => {
    const stored = po().storeCard({ number: '5200000000001005', expMonth: '12', expYear: '34', name: 'John Doe' });
    for (const key of ['stored_payment_method_id', 'store_payment_method_id']) {
      const answer = await h.call('POST', V2, paymentBody({ payment_method: { type: 'scheme', [key]: stored }, browser_info: BROWSER_INFO }));
      assert.equal(answer.status, 201, key);
      assert.equal((answer.body['gateway_response'] as Record<string, unknown>)['code'], 'INFO0000');
    }
    const declined = await h.call('POST', V2, paymentBody({ card: card('4000000000000069'), browser_info: BROWSER_INFO }));
    assert.equal(declined.status, 406);
    assert.equal((declined.body['payment_details'] as Record<string, unknown>)['response_code'], 54);
  });

  it('a configured card that authenticates, then is declined for insufficient funds', async () => {
    const other = await startHarness({ testCards: { '4000008260003178': { threeDSecure: true, responseCode: 51 } } });
    try {
      const answer = await other.call('POST', `/api/v1${V2}`, paymentBody({ card: card('4000008260003178') }));
      assert.equal(answer.status, 200);
      const done = await press(String(answer.body['url']), 'complete');
      assert.equal(done.headers.get('location'), RETURN_URL.decline_url);
      assert.equal(other.sandbox.paymentoptions.inspect.transactions()[0]?.responseCode, 51);
    } finally {
      await other.close();
    }
  });

  it('answers 404 for an unknown challenge and 403 for a post from another origin', async () => {
    assert.equal((await fetch(`${h.server.origin}/sandbox/paymentoptions/integration/3ds?_token=nope`)).status, 404);
    const { url, tx } = await challenge(paymentBody({ card: card('4000002500003155') }));
    const foreign = await fetch(url, { method: 'POST', redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'https://evil.example' }, body: 'result=complete' });
    assert.equal(foreign.status, 403);
    assert.equal(po().inspect.transaction(tx.id)?.status, 'pending_3ds');
    assert.ok(po().inspect.transaction(tx.id)?.challengePath);
  });

  it('reset forgets transactions, links, stored cards and deliveries', async () => {
    await po().webhooks.idle();
    po().reset();
    assert.equal(po().inspect.transactions().length, 0);
    assert.equal(po().inspect.storedCards().length, 0);
    assert.equal(po().inspect.deliveries().length, 0);
    assert.equal(po().inspect.requests().length, 0);
  });
});
