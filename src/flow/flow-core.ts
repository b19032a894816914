import type { CardSurface } from '../core/card-surface.ts';
import type { PaymentError } from '../core/errors.ts';
import type { Outcome } from '../core/outcome.ts';
import type { ClientSession } from '../core/protocol.ts';
import type { AttemptContext, ProviderAdapter } from '../providers/adapter.ts';
import type { FlowEndpointClient } from './endpoint-client.ts';
import type { CheckoutConfig, CheckoutDeps, CheckoutHooks } from './flow-deps.ts';
import type { FlowEvent } from './machine.ts';
import type { FlowState } from './state.ts';

/** One run (a start, a submit, a resume, a poll): its abort controller. */
export interface Run {
  readonly abort: AbortController;
}

/**
 * What the flow's jobs (`start.ts`, `pay.ts`, `next-action.ts`, `poll.ts`, `resume.ts`) share, kept
 * by the controller: the state and its transitions, the runs (one at a time: a new run aborts the
 * previous one, and an answer of an old run is dropped), and the helpers every job needs.
 */
export interface FlowCore {
  readonly config: CheckoutConfig;
  readonly hooks: CheckoutHooks;
  readonly deps: CheckoutDeps;
  /** The state now (a call, so no narrowing survives a dispatch). */
  currentState(): FlowState;
  dispatch(event: FlowEvent): void;
  /** Starts a run, aborting the one before. */
  newRun(): Run;
  /** Whether `run` is the current run and not aborted: only then may its answer be used. */
  isCurrent(run: Run): boolean;
  /**
   * Applies the outcome of the current run and tells the element (and follows a next action). `session`:
   * the session the attempt paid, when it is not the one shown (a card being saved); kept unless it failed.
   */
  settle(outcome: Outcome, session?: ClientSession): void;
  /** A failure of the start, told to the element. */
  failStart(error: PaymentError): void;
  /** The endpoint as an absolute URL, or null when it is missing or not a URL. */
  endpointUrl(): string | null;
  client(endpoint: string): FlowEndpointClient;
  /** The page URL to come back to: cleaned of every return parameter, with our return marker. */
  returnUrl(): string;
  /** What an adapter gets for one attempt of `session` in `run`. */
  attemptContext(session: ClientSession, run: Run): AttemptContext;
  /** The session's provider's adapter, loaded on first use; a failure outcome when it cannot be. */
  adapter(session: ClientSession): Promise<ProviderAdapter | Extract<Outcome, { status: 'failed' }>>;
  /** What `error` says to the shopper, in the checkout's language. */
  messageFor(error: PaymentError): string;
  /** The provider's card form of the current session, when it takes cards in its own form. */
  currentCardSurface(): CardSurface | undefined;
  useCardSurface(surface: CardSurface | undefined): void;
  /** The run whose provider's script navigated the page away itself (`AttemptContext.leaving`). */
  readonly leftWith: Run | undefined;
}
