/**
 * The audit of the UnivaPay saved-card tests (setup mode, pay and save): the merchant's endpoint never
 * gets card digits; a recurring token id reaches it only in the `complete` UnivaPay's inline form made
 * the token for (the form hands the page its token: docs/providers.md "UnivaPay › Recurring tokens");
 * the endpoint never answers the page a recurring token, and none is kept in web storage or told in an
 * event; card digits go only from UnivaPay's frame to its token route on the sandbox.
 */
import assert from 'node:assert/strict';
import type { Page, Response } from 'playwright-core';
import { containsCardNumber } from '../support/card-scan.ts';
import { assertCardDataContained, endpointRequests, jsonBody, type E2E, type Shopper } from './shopper.ts';

const INLINE_TOKENS = '/sandbox/univapay/client/inline/tokens';

/** Records, from now on, the text of every answer of the endpoint `endpoint` to `page`. */
export function recordEndpointAnswers(page: Page, endpoint: string): Promise<string>[] {
  const answers: Promise<string>[] = [];
  page.on('response', (response: Response) => {
    if (new URL(response.url()).pathname === endpoint) answers.push(response.text().catch(() => ''));
  });
  return answers;
}

/**
 * Runs after a test: the checks above over the requests to `endpoint` and its `answers` (from
 * `recordEndpointAnswers`), then the card containment, which runs even when a check above fails.
 */
export async function assertRecurringTokensOffPage(e2e: E2E, shopper: Shopper, endpoint: string, answers: readonly Promise<string>[]): Promise<void> {
  try {
    const tokens = e2e.server.sandbox.univapay.inspect.tokens().filter((t) => t.type === 'recurring').map((t) => t.id);
    for (const request of endpointRequests(shopper, e2e, endpoint)) {
      for (const number of shopper.typedCards) assert.ok(!containsCardNumber(request.body, number), request.body);
      if (tokens.some((id) => request.body.includes(id))) assert.equal(jsonBody(request)['action'], 'complete', request.body);
    }
    const texts = await Promise.all(answers);
    const seen = await shopper.page.evaluate(
      () =>
        JSON.stringify((window as unknown as { kessaiEvents?: unknown[] }).kessaiEvents ?? []) +
        JSON.stringify({ ...localStorage }) +
        JSON.stringify({ ...sessionStorage }),
    );
    for (const id of tokens) {
      for (const text of texts) assert.ok(!text.includes(id), `the endpoint answered the page a recurring token: ${text}`);
      assert.ok(!seen.includes(id), 'a recurring token in an event or in web storage');
    }
  } finally {
    await assertCardDataContained(shopper, { sandboxOrigin: e2e.sandboxOrigin, cardPath: (path) => path === INLINE_TOKENS, pageMaySendCards: false });
  }
}
