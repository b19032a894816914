import { httpUrl } from '../../shared/http.ts';
import { cardFromDetails, detailsType } from '../card.ts';
import { newId } from '../charge.ts';
import { ok } from '../../shared/api-answer.ts';
import type { ApiHandler } from '../context.ts';
import { invalidParameter, KomojuApiError, missingParameter, notFound } from '../errors.ts';
import { parseBody, secureTokenBodySchema } from '../schemas.ts';
import { newThreeDsAuthResult, secureTokenJson } from '../serialize.ts';
import type { SecureTokenRecord } from '../state.ts';
import { verificationStatusFor } from '../test-cards.ts';

/**
 * `POST /secure_tokens` and `GET /secure_tokens/{id}` (either key, docs/providers.md, "KOMOJU"). The card is
 * checked as a pay would check it and kept in memory under the token id, to be charged when a session is paid
 * with the token. `verification_status` follows `test-cards.ts`: `NEEDS_VERIFY` with `authentication_url`
 * (the emulator's challenge page) for a challenge card, `OK` for a frictionless one, `SKIPPED` for the rest.
 */

export const createSecureToken: ApiHandler = (ctx, call) => {
  const parsed = parseBody(secureTokenBodySchema, call.body);
  if (!parsed.ok) throw parsed.error;
  const body = parsed.data;
  if (!httpUrl(body.return_url)) throw invalidParameter('return_url', 'It must be an absolute http(s) URL.');
  if (!body.payment_details) {
    if (body.customer) throw invalidParameter('customer', 'The sandbox makes secure tokens from card details only.');
    throw missingParameter('payment_details');
  }
  if (detailsType(body.payment_details) !== 'credit_card') {
    throw invalidParameter('payment_details[type]', 'Secure tokens are for credit_card.');
  }
  const card = cardFromDetails(body.payment_details, ctx.now);
  if (ctx.options.secureTokenUnsupportedBrands.has(card.brand) || !ctx.options.cardBrands.includes(card.brand)) {
    throw new KomojuApiError(422, 'unsupported_card_brand', { param: 'payment_details[number]' });
  }
  const id = newId();
  const status = verificationStatusFor(card.number, ctx.options);
  const token: SecureTokenRecord = {
    id,
    createdAt: ctx.now,
    amount: body.amount,
    currency: body.currency.toUpperCase(),
    returnUrl: body.return_url,
    card,
    authenticationUrl: status === 'NEEDS_VERIFY' ? ctx.urls.challenge(id) : null,
    status,
    authResult: status === 'OK' ? newThreeDsAuthResult() : null,
    paymentId: null,
  };
  ctx.state.secureTokens.set(id, token);
  return ok(secureTokenJson(token));
};

export const getSecureToken: ApiHandler = (ctx, call) => {
  const token = ctx.state.secureTokens.get(call.params['id'] ?? '');
  if (!token) throw notFound();
  return ok(secureTokenJson(token));
};
