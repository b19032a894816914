/**
 * The audit of the KOMOJU saved-card tests (setup mode, pay and save): the merchant's origin never gets
 * card digits, and no KOMOJU customer id reaches the page, in anything it sent, received, kept in web
 * storage, told in an event or shows in its URL (docs/providers.md "KOMOJU › Customers and saved cards").
 * One exception, KOMOJU's own: the answer of `POST /sessions/{id}/pay`, whose payment names its customer
 * (KOMOJU's Payment model, `customer`), as a `customer_payment` session's does; the page keeps none of it.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { containsCardNumber } from '../support/card-scan.ts';
import { assertCardDataContained, isKomojuCardRoute, type E2E, type Shopper } from './shopper.ts';

export interface PageAnswer {
  readonly url: string;
  readonly body: string;
}

/** Records the text of every answer `page` receives (its fetches and navigations), from now on. */
export function recordAnswers(page: Page): PageAnswer[] {
  const answers: PageAnswer[] = [];
  page.on('response', (response) => {
    void response
      .text()
      .then((body) => answers.push({ url: response.url(), body }))
      .catch(() => answers.push({ url: response.url(), body: '' }));
  });
  return answers;
}

/**
 * Runs after a test: the checks above over `answers` (from `recordAnswers`), then the card containment
 * of KOMOJU's card routes, which runs even when a check above fails. `expectCustomers`: the test made at
 * least one KOMOJU customer, so the check cannot pass for want of one.
 */
export async function assertKomojuCustomersOffPage(
  e2e: E2E,
  shopper: Shopper,
  answers: readonly PageAnswer[],
  options: { readonly expectCustomers?: boolean } = {},
): Promise<void> {
  const { page } = shopper;
  try {
    // No card digits to the merchant's origin, in any spelling.
    for (const request of shopper.requests.filter((r) => r.origin === e2e.pageOrigin)) {
      for (const number of shopper.typedCards) assert.ok(!containsCardNumber(request.body + request.url, number), request.url);
    }
    // No KOMOJU customer id in anything the page sent, received, kept or told.
    const customers = e2e.server.sandbox.komoju.inspect.customers().map((c) => String(c['id']));
    if (options.expectCustomers) assert.ok(customers.length > 0);
    const kept = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
    const told = await page.evaluate(() => JSON.stringify((window as unknown as { kessaiEvents?: unknown[] }).kessaiEvents ?? []));
    for (const id of customers) {
      for (const answer of answers) {
        if (isKomojuPayAnswer(e2e, answer)) continue;
        assert.ok(!answer.body.includes(id), `a KOMOJU customer id in the answer of ${answer.url}`);
      }
      for (const request of shopper.requests) assert.ok(!(request.url + request.body).includes(id), `a KOMOJU customer id sent to ${request.url}`);
      assert.ok(!kept.includes(id) && !told.includes(id) && !page.url().includes(id));
    }
  } finally {
    await assertCardDataContained(shopper, { sandboxOrigin: e2e.sandboxOrigin, cardPath: isKomojuCardRoute });
  }
}

/** KOMOJU's answer to `POST /sessions/{id}/pay` (the emulator's origin), which names a payment's customer. */
function isKomojuPayAnswer(e2e: E2E, answer: PageAnswer): boolean {
  const url = new URL(answer.url);
  return url.origin === e2e.sandboxOrigin && /^\/sandbox\/komoju\/api\/v1\/sessions\/[^/]+\/pay$/.test(url.pathname);
}
