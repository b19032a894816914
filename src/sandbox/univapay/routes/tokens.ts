import { createToken } from '../charge.ts';
import { ok } from '../../shared/api-answer.ts';
import type { ApiRoute } from '../context.ts';
import { notFound } from '../errors.ts';
import { createTokenSchema, parseBody } from '../schemas.ts';
import { serializeToken } from '../serialize.ts';

/**
 * Transaction tokens (docs/providers.md, "UnivaPay"): `POST /tokens` with the app token from the shopper's
 * browser (or the secret from a server), and `GET /stores/{storeId}/tokens/{id}`.
 */
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
    handler: (ctx, call) => {
      const token = ctx.state.tokens.get(call.params['id'] ?? '');
      if (!token || token.storeId !== call.params['storeId']) throw notFound();
      return ok(serializeToken(token));
    },
  },
];
