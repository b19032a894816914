import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { paymentError, type PaymentError } from '../../../src/core/errors.ts';
import type { Outcome } from '../../../src/core/outcome.ts';
import type { Slip } from '../../../src/core/slip.ts';
import {
  INITIAL_STATE,
  canSubmit,
  isBusy,
  sessionOf,
  transition,
  type FlowEvent,
  type FlowState,
} from '../../../src/flow/machine.ts';
import { session as makeSession } from './fixtures.ts';

const session = makeSession();
const cardOnly = makeSession({ methods: ['card'] });
const slip: Slip = {
  store: 'lawson',
  paymentNumber: '12345678901',
  confirmationNumber: '1111',
  amount: 1980,
  currency: 'JPY',
  expiresAt: '2030-01-03T14:59:59Z',
};
const declined = paymentError('declined', 'card_declined', true);
const expired = paymentError('validation', 'session_expired', true);
const fatal = paymentError('configuration', 'configuration_error', false);
const netDown = paymentError('network', 'network_unreachable', true);

const S = {
  idle: INITIAL_STATE,
  loading: { status: 'loading' } as FlowState,
  ready: { status: 'ready', session } as FlowState,
  readyCardOnly: { status: 'ready', session: cardOnly } as FlowState,
  submitting: { status: 'submitting', session, method: 'card', resumed: false } as FlowState,
  resuming: { status: 'submitting', session, method: 'card', resumed: true } as FlowState,
  action: {
    status: 'requires_action',
    session,
    method: 'card',
    action: { type: 'redirect', url: 'https://acs.example/challenge' },
  } as FlowState,
  processing: { status: 'processing', session, method: 'card' } as FlowState,
  awaiting: { status: 'awaiting_payment', session, slip } as FlowState,
  succeeded: { status: 'succeeded', session, method: 'card' } as FlowState,
  failedWithSession: { status: 'failed', error: declined, session } as FlowState,
  failedNoSession: { status: 'failed', error: netDown } as FlowState,
  failedFatal: { status: 'failed', error: fatal } as FlowState,
  canceled: { status: 'canceled' } as FlowState,
} as const;

const outcome = (o: Outcome): FlowEvent => ({ type: 'outcome', outcome: o });
const failedOutcome = (error: PaymentError): FlowEvent => outcome({ status: 'failed', error });

/** [name, from, event, expected]; `'same'` means the very same state object comes back. */
type Row = readonly [string, FlowState, FlowEvent, FlowState | 'same'];

