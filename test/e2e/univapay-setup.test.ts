/**
 * End to end, as a returning shopper with UnivaPay (docs/providers.md "UnivaPay › Recurring tokens"):
 * a plain page with `mode="setup"` (`demo/plain-univapay-setup.html`) saves a card typed into UnivaPay's
 * inline form as a recurring token (its 3-D Secure run inside UnivaPay's form), the demo shop keeps it
 * with the shopper (by cookie) and the page gets the shop's own id; the next visit
 * (`demo/plain-univapay.html`) lists the card first and pays with it in one click, the server charging
 * the recurring token (`three_ds.mode` `require`: the sandbox's challenge card asks again).
 *
 * The request audit, after every test: card digits only from UnivaPay's frame to the sandbox, never
 * from the page or to the merchant; the recurring token's id passes the page once, from UnivaPay's form
 * to the endpoint's setup `complete` (the only way UnivaPay's form hands it to the shop), and never
 * comes back: not in a session, an outcome, an event, a later request or web storage.
 */
import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FrameLocator, Page } from 'playwright-core';
import { endpointRequests, jsonBody, openShopper, useE2E, type Shopper, typeIntoUnivapay, univapayForm } from './shopper.ts';
import { assertRecurringTokensOffPage, recordEndpointAnswers } from './univapay-token-audit.ts';

const ENDPOINT = '/api/univapay';

const e2e = useE2E();

let shopper: Shopper | undefined;
let page: Page;
/** What the endpoint answered this shopper (sessions, outcomes), as text. */
let answers: Promise<string>[] = [];

async function open(path: string): Promise<void> {
  shopper = await openShopper(e2e, path, {
    untilReady: false,
    prepare: async (p) => {
      answers = recordEndpointAnswers(p, ENDPOINT);
    },
  });
  page = shopper.page;
}
/** The same shopper comes back (same browser, same cookie). */
async function visit(path: string): Promise<void> {
  await page.goto(`${e2e.pageOrigin}${path}`);
}

const saveButton = () => page.getByRole('button', { name: 'カードを保存' });
const recurringTokens = () => e2e.server.sandbox.univapay.inspect.tokens().filter((t) => t.type === 'recurring');

beforeEach(() => {
  shopper = undefined;
  answers = [];
});
afterEach(async () => {
  if (shopper) await assertRecurringTokensOffPage(e2e, shopper, ENDPOINT, answers);
});

/** UnivaPay's iframe, as the shopper sees it inside our layout. */
const inlineForm = (): FrameLocator => univapayForm(page);

/** Saves `number` on the setup page; `threeDs` answers UnivaPay's own 3-D Secure step inside its form. */
async function saveCard(number: string, threeDs?: 'Complete authentication' | 'Fail authentication'): Promise<void> {
  await saveButton().waitFor();
  await typeIntoUnivapay(shopper!, number);
  await saveButton().click();
  if (threeDs) await inlineForm().getByRole('button', { name: threeDs }).click();
}

const completes = () => endpointRequests(shopper!, e2e, ENDPOINT).map(jsonBody).filter((b) => b['action'] === 'complete');

describe('UnivaPay setup mode and saved cards', () => {
  it('setup saves a card and reports the shop\'s id; the next visit lists it first and pays with it in one click', async () => {
    await open('/plain-univapay-setup.html');
    await saveButton().waitFor();
    assert.equal(await page.getByText('¥').count(), 0, 'no amount in setup mode');
    await saveCard('4000020000000000');
    await page.getByText('カードを保存しました').waitFor();
    const [saved] = await shopper!.eventDetails<{ method: string; paymentMethodId?: string; brand?: string; last4?: string }>('kessai-success');
    assert.match(saved?.paymentMethodId ?? '', /^card_/);
    assert.deepEqual([saved?.method, saved?.brand, saved?.last4], ['card', 'visa', '0000']);
    // UnivaPay made a recurring token; nothing was charged.
    const [token] = recurringTokens();
    assert.equal(String(completes()[0]!['token']), token?.id);
    assert.equal(e2e.server.sandbox.univapay.inspect.charges().filter((c) => c.transaction_token_id === token?.id).length, 0);

    await visit('/plain-univapay.html');
    const card = page.getByRole('radio', { name: /Visa 末尾 0000/ });
    await card.waitFor();
    assert.equal(await card.isChecked(), true, 'the saved card comes first, chosen');
    await shopper!.payButton().click();
    await page.getByText('お支払いが完了しました').waitFor();
    const pay = completes().at(-1)!;
    assert.equal(pay['token'], saved?.paymentMethodId, 'the page pays with the shop\'s id, never the token');
    const charge = e2e.server.sandbox.univapay.inspect.charges().find((c) => c.transaction_token_id === token?.id);
    assert.deepEqual([charge?.status, charge?.requested_amount, charge?.transaction_token_type], ['successful', 1980, 'recurring']);
  });

  it('a saved card that needs 3-D Secure: authenticated when saved in UnivaPay\'s form, then failed and passed when paying', async () => {
    await open('/plain-univapay-setup.html');
    await saveCard('4000000000003220', 'Complete authentication');
    await page.getByText('カードを保存しました').waitFor();

    await visit('/plain-univapay.html');
    await page.getByRole('radio', { name: /Visa 末尾 3220/ }).waitFor();
    await shopper!.payButton().click();
    await page.waitForURL((url) => url.origin === e2e.sandboxOrigin && url.pathname === '/sandbox/univapay/three_ds/challenge');
    await page.getByRole('button', { name: 'Fail authentication' }).click();
    await page.waitForURL((url) => url.origin === e2e.pageOrigin && url.pathname === '/plain-univapay.html');
    await page.getByRole('alert').filter({ hasText: '本人認証' }).waitFor();

    await page.getByRole('radio', { name: /Visa 末尾 3220/ }).check();
    await shopper!.payButton().click();
    await page.waitForURL((url) => url.origin === e2e.sandboxOrigin && url.pathname === '/sandbox/univapay/three_ds/challenge');
    await page.getByRole('button', { name: 'Complete authentication' }).click();
    await page.waitForURL((url) => url.origin === e2e.pageOrigin && url.pathname === '/plain-univapay.html');
    await page.getByText('お支払いが完了しました').waitFor();
    const statuses = e2e.server.sandbox.univapay.inspect.charges().filter((c) => c.transaction_token_type === 'recurring').map((c) => c.status);
    assert.ok(statuses.includes('failed') && statuses.includes('successful'), statuses.join());
  });

  it('a failed 3-D Secure when saving keeps nothing: an authentication error, no saved card on the next visit', async () => {
    await open('/plain-univapay-setup.html');
    await saveCard('4000000000003220', 'Fail authentication');
    await page.getByRole('alert').filter({ hasText: '本人認証' }).waitFor();
    const errors = await shopper!.eventDetails<{ code: string; retryable: boolean }>('kessai-error');
    assert.deepEqual(errors.map((e) => [e.code, e.retryable]), [['authentication', true]]);
    await visit('/plain-univapay.html');
    await shopper!.payButton().waitFor();
    assert.equal(await page.getByRole('radio').count(), 0, 'no saved card listed');
  });
});
