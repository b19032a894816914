import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { paymentError, type PaymentError } from '../../../src/core/errors.ts';
import type { Locale } from '../../../src/core/locale.ts';
import type { NextAction, Outcome } from '../../../src/core/outcome.ts';
import type { CardDetails, PaymentInput } from '../../../src/core/payment-input.ts';
import type { ClientSession, Mode, PaymentMethod } from '../../../src/core/protocol.ts';
import type { CardSurface } from '../../../src/core/card-surface.ts';
import type { Slip } from '../../../src/core/slip.ts';
import {
  CheckoutController,
  type CheckoutDeps,
  type CheckoutHooks,
} from '../../../src/flow/checkout-controller.ts';
import type { FlowState } from '../../../src/flow/machine.ts';
import type { Navigate } from '../../../src/flow/navigate.ts';
import {
  PENDING_ATTEMPT_KEY,
  createPendingAttempt,
  readPendingAttempt,
  savePendingAttempt,
} from '../../../src/flow/pending-attempt.ts';
import type { AttemptContext, MethodPayers, ProviderAdapter } from '../../../src/providers/adapter.ts';
import type { ProviderManifest } from '../../../src/providers/provider-manifest.ts';
import { fakeFetch, json, type RecordedRequest } from '../providers/fake-fetch.ts';
import { SESSION_ID, memoryStorage, session } from './fixtures.ts';

const CARD: CardDetails = { number: '4111111111111111', expMonth: 12, expYear: 2031, cvc: '123', name: 'TARO YAMADA' };
const CARD_INPUT: PaymentInput = { method: 'card', card: CARD };
const PAGE = 'https://shop.example/checkout?cart=42&kessai_return=1#pay';
const ENDPOINT = 'https://shop.example/api/pay';

class FakeHost implements ReactiveControllerHost {
  readonly controllers: ReactiveController[] = [];
  updates = 0;
  addController(controller: ReactiveController): void {
    this.controllers.push(controller);
  }
  removeController(): void {}
  requestUpdate(): void {
    this.updates++;
  }
  get updateComplete(): Promise<boolean> {
    return Promise.resolve(true);
  }
}

/** A promise the test settles by hand. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

type HookCall =
  | ['ready', ClientSession]
  | ['submitted', PaymentMethod]
  | ['redirect', { url: string; method: string }]
  | ['succeeded', string]
  | ['pending', Slip]
  | ['failed', PaymentError, string]
  | ['canceled'];

interface Harness {
  readonly controller: CheckoutController;
  readonly host: FakeHost;
  readonly calls: HookCall[];
  readonly requests: RecordedRequest[];
  readonly storage: ReturnType<typeof memoryStorage>;
  readonly navigations: string[];
  readonly replaced: string[];
  /** The window's `pageshow` events, as the controller hears them. */
  readonly pageEvents: EventTarget;
  page: string;
  allowRedirect: boolean;
}

interface HarnessOptions {
  readonly adapter?: ProviderAdapter;
  readonly respond?: (body: Record<string, unknown>) => Response | Promise<Response>;
  readonly page?: string;
  readonly storage?: ReturnType<typeof memoryStorage>;
  readonly locale?: Locale;
  readonly mode?: Mode;
  readonly methods?: readonly PaymentMethod[];
  readonly context?: Record<string, unknown>;
  readonly deps?: Partial<CheckoutDeps>;
  /** Turns on `challenge="iframe"`; the function plays `<kessai-challenge>`. */
  readonly challenge?: (action: NextAction, signal: AbortSignal) => Promise<string | null>;
}

/** What a test adapter may replace: the payers of each method and `resume`. */
interface FakeAdapterParts {
  readonly payCard?: NonNullable<MethodPayers['card']>;
  readonly payKonbini?: NonNullable<MethodPayers['konbini']>;
  readonly resume?: ProviderAdapter['resume'];
}

function fakeAdapter(overrides: FakeAdapterParts = {}): ProviderAdapter & { calls: AttemptContext[] } {
  const calls: AttemptContext[] = [];
  const parts: Required<FakeAdapterParts> = {
    payCard: async (ctx) => {
      calls.push(ctx);
      return { status: 'succeeded', method: 'card', paymentId: 'pay_1', brand: 'visa', last4: '1111' };
    },
    payKonbini: async (ctx) => {
      calls.push(ctx);
      return { status: 'failed', error: paymentError('validation', 'invalid_email', true, { field: 'email' }) };
    },
    resume: async (ctx) => {
      calls.push(ctx);
      return { status: 'succeeded', method: 'card', paymentId: 'pay_resumed' };
    },
    ...overrides,
  };
  return { calls, pay: { card: parts.payCard, konbini: parts.payKonbini }, resume: parts.resume };
}

/** KOMOJU's return parameters, as the flow learns them from the provider's manifest. */
const FAKE_MANIFEST: ProviderManifest = {
  returnParams: ['secure_token_id', 'session_id'],
  sessionParam: 'session_id',
  load: () => Promise.reject(new Error('not used: the test passes its adapter')),
};

