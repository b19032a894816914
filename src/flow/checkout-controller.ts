import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { paymentError, type PaymentError } from '../core/errors.ts';
import { FAILURE_MESSAGES } from '../core/i18n/failure-messages.ts';
import { translate } from '../core/i18n/translate.ts';
import type { Locale } from '../core/locale.ts';
import type { NextAction, Outcome } from '../core/outcome.ts';
import type { PaymentInput } from '../core/payment-input.ts';
import {
  PROVIDERS,
  type ClientSession,
  type Mode,
  type PaymentMethod,
  type ProviderName,
} from '../core/protocol.ts';
import type { Slip } from '../core/slip.ts';
import type { AttemptContext, ProviderAdapter } from '../providers/adapter.ts';
import { adapterFor as registryAdapterFor } from '../providers/registry.ts';
import { createEndpointClient, type FlowEndpointClient } from './endpoint-client.ts';
import { INITIAL_STATE, transition, type FlowEvent, type FlowState } from './machine.ts';
import { navigate as realNavigate, safeActionUrl, type Navigate } from './navigate.ts';
import {
  clearPendingAttempt,
  createPendingAttempt,
  defaultAttemptStorage,
  readPendingAttempt,
  savePendingAttempt,
  type AttemptStorage,
  type PendingAttempt,
} from './pending-attempt.ts';
import {
  CHALLENGE_PARAM,
  browserChallengeFrame,
  type ChallengeFrame,
} from './challenge-frame.ts';
import { hasAnyParam, withParam, withoutParams } from './return-url.ts';
import { resolveEndpoint, startFields } from './start-request.ts';

/**
 * Drives one `<kessai-checkout>`'s payment attempt: owns the flow state, one `AbortController` per run
 * (start, submit, resume, status polling; a new run aborts the previous one and answers of an old run
 * are dropped), the idempotency key of each submit, the pending attempt across a 3-D Secure redirect,
 * and the return from it. The element renders `state` and turns the hooks into `kessai-*` events.
 */

type SucceededState = Extract<FlowState, { status: 'succeeded' }>;

/** What the checkout reads from its element, live, whenever a run starts. */
export interface CheckoutConfig {
  /** The `endpoint` attribute (may be relative). Empty or missing: a configuration error is shown. */
  endpoint(): string | null | undefined;
  mode(): Mode;
  /** The `methods` filter, or undefined for "whatever the session allows". */
  methods(): readonly PaymentMethod[] | undefined;
  locale(): Locale;
  /** The `context` property, posted with every request. */
  context(): Readonly<Record<string, unknown>> | undefined;
  /** How 3-D Secure is shown: `redirect` (the default) or `iframe` (needs the `challenge` hook). */
  challenge?(): 'redirect' | 'iframe';
}

/** Where the flow tells its element what happened; each becomes one `kessai-*` event. */
export interface CheckoutHooks {
  ready(session: ClientSession): void;
  submitted(method: PaymentMethod): void;
  /**
   * The shopper is about to be sent to `url`. Return false to stop the flow's own navigation (the page
   * called `preventDefault()` on `kessai-redirect`; the attempt stays pending for the return).
   */
  redirect(detail: { readonly url: string; readonly method: 'get' | 'post' }): boolean;
  /**
   * Shows the challenge in a frame over the page (`challenge="iframe"`). Resolves with the query
   * string the provider sent the frame back with, or null when the shopper canceled.
   */
  challenge?(action: NextAction, signal: AbortSignal): Promise<string | null>;
  succeeded(state: SucceededState): void;
  pending(slip: Slip): void;
  /** A failure, with its message already in the shopper's language. */
  failed(error: PaymentError, message: string): void;
  canceled(): void;
}

/** The page's address, read and rewritten (tests pass their own). */
export interface PageLocation {
  href(): string;
  /** `history.replaceState` to `url` (same document, no navigation). */
  replace(url: string): void;
}

