import { waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { NextAction } from '../../src/core/outcome.ts';
import type { ClientSession } from '../../src/core/protocol.ts';
import { KessaiCheckout } from '../../src/elements/checkout/checkout.ts';
import { define } from '../../src/elements/shared/define.ts';
import type { CheckoutDeps } from '../../src/flow/checkout-controller.ts';
import { KESSAI_EVENTS } from '../support/kessai-events.ts';
import { assertCardDataContained, recordRequest, rememberTypedCard } from './request-audit.ts';

/**
 * Test fixtures for `<kessai-checkout>`: a `window.fetch` stub that plays both the merchant endpoint
 * (protocol v1) and KOMOJU's browser API as the real adapter calls it, and a subclass whose navigation
 * is recorded instead of leaving the test page.
 */

export const KOMOJU_API = 'https://komoju.test/api/v1';
export const SESSION_ID = 'ses3pwlcidjnkbn7i6d0mu3e5';
export const TOKEN_ID = 'sdg3wxx2y8csuyqm2mw5iqiy1';
export const ACS_URL = `https://komoju.test/secure_tokens/${TOKEN_ID}/authenticate`;

/** Test cards of the providers README (KOMOJU section 7). */
export const CARDS = {
  ok: '4111111111111111',
  threeDs: '4100000000005000',
  declined: '4123111111111059',
  badCvc: '4123111111111034',
} as const;

export function session(overrides: Partial<ClientSession> = {}): ClientSession {
  return {
    protocol: 1,
    provider: 'komoju',
    sessionId: SESSION_ID,
    publicKey: 'pk_test_browser',
    apiBase: KOMOJU_API,
    amount: 1980,
    currency: 'JPY',
    mode: 'payment',
    methods: ['card', 'konbini'],
    konbiniStores: ['seven-eleven', 'family-mart', 'lawson'],
    returnUrl: location.href,
    konbiniFields: { email: 'required', phone: 'optional' },
    ...overrides,
  };
}

export interface Recorded {
  readonly url: string;
  readonly method: string;
  readonly body: string;
  readonly headers: Headers;
}

export interface FakeServers {
  readonly requests: Recorded[];
  /** Bodies posted to the merchant endpoint, parsed. */
  endpointBodies(): Array<Record<string, unknown>>;
  /** How many `/pay` calls reached KOMOJU. */
  payCalls(): number;
  restore(): void;
}

export interface FakeOptions {
  /** Answer of the endpoint's `start`; default: a session with card and konbini. */
  readonly start?: () => Response | Promise<Response>;
  /** Holds every KOMOJU answer until it resolves (to press Pay twice while one is in flight). */
  readonly gate?: Promise<void>;
  /** The challenge page of a 3-D Secure card, from the secure token's `return_url`; default `ACS_URL`. */
  readonly acs?: (returnUrl: string) => string;
}

/** A KOMOJU API base on the test server's own origin (plain http, trusted like the sandbox). */
export const LOCAL_KOMOJU_API = `${location.origin}/komoju-fake/api/v1`;

const json = (status: number, body: unknown): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

function payment(details: Record<string, unknown>, status = 'captured') {
  return {
    id: 'b3rqo3fn6p8oa2hlqqaa6y8sm',
    resource: 'payment',
    status,
    amount: 1980,
    total: 1980,
    currency: 'JPY',
    payment_deadline: '2030-03-04T14:59:59Z',
    payment_details: details,
  };
}

/** The card behind each secure token the fake issued (ids are opaque, as KOMOJU's are). */
const tokenCards = new Map<string, string>();

/** KOMOJU as the browser sees it: secure tokens and session pay, by test card. */
async function komoju(
  url: URL,
  method: string,
  body: Record<string, unknown>,
  options: FakeOptions,
): Promise<Response> {
  const path = url.pathname.replace(/^.*\/api\/v1/, '');
  const details = (body['payment_details'] ?? {}) as Record<string, unknown>;
  if (method === 'POST' && path === '/secure_tokens') {
    const number = String(details['number'] ?? '');
    if (number === CARDS.threeDs) {
      const acs = options.acs ? options.acs(String(body['return_url'])) : ACS_URL;
      return json(200, { id: TOKEN_ID, verification_status: 'NEEDS_VERIFY', authentication_url: acs });
    }
    const id = `st${String(tokenCards.size + 1).padStart(23, 'x')}`;
    tokenCards.set(id, number);
    return json(200, { id, verification_status: 'OK', authentication_url: null });
  }
  if (method === 'GET' && path === `/secure_tokens/${TOKEN_ID}`) {
    return json(200, { id: TOKEN_ID, verification_status: 'OK', authentication_url: null });
  }
  if (method === 'POST' && path === `/sessions/${SESSION_ID}/pay`) {
    const paid = body['payment_details'];
    if (typeof paid === 'string') {
      const card = tokenCards.get(paid) ?? '';
      if (card === CARDS.declined) {
        return json(422, { error: { code: 'card_declined', message: 'Your card has been declined.', param: null } });
      }
      if (card === CARDS.badCvc) {
        return json(422, {
          error: { code: 'bad_verification_value', message: 'The security code you have entered is incorrect.', param: null },
        });
      }
      return json(200, {
        status: 'completed',
        payment: payment({ type: 'credit_card', brand: 'visa', last_four_digits: '1111' }),
      });
    }
    if (typeof paid === 'object' && paid !== null && (paid as Record<string, unknown>)['type'] === 'konbini') {
      return json(200, {
        status: 'completed',
        payment: payment(
          {
            type: 'konbini',
            store: 'lawson',
            receipt: '12345678901',
            confirmation_code: '1111',
            instructions_url: 'https://komoju.test/ja/instructions/abc',
          },
          'authorized',
        ),
      });
    }
  }
  return json(404, { error: { code: 'not_found', message: `${method} ${path}`, param: null } });
}

/** Replaces `window.fetch` with the endpoint at `/api/pay` and KOMOJU at `KOMOJU_API`. */
export function fakeServers(options: FakeOptions = {}): FakeServers {
  const requests: Recorded[] = [];
  const original = window.fetch;
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url, location.href);
    const method = (init?.method ?? 'GET').toUpperCase();
    const body = typeof init?.body === 'string' ? init.body : '';
    const recorded = { url: url.href, method, body, headers: new Headers(init?.headers) };
    requests.push(recorded);
    recordRequest(recorded);
    if (init?.signal?.aborted) throw new DOMException('aborted', 'AbortError');
    if (url.origin === location.origin && url.pathname === '/api/pay') {
      const parsed = JSON.parse(body || '{}') as Record<string, unknown>;
      if (parsed['action'] === 'start') return options.start ? options.start() : json(200, { session: session() });
      return json(400, { error: { code: 'unsupported', message: 'KOMOJU pays in the browser' } });
    }
    if (url.href.startsWith(KOMOJU_API) || url.href.startsWith(LOCAL_KOMOJU_API)) {
      if (options.gate) await options.gate;
      return komoju(url, method, body ? (JSON.parse(body) as Record<string, unknown>) : {}, options);
    }
    throw new TypeError('Failed to fetch');
  };
  return {
    requests,
    endpointBodies: () =>
      requests
        .filter((r) => r.url === new URL('/api/pay', location.href).href)
        .map((r) => JSON.parse(r.body) as Record<string, unknown>),
    payCalls: () =>
      requests.filter((r) => r.url.includes('/api/v1/sessions/') && r.url.endsWith('/pay')).length,
    restore: () => {
      window.fetch = original;
    },
  };
}

