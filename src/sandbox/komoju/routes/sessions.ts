import { httpUrl } from '../../shared/http.ts';
import { newId } from '../charge.ts';
import { ok } from '../../shared/api-answer.ts';
import type { ApiHandler } from '../context.ts';
import { invalidParameter, KomojuApiError, notFound } from '../errors.ts';
import { createSessionSchema, parseBody } from '../schemas.ts';
import type { SessionRecord } from '../state.ts';
import { sessionExpired, sessionJson } from '../serialize.ts';

/**
 * `POST /sessions` (secret key), `GET /sessions/{id}` (either key) and
 * `POST /sessions/{id}/cancel` (secret key). The session's `Komoju-Scenario` is kept: every later
 * pay of it fails with that code (docs/providers.md, "KOMOJU"). `mode` is `payment` (default),
 * `customer` or `customer_payment`: the last two make (or, with `customer_id`, reuse) a customer at once,
 * named by the session's `customer_id`, which holds a card once the session is paid.
 */

export const createSession: ApiHandler = (ctx, call) => {
  const parsed = parseBody(createSessionSchema, call.body);
  if (!parsed.ok) throw parsed.error;
  const body = parsed.data;
  const mode = body.mode ?? 'payment';
  if (body.customer_id && mode === 'payment') {
    throw invalidParameter('customer_id', 'Only customer and customer_payment sessions take a customer.');
  }
  if (body.customer_id && !ctx.state.customers.has(body.customer_id)) {
    throw invalidParameter('customer_id', 'There is no such customer.');
  }
  if (body.return_url && !httpUrl(body.return_url)) {
    throw invalidParameter('return_url', 'It must be an absolute http(s) URL.');
  }
  const currency = body.currency.toUpperCase();
  const activated: readonly string[] = ctx.options.paymentTypes;
  const requested = body.payment_types ?? activated;
  for (const [i, type] of requested.entries()) {
    if (!activated.includes(type)) {
      throw invalidParameter(`payment_types[${i}]`, `"${type}" is not activated on this account.`);
    }
  }
  // Konbini takes yen only.
  // Konbini takes yen only; a session that stores a customer's card takes cards only (KOMOJU: customer
  // mode supports credit_card and paypay; docs/providers.md "KOMOJU › Customers and saved cards").
  const paymentTypes = requested.filter(
    (type, i) =>
      requested.indexOf(type) === i && (type !== 'konbini' || currency === 'JPY') && (mode === 'payment' || type === 'credit_card'),
  );
  if (paymentTypes.length === 0) {
    throw invalidParameter('payment_types', 'None of these payment types takes this currency.');
  }
  const lifetime = body.expires_in_seconds ?? ctx.options.sessionLifetimeSeconds;
  const id = newId();
  // The customer exists from the start, "empty" until the session completes (KOMOJU's customer guide).
  let customerId: string | null = null;
  if (mode !== 'payment') {
    customerId = body.customer_id ?? newId();
    if (!ctx.state.customers.has(customerId)) {
      ctx.state.customers.set(customerId, { id: customerId, createdAt: ctx.now, email: body.email ?? null, metadata: body.metadata ?? {}, card: null });
    }
  }
  const session: SessionRecord = {
    id,
    mode,
    customerId,
    createdAt: ctx.now,
    expiresAt: new Date(ctx.now.getTime() + lifetime * 1000),
    amount: body.amount,
    currency,
    returnUrl: body.return_url ?? null,
    email: body.email ?? null,
    defaultLocale: body.default_locale ?? 'ja',
    paymentTypes,
    konbiniStores: ctx.options.konbiniStores,
    metadata: body.metadata ?? {},
    lineItems: body.line_items ?? [],
    paymentData: { ...(body.payment_data ?? {}) },
    capture: body.payment_data?.capture ?? 'auto',
    sessionUrl: ctx.urls.session(id),
    scenario: call.scenario,
    status: 'pending',
    completedAt: null,
    cancelledAt: null,
    paymentId: null,
  };
  ctx.state.sessions.set(id, session);
  return ok(sessionJson(session, ctx.state, ctx.options, ctx.now));
};

export function findSession(ctx: Parameters<ApiHandler>[0], id: string | undefined): SessionRecord {
  const session = id ? ctx.state.sessions.get(id) : undefined;
  if (!session) throw notFound();
  return session;
}

export const getSession: ApiHandler = (ctx, call) =>
  ok(sessionJson(findSession(ctx, call.params['id']), ctx.state, ctx.options, ctx.now));

export const cancelSession: ApiHandler = (ctx, call) => {
  const session = findSession(ctx, call.params['id']);
  if (session.status !== 'pending' || sessionExpired(session, ctx.now)) {
    throw new KomojuApiError(422, 'unprocessable_entity', {
      message: `A ${sessionExpired(session, ctx.now) ? 'expired' : session.status} session cannot be cancelled.`,
    });
  }
  session.status = 'cancelled';
  session.cancelledAt = ctx.now;
  const payment = session.paymentId ? ctx.state.payments.get(session.paymentId) : undefined;
  if (payment?.status === 'pending') {
    payment.status = 'cancelled';
    payment.updatedAt = ctx.now;
    ctx.paymentChanged(payment);
  }
  return ok(sessionJson(session, ctx.state, ctx.options, ctx.now));
};
