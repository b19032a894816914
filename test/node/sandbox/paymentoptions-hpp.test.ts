import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { hmacHex, linkBody, RETURN_URL, startHarness, type PoHarness } from './paymentoptions-helpers.ts';

/**
 * The PaymentOptions emulator's hosted payment page over HTTP: the link (both paths and the doubled
 * prefix), the page (fields, its "Save this card" box, its CSP and framing), a card posted on it, the
 * redirect to the merchant's URLs, the webhook (signed by the sandbox's HMAC header), 3-D Secure on the
 * page, Cancel.
 */

let h: PoHarness;
const LINK = '/server-to-server-interface/hpp/generate/link';
const SECRET = 'hpp-test-secret-0001';

before(async () => {
  h = await startHarness({ webhookSigning: { secret: SECRET } });
});
after(async () => {
  await h.close();
});

const po = () => h.sandbox.paymentoptions;

async function newLink(extra: Record<string, unknown> = {}, path = LINK) {
  const answer = await h.call('POST', path, linkBody(extra));
  assert.equal(answer.status, 201, JSON.stringify(answer.body));
  return answer.body;
}

/** Posts the hosted page's form as a browser on the sandbox's own page would. */
async function submit(url: string, fields: Record<string, string>) {
  return fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: new URL(url).origin },
    body: new URLSearchParams(fields).toString(),
  });
}

const CARD = { card_number: '4000 0000 0000 1091', card_expiry: '12 / 34', card_cvc: '123', card_name: 'Taro Yamada' };

describe('PaymentOptions emulator: hosted payment page link', () => {
  it('answers { id, url, amount, currency, merchant_txn_ref, merchant_id, merchant_email, return_url, … } on every path', async () => {
    for (const path of [LINK, '/hpp/generate/link', `/api/v1${LINK}`]) {
      const link = await newLink({}, path);
      assert.match(String(link['id']), /^[0-9a-f-]{36}$/);
      assert.match(String(link['url']), new RegExp(`^${h.server.origin}/sandbox/paymentoptions/jp/HostedPaymentPage/[A-Za-z0-9]{24}$`));
      assert.equal(link['amount'], 1000);
      assert.equal(link['currency'], 'JPY');
      assert.equal(link['merchant_id'], po().merchantId);
      assert.equal(link['merchant_email'], 'merchant@testemail.com');
      assert.deepEqual(link['return_url'], RETURN_URL);
    }
  });

  it('refuses a link without return_url, currency or merchant_txn_ref (400), without credentials (401)', async () => {
    for (const field of ['return_url', 'currency', 'merchant_txn_ref']) {
      const body = linkBody();
      delete body[field];
      assert.equal((await h.call('POST', LINK, body)).status, 400, field);
    }
    assert.equal((await h.call('POST', LINK, linkBody(), null)).status, 401);
  });
});