/** `<kessai-checkout>` whose navigations are recorded, with an in-memory pending-attempt store. */
export class TestCheckout extends KessaiCheckout {
  static navigations: NextAction[] = [];
  static storage = new Map<string, string>();
  protected override flowDeps(): Partial<CheckoutDeps> {
    return {
      navigate: (action) => {
        TestCheckout.navigations.push(action);
        return true;
      },
      storage: {
        getItem: (key) => TestCheckout.storage.get(key) ?? null,
        setItem: (key, value) => void TestCheckout.storage.set(key, value),
        removeItem: (key) => void TestCheckout.storage.delete(key),
      },
    };
  }
}
define('test-kessai-checkout', TestCheckout);

declare global {
  interface HTMLElementTagNameMap {
    'test-kessai-checkout': TestCheckout;
  }
}

// Every test of every file that uses this harness: card data stayed where DESIGN.md says (this hook is
// registered before the files' own, so it sees the test's navigations and store before they are reset).
afterEach(() => {
  assertCardDataContained({
    'a navigation': TestCheckout.navigations,
    'the pending-attempt store': [...TestCheckout.storage.values()],
  });
});

// ---- reading and driving the element as a shopper ---------------------------------------------------

export function shadow(el: Element): ShadowRoot {
  if (!el.shadowRoot) throw new Error(`${el.localName} has no shadow root`);
  return el.shadowRoot;
}

export function part<T extends Element = HTMLElement>(el: Element, name: string): T | null {
  return shadow(el).querySelector<T>(`[part~="${name}"]`);
}

export function cardFields(el: KessaiCheckout): HTMLElement {
  const fields = shadow(el).querySelector<HTMLElement>('kessai-card-fields');
  if (!fields) throw new Error('no card fields');
  return fields;
}

/** The input a `<label>` with this text points at, inside `host`'s shadow root. */
export function byLabel(host: Element, text: string): HTMLInputElement {
  const label = [...shadow(host).querySelectorAll('label')].find((l) => l.textContent?.trim() === text);
  const control = label?.control;
  if (!(control instanceof HTMLInputElement)) throw new Error(`no input labelled "${text}"`);
  return control;
}

export async function typeInto(input: HTMLInputElement, text: string): Promise<void> {
  if (input.autocomplete === 'cc-number') rememberTypedCard(text);
  input.focus();
  await sendKeys({ type: text });
}

const yy = (): string => String((new Date().getFullYear() + 3) % 100).padStart(2, '0');

/** Types a whole card into the labelled inputs, in Japanese. */
export async function typeCard(el: KessaiCheckout, number: string): Promise<void> {
  const fields = cardFields(el);
  await typeInto(byLabel(fields, 'カード番号'), number);
  await typeInto(byLabel(fields, '有効期限'), `12${yy()}`);
  await typeInto(byLabel(fields, 'セキュリティコード'), '123');
  await typeInto(byLabel(fields, 'カード名義'), 'TARO YAMADA');
}

export function payButton(el: KessaiCheckout): HTMLButtonElement {
  const button = part<HTMLButtonElement>(el, 'pay-button');
  if (!button) throw new Error('no Pay button');
  return button;
}

export async function statusIs(el: KessaiCheckout, status: KessaiCheckout['status']): Promise<void> {
  await waitUntil(() => el.status === status, `status never became ${status} (is ${el.status})`, { timeout: 6000 });
  await el.updateComplete;
}

/** Every `kessai-*` event the page receives from `el`, in order. */
export function recordEvents(el: Element): Array<{ type: string; detail: unknown; event: Event }> {
  const seen: Array<{ type: string; detail: unknown; event: Event }> = [];
  for (const type of KESSAI_EVENTS) {
    el.addEventListener(type, (event) => seen.push({ type, detail: (event as CustomEvent).detail, event }));
  }
  return seen;
}
