import {
  cardCharge,
  completeSession,
  failure,
  konbiniPaymentInit,
  newId,
  recordPayment,
  sessionReturnUrl,
} from '../charge.ts';
import { cardFromDetails, detailsType, konbiniFromDetails } from '../card.ts';
import { ok, type ApiAnswer } from '../../shared/api-answer.ts';
import type { ApiHandler, KomojuContext } from '../context.ts';
import { invalidParameter, KomojuApiError } from '../errors.ts';
import { parseBody, payBodySchema, type PayBody } from '../schemas.ts';
import { paymentJson, sessionExpired } from '../serialize.ts';
import type { CardRecord, KonbiniRecord, PaymentRecord, SessionRecord } from '../state.ts';
import { needsChallengeWhenPaidDirectly } from '../test-cards.ts';
import { findSession } from './sessions.ts';

/**
 * `POST /sessions/{id}/pay` (either key, docs/providers.md, "KOMOJU"). `payment_details` is a card or konbini
 * object, or the id of a secure token or token. Answers (all HTTP 200 unless the request itself is wrong):
 * - card charged: `{status: "completed", redirect_url: return_url?session_id=…, payment}` with the
 *   payment `captured` (`authorized` with manual capture), the session `completed`;
 * - a challenge card paid with its details: `{status: "pending", redirect_url: <challenge page>,
 *   payment}` with the payment `pending` until the challenge page settles it;
 * - konbini: `{status: "completed", redirect_url: <instructions page>, payment}`, the payment
 *   `authorized` (waiting for cash) with its slip, the session `completed`;
 * - declined or a `Komoju-Scenario`: `{status: "error", redirect_url: null, error: {code, message,
 *   param, details}}`, a `failed` payment recorded, the session still `pending` so the shopper can
 *   try again; a secure token whose 3-D Secure failed (`three_d_secure_failed`) or is not done yet
 *   (`three_d_secure_required`) answers the same without recording a payment (nothing was charged).
 * - a `customer` session: `{status: "completed", redirect_url, payment: null}` (the sandbox's guess), the card
 *   stored on the session's customer (below); a `customer_payment` session pays and stores it too, its
 *   payment naming the customer (`customer`, as KOMOJU's Payment model has it), so that answer, which the
 *   browser receives, carries the customer id.
 * A completed, cancelled or expired session answers 422; unknown session 404.
 */

type Source =
  | { readonly type: 'credit_card'; readonly card: CardRecord; readonly via: 'details' | 'secure_token' | 'token'; readonly tokenId: string | null }
  | { readonly type: 'konbini'; readonly konbini: KonbiniRecord; readonly tokenId: string | null };

function refuseUnpayable(ctx: KomojuContext, session: SessionRecord): void {
  const state = sessionExpired(session, ctx.now) ? 'expired' : session.status;
  if (state === 'pending') return;
  const message = {
    completed: 'This session has already been completed.',
    cancelled: 'This session has been cancelled.',
    expired: 'This session has expired.',
  }[state];
  throw new KomojuApiError(422, 'unprocessable_entity', { message });
}

function errorAnswer(code: string, message: string): ApiAnswer {
  return ok({ status: 'error', redirect_url: null, error: { code, message, param: null, details: null } });
}

/** A token id: a secure token (3-D Secure checked) or a token (`POST /tokens`). */
function sourceFromTokenId(
  ctx: KomojuContext,
  session: SessionRecord,
  id: string,
): Source | { readonly refused: string } {
  const secure = ctx.state.secureTokens.get(id);
  if (secure) {
    if (secure.paymentId) throw new KomojuApiError(422, 'invalid_token', { param: 'payment_details' });
    if (secure.amount !== session.amount || secure.currency !== session.currency) {
      throw invalidParameter('payment_details', 'The secure token was made for another amount or currency.');
    }
    if (secure.status === 'NEEDS_VERIFY') return { refused: 'three_d_secure_required' };
    if (secure.status === 'ERRORED') return { refused: 'three_d_secure_failed' };
    return { type: 'credit_card', card: secure.card, via: 'secure_token', tokenId: id };
  }
  const token = ctx.state.tokens.get(id);
  if (token) {
    if (token.paymentId) throw new KomojuApiError(422, 'invalid_token', { param: 'payment_details' });
    return token.source.type === 'credit_card'
      ? { type: 'credit_card', card: token.source.card, via: 'token', tokenId: id }
      : { type: 'konbini', konbini: token.source.konbini, tokenId: id };
  }
  throw invalidParameter('payment_details', 'No secure token or token has this id.');
}

function sourceFromBody(ctx: KomojuContext, session: SessionRecord, body: PayBody): Source | { readonly refused: string } {
  const details = body.payment_details;
  if (typeof details === 'string') return sourceFromTokenId(ctx, session, details);
  return detailsType(details) === 'credit_card'
    ? { type: 'credit_card', card: cardFromDetails(details, ctx.now), via: 'details', tokenId: null }
    : { type: 'konbini', konbini: konbiniFromDetails(details, session.email ?? body.customer_email ?? null), tokenId: null };
}

