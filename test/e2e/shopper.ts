/**
 * What every end-to-end test file shares: the demo server and one Chromium per file, a fresh browser
 * context per test with every request, page error and `kessai-*` event recorded, and the check run
 * after each test that card data stayed where it belongs.
 *
 * The page is opened on `http://localhost:<port>` and the sandbox answers on `http://127.0.0.1:<port>`:
 * another origin, as a real provider's API is, so the recorded requests prove where card data went.
 */
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import type { Browser, BrowserContext, FrameLocator, Locator, Page } from 'playwright-core';
import { startDemoServer, type DemoServer } from '../../demo/server.ts';
import { cardLikeRuns, containsCardNumber } from '../support/card-scan.ts';
import { KESSAI_EVENTS, type KessaiEventType } from '../support/kessai-events.ts';
import { launchChromium, recordPageErrors, recordRequests, type RecordedRequest } from './browser.ts';

export { cardLikeRuns } from '../support/card-scan.ts';

/** The demo server (sandbox included) and one browser, for one test file. */
export interface E2E {
  readonly server: DemoServer;
  readonly browser: Browser;
  /** `http://localhost:<port>`: where the merchant's page is opened. */
  readonly pageOrigin: string;
  /** `http://127.0.0.1:<port>`: where the browser reaches the sandbox. */
  readonly sandboxOrigin: string;
  close(): Promise<void>;
}

