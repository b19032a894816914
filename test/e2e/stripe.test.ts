/**
 * End to end, as a shopper on plain merchant pages with Stripe (`demo/plain-stripe.html`,
 * `demo/plain-stripe-setup.html`): the card is typed into Stripe's own split card fields, three iframes
 * on the sandbox's origin made by Stripe.js (the sandbox's stand-in), each under our own label. The
 * page confirms the PaymentIntent (or SetupIntent) with its `client_secret`; success is decided by the
 * merchant's server, which retrieves the intent. Every test proves from the recorded requests that card
 * digits went only from Stripe's frame to the sandbox's `/v1/payment_methods`, never from the merchant
 * page's own document, and that the endpoint never saw them.
 */
import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FrameLocator, Page } from 'playwright-core';
import {
  assertProviderFormContained,
  endpointRequests,
  openShopper,
  requestsCarrying,
  useE2E,
  type Shopper,
} from './shopper.ts';

const ENDPOINT = '/api/stripe';
const PAYMENT_METHODS = '/sandbox/stripe/v1/payment_methods';

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
  if (shopper) await assertProviderFormContained(shopper, e2e, { endpoint: ENDPOINT, cardPath: (path) => path === PAYMENT_METHODS });
});

const frame = (type: 'cardNumber' | 'cardExpiry' | 'cardCvc'): FrameLocator =>
  page.frameLocator(`iframe[src*="type=${type}"]`);

/** Types a card as a shopper does: into Stripe's three frames, and the name into ours. */
async function typeIntoStripe(number: string, name = 'TARO YAMADA'): Promise<void> {
  shopper!.typedCards.push(number);
  for (const [type, value] of [
    ['cardNumber', number],
    ['cardExpiry', '1230'],
    ['cardCvc', '123'],
  ] as const) {
    const input = frame(type).locator('input');
    await input.fill('');
    await input.pressSequentially(value);
  }
  const nameInput = page.getByLabel('カード名義');
  await nameInput.fill('');
  await nameInput.pressSequentially(name);
}

const paid = () => page.getByText('お支払いが完了しました').waitFor();
const alert = (text: string) => page.getByRole('alert').filter({ hasText: text }).waitFor();

