/**
 * End to end, as a shopper on a plain merchant page with UnivaPay's default setup, a shop that keeps no
 * cards (`demo/plain-univapay-guest.html`, `<kessai-checkout endpoint="/api/univapay-guest">`: no
 * `onCardSaved`, so one-time tokens and 3-D Secure at the charge): the card is typed into
 * UnivaPay's own inline form, an iframe on the sandbox's origin made by UnivaPay's `checkout.js` (the
 * sandbox's stand-in), inside our layout. The page only ever holds the transaction token's id; the
 * merchant's endpoint charges it. Every test proves from the recorded requests that no request the
 * merchant page's own document made carried card digits, and that the endpoint saw the token id only.
 */
import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FrameLocator, Page } from 'playwright-core';
import { containsCardNumber } from '../support/card-scan.ts';
import {
  assertCardDataContained,
  endpointRequests,
  jsonBody,
  openShopper,
  requestsCarrying,
  useE2E,
  type Shopper,
  typeIntoUnivapay,
  univapayForm,
} from './shopper.ts';

const ENDPOINT = '/api/univapay-guest';
const INLINE_TOKENS = '/sandbox/univapay/client/inline/tokens';

const e2e = useE2E();

let shopper: Shopper;
let page: Page;
beforeEach(async () => {
  shopper = await openShopper(e2e, '/plain-univapay-guest.html');
  page = shopper.page;
});
afterEach(async () => {
  try {
    const issued = new Set(e2e.server.sandbox.univapay.inspect.tokens().map((t) => t.id));
    for (const request of endpointRequests(shopper, e2e, ENDPOINT)) {
      const body = jsonBody(request);
      for (const number of shopper.typedCards) assert.ok(!containsCardNumber(request.body, number), request.body);
      if (body['action'] === 'complete') {
        assert.deepEqual(Object.keys(body).sort(), ['action', 'method', 'returnUrl', 'sessionId', 'token']);
        assert.ok(issued.has(String(body['token'])), `a token the sandbox issued: ${request.body}`);
      }
    }
  } finally {
    await assertCardDataContained(shopper, {
      sandboxOrigin: e2e.sandboxOrigin,
      cardPath: (path) => path === INLINE_TOKENS,
      pageMaySendCards: false,
    });
  }
});

/** UnivaPay's iframe, as the shopper sees it inside our layout. */
const inlineForm = (): FrameLocator => univapayForm(page);

const completes = () => endpointRequests(shopper, e2e, ENDPOINT).filter((r) => jsonBody(r)['action'] === 'complete');