/** Starts the demo server on a free port and Debian's Chromium. Call in `before`; `close()` in `after`. */
export async function startE2E(): Promise<E2E> {
  const server = await startDemoServer({ port: 0, host: '127.0.0.1', log: () => {} });
  let browser: Browser;
  try {
    browser = await launchChromium();
  } catch (error) {
    await server.close();
    throw error;
  }
  return {
    server,
    browser,
    pageOrigin: server.pageOrigin,
    sandboxOrigin: server.sandboxOrigin,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/**
 * The file's demo server and Chromium, started before its first test and closed after its last
 * (registers the `before` and `after` hooks). Read it inside a hook or a test, once started.
 */
export function useE2E(): E2E {
  let current: E2E | undefined;
  before(async () => {
    current = await startE2E();
  });
  after(async () => {
    await current?.close();
    current = undefined;
  });
  return new Proxy({} as E2E, {
    get(_target, key) {
      if (current === undefined) throw new Error('the end-to-end server is not running: read it inside a hook or a test');
      const value: unknown = Reflect.get(current, key);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(current) : value;
    },
  });
}

/** One shopper: a fresh browser context (no cookies, no storage) in Japan, and its first page. */
export interface Shopper {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Every request the page made (navigations, fetches, form posts), with its body. */
  readonly requests: RecordedRequest[];
  /** The card numbers `typeCard` typed in this shopper's page (half-width digits), for the containment check. */
  readonly typedCards: string[];
  /** Console errors and uncaught exceptions of the page. */
  readonly pageErrors: string[];
  /** How many `type` events the current document has seen (a navigation starts a new log). */
  events(type: KessaiEventType): Promise<number>;
  /** The details of the `type` events of the current document, oldest first. */
  eventDetails<T = Record<string, unknown>>(type: KessaiEventType): Promise<T[]>;
  /** The Pay button (`￥1,980 を支払う`). */
  payButton(): Locator;
}

/**
 * Opens `path` (`/plain.html`) on the page origin in a new context (`ja-JP`, Asia/Tokyo), recording
 * requests, errors and events from the first byte, and (unless told not to) waits until the checkout
 * shows its Pay button.
 */
export async function openShopper(
  e2e: E2E,
  path: string,
  options: {
    /** Runs before the page is opened (e.g. `page.route` to make a file fail). */
    readonly prepare?: (page: Page) => Promise<unknown>;
    /** Wait for the Pay button (default true). */
    readonly untilReady?: boolean;
  } = {},
): Promise<Shopper> {
  const context = await e2e.browser.newContext({ locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
  const page = await context.newPage();
  await options.prepare?.(page);
  const requests = recordRequests(page);
  const pageErrors = recordPageErrors(page);
  await page.addInitScript((types) => {
    const log: { type: string; detail: unknown }[] = [];
    (window as unknown as { kessaiEvents: typeof log }).kessaiEvents = log;
    for (const type of types) {
      document.addEventListener(type, (e) => log.push({ type, detail: (e as CustomEvent).detail }));
    }
  }, [...KESSAI_EVENTS]);
  const readLog = (t: string) =>
    page.evaluate(
      (type) =>
        ((window as unknown as { kessaiEvents?: { type: string; detail: unknown }[] }).kessaiEvents ?? [])
          .filter((e) => e.type === type)
          .map((e) => e.detail),
      t,
    );
  const shopper: Shopper = {
    context,
    page,
    requests,
    typedCards: [],
    pageErrors,
    events: async (type) => (await readLog(type)).length,
    eventDetails: async <T>(type: KessaiEventType) => (await readLog(type)) as T[],
    payButton: () => page.getByRole('button', { name: /支払う/ }),
  };
  await page.goto(`${e2e.pageOrigin}${path}`);
  if (options.untilReady !== false) await shopper.payButton().waitFor();
  return shopper;
}

export interface ContainmentRules {
  /** The sandbox origin: the only origin card data may be sent to. */
  readonly sandboxOrigin: string;
  /** Whether a request path on the sandbox origin may carry card data (the provider's card routes). */
  readonly cardPath: (pathname: string) => boolean;
  /**
   * Whether the merchant page's own document may send card data (our own inputs: yes, to the provider).
   * With a provider's own card form, only that form's frame may: default true.
   */
  readonly pageMaySendCards?: boolean;
}

/**
 * The security rules a shopper's session must have kept (DESIGN.md "Security rules"), checked after
 * every test for each card number the test typed (`typeCard`), in every spelling a leak could take
 * (URL-encoded, JSON-escaped, grouped, full-width; see `test/support/card-scan.ts`): no card number in
 * any URL; card numbers only in bodies sent to the provider's card routes on the sandbox origin;
 * nothing card-like in web storage or in event details; no page errors. Then the context is closed.
 */
export async function assertCardDataContained(shopper: Shopper, rules: ContainmentRules): Promise<void> {
  const { requests, page, pageErrors, context, typedCards } = shopper;
  try {
    for (const r of requests) {
      for (const number of typedCards) {
        assert.ok(!containsCardNumber(r.url, number), `card number in a URL: ${r.url}`);
        if (containsCardNumber(r.body, number)) {
          assert.equal(r.origin, rules.sandboxOrigin, `card number sent to ${r.url}`);
          assert.ok(rules.cardPath(new URL(r.url).pathname), `card number sent to ${r.url}`);
          if (rules.pageMaySendCards === false) assert.equal(r.fromPage, false, `the page itself sent card digits to ${r.url}`);
        }
      }
    }
    const stored = await page.evaluate(
      () => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }),
    );
    assert.deepEqual(cardLikeRuns(stored), [], `card-like digits in web storage: ${stored}`);
    const log = await page.evaluate(
      () => (window as unknown as { kessaiEvents?: { type: string; detail: unknown }[] }).kessaiEvents ?? [],
    );
    for (const number of typedCards) {
      assert.ok(!containsCardNumber(JSON.stringify(log), number), 'a card number in an event detail');
    }
    // A konbini slip's payment number is long by nature; every other event must carry nothing card-like.
    const others = JSON.stringify(log.filter((e) => e.type !== 'kessai-pending'));
    assert.deepEqual(cardLikeRuns(others), [], `card-like digits in an event detail: ${others}`);
    assert.deepEqual(pageErrors, []);
  } finally {
    await context.close();
  }
}

/**
 * After a test with a provider's own card form that answers a declined card with HTTP 402 (Stripe,
 * PAY.JP): Chromium logs every 4xx a page or frame fetches, so those lines are the only console errors
 * tolerated; the merchant endpoint `endpoint` never saw a typed card; then `assertCardDataContained`
 * with only the provider's frame allowed to send card data.
 */
export async function assertProviderFormContained(
  shopper: Shopper,
  e2e: E2E,
  rules: { readonly endpoint: string; readonly cardPath: (pathname: string) => boolean },
): Promise<void> {
  const errors = shopper.pageErrors.filter((e) => !/status of 402 \(Payment Required\)/.test(e));
  shopper.pageErrors.splice(0, shopper.pageErrors.length, ...errors);
  try {
    for (const request of endpointRequests(shopper, e2e, rules.endpoint)) {
      for (const number of shopper.typedCards) assert.ok(!containsCardNumber(request.body, number), request.body);
    }
  } finally {
    await assertCardDataContained(shopper, { sandboxOrigin: e2e.sandboxOrigin, cardPath: rules.cardPath, pageMaySendCards: false });
  }
}

/** KOMOJU's routes that take card details from the browser: secure tokens and session pay. */
export function isKomojuCardRoute(pathname: string): boolean {
  return /^\/sandbox\/komoju\/api\/v1\/(secure_tokens|sessions\/[^/]+\/pay)$/.test(pathname);
}

/** The requests that carried `number` (any spelling): where a typed card actually went. */
export function requestsCarrying(shopper: Shopper, number: string): RecordedRequest[] {
  return shopper.requests.filter((r) => containsCardNumber(r.body, number) || containsCardNumber(r.url, number));
}

/** `0901` → `０９０１`: what a Japanese IME types. */
export const toFullWidth = (s: string): string =>
  s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));

