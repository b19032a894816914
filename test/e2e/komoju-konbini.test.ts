/**
 * End to end, as a shopper on the plain merchant page (`lang="ja"`, `endpoint="/api/komoju"`): konbini
 * payment against the embedded KOMOJU sandbox, in Debian's Chromium. The shopper picks the konbini tab
 * (by keyboard too), Lawson, types a name, an email and a phone number in full-width digits, pays, and
 * reads the slip; the slip's link opens KOMOJU's instructions page, where the sandbox lets the test play
 * the shopper paying at the register; the merchant's backend then reads the payment as succeeded.
 */
import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { z } from 'zod';
import {
  assertCardDataContained,
  isKomojuCardRoute,
  callEndpoint,
  endpointRequests,
  jsonBody,
  jstDeadlineText,
  openShopper,
  useE2E,
  toFullWidth,
  type Shopper,
} from './shopper.ts';

interface SlipDetail {
  readonly method: string;
  readonly slip: {
    readonly store: string;
    readonly paymentNumber: string;
    readonly confirmationNumber?: string;
    readonly amount: number;
    readonly currency: string;
    readonly expiresAt: string;
    readonly slipUrl?: string;
  };
}

/** KOMOJU's konbini `payment_details` (README 1.6), as the emulator holds them. */
const konbiniDetailsSchema = z.object({
  store: z.string(),
  receipt: z.string().min(1),
  confirmation_code: z.string().nullable(),
  instructions_url: z.string().url(),
});

const e2e = useE2E();

let shopper: Shopper;
let page: Page;
beforeEach(async () => {
  shopper = await openShopper(e2e, '/plain.html');
  page = shopper.page;
});
afterEach(async () => {
  // No card is typed here: nothing card-like in storage or events, and no page error.
  assert.deepEqual(shopper.typedCards, []);
  await assertCardDataContained(shopper, {
    sandboxOrigin: e2e.sandboxOrigin,
    cardPath: isKomojuCardRoute,
  });
});

const tab = (name: string) => page.getByRole('tab', { name });
const payRequests = () =>
  shopper.requests.filter((r) => r.method === 'POST' && /\/sandbox\/komoju\/api\/v1\/sessions\/[^/]+\/pay$/.test(new URL(r.url).pathname));
const slip = () => page.locator('kessai-konbini-slip');
/** The digits shown in a slip row (`payment-number`, `confirmation-number`), as the shopper reads them. */
const shownDigits = async (row: string) =>
  ((await slip().locator(`[part~="${row}"] [part~="number"]`).innerText()) ?? '').replace(/[^0-9]/g, '');

/** From the card tab to the konbini tab with the keyboard, as WAI-ARIA tabs work. */
async function chooseKonbiniByKeyboard(): Promise<void> {
  await tab('クレジットカード').focus();
  await page.keyboard.press('ArrowRight');
  assert.equal(await tab('コンビニ払い').getAttribute('aria-selected'), 'true');
}

/** Lawson, name, email, the phone in full-width digits; then Pay, and wait for the slip. */
async function payAtLawson(): Promise<void> {
  await page.getByRole('radio', { name: /ローソン/ }).check();
  await page.getByLabel('お名前').fill('山田 太郎');
  await page.getByLabel('メールアドレス').fill('taro@example.jp');
  await page.getByLabel('電話番号').pressSequentially('０９０１２３４５６７８');
  await shopper.payButton().click();
  await page.getByRole('heading', { name: 'コンビニでお支払いください' }).waitFor();
}

