/**
 * End to end, as a shopper on a plain merchant page whose endpoint is UnivaPay
 * (`demo/plain-univapay.html`: `<kessai-checkout endpoint="/api/univapay">`), against the embedded
 * UnivaPay sandbox, in Debian's Chromium: konbini at 7-Eleven (payment number and slip link) and at
 * Lawson (number only); and cards in our own inputs, as a PCI DSS merchant UnivaPay allows to send raw
 * card data does (`demo/plain-univapay-pci.html`, `/api/univapay-pci`): success, 3-D Secure passed and
 * failed, decline. Cards in UnivaPay's inline form, the default: `univapay-inline-form.test.ts`.
 *
 * UnivaPay has no server object to pay: the browser turns the card into a transaction token at
 * UnivaPay (`POST /tokens` with the app token) and the merchant's endpoint charges that token. Every
 * test proves from the recorded requests that the endpoint only ever saw the token id, and that card
 * digits went to the sandbox's `/tokens` and nowhere else.
 */
import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { RecordedRequest } from './browser.ts';
import { containsCardNumber } from '../support/card-scan.ts';
import {
  cardLikeRuns,
  assertCardDataContained,
  endpointRequests,
  jsonBody,
  jstDeadlineText,
  openShopper,
  useE2E,
  typeCard as typeShopperCard,
  type Shopper,
} from './shopper.ts';

const CARDS = {
  success: '4000020000000000',
  challenge: '4000000000003220',
  declined: '4111111111111111',
} as const;
/** The endpoint of the page under test: `/api/univapay`, or the PCI DSS merchant's for the card tests. */
let ENDPOINT = '/api/univapay';
const TOKENS_PATH = '/sandbox/univapay/tokens';

interface SlipDetail {
  readonly method: string;
  readonly slip: {
    readonly store: string;
    readonly paymentNumber: string;
    readonly expiresAt: string;
    readonly slipUrl?: string;
  };
}

const e2e = useE2E();

let shopper: Shopper;
let page: Page;
beforeEach(async () => {
  ENDPOINT = '/api/univapay';
  shopper = await openShopper(e2e, '/plain-univapay.html');
  page = shopper.page;
});
afterEach(async () => {
  try {
    assertEndpointSawNoCard();
  } finally {
    // Card digits only in the body of the sandbox's `POST /tokens`; nothing else anywhere.
    await assertCardDataContained(shopper, {
      sandboxOrigin: e2e.sandboxOrigin,
      cardPath: (path) => path === TOKENS_PATH,
    });
  }
});

/**
 * Every request to the merchant endpoint is a protocol request, and `complete` carries a token id that
 * the sandbox issued: the merchant never sees card data.
 */
function assertEndpointSawNoCard(): void {
  const toEndpoint = endpointRequests(shopper, e2e, ENDPOINT);
  assert.ok(toEndpoint.length >= 1, 'the page talked to its endpoint');
  const issued = new Set(e2e.server.sandbox.univapay.inspect.tokens().map((t) => t.id));
  for (const request of toEndpoint) {
    assert.equal(request.method, 'POST');
    assert.deepEqual(cardLikeRuns(request.body), [], `card-like digits sent to the endpoint: ${request.body}`);
    for (const number of shopper.typedCards) assert.ok(!containsCardNumber(request.body, number), request.body);
    const body = jsonBody(request);
    assert.ok(['start', 'complete', 'status'].includes(String(body['action'])), request.body);
    if (body['action'] === 'complete') {
      for (const key of Object.keys(body)) {
        assert.ok(['action', 'sessionId', 'token', 'method', 'context', 'returnUrl'].includes(key), `unexpected ${key}: ${request.body}`);
      }
      assert.ok(issued.has(String(body['token'])), `the endpoint got a token id the sandbox issued: ${request.body}`);
    }
  }
}

const tokenRequests = () =>
  shopper.requests.filter((r) => r.method === 'POST' && r.origin === e2e.sandboxOrigin && new URL(r.url).pathname === TOKENS_PATH);
const completes = (): RecordedRequest[] =>
  endpointRequests(shopper, e2e, ENDPOINT).filter((r) => jsonBody(r)['action'] === 'complete');
const alert = () => page.getByRole('alert').filter({ hasText: /\S/ });

/** Types a card as a shopper does, over whatever the fields held. */
const typeCard = (number: string) => typeShopperCard(shopper, number);