function harness(options: HarnessOptions = {}): Harness {
  const host = new FakeHost();
  const calls: HookCall[] = [];
  const storage = options.storage ?? memoryStorage();
  const adapter = options.adapter ?? fakeAdapter();
  const respond =
    options.respond ??
    ((body: Record<string, unknown>) =>
      body['action'] === 'start' ? json(200, { session: session() }) : json(400, { error: { code: 'x', message: 'x' } }));
  const { fetch, requests } = fakeFetch([
    ['POST /api/pay', (request) => respond(JSON.parse(request.body ?? '{}') as Record<string, unknown>)],
  ]);
  const h = {
    host,
    calls,
    requests,
    storage,
    navigations: [] as string[],
    replaced: [] as string[],
    pageEvents: new EventTarget(),
    page: options.page ?? PAGE,
    allowRedirect: true,
  } as Omit<Harness, 'controller'> & { controller?: CheckoutController };
  const navigate: Navigate = (action) => {
    h.navigations.push(action.url);
    return true;
  };
  const hooks: CheckoutHooks = {
    ready: (s) => calls.push(['ready', s]),
    submitted: (m) => calls.push(['submitted', m]),
    redirect: (d) => {
      calls.push(['redirect', { ...d }]);
      return h.allowRedirect;
    },
    succeeded: (s) => calls.push(['succeeded', s.paymentId ?? '']),
    pending: (slip) => calls.push(['pending', slip]),
    failed: (e, m) => calls.push(['failed', e, m]),
    canceled: () => calls.push(['canceled']),
  };
  let uuid = 0;
  h.controller = new CheckoutController(
    host,
    {
      endpoint: () => '/api/pay',
      mode: () => options.mode ?? 'payment',
      methods: () => options.methods,
      locale: () => options.locale ?? 'ja',
      context: () => options.context,
      challenge: () => (options.challenge ? 'iframe' : 'redirect'),
    },
    options.challenge ? { ...hooks, challenge: options.challenge } : hooks,
    {
      loadAdapter: async (provider) => (provider === 'komoju' ? adapter : undefined),
      manifestOf: (provider) => (provider === 'komoju' ? FAKE_MANIFEST : undefined),
      fetch,
      navigate,
      storage,
      page: {
        href: () => h.page,
        replace: (url) => {
          h.replaced.push(url);
          h.page = url;
        },
      },
      now: () => Date.UTC(2030, 0, 1),
      randomUUID: () => `key-${++uuid}`,
      pollDelaysMs: [0, 0, 0],
      sleep: () => Promise.resolve(),
      pageEvents: h.pageEvents,
      ...options.deps,
    },
  );
  return h as Harness;
}

/** Lets every pending promise chain run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

async function readyHarness(options: HarnessOptions = {}): Promise<Harness> {
  const h = harness(options);
  h.controller.hostConnected();
  await settle();
  assert.equal(stateOf(h).status, 'ready');
  return h;
}

/** The state now (a call, so TypeScript keeps no narrowing from an earlier assertion). */
const stateOf = (h: Harness): FlowState => h.controller.state;

const bodies = (h: Harness) => h.requests.map((r) => JSON.parse(r.body ?? '{}') as Record<string, unknown>);

describe('checkout controller: start', () => {
  it('asks the endpoint for a session with mode, methods, a clean return URL, locale and context', async () => {
    const h = harness({
      page: 'https://shop.example/checkout?cart=42&session_id=old&secure_token_id=old#pay',
      methods: ['card'],
      context: { cart: '42' },
      locale: 'en',
    });
    assert.equal(stateOf(h).status, 'idle');
    h.controller.hostConnected();
    assert.equal(stateOf(h).status, 'loading');
    await settle();
    assert.deepEqual(bodies(h), [
      {
        action: 'start',
        mode: 'payment',
        methods: ['card'],
        returnUrl: 'https://shop.example/checkout?cart=42&kessai_return=1#pay',
        locale: 'en',
        context: { cart: '42' },
      },
    ]);
    assert.equal(h.requests[0]?.url, ENDPOINT);
    const state = stateOf(h);
    assert.equal(state.status, 'ready');
    // The session allows both methods; the page asked for card only.
    assert.deepEqual(state.status === 'ready' && state.session.methods, ['card']);
    assert.deepEqual(h.calls.map((c) => c[0]), ['ready']);
  });

  it('a failed start is shown in the shopper language; retry asks again', async () => {
    let answer: Response = json(502, { error: { code: 'provider_unreachable', message: 'down' } });
    const h = harness({ respond: () => answer });
    h.controller.hostConnected();
    await settle();
    const state = stateOf(h);
    assert.equal(state.status, 'failed');
    const [call] = h.calls;
    assert.equal(call?.[0], 'failed');
    assert.equal(call?.[0] === 'failed' && call[2], '決済サービスが一時的に利用できません。しばらくしてからお試しください。');
    answer = json(200, { session: session() });
    h.controller.retry();
    await settle();
    assert.equal(stateOf(h).status, 'ready');
    assert.equal(h.requests.length, 2);
  });

  it('a session for a provider without an adapter is a configuration error, not a blank widget', async () => {
    const h = harness({ respond: () => json(200, { session: session({ provider: 'stripe' }) }) });
    h.controller.hostConnected();
    await settle();
    const state = stateOf(h);
    assert.equal(state.status === 'failed' && state.error.reason, 'configuration_error');
  });

  it('drops a start answer that arrives after a restart', async () => {
    const first = deferred<Response>();
    let n = 0;
    const h = harness({
      respond: () => (++n === 1 ? first.promise : json(200, { session: session({ sessionId: 'second' }) })),
    });
    h.controller.hostConnected();
    h.controller.restart();
    await settle();
    first.resolve(json(200, { session: session({ sessionId: 'first' }) }));
    await settle();
    const state = stateOf(h);
    assert.equal(state.status === 'ready' && state.session.sessionId, 'second');
    assert.equal(h.calls.filter((c) => c[0] === 'ready').length, 1);
    assert.equal(h.requests[0]?.init?.signal?.aborted, true);
  });
});

