import { expect } from '@open-wc/testing';
import { sandboxOriginFor } from '../../src/sandbox/origins.ts';
import { cardLikeRuns, containsCardNumber } from '../support/card-scan.ts';
import { KESSAI_EVENTS } from '../support/kessai-events.ts';

/**
 * The security rules of DESIGN.md, checked after every browser checkout test (the harness registers
 * `auditAfterEachTest`): every request the page made (through the fake servers or the real sandbox),
 * every navigation the checkout asked for, every `kessai-*` event and everything stored, searched for
 * each card number the test typed, in every spelling a leak could take (`test/support/card-scan.ts`).
 * A card number may only be in the body of a request to a provider's card route.
 */

export interface AuditedRequest {
  readonly url: string;
  readonly method: string;
  readonly body: string;
  readonly headers: Headers;
  /** The answer's text, for tests that compare what the page sent on with what it was given. */
  readonly response?: Promise<string>;
}

/** Where the browser reaches the sandbox in these tests: the other host of the page's origin. */
export const SANDBOX_ORIGIN = sandboxOriginFor(location.origin);

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The provider routes that take card details from the browser, on the fake and on the sandbox. */
const CARD_ROUTES: readonly RegExp[] = [
  // The fake KOMOJU of checkout-harness.ts, on its own origin and on the page's.
  /^https:\/\/komoju\.test\/api\/v1\/(secure_tokens|sessions\/[^/]+\/pay)$/,
  new RegExp(`^${escape(location.origin)}/komoju-fake/api/v1/(secure_tokens|sessions/[^/]+/pay)$`),
  // The emulators (test/browser/server/sandbox-middleware.ts), on the sandbox origin.
  new RegExp(`^${escape(SANDBOX_ORIGIN)}/sandbox/komoju/api/v1/(secure_tokens|sessions/[^/]+/pay)$`),
  new RegExp(`^${escape(SANDBOX_ORIGIN)}/sandbox/univapay/tokens$`),
];

const requests: AuditedRequest[] = [];
const typedCards = new Set<string>();
const events: Array<{ type: string; detail: unknown }> = [];

/** Records one request the page made. */
export function recordRequest(request: AuditedRequest): void {
  requests.push(request);
}

/** The requests recorded in this test, oldest first. */
export function recordedRequests(): readonly AuditedRequest[] {
  return requests;
}

/** Remembers a card number typed by the test (any spelling; kept as half-width digits). */
export function rememberTypedCard(text: string): void {
  const digits = text
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/\D/g, '');
  if (digits.length >= 12) typedCards.add(digits);
}

/** The requests whose body or URL carried `number`, in any spelling: where a typed card went. */
export function requestsCarrying(number: string): AuditedRequest[] {
  return requests.filter((r) => containsCardNumber(r.body, number) || containsCardNumber(r.url, number));
}

const realFetch = window.fetch.bind(window);

/** `window.fetch` that records every request and its answer, then lets it through to the network. */
export const recordingFetch: typeof fetch = async (input, init) => {
  const request = new Request(input, init);
  const body = init?.body === undefined || init.body === null ? '' : await request.clone().text();
  const response = realFetch(request);
  recordRequest({
    url: request.url,
    method: request.method,
    body,
    headers: request.headers,
    response: response.then((r) => r.clone().text()).catch(() => ''),
  });
  return response;
};

for (const type of KESSAI_EVENTS) {
  document.addEventListener(type, (event) => events.push({ type, detail: (event as CustomEvent).detail }), true);
}

/** Where a card number may go: the body of a request to a provider's card route. */
function isCardRoute(url: string): boolean {
  const bare = url.split(/[?#]/)[0] ?? url;
  return CARD_ROUTES.some((route) => route.test(bare));
}

/**
 * Checks the rules for this test and forgets it. `elsewhere` holds anything else the test kept that
 * must not carry a card (the checkout's navigations and its pending-attempt store).
 */
export function assertCardDataContained(elsewhere: Record<string, unknown> = {}): void {
  try {
    for (const number of typedCards) {
      for (const r of requests) {
        expect(containsCardNumber(r.url, number), `card number in the URL ${r.url}`).to.equal(false);
        for (const [name, value] of r.headers) {
          expect(containsCardNumber(value, number), `card number in the ${name} header of ${r.url}`).to.equal(false);
        }
        if (containsCardNumber(r.body, number)) {
          expect(isCardRoute(r.url), `card number sent to ${r.method} ${r.url}`).to.equal(true);
        }
      }
      expect(containsCardNumber(JSON.stringify(events), number), 'a card number in a kessai-* event').to.equal(false);
      const stored = JSON.stringify({ ...sessionStorage }) + JSON.stringify({ ...localStorage });
      expect(containsCardNumber(stored, number), 'a card number in web storage').to.equal(false);
      for (const [what, value] of Object.entries(elsewhere)) {
        expect(containsCardNumber(JSON.stringify(value), number), `a card number in ${what}`).to.equal(false);
      }
    }
    // A konbini slip's payment number is long by nature; no other event carries anything card-like.
    const others = JSON.stringify(events.filter((e) => e.type !== 'kessai-pending'));
    expect(cardLikeRuns(others), `card-like digits in a kessai-* event: ${others}`).to.deep.equal([]);
  } finally {
    requests.length = 0;
    typedCards.clear();
    events.length = 0;
  }
}
