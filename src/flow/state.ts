import type { PaymentError } from '../core/errors.ts';
import type { NextAction } from '../core/outcome.ts';
import type { ClientSession, PaymentMethod } from '../core/protocol.ts';
import type { Slip } from '../core/slip.ts';

/**
 * The states of a payment attempt and what each allows; `machine.ts` moves between them. Apart so an
 * element can read a state without carrying the transitions (they load with the flow).
 */
export type FlowState =
  | { readonly status: 'idle' }
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly session: ClientSession }
  | {
      readonly status: 'submitting';
      readonly session: ClientSession;
      readonly method: PaymentMethod;
      /** True while finishing an attempt after the shopper came back from a redirect (3-D Secure). */
      readonly resumed: boolean;
    }
  | {
      readonly status: 'requires_action';
      readonly session: ClientSession;
      readonly method: PaymentMethod;
      readonly action: NextAction;
      /** What the return will need (a provider's charge id): kept with the pending attempt. */
      readonly reference?: string;
    }
  | {
      readonly status: 'processing';
      readonly session: ClientSession;
      readonly method: PaymentMethod;
      /** What `status` needs to find the payment (a provider's charge id). */
      readonly reference?: string;
    }
  | { readonly status: 'awaiting_payment'; readonly session: ClientSession; readonly slip: Slip }
  | {
      readonly status: 'succeeded';
      readonly session: ClientSession;
      readonly method: PaymentMethod;
      readonly paymentId?: string;
      readonly paymentMethodId?: string;
      readonly brand?: string;
      readonly last4?: string;
    }
  | {
      readonly status: 'failed';
      readonly error: PaymentError;
      /** Kept only while it can still take a payment: a retry then needs no new session. */
      readonly session?: ClientSession;
    }
  | { readonly status: 'canceled' };

export type FlowStatus = FlowState['status'];

export const INITIAL_STATE: FlowState = { status: 'idle' };

/** The session of a state, when it has one. */
export function sessionOf(state: FlowState): ClientSession | undefined {
  return 'session' in state ? state.session : undefined;
}

/** Whether `submit` would start a payment now (the Pay button is live). */
export function canSubmit(state: FlowState): boolean {
  return (
    state.status === 'ready' ||
    (state.status === 'failed' && state.session !== undefined && state.error.retryable)
  );
}

/** The states in which a payment request is in flight or the shopper is away at their bank. */
export function isBusy(state: FlowState): boolean {
  return (
    state.status === 'submitting' ||
    state.status === 'requires_action' ||
    state.status === 'processing'
  );
}