describe('KOMOJU konbini payment on a plain HTML page', () => {
  it('moves between the card and konbini tabs with the keyboard (WAI-ARIA tabs)', async () => {
    const card = tab('クレジットカード');
    const konbini = tab('コンビニ払い');
    assert.equal(await card.getAttribute('aria-selected'), 'true');
    assert.equal(await konbini.getAttribute('tabindex'), '-1');
    await card.focus();
    await page.keyboard.press('ArrowRight');
    assert.equal(await konbini.getAttribute('aria-selected'), 'true');
    assert.equal(await card.getAttribute('aria-selected'), 'false');
    assert.ok(await konbini.evaluate((el) => el.matches(':focus')), 'focus follows the selected tab');
    assert.ok(await page.getByRole('tabpanel', { name: 'コンビニ払い' }).isVisible());
    assert.ok(!(await page.getByLabel('カード番号').isVisible()), 'the card panel is hidden');
    // Arrows wrap; Home and End jump.
    await page.keyboard.press('ArrowRight');
    assert.equal(await card.getAttribute('aria-selected'), 'true');
    await page.keyboard.press('End');
    assert.equal(await konbini.getAttribute('aria-selected'), 'true');
    await page.keyboard.press('Home');
    assert.equal(await card.getAttribute('aria-selected'), 'true');
    // A mouse click selects too.
    await konbini.click();
    assert.equal(await konbini.getAttribute('aria-selected'), 'true');
    assert.ok(await page.getByRole('radio', { name: /ローソン/ }).isVisible());
  });

  it('pays at Lawson: the slip shows the number, the code, the JST deadline and a working link', async () => {
    await chooseKonbiniByKeyboard();
    await payAtLawson();

    // What KOMOJU recorded: the payment of this session, its numbers and deadline.
    const sessionId = await sessionIdOfPage();
    const [payment] = e2e.server.sandbox.komoju.inspect.payments({ sessionId });
    assert.ok(payment, 'KOMOJU has the konbini payment');
    assert.equal(payment.status, 'authorized');
    const details = konbiniDetailsSchema.parse(payment.payment_details);
    assert.equal(details.store, 'lawson');
    assert.ok(details.confirmation_code, 'Lawson slips carry a confirmation code');
    assert.ok(payment.payment_deadline);

    // The slip as the shopper reads it.
    assert.match(await slip().locator('[part~="store"] h2').innerText(), /^ローソン/);
    assert.equal(await shownDigits('payment-number'), details.receipt);
    assert.equal(await shownDigits('confirmation-number'), details.confirmation_code);
    const deadline = jstDeadlineText(payment.payment_deadline);
    // The emulator's rule: 23:59:59 JST on the deadline day, shown to the minute.
    assert.equal(new Date(payment.payment_deadline).getUTCSeconds(), 59);
    assert.match(deadline, /^\d{4}年\d{1,2}月\d{1,2}日 23:59$/);
    assert.equal((await slip().locator('time').innerText()).trim(), deadline);
    const amountShown = (await slip().locator('[part~="amount"] dd').innerText()).replace(/[^0-9]/g, '');
    assert.equal(Number(amountShown), payment.total, 'the slip asks for the total KOMOJU will collect');

    // kessai-pending fired once, with the slip.
    const pending = await shopper.eventDetails<SlipDetail>('kessai-pending');
    assert.equal(pending.length, 1);
    assert.equal(pending[0]?.method, 'konbini');
    assert.equal(pending[0]?.slip.store, 'lawson');
    assert.equal(pending[0]?.slip.paymentNumber, details.receipt);
    assert.equal(pending[0]?.slip.confirmationNumber, details.confirmation_code);
    assert.equal(pending[0]?.slip.expiresAt && Date.parse(pending[0].slip.expiresAt), Date.parse(payment.payment_deadline));
    assert.equal(await shopper.events('kessai-success'), 0);
    assert.equal(await shopper.events('kessai-error'), 0);

    // One pay request, straight to KOMOJU, with the phone as national digits and no card data.
    assert.equal(payRequests().length, 1);
    const pay = jsonBody(payRequests()[0]!);
    const sent = pay['payment_details'] as Record<string, unknown>;
    assert.equal(sent['type'], 'konbini');
    assert.equal(sent['store'], 'lawson');
    assert.equal(sent['phone'], '09012345678');
    assert.equal(sent['email'], 'taro@example.jp');
    // The merchant endpoint only started the session.
    const toMerchant = endpointRequests(shopper, e2e, '/api/komoju').map((r) => jsonBody(r)['action']);
    assert.deepEqual(toMerchant, ['start']);

    // The instructions link works: it opens in a new page and shows the same number.
    const link = slip().getByRole('link', { name: /払込票を表示/ });
    assert.equal(await link.getAttribute('target'), '_blank');
    assert.equal(new URL((await link.getAttribute('href')) ?? '').href, new URL(details.instructions_url).href);
    const [instructions] = await Promise.all([shopper.context.waitForEvent('page'), link.click()]);
    await instructions.waitForLoadState();
    assert.equal(new URL(instructions.url()).origin, e2e.sandboxOrigin);
    await instructions.getByRole('heading', { name: /Lawson/ }).waitFor();
    assert.ok(await instructions.getByText(details.receipt, { exact: true }).isVisible());
    await instructions.close();
  });

  it('reports the payment succeeded once the shopper has paid at the store', async () => {
    await tab('コンビニ払い').click();
    await payAtLawson();
    const sessionId = await sessionIdOfPage();

    // Before the shopper pays, the merchant's backend reads it as waiting for payment.
    const before = await callEndpoint(e2e, '/api/komoju', { action: 'status', sessionId });
    assert.equal(before.status, 200);
    assert.equal((before.json['outcome'] as { status: string }).status, 'awaiting_payment');

    const [instructions] = await Promise.all([
      shopper.context.waitForEvent('page'),
      slip().getByRole('link', { name: /払込票を表示/ }).click(),
    ]);
    await instructions.getByRole('button', { name: 'Mark as paid' }).click();
    await instructions.getByRole('status').filter({ hasText: 'Paid' }).waitFor();
    await instructions.close();

    const [payment] = e2e.server.sandbox.komoju.inspect.payments({ sessionId });
    assert.equal(payment?.status, 'captured');
    const afterPaid = await callEndpoint(e2e, '/api/komoju', { action: 'status', sessionId });
    assert.equal(afterPaid.status, 200);
    assert.equal((afterPaid.json['outcome'] as { status: string }).status, 'succeeded');
  });

  it('keeps the shopper on the form with a clear message when the phone number is wrong', async () => {
    await tab('コンビニ払い').click();
    await page.getByRole('radio', { name: /ローソン/ }).check();
    await page.getByLabel('お名前').fill('山田 太郎');
    await page.getByLabel('メールアドレス').fill('taro@example.jp');
    await page.getByLabel('電話番号').pressSequentially(toFullWidth('0901234'));
    await shopper.payButton().click();
    await page.getByText('電話番号が正しくありません', { exact: false }).waitFor();
    assert.equal(await page.getByLabel('電話番号').getAttribute('aria-invalid'), 'true');
    assert.ok(await page.getByLabel('電話番号').evaluate((el) => el.matches(':focus')), 'the wrong field is focused');
    assert.equal(payRequests().length, 0);
    assert.equal(await shopper.events('kessai-submit'), 0);
  });

  it('passes an axe accessibility check on the konbini form and on the slip', async () => {
    await tab('コンビニ払い').click();
    await injectAxe(page);
    assert.deepEqual(await axeViolations(page), [], 'konbini form');
    await payAtLawson();
    assert.deepEqual(await axeViolations(page), [], 'slip');
  });
});

