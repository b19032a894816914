/**
 * End to end, the script tag's lazy loading as a shopper meets it: on the plain merchant page, the
 * flow's chunk fails to load (the shopper's connection dropped), the checkout says so in Japanese, and
 * Try again loads it and takes the payment. Uses the real built kessai.js and its chunks.
 */
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { assertCardDataContained, isKomojuCardRoute, openShopper, useE2E, typeCard, type Shopper } from './shopper.ts';

const e2e = useE2E();
let shopper: Shopper | undefined;

afterEach(async () => {
  if (shopper) {
    // Also closes the shopper's browser context.
    await assertCardDataContained(shopper, {
      sandboxOrigin: e2e.sandboxOrigin,
      cardPath: isKomojuCardRoute,
    });
  }
  shopper = undefined;
});

describe('lazy chunks of kessai.js', () => {
  it('says the form could not be loaded when the flow chunk fails, and Try again recovers and pays', async () => {
    let offline = true;
    shopper = await openShopper(e2e, '/plain.html', {
      untilReady: false,
      prepare: (page) => page.route('**/kessai-chunks/checkout-controller-*', (route) => (offline ? route.abort() : route.continue())),
    });
    const { page } = shopper;
    const alert = page.getByRole('alert').filter({ hasText: 'お支払いフォームを読み込めませんでした' });
    await alert.waitFor();
    const reported = await shopper.eventDetails<{ code: string; retryable: boolean }>('kessai-error');
    assert.deepEqual(reported.map((e) => [e.code, e.retryable]), [['network', true]]);

    // The session was asked for while the flow's chunk was loading (and failing), not after it.
    const startsBefore = shopper.requests.filter((r) => r.url.endsWith('/api/komoju') && r.body.includes('"action":"start"'));
    assert.equal(startsBefore.length, 1);

    offline = false;
    // Keyboard only: the Try again button is reachable and pressed with Enter.
    await page.getByRole('button', { name: 'もう一度試す' }).focus();
    await page.keyboard.press('Enter');
    await typeCard(shopper, '4111111111111111');
    await shopper.payButton().click();
    await page.getByText('お支払いが完了しました').waitFor();
    assert.equal(await shopper.events('kessai-success'), 1);
    // The session asked for while the flow was failing to load is the one the flow used: one start.
    const starts = shopper.requests.filter((r) => r.url.endsWith('/api/komoju') && r.body.includes('"action":"start"'));
    assert.equal(starts.length, 1);
    // The failed chunk fetch is logged by the browser; it is the only error, and is taken off the log so
    // that the containment check after the test still requires no other.
    const expected = /Failed to load resource: net::ERR_FAILED/;
    assert.ok(shopper.pageErrors.some((e) => expected.test(e)));
    const errors = shopper.pageErrors.filter((e) => !expected.test(e));
    shopper.pageErrors.splice(0, shopper.pageErrors.length, ...errors);
  });

  it('says the konbini form could not be loaded, lets the shopper pay by card, and Try again brings it', async () => {
    let offline = true;
    shopper = await openShopper(e2e, '/plain.html', {
      prepare: (page) => page.route('**/kessai-chunks/konbini-fields-*', (route) => (offline ? route.abort() : route.continue())),
    });
    const { page } = shopper;
    await page.getByRole('tab', { name: 'コンビニ払い' }).click();
    const panel = page.getByRole('tabpanel', { name: 'コンビニ払い' });
    await panel.getByRole('alert').filter({ hasText: 'お支払いフォームを読み込めませんでした' }).waitFor();
    offline = false;
    await panel.getByRole('button', { name: 'もう一度試す' }).click();
    await page.getByText('お支払いするコンビニを選択').waitFor();
    assert.equal(await panel.getByRole('alert').filter({ hasText: '読み込めませんでした' }).count(), 0);

    // The card form never depended on that chunk.
    await page.getByRole('tab', { name: 'クレジットカード' }).click();
    await typeCard(shopper, '4111111111111111');
    await shopper.payButton().click();
    await page.getByText('お支払いが完了しました').waitFor();
    const expected = /Failed to load resource: net::ERR_FAILED|could not load <kessai-konbini-fields>/;
    const others = shopper.pageErrors.filter((e) => !expected.test(e));
    shopper.pageErrors.splice(0, shopper.pageErrors.length, ...others);
  });
});
