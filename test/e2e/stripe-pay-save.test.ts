/**
 * End to end, as a shopper on the plain merchant page with Stripe (`demo/plain-stripe.html`), whose
 * endpoint knows the demo shopper's Stripe Customer: the shopper ticks "Save this card" under Stripe's
 * own card fields and pays, through Stripe's 3-D Secure challenge; the checkout asked its endpoint for a
 * session that saves the card (a PaymentIntent with the Customer and `setup_future_usage: off_session`)
 * right before paying, and confirmed that one with the same Stripe fields. The card is then the
 * Customer's: the next visit lists it first and pays with it in one click. Unticked, a payment saves
 * nothing. The demo page's Stripe checkout offers the box too (its endpoint names the demo Customer). Every test proves from the recorded requests that card digits went only from Stripe's frame
 * to the sandbox's `/v1/payment_methods`, and that no answer of the endpoint named the Customer.
 */
import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FrameLocator, Page } from 'playwright-core';
import { assertProviderFormContained, endpointRequests, jsonBody, openShopper, useE2E, type Shopper } from './shopper.ts';

const ENDPOINT = '/api/stripe';
const PAYMENT_METHODS = '/sandbox/stripe/v1/payment_methods';

const e2e = useE2E();

let shopper: Shopper | undefined;
let page: Page;
/** What the merchant's endpoint answered the page, as text. */
let endpointAnswers: string[];

async function open(path: string): Promise<void> {
  shopper = await openShopper(e2e, path, { untilReady: false });
  page = shopper.page;
  endpointAnswers = [];
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (url.origin === e2e.pageOrigin && url.pathname === ENDPOINT) {
      response.text().then((text) => endpointAnswers.push(text), () => undefined);
    }
  });
  await shopper.payButton().waitFor();
}
beforeEach(() => {
  shopper = undefined;
  // Each test starts from a shopper with no saved card (the demo's Customer is made again on first use).
  e2e.server.sandbox.reset();
});
afterEach(async () => {
  if (!shopper) return;
  await assertProviderFormContained(shopper, e2e, { endpoint: ENDPOINT, cardPath: (path) => path === PAYMENT_METHODS });
  assert.ok(endpointAnswers.length > 0);
  for (const text of endpointAnswers) assert.doesNotMatch(text, /cus_/, 'a Customer id reached the page');
});

/** What `kessai-success` told the page; never a Customer id. */
async function successes<T>(): Promise<T[]> {
  const details = await shopper!.eventDetails<T>('kessai-success');
  for (const detail of details) assert.doesNotMatch(JSON.stringify(detail), /cus_/, 'a Customer id reached the page');
  return details;
}

const frame = (type: 'cardNumber' | 'cardExpiry' | 'cardCvc'): FrameLocator => page.frameLocator(`iframe[src*="type=${type}"]`);

/** Types a card as a shopper does: into Stripe's three frames, and the name into ours. */
async function typeIntoStripe(number: string): Promise<void> {
  shopper!.typedCards.push(number);
  for (const [type, value] of [
    ['cardNumber', number],
    ['cardExpiry', '1230'],
    ['cardCvc', '123'],
  ] as const) {
    await frame(type).locator('input').pressSequentially(value);
  }
  await page.getByLabel('カード名義').pressSequentially('TARO YAMADA');
}

const starts = () =>
  endpointRequests(shopper!, e2e, ENDPOINT)
    .map(jsonBody)
    .filter((b) => b['action'] === 'start');
const paid = () => page.getByText('お支払いが完了しました').waitFor();
const backOnShop = () => page.waitForURL((url) => url.origin === e2e.pageOrigin && url.pathname === '/plain-stripe.html');
const customers = () => e2e.server.sandbox.stripe.inspect.customers().map((c) => String(c['id']));