describe('Stripe card in Stripe\'s own fields on a plain HTML page', () => {
  it('shows Stripe\'s three frames from the sandbox origin under our labels, and pays with 4242 4242 4242 4242', async () => {
    await open('/plain-stripe.html');
    const frames = page.locator('iframe[src*="/sandbox/stripe/v3/"]');
    await frames.first().waitFor();
    assert.equal(await frames.count(), 3);
    for (const src of await frames.evaluateAll((list) => list.map((f) => (f as HTMLIFrameElement).src))) {
      assert.equal(new URL(src).origin, e2e.sandboxOrigin);
    }
    // In the page's light DOM (Stripe.js refuses shadow roots), projected into our layout.
    assert.deepEqual(await frames.evaluateAll((list) => list.map((f) => f.getRootNode() === document)), [true, true, true]);
    for (const label of ['カード番号', '有効期限', 'セキュリティコード', 'カード名義']) {
      assert.ok(await page.getByText(label, { exact: true }).first().isVisible(), label);
    }
    await typeIntoStripe('4242424242424242');
    await shopper!.payButton().click();
    await paid();
    const [success] = await shopper!.eventDetails<{ method: string; paymentId?: string; brand?: string; last4?: string }>('kessai-success');
    assert.equal(success?.method, 'card');
    assert.equal(success?.brand, 'visa');
    assert.equal(success?.last4, '4242');
    const intent = e2e.server.sandbox.stripe.inspect.paymentIntent(success?.paymentId ?? '') as { status?: string } | undefined;
    assert.equal(intent?.status, 'succeeded');
    // Stripe's chunk and the view around its fields were loaded; no other provider's code.
    const chunks = shopper!.requests.map((r) => new URL(r.url).pathname).filter((p) => p.startsWith('/kessai-chunks/'));
    assert.ok(chunks.some((p) => p.includes('/stripe-')) && chunks.some((p) => p.includes('/card-surface-view-')), chunks.join(' '));
    assert.deepEqual(chunks.filter((p) => p.includes('/komoju-') || p.includes('/univapay-')), []);
    // The digits went once, from Stripe's frame to the sandbox, never from the page.
    const carriers = requestsCarrying(shopper!, '4242424242424242');
    assert.deepEqual(carriers.map((r) => [r.origin, new URL(r.url).pathname, r.fromPage]), [[e2e.sandboxOrigin, PAYMENT_METHODS, false]]);
    // The endpoint was asked to start, then for the status of the intent: nothing else.
    assert.deepEqual(endpointRequests(shopper!, e2e, ENDPOINT).map((r) => (JSON.parse(r.body) as { action: string }).action), ['start', 'status']);
  });

  it('3-D Secure by redirect with 4000 0027 6000 3184: passed, back on the shop\'s page, a success', async () => {
    await open('/plain-stripe.html');
    await typeIntoStripe('4000002760003184');
    await shopper!.payButton().click();
    await page.waitForURL((url) => url.origin === e2e.sandboxOrigin && url.pathname.startsWith('/sandbox/stripe/3d_secure/'));
    await page.getByRole('button', { name: 'Complete authentication' }).click();
    await page.waitForURL((url) => url.origin === e2e.pageOrigin && url.pathname === '/plain-stripe.html');
    await paid();
    // Stripe's return parameters are gone from the address bar.
    assert.equal(new URL(page.url()).search, '', page.url());
  });

  it('3-D Secure by redirect, failed: a retryable error, and the same intent pays with another card', async () => {
    await open('/plain-stripe.html');
    await typeIntoStripe('4000002760003184');
    await shopper!.payButton().click();
    await page.waitForURL((url) => url.pathname.startsWith('/sandbox/stripe/3d_secure/'));
    await page.getByRole('button', { name: 'Fail authentication' }).click();
    await page.waitForURL((url) => url.origin === e2e.pageOrigin);
    await alert('本人認証');
    const errors = await shopper!.eventDetails<{ code: string; retryable: boolean }>('kessai-error');
    assert.deepEqual(errors.map((e) => [e.code, e.retryable]), [['authentication', true]]);
    await typeIntoStripe('4242424242424242');
    await shopper!.payButton().click();
    await paid();
  });

  it('challenge="iframe": Stripe.js runs 3-D Secure in its own modal, passed and then failed', async () => {
    await open('/plain-stripe.html');
    await page.locator('kessai-checkout').evaluate((el) => el.setAttribute('challenge', 'iframe'));
    await typeIntoStripe('4000002760003184');
    await shopper!.payButton().click();
    const modal = page.frameLocator('iframe[src*="/sandbox/stripe/3d_secure/"]');
    await modal.getByRole('button', { name: 'Fail authentication' }).click();
    await alert('本人認証');
    assert.equal(new URL(page.url()).pathname, '/plain-stripe.html', 'the page never left');
    await shopper!.payButton().click();
    await modal.getByRole('button', { name: 'Complete authentication' }).click();
    await paid();
    assert.equal(await shopper!.events('kessai-success'), 1);
  });

  it('a declined card (4000 0000 0000 0002) shows our message; Stripe\'s fields stay for another try', async () => {
    await open('/plain-stripe.html');
    await typeIntoStripe('4000000000000002');
    await shopper!.payButton().click();
    await alert('カードが承認されませんでした');
    const errors = await shopper!.eventDetails<{ code: string; retryable: boolean }>('kessai-error');
    assert.deepEqual(errors.map((e) => [e.code, e.retryable]), [['declined', true]]);
    await typeIntoStripe('4242424242424242');
    await shopper!.payButton().click();
    await paid();
  });

  it('an incomplete card is stopped with our error under the number: nothing sent to Stripe or the endpoint', async () => {
    await open('/plain-stripe.html');
    const before = e2e.server.sandbox.stripe.inspect.paymentMethods().length;
    await frame('cardNumber').locator('input').pressSequentially('4242');
    await page.getByLabel('カード名義').pressSequentially('TARO YAMADA');
    await shopper!.payButton().click();
    await page.getByText('カード番号が最後まで入力されていません。').first().waitFor();
    assert.equal(e2e.server.sandbox.stripe.inspect.paymentMethods().length, before);
    assert.deepEqual(endpointRequests(shopper!, e2e, ENDPOINT).map((r) => (JSON.parse(r.body) as { action: string }).action), ['start']);
  });
});

