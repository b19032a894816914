import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { slipSchema } from '../../../src/core/slip.ts';
import { RETURN_URL, getPage, harness, komojuError, submitForm } from './helpers.ts';

/** 2025-03-01 12:14 JST. */
const NOW = Date.parse('2025-03-01T03:14:10Z');

const STORES: [string, RegExp, RegExp | null][] = [
  ['seven-eleven', /^\d{13}$/, null],
  ['family-mart', /^\d{5}-\d{12}$/, null],
  ['lawson', /^\d{11}$/, /^\d{4}$/],
  ['ministop', /^\d{11}$/, /^\d{4}$/],
  ['daily-yamazaki', /^\d{11}$/, null],
  ['seicomart', /^\d{11}$/, null],
];

function konbini(store: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: 'konbini', store, email: 'hanako@example.jp', phone: '09012345678', name: '山田 花子', ...extra };
}

describe('KOMOJU sandbox: konbini pay', () => {
  it('authorizes with a slip per store, deadline 3 days later at 23:59:59 JST, and completes the session', async () => {
    const h = harness({ komoju: { now: () => new Date(NOW) } });
    for (const [store, receipt, confirmation] of STORES) {
      const id = (await h.createSession())['id'] as string;
      const answer = await h.pay(id, konbini(store));
      assert.equal(answer.status, 200, store);
      assert.equal(answer.body['status'], 'completed');
      const payment = answer.body['payment'] as Record<string, unknown>;
      const details = payment['payment_details'] as Record<string, unknown>;
      assert.equal(payment['status'], 'authorized');
      assert.equal(payment['payment_deadline'], '2025-03-04T14:59:59Z');
      assert.equal(payment['payment_method_fee'], 190);
      assert.equal(payment['total'], 1690);
      assert.equal(payment['captured_at'], null);
      assert.equal(details['type'], 'konbini');
      assert.equal(details['store'], store);
      assert.equal(details['email'], 'hanako@example.jp');
      assert.match(details['receipt'] as string, receipt, store);
      if (confirmation) assert.match(details['confirmation_code'] as string, confirmation, store);
      else assert.equal(details['confirmation_code'], null, store);
      assert.equal(details['instructions_url'], `http://127.0.0.1:5173/sandbox/komoju/instructions/${payment['id'] as string}`);
      assert.equal(answer.body['redirect_url'], details['instructions_url']);
      assert.equal(h.sandbox.komoju.inspect.session(id)?.status, 'completed');

      // The slip the browser adapter builds from it passes the core schema.
      const slip = slipSchema.safeParse({
        store,
        paymentNumber: details['receipt'],
        ...(details['confirmation_code'] ? { confirmationNumber: details['confirmation_code'] } : {}),
        amount: payment['total'],
        currency: payment['currency'],
        expiresAt: payment['payment_deadline'],
        slipUrl: details['instructions_url'],
      });
      assert.ok(slip.success, store);
    }
  });

  it('takes the deadline from expiry_days, the options, and a late-evening order in JST', async () => {
    // 23:30 JST on 1 March is 14:30 UTC: the deadline counts from the Japanese date.
    const late = harness({ komoju: { now: () => new Date('2025-03-01T14:30:00Z'), konbini: { deadlineDays: 1, fee: 0 } } });
    const id = (await late.createSession())['id'] as string;
    const answer = await late.pay(id, konbini('lawson'));
    const payment = answer.body['payment'] as Record<string, unknown>;
    assert.equal(payment['payment_deadline'], '2025-03-02T14:59:59Z');
    assert.equal(payment['total'], 1500);
    const id2 = (await late.createSession())['id'] as string;
    const custom = await late.pay(id2, konbini('lawson', { expiry_days: 7 }));
    assert.equal((custom.body['payment'] as Record<string, unknown>)['payment_deadline'], '2025-03-08T14:59:59Z');
  });

  it('takes slip patterns from the options', async () => {
    const h = harness({ komoju: { konbini: { slips: { seicomart: { receipt: 'SC-####', confirmationCode: '##' } } } } });
    const id = (await h.createSession())['id'] as string;
    const details = ((await h.pay(id, konbini('seicomart'))).body['payment'] as { payment_details: Record<string, string> })
      .payment_details;
    assert.match(details['receipt'] ?? '', /^SC-\d{4}$/);
    assert.match(details['confirmation_code'] ?? '', /^\d{2}$/);
  });

  it('uses the session email when the details carry none, and refuses a payment without any', async () => {
    const h = harness();
    const withEmail = (await h.createSession({ email: 'taro@example.jp' }))['id'] as string;
    const answer = await h.pay(withEmail, { type: 'konbini', store: 'seven-eleven' });
    assert.equal((answer.body['payment'] as { payment_details: { email: string } }).payment_details.email, 'taro@example.jp');
    const without = (await h.createSession())['id'] as string;
    const refused = await h.pay(without, { type: 'konbini', store: 'seven-eleven' });
    assert.equal(refused.status, 422);
    assert.deepEqual([komojuError(refused.body).code, komojuError(refused.body).param], ['missing_parameter', 'payment_details[email]']);
  });

  it('refuses a store the account does not offer, an unknown store, and a bad email or phone', async () => {
    const h = harness({ komoju: { konbiniStores: ['lawson'] } });
    const id = (await h.createSession())['id'] as string;
    const cases: [Record<string, unknown>, string][] = [
      [konbini('seicomart'), 'payment_details[store]'],
      [konbini('circle-k'), 'payment_details[store]'],
      [konbini('lawson', { email: 'not-an-email' }), 'payment_details[email]'],
      [konbini('lawson', { phone: '12' }), 'payment_details[phone]'],
    ];
    for (const [details, param] of cases) {
      const answer = await h.pay(id, details);
      assert.equal(answer.status, 422, param);
      assert.equal(komojuError(answer.body).param, param);
    }
    assert.equal(h.sandbox.komoju.inspect.payments().length, 0);
  });
});