/** The konbini tab, a store, name, email and phone (UnivaPay requires the phone); then Pay. */
async function payAtKonbini(store: RegExp): Promise<void> {
  await page.getByRole('tab', { name: 'コンビニ払い' }).click();
  await page.getByRole('radio', { name: store }).check();
  await page.getByLabel('お名前').fill('山田 太郎');
  await page.getByLabel('メールアドレス').fill('taro@example.jp');
  await page.getByLabel('電話番号').pressSequentially('０９０－１２３４－５６７８');
  await shopper.payButton().click();
  await page.getByRole('heading', { name: 'コンビニでお支払いください' }).waitFor();
}

/** The charge the page's `complete` created, as UnivaPay holds it. */
function chargeOfPage() {
  const [complete] = completes();
  assert.ok(complete, 'the page asked its endpoint to charge the token');
  const token = String(jsonBody(complete)['token']);
  const charge = e2e.server.sandbox.univapay.inspect.charges().find((c) => c.transaction_token_id === token);
  assert.ok(charge, 'UnivaPay has the charge of the token');
  return charge;
}

const slip = () => page.locator('kessai-konbini-slip');
const shownPaymentNumber = async () =>
  (await slip().locator('[part~="payment-number"] [part~="number"]').innerText()).replace(/[^0-9-]/g, '');

describe('UnivaPay konbini on a plain HTML page', () => {
  it('shows the 7-Eleven payment number and a link to the slip', async () => {
    await payAtKonbini(/セブン-イレブン/);
    const charge = chargeOfPage();
    assert.equal(charge.status, 'awaiting');
    const number = String(charge.metadata['internal_convenience_payment_number']);
    const url = String(charge.metadata['internal_convenience_payment_url']);
    assert.match(number, /^\d{13}$/);

    assert.match(await slip().locator('[part~="store"] h2').innerText(), /^セブン-イレブン/);
    assert.equal(await shownPaymentNumber(), number);
    const link = slip().getByRole('link', { name: /払込票を表示/ });
    assert.equal(new URL((await link.getAttribute('href')) ?? '').href, new URL(url).href);

    const [pending] = await shopper.eventDetails<SlipDetail>('kessai-pending');
    assert.equal(pending?.slip.store, 'seven-eleven');
    assert.equal(pending?.slip.paymentNumber, number);
    assert.equal(await shopper.events('kessai-pending'), 1);

    // The token carried the phone as UnivaPay wants it, national digits with the country code apart.
    assert.equal(tokenRequests().length, 1);
    const data = jsonBody(tokenRequests()[0]!)['data'] as Record<string, unknown>;
    assert.equal(data['convenience_store'], 'seven_eleven');
    assert.deepEqual(data['phone_number'], { country_code: '81', local_number: '09012345678' });

    // The link opens UnivaPay's slip page, with the same number.
    const [slipPage] = await Promise.all([shopper.context.waitForEvent('page'), link.click()]);
    await slipPage.getByRole('heading', { name: /7-Eleven/ }).waitFor();
    assert.equal(new URL(slipPage.url()).origin, e2e.sandboxOrigin);
    assert.ok(await slipPage.getByText(number, { exact: true }).isVisible());
    await slipPage.close();
  });

  it('shows the Lawson payment number without a slip link', async () => {
    await payAtKonbini(/ローソン/);
    const charge = chargeOfPage();
    const number = String(charge.metadata['internal_convenience_payment_number']);
    assert.equal(charge.metadata['internal_convenience_payment_url'], undefined, 'UnivaPay issues a slip URL for 7-Eleven only');

    assert.match(await slip().locator('[part~="store"] h2').innerText(), /^ローソン/);
    assert.equal(await shownPaymentNumber(), number);
    assert.equal(await slip().getByRole('link').count(), 0);
    const [pending] = await shopper.eventDetails<SlipDetail>('kessai-pending');
    assert.equal(pending?.slip.store, 'lawson');
    assert.equal(pending?.slip.paymentNumber, number);
    assert.equal(pending?.slip.slipUrl, undefined);
    // The deadline, in JST, to the minute: UnivaPay's are at 23:59 (README 2.7).
    const deadline = jstDeadlineText(pending?.slip.expiresAt ?? '');
    assert.match(deadline, /^\d{4}年\d{1,2}月\d{1,2}日 23:59$/);
    assert.equal((await slip().locator('time').innerText()).trim(), deadline);
  });
});

