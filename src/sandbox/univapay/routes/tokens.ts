import { createToken } from '../charge.ts';
import { ok } from '../../shared/api-answer.ts';
import type { ApiRoute } from '../context.ts';
import type { TokenRecord } from '../state.ts';
import { notFound } from '../errors.ts';
import { createTokenSchema, parseBody } from '../schemas.ts';
import { serializeToken } from '../serialize.ts';

/**
 * Transaction tokens (docs/providers.md, "UnivaPay"): `POST /tokens` with the app token from the shopper's
 * browser (or the secret from a server), `GET /stores/{storeId}/tokens/{id}`, and `DELETE` of the same
 * path with the secret (univapay-node's `TransactionTokens.delete`; docs/providers.md "UnivaPay ›
 * Recurring tokens"): 204 without a body, after which the token is not found and cannot be charged.
 */

function tokenOf(ctx: Parameters<ApiRoute['handler']>[0], call: Parameters<ApiRoute['handler']>[1]): TokenRecord {
  const token = ctx.state.tokens.get(call.params['id'] ?? '');
  if (!token || token.storeId !== call.params['storeId'] || token.deletedAt !== null) throw notFound();
  return token;
}

export const tokenRoutes: readonly ApiRoute[] = [
  {
    method: 'POST',
    path: '/tokens',
    access: 'any',
    handler: (ctx, call) => {
      const rawCardData = ctx.options.directCardTokens || call.caller.claims.direct_card_tokens === true;
      return ok(serializeToken(createToken(ctx, parseBody(createTokenSchema, call.body), rawCardData)), 201);
    },
  },
  {
    method: 'GET',
    path: '/stores/{storeId}/tokens/{id}',
    access: 'any',
    handler: (ctx, call) => ok(serializeToken(tokenOf(ctx, call))),
  },
  {
    method: 'DELETE',
    path: '/stores/{storeId}/tokens/{id}',
    access: 'secret',
    handler: (ctx, call) => {
      tokenOf(ctx, call).deletedAt = ctx.now;
      return ok(null, 204);
    },
  },
];