/**
 * Types a card as a shopper does: the number (full-width when asked), expiry 12/30 and code 123, each
 * field cleared first, then the name. The number is remembered for the containment check.
 */
export async function typeCard(
  shopper: Shopper,
  number: string,
  options: { readonly fullWidth?: boolean } = {},
): Promise<void> {
  const { page } = shopper;
  shopper.typedCards.push(number);
  const write = (s: string) => (options.fullWidth ? toFullWidth(s) : s);
  for (const [label, value] of [['カード番号', number], ['有効期限', '1230'], ['セキュリティコード', '123']] as const) {
    await page.getByLabel(label).fill('');
    await page.getByLabel(label).pressSequentially(write(value));
  }
  await page.getByLabel('カード名義').fill('TARO YAMADA');
}

/** UnivaPay's inline form (its iframe, in the page's light DOM), as the shopper sees it. */
export const univapayForm = (page: Page): FrameLocator => page.frameLocator('iframe[name="univapay-checkout-connector"]');

/**
 * Types a card into UnivaPay's inline form as a shopper does: email (the shop gave none), name, number,
 * expiry 12/30 and code 123, each field cleared first. The number is remembered for the containment check.
 */
export async function typeIntoUnivapay(shopper: Shopper, number: string): Promise<void> {
  shopper.typedCards.push(number);
  const form = univapayForm(shopper.page);
  for (const [label, value] of [
    ['メールアドレス', 'taro@example.jp'],
    ['カード名義人', 'TARO YAMADA'],
    ['カード番号', number],
    ['有効期限 (MM/YY)', '12/30'],
    ['セキュリティコード', '123'],
  ] as const) {
    await form.getByLabel(label, { exact: true }).fill('');
    await form.getByLabel(label, { exact: true }).pressSequentially(value);
  }
}

/** `YYYY年M月D日 23:59` in Japan for an ISO instant, computed here, independently of the element. */
export function jstDeadlineText(iso: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: 'Asia/Tokyo',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  return `${parts['year']}年${parts['month']}月${parts['day']}日 ${parts['hour']?.padStart(2, '0')}:${parts['minute']?.padStart(2, '0')}`;
}

/** Requests the page made to the merchant endpoint `path` (`/api/komoju`) on the page origin. */
export function endpointRequests(shopper: Shopper, e2e: E2E, path: string): RecordedRequest[] {
  return shopper.requests.filter((r) => r.origin === e2e.pageOrigin && new URL(r.url).pathname === path);
}

/** The parsed JSON body of a recorded request (asserts that it is JSON). */
export function jsonBody(request: RecordedRequest): Record<string, unknown> {
  const parsed: unknown = JSON.parse(request.body);
  assert.ok(parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed), `not a JSON object: ${request.body}`);
  return parsed as Record<string, unknown>;
}

/**
 * Calls the merchant endpoint from Node as the page would (same Origin header) and returns the JSON
 * answer; for the `status` checks a merchant's backend makes after a konbini payment.
 */
export async function callEndpoint(
  e2e: E2E,
  path: string,
  body: Readonly<Record<string, unknown>>,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${e2e.pageOrigin}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: e2e.pageOrigin },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}
