import { sameSecret } from '../shared/same-secret.ts';
import { KomojuApiError } from './errors.ts';

/**
 * KOMOJU's authentication (docs/providers.md, "KOMOJU"): HTTP Basic with the API key as the username (the
 * password is empty and ignored). The secret key opens every route; the publishable key only the routes a
 * browser uses (`GET /sessions/{id}`, `POST /sessions/{id}/pay`, `POST /tokens`, `POST /secure_tokens`, `GET
 * /secure_tokens/{id}`).
 */

export type KeyKind = 'secret' | 'publishable';
/** Who may call a route. */
export type RouteAccess = 'secret' | 'publishable';

export interface Keys {
  readonly secretKey: string;
  readonly publishableKey: string;
}

/** The username of a Basic `Authorization` header, or null. */
export function basicUsername(header: string | null): string | null {
  if (!header) return null;
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!match?.[1]) return null;
  let decoded: string;
  try {
    decoded = atob(match[1]);
  } catch {
    return null;
  }
  const colon = decoded.indexOf(':');
  return colon === -1 ? decoded : decoded.slice(0, colon);
}

/** Which key the request carries; 401 `unauthorized` when none of ours. */
export function authenticate(request: Request, keys: Keys): KeyKind {
  const key = basicUsername(request.headers.get('authorization'));
  if (key !== null && key !== '') {
    if (sameSecret(key, keys.secretKey)) return 'secret';
    if (sameSecret(key, keys.publishableKey)) return 'publishable';
  }
  throw new KomojuApiError(401, 'unauthorized');
}

/** 403 `forbidden` when a publishable key calls a secret-only route. */
export function authorize(kind: KeyKind, access: RouteAccess): void {
  if (access === 'secret' && kind !== 'secret') throw new KomojuApiError(403, 'forbidden');
}