const rows: readonly Row[] = [
  // start
  ['idle starts loading', S.idle, { type: 'start' }, S.loading],
  ['failed starts loading', S.failedNoSession, { type: 'start' }, S.loading],
  ['canceled starts loading', S.canceled, { type: 'start' }, S.loading],
  ['start while loading is ignored', S.loading, { type: 'start' }, 'same'],
  ['start while ready is ignored', S.ready, { type: 'start' }, 'same'],
  ['start while submitting is ignored', S.submitting, { type: 'start' }, 'same'],
  // session answers
  ['a session makes it ready', S.loading, { type: 'session_loaded', session }, S.ready],
  ['a late session after reset is ignored', S.idle, { type: 'session_loaded', session }, 'same'],
  ['a session while ready is ignored', S.ready, { type: 'session_loaded', session: cardOnly }, 'same'],
  ['a failed start fails without a session', S.loading, { type: 'session_failed', error: netDown }, S.failedNoSession],
  ['a failed start while ready is ignored', S.ready, { type: 'session_failed', error: netDown }, 'same'],
  // submit
  ['submit from ready', S.ready, { type: 'submit', method: 'card' }, S.submitting],
  ['submit konbini from ready', S.ready, { type: 'submit', method: 'konbini' },
    { status: 'submitting', session, method: 'konbini', resumed: false }],
  ['submit of a method the session lacks is ignored', S.readyCardOnly, { type: 'submit', method: 'konbini' }, 'same'],
  ['double submit is ignored (double click)', S.submitting, { type: 'submit', method: 'card' }, 'same'],
  ['submit while resuming is ignored', S.resuming, { type: 'submit', method: 'card' }, 'same'],
  ['submit while away at the bank is ignored', S.action, { type: 'submit', method: 'card' }, 'same'],
  ['submit while processing is ignored', S.processing, { type: 'submit', method: 'card' }, 'same'],
  ['submit after success is ignored', S.succeeded, { type: 'submit', method: 'card' }, 'same'],
  ['submit with a slip shown is ignored', S.awaiting, { type: 'submit', method: 'konbini' }, 'same'],
  ['submit while loading is ignored', S.loading, { type: 'submit', method: 'card' }, 'same'],
  ['submit after a retryable decline pays again on the same session', S.failedWithSession,
    { type: 'submit', method: 'card' }, S.submitting],
  ['submit after a failure without session is ignored', S.failedNoSession, { type: 'submit', method: 'card' }, 'same'],
  // outcomes
  ['success', S.submitting, outcome({ status: 'succeeded', method: 'card', paymentId: 'p1', brand: 'visa', last4: '1111' }),
    { status: 'succeeded', session, method: 'card', paymentId: 'p1', brand: 'visa', last4: '1111' }],
  ['3DS needed', S.submitting,
    outcome({ status: 'requires_action', method: 'card', action: { type: 'redirect', url: 'https://acs.example/challenge' } }),
    S.action],
  ['konbini slip', { status: 'submitting', session, method: 'konbini', resumed: false },
    outcome({ status: 'awaiting_payment', method: 'konbini', slip }), S.awaiting],
  ['processing', S.submitting, outcome({ status: 'processing', method: 'card' }), S.processing],
  ['processing settles', S.processing, outcome({ status: 'succeeded', method: 'card' }), S.succeeded],
  ['a retryable decline keeps the session', S.submitting, failedOutcome(declined), S.failedWithSession],
  ['an expired session is dropped', S.submitting, failedOutcome(expired), { status: 'failed', error: expired }],
  ['a non-retryable failure drops the session', S.submitting, failedOutcome(fatal), S.failedFatal],
  ['canceled', S.submitting, outcome({ status: 'canceled' }), S.canceled],
  ['the resumed attempt succeeds', S.resuming, outcome({ status: 'succeeded', method: 'card' }), S.succeeded],
  ['an unsafe redirect fails from requires_action', S.action,
    failedOutcome(paymentError('configuration', 'unsafe_redirect', false)),
    { status: 'failed', error: paymentError('configuration', 'unsafe_redirect', false) }],
  ['a stale outcome while ready is dropped', S.ready, outcome({ status: 'succeeded', method: 'card' }), 'same'],
  ['a stale outcome while idle is dropped', S.idle, outcome({ status: 'succeeded', method: 'card' }), 'same'],
  ['a second outcome after success is dropped', S.succeeded, failedOutcome(declined), 'same'],
  ['an outcome while loading is dropped', S.loading, outcome({ status: 'succeeded', method: 'card' }), 'same'],
  // resume
  ['resume from idle', S.idle, { type: 'resume', session, method: 'card' }, S.resuming],
  ['resume from loading', S.loading, { type: 'resume', session, method: 'card' }, S.resuming],
  ['resume while ready is ignored', S.ready, { type: 'resume', session, method: 'card' }, 'same'],
  ['resume while submitting is ignored', S.submitting, { type: 'resume', session, method: 'card' }, 'same'],
  // retry
  ['retry with a usable session goes back to the form', S.failedWithSession, { type: 'retry' }, S.ready],
  ['retry without a session loads a new one', S.failedNoSession, { type: 'retry' }, S.loading],
  ['retry after a fatal failure loads a new one', S.failedFatal, { type: 'retry' }, S.loading],
  ['retry after cancel loads a new one', S.canceled, { type: 'retry' }, S.loading],
  ['retry while ready is ignored', S.ready, { type: 'retry' }, 'same'],
  ['retry while submitting is ignored', S.submitting, { type: 'retry' }, 'same'],
  // reset
  ['reset from submitting', S.submitting, { type: 'reset' }, S.idle],
  ['reset from success', S.succeeded, { type: 'reset' }, S.idle],
  ['reset from failed', S.failedWithSession, { type: 'reset' }, S.idle],
  ['reset while idle changes nothing', S.idle, { type: 'reset' }, 'same'],
];

