/**
 * End to end, as a shopper on plain merchant pages with PAY.JP v2 (`demo/plain-payjp.html`,
 * `demo/plain-payjp-setup.html`): the card is typed into PAY.JP's payment form, one iframe on the
 * sandbox's origin made by payments.js (the sandbox's stand-in), under our label; the name is ours.
 * payments.js navigates the page itself on success and for 3-D Secure, so every result comes back
 * through the return URL, where the merchant's server retrieves the flow and decides. Every test proves
 * from the recorded requests that card digits went only from PAY.JP's frame to the sandbox, never from
 * the merchant page's own document, and that the endpoint never saw them.
 */
import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FrameLocator, Page } from 'playwright-core';
import {
  assertProviderFormContained,
  openShopper,
  requestsCarrying,
  useE2E,
  type Shopper,
} from './shopper.ts';

const ENDPOINT = '/api/payjp';
const CONFIRM = /^\/sandbox\/payjp\/v2\/(payment|setup)_flows\/[^/]+\/confirm$/;

const e2e = useE2E();

let shopper: Shopper | undefined;
let page: Page;
async function open(path: string): Promise<void> {
  shopper = await openShopper(e2e, path, { untilReady: false });
  page = shopper.page;
  await page.getByRole('button', { name: /支払う|カードを保存/ }).waitFor();
}
beforeEach(() => {
  shopper = undefined;
});
afterEach(async () => {
  if (shopper) await assertProviderFormContained(shopper, e2e, { endpoint: ENDPOINT, cardPath: (path) => CONFIRM.test(path) });
});

const form = (): FrameLocator => page.frameLocator('iframe[src*="/sandbox/payjp/payments-js/form"]');

/** Types a card as a shopper does: into PAY.JP's form, and the name into ours. */
async function typeIntoPayjp(number: string): Promise<void> {
  shopper!.typedCards.push(number);
  for (const [label, value] of [
    ['カード番号', number],
    ['有効期限', '1230'],
    ['セキュリティコード', '123'],
  ] as const) {
    const input = form().getByLabel(label, { exact: true });
    await input.fill('');
    await input.pressSequentially(value);
  }
  const name = page.getByLabel('カード名義');
  await name.fill('');
  await name.pressSequentially('TARO YAMADA');
}

const backOnShop = (path: string) => page.waitForURL((url) => url.origin === e2e.pageOrigin && url.pathname === path);

describe('PAY.JP card in PAY.JP\'s own form on a plain HTML page', () => {
  it('pays with 4242 4242 4242 4242: PAY.JP\'s frame under our label, back through the return URL to a success', async () => {
    await open('/plain-payjp.html');
    const frame = page.locator('iframe[src*="/sandbox/payjp/payments-js/form"]');
    await frame.waitFor();
    assert.equal(new URL((await frame.getAttribute('src')) ?? '').origin, e2e.sandboxOrigin);
    assert.equal(await frame.evaluate((el) => el.getRootNode() === document), true);
    await typeIntoPayjp('4242424242424242');
    await shopper!.payButton().click();
    await backOnShop('/plain-payjp.html');
    await page.getByText('お支払いが完了しました').waitFor();
    const [success] = await shopper!.eventDetails<{ paymentId?: string; brand?: string; last4?: string }>('kessai-success');
    assert.equal(success?.brand, 'visa');
    assert.equal(success?.last4, '4242');
    const flow = e2e.server.sandbox.payjp.inspect.paymentFlow(success?.paymentId ?? '') as { status?: string } | undefined;
    assert.equal(flow?.status, 'succeeded');
    // PAY.JP's return parameters are gone from the address bar.
    assert.equal(new URL(page.url()).search, '', page.url());
    // The digits went once, from PAY.JP's frame to the sandbox, never from the page.
    const carriers = requestsCarrying(shopper!, '4242424242424242');
    assert.equal(carriers.length, 1);
    assert.equal(carriers[0]!.fromPage, false);
    const chunks = shopper!.requests.map((r) => new URL(r.url).pathname).filter((p) => p.startsWith('/kessai-chunks/'));
    assert.deepEqual(chunks.filter((p) => /\/(komoju|univapay|stripe)-/.test(p)), []);
  });

  it('3-D Secure with 4000 0000 0000 3220: passed, and failed then paid with another card', async () => {
    await open('/plain-payjp.html');
    await typeIntoPayjp('4000000000003220');
    await shopper!.payButton().click();
    await page.waitForURL((url) => url.origin === e2e.sandboxOrigin && url.pathname.startsWith('/sandbox/payjp/three_d_secure/'));
    await page.getByRole('button', { name: 'Fail authentication' }).click();
    await backOnShop('/plain-payjp.html');
    await page.getByRole('alert').filter({ hasText: '本人認証' }).waitFor();
    assert.equal(new URL(page.url()).search, '', page.url());
    await typeIntoPayjp('4000000000003220');
    await shopper!.payButton().click();
    await page.waitForURL((url) => url.pathname.startsWith('/sandbox/payjp/three_d_secure/'));
    await page.getByRole('button', { name: 'Complete authentication' }).click();
    await backOnShop('/plain-payjp.html');
    await page.getByText('お支払いが完了しました').waitFor();
  });

  it('a declined card (4000 0000 0000 0002) shows our message and the form takes another card', async () => {
    await open('/plain-payjp.html');
    await typeIntoPayjp('4000000000000002');
    await shopper!.payButton().click();
    await page.getByRole('alert').filter({ hasText: 'カードが承認されませんでした' }).waitFor();
    const errors = await shopper!.eventDetails<{ code: string; retryable: boolean }>('kessai-error');
    assert.deepEqual(errors.map((e) => [e.code, e.retryable]), [['declined', true]]);
    // Nothing was kept for a return that will not come.
    assert.equal(await page.evaluate(() => sessionStorage.length), 0);
    await typeIntoPayjp('4242424242424242');
    await shopper!.payButton().click();
    await backOnShop('/plain-payjp.html');
    await page.getByText('お支払いが完了しました').waitFor();
  });
});

describe('PAY.JP setup mode: saving a card', () => {
  it('saves a card on the shopper\'s customer and reports its payment method id', async () => {
    await open('/plain-payjp-setup.html');
    await typeIntoPayjp('4242424242424242');
    await page.getByRole('button', { name: 'カードを保存' }).click();
    await backOnShop('/plain-payjp-setup.html');
    await page.getByText('カードを保存しました').waitFor();
    const [saved] = await shopper!.eventDetails<{ paymentMethodId?: string; brand?: string; last4?: string }>('kessai-success');
    assert.ok(saved?.paymentMethodId, JSON.stringify(saved));
    assert.equal(saved?.last4, '4242');
    const methods = e2e.server.sandbox.payjp.inspect.paymentMethods({ customerId: 'cus_demo_shopper' });
    assert.deepEqual(methods.map((m) => m.id), [saved!.paymentMethodId]);
    assert.equal(new URL(page.url()).search, '', page.url());
  });
});