describe('checkout controller: submit', () => {
  it('one submit is one payment request, whatever else is pressed meanwhile', async () => {
    const answer = deferred<Outcome>();
    const adapter = fakeAdapter({
      payCard: (ctx) => {
        adapter.calls.push(ctx);
        return answer.promise;
      },
    });
    const h = await readyHarness({ adapter });
    assert.equal(h.controller.submit(CARD_INPUT), true);
    assert.equal(h.controller.submit(CARD_INPUT), false);
    await settle();
    assert.equal(h.controller.submit(CARD_INPUT), false);
    assert.equal(adapter.calls.length, 1);
    assert.equal(stateOf(h).status, 'submitting');
    answer.resolve({ status: 'succeeded', method: 'card', paymentId: 'pay_1' });
    await settle();
    assert.equal(h.controller.submit(CARD_INPUT), false);
    assert.equal(adapter.calls.length, 1);
    assert.deepEqual(h.calls.map((c) => c[0]), ['ready', 'submitted', 'succeeded']);
  });

  it('hands the adapter the session, a fresh idempotency key, the clean page URL and the locale', async () => {
    const adapter = fakeAdapter({
      payCard: async (ctx) => {
        adapter.calls.push(ctx);
        return { status: 'failed', error: paymentError('declined', 'card_declined', true) };
      },
    });
    const h = await readyHarness({ adapter, page: 'https://shop.example/checkout?secure_token_id=x&cart=42#pay' });
    h.controller.submit(CARD_INPUT);
    await settle();
    assert.equal(stateOf(h).status, 'failed');
    // Declined, retryable: the same session takes the second try, with a new key.
    assert.equal(h.controller.submit(CARD_INPUT), true);
    await settle();
    const [first, second] = adapter.calls;
    assert.equal(first?.session.sessionId, SESSION_ID);
    assert.equal(first?.pageUrl, 'https://shop.example/checkout?cart=42&kessai_return=1#pay');
    assert.equal(first?.locale, 'ja');
    assert.equal(first?.idempotencyKey, 'key-1');
    assert.equal(second?.idempotencyKey, 'key-2');
    assert.equal(h.requests.length, 1, 'no new session for a retry');
    const failed = h.calls.filter((c) => c[0] === 'failed');
    assert.equal(failed[0]?.[0] === 'failed' && failed[0][2], 'カードが承認されませんでした。別のカードをお試しください。');
  });

  it('drops the answer of a payment that was reset meanwhile, and aborts it', async () => {
    const answers = [deferred<Outcome>(), deferred<Outcome>()];
    const adapter = fakeAdapter({
      payCard: (ctx) => {
        adapter.calls.push(ctx);
        return answers[adapter.calls.length - 1]?.promise ?? Promise.reject(new Error('too many'));
      },
    });
    const h = await readyHarness({ adapter });
    h.controller.submit(CARD_INPUT);
    await settle();
    h.controller.restart();
    assert.equal(adapter.calls[0]?.signal.aborted, true);
    await settle();
    assert.equal(stateOf(h).status, 'ready');
    // The shopper pays again on the new session; the first attempt's late answer must not count.
    h.controller.submit(CARD_INPUT);
    answers[0]?.resolve({ status: 'succeeded', method: 'card', paymentId: 'late' });
    await settle();
    assert.equal(stateOf(h).status, 'submitting');
    assert.equal(h.calls.some((c) => c[0] === 'succeeded'), false);
    answers[1]?.resolve({ status: 'succeeded', method: 'card', paymentId: 'current' });
    await settle();
    assert.deepEqual(h.calls.at(-1), ['succeeded', 'current']);
  });

  it('an adapter that throws still ends in a failure the shopper can read', async () => {
    const h = await readyHarness({ adapter: fakeAdapter({ payCard: () => Promise.reject(new Error('boom')) }) });
    h.controller.submit(CARD_INPUT);
    await settle();
    const state = stateOf(h);
    assert.equal(state.status === 'failed' && state.error.reason, 'internal_error');
  });

  it('konbini: the slip is handed over', async () => {
    const slip: Slip = {
      store: 'lawson', paymentNumber: '12345678901', amount: 1980, currency: 'JPY', expiresAt: '2030-01-03T14:59:59Z',
    };
    const h = await readyHarness({
      adapter: fakeAdapter({ payKonbini: async () => ({ status: 'awaiting_payment', method: 'konbini', slip }) }),
    });
    h.controller.submit({ method: 'konbini', konbini: { store: 'lawson', name: '山田 花子', email: 'h@example.jp' } });
    await settle();
    assert.equal(stateOf(h).status, 'awaiting_payment');
    assert.deepEqual(h.calls.at(-1), ['pending', slip]);
  });

  it('processing: asks the endpoint for the status until it settles', async () => {
    let checks = 0;
    const h = await readyHarness({
      adapter: fakeAdapter({ payCard: async () => ({ status: 'processing', method: 'card' }) }),
      respond: (body) => {
        if (body['action'] === 'start') return json(200, { session: session() });
        checks++;
        if (checks === 1) return json(502, { error: { code: 'provider_unreachable', message: 'x' } });
        if (checks === 2) return json(200, { outcome: { status: 'processing', method: 'card' } });
        return json(200, { outcome: { status: 'succeeded', method: 'card', paymentId: 'pay_late' } });
      },
    });
    h.controller.submit(CARD_INPUT);
    await settle();
    await settle();
    assert.equal(checks, 3);
    assert.equal(stateOf(h).status, 'succeeded');
    assert.deepEqual(bodies(h).slice(1).map((b) => [b['action'], b['sessionId']]), [
      ['status', SESSION_ID], ['status', SESSION_ID], ['status', SESSION_ID],
    ]);
    assert.deepEqual(h.calls.at(-1), ['succeeded', 'pay_late']);
  });
});

