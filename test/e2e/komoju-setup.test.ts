/**
 * End to end, as a shopper on plain merchant pages with KOMOJU: setup mode (`demo/plain-komoju-setup.html`)
 * saves a card on a KOMOJU customer (a `customer` session, paid with the card in our own inputs), and the
 * next visit (`demo/plain.html`, the same shopper by the demo's cookie) lists it first and pays with it in
 * one click; a saved card that needs 3-D Secure goes through KOMOJU's challenge, passed and failed. Every
 * test proves from the recorded requests that card digits went only to KOMOJU's card routes on the
 * sandbox, never to the merchant's origin, and from the recorded responses, URLs, events and storage that
 * no KOMOJU customer id ever reached the page (docs/providers.md "KOMOJU › Customers and saved cards").
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
  await page.getByRole('button', { name: /支払う|カードを保存/ }).waitFor();
}
async function visit(path: string): Promise<void> {
  await page.goto(`${e2e.pageOrigin}${path}`);
  await page.getByRole('button', { name: /支払う|カードを保存/ }).waitFor();
}

beforeEach(() => {
  shopper = undefined;
});
afterEach(async () => {
  if (!shopper) return;
  await assertKomojuCustomersOffPage(e2e, shopper, answers, { expectCustomers: true });
});

const actions = () => endpointRequests(shopper!, e2e, ENDPOINT).map((r) => String(jsonBody(r)['action']));

/** Saves `number` on the setup page (open); answers the `kessai-success` detail. */
async function saveCard(number: string) {
  const save = page.getByRole('button', { name: 'カードを保存' });
  assert.equal(await page.locator('kessai-checkout[mode="setup"]').getByText(/[¥￥]/).count(), 0, 'no amount in setup mode');
  await typeCard(shopper!, number);
  await save.click();
  await page.getByText('カードを保存しました').waitFor();
  const details = await shopper!.eventDetails<{ method?: string; paymentMethodId?: string; brand?: string; last4?: string }>('kessai-success');
  return details.at(-1)!;
}