export interface CheckoutDeps {
  readonly adapterFor: (provider: ProviderName) => ProviderAdapter | undefined;
  readonly fetch?: typeof fetch;
  readonly navigate: Navigate;
  readonly storage: AttemptStorage | undefined;
  readonly page: PageLocation;
  readonly now: () => number;
  readonly randomUUID: () => string;
  /** Waits between `status` checks while a payment is `processing`. */
  readonly pollDelaysMs: readonly number[];
  readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Whether this page is the return of a framed challenge, and how it tells the checkout above. */
  readonly frame: ChallengeFrame;
  /** Where `pageshow` is heard (the window; tests pass their own target). */
  readonly pageEvents: Pick<EventTarget, 'addEventListener' | 'removeEventListener'> | undefined;
}

const browserPage: PageLocation = {
  href: () => globalThis.location.href,
  replace: (url) => globalThis.history.replaceState(globalThis.history.state, '', url),
};

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}

export function defaultCheckoutDeps(): CheckoutDeps {
  return {
    adapterFor: registryAdapterFor,
    navigate: realNavigate,
    storage: defaultAttemptStorage(),
    page: browserPage,
    now: () => Date.now(),
    randomUUID: () => globalThis.crypto.randomUUID(),
    pollDelaysMs: [2000, 3000, 5000, 10000],
    sleep: abortableSleep,
    frame: browserChallengeFrame,
    pageEvents: typeof globalThis.addEventListener === 'function' ? globalThis : undefined,
  };
}

/** Failures of a status check itself (not of the payment): polling goes on. */
const CHECK_FAILURES: ReadonlySet<PaymentError['reason']> = new Set([
  'network_unreachable',
  'unexpected_response',
  'endpoint_error',
  'provider_unavailable',
  'too_many_attempts',
]);

/** One run: its abort controller. Answers are used only while it is the current, unaborted run. */
interface Run {
  readonly abort: AbortController;
}