describe('checkout controller: 3-D Secure redirect', () => {
  const action = (url: string): Outcome => ({ status: 'requires_action', method: 'card', action: { type: 'redirect', url } });

  it('saves the pending attempt, asks the page, then navigates', async () => {
    const h = await readyHarness({ adapter: fakeAdapter({ payCard: async () => action('https://acs.example/c?x=1') }) });
    h.controller.submit(CARD_INPUT);
    await settle();
    assert.equal(stateOf(h).status, 'requires_action');
    assert.deepEqual(h.calls.at(-1), ['redirect', { url: 'https://acs.example/c?x=1', method: 'get' }]);
    assert.deepEqual(h.navigations, ['https://acs.example/c?x=1']);
    const pending = readPendingAttempt(h.storage, Date.UTC(2030, 0, 1));
    assert.equal(pending?.sessionId, SESSION_ID);
    assert.equal(pending?.endpoint, ENDPOINT);
    assert.equal(pending?.method, 'card');
    assert.doesNotMatch(h.storage.map.get(PENDING_ATTEMPT_KEY) ?? '', /4111111111111111|"123"/);
  });

  it('does not navigate when the page prevented kessai-redirect (the attempt stays pending)', async () => {
    const h = await readyHarness({ adapter: fakeAdapter({ payCard: async () => action('https://acs.example/c') }) });
    h.allowRedirect = false;
    h.controller.submit(CARD_INPUT);
    await settle();
    assert.deepEqual(h.navigations, []);
    assert.equal(stateOf(h).status, 'requires_action');
    assert.notEqual(readPendingAttempt(h.storage, Date.UTC(2030, 0, 1)), null);
  });

  it('refuses an unsafe redirect without telling the page to go there', async () => {
    const h = await readyHarness({ adapter: fakeAdapter({ payCard: async () => action('javascript:alert(1)') }) });
    h.controller.submit(CARD_INPUT);
    await settle();
    const state = stateOf(h);
    assert.equal(state.status === 'failed' && state.error.reason, 'unsafe_redirect');
    assert.equal(h.calls.some((c) => c[0] === 'redirect'), false);
    assert.deepEqual(h.navigations, []);
    assert.equal(h.storage.map.size, 0);
  });
});

/** What the browser fires when Back restores this page: from the back-forward cache, or not. */
function pageshow(persisted: boolean): Event {
  return Object.assign(new Event('pageshow'), { persisted });
}

describe('checkout controller: back from the bank page', () => {
  const challenge: Outcome = {
    status: 'requires_action',
    method: 'card',
    action: { type: 'redirect', url: 'https://acs.example/c' },
  };

  it('a page restored from the back-forward cache mid-challenge ends the attempt as canceled, retryable', async () => {
    const h = await readyHarness({ adapter: fakeAdapter({ payCard: async () => challenge }) });
    h.controller.submit(CARD_INPUT);
    await settle();
    assert.equal(stateOf(h).status, 'requires_action');
    assert.notEqual(readPendingAttempt(h.storage, Date.UTC(2030, 0, 1)), null);

    h.pageEvents.dispatchEvent(pageshow(true));
    const state = stateOf(h);
    assert.equal(state.status, 'failed');
    assert.deepEqual(
      state.status === 'failed' && { code: state.error.code, reason: state.error.reason, retryable: state.error.retryable },
      { code: 'authentication', reason: 'authentication_canceled', retryable: true },
    );
    const last = h.calls.at(-1);
    assert.equal(last?.[0], 'failed');
    assert.equal(last?.[0] === 'failed' && last[2], '本人認証(3Dセキュア)がキャンセルされました。');
    // The attempt is over: a later reload must not resume it.
    assert.equal(readPendingAttempt(h.storage, Date.UTC(2030, 0, 1)), null);
    // The same session takes the next try.
    h.controller.retry();
    assert.equal(stateOf(h).status, 'ready');
    assert.equal(h.requests.length, 1);
  });

  it('a fresh page load (not from the cache) or a page not in a challenge is left alone', async () => {
    const h = await readyHarness({ adapter: fakeAdapter({ payCard: async () => challenge }) });
    h.pageEvents.dispatchEvent(pageshow(true));
    assert.equal(stateOf(h).status, 'ready');
    h.controller.submit(CARD_INPUT);
    await settle();
    h.pageEvents.dispatchEvent(pageshow(false));
    assert.equal(stateOf(h).status, 'requires_action');
    assert.equal(h.calls.some((c) => c[0] === 'failed'), false);
  });

  it('stops listening when the element leaves the page', async () => {
    const h = await readyHarness({ adapter: fakeAdapter({ payCard: async () => challenge }) });
    h.controller.submit(CARD_INPUT);
    await settle();
    h.controller.hostDisconnected();
    h.pageEvents.dispatchEvent(pageshow(true));
    assert.equal(stateOf(h).status, 'requires_action');
  });
});

