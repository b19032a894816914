/**
 * End to end: a konbini payment is paid at the store days later, and the merchant's server learns it
 * from the provider's webhook. On the demo's plain pages, KOMOJU and UnivaPay konbini slips are issued,
 * marked paid on the sandbox's slip page, and each emulator delivers its webhook to the shop's
 * `/webhooks/<provider>` (KOMOJU signed with HMAC-SHA256, UnivaPay with its auth token). The shop's
 * callback hears each verified delivery once; a forged, altered or replayed delivery reaches it never.
 */
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openShopper, useE2E, type Shopper } from './shopper.ts';

const e2e = useE2E();

let shopper: Shopper | undefined;
afterEach(async () => {
  await shopper?.context.close();
  shopper = undefined;
});

/** The konbini tab, Lawson, the shopper's details, Pay: the slip. */
async function payAtLawson(page: Shopper['page']): Promise<void> {
  await page.getByRole('tab', { name: 'コンビニ払い' }).click();
  await page.getByRole('radio', { name: /ローソン/ }).check();
  await page.getByLabel('お名前').fill('山田 太郎');
  await page.getByLabel('メールアドレス').fill('taro@example.jp');
  await page.getByLabel('電話番号').fill('09012345678');
  await page.getByRole('button', { name: /支払う/ }).click();
  await page.getByRole('heading', { name: 'コンビニでお支払いください' }).waitFor();
}

/** The demo shop's order list, as its page reads it. */
async function orders(): Promise<{ orders: Array<Record<string, unknown>>; received: number }> {
  const response = await fetch(`${e2e.pageOrigin}/demo/orders`);
  return (await response.json()) as { orders: Array<Record<string, unknown>>; received: number };
}

/** Presses a button on the sandbox's konbini slip page, as the store clerk's system would. */
async function markOnSlipPage(page: Shopper['page'], slipUrl: string, button: 'Mark as paid' | 'Mark as expired'): Promise<void> {
  await page.goto(slipUrl);
  await page.getByRole('button', { name: button }).click();
}

