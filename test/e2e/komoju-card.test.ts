/**
 * End to end, as a shopper on a plain merchant page: `<kessai-checkout endpoint="/api/komoju">` and
 * `<script src="/kessai.js">`, served by the demo server, against the embedded KOMOJU sandbox, in
 * Debian's Chromium. Every request the page makes is recorded to prove where the card number goes.
 */
import { beforeEach, afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { RecordedRequest } from './browser.ts';
import {
  assertCardDataContained,
  isKomojuCardRoute,
  openShopper,
  requestsCarrying,
  useE2E,
  typeCard as typeShopperCard,
  type Shopper,
} from './shopper.ts';
import type { KessaiEventType } from '../support/kessai-events.ts';

const e2e = useE2E();

let shopper: Shopper;
let page: Page;
let requests: RecordedRequest[];

beforeEach(async () => {
  shopper = await openShopper(e2e, '/plain.html');
  ({ page, requests } = shopper);
  await page.getByLabel('カード番号').waitFor();
});

afterEach(async () => {
  // The card number typed in any test must never have gone anywhere but the provider's origin.
  await assertCardDataContained(shopper, {
    sandboxOrigin: e2e.sandboxOrigin,
    cardPath: isKomojuCardRoute,
  });
});

const typeCard = (number: string, options: { fullWidth?: boolean } = {}) => typeShopperCard(shopper, number, options);

const payButton = () => shopper.payButton();
const events = (type: KessaiEventType) => shopper.events(type);
const payRequests = () => requests.filter((r) => r.method === 'POST' && /\/sessions\/[^/]+\/pay$/.test(new URL(r.url).pathname));

describe('KOMOJU card payment on a plain HTML page', () => {
  it('pays with 4111 1111 1111 1111 typed in full-width digits', async () => {
    await typeCard('4111111111111111', { fullWidth: true });
    await assert.doesNotReject(payButton().waitFor());
    assert.match((await payButton().textContent()) ?? '', /[¥￥]/);
    await payButton().click();
    await page.getByText('お支払いが完了しました').waitFor();
    assert.equal(await events('kessai-success'), 1);
    assert.equal(await events('kessai-submit'), 1);
    assert.equal(payRequests().length, 1);
    // The number went to KOMOJU's secure tokens, once, and nowhere else.
    assert.deepEqual(
      requestsCarrying(shopper, '4111111111111111').map((r) => `${r.origin}${new URL(r.url).pathname}`),
      [`${e2e.sandboxOrigin}/sandbox/komoju/api/v1/secure_tokens`],
    );
    // The merchant endpoint saw only protocol requests, without card data.
    const toMerchant = requests.filter((r) => r.origin === e2e.pageOrigin && r.url.includes('/api/komoju'));
    assert.ok(toMerchant.length >= 1);
    // The session is asked for while the flow's chunk loads, and asked for once.
    assert.equal(toMerchant.filter((r) => r.body.includes('"action":"start"')).length, 1);

    // A card payment by redirect loads the flow's chunk, never the slip's or the challenge frame's.
    const chunks = requests
      .map((r) => new URL(r.url).pathname)
      .filter((path) => path.startsWith('/kessai-chunks/'))
      .map((path) => path.slice('/kessai-chunks/'.length));
    assert.ok(chunks.some((name) => name.startsWith('checkout-controller-')), chunks.join(' '));
    assert.deepEqual(chunks.filter((name) => /^(konbini-slip|challenge)-/.test(name)), []);
    // Each provider's code is a chunk of its own: a KOMOJU page loads KOMOJU's, never UnivaPay's.
    assert.ok(chunks.some((name) => name.startsWith('komoju-')), chunks.join(' '));
    assert.deepEqual(chunks.filter((name) => name.startsWith('univapay-') || name.startsWith('card-surface-view-')), []);
  });

  it('passes the 3-D Secure challenge with 4100 0000 0000 5000 and resumes on return', async () => {
    await typeCard('4100000000005000');
    await payButton().click();
    await page.waitForURL(/\/sandbox\/komoju\/.*challenge/);
    await page.getByRole('button', { name: 'Complete authentication' }).click();
    await page.waitForURL(/plain\.html/);
    await page.getByText('お支払いが完了しました').waitFor();
    assert.equal(await events('kessai-success'), 1);
    // The return parameters are removed from the address bar once the payment is resumed.
    assert.ok(!page.url().includes('secure_token_id'), page.url());
    assert.equal(payRequests().length, 1);
  });

  it('reports a failed 3-D Secure challenge as a retryable error', async () => {
    await typeCard('4100000000005000');
    await payButton().click();
    await page.waitForURL(/\/sandbox\/komoju\/.*challenge/);
    await page.getByRole('button', { name: 'Fail authentication' }).click();
    await page.waitForURL(/plain\.html/);
    await page.getByRole('alert').filter({ hasText: '本人認証' }).waitFor();
    assert.equal(await events('kessai-error'), 1);
    assert.equal(await events('kessai-success'), 0);
    assert.equal(payRequests().length, 0);
  });

  it('Back from the challenge page (back-forward cache) ends the attempt as canceled, and the shopper can pay', async () => {
    await page.evaluate(() => {
      const seen: boolean[] = [];
      (window as unknown as { pageshows: boolean[] }).pageshows = seen;
      addEventListener('pageshow', (event) => seen.push(event.persisted));
    });
    await typeCard('4100000000005000');
    await payButton().click();
    await page.waitForURL(/\/sandbox\/komoju\/.*challenge/);
    await page.getByRole('button', { name: 'Complete authentication' }).waitFor();
    // A page restored from the cache fires pageshow, not load.
    await page.goBack({ waitUntil: 'commit' });
    assert.match(page.url(), /plain\.html$/);
    // The very page came back from the cache (its scripts' state is intact), not a new load.
    assert.deepEqual(await page.evaluate(() => (window as unknown as { pageshows?: boolean[] }).pageshows), [true]);
    await page.getByRole('alert').filter({ hasText: '本人認証(3Dセキュア)がキャンセルされました' }).waitFor();
    const errors = await shopper.eventDetails<{ code: string; retryable: boolean }>('kessai-error');
    assert.deepEqual(errors.map((e) => [e.code, e.retryable]), [['authentication', true]]);
    assert.equal(await page.evaluate(() => sessionStorage.length), 0, 'the pending attempt is forgotten');
    assert.equal(payRequests().length, 0);
    // Retryable: another card pays on the same session.
    await typeCard('4111111111111111');
    await payButton().click();
    await page.getByText('お支払いが完了しました').waitFor();
    assert.equal(payRequests().length, 1);
  });

  it('shows a clear retryable error for a declined card (insufficient funds)', async () => {
    await typeCard('4123111111111000');
    await payButton().click();
    await page.getByRole('alert').filter({ hasText: 'ご利用可能額が不足しています' }).waitFor();
    const [detail] = await shopper.eventDetails<{ retryable: boolean; code: string }>('kessai-error');
    assert.deepEqual({ code: detail?.code, retryable: detail?.retryable }, { code: 'declined', retryable: true });
    // The shopper can fix the card and pay again without reloading.
    await typeCard('4111111111111111');
    await payButton().click();
    await page.getByText('お支払いが完了しました').waitFor();
  });

  it('sends one payment request for a double click', async () => {
    await typeCard('4111111111111111');
    await payButton().dblclick();
    await page.keyboard.press('Enter');
    await page.getByText('お支払いが完了しました').waitFor();
    assert.equal(payRequests().length, 1);
    assert.equal(requests.filter((r) => r.method === 'POST' && r.url.endsWith('/secure_tokens')).length, 1);
    assert.equal(await events('kessai-submit'), 1);
    assert.equal(await events('kessai-success'), 1);
  });
});