describe('checkout controller: a provider\'s script that navigates the page itself (ctx.leaving)', () => {
  it('keeps the attempt before the script leaves; Back from the cache ends it as canceled, retryable', async () => {
    const h = await readyHarness({
      adapter: fakeAdapter({
        payCard: (ctx) => {
          ctx.leaving?.('card', 'flow_1');
          // payments.js navigates away: its promise never settles.
          return new Promise<Outcome>(() => undefined);
        },
      }),
    });
    h.controller.submit(CARD_INPUT);
    await settle();
    assert.equal(stateOf(h).status, 'submitting');
    const kept = readPendingAttempt(h.storage, Date.UTC(2030, 0, 1));
    assert.equal(kept?.reference, 'flow_1');
    assert.equal(kept?.method, 'card');
    h.pageEvents.dispatchEvent(pageshow(true));
    const state = stateOf(h);
    assert.equal(state.status, 'failed');
    assert.equal(state.status === 'failed' && state.error.reason, 'authentication_canceled');
    assert.equal(readPendingAttempt(h.storage, Date.UTC(2030, 0, 1)), null);
    h.controller.retry();
    assert.equal(stateOf(h).status, 'ready');
  });

  it('when the script answers an error instead of leaving, the attempt is forgotten and the error shown', async () => {
    const h = await readyHarness({
      adapter: fakeAdapter({
        payCard: async (ctx) => {
          const stay = ctx.leaving?.('card', 'flow_1');
          stay?.();
          return { status: 'failed', error: paymentError('declined', 'card_declined', true) };
        },
      }),
    });
    h.controller.submit(CARD_INPUT);
    await settle();
    assert.equal(stateOf(h).status, 'failed');
    assert.equal(readPendingAttempt(h.storage, Date.UTC(2030, 0, 1)), null);
    // A later restore from the cache is not mistaken for a return.
    h.pageEvents.dispatchEvent(pageshow(true));
    const state = stateOf(h);
    assert.equal(state.status === 'failed' && state.error.reason, 'card_declined');
  });
});

describe('checkout controller: the element removed mid-submit', () => {
  it('aborts the payment; put back, it shows a retryable error instead of staying busy, and pays again', async () => {
    const first = deferred<Outcome>();
    const adapter = fakeAdapter({
      payCard: (ctx) => {
        adapter.calls.push(ctx);
        return adapter.calls.length === 1
          ? first.promise
          : Promise.resolve({ status: 'succeeded', method: 'card', paymentId: 'pay_2' });
      },
    });
    const h = await readyHarness({ adapter });
    h.controller.submit(CARD_INPUT);
    assert.equal(stateOf(h).status, 'submitting');
    await settle();
    h.controller.hostDisconnected();
    assert.equal(adapter.calls[0]?.signal.aborted, true, 'the in-flight request is aborted');

    h.controller.hostConnected();
    const state = stateOf(h);
    assert.equal(state.status, 'failed');
    assert.deepEqual(
      state.status === 'failed' && { reason: state.error.reason, retryable: state.error.retryable },
      { reason: 'processing_error', retryable: true },
    );
    assert.equal(h.calls.at(-1)?.[0], 'failed');
    // The aborted request's late answer changes nothing.
    first.resolve({ status: 'succeeded', method: 'card', paymentId: 'late' });
    await settle();
    assert.equal(stateOf(h).status, 'failed');
    assert.equal(h.calls.some((c) => c[0] === 'succeeded'), false);
    // No new session: the shopper tries again on the same one.
    h.controller.retry();
    assert.equal(stateOf(h).status, 'ready');
    assert.equal(h.controller.submit(CARD_INPUT), true);
    await settle();
    assert.deepEqual(h.calls.at(-1), ['succeeded', 'pay_2']);
    assert.equal(h.requests.length, 1);
  });
});