describe('webhooks from the sandbox to the demo shop', () => {
  it('KOMOJU: a konbini payment marked paid reaches the shop once, verified, and the order list shows it', async () => {
    shopper = await openShopper(e2e, '/plain.html');
    await payAtLawson(shopper.page);
    const [pending] = await shopper.eventDetails<{ slip: { slipUrl?: string } }>('kessai-pending');
    const payment = e2e.server.sandbox.komoju.inspect.payments({ status: 'authorized' }).at(-1);
    assert.ok(payment, 'KOMOJU holds the konbini payment');
    await e2e.server.sandbox.komoju.webhooks.idle();
    const before = await orders();
    const order = before.orders.find((o) => o['paymentId'] === payment.id);
    assert.equal(order?.['status'], 'pending', 'payment.authorized told the shop the slip is out');
    // The store: KOMOJU's instructions page of the sandbox has the clerk's buttons.
    assert.ok(pending?.slip.slipUrl);
    await markOnSlipPage(shopper.page, pending.slip.slipUrl, 'Mark as paid');
    await e2e.server.sandbox.komoju.webhooks.idle();
    const afterPaid = await orders();
    const paid = afterPaid.orders.find((o) => o['paymentId'] === payment.id);
    assert.equal(paid?.['status'], 'succeeded');
    assert.equal(paid?.['method'], 'konbini');
    assert.deepEqual(paid?.['history'], ['payment.authorized → pending', 'payment.captured → succeeded']);
    assert.equal(afterPaid.received, before.received + 1, 'one more event reached the callback');

    // Every delivery the sandbox made was signed and reached the shop: 200.
    const deliveries = e2e.server.sandbox.komoju.inspect.deliveries({ resourceId: payment.id });
    assert.deepEqual(deliveries.map((d) => [d.event, d.status, d.attempts.at(-1)?.status]), [
      ['payment.authorized', 'delivered', 200],
      ['payment.captured', 'delivered', 200],
    ]);

    // The same delivery again (a replay, or the provider's retry after a lost answer): once only.
    const captured = deliveries[1]!;
    const replay = await fetch(`${e2e.pageOrigin}/webhooks/komoju`, {
      method: 'POST',
      headers: captured.headers,
      body: captured.body,
    });
    assert.equal(replay.status, 200);
    assert.equal((await orders()).received, afterPaid.received, 'a replayed delivery reaches the callback never');

    // Altered (the amount), and forged (another secret): refused, the callback never called.
    const altered = captured.body.replace(/"amount":\d+/, '"amount":1');
    assert.notEqual(altered, captured.body);
    const alteredAnswer = await fetch(`${e2e.pageOrigin}/webhooks/komoju`, {
      method: 'POST',
      headers: { ...captured.headers, 'X-Komoju-ID': crypto.randomUUID() },
      body: altered,
    });
    assert.equal(alteredAnswer.status, 401);
    const forgedBody = JSON.stringify({ ...JSON.parse(captured.body), id: 'forgedevent000000000000001' });
    const key = await crypto.subtle.importKey('raw', new TextEncoder().encode('not-the-shop-secret'), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    const signature = Buffer.from(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(forgedBody))).toString('hex');
    const forged = await fetch(`${e2e.pageOrigin}/webhooks/komoju`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Komoju-ID': crypto.randomUUID(), 'X-Komoju-Event': 'payment.captured', 'X-Komoju-Signature': signature },
      body: forgedBody,
    });
    assert.equal(forged.status, 401);
    assert.equal((await orders()).received, afterPaid.received);
  });

  it('UnivaPay: a konbini charge marked paid reaches the shop once, verified by its token; a forged token never', async () => {
    shopper = await openShopper(e2e, '/plain-univapay.html');
    await payAtLawson(shopper.page);
    const charge = e2e.server.sandbox.univapay.inspect.charges({ status: 'awaiting' }).at(-1);
    assert.ok(charge, 'UnivaPay holds the konbini charge');
    await e2e.server.sandbox.univapay.webhooks.idle();
    const before = await orders();
    assert.equal(before.orders.find((o) => o['paymentId'] === charge.id)?.['status'], 'pending');
    // UnivaPay's sandbox slip page for the store clerk.
    await markOnSlipPage(shopper.page, `${e2e.sandboxOrigin}/sandbox/univapay/konbini/${charge.id}`, 'Mark as paid');
    await e2e.server.sandbox.univapay.webhooks.idle();
    const afterPaid = await orders();
    const paid = afterPaid.orders.find((o) => o['paymentId'] === charge.id);
    assert.equal(paid?.['status'], 'succeeded');
    assert.equal(paid?.['method'], 'konbini');
    assert.equal(afterPaid.received, before.received + 1);

    const finished = e2e.server.sandbox.univapay.inspect.deliveries({ event: 'charge_finished', resourceId: charge.id });
    assert.equal(finished.length, 1);
    const replay = await fetch(`${e2e.pageOrigin}/webhooks/univapay`, { method: 'POST', headers: finished[0]!.headers, body: finished[0]!.body });
    assert.equal(replay.status, 200);
    const forged = await fetch(`${e2e.pageOrigin}/webhooks/univapay`, {
      method: 'POST',
      headers: { ...finished[0]!.headers, Authorization: 'Bearer guessed' },
      body: finished[0]!.body.replace(/"id":"[^"]+"/, `"id":"${crypto.randomUUID()}"`),
    });
    assert.equal(forged.status, 401);
    assert.equal((await orders()).received, afterPaid.received, 'neither the replay nor the forgery reached the callback');
  });

  it('the designers\' page lists the orders the webhooks told the shop about', async () => {
    shopper = await openShopper(e2e, '/', { untilReady: false });
    await shopper.page.locator('#orders tbody tr').first().waitFor();
    const rows = await shopper.page.locator('#orders tbody tr').allInnerTexts();
    assert.ok(rows.some((row) => /succeeded/.test(row) && /konbini/.test(row)), rows.join('\n'));
  });
});
