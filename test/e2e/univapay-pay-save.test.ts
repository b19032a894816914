/**
 * End to end, "Save this card" while paying with UnivaPay (docs/providers.md "UnivaPay › Recurring
 * tokens"): on the plain merchant page (`demo/plain-univapay.html`, a shop whose endpoint has
 * `onCardSaved`) the box 「このカードを保存する」 sits under UnivaPay's inline form, which makes a
 * recurring token from the start (its 3-D Secure, if any, inside UnivaPay's form). Ticked, the payment
 * saves the card with the shop, and the next visit (the same shopper by the demo's cookie) lists it first
 * and pays it in one click; unticked, the payment saves nothing and the shop deletes the token at UnivaPay.
 *
 * The request audit, after every test: card digits only from UnivaPay's frame to the sandbox, never from
 * the page or to the merchant; the recurring token's id passes the page once, from UnivaPay's form to the
 * endpoint's `complete`, and never comes back: not in a session, an outcome, an event or web storage.
 */
import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { endpointRequests, jsonBody, openShopper, type Shopper, typeIntoUnivapay, univapayForm, useE2E } from './shopper.ts';
import { assertRecurringTokensOffPage, recordEndpointAnswers } from './univapay-token-audit.ts';

const ENDPOINT = '/api/univapay';

const e2e = useE2E();

let shopper: Shopper | undefined;
let page: Page;
/** What the endpoint answered this shopper (sessions, outcomes), as text. */
let answers: Promise<string>[] = [];

async function open(path: string): Promise<void> {
  shopper = await openShopper(e2e, path, {
    prepare: async (p) => {
      answers = recordEndpointAnswers(p, ENDPOINT);
    },
  });
  page = shopper.page;
}

const saveBox = () => page.getByRole('checkbox', { name: 'このカードを保存する' });
const univapay = () => e2e.server.sandbox.univapay.inspect;
const completes = () => endpointRequests(shopper!, e2e, ENDPOINT).map(jsonBody).filter((b) => b['action'] === 'complete');

beforeEach(() => {
  shopper = undefined;
  answers = [];
});
afterEach(async () => {
  if (shopper) await assertRecurringTokensOffPage(e2e, shopper, ENDPOINT, answers);
});

describe('UnivaPay: "Save this card" while paying', () => {
  it('ticked: pays, saves the card with the shop; the next visit lists it first and pays it in one click', async () => {
    await open('/plain-univapay.html');
    await saveBox().waitFor();
    assert.equal(await saveBox().isChecked(), false, 'not ticked until the shopper ticks it');
    await typeIntoUnivapay(shopper!, '4000020000000000');
    await saveBox().check();
    await shopper!.payButton().click();
    await page.getByText('お支払いが完了しました').waitFor();
    const [paid] = await shopper!.eventDetails<{ method: string; paymentMethodId?: string; brand?: string; last4?: string }>('kessai-success');
    assert.match(paid?.paymentMethodId ?? '', /^card_/);
    assert.deepEqual([paid?.method, paid?.brand, paid?.last4], ['card', 'visa', '0000']);
    // UnivaPay's form made a recurring token; the shop charged it and keeps it.
    const [complete] = completes();
    assert.equal(complete?.['saveCard'], true);
    const token = univapay().tokens().find((t) => t.id === complete?.['token']);
    assert.deepEqual([token?.type, token?.deleted], ['recurring', false]);
    const charge = univapay().charges().find((c) => c.transaction_token_id === token?.id);
    assert.deepEqual([charge?.status, charge?.requested_amount], ['successful', 1980]);

    await page.goto(`${e2e.pageOrigin}/plain-univapay.html`);
    const card = page.getByRole('radio', { name: /Visa 末尾 0000/ });
    await card.waitFor();
    assert.equal(await card.isChecked(), true, 'the saved card comes first, chosen');
    await shopper!.payButton().click();
    await page.getByText('お支払いが完了しました').waitFor();
    assert.equal(completes().at(-1)!['token'], paid?.paymentMethodId, 'the page pays with the shop\'s id, never the token');
    const charges = univapay().charges().filter((c) => c.transaction_token_id === token?.id);
    assert.deepEqual(charges.map((c) => c.status), ['successful', 'successful']);
  });

  it('ticked with a card that needs 3-D Secure: authenticated inside UnivaPay\'s form, then paid and saved', async () => {
    await open('/plain-univapay.html');
    await saveBox().waitFor();
    await typeIntoUnivapay(shopper!, '4000000000003220');
    await saveBox().check();
    await shopper!.payButton().click();
    await univapayForm(page).getByRole('button', { name: 'Complete authentication' }).click();
    await page.getByText('お支払いが完了しました').waitFor();
    // No redirect to a challenge page: the token's own 3-D Secure ran in the form, the charge used `normal`.
    assert.equal(shopper!.requests.some((r) => new URL(r.url).pathname.endsWith('/three_ds/challenge')), false);
    const [paid] = await shopper!.eventDetails<{ paymentMethodId?: string; last4?: string }>('kessai-success');
    assert.match(paid?.paymentMethodId ?? '', /^card_/);
    assert.equal(paid?.last4, '3220');
  });

  it('unticked: pays and saves nothing; the token is deleted at UnivaPay; the next visit lists no card', async () => {
    await open('/plain-univapay.html');
    await saveBox().waitFor();
    await typeIntoUnivapay(shopper!, '4000020000000000');
    await shopper!.payButton().click();
    await page.getByText('お支払いが完了しました').waitFor();
    const [paid] = await shopper!.eventDetails<{ paymentMethodId?: string }>('kessai-success');
    assert.equal(paid?.paymentMethodId, undefined);
    const [complete] = completes();
    assert.equal(complete?.['saveCard'], false);
    const token = univapay().tokens().find((t) => t.id === complete?.['token']);
    assert.deepEqual([token?.type, token?.deleted], ['recurring', true]);
    assert.equal(univapay().charges().find((c) => c.transaction_token_id === token?.id)?.status, 'successful');

    await page.goto(`${e2e.pageOrigin}/plain-univapay.html`);
    await shopper!.payButton().waitFor();
    await saveBox().waitFor();
    assert.equal(await page.getByRole('radio').count(), 0, 'no saved card listed');
  });
});
