import { ok } from '../../shared/api-answer.ts';
import type { ApiHandler, KomojuContext } from '../context.ts';
import { KomojuApiError, notFound } from '../errors.ts';
import { paymentJson } from '../serialize.ts';
import type { PaymentRecord } from '../state.ts';

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