describe('UnivaPay card in UnivaPay\'s inline form on a plain HTML page', () => {
  it('shows UnivaPay\'s form from the sandbox origin inside our layout, and pays with 4000 0200 0000 0000', async () => {
    const frame = page.locator('iframe[name="univapay-checkout-connector"]');
    await frame.waitFor();
    assert.equal(new URL((await frame.getAttribute('src')) ?? '').origin, e2e.sandboxOrigin);
    // The frame is in the page's light DOM (UnivaPay's script needs it there), under our label.
    assert.equal(await frame.evaluate((el) => el.getRootNode() === document), true);
    assert.ok(await page.getByText('カード情報', { exact: true }).first().isVisible());
    // Under UnivaPay's form, the brands UnivaPay takes as named marks: no Discover.
    const accepted = page.getByRole('list', { name: '使用できるカード' });
    await accepted.getByRole('img').first().waitFor();
    const names = await accepted.getByRole('img').evaluateAll((imgs) => imgs.map((img) => img.getAttribute('aria-label')));
    assert.deepEqual(names, ['Visa', 'Mastercard', 'JCB', 'American Express', 'Diners Club']);
    // A shop that keeps no cards: no "Save this card", and UnivaPay's form makes a one-time token.
    assert.equal(await page.getByRole('checkbox', { name: 'このカードを保存する' }).count(), 0);
    await typeIntoUnivapay(shopper, '4000020000000000');
    await shopper.payButton().click();
    await page.getByText('お支払いが完了しました').waitFor();
    assert.equal(await shopper.events('kessai-success'), 1);
    assert.equal(completes().length, 1);
    // UnivaPay's chunk and the view around its form were loaded; KOMOJU's code never.
    const chunks = shopper.requests.map((r) => new URL(r.url).pathname).filter((p) => p.startsWith('/kessai-chunks/'));
    assert.ok(chunks.some((p) => p.includes('/univapay-')) && chunks.some((p) => p.includes('/card-surface-view-')), chunks.join(' '));
    assert.deepEqual(chunks.filter((p) => p.includes('/komoju-')), []);
    // The digits went from UnivaPay's frame to the sandbox, once; never from the page.
    const carriers = requestsCarrying(shopper, '4000020000000000');
    assert.deepEqual(carriers.map((r) => [r.origin, new URL(r.url).pathname, r.fromPage]), [[e2e.sandboxOrigin, INLINE_TOKENS, false]]);
    const tokenId = String(jsonBody(completes()[0]!)['token']);
    const charge = e2e.server.sandbox.univapay.inspect.charges().find((c) => c.transaction_token_id === tokenId);
    assert.equal(charge?.status, 'successful');
    assert.equal(e2e.server.sandbox.univapay.inspect.tokens().find((t) => t.id === tokenId)?.type, 'one_time');
  });

  it('passes 3-D Secure with 4000 0000 0000 3220 and comes back to a success', async () => {
    await typeIntoUnivapay(shopper, '4000000000003220');
    await shopper.payButton().click();
    await page.waitForURL((url) => url.origin === e2e.sandboxOrigin && url.pathname === '/sandbox/univapay/three_ds/challenge');
    await page.getByRole('button', { name: 'Complete authentication' }).click();
    await page.waitForURL((url) => url.origin === e2e.pageOrigin && url.pathname === '/plain-univapay-guest.html');
    await page.getByText('お支払いが完了しました').waitFor();
    assert.equal(await shopper.events('kessai-success'), 1);
    // The return's own parameters are gone from the address bar.
    assert.equal(new URL(page.url()).search, '', page.url());
  });

  it('a failed 3-D Secure is a retryable error, and the form takes another card', async () => {
    await typeIntoUnivapay(shopper, '4000000000003220');
    await shopper.payButton().click();
    await page.waitForURL((url) => url.pathname === '/sandbox/univapay/three_ds/challenge');
    await page.getByRole('button', { name: 'Fail authentication' }).click();
    await page.waitForURL((url) => url.origin === e2e.pageOrigin);
    await page.getByRole('alert').filter({ hasText: '本人認証' }).waitFor();
    await typeIntoUnivapay(shopper, '4242424242424242');
    await shopper.payButton().click();
    await page.getByText('お支払いが完了しました').waitFor();
  });

  it('a declined card shows our message; UnivaPay\'s form stays for another try', async () => {
    await typeIntoUnivapay(shopper, '4111111111111111');
    await shopper.payButton().click();
    await page.getByRole('alert').filter({ hasText: 'カードが承認されませんでした' }).waitFor();
    const errors = await shopper.eventDetails<{ code: string; retryable: boolean }>('kessai-error');
    assert.deepEqual(errors.map((e) => [e.code, e.retryable]), [['declined', true]]);
    assert.ok(await page.locator('iframe[name="univapay-checkout-connector"]').isVisible());
  });

  it('an incomplete card is refused inside UnivaPay\'s form: no token, nothing sent to the endpoint', async () => {
    const tokensBefore = e2e.server.sandbox.univapay.inspect.tokens().length;
    await inlineForm().getByLabel('カード番号', { exact: true }).pressSequentially('4000');
    await shopper.payButton().click();
    await page.getByRole('alert').filter({ hasText: '入力内容' }).waitFor();
    // UnivaPay's form says what is wrong inside its frame.
    await inlineForm().getByText('カード番号が正しくありません。').waitFor();
    assert.equal(completes().length, 0);
    assert.equal(e2e.server.sandbox.univapay.inspect.tokens().length, tokensBefore);
  });
});