describe('checkout controller: resume', () => {
  function returning(page: string, overrides: { endpoint?: string; sessionId?: string } = {}) {
    const storage = memoryStorage();
    savePendingAttempt(
      storage,
      createPendingAttempt(
        session(overrides.sessionId ? { sessionId: overrides.sessionId } : {}),
        overrides.endpoint ?? ENDPOINT,
        'card',
        Date.UTC(2030, 0, 1) - 60_000,
      ),
    );
    return storage;
  }

  it('a provider card form comes back with the form after a failed return (the shopper can type another card)', async () => {
    const page = `https://shop.example/checkout?cart=42&kessai_return=1`;
    const storage = memoryStorage();
    const withSurface = session({ cardEntry: 'surface', methods: ['card'] });
    savePendingAttempt(storage, createPendingAttempt(withSurface, ENDPOINT, 'card', Date.UTC(2030, 0, 1) - 60_000, 'ch_1'));
    const made: unknown[] = [];
    const adapter = {
      ...fakeAdapter({
        resume: async (ctx) => {
          assert.equal((ctx as { reference?: string }).reference, 'ch_1', 'the recorded reference reaches the adapter');
          return { status: 'failed', error: paymentError('authentication', 'authentication_failed', true) };
        },
      }),
      createCardSurface: (ctx: { session: ClientSession }) => {
        const surface = { fields: ['card'], collectsName: true, reportsChanges: false } as unknown as CardSurface;
        made.push([ctx.session.sessionId, surface]);
        return surface;
      },
    };
    const h = harness({ page, storage, adapter });
    h.controller.hostConnected();
    await settle();
    const state = stateOf(h);
    assert.equal(state.status === 'failed' && state.session?.sessionId, SESSION_ID);
    assert.equal(made.length, 1, 'one card form made for the form shown again');
    assert.equal(h.controller.cardSurface, (made[0] as [string, CardSurface])[1]);
    // The marker and nothing else of the return leaves the address bar.
    assert.deepEqual(h.replaced, ['https://shop.example/checkout?cart=42']);
  });

  it('finishes the pending attempt, removes the return params and keeps the rest of the URL', async () => {
    const page = `https://shop.example/checkout?cart=42&session_id=${SESSION_ID}&secure_token_id=st_1&utm=x#pay`;
    const adapter = fakeAdapter();
    const h = harness({ page, storage: returning(page), adapter });
    h.controller.hostConnected();
    assert.equal(stateOf(h).status, 'submitting');
    await settle();
    assert.equal(stateOf(h).status, 'succeeded');
    assert.equal(adapter.calls.length, 1);
    assert.equal(adapter.calls[0]?.session.sessionId, SESSION_ID);
    assert.deepEqual(h.replaced, ['https://shop.example/checkout?cart=42&utm=x#pay']);
    assert.equal(h.storage.map.size, 0);
    assert.equal(h.requests.length, 0, 'no new session');
    assert.deepEqual(h.calls, [['succeeded', 'pay_resumed']]);
  });

  it('passes the return parameters to the adapter', async () => {
    let seen = '';
    const page = `https://shop.example/checkout?session_id=${SESSION_ID}&secure_token_id=st_9`;
    const adapter = fakeAdapter({
      resume: async (_ctx, params) => {
        seen = params.get('secure_token_id') ?? '';
        return { status: 'failed', error: paymentError('authentication', 'authentication_failed', true) };
      },
    });
    const h = harness({ page, storage: returning(page), adapter });
    h.controller.hostConnected();
    await settle();
    assert.equal(seen, 'st_9');
    // Authentication failed but the session is still good: back to the form without a new session.
    const state = stateOf(h);
    assert.equal(state.status === 'failed' && state.session?.sessionId, SESSION_ID);
    h.controller.retry();
    assert.equal(stateOf(h).status, 'ready');
  });

  const mismatches: ReadonlyArray<readonly [string, string, { endpoint?: string; sessionId?: string }]> = [
    ['another session named in the URL', '?session_id=someone_else&secure_token_id=st_1', {}],
    ['an attempt of another endpoint', `?session_id=${SESSION_ID}&secure_token_id=st_1`, { endpoint: 'https://shop.example/api/other' }],
    ['no return parameter on the URL', '?cart=42', {}],
  ];
  for (const [name, query, overrides] of mismatches) {
    it(`starts afresh instead when there is ${name}`, async () => {
      const page = `https://shop.example/checkout${query}`;
      const adapter = fakeAdapter();
      const h = harness({ page, storage: returning(page, overrides), adapter });
      h.controller.hostConnected();
      await settle();
      assert.equal(adapter.calls.length, 0);
      assert.equal(stateOf(h).status, 'ready');
      assert.deepEqual(h.replaced, []);
    });
  }

  it('a resume cut off by leaving the page runs again on return, and its late answer is dropped', async () => {
    const page = `https://shop.example/checkout?session_id=${SESSION_ID}&secure_token_id=st_1`;
    const first = deferred<Outcome>();
    let n = 0;
    const adapter = fakeAdapter({
      resume: (ctx) => {
        adapter.calls.push(ctx);
        return ++n === 1 ? first.promise : Promise.resolve({ status: 'succeeded', method: 'card', paymentId: 'second' });
      },
    });
    const h = harness({ page, storage: returning(page), adapter });
    h.controller.hostConnected();
    await settle();
    h.controller.hostDisconnected();
    assert.equal(adapter.calls[0]?.signal.aborted, true);
    first.resolve({ status: 'succeeded', method: 'card', paymentId: 'first' });
    await settle();
    assert.deepEqual(h.replaced, [], 'an aborted resume leaves the URL for the next try');
    h.controller.hostConnected();
    await settle();
    assert.deepEqual(h.calls, [['succeeded', 'second']]);
  });
});

