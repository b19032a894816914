import { httpUrl } from '../../shared/http.ts';
import { cardFromDetails, detailsType } from '../card.ts';
import { newId } from '../charge.ts';
import { ok } from '../../shared/api-answer.ts';
import type { ApiHandler } from '../context.ts';
import { invalidParameter, KomojuApiError, missingParameter, notFound } from '../errors.ts';
import { parseBody, secureTokenBodySchema } from '../schemas.ts';
import { newThreeDsAuthResult, secureTokenJson } from '../serialize.ts';
import type { CardRecord, SecureTokenRecord } from '../state.ts';
import { verificationStatusFor } from '../test-cards.ts';

/**
 * `POST /secure_tokens` and `GET /secure_tokens/{id}` (either key, docs/providers.md, "KOMOJU"). The card is
 * checked as a pay would check it and kept in memory under the token id, to be charged when a session is paid
 * with the token. `verification_status` follows `test-cards.ts`: `NEEDS_VERIFY` with `authentication_url`
 * (the emulator's challenge page) for a challenge card, `OK` for a frictionless one, `SKIPPED` for the rest.
 * With `customer` (secret key only) instead of `payment_details`, the customer's saved card is used:
 * the 3-D Secure step of a returning shopper's card (docs/providers.md "KOMOJU › Customers and saved cards").
 */

export const createSecureToken: ApiHandler = (ctx, call) => {
  const parsed = parseBody(secureTokenBodySchema, call.body);
  if (!parsed.ok) throw parsed.error;
  const body = parsed.data;
  if (!httpUrl(body.return_url)) throw invalidParameter('return_url', 'It must be an absolute http(s) URL.');
  let card: CardRecord;
  let customerId: string | null = null;
  if (body.customer) {
    // The customer's saved card (KOMOJU's secure token reference: `customer` instead of
    // `payment_details`). Customers are secret: the publishable key cannot name one.
    if (body.payment_details) throw invalidParameter('customer', 'Give payment_details or customer, not both.');
    if (call.caller !== 'secret') throw new KomojuApiError(403, 'forbidden');
    const customer = ctx.state.customers.get(body.customer);
    if (!customer) throw invalidParameter('customer', 'There is no such customer.');
    if (!customer.card) throw invalidParameter('customer', 'The customer has no saved payment details yet.');
    card = customer.card;
    customerId = customer.id;
  } else {
    if (!body.payment_details) throw missingParameter('payment_details');
    if (detailsType(body.payment_details) !== 'credit_card') {
      throw invalidParameter('payment_details[type]', 'Secure tokens are for credit_card.');
    }
    card = cardFromDetails(body.payment_details, ctx.now);
  }
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
    customerId,
  };
  ctx.state.secureTokens.set(id, token);
  return ok(secureTokenJson(token));
};

export const getSecureToken: ApiHandler = (ctx, call) => {
  const token = ctx.state.secureTokens.get(call.params['id'] ?? '');
  if (!token) throw notFound();
  return ok(secureTokenJson(token));
};
