import type { PaymentError } from '../core/errors.ts';
import type { Outcome } from '../core/outcome.ts';
import type { ClientSession, PaymentMethod } from '../core/protocol.ts';
import { INITIAL_STATE, canSubmit, sessionOf, type FlowState } from './state.ts';

export { INITIAL_STATE, canSubmit, isBusy, sessionOf } from './state.ts';
export type { FlowState, FlowStatus } from './state.ts';

/**
 * One payment attempt as a pure state machine (README.md "Decisions").
 *
 * ```
 * idle ─start→ loading ─session_loaded→ ready ─submit→ submitting ─outcome→ requires_action
 *                  │                      ▲               ▲   │              │ (back from 3DS: resume)
 *                  └─session_failed→ failed ─retry────────┘   ├→ awaiting_payment (konbini slip)
 *                                      ▲  └─submit (retryable, session kept)  ├→ processing ─outcome→ …
 *                                      └────────────────────────────────────  ├→ succeeded
 *                                                                             └→ canceled
 * ```
 *
 * Every state that can take a payment carries the session, so a retry after a decline goes back to
 * `ready` (or straight to `submitting`) without asking the endpoint for a new one. An event that does not
 * apply to the current state returns that very state object: `submit` while `submitting` is how a double
 * click sends one payment request.
 */

type Succeeded = Extract<Outcome, { status: 'succeeded' }>;


export type FlowEvent =
  /** Ask the endpoint for a session. */
  | { readonly type: 'start' }
  | { readonly type: 'session_loaded'; readonly session: ClientSession }
  | { readonly type: 'session_failed'; readonly error: PaymentError }
  /** The shopper pressed Pay (or Enter) with valid details. */
  | { readonly type: 'submit'; readonly method: PaymentMethod }
  /** What the adapter or the endpoint answered for the attempt in flight. */
  | { readonly type: 'outcome'; readonly outcome: Outcome; readonly session?: ClientSession }
  /** Back from a redirect with a pending attempt: finish it with the session it was started with. */
  | { readonly type: 'resume'; readonly session: ClientSession; readonly method: PaymentMethod }
  /** The shopper asked to try again after a failure or a cancellation. */
  | { readonly type: 'retry' }
  /** Forget everything: back to `idle`. */
  | { readonly type: 'reset' };

/** Reasons after which the session cannot take another payment: a retry needs a new one. */
const SESSION_ENDING: ReadonlySet<PaymentError['reason']> = new Set([
  'session_expired',
  'payment_expired',
  'configuration_error',
  'method_unavailable',
  'unsafe_redirect',
]);

function assertNever(value: never): never {
  throw new Error(`Unhandled flow value: ${JSON.stringify(value)}`);
}

function failedWith(error: PaymentError, session: ClientSession | undefined): FlowState {
  // A session that saves the card is never paid again by a retry (which may not tick "Save this card"):
  // after a return from 3-D Secure the session shown before is gone, so a retry starts anew.
  const keep = session !== undefined && error.retryable && !SESSION_ENDING.has(error.reason) && session.savesCard !== true;
  return keep ? { status: 'failed', error, session } : { status: 'failed', error };
}

function succeeded(session: ClientSession, outcome: Succeeded): FlowState {
  return {
    status: 'succeeded',
    session,
    method: outcome.method,
    ...(outcome.paymentId !== undefined ? { paymentId: outcome.paymentId } : {}),
    ...(outcome.paymentMethodId !== undefined ? { paymentMethodId: outcome.paymentMethodId } : {}),
    ...(outcome.brand !== undefined ? { brand: outcome.brand } : {}),
    ...(outcome.last4 !== undefined ? { last4: outcome.last4 } : {}),
  };
}

/** Where an outcome leads from a state with an attempt in flight. */
function afterOutcome(session: ClientSession, outcome: Outcome): FlowState {
  switch (outcome.status) {
    case 'succeeded':
      return succeeded(session, outcome);
    case 'requires_action':
      return {
        status: 'requires_action',
        session,
        method: outcome.method,
        action: outcome.action,
        ...(outcome.reference !== undefined ? { reference: outcome.reference } : {}),
      };
    case 'awaiting_payment':
      return { status: 'awaiting_payment', session, slip: outcome.slip };
    case 'processing':
      return {
        status: 'processing',
        session,
        method: outcome.method,
        ...(outcome.reference !== undefined ? { reference: outcome.reference } : {}),
      };
    case 'failed':
      return failedWith(outcome.error, session);
    case 'canceled':
      return { status: 'canceled' };
    default:
      return assertNever(outcome);
  }
}

/**
 * The next state. Pure: no I/O, no clock, no randomness. Returns `state` itself (the same object) when
 * `event` does not apply, so callers can tell "nothing happened" with `===`.
 */
export function transition(state: FlowState, event: FlowEvent): FlowState {
  switch (event.type) {
    case 'start':
      switch (state.status) {
        case 'idle':
        case 'failed':
        case 'canceled':
          return { status: 'loading' };
        default:
          return state;
      }

    case 'session_loaded':
      return state.status === 'loading' ? { status: 'ready', session: event.session } : state;

    case 'session_failed':
      return state.status === 'loading' ? failedWith(event.error, undefined) : state;

    case 'submit': {
      if (!canSubmit(state)) return state;
      const session = sessionOf(state);
      if (session === undefined || !session.methods.includes(event.method)) return state;
      return { status: 'submitting', session, method: event.method, resumed: false };
    }

    case 'outcome':
      switch (state.status) {
        case 'submitting':
        case 'requires_action':
        case 'processing':
          // The attempt paid another session (one that saves the card): it goes on with that one, but a
          // failure goes back to the session shown, so that a retry without "Save this card" saves nothing.
          return afterOutcome(event.session && event.outcome.status !== 'failed' ? event.session : state.session, event.outcome);
        default:
          return state;
      }

    case 'resume':
      switch (state.status) {
        case 'idle':
        case 'loading':
          return { status: 'submitting', session: event.session, method: event.method, resumed: true };
        default:
          return state;
      }

    case 'retry':
      switch (state.status) {
        case 'failed':
          return state.session !== undefined ? { status: 'ready', session: state.session } : { status: 'loading' };
        case 'canceled':
          return { status: 'loading' };
        default:
          return state;
      }

    case 'reset':
      return state.status === 'idle' ? state : INITIAL_STATE;

    default:
      return assertNever(event);
  }
}
