import { ok } from '../../shared/api-answer.ts';
import type { ApiHandler, KomojuContext } from '../context.ts';
import { cardCharge, newId } from '../charge.ts';
import { invalidParameter, KomojuApiError, missingParameter, notFound } from '../errors.ts';
import { createPaymentSchema, parseBody } from '../schemas.ts';
import { paymentJson } from '../serialize.ts';
import type { CardRecord, PaymentRecord } from '../state.ts';

/**
 * Payments (secret key, docs/providers.md, "KOMOJU"): `GET /payments/{id}`, `POST /payments/{id}/capture` (a
 * card payment `authorized` with manual capture → `captured`) and `POST /payments/{id}/cancel` (`authorized`
 * or `pending` → `cancelled`). A konbini payment waits for the shopper's cash: it is settled from its
 * instructions page ("Mark as paid" / "Mark as expired"), not captured here.
 */

function findPayment(ctx: KomojuContext, id: string | undefined): PaymentRecord {
  const payment = id ? ctx.state.payments.get(id) : undefined;
  if (!payment) throw notFound();
  return payment;
}

function refuse(payment: PaymentRecord, action: string): never {
  throw new KomojuApiError(422, 'unprocessable_entity', {
    message: `A ${payment.status} ${payment.source.type} payment cannot be ${action}.`,
  });
}

export const getPayment: ApiHandler = (ctx, call) => ok(paymentJson(findPayment(ctx, call.params['id'])));

export const capturePayment: ApiHandler = (ctx, call) => {
  const payment = findPayment(ctx, call.params['id']);
  if (payment.status !== 'authorized' || payment.source.type !== 'credit_card') refuse(payment, 'captured');
  payment.status = 'captured';
  payment.capturedAt = ctx.now;
  payment.updatedAt = ctx.now;
  ctx.paymentChanged(payment);
  return ok(paymentJson(payment));
};

export const cancelPayment: ApiHandler = (ctx, call) => {
  const payment = findPayment(ctx, call.params['id']);
  if (payment.status !== 'authorized' && payment.status !== 'pending') refuse(payment, 'cancelled');
  payment.status = 'cancelled';
  payment.updatedAt = ctx.now;
  ctx.paymentChanged(payment);
  return ok(paymentJson(payment));
};

/**
 * `POST /payments` (secret key; KOMOJU's Payment: Create): a payment without a session, here for a
 * returning shopper's saved card. `payment_details` is the id of a secure token (`OK` / `SKIPPED`;
 * KOMOJU: "the secure token id can … be used as payment_details"), or `customer` names the customer
 * whose saved card pays (KOMOJU: "pass customer … this will immediately pull money"); not both. A
 * card object is not taken here (the sandbox's limit). Answers the Payment (HTTP 200): `captured`
 * (`authorized` with `capture: false`) or `failed` with its `error`-less status; a declined card
 * answers KOMOJU's error body with HTTP 402 (the sandbox's choice; docs/providers.md "KOMOJU ›
 * Customers and saved cards", Unconfirmed).
 */
export const createPayment: ApiHandler = (ctx, call) => {
  const parsed = parseBody(createPaymentSchema, call.body);
  if (!parsed.ok) throw parsed.error;
  const body = parsed.data;
  const currency = body.currency.toUpperCase();
  if (body.customer && body.payment_details) throw invalidParameter('customer', 'Give payment_details or customer, not both.');
  let card: CardRecord;
  let tokenId: string | null = null;
  let customerId: string | null = null;
  if (body.customer) {
    const customer = ctx.state.customers.get(body.customer);
    if (!customer) throw invalidParameter('customer', 'There is no such customer.');
    if (!customer.card) throw invalidParameter('customer', 'The customer has no saved payment details yet.');
    card = customer.card;
    customerId = customer.id;
  } else if (typeof body.payment_details === 'string') {
    const token = ctx.state.secureTokens.get(body.payment_details);
    if (!token) throw invalidParameter('payment_details', 'No secure token has this id.');
    if (token.paymentId) throw new KomojuApiError(422, 'invalid_token', { param: 'payment_details' });
    if (token.amount !== body.amount || token.currency !== currency) {
      throw invalidParameter('payment_details', 'The secure token was made for another amount or currency.');
    }
    if (token.status === 'NEEDS_VERIFY') throw new KomojuApiError(422, 'three_d_secure_required', { param: 'payment_details' });
    if (token.status === 'ERRORED') throw new KomojuApiError(422, 'three_d_secure_failed', { param: 'payment_details' });
    card = token.card;
    tokenId = token.id;
    customerId = token.customerId;
  } else if (body.payment_details) {
    throw invalidParameter('payment_details', 'The sandbox creates payments from a secure token or a customer.');
  } else {
    throw missingParameter('payment_details');
  }
  const capture = body.capture === false ? 'manual' : 'auto';
  const charge = cardCharge(ctx, card, capture, call.scenario);
  const payment: PaymentRecord = {
    id: newId(),
    sessionId: null,
    createdAt: ctx.now,
    amount: body.amount,
    tax: 0,
    fee: 0,
    currency,
    capture,
    source: { type: 'credit_card', card, via: tokenId ? 'secure_token' : 'token' },
    deadline: null,
    externalOrderNum: body.external_order_num ?? null,
    metadata: body.metadata ?? {},
    locale: body.locale ?? 'ja',
    failure: charge.failure,
    authenticationUrl: null,
    tokenId,
    customerId,
    status: charge.status,
    capturedAt: charge.status === 'captured' ? ctx.now : null,
    updatedAt: ctx.now,
  };
  ctx.state.payments.set(payment.id, payment);
  if (tokenId) {
    const token = ctx.state.secureTokens.get(tokenId);
    if (token) token.paymentId = payment.id;
  }
  ctx.paymentChanged(payment);
  if (charge.failure) {
    throw new KomojuApiError(402, charge.failure.code, { message: charge.failure.message });
  }
  return ok(paymentJson(payment));
};