describe('UnivaPay card in our own inputs (a PCI DSS merchant) on a plain HTML page', () => {
  beforeEach(async () => {
    ENDPOINT = '/api/univapay-pci';
    await page.goto(`${e2e.pageOrigin}/plain-univapay-pci.html`);
    await shopper.payButton().waitFor();
  });

  it(`pays with ${CARDS.success}`, async () => {
    await typeCard(CARDS.success);
    await shopper.payButton().click();
    await page.getByText('お支払いが完了しました').waitFor();
    assert.ok(await page.getByText('Visa 末尾 0000').isVisible());
    assert.equal(await shopper.events('kessai-success'), 1);
    assert.equal(tokenRequests().length, 1);
    assert.equal(completes().length, 1);
    assert.equal(chargeOfPage().status, 'successful');
    // The card went to UnivaPay's /tokens; the endpoint got the id of the token UnivaPay made of it.
    const sent = jsonBody(tokenRequests()[0]!)['data'] as Record<string, unknown>;
    assert.equal(sent['card_number'], CARDS.success);
    const tokenId = jsonBody(completes()[0]!)['token'];
    const token = e2e.server.sandbox.univapay.inspect.tokens().find((t) => t.id === tokenId);
    assert.deepEqual({ type: token?.payment_type, last4: token?.last_four }, { type: 'card', last4: '0000' });
  });

  it(`passes the 3-D Secure challenge with ${CARDS.challenge} and resumes on return`, async () => {
    await typeCard(CARDS.challenge);
    await shopper.payButton().click();
    await page.waitForURL((url) => url.origin === e2e.sandboxOrigin && url.pathname === '/sandbox/univapay/three_ds/challenge');
    await page.getByRole('button', { name: 'Complete authentication' }).click();
    await page.waitForURL((url) => url.origin === e2e.pageOrigin && url.pathname === '/plain-univapay-pci.html');
    await page.getByText('お支払いが完了しました').waitFor();
    assert.equal(await shopper.events('kessai-success'), 1);
    // The return parameter is gone from the address bar once the payment is resumed.
    assert.equal(new URL(page.url()).search, '', page.url());
    assert.equal(chargeOfPage().status, 'successful');
    assert.equal(tokenRequests().length, 1);
    assert.equal(completes().length, 1);
    // Back on the page, the endpoint was asked for the charge's status, by its id.
    const statuses = endpointRequests(shopper, e2e, ENDPOINT).filter((r) => jsonBody(r)['action'] === 'status');
    assert.equal(statuses.length, 1);
    assert.equal(jsonBody(statuses[0]!)['reference'], chargeOfPage().id);
  });

  it(`reports a failed 3-D Secure challenge with ${CARDS.challenge} as a retryable error`, async () => {
    await typeCard(CARDS.challenge);
    await shopper.payButton().click();
    await page.waitForURL((url) => url.pathname === '/sandbox/univapay/three_ds/challenge');
    await page.getByRole('button', { name: 'Fail authentication' }).click();
    await page.waitForURL((url) => url.origin === e2e.pageOrigin);
    await alert().filter({ hasText: '本人認証' }).waitFor();
    assert.match(await alert().innerText(), /もう一度お試し/);
    const errors = await shopper.eventDetails<{ code: string; retryable: boolean }>('kessai-error');
    assert.deepEqual(errors.map((e) => ({ code: e.code, retryable: e.retryable })), [{ code: 'authentication', retryable: true }]);
    assert.equal(await shopper.events('kessai-success'), 0);
    assert.equal(chargeOfPage().status, 'failed');
    assert.ok(!new URL(page.url()).search.includes('univapayChargeId'), page.url());
    // Retryable: the shopper can pay again, here with another card, without reloading.
    await typeCard(CARDS.success);
    await shopper.payButton().click();
    await page.getByText('お支払いが完了しました').waitFor();
  });

  it(`declines ${CARDS.declined} with a clear message`, async () => {
    await typeCard(CARDS.declined);
    await shopper.payButton().click();
    await alert().filter({ hasText: 'カードが承認されませんでした' }).waitFor();
    const errors = await shopper.eventDetails<{ code: string; retryable: boolean; message: string }>('kessai-error');
    assert.equal(errors.length, 1);
    assert.equal(errors[0]?.code, 'declined');
    assert.equal(errors[0]?.retryable, true);
    assert.equal(errors[0]?.message, await alert().innerText());
    assert.equal(await shopper.events('kessai-success'), 0);
    assert.equal(chargeOfPage().status, 'failed');
    // The form is still there to try another card.
    assert.ok(await page.getByLabel('カード番号').isVisible());
  });
});