describe('checkout controller: 3-D Secure in a frame', () => {
  const needsChallenge = (): Outcome => ({
    status: 'requires_action',
    method: 'card',
    action: { type: 'redirect', url: 'https://acs.example/c' },
  });

  it('shows the challenge, then finishes the attempt on the page without navigating', async () => {
    const shown: NextAction[] = [];
    let resumedWith = '';
    const adapter = fakeAdapter({
      payCard: async (ctx) => {
        adapter.calls.push(ctx);
        return needsChallenge();
      },
      resume: async (ctx, params) => {
        adapter.calls.push(ctx);
        resumedWith = params.toString();
        return { status: 'succeeded', method: 'card', paymentId: 'pay_framed' };
      },
    });
    const h = await readyHarness({
      adapter,
      challenge: async (action) => {
        shown.push(action);
        return `?cart=42&kessai_challenge=1&session_id=${SESSION_ID}&secure_token_id=st_5`;
      },
    });
    h.controller.submit(CARD_INPUT);
    await settle();
    assert.deepEqual(shown, [{ type: 'redirect', url: 'https://acs.example/c' }]);
    assert.deepEqual(h.navigations, []);
    assert.equal(stateOf(h).status, 'succeeded');
    assert.equal(resumedWith, `cart=42&session_id=${SESSION_ID}&secure_token_id=st_5`);
    // The provider is told to come back to the page with the marker the framed page looks for.
    assert.equal(adapter.calls[0]?.pageUrl, 'https://shop.example/checkout?cart=42&kessai_return=1&kessai_challenge=1#pay');
    assert.equal(h.storage.map.size, 0);
    assert.deepEqual(h.calls.map((c) => c[0]), ['ready', 'submitted', 'redirect', 'succeeded']);
  });

  it('cancel keeps the session for another try', async () => {
    const h = await readyHarness({
      adapter: fakeAdapter({ payCard: async () => needsChallenge() }),
      challenge: async () => null,
    });
    h.controller.submit(CARD_INPUT);
    await settle();
    const state = stateOf(h);
    assert.equal(state.status === 'failed' && state.error.reason, 'authentication_canceled');
    assert.equal(state.status === 'failed' && state.session?.sessionId, SESSION_ID);
    assert.equal(h.controller.submit(CARD_INPUT), true);
  });

  it('the page can still take over: preventDefault on kessai-redirect opens no frame', async () => {
    let opened = 0;
    const h = await readyHarness({
      adapter: fakeAdapter({ payCard: async () => needsChallenge() }),
      challenge: async () => {
        opened++;
        return null;
      },
    });
    h.allowRedirect = false;
    h.controller.submit(CARD_INPUT);
    await settle();
    assert.equal(opened, 0);
    assert.equal(stateOf(h).status, 'requires_action');
  });

  it('inside the challenge frame the checkout only tells its parent and starts nothing', async () => {
    const notified: string[] = [];
    const page = `https://shop.example/checkout?kessai_challenge=1&session_id=${SESSION_ID}&secure_token_id=st_5`;
    const h = harness({
      page,
      deps: { frame: { isChallengeReturn: () => true, notify: (href) => notified.push(href) } },
    });
    h.controller.hostConnected();
    await settle();
    assert.deepEqual(notified, [page]);
    assert.equal(h.requests.length, 0);
    assert.equal(stateOf(h).status, 'idle');
  });

  it('a top-level return that carries the marker resumes and removes it', async () => {
    const page = `https://shop.example/checkout?kessai_challenge=1&session_id=${SESSION_ID}&secure_token_id=st_5#pay`;
    const storage = memoryStorage();
    savePendingAttempt(storage, createPendingAttempt(session(), ENDPOINT, 'card', Date.UTC(2030, 0, 1)));
    const h = harness({ page, storage });
    h.controller.hostConnected();
    await settle();
    assert.equal(stateOf(h).status, 'succeeded');
    assert.deepEqual(h.replaced, ['https://shop.example/checkout#pay']);
  });
});