describe('flow machine: transition(state, event)', () => {
  for (const [name, from, event, expected] of rows) {
    it(name, () => {
      const next = transition(from, event);
      if (expected === 'same') assert.equal(next, from, 'expected the very same state object');
      else assert.deepEqual(next, expected);
    });
  }

  it('covers every event type and every state in the table', () => {
    const events = new Set(rows.map(([, , event]) => event.type));
    assert.deepEqual([...events].sort(), ['outcome', 'reset', 'resume', 'retry', 'session_failed', 'session_loaded', 'start', 'submit']);
    const states = new Set(rows.map(([, from]) => from.status));
    assert.deepEqual([...states].sort(), [
      'awaiting_payment', 'canceled', 'failed', 'idle', 'loading', 'processing', 'ready', 'requires_action', 'submitting', 'succeeded',
    ]);
  });

  it('throws on an event it does not know (exhaustiveness at run time)', () => {
    assert.throws(() => transition(S.ready, { type: 'explode' } as unknown as FlowEvent), /Unhandled flow value/);
  });

  it('does not mutate the state it is given', () => {
    const from = structuredClone(S.ready);
    transition(from, { type: 'submit', method: 'card' });
    assert.deepEqual(from, S.ready);
  });
});

describe('flow machine helpers', () => {
  it('canSubmit only where Pay can start a payment', () => {
    assert.equal(canSubmit(S.ready), true);
    assert.equal(canSubmit(S.failedWithSession), true);
    for (const state of [S.idle, S.loading, S.submitting, S.action, S.processing, S.succeeded, S.failedNoSession, S.canceled]) {
      assert.equal(canSubmit(state), false, state.status);
    }
  });

  it('isBusy while a request is in flight or the shopper is away', () => {
    assert.deepEqual(
      Object.entries(S).filter(([, state]) => isBusy(state)).map(([name]) => name),
      ['submitting', 'resuming', 'action', 'processing'],
    );
  });

  it('sessionOf', () => {
    assert.equal(sessionOf(S.ready), session);
    assert.equal(sessionOf(S.failedNoSession), undefined);
    assert.equal(sessionOf(S.idle), undefined);
  });
});

describe('machine: a session that saves the card', () => {
  it('an outcome of another session (one that saves the card) goes on with it; its failure goes back to the session shown', () => {
    const shown = makeSession();
    const saving = makeSession({ sessionId: 'ses_saving', savesCard: true });
    const submitting = transition(transition(transition(transition({ status: 'idle' }, { type: 'start' }), { type: 'session_loaded', session: shown }), { type: 'submit', method: 'card' }), { type: 'submit', method: 'card' });
    assert.equal(submitting.status, 'submitting');
    const action = transition(submitting, { type: 'outcome', outcome: { status: 'requires_action', method: 'card', action: { type: 'redirect', url: 'https://acs.example/' } }, session: saving });
    assert.equal('session' in action && action.session?.sessionId, 'ses_saving');
    const declined = transition(submitting, { type: 'outcome', outcome: { status: 'failed', error: paymentError('declined', 'card_declined', true) }, session: saving });
    assert.equal(declined.status === 'failed' && declined.session?.sessionId, shown.sessionId);
    // After a return, the saving session failed: not kept for a retry, which starts anew.
    const resumed = transition({ status: 'idle' }, { type: 'resume', session: saving, method: 'card' });
    const failed = transition(resumed, { type: 'outcome', outcome: { status: 'failed', error: paymentError('authentication', 'authentication_failed', true) } });
    assert.equal(failed.status === 'failed' && failed.session, undefined);
    assert.equal(transition(failed, { type: 'retry' }).status, 'loading');
  });
});