/** The KOMOJU session id of this page's checkout, from the `start` answer the page received. */
async function sessionIdOfPage(): Promise<string> {
  const sessions = e2e.server.sandbox.komoju.inspect.sessions();
  // The session the page paid: the one whose pay request the page sent.
  const paid = payRequests()[0];
  assert.ok(paid, 'the page sent a pay request');
  const id = /\/sessions\/([^/]+)\/pay$/.exec(new URL(paid.url).pathname)?.[1];
  assert.ok(id && sessions.some((s) => s.id === decodeURIComponent(id)), 'the paid session exists in KOMOJU');
  return decodeURIComponent(id);
}

const require = createRequire(import.meta.url);

/** Puts axe-core into the page (evaluated over the DevTools protocol, so the page's CSP allows it). */
async function injectAxe(target: Page): Promise<void> {
  const source = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await target.evaluate(source);
}

async function axeViolations(target: Page): Promise<string[]> {
  return target.evaluate(async () => {
    const axe = (window as unknown as {
      axe: { run(context: unknown, options: unknown): Promise<{ passes: unknown[]; violations: { id: string; nodes: { target: unknown }[] }[] }> };
    }).axe;
    // WCAG 2.x A and AA rules: the page-level best practices (a <main> landmark, every part of the
    // page inside a region) judge the merchant's page, not the checkout.
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
      resultTypes: ['violations'],
    });
    if (result.passes.length === 0) return ['axe ran no rule'];
    return result.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  });
}
