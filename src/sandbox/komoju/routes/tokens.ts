import { cardFromDetails, detailsType, konbiniFromDetails } from '../card.ts';
import { newId } from '../charge.ts';
import { ok } from '../../shared/api-answer.ts';
import type { ApiHandler } from '../context.ts';
import { parseBody, tokenBodySchema } from '../schemas.ts';
import { tokenJson } from '../serialize.ts';
import type { TokenRecord } from '../state.ts';

/**
 * `POST /tokens` (either key, docs/providers.md, "KOMOJU"): `{payment_details}` → `{id, resource: "token",
 * created_at, payment_details: {type}}`. The details are checked and kept in memory; a session paid with the
 * token id is charged with them (test-card rules apply then). A token pays once.
 */
export const createToken: ApiHandler = (ctx, call) => {
  const parsed = parseBody(tokenBodySchema, call.body);
  if (!parsed.ok) throw parsed.error;
  const details = parsed.data.payment_details;
  const source: TokenRecord['source'] =
    detailsType(details) === 'credit_card'
      ? { type: 'credit_card', card: cardFromDetails(details, ctx.now) }
      : { type: 'konbini', konbini: konbiniFromDetails(details, null) };
  const token: TokenRecord = { id: newId(), createdAt: ctx.now, source, paymentId: null };
  ctx.state.tokens.set(token.id, token);
  return ok(tokenJson(token));
};