export class CheckoutController implements ReactiveController {
  private _state: FlowState = INITIAL_STATE;
  private _run: Run | undefined;
  private readonly _deps: CheckoutDeps;
  private _connected = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly config: CheckoutConfig,
    private readonly hooks: CheckoutHooks,
    deps: Partial<CheckoutDeps> = {},
  ) {
    this._deps = { ...defaultCheckoutDeps(), ...deps };
    host.addController(this);
  }

  /** The current flow state; the element renders it. */
  get state(): FlowState {
    return this._state;
  }

  hostConnected(): void {
    this._connected = true;
    this._deps.pageEvents?.addEventListener('pageshow', this._onPageShow as EventListener);
    const state = this._state;
    switch (state.status) {
      case 'idle':
        this._begin();
        break;
      case 'loading':
        // The start of a previous connection was aborted when the element left the page.
        this._dispatch({ type: 'reset' });
        this._begin();
        break;
      case 'submitting':
        if (state.resumed) {
          this._dispatch({ type: 'reset' });
          this._begin();
        } else {
          // The request was cut off when the element left: its result is unknown.
          this._settle({ status: 'failed', error: paymentError('internal', 'processing_error', true) });
        }
        break;
      case 'processing':
        this._poll(state.session);
        break;
      default:
        break;
    }
  }

  hostDisconnected(): void {
    this._connected = false;
    this._deps.pageEvents?.removeEventListener('pageshow', this._onPageShow as EventListener);
    this._abortRun();
  }

  /** Starts over with a new session: after `endpoint`, `mode` or `methods` changed, or `reset()`. */
  restart(): void {
    this._abortRun();
    this._dispatch({ type: 'reset' });
    if (this._connected) this._begin();
  }

  /** After a failure or a cancellation: back to the form with the same session, or a new session. */
  retry(): void {
    this._dispatch({ type: 'retry' });
    if (this._statusNow() === 'loading') void this._runStart();
  }

  /**
   * Pays with `input`. Returns false, and sends nothing, unless the flow can take a payment now: while
   * one is in flight every further press is ignored, so one submit makes one payment request.
   */
  submit(input: PaymentInput): boolean {
    const before = this._state;
    this._dispatch({ type: 'submit', method: input.method });
    const state = this._state;
    if (state === before || state.status !== 'submitting') return false;
    this.hooks.submitted(input.method);
    const run = this._newRun();
    const ctx = this._attemptContext(state.session, run, this._deps.randomUUID());
    const adapter = this._deps.adapterFor(state.session.provider);
    void this._pay(adapter, ctx, input).then((outcome) => {
      if (this._isCurrent(run)) this._settle(outcome);
    });
    return true;
  }

  // ---- runs ------------------------------------------------------------------------------------------

  private _newRun(): Run {
    this._abortRun();
    const run: Run = { abort: new AbortController() };
    this._run = run;
    return run;
  }

  private _abortRun(): void {
    this._run?.abort.abort();
    this._run = undefined;
  }

  private _isCurrent(run: Run): boolean {
    return this._run === run && !run.abort.signal.aborted;
  }

  /** The status now (a method, so TypeScript does not keep a narrowing across a dispatch). */
  private _statusNow(): FlowState['status'] {
    return this._state.status;
  }

  private _dispatch(event: FlowEvent): void {
    const next = transition(this._state, event);
    if (next === this._state) return;
    this._state = next;
    this.host.requestUpdate();
  }

  /** On connect: finish an attempt the shopper is returning to, or start a new one. */
  private _begin(): void {
    const href = this._deps.page.href();
    if (this._deps.frame.isChallengeReturn(href)) {
      // This page was loaded inside the challenge frame of a checkout above: hand it the return and
      // do nothing else (no session, no payment: the checkout above finishes the attempt).
      this._deps.frame.notify(href);
      return;
    }
    if (this._tryResume()) return;
    this._dispatch({ type: 'start' });
    void this._runStart();
  }

  // ---- start -----------------------------------------------------------------------------------------

  private async _runStart(): Promise<void> {
    if (this._state.status !== 'loading') return;
    const run = this._newRun();
    const endpoint = this._endpointUrl();
    if (endpoint === null) {
      this._failStart(paymentError('configuration', 'configuration_error', false, { providerCode: 'no_endpoint' }));
      return;
    }
    const methods = this.config.methods();
    const locale = this.config.locale();
    const result = await this._client(endpoint).start(
      startFields({ mode: this.config.mode(), methods, returnUrl: this._cleanPageUrl(), locale }),
      run.abort.signal,
    );
    if (!this._isCurrent(run)) return;
    if (!result.ok) {
      this._failStart(result.error);
      return;
    }
    const usable = this._usableSession(result.session, methods);
    if ('error' in usable) {
      this._failStart(usable.error);
      return;
    }
    this._dispatch({ type: 'session_loaded', session: usable.session });
    if (this._statusNow() === 'ready') this.hooks.ready(usable.session);
  }

  /** The session narrowed to what this page asked for and what the provider's adapter can take. */
  private _usableSession(
    session: ClientSession,
    filter: readonly PaymentMethod[] | undefined,
  ): { readonly session: ClientSession } | { readonly error: PaymentError } {
    const adapter = this._deps.adapterFor(session.provider);
    if (adapter === undefined) {
      return { error: paymentError('configuration', 'configuration_error', false, { providerCode: `no_adapter_${session.provider}` }) };
    }
    if (session.mode !== this.config.mode()) {
      return { error: paymentError('configuration', 'configuration_error', false, { providerCode: 'mode_mismatch' }) };
    }
    const methods = session.methods.filter(
      (method) =>
        (filter === undefined || filter.includes(method)) &&
        (method === 'card' ? adapter.payCard !== undefined : adapter.payKonbini !== undefined),
    );
    if (methods.length === 0) {
      return { error: paymentError('configuration', 'method_unavailable', false) };
    }
    return { session: methods.length === session.methods.length ? session : { ...session, methods } };
  }

  private _failStart(error: PaymentError): void {
    this._dispatch({ type: 'session_failed', error });
    if (this._statusNow() === 'failed') this.hooks.failed(error, this.messageFor(error));
  }

  // ---- submit ----------------------------------------------------------------------------------------

  private async _pay(
    adapter: ProviderAdapter | undefined,
    ctx: AttemptContext,
    input: PaymentInput,
  ): Promise<Outcome> {
    if (adapter === undefined) {
      return { status: 'failed', error: paymentError('configuration', 'configuration_error', false) };
    }
    try {
      switch (input.method) {
        case 'card':
          return adapter.payCard
            ? await adapter.payCard(ctx, input.card)
            : { status: 'failed', error: paymentError('configuration', 'method_unavailable', false) };
        case 'konbini':
          return adapter.payKonbini
            ? await adapter.payKonbini(ctx, input.konbini)
            : { status: 'failed', error: paymentError('configuration', 'method_unavailable', false) };
      }
    } catch {
      // Adapters do not throw by contract; if one does, the shopper still gets an answer.
      return { status: 'failed', error: paymentError('internal', 'internal_error', true) };
    }
  }

  /** Applies the outcome of the current run and tells the element. */
  private _settle(outcome: Outcome): void {
    const before = this._state;
    this._dispatch({ type: 'outcome', outcome });
    const state = this._state;
    if (state === before) return;
    switch (state.status) {
      case 'requires_action':
        this._followAction(state);
        break;
      case 'succeeded':
        this.hooks.succeeded(state);
        break;
      case 'awaiting_payment':
        this.hooks.pending(state.slip);
        break;
      case 'processing':
        this._poll(state.session);
        break;
      case 'failed':
        this.hooks.failed(state.error, this.messageFor(state.error));
        break;
      case 'canceled':
        this.hooks.canceled();
        break;
      default:
        break;
    }
  }

  private _followAction(state: Extract<FlowState, { status: 'requires_action' }>): void {
    const url = safeActionUrl(state.action, state.session);
    const endpoint = this._endpointUrl();
    if (url === null || endpoint === null) {
      this._settle({ status: 'failed', error: paymentError('configuration', 'unsafe_redirect', false) });
      return;
    }
    // Kept in every case: if the page takes over the navigation, the shopper returns to a new page load.
    const attempt = createPendingAttempt(state.session, endpoint, state.method, this._deps.now());
    savePendingAttempt(this._deps.storage, attempt);
    const proceed = this.hooks.redirect({ url: url.href, method: state.action.type === 'post' ? 'post' : 'get' });
    if (!proceed || this._state !== state) return;
    if (this._framed()) {
      void this._runChallenge(state);
      return;
    }
    if (!this._deps.navigate(state.action, state.session)) {
      clearPendingAttempt(this._deps.storage);
      this._settle({ status: 'failed', error: paymentError('configuration', 'unsafe_redirect', false) });
    }
  }

  private _framed(): boolean {
    return this.config.challenge?.() === 'iframe' && this.hooks.challenge !== undefined;
  }

  /** The challenge in a frame over the page: on return, finish the attempt here, without a reload. */
  private async _runChallenge(state: Extract<FlowState, { status: 'requires_action' }>): Promise<void> {
    const show = this.hooks.challenge;
    if (show === undefined) return;
    const run = this._newRun();
    let search: string | null;
    try {
      search = await show(state.action, run.abort.signal);
    } catch {
      search = null;
    }
    if (!this._isCurrent(run)) return;
    clearPendingAttempt(this._deps.storage);
    if (search === null) {
      this._settle({ status: 'failed', error: paymentError('authentication', 'authentication_canceled', true) });
      return;
    }
    const params = new URLSearchParams(search);
    params.delete(CHALLENGE_PARAM);
    const adapter = this._deps.adapterFor(state.session.provider);
    let outcome: Outcome;
    try {
      outcome = adapter
        ? await adapter.resume(this._attemptContext(state.session, run, this._deps.randomUUID()), params)
        : { status: 'failed', error: paymentError('configuration', 'configuration_error', false) };
    } catch {
      outcome = { status: 'failed', error: paymentError('internal', 'internal_error', true) };
    }
    if (this._isCurrent(run)) this._settle(outcome);
  }

  /** Back from the bank page without finishing (the browser's Back button restored this page). */
  private readonly _onPageShow = (event: Event): void => {
    if (!(event as PageTransitionEvent).persisted || this._state.status !== 'requires_action') return;
    clearPendingAttempt(this._deps.storage);
    this._settle({ status: 'failed', error: paymentError('authentication', 'authentication_canceled', true) });
  };

  /** Asks the endpoint a few times whether a `processing` payment settled. */
  private _poll(session: ClientSession): void {
    const run = this._newRun();
    const endpoint = this._endpointUrl();
    if (endpoint === null) return;
    const client = this._client(endpoint);
    void (async () => {
      for (const delay of this._deps.pollDelaysMs) {
        await this._deps.sleep(delay, run.abort.signal);
        if (!this._isCurrent(run)) return;
        const outcome = await client.status({ sessionId: session.sessionId }, run.abort.signal);
        if (!this._isCurrent(run)) return;
        // A status check that itself failed says nothing about the payment: keep waiting.
        if (outcome.status === 'processing' || (outcome.status === 'failed' && CHECK_FAILURES.has(outcome.error.reason))) {
          continue;
        }
        this._settle(outcome);
        return;
      }
    })();
  }

  // ---- resume ----------------------------------------------------------------------------------------

  /** When the page is the return from a redirect this checkout started, finish that attempt. */
  private _tryResume(): boolean {
    const attempt = readPendingAttempt(this._deps.storage, this._deps.now());
    if (attempt === null) return false;
    const adapter = this._deps.adapterFor(attempt.provider);
    const href = this._deps.page.href();
    if (adapter === undefined || !hasAnyParam(href, adapter.returnParams)) return false;
    if (!this._matches(attempt, href)) return false;

    this._dispatch({ type: 'resume', session: attempt.session, method: attempt.method });
    if (this._statusNow() !== 'submitting') return false;
    const run = this._newRun();
    const params = new URL(href).searchParams;
    const ctx = this._attemptContext(attempt.session, run, this._deps.randomUUID());
    void (async (): Promise<Outcome> => {
      try {
        return await adapter.resume(ctx, params);
      } catch {
        return { status: 'failed', error: paymentError('internal', 'internal_error', true) };
      }
    })().then((outcome) => {
      if (!this._isCurrent(run)) return;
      // The return is used up: a reload must not finish it again.
      this._deps.page.replace(withoutParams(this._deps.page.href(), [...adapter.returnParams, CHALLENGE_PARAM]));
      clearPendingAttempt(this._deps.storage);
      this._settle(outcome);
    });
    return true;
  }

  /** The attempt belongs to this checkout and to the session the return URL names. */
  private _matches(attempt: PendingAttempt, href: string): boolean {
    if (attempt.endpoint !== this._endpointUrl() || attempt.mode !== this.config.mode()) return false;
    // Providers that name the session on the return (KOMOJU `session_id`) must name this one.
    const named = new URL(href).searchParams.get('session_id');
    return named === null || named === attempt.sessionId;
  }

  // ---- helpers ---------------------------------------------------------------------------------------

  private _endpointUrl(): string | null {
    return resolveEndpoint(this.config.endpoint(), this._deps.page.href());
  }

  private _client(endpoint: string): FlowEndpointClient {
    return createEndpointClient({
      url: endpoint,
      context: () => this.config.context(),
      ...(this._deps.fetch ? { fetch: this._deps.fetch } : {}),
    });
  }

  /** Every provider's return parameters: none of them belongs in a new return URL. */
  private _allReturnParams(): string[] {
    const names = new Set<string>([CHALLENGE_PARAM]);
    for (const provider of PROVIDERS) {
      for (const name of this._deps.adapterFor(provider)?.returnParams ?? []) names.add(name);
    }
    return [...names];
  }

  private _cleanPageUrl(): string {
    return withoutParams(this._deps.page.href(), this._allReturnParams());
  }

  private _attemptContext(session: ClientSession, run: Run, idempotencyKey: string): AttemptContext {
    const endpoint = this._endpointUrl() ?? '';
    return {
      session,
      endpoint: this._client(endpoint),
      locale: this.config.locale(),
      pageUrl: this._framed() ? withParam(this._cleanPageUrl(), CHALLENGE_PARAM, '1') : this._cleanPageUrl(),
      idempotencyKey,
      signal: run.abort.signal,
      ...(this._deps.fetch ? { fetch: this._deps.fetch } : {}),
    };
  }

  /** What `error` says to the shopper, in the checkout's language. */
  messageFor(error: PaymentError): string {
    return translate(FAILURE_MESSAGES, this.config.locale(), error.reason);
  }
}
