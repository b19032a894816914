import { originAllowed, secretOf, verifyAppToken, type AppTokenClaims } from './app-token.ts';
import { sameSecret } from '../shared/same-secret.ts';
import { UnivapayApiError } from './errors.ts';

/**
 * UnivaPay's authentication (docs/providers.md, "UnivaPay"):
 * - `Authorization: Bearer {jwt}`: the app token alone, as a browser sends it. The request's `Origin`
 *   must be one of the token's domains, else 401 `INVALID_DOMAIN` (browsers send `Origin` on every
 *   POST, so a request without one is refused the same way).
 * - `Authorization: Bearer {secret}.{jwt}`: the merchant's server. No origin check.
 * No header: 401 `AUTH_HEADER_MISSING`; a token this emulator did not sign: 401 `INVALID_APP_TOKEN`;
 * a wrong secret: 401 `INVALID_CREDENTIALS`.
 */
export type Principal =
  | { readonly kind: 'app'; readonly claims: AppTokenClaims }
  | { readonly kind: 'secret'; readonly claims: AppTokenClaims };

export async function authenticate(request: Request, signingKey: string, storeId: string): Promise<Principal> {
  const header = request.headers.get('authorization');
  if (!header?.trim()) throw new UnivapayApiError(401, 'AUTH_HEADER_MISSING');
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) throw new UnivapayApiError(401, 'INVALID_CREDENTIALS');
  const parts = match[1].split('.');
  if (parts.length === 3) {
    const claims = await verifyAppToken(signingKey, match[1]);
    if (!claims || claims.store_id !== storeId) throw new UnivapayApiError(401, 'INVALID_APP_TOKEN');
    if (!originAllowed(claims, request.headers.get('origin'))) throw new UnivapayApiError(401, 'INVALID_DOMAIN');
    return { kind: 'app', claims };
  }
  if (parts.length === 4) {
    const [secret, ...jwt] = parts;
    const claims = await verifyAppToken(signingKey, jwt.join('.'));
    if (!claims || claims.store_id !== storeId || !secret) throw new UnivapayApiError(401, 'INVALID_CREDENTIALS');
    if (!sameSecret(secret, await secretOf(signingKey, claims.jti))) throw new UnivapayApiError(401, 'INVALID_CREDENTIALS');
    return { kind: 'secret', claims };
  }
  throw new UnivapayApiError(401, 'INVALID_APP_TOKEN');
}