describe('KOMOJU sandbox: konbini instructions page', () => {
  async function konbiniPayment(store = 'lawson') {
    const h = harness({ komoju: { now: () => new Date(NOW) } });
    const id = (await h.createSession())['id'] as string;
    const answer = await h.pay(id, konbini(store));
    const payment = answer.body['payment'] as { id: string; payment_details: Record<string, string> };
    return { h, sessionId: id, payment, url: payment.payment_details['instructions_url'] as string };
  }

  it('shows store, numbers, amount and deadline in JST, and links back with session_id', async () => {
    const { h, sessionId, payment, url } = await konbiniPayment('lawson');
    const page = await getPage(h.sandbox, url);
    assert.equal(page.status, 200);
    assert.match(page.text, /How to pay at Lawson/);
    assert.match(page.text, /ローソン/);
    assert.ok(page.text.includes(payment.payment_details['receipt'] as string));
    assert.ok(page.text.includes(payment.payment_details['confirmation_code'] as string));
    assert.match(page.text, /￥1,690/);
    assert.match(page.text, /4 Mar 2025, 23:59 JST/);
    assert.match(page.text, /2025年3月4日 23:59/);
    assert.match(page.text, /Waiting for payment/);
    assert.match(page.text, /<button type="submit"[^>]*>Mark as paid<\/button>/);
    assert.match(page.text, /<button type="submit"[^>]*>Mark as expired<\/button>/);
    assert.ok(page.text.includes(`href="${RETURN_URL.replace('&', '&amp;')}&amp;session_id=${sessionId}"`));
    assert.ok(!/<script/i.test(page.text));
  });

  it('"Mark as paid" captures the payment; the session stays completed', async () => {
    const { h, sessionId, payment, url } = await konbiniPayment();
    const response = await submitForm(h.sandbox, url, { action: 'paid' });
    assert.equal(response.status, 303);
    assert.equal(response.headers.get('location'), url);
    const after = h.sandbox.komoju.inspect.payment(payment.id);
    assert.equal(after?.status, 'captured');
    assert.ok(after?.['captured_at']);
    assert.equal(h.sandbox.komoju.inspect.session(sessionId)?.status, 'completed');
    const read = await h.call('GET', `/sessions/${sessionId}`, { key: h.pk });
    assert.equal((read.body['payment'] as { status: string }).status, 'captured');
    const page = await getPage(h.sandbox, url);
    assert.match(page.text, /Paid/);
    assert.ok(!page.text.includes('Mark as paid'));
    // Once paid, a late "expired" changes nothing.
    await submitForm(h.sandbox, url, { action: 'expired' });
    assert.equal(h.sandbox.komoju.inspect.payment(payment.id)?.status, 'captured');
  });

  it('"Mark as expired" expires the payment', async () => {
    const { h, sessionId, payment, url } = await konbiniPayment('seicomart');
    await submitForm(h.sandbox, url, { action: 'expired' });
    assert.equal(h.sandbox.komoju.inspect.payment(payment.id)?.status, 'expired');
    assert.equal(h.sandbox.komoju.inspect.session(sessionId)?.status, 'completed');
  });

  it('refuses posts from other origins and unknown payments', async () => {
    const { h, payment, url } = await konbiniPayment();
    assert.equal((await submitForm(h.sandbox, url, { action: 'paid' }, 'https://evil.example')).status, 403);
    assert.equal(h.sandbox.komoju.inspect.payment(payment.id)?.status, 'authorized');
    assert.equal((await getPage(h.sandbox, url.replace(/[a-z0-9]{25}$/, 'nope'))).status, 404);
  });

  it('expires a payment left unpaid past its deadline', async () => {
    let now = NOW;
    const h = harness({ komoju: { now: () => new Date(now) } });
    const id = (await h.createSession())['id'] as string;
    const paymentId = ((await h.pay(id, konbini('family-mart'))).body['payment'] as { id: string }).id;
    now = Date.parse('2025-03-04T14:59:59Z');
    assert.equal((await h.call('GET', `/payments/${paymentId}`)).body['status'], 'authorized');
    now += 1000;
    assert.equal((await h.call('GET', `/payments/${paymentId}`)).body['status'], 'expired');
  });
});