describe('PaymentOptions emulator: hosted payment page', () => {
  it('shows the card form with its own Save this card box, ticked when the link asked store_payment_method', async () => {
    const plain = await newLink();
    const page = await fetch(String(plain['url']));
    assert.equal(page.status, 200);
    const text = await page.text();
    for (const field of ['card_number', 'card_expiry', 'card_cvc', 'card_name', 'save_card']) assert.match(text, new RegExp(`name="${field}"`));
    assert.match(text, /Pay ¥1,000/);
    assert.match(text, />Cancel</);
    assert.doesNotMatch(text, /value="1" checked/);
    const csp = page.headers.get('content-security-policy') ?? '';
    assert.match(csp, /frame-ancestors \*/);
    assert.match(csp, /script-src 'none'/);
    assert.match(csp, /form-action 'self' https:\/\/shop\.example/);

    const storing = await newLink({ payment_method: { type: 'scheme', store_payment_method: true } });
    assert.match(await (await fetch(String(storing['url']))).text(), /name="save_card" value="1" checked/);
  });

  it('pays a card: 303 to success_url, the webhook with the transaction and the stored card, signed', async () => {
    const link = await newLink({ payment_method: { type: 'scheme', store_payment_method: true } });
    const answer = await submit(String(link['url']), { ...CARD, save_card: '1', action: 'pay' });
    assert.equal(answer.status, 303);
    assert.equal(answer.headers.get('location'), RETURN_URL.success_url);
    await po().webhooks.idle();
    const view = po().inspect.link(String(link['id']));
    assert.equal(view?.status, 'PAID');
    const delivered = h.receiver.received.filter((r) => (r.json['transaction_details'] as Record<string, unknown>)['id'] === view?.transactionId);
    assert.equal(delivered.length, 1);
    const hook = delivered[0]!;
    assert.equal(hook.url, RETURN_URL.webhook_url);
    assert.equal(hook.headers['x-sandbox-webhook-signature'], await hmacHex(hook.raw, SECRET));
    assert.equal(hook.json['success'], true);
    assert.equal((hook.json['merchant_details'] as Record<string, unknown>)['merchant_txn_ref'], link['merchant_txn_ref']);
    assert.equal(hook.headers['content-type'], 'application/json; charset=utf-8');
    assert.equal((hook.json['payment_details'] as Record<string, unknown>)['response_code'], 0);
    assert.equal((hook.json['gateway_response'] as Record<string, unknown>)['code'], 'INFO0000');
    const stored = (hook.json['transaction_details'] as Record<string, unknown>)['stored_payment_method_id'];
    assert.ok(po().inspect.storedCards().some((c) => c.id === stored && c.last4 === '1091'));
    assert.deepEqual((hook.json['return_url_details'] as Record<string, unknown>)['success_url'], RETURN_URL.success_url);

    // The stored card pays server to server.
    const again = await h.call('POST', '/server-to-server-interface/payment', {
      amount: '500', currency: 'JPY', merchant_txn_ref: 'again', customer_ip: '127.0.0.1',
      return_url: RETURN_URL, billing_address: { country: 'JP' }, payment_method: { type: 'scheme', stored_payment_method_id: stored },
    });
    assert.equal(again.status, 201);

    // The link is used up.
    const reused = await submit(String(link['url']), { ...CARD, action: 'pay' });
    assert.equal(reused.status, 200);
    assert.match(await reused.text(), /no longer open/);
  });

  it('does not store the card when the box is left unticked', async () => {
    const link = await newLink({ payment_method: { type: 'scheme', store_payment_method: true } });
    const answer = await submit(String(link['url']), { ...CARD, action: 'pay' });
    assert.equal(answer.status, 303);
    const tx = po().inspect.transaction(po().inspect.link(String(link['id']))?.transactionId ?? '');
    assert.equal(tx?.storedPaymentMethodId, null);
  });

  it('declines a card: 303 to decline_url, webhook success false with response code 5', async () => {
    const link = await newLink();
    const answer = await submit(String(link['url']), { ...CARD, card_number: '4000000000000002', action: 'pay' });
    assert.equal(answer.status, 303);
    assert.equal(answer.headers.get('location'), RETURN_URL.decline_url);
    await po().webhooks.idle();
    const txId = po().inspect.link(String(link['id']))?.transactionId;
    const hook = h.receiver.received.find((r) => (r.json['transaction_details'] as Record<string, unknown>)['id'] === txId);
    assert.equal(hook?.json['success'], false);
    assert.equal((hook?.json['payment_details'] as Record<string, unknown>)['response_code'], 5);
    assert.equal(po().inspect.link(String(link['id']))?.status, 'DECLINED');
  });

  it('Cancel sends the shopper to cancel_url, with no transaction and no webhook', async () => {
    const link = await newLink();
    const before = h.receiver.received.length;
    const answer = await submit(String(link['url']), { action: 'cancel' });
    assert.equal(answer.status, 303);
    assert.equal(answer.headers.get('location'), RETURN_URL.cancel_url);
    await po().webhooks.idle();
    assert.equal(h.receiver.received.length, before);
    assert.equal(po().inspect.link(String(link['id']))?.status, 'CANCELLED');
  });

  it('asks 3-D Secure for 4000002500003155: the challenge page, then success_url and the webhook', async () => {
    const link = await newLink();
    const answer = await submit(String(link['url']), { ...CARD, card_number: '4000002500003155', action: 'pay' });
    assert.equal(answer.status, 303);
    const challenge = String(answer.headers.get('location'));
    assert.match(challenge, /\/sandbox\/paymentoptions\/integration\/3ds\?_token=/);
    const page = await fetch(challenge);
    assert.match(await page.text(), /Complete authentication/);
    const done = await submit(challenge, { result: 'complete' });
    assert.equal(done.status, 303);
    assert.equal(done.headers.get('location'), RETURN_URL.success_url);
    await po().webhooks.idle();
    assert.equal(po().inspect.link(String(link['id']))?.status, 'PAID');
  });

  it('shows the form again with an error for a wrong card, and refuses a post from another origin', async () => {
    const link = await newLink();
    const wrong = await submit(String(link['url']), { ...CARD, card_number: '4000000000001092', action: 'pay' });
    assert.equal(wrong.status, 400);
    assert.match(await wrong.text(), /role="alert">Invalid card number/);
    const foreign = await fetch(String(link['url']), {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'https://evil.example' },
      body: new URLSearchParams({ ...CARD, action: 'pay' }).toString(),
    });
    assert.equal(foreign.status, 403);
    assert.equal(po().inspect.link(String(link['id']))?.status, 'ACTIVE');
  });

  it('takes the amount on the page when the link has none', async () => {
    const link = await newLink({ amount: null });
    assert.equal(link['amount'], null);
    const text = await (await fetch(String(link['url']))).text();
    assert.match(text, /name="amount"/);
    const answer = await submit(String(link['url']), { ...CARD, amount: '2500', action: 'pay' });
    assert.equal(answer.status, 303);
    const tx = po().inspect.transaction(po().inspect.link(String(link['id']))?.transactionId ?? '');
    assert.equal(tx?.amount, 2500);
  });

  it('answers 404 for an unknown link', async () => {
    assert.equal((await fetch(`${h.server.origin}/sandbox/paymentoptions/jp/HostedPaymentPage/nope`)).status, 404);
  });
});

describe('PaymentOptions emulator: framing and return parameters', () => {
  it('frameable: false forbids frames; returnParams: transaction adds the transaction to the return URL', async () => {
    const other = await startHarness({ frameable: false, returnParams: 'transaction' });
    try {
      const answer = await other.call('POST', LINK, linkBody());
      const page = await fetch(String(answer.body['url']));
      assert.match(page.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
      assert.equal(page.headers.get('x-frame-options'), 'DENY');
      const paid = await submit(String(answer.body['url']), { ...CARD, action: 'pay' });
      const location = new URL(String(paid.headers.get('location')));
      assert.equal(location.origin + location.pathname, RETURN_URL.success_url);
      assert.equal(location.searchParams.get('merchant_txn_ref'), answer.body['merchant_txn_ref']);
      assert.equal(location.searchParams.get('status'), 'success');
      assert.match(String(location.searchParams.get('transaction_id')), /^[0-9a-f-]{36}$/);
    } finally {
      await other.close();
    }
  });
});
