/**
 * End to end, as a returning shopper on a plain merchant page with PaymentOptions
 * (`demo/plain-paymentoptions.html`): its card API is server to server, so new cards are typed on
 * PaymentOptions' hosted page (the sandbox's, on another origin) and saved cards are paid in one click
 * by the merchant's server with PaymentOptions' stored id, which the page never sees. The demo knows its
 * shopper by a cookie and starts them with two saved cards, one expired.
 */
import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { containsCardNumber } from '../support/card-scan.ts';
import { assertCardDataContained, endpointRequests, openShopper, useE2E, type Shopper } from './shopper.ts';

const ENDPOINT = '/api/paymentoptions';
const HOSTED_PAGE = /^\/sandbox\/paymentoptions\/jp\/HostedPaymentPage\//;

const e2e = useE2E();

let shopper: Shopper | undefined;
let page: Page;
async function open(): Promise<void> {
  shopper = await openShopper(e2e, '/plain-paymentoptions.html', { untilReady: false });
  page = shopper.page;
  await shopper.payButton().waitFor();
}
/** The same shopper comes back (same browser, same cookie). */
async function visitAgain(): Promise<void> {
  await page.goto(`${e2e.pageOrigin}/plain-paymentoptions.html`);
  await shopper!.payButton().waitFor();
}
beforeEach(() => {
  shopper = undefined;
});
afterEach(async () => {
  if (!shopper) return;
  const errors = shopper.pageErrors.filter((e) => !/status of 4\d\d/.test(e));
  shopper.pageErrors.splice(0, shopper.pageErrors.length, ...errors);
  try {
    for (const request of endpointRequests(shopper, e2e, ENDPOINT)) {
      for (const number of shopper.typedCards) assert.ok(!containsCardNumber(request.body, number), request.body);
      // The page never holds PaymentOptions' stored card ids.
      assert.doesNotMatch(request.body, /stored_payment_method_id/);
    }
  } finally {
    // Card digits went to the hosted page on the sandbox's origin only, never to the merchant.
    await assertCardDataContained(shopper, { sandboxOrigin: e2e.sandboxOrigin, cardPath: (path) => HOSTED_PAGE.test(path) });
  }
});

/** On PaymentOptions' hosted page: the card typed as a shopper does, then Pay. */
async function payOnHostedPage(number: string): Promise<void> {
  await page.waitForURL((url) => url.origin === e2e.sandboxOrigin && HOSTED_PAGE.test(url.pathname));
  shopper!.typedCards.push(number);
  await page.getByLabel('Card number').fill(number);
  await page.getByLabel('Expiry (MM / YY)').fill('12/30');
  await page.getByLabel('Security code').fill('123');
  await page.getByLabel('Name on card').fill('TARO YAMADA');
  await page.getByRole('button', { name: /^Pay/ }).click();
}

const paid = () => page.getByText('お支払いが完了しました').waitFor();

describe('PaymentOptions: new cards on the hosted page, saved cards in one click', () => {
  it('a returning shopper sees their saved cards first (the expired one not selectable); a new saved card pays in one click next time', async () => {
    await open();
    const expired = page.getByRole('radio', { name: /Visa 末尾 4242/ });
    assert.equal(await expired.isDisabled(), true);
    assert.equal(await page.getByRole('radio', { name: /Mastercard 末尾 1005/ }).isChecked(), true);
    // A new card, saved: on PaymentOptions' page.
    await page.getByRole('radio', { name: '新しいカードを使う' }).check();
    await page.getByLabel('このカードを保存する').check();
    await shopper!.payButton().click();
    await payOnHostedPage('4000000000001091');
    await page.waitForURL((url) => url.origin === e2e.pageOrigin);
    await paid();
    assert.equal(new URL(page.url()).search, '', page.url());
    // Next visit: "Visa 1091" is listed and pays with one click, nothing typed.
    await visitAgain();
    const saved = page.getByRole('radio', { name: /Visa 末尾 1091/ });
    await saved.check();
    await shopper!.payButton().click();
    await paid();
    const completes = endpointRequests(shopper!, e2e, ENDPOINT).map((r) => JSON.parse(r.body) as Record<string, unknown>).filter((b) => b['action'] === 'complete');
    assert.equal(completes.length, 2);
    assert.equal(completes[0]!['saveCard'], true);
    assert.match(String(completes[1]!['token']), /^card_/);
    assert.ok(completes[1]!['browserInfo'], 'the browser\'s 3-D Secure info goes with a saved card');
  });

  it('a saved card that needs 3-D Secure: failed, then passed', async () => {
    await open();
    await page.getByRole('radio', { name: '新しいカードを使う' }).check();
    await page.getByLabel('このカードを保存する').check();
    await shopper!.payButton().click();
    await payOnHostedPage('4000002500003155');
    await page.getByRole('button', { name: 'Complete authentication' }).click();
    await page.waitForURL((url) => url.origin === e2e.pageOrigin);
    await paid();
    await visitAgain();
    await page.getByRole('radio', { name: /Visa 末尾 3155/ }).check();
    await shopper!.payButton().click();
    await page.waitForURL((url) => url.origin === e2e.sandboxOrigin);
    await page.getByRole('button', { name: 'Fail authentication' }).click();
    await page.waitForURL((url) => url.origin === e2e.pageOrigin);
    await page.getByRole('alert').filter({ hasText: '本人認証' }).waitFor();
    await page.getByRole('radio', { name: /Visa 末尾 3155/ }).check();
    await shopper!.payButton().click();
    await page.waitForURL((url) => url.origin === e2e.sandboxOrigin);
    await page.getByRole('button', { name: 'Complete authentication' }).click();
    await page.waitForURL((url) => url.origin === e2e.pageOrigin);
    await paid();
  });

  it('a declined new card shows our message back on the shop\'s page', async () => {
    await open();
    await page.getByRole('radio', { name: '新しいカードを使う' }).check();
    await shopper!.payButton().click();
    await payOnHostedPage('4000000000000002');
    await page.waitForURL((url) => url.origin === e2e.pageOrigin);
    await page.getByRole('alert').filter({ hasText: 'カードが承認されませんでした' }).waitFor();
    const errors = await shopper!.eventDetails<{ code: string; retryable: boolean }>('kessai-error');
    assert.deepEqual(errors.map((e) => [e.code, e.retryable]), [['declined', true]]);
  });
});