describe('Stripe\'s fields with the keyboard and our theme', () => {
  it('a click on our label focuses Stripe\'s input; Tab walks number → expiry → code → name; Enter pays', async () => {
    await open('/plain-stripe.html');
    shopper!.typedCards.push('4242424242424242');
    // Focus crosses into another origin's frame (another process): wait for it as a shopper's eyes would.
    const focused = async (type: 'cardNumber' | 'cardExpiry' | 'cardCvc'): Promise<void> => {
      const input = frame(type).locator('input');
      for (let i = 0; i < 50; i += 1) {
        if (await input.evaluate((el) => el.ownerDocument.activeElement === el)) return;
        await page.waitForTimeout(50);
      }
      assert.fail(`the ${type} input never got the focus`);
    };
    await frame('cardNumber').locator('input').waitFor();
    await page.getByText('カード番号', { exact: true }).first().click();
    await focused('cardNumber');
    await page.keyboard.type('4242424242424242');
    await page.keyboard.press('Tab');
    await focused('cardExpiry');
    await page.keyboard.type('1230');
    await page.keyboard.press('Tab');
    await focused('cardCvc');
    await page.keyboard.type('123');
    await page.keyboard.press('Tab');
    // Out of Stripe's frames, into our own name input.
    await page.waitForFunction(() => {
      const checkout = document.querySelector('kessai-checkout');
      const active = checkout?.shadowRoot?.activeElement;
      const inner = active?.shadowRoot?.activeElement ?? active;
      return inner?.getAttribute('autocomplete') === 'cc-name';
    });
    await page.keyboard.type('TARO YAMADA');
    await page.keyboard.press('Enter');
    await paid();
  });

  it('our theme tokens restyle Stripe\'s inputs, and follow a change of them', async () => {
    await open('/plain-stripe.html');
    const input = frame('cardNumber').locator('input');
    await input.waitFor();
    const colour = () => input.evaluate((el) => getComputedStyle(el).color);
    const before = await colour();
    await page.evaluate(() => document.documentElement.style.setProperty('--kessai-color-text', 'rgb(200, 0, 0)'));
    await page.waitForFunction(() => true);
    for (let i = 0; i < 50 && (await colour()) === before; i += 1) await page.waitForTimeout(100);
    assert.equal(await colour(), 'rgb(200, 0, 0)');
  });
});