describe('KOMOJU setup mode and saved cards', () => {
  it('a plain page with mode="setup" saves 4111 1111 1111 1111 and reports its opaque id; the next visit lists it and pays in one click', async () => {
    await open('/plain-komoju-setup.html');
    const saved = await saveCard('4111111111111111');
    assert.equal(saved.method, 'card');
    assert.match(saved.paymentMethodId ?? '', /^kc_[A-Za-z0-9_-]{32}$/);
    assert.equal(saved.brand, 'visa');
    assert.equal(saved.last4, '1111');
    // The card went once, from our inputs to KOMOJU's customer session; nothing was charged.
    const carriers = requestsCarrying(shopper!, '4111111111111111');
    assert.equal(carriers.length, 1);
    assert.equal(carriers[0]?.origin, e2e.sandboxOrigin);
    assert.match(new URL(carriers[0]!.url).pathname, /^\/sandbox\/komoju\/api\/v1\/sessions\/[^/]+\/pay$/);
    const session = e2e.server.sandbox.komoju.inspect.sessions().find((s) => s['mode'] === 'customer' && s.status === 'completed');
    assert.ok(session);
    assert.equal(e2e.server.sandbox.komoju.inspect.payments({ sessionId: session.id }).length, 0);
    assert.deepEqual(actions(), ['start', 'status']);

    // The next visit: the saved card first, chosen, no card fields under it; one click pays.
    await visit('/plain.html');
    const card = page.getByRole('radio', { name: /Visa 末尾 1111/ });
    await card.waitFor();
    assert.equal(await card.isChecked(), true);
    assert.equal(await page.getByLabel('カード番号').count(), 0, 'no card fields under a chosen saved card');
    await shopper!.payButton().click();
    await page.getByText('お支払いが完了しました').waitFor();
    const completes = endpointRequests(shopper!, e2e, ENDPOINT)
      .map(jsonBody)
      .filter((b) => b['action'] === 'complete');
    assert.deepEqual(completes.map((b) => b['token']), [saved.paymentMethodId]);
    const [paid] = (await shopper!.eventDetails<{ paymentId?: string; last4?: string }>('kessai-success')).slice(-1);
    assert.equal(paid?.last4, '1111');
    const payment = e2e.server.sandbox.komoju.inspect.payment(paid?.paymentId ?? '');
    assert.equal(payment?.status, 'captured');
    assert.equal(payment?.['customer'], session['customer_id']);
    assert.equal(payment?.amount, 1980);
  });

  it('a saved card that needs 3-D Secure: the challenge passed pays it, failed does not', async () => {
    await open('/plain-komoju-setup.html');
    const saved = await saveCard('4100000000005000');
    assert.equal(saved.last4, '5000');

    await visit('/plain.html');
    await page.getByRole('radio', { name: /Visa 末尾 5000/ }).waitFor();
    await shopper!.payButton().click();
    await page.waitForURL(/\/sandbox\/komoju\/challenge\//);
    await page.getByRole('button', { name: 'Complete authentication' }).click();
    await page.waitForURL((url) => url.origin === e2e.pageOrigin && url.pathname === '/plain.html');
    await page.getByText('お支払いが完了しました').waitFor();
    const [paid] = (await shopper!.eventDetails<{ paymentId?: string }>('kessai-success')).slice(-1);
    assert.equal(e2e.server.sandbox.komoju.inspect.payment(paid?.paymentId ?? '')?.status, 'captured');

    await visit('/plain.html');
    await page.getByRole('radio', { name: /Visa 末尾 5000/ }).waitFor();
    const before = e2e.server.sandbox.komoju.inspect.payments().length;
    await shopper!.payButton().click();
    await page.waitForURL(/\/sandbox\/komoju\/challenge\//);
    await page.getByRole('button', { name: 'Fail authentication' }).click();
    await page.waitForURL((url) => url.origin === e2e.pageOrigin && url.pathname === '/plain.html');
    await page.getByRole('alert').filter({ hasText: '本人認証' }).waitFor();
    assert.equal(e2e.server.sandbox.komoju.inspect.payments().length, before, 'nothing charged');
    // The saved card is still offered, to try again.
    assert.equal(await page.getByRole('radio', { name: /Visa 末尾 5000/ }).count(), 1);
  });

  it("the demo page's Mode switch saves a KOMOJU card, and the demo shopper pays with it in payment mode", async () => {
    await open('/?provider=komoju');
    const setupBox = page.getByRole('radio', { name: /Save a card/ });
    assert.equal(await setupBox.isDisabled(), false, 'setup mode is offered for KOMOJU');
    await setupBox.check();
    await page.getByRole('button', { name: 'カードを保存' }).waitFor();
    assert.match(page.url(), /mode=setup/);
    assert.equal(await page.locator('kessai-checkout[mode="setup"]').getByText(/[¥￥]/).count(), 0, 'no amount in setup mode');
    // The demo page's gallery has card fields of its own: type into the live checkout's.
    const checkout = page.getByRole('region', { name: 'Checkout' });
    shopper!.typedCards.push('5555555555554444');
    for (const [label, value] of [['カード番号', '5555555555554444'], ['有効期限', '1230'], ['セキュリティコード', '123']] as const) {
      await checkout.getByLabel(label).pressSequentially(value);
    }
    await checkout.getByLabel('カード名義').fill('TARO YAMADA');
    await page.getByRole('button', { name: 'カードを保存' }).click();
    await page.getByText('カードを保存しました').waitFor();
    const [saved] = (await shopper!.eventDetails<{ paymentMethodId?: string; brand?: string; last4?: string }>('kessai-success')).slice(-1);
    assert.match(saved?.paymentMethodId ?? '', /^kc_/);
    assert.equal(saved?.brand, 'mastercard');
    assert.equal(saved?.last4, '4444');
    await page.getByRole('radio', { name: /^Payment$/ }).check();
    const card = page.getByRole('radio', { name: /Mastercard 末尾 4444/ });
    await card.waitFor();
    await shopper!.payButton().click();
    await page.getByText('お支払いが完了しました').waitFor();
  });
});