describe('checkout controller: "Save this card" with our card fields', () => {
  const SAVING_ID = 'ses_saving0000000000000001';
  const saving = session({ sessionId: SAVING_ID, methods: ['card'], konbiniStores: [], savesCard: true });
  const shown = session({ canSaveCard: true });
  const respond = (body: Record<string, unknown>) =>
    body['action'] === 'start' ? json(200, { session: body['saveCard'] === true ? saving : shown }) : json(400, { error: { code: 'x', message: 'x' } });
  const SAVE_INPUT: PaymentInput = { method: 'card', card: CARD, save: true };

  it('ticked: asks the endpoint for a saving session right before paying, and pays that one with the card', async () => {
    const adapter = fakeAdapter();
    const h = await readyHarness({ adapter, respond });
    h.controller.submit(SAVE_INPUT);
    await settle();
    const starts = bodies(h).filter((b) => b['action'] === 'start');
    assert.equal(starts.length, 2);
    assert.equal(starts[0]!['saveCard'], undefined);
    assert.equal(starts[1]!['saveCard'], true);
    assert.deepEqual(starts[1]!['methods'], ['card']);
    assert.equal(starts[1]!['mode'], 'payment');
    assert.doesNotMatch(JSON.stringify(bodies(h)), /4111111111111111/);
    assert.equal(adapter.calls.length, 1);
    assert.equal(adapter.calls[0]!.session.sessionId, SAVING_ID);
    const state = stateOf(h);
    assert.equal(state.status, 'succeeded');
    assert.equal(state.status === 'succeeded' && state.session.sessionId, SAVING_ID);
  });

  it('unticked: nothing changes (no second start, the session shown is paid)', async () => {
    const adapter = fakeAdapter();
    const h = await readyHarness({ adapter, respond });
    h.controller.submit({ method: 'card', card: CARD, save: false });
    await settle();
    assert.equal(bodies(h).filter((b) => b['action'] === 'start').length, 1);
    assert.equal(adapter.calls[0]!.session.sessionId, SESSION_ID);
  });

  it('a 3-D Secure redirect records the saving session, so the return finishes it', async () => {
    const h = await readyHarness({
      respond,
      adapter: fakeAdapter({ payCard: async () => ({ status: 'requires_action', method: 'card', action: { type: 'redirect', url: 'https://acs.example/c' } }) }),
    });
    h.controller.submit(SAVE_INPUT);
    await settle();
    assert.equal(stateOf(h).status, 'requires_action');
    const pending = readPendingAttempt(h.storage, Date.UTC(2030, 0, 1));
    assert.equal(pending?.sessionId, SAVING_ID);
    assert.equal(pending?.session.savesCard, true);
    assert.deepEqual(h.navigations, ['https://acs.example/c']);
  });

  it('a decline goes back to the session shown: a retry without the box pays it and saves nothing', async () => {
    let declined = false;
    const adapter = fakeAdapter({
      payCard: async (ctx) => {
        adapter.calls.push(ctx);
        if (declined) return { status: 'succeeded', method: 'card', paymentId: 'pay_2' };
        declined = true;
        return { status: 'failed', error: paymentError('declined', 'card_declined', true) };
      },
    });
    const h = await readyHarness({ adapter, respond });
    h.controller.submit(SAVE_INPUT);
    await settle();
    const failedState = stateOf(h);
    assert.equal(failedState.status, 'failed');
    assert.equal(failedState.status === 'failed' && failedState.session?.sessionId, SESSION_ID);
    h.controller.submit(CARD_INPUT);
    await settle();
    assert.deepEqual(adapter.calls.map((c) => c.session.sessionId), [SAVING_ID, SESSION_ID]);
    assert.equal(stateOf(h).status, 'succeeded');
  });

  it('a refused saving start (or one for another amount) is a failure, and the card is not paid', async () => {
    for (const answer of [
      () => json(400, { error: { code: 'unsupported', message: 'no' } }),
      () => json(200, { session: { ...saving, amount: 1 } }),
      () => json(200, { session: { ...saving, savesCard: undefined } }),
    ]) {
      const adapter = fakeAdapter();
      const h = await readyHarness({
        adapter,
        respond: (body) => (body['saveCard'] === true ? answer() : respond(body)),
      });
      h.controller.submit(SAVE_INPUT);
      await settle();
      assert.equal(stateOf(h).status, 'failed');
      assert.equal(adapter.calls.length, 0);
    }
  });
});

describe('checkout controller: "Save this card" under a provider’s card form', () => {
  const SAVING_ID = 'ses_saving0000000000000002';
  const surfaceSession = (extra: Partial<ClientSession> = {}) => session({ cardEntry: 'surface', methods: ['card'], konbiniStores: [], ...extra });
  const saving = surfaceSession({ sessionId: SAVING_ID, savesCard: true });
  const shown = surfaceSession({ canSaveCard: true });
  const respond = (body: Record<string, unknown>) =>
    body['action'] === 'start' ? json(200, { session: body['saveCard'] === true ? saving : shown }) : json(400, { error: { code: 'x', message: 'x' } });
  const formOf = (savesCardBy?: 'session') =>
    ({ fields: ['number', 'expiry', 'cvc'], collectsName: false, reportsChanges: true, ...(savesCardBy ? { savesCardBy } : {}) }) as unknown as CardSurface;

  async function paid(surface: CardSurface, save: boolean) {
    const payments: unknown[] = [];
    const adapter = fakeAdapter({
      payCard: async (ctx, payment) => {
        adapter.calls.push(ctx);
        payments.push(payment);
        return { status: 'succeeded', method: 'card', paymentId: 'pay_1' };
      },
    });
    const h = await readyHarness({ adapter: { ...adapter, createCardSurface: () => surface }, respond });
    assert.equal(h.controller.cardSurface, surface);
    h.controller.submit({ method: 'card', surface: {}, save });
    await settle();
    return { h, adapter, payments, starts: bodies(h).filter((b) => b['action'] === 'start') };
  }

  it('a form that saves by session (Stripe’s card elements), ticked: the same form pays a saving session asked for right before', async () => {
    const surface = formOf('session');
    const { h, adapter, payments, starts } = await paid(surface, true);
    assert.deepEqual(starts.map((b) => b['saveCard']), [undefined, true]);
    assert.deepEqual(starts[1]!['methods'], ['card']);
    assert.deepEqual(adapter.calls.map((c) => c.session.sessionId), [SAVING_ID]);
    assert.equal((payments[0] as { surface: CardSurface }).surface, surface);
    const state = stateOf(h);
    assert.equal(state.status === 'succeeded' && state.session.sessionId, SAVING_ID);
  });

  it('a form that saves by session, unticked: the session shown is paid, no second start', async () => {
    const { adapter, starts } = await paid(formOf('session'), false);
    assert.equal(starts.length, 1);
    assert.deepEqual(adapter.calls.map((c) => c.session.sessionId), [SESSION_ID]);
  });

  it('a form whose own payment saves the card (UnivaPay’s inline form), ticked: no saving session, the adapter is told to save', async () => {
    const { adapter, payments, starts } = await paid(formOf(), true);
    assert.equal(starts.length, 1);
    assert.deepEqual(adapter.calls.map((c) => c.session.sessionId), [SESSION_ID]);
    assert.equal((payments[0] as { save?: boolean }).save, true);
  });
});