describe('Stripe pay and save ("Save this card" under Stripe\'s card fields)', () => {
  it('the shopper ticks Save this card, pays ¥1,980 with 4000 0025 0000 3155 through 3-D Secure; the card is the Customer\'s, and the next visit pays with it in one click', async () => {
    await open('/plain-stripe.html');
    const box = page.getByRole('checkbox', { name: 'このカードを保存する' });
    await box.waitFor();
    assert.equal(await page.getByRole('radio', { name: /末尾/ }).count(), 0, 'no saved cards yet');
    // The box comes after Stripe's fields and our name input.
    const [nameBox, saveBox] = await Promise.all([page.getByLabel('カード名義').boundingBox(), box.boundingBox()]);
    assert.ok(nameBox && saveBox && saveBox.y > nameBox.y, 'the box comes after the card fields');
    await typeIntoStripe('4000002500003155');
    await box.check();
    await shopper!.payButton().click();
    await page.waitForURL((url) => url.pathname.startsWith('/sandbox/stripe/3d_secure/'));
    await page.getByRole('button', { name: 'Complete authentication' }).click();
    await backOnShop();
    await paid();

    const [success] = await successes<{ paymentId?: string; paymentMethodId?: string; brand?: string; last4?: string }>();
    assert.match(success?.paymentId ?? '', /^pi_/);
    assert.match(success?.paymentMethodId ?? '', /^pm_/);
    assert.equal(success?.brand, 'visa');
    assert.equal(success?.last4, '3155');
    // The intent paid is the one asked for with saveCard right before paying.
    assert.deepEqual(starts().map((b) => b['saveCard'] ?? false), [false, true]);
    const { inspect } = e2e.server.sandbox.stripe;
    const [customer] = customers();
    assert.ok(customer);
    const intent = inspect.paymentIntents({ customer }).find((pi) => pi['id'] === success!.paymentId);
    assert.equal(intent?.['status'], 'succeeded');
    assert.equal(intent?.['amount'], 1980);
    assert.equal(intent?.['setup_future_usage'], 'off_session');
    // The card is the shopper's Customer's now, set up for payments without the shopper.
    assert.deepEqual(
      inspect.paymentMethods({ customer }).map((pm) => [pm.id, pm.last4, pm.setUp]),
      [[success!.paymentMethodId, '3155', true]],
    );

    // The next visit: the card first, chosen, no Stripe fields under it; one click (on session, Stripe
    // asks this card for 3-D Secure).
    await page.goto(`${e2e.pageOrigin}/plain-stripe.html`);
    const card = page.getByRole('radio', { name: /Visa 末尾 3155/ });
    await card.waitFor();
    assert.equal(await card.isChecked(), true);
    assert.equal(await page.locator('iframe[src*="/sandbox/stripe/v3/"]').count(), 0, 'no card fields under a chosen saved card');
    await shopper!.payButton().click();
    await page.waitForURL((url) => url.pathname.startsWith('/sandbox/stripe/3d_secure/'));
    await page.getByRole('button', { name: 'Complete authentication' }).click();
    await backOnShop();
    await paid();
    const completes = endpointRequests(shopper!, e2e, ENDPOINT)
      .map(jsonBody)
      .filter((b) => b['action'] === 'complete');
    assert.deepEqual(completes.map((b) => b['token']), [success!.paymentMethodId]);
    assert.equal(inspect.paymentIntents({ customer, status: 'succeeded' }).length, 2);
  });

  it('unticked, a payment saves nothing: no saving intent, no card on the Customer, none listed next time', async () => {
    await open('/plain-stripe.html');
    await page.getByRole('checkbox', { name: 'このカードを保存する' }).waitFor();
    await typeIntoStripe('4242424242424242');
    await shopper!.payButton().click();
    await paid();
    const [success] = await successes<{ paymentMethodId?: string; last4?: string }>();
    assert.equal(success?.last4, '4242');
    assert.equal(success?.paymentMethodId, undefined);
    assert.deepEqual(starts().map((b) => b['saveCard'] ?? false), [false]);
    const { inspect } = e2e.server.sandbox.stripe;
    for (const customer of customers()) assert.deepEqual(inspect.paymentMethods({ customer }), []);
    assert.ok(inspect.paymentIntents().every((pi) => pi['setup_future_usage'] === null));
    await page.goto(`${e2e.pageOrigin}/plain-stripe.html`);
    await page.getByRole('checkbox', { name: 'このカードを保存する' }).waitFor();
    assert.equal(await page.getByRole('radio', { name: /末尾/ }).count(), 0);
  });

  it("the demo page's Stripe checkout offers Save this card to the demo shopper, under Stripe's card fields", async () => {
    await open('/?provider=stripe');
    const checkout = page.getByRole('region', { name: 'Checkout' });
    const box = checkout.getByRole('checkbox', { name: 'このカードを保存する' });
    await box.waitFor();
    await page.locator('iframe[src*="type=cardNumber"]').waitFor();
    const [fieldsBox, saveBox] = await Promise.all([checkout.getByLabel('カード名義').boundingBox(), box.boundingBox()]);
    assert.ok(fieldsBox && saveBox && saveBox.y > fieldsBox.y, 'the box comes after the card fields');
  });

  it('challenge="iframe": ticked, 4000 0025 0000 3155 in Stripe.js\'s modal; a failed authentication saves nothing, the next try asks for a new saving intent and saves the card once', async () => {
    await open('/plain-stripe.html');
    await page.locator('kessai-checkout').evaluate((el) => el.setAttribute('challenge', 'iframe'));
    await typeIntoStripe('4000002500003155');
    const box = page.getByRole('checkbox', { name: 'このカードを保存する' });
    await box.check();
    await shopper!.payButton().click();
    const modal = page.frameLocator('iframe[src*="/sandbox/stripe/3d_secure/"]');
    await modal.getByRole('button', { name: 'Fail authentication' }).click();
    await page.getByRole('alert').filter({ hasText: '本人認証' }).waitFor();
    const [customer] = customers();
    assert.ok(customer);
    const { inspect } = e2e.server.sandbox.stripe;
    assert.deepEqual(inspect.paymentMethods({ customer }), [], 'a failed payment saved its card');
    assert.equal(await box.isChecked(), true);
    await shopper!.payButton().click();
    await modal.getByRole('button', { name: 'Complete authentication' }).click();
    await paid();
    assert.equal(new URL(page.url()).pathname, '/plain-stripe.html', 'the page never left');
    // Each press with the box ticked asked for its own saving intent.
    assert.deepEqual(starts().map((b) => b['saveCard'] ?? false), [false, true, true]);
    const [success] = await successes<{ paymentMethodId?: string; last4?: string }>();
    assert.match(success?.paymentMethodId ?? '', /^pm_/);
    assert.equal(success?.last4, '3155');
    assert.deepEqual(inspect.paymentMethods({ customer }).map((pm) => [pm.id, pm.setUp]), [[success!.paymentMethodId, true]]);
  });
});