function markTokenUsed(ctx: KomojuContext, tokenId: string | null, payment: PaymentRecord): void {
  if (!tokenId) return;
  const token = ctx.state.secureTokens.get(tokenId) ?? ctx.state.tokens.get(tokenId);
  if (token) token.paymentId = payment.id;
}

export const paySession: ApiHandler = (ctx, call) => {
  const session = findSession(ctx, call.params['id']);
  const parsed = parseBody(payBodySchema, call.body);
  if (!parsed.ok) throw parsed.error;
  const body = parsed.data;
  refuseUnpayable(ctx, session);
  if (body.amount !== undefined && body.amount !== session.amount) {
    throw invalidParameter('amount', 'It differs from the session amount.');
  }
  if (body.currency && body.currency.toUpperCase() !== session.currency) {
    throw invalidParameter('currency', 'It differs from the session currency.');
  }

  const source = sourceFromBody(ctx, session, body);
  const locale = body.api_locale ?? session.defaultLocale;
  const capture = body.capture ?? session.capture;
  const scenario = call.scenario ?? session.scenario;

  if ('refused' in source) {
    const refusal = failure(source.refused);
    return errorAnswer(refusal.code, refusal.message);
  }
  if (!session.paymentTypes.includes(source.type)) {
    throw new KomojuApiError(422, 'invalid_payment_type', {
      param: 'payment_details[type]',
      message: `This session does not take ${source.type}.`,
    });
  }

  if (source.type === 'konbini') {
    if (!session.konbiniStores.includes(source.konbini.store)) {
      throw invalidParameter('payment_details[store]', 'This store is not available.');
    }
    const init = konbiniPaymentInit(ctx, source.konbini, locale, source.tokenId);
    if (scenario) {
      const payment = recordPayment(ctx, session, { ...init, status: 'failed', failure: failure(scenario) });
      markTokenUsed(ctx, source.tokenId, payment);
      return errorAnswer(scenario, failure(scenario).message);
    }
    const payment = recordPayment(ctx, session, init);
    markTokenUsed(ctx, source.tokenId, payment);
    const redirect = payment.source.type === 'konbini' ? payment.source.instructionsUrl : null;
    return ok({ status: 'completed', redirect_url: redirect, payment: paymentJson(payment) });
  }

  if (session.mode === 'customer') return storeOnCustomer(ctx, session, source.card, source.tokenId, scenario);

  const cardSource = { type: 'credit_card' as const, card: source.card, via: source.via };
  if (!scenario && source.via === 'details' && needsChallengeWhenPaidDirectly(source.card.number, ctx.options)) {
    // 3-D Secure through the session (a `pending` pay; docs/providers.md, "KOMOJU"): the challenge page
    // settles the payment.
    const id = newId();
    const challengeUrl = ctx.urls.challenge(id);
    const payment = recordPayment(ctx, session, {
      id,
      source: cardSource,
      status: 'pending',
      capture,
      locale,
      tokenId: null,
      authenticationUrl: challengeUrl,
    });
    return ok({ status: 'pending', redirect_url: challengeUrl, payment: paymentJson(payment) });
  }

  const charge = cardCharge(ctx, source.card, capture, scenario);
  const payment = recordPayment(ctx, session, {
    source: cardSource,
    status: charge.status,
    failure: charge.failure,
    capture,
    locale,
    tokenId: source.tokenId,
  });
  markTokenUsed(ctx, source.tokenId, payment);
  if (charge.failure) return errorAnswer(charge.failure.code, charge.failure.message);
  // customer_payment: the card that paid is saved on the session's customer as well.
  const customer = session.customerId ? ctx.state.customers.get(session.customerId) : undefined;
  if (customer) customer.card = source.card;
  return ok({ status: 'completed', redirect_url: sessionReturnUrl(session), payment: paymentJson(payment) });
};

/**
 * A `customer` session: nothing is charged; the card (checked by the test-card rules, so a declining
 * card is refused as KOMOJU would refuse to store it: the sandbox's choice) is stored on the session's
 * customer and the session is `completed` without a payment. No 3-D Secure step: KOMOJU's fields skip
 * secure tokens for customer-mode sessions (docs/providers.md "KOMOJU › Customers and saved cards").
 */
function storeOnCustomer(
  ctx: KomojuContext,
  session: SessionRecord,
  card: CardRecord,
  tokenId: string | null,
  scenario: string | null,
): ApiAnswer {
  const check = cardCharge(ctx, card, 'auto', scenario);
  if (check.failure) return errorAnswer(check.failure.code, check.failure.message);
  const customer = session.customerId ? ctx.state.customers.get(session.customerId) : undefined;
  if (!customer) throw new KomojuApiError(500, 'internal_server_error');
  customer.card = card;
  if (tokenId) {
    const token = ctx.state.secureTokens.get(tokenId) ?? ctx.state.tokens.get(tokenId);
    if (token) token.paymentId = customer.id;
  }
  completeSession(ctx, session);
  return ok({ status: 'completed', redirect_url: sessionReturnUrl(session), payment: null });
}
