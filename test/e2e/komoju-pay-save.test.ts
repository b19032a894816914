/**
 * End to end, as a shopper on the plain merchant page with KOMOJU (`demo/plain.html`): a first-time
 * shopper ticks "Save this card" under our card fields and pays with a 3-D Secure test card through
 * KOMOJU's challenge; the checkout asked its endpoint for a session that saves the card (a KOMOJU
 * `customer_payment` session) right before paying, and the return finishes that one. The next visit (the
 * same shopper by the demo's cookie) lists the card first and pays with it in one click. Unticked, a
 * payment saves nothing. Every test proves from the recorded requests that card digits went only to
 * KOMOJU's card routes on the sandbox, and from the recorded responses, URLs, events and storage that no
 * KOMOJU customer id reached the page (docs/providers.md "KOMOJU › Customers and saved cards").
 */
import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import {
  endpointRequests,
  jsonBody,
  openShopper,
  requestsCarrying,
  useE2E,
  typeCard,
  type Shopper,
} from './shopper.ts';
import { assertKomojuCustomersOffPage, recordAnswers, type PageAnswer } from './komoju-customer-audit.ts';

const ENDPOINT = '/api/komoju';

const e2e = useE2E();

let shopper: Shopper | undefined;
let page: Page;
/** Every answer the page received (its fetches and navigations), as text. */
let answers: PageAnswer[];

async function open(path: string): Promise<void> {
  shopper = await openShopper(e2e, path, { untilReady: false });
  page = shopper.page;
  answers = recordAnswers(page);
  await shopper.payButton().waitFor();
}
async function visit(path: string): Promise<void> {
  await page.goto(`${e2e.pageOrigin}${path}`);
  await shopper!.payButton().waitFor();
}

beforeEach(() => {
  shopper = undefined;
});
afterEach(async () => {
  if (!shopper) return;
  await assertKomojuCustomersOffPage(e2e, shopper, answers);
});

const starts = () =>
  endpointRequests(shopper!, e2e, ENDPOINT)
    .map(jsonBody)
    .filter((b) => b['action'] === 'start');

describe('KOMOJU pay and save ("Save this card" with our card fields)', () => {
  it('a first-time shopper ticks Save this card, pays ¥1,980 with 4100 0000 0000 5000 through the challenge; the next visit pays with it in one click', async () => {
    await open('/plain.html');
    const box = page.getByRole('checkbox', { name: 'このカードを保存する' });
    await box.waitFor();
    assert.equal(await page.getByRole('radio').count(), 0, 'no saved cards yet');
    await typeCard(shopper!, '4100000000005000');
    // By keyboard, as a shopper tabbing through the form.
    await box.focus();
    await page.keyboard.press('Space');
    assert.equal(await box.isChecked(), true);
    await shopper!.payButton().click();
    await page.waitForURL(/\/sandbox\/komoju\/.*challenge/);
    await page.getByRole('button', { name: 'Complete authentication' }).click();
    await page.waitForURL((url) => url.origin === e2e.pageOrigin && url.pathname === '/plain.html');
    await page.getByText('お支払いが完了しました').waitFor();

    const [paid] = (await shopper!.eventDetails<{ paymentId?: string; paymentMethodId?: string; brand?: string; last4?: string }>('kessai-success')).slice(-1);
    assert.match(paid?.paymentMethodId ?? '', /^kc_[A-Za-z0-9_-]{32}$/);
    assert.equal(paid?.brand, 'visa');
    assert.equal(paid?.last4, '5000');
    const payment = e2e.server.sandbox.komoju.inspect.payment(paid?.paymentId ?? '');
    assert.equal(payment?.status, 'captured');
    assert.equal(payment?.amount, 1980);
    // The session paid is the one asked for with saveCard, right before paying: a customer_payment session.
    assert.deepEqual(starts().map((b) => b['saveCard'] ?? false), [false, true]);
    const saving = e2e.server.sandbox.komoju.inspect.sessions().filter((s) => s['mode'] === 'customer_payment');
    assert.equal(saving.length, 1);
    assert.equal(saving[0]!.status, 'completed');
    // Its payment names the customer (KOMOJU's Payment model), in KOMOJU's pay answer too: the audit
    // lets that one answer through, and nothing of ours keeps it.
    assert.equal(payment?.['customer'], saving[0]!['customer_id']);
    // The card went only to KOMOJU (the secure token), never to the merchant.
    const carriers = requestsCarrying(shopper!, '4100000000005000');
    assert.ok(carriers.length > 0);
    assert.ok(carriers.every((r) => r.origin === e2e.sandboxOrigin));

    // The next visit: the card first, chosen; one click (and the bank's challenge this card always asks for).
    await visit('/plain.html');
    const card = page.getByRole('radio', { name: /Visa 末尾 5000/ });
    await card.waitFor();
    assert.equal(await card.isChecked(), true);
    await shopper!.payButton().click();
    await page.waitForURL(/\/sandbox\/komoju\/.*challenge/);
    await page.getByRole('button', { name: 'Complete authentication' }).click();
    await page.waitForURL((url) => url.origin === e2e.pageOrigin && url.pathname === '/plain.html');
    await page.getByText('お支払いが完了しました').waitFor();
    const [again] = (await shopper!.eventDetails<{ paymentId?: string }>('kessai-success')).slice(-1);
    const second = e2e.server.sandbox.komoju.inspect.payment(again?.paymentId ?? '');
    assert.equal(second?.status, 'captured');
    assert.equal(second?.['customer'], saving[0]!['customer_id']);
    const completes = endpointRequests(shopper!, e2e, ENDPOINT).map(jsonBody).filter((b) => b['action'] === 'complete');
    assert.deepEqual(completes.map((b) => b['token']), [paid?.paymentMethodId]);
  });

  it('unticked, a payment saves nothing: no saving session, no customer, no card listed next time', async () => {
    const customersBefore = e2e.server.sandbox.komoju.inspect.customers().length;
    await open('/plain.html');
    await page.getByRole('checkbox', { name: 'このカードを保存する' }).waitFor();
    await typeCard(shopper!, '4111111111111111');
    await shopper!.payButton().click();
    await page.getByText('お支払いが完了しました').waitFor();
    const [paid] = (await shopper!.eventDetails<{ paymentMethodId?: string }>('kessai-success')).slice(-1);
    assert.equal(paid?.paymentMethodId, undefined);
    assert.deepEqual(starts().map((b) => b['saveCard'] ?? false), [false]);
    assert.equal(e2e.server.sandbox.komoju.inspect.customers().length, customersBefore);
    await visit('/plain.html');
    assert.equal(await page.getByRole('radio').count(), 0);
  });

  it("the demo page's KOMOJU checkout offers Save this card to the demo shopper, under the card fields", async () => {
    await open('/?provider=komoju');
    const checkout = page.getByRole('region', { name: 'Checkout' });
    const box = checkout.getByRole('checkbox', { name: 'このカードを保存する' });
    await box.waitFor();
    const [fieldsBox, saveBox] = await Promise.all([checkout.getByLabel('カード名義').boundingBox(), box.boundingBox()]);
    assert.ok(fieldsBox && saveBox && saveBox.y > fieldsBox.y, 'the box comes after the card fields');
  });
});
