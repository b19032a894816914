import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CardSurface } from '../core/card-surface.ts';
import { failed, type PaymentError } from '../core/errors.ts';
import { FAILURE_MESSAGES } from '../core/i18n/failure-messages.ts';
import { translate } from '../core/i18n/translate.ts';
import type { Outcome } from '../core/outcome.ts';
import type { PaymentInput } from '../core/payment-input.ts';
import type { ClientSession, PaymentMethod } from '../core/protocol.ts';
import type { AttemptContext, ProviderAdapter } from '../providers/adapter.ts';
import { PROVIDER_RETURN_PARAMS } from '../providers/return-params.ts';
import { CHALLENGE_PARAM } from './challenge-frame.ts';
import { createEndpointClient, type FlowEndpointClient } from './endpoint-client.ts';
import type { FlowCore, Run } from './flow-core.ts';
import {
  defaultCheckoutDeps,
  type CheckoutConfig,
  type CheckoutDeps,
  type CheckoutHooks,
} from './flow-deps.ts';
import { INITIAL_STATE, transition, type FlowEvent, type FlowState } from './machine.ts';
import { followAction, framed, onBackFromAction } from './next-action.ts';
import { pay } from './pay.ts';
import { pollStatus } from './poll.ts';
import { clearPendingAttempt, createPendingAttempt, savePendingAttempt } from './pending-attempt.ts';
import { tryResume } from './resume.ts';
import { checkoutReturnUrl, withParam } from './return-url.ts';
import { savingSession } from './save-card.ts';
import { runStart } from './start.ts';
import { resolveEndpoint } from './start-request.ts';

export type { CheckoutConfig, CheckoutDeps, CheckoutHooks, PageLocation } from './flow-deps.ts';
export { defaultCheckoutDeps } from './flow-deps.ts';

/**
 * Drives one `<kessai-checkout>`'s payment attempt: owns the flow state and its runs (one
 * `AbortController` each: start, submit, resume, status polling; a new run aborts the previous one and
 * answers of an old run are dropped), the idempotency key of each submit, and the provider's card form
 * of the session. The jobs live in their own modules: `start.ts`, `pay.ts`, `next-action.ts` (3-D
 * Secure and Back from it), `poll.ts`, `resume.ts`. Every outcome reaches the element through one
 * place, `settle`, and each hook becomes one `kessai-*` event there.
 */
export class CheckoutController implements ReactiveController, FlowCore {
  private _state: FlowState = INITIAL_STATE;
  private _run: Run | undefined;
  private _connected = false;
  private _surface: CardSurface | undefined;
  readonly deps: CheckoutDeps;

  constructor(
    private readonly host: ReactiveControllerHost,
    readonly config: CheckoutConfig,
    readonly hooks: CheckoutHooks,
    deps: Partial<CheckoutDeps> = {},
  ) {
    this.deps = { ...defaultCheckoutDeps(), ...deps };
    host.addController(this);
  }

  /** The current flow state; the element renders it. */
  get state(): FlowState {
    return this._state;
  }

  /** The provider's own card form of the current session, when it takes cards there. */
  get cardSurface(): CardSurface | undefined {
    return this._surface;
  }

  hostConnected(): void {
    this._connected = true;
    this.deps.pageEvents?.addEventListener('pageshow', this._onPageShow);
    const state = this._state;
    switch (state.status) {
      case 'idle':
        this._begin();
        break;
      case 'loading':
        // The start of a previous connection was aborted when the element left the page.
        this._reset();
        this._begin();
        break;
      case 'submitting':
        if (state.resumed) {
          this._reset();
          this._begin();
        } else {
          // The request was cut off when the element left: its result is unknown.
          this.settle(failed('internal', 'processing_error', true));
        }
        break;
      case 'processing':
        pollStatus(this, state.session, state.reference);
        break;
      default:
        break;
    }
  }

  hostDisconnected(): void {
    this._connected = false;
    this.deps.pageEvents?.removeEventListener('pageshow', this._onPageShow);
    this._abortRun();
  }

  /** Starts over with a new session: after `endpoint`, `mode` or `methods` changed, or `reset()`. */
  restart(): void {
    this._abortRun();
    this._reset();
    if (this._connected) this._begin();
  }

  /** After a failure or a cancellation: back to the form with the same session, or a new session. */
  retry(): void {
    this.dispatch({ type: 'retry' });
    if (this._state.status === 'loading') {
      this.useCardSurface(undefined);
      void runStart(this);
    }
  }

  /**
   * Pays with `input`. Returns false, and sends nothing, unless the flow can take a payment now: while
   * one is in flight every further press is ignored, so one submit makes one payment request.
   */
  submit(input: PaymentInput): boolean {
    const before = this._state;
    this.dispatch({ type: 'submit', method: input.method });
    const state = this._state;
    if (state === before || state.status !== 'submitting') return false;
    this.hooks.submitted(input.method);
    const run = this.newRun();
    const ctx = this.attemptContext(state.session, run);
    void (async () => {
      const adapter = await this.adapter(state.session);
      // Left or reset while the provider's code loaded: nothing is sent.
      if (!this.isCurrent(run)) return;
      if ('status' in adapter) return this.settle(adapter);
      // "Save this card" with our card fields, or a provider's form that saves by session: paid on a
      // session that saves it, asked for now (the attempt then names it).
      const bySession = 'card' in input || ('surface' in input && this.currentCardSurface()?.savesCardBy === 'session');
      const session = bySession && 'save' in input && input.save ? await savingSession(this, state.session, run.abort.signal) : state.session;
      if (!this.isCurrent(run)) return;
      if ('status' in session) return this.settle(session);
      const outcome = await pay(this, adapter, session === state.session ? ctx : this.attemptContext(session, run), input);
      if (this.isCurrent(run)) this.settle(outcome, session);
    })();
    return true;
  }

