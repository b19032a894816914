import { randomString } from '../shared/ids.ts';
import { withQueryParam } from '../shared/http.ts';
import type { KomojuContext } from './context.ts';
import { messageFor } from './errors.ts';
import { konbiniDeadline } from '../shared/jst.ts';
import { issueSlipNumbers } from './konbini.ts';
import type {
  CardRecord,
  KomojuState,
  KonbiniRecord,
  PaymentRecord,
  PaymentSource,
  PaymentStatus,
  SessionRecord,
} from './state.ts';
import { chargeCard } from './test-cards.ts';

/**
 * Paying a session: creating the payment record, charging a card by the test-card rules, issuing a
 * konbini slip, and what a payment's status does to its session. Shared by the pay route and the
 * challenge page.
 */

/** 25 lowercase alphanumerics, like KOMOJU's ids. */
export const newId = (): string => randomString(25);

/** `return_url?session_id=…`, or null without a return URL (docs/providers.md, "KOMOJU"). */
export function sessionReturnUrl(session: SessionRecord): string | null {
  return session.returnUrl ? withQueryParam(session.returnUrl, 'session_id', session.id) : null;
}

interface NewPayment {
  readonly source: PaymentSource;
  readonly status: PaymentStatus;
  readonly capture: 'auto' | 'manual';
  readonly locale: string;
  readonly tokenId: string | null;
  readonly failure?: { readonly code: string; readonly message: string } | null;
  readonly authenticationUrl?: string | null;
  readonly fee?: number;
  readonly deadline?: string | null;
  readonly id?: string;
}

/** Stores a payment of `session` and makes it the session's `payment`. */
export function recordPayment(ctx: KomojuContext, session: SessionRecord, init: NewPayment): PaymentRecord {
  const previous = session.paymentId ? ctx.state.payments.get(session.paymentId) : undefined;
  // A card payment left waiting for its 3-D Secure step is dropped when the shopper pays anew.
  if (previous?.status === 'pending') {
    previous.status = 'cancelled';
    previous.updatedAt = ctx.now;
    ctx.paymentChanged(previous);
  }
  const payment: PaymentRecord = {
    id: init.id ?? newId(),
    sessionId: session.id,
    createdAt: ctx.now,
    amount: session.amount,
    tax: 0,
    fee: init.fee ?? 0,
    currency: session.currency,
    capture: init.capture,
    source: init.source,
    deadline: init.deadline ?? null,
    externalOrderNum: typeof session.paymentData['external_order_num'] === 'string'
      ? session.paymentData['external_order_num']
      : null,
    metadata: session.metadata,
    locale: init.locale,
    failure: init.failure ?? null,
    authenticationUrl: init.authenticationUrl ?? null,
    tokenId: init.tokenId,
    // KOMOJU's Payment model: `customer` is the "Customer UUID if associated with a customer, otherwise
    // null"; a `customer_payment` session pays and creates or updates its customer in one go, so its
    // payments are taken as associated (docs/providers.md "KOMOJU › Customers and saved cards").
    customerId: session.mode === 'customer_payment' ? session.customerId : null,
    status: init.status,
    capturedAt: init.status === 'captured' ? ctx.now : null,
    updatedAt: ctx.now,
  };
  ctx.state.payments.set(payment.id, payment);
  session.paymentId = payment.id;
  if (payment.status === 'captured' || payment.status === 'authorized') completeSession(ctx, session);
  ctx.paymentChanged(payment);
  return payment;
}

export function completeSession(ctx: KomojuContext, session: SessionRecord): void {
  session.status = 'completed';
  session.completedAt = ctx.now;
}

export function failure(code: string): { code: string; message: string } {
  return { code, message: messageFor(code) };
}

/**
 * The result of charging `card` now: the scenario code wins (docs/providers.md, "KOMOJU"), then the test-card
 * rules. Success is `captured`, or `authorized` with manual capture.
 */
export function cardCharge(
  ctx: KomojuContext,
  card: CardRecord,
  capture: 'auto' | 'manual',
  scenario: string | null,
): { status: PaymentStatus; failure: { code: string; message: string } | null } {
  if (scenario) return { status: 'failed', failure: failure(scenario) };
  if (!ctx.options.cardBrands.includes(card.brand)) {
    return { status: 'failed', failure: failure('unsupported_card_brand') };
  }
  const result = chargeCard(card.number, ctx.options);
  if (!result.ok) return { status: 'failed', failure: failure(result.code) };
  return { status: capture === 'manual' ? 'authorized' : 'captured', failure: null };
}

/** Settles a card payment that waited for its 3-D Secure step (the challenge page's answer). */
export function settlePendingCardPayment(
  ctx: KomojuContext,
  payment: PaymentRecord,
  authenticated: boolean,
): void {
  if (payment.status !== 'pending' || payment.source.type !== 'credit_card') return;
  const session = payment.sessionId ? ctx.state.sessions.get(payment.sessionId) : undefined;
  const result = authenticated
    ? cardCharge(ctx, payment.source.card, payment.capture, session?.scenario ?? null)
    : { status: 'failed' as const, failure: failure('three_d_secure_failed') };
  const settled: PaymentRecord = {
    ...payment,
    status: result.status,
    failure: result.failure,
    capturedAt: result.status === 'captured' ? ctx.now : null,
    updatedAt: ctx.now,
  };
  ctx.state.payments.set(payment.id, settled);
  if (session && (settled.status === 'captured' || settled.status === 'authorized')) {
    completeSession(ctx, session);
  }
  ctx.paymentChanged(settled);
}

/** A konbini payment: `authorized` (waiting for cash) with its slip numbers and deadline. */
export function konbiniPaymentInit(
  ctx: KomojuContext,
  konbini: KonbiniRecord,
  locale: string,
  tokenId: string | null,
): NewPayment {
  const id = newId();
  const numbers = issueSlipNumbers(ctx.options.konbiniSlips[konbini.store]);
  return {
    id,
    source: {
      type: 'konbini',
      konbini,
      receipt: numbers.receipt,
      confirmationCode: numbers.confirmationCode,
      instructionsUrl: ctx.urls.instructions(id),
    },
    status: 'authorized',
    capture: 'auto',
    locale,
    tokenId,
    fee: ctx.options.konbiniFee,
    deadline: konbiniDeadline(ctx.now, konbini.expiryDays ?? ctx.options.konbiniDeadlineDays),
  };
}

/**
 * Konbini payments still waiting after their deadline become `expired`, as KOMOJU expires them;
 * `changed` hears of each (webhooks).
 */
export function expireOverdueKonbini(state: KomojuState, now: Date, changed: (payment: PaymentRecord) => void): void {
  for (const payment of state.payments.values()) {
    if (payment.status !== 'authorized' || payment.source.type !== 'konbini' || !payment.deadline) continue;
    if (now.getTime() > Date.parse(payment.deadline)) {
      payment.status = 'expired';
      payment.updatedAt = now;
      changed(payment);
    }
  }
}