describe('Stripe setup mode: saving a card', () => {
  it('saves 4000 0025 0000 3155 after 3-D Secure and reports its payment method id; an off-session payment then needs none', async () => {
    await open('/plain-stripe-setup.html');
    assert.ok(await page.getByRole('button', { name: 'カードを保存' }).isVisible());
    assert.equal(await page.getByText('¥').count(), 0, 'no amount in setup mode');
    await typeIntoStripe('4000002500003155');
    await page.getByRole('button', { name: 'カードを保存' }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/sandbox/stripe/3d_secure/'));
    await page.getByRole('button', { name: 'Complete authentication' }).click();
    await page.waitForURL((url) => url.origin === e2e.pageOrigin && url.pathname === '/plain-stripe-setup.html');
    await page.getByText('カードを保存しました').waitFor();
    const [saved] = await shopper!.eventDetails<{ paymentMethodId?: string; brand?: string; last4?: string }>('kessai-success');
    assert.match(saved?.paymentMethodId ?? '', /^pm_/);
    assert.equal(saved?.brand, 'visa');
    assert.equal(saved?.last4, '3155');
    // The card is on the shopper's Customer, and the shop charges it later without the shopper.
    const { sandbox } = e2e.server;
    const api = `${e2e.sandboxOrigin}${sandbox.stripe.basePath}/v1`;
    const secret = { Authorization: `Bearer ${sandbox.stripe.secretKey}`, 'Content-Type': 'application/x-www-form-urlencoded' };
    const pm = (await (await sandbox.fetch(`${api}/payment_methods/${saved!.paymentMethodId}`, { headers: secret })).json()) as { customer?: string };
    assert.match(pm.customer ?? '', /^cus_/);
    const charge = await sandbox.fetch(`${api}/payment_intents`, {
      method: 'POST',
      headers: secret,
      body: new URLSearchParams({
        amount: '1980',
        currency: 'jpy',
        customer: pm.customer!,
        payment_method: saved!.paymentMethodId!,
        off_session: 'true',
        confirm: 'true',
      }).toString(),
    });
    assert.equal(((await charge.json()) as { status?: string }).status, 'succeeded');

    // The next checkout lists the saved card first and pays with it in one click (on session, Stripe
    // asks this card for 3-D Secure).
    await page.goto(`${e2e.pageOrigin}/plain-stripe.html`);
    const savedCard = page.getByRole('radio', { name: /Visa 末尾 3155/ });
    await savedCard.waitFor();
    assert.equal(await savedCard.isChecked(), true);
    assert.equal(await page.locator('iframe[src*="/sandbox/stripe/v3/"]').count(), 0, "no card fields under a chosen saved card");
    await shopper!.payButton().click();
    await page.waitForURL((url) => url.pathname.startsWith('/sandbox/stripe/3d_secure/'));
    await page.getByRole('button', { name: 'Complete authentication' }).click();
    await page.waitForURL((url) => url.origin === e2e.pageOrigin && url.pathname === '/plain-stripe.html');
    await paid();
    const completes = endpointRequests(shopper!, e2e, ENDPOINT)
      .map((r) => JSON.parse(r.body) as Record<string, unknown>)
      .filter((b) => b['action'] === 'complete');
    assert.deepEqual(completes.map((b) => b['token']), [saved!.paymentMethodId]);
  });
});

describe('Stripe konbini', () => {
  it('a Lawson payment shows our slip from Stripe\'s display details; paid at the store, the shop hears a verified webhook', async () => {
    await open('/plain-stripe.html');
    await page.getByRole('tab', { name: 'コンビニ払い' }).click();
    // Stripe has no 7-Eleven: only its four chains are offered.
    assert.equal(await page.getByRole('radio', { name: /セブン-イレブン/ }).count(), 0);
    await page.getByRole('radio', { name: /ローソン/ }).check();
    await page.getByLabel('お名前').fill('山田 太郎');
    await page.getByLabel('メールアドレス').fill('taro@example.jp');
    await page.getByLabel('電話番号').fill('09012345678');
    await shopper!.payButton().click();
    await page.getByRole('heading', { name: 'コンビニでお支払いください' }).waitFor();
    const [pending] = await shopper!.eventDetails<{ slip: { store: string; paymentNumber: string; slipUrl?: string } }>('kessai-pending');
    assert.equal(pending?.slip.store, 'lawson');
    const intent = e2e.server.sandbox.stripe.inspect
      .paymentIntents()
      .map((i) => i as { id: string; next_action?: { konbini_display_details?: { stores: Record<string, { payment_code: string } | null> } } })
      .find((i) => i.next_action?.konbini_display_details?.stores['lawson']?.payment_code === pending?.slip.paymentNumber);
    assert.ok(intent, 'the slip shows the payment code Stripe gave for Lawson');
    const ordersOf = async () =>
      ((await (await fetch(`${e2e.pageOrigin}/demo/orders`)).json()) as { orders: Array<Record<string, unknown>> }).orders;
    await e2e.server.sandbox.stripe.webhooks.idle();
    // The store: the sandbox's hosted voucher page has the clerk's buttons.
    assert.ok(pending?.slip.slipUrl);
    await page.goto(pending.slip.slipUrl);
    await page.getByRole('button', { name: 'Mark as paid' }).click();
    await e2e.server.sandbox.stripe.webhooks.idle();
    const order = (await ordersOf()).find((o) => o['paymentId'] === intent.id);
    assert.equal(order?.['status'], 'succeeded');
    assert.equal(order?.['provider'], 'stripe');
    assert.equal(order?.['method'], 'konbini');
  });
});