  /** What `error` says to the shopper, in the checkout's language. */
  messageFor(error: PaymentError): string {
    return translate(FAILURE_MESSAGES, this.config.locale(), error.reason);
  }

  // ---- FlowCore: what the jobs share -----------------------------------------------------------------

  currentState(): FlowState {
    return this._state;
  }

  dispatch(event: FlowEvent): void {
    const next = transition(this._state, event);
    if (next === this._state) return;
    this._state = next;
    this.host.requestUpdate();
    // A form shown again after a return from the provider needs the provider's card form again too.
    if ((next.status === 'ready' || next.status === 'failed') && next.session !== undefined) {
      void this._ensureCardSurface(next.session);
    }
  }

  newRun(): Run {
    this._abortRun();
    const run: Run = { abort: new AbortController() };
    this._run = run;
    return run;
  }

  isCurrent(run: Run): boolean {
    return this._run === run && !run.abort.signal.aborted;
  }

  settle(outcome: Outcome, session?: ClientSession): void {
    const before = this._state;
    this.dispatch({ type: 'outcome', outcome, ...(session ? { session } : {}) });
    const state = this._state;
    if (state === before) return;
    switch (state.status) {
      case 'requires_action':
        followAction(this, state);
        break;
      case 'succeeded':
        this.hooks.succeeded(state);
        break;
      case 'awaiting_payment':
        this.hooks.pending(state.slip);
        break;
      case 'processing':
        pollStatus(this, state.session, state.reference);
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

  failStart(error: PaymentError): void {
    this.dispatch({ type: 'session_failed', error });
    if (this._state.status === 'failed') this.hooks.failed(error, this.messageFor(error));
  }

  endpointUrl(): string | null {
    return resolveEndpoint(this.config.endpoint(), this.deps.page.href());
  }

  client(endpoint: string): FlowEndpointClient {
    return createEndpointClient({
      url: endpoint,
      context: () => this.config.context(),
      ...(this.deps.fetch ? { fetch: this.deps.fetch } : {}),
    });
  }

  returnUrl(): string {
    return checkoutReturnUrl(this.deps.page.href(), PROVIDER_RETURN_PARAMS);
  }

  attemptContext(session: ClientSession, run: Run): AttemptContext {
    const returnUrl = this.returnUrl();
    return {
      session,
      endpoint: this.client(this.endpointUrl() ?? ''),
      locale: this.config.locale(),
      pageUrl: framed(this) ? withParam(returnUrl, CHALLENGE_PARAM, '1') : returnUrl,
      challenge: framed(this) ? 'iframe' : 'redirect',
      leaving: (method, reference) => this._leaving(session, run, method, reference),
      idempotencyKey: this.deps.randomUUID(),
      signal: run.abort.signal,
      ...(this.deps.fetch ? { fetch: this.deps.fetch } : {}),
    };
  }

  async adapter(session: ClientSession): Promise<ProviderAdapter | Extract<Outcome, { status: 'failed' }>> {
    try {
      const adapter = await this.deps.loadAdapter(session.provider);
      if (adapter !== undefined) return adapter;
      return failed('configuration', 'configuration_error', false, { providerCode: `no_adapter_${session.provider}` });
    } catch {
      // The provider's chunk could not be loaded (offline): Try again loads it anew.
      return failed('network', 'network_unreachable', true);
    }
  }

  currentCardSurface(): CardSurface | undefined {
    return this._surface;
  }

  useCardSurface(surface: CardSurface | undefined): void {
    if (surface === this._surface) return;
    this._surface = surface;
    this.host.requestUpdate();
  }

  // ---- internals -------------------------------------------------------------------------------------

  /** Makes the provider's card form of `session` when it takes cards there and none is made yet. */
  private async _ensureCardSurface(session: ClientSession): Promise<void> {
    if (this._surface !== undefined || session.cardEntry !== 'surface' || !session.methods.includes('card')) return;
    const adapter = await this.adapter(session);
    const state = this._state;
    if ('status' in adapter || this._surface !== undefined || !('session' in state) || state.session !== session) return;
    this.useCardSurface(adapter.createCardSurface?.({ session, locale: this.config.locale() }));
  }

  private _abortRun(): void {
    this._run?.abort.abort();
    this._run = undefined;
  }

  private _reset(): void {
    this.dispatch({ type: 'reset' });
    this.useCardSurface(undefined);
  }

  /** On connect: finish an attempt the shopper is returning to, or start a new one. */
  private _begin(): void {
    const href = this.deps.page.href();
    if (this.deps.frame.isChallengeReturn(href)) {
      // This page was loaded inside the challenge frame of a checkout above: hand it the return and
      // do nothing else (no session, no payment: the checkout above finishes the attempt).
      this.deps.frame.notify(href);
      return;
    }
    if (tryResume(this)) return;
    this.dispatch({ type: 'start' });
    void runStart(this);
  }

  /**
   * The provider's script is about to navigate the page itself: the attempt is kept for the return, and
   * the run is marked, so that Back to this page from the back-forward cache ends it (`onBackFromAction`).
   */
  private _leaving(session: ClientSession, run: Run, method: PaymentMethod, reference?: string): () => void {
    const endpoint = this.endpointUrl();
    if (endpoint !== null) savePendingAttempt(this.deps.storage, createPendingAttempt(session, endpoint, method, this.deps.now(), reference));
    this.leftWith = run;
    return () => {
      this.leftWith = undefined;
      clearPendingAttempt(this.deps.storage);
    };
  }

  leftWith: Run | undefined;

  private readonly _onPageShow = (event: Event): void => onBackFromAction(this, event);
}
