import { base64url, fromBase64url } from '../shared/base64url.ts';

/**
 * The sandbox's app tokens: UnivaPay issues app tokens as JWTs bound to the shop's registered domains
 * (docs/providers.md, "UnivaPay"); the browser sends one alone (`Bearer {jwt}`), the server with its secret
 * (`Bearer {secret}.{jwt}`). Real tokens are signed by UnivaPay with claims it does not document; these are
 * HS256 JWTs signed with the emulator's key, with the claims the emulator needs: `{iss, sub: "app_token",
 * jti, store_id, domains, mode: "test", iat}`, and `direct_card_tokens: true` on a token allowed to send raw
 * card data (UnivaPay enables that per PCI DSS merchant). `domains` holds origins (`https://shop.example`) or
 * bare hosts (`shop.example`, any scheme and port).
 *
 * The secret of a token is derived from its `jti` with the key (so nothing needs storing) and is never
 * inside the token.
 */
export interface AppTokenClaims {
  readonly iss: string;
  readonly sub: 'app_token';
  readonly jti: string;
  readonly store_id: string;
  readonly domains: readonly string[];
  readonly mode: 'test';
  readonly iat: number;
  /** Present (true) on a token whose holder may create card tokens from raw card data. */
  readonly direct_card_tokens?: true;
}

const encoder = new TextEncoder();
const ISSUER = 'kessai-elements/sandbox/univapay';

async function key(signingKey: string): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', encoder.encode(signingKey), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
    'verify',
  ]);
}

/** A non-empty base64url JWT segment, decoded. */
function decodeSegment(segment: string): Uint8Array<ArrayBuffer> | null {
  return segment ? fromBase64url(segment) : null;
}

/** The secret that goes with a token: 32 base64url characters of HMAC(key, "secret:" + jti). */
export async function secretOf(signingKey: string, jti: string): Promise<string> {
  const mac = await crypto.subtle.sign('HMAC', await key(signingKey), encoder.encode(`secret:${jti}`));
  return base64url(new Uint8Array(mac)).slice(0, 32);
}

/** An `http(s)` origin or a bare `host[:port]`, normalized; null otherwise. */
export function normalizeDomain(value: string): string | null {
  const trimmed = value.trim().toLowerCase();
  if (/^[a-z0-9.-]+(?::\d{1,5})?$/.test(trimmed)) return trimmed;
  try {
    const url = new URL(trimmed);
    if ((url.protocol === 'http:' || url.protocol === 'https:') && url.origin !== 'null') return url.origin;
  } catch {
    // not a URL
  }
  return null;
}

export async function issueAppToken(
  signingKey: string,
  storeId: string,
  domains: readonly string[],
  now: Date,
  options: { readonly directCardTokens?: boolean } = {},
): Promise<{ readonly appToken: string; readonly secret: string; readonly claims: AppTokenClaims }> {
  const normalized = domains.map((domain) => {
    const value = normalizeDomain(domain);
    if (!value) throw new TypeError(`kessai-elements/sandbox: univapay app token domain ${JSON.stringify(domain)} is not an origin or host.`);
    return value;
  });
  const claims: AppTokenClaims = {
    iss: ISSUER,
    sub: 'app_token',
    jti: crypto.randomUUID(),
    store_id: storeId,
    domains: normalized,
    mode: 'test',
    iat: Math.floor(now.getTime() / 1000),
    ...(options.directCardTokens ? { direct_card_tokens: true as const } : {}),
  };
  const header = base64url(encoder.encode(JSON.stringify({ alg: 'HS256', typ: 'JWT' })));
  const payload = base64url(encoder.encode(JSON.stringify(claims)));
  const signature = await crypto.subtle.sign('HMAC', await key(signingKey), encoder.encode(`${header}.${payload}`));
  return {
    appToken: `${header}.${payload}.${base64url(new Uint8Array(signature))}`,
    secret: await secretOf(signingKey, claims.jti),
    claims,
  };
}

/** The claims of a token this emulator signed, or null. */
export async function verifyAppToken(signingKey: string, jwt: string): Promise<AppTokenClaims | null> {
  const [header, payload, signature, ...rest] = jwt.split('.');
  if (!header || !payload || !signature || rest.length > 0) return null;
  const signatureBytes = decodeSegment(signature);
  if (!signatureBytes) return null;
  const valid = await crypto.subtle.verify(
    'HMAC',
    await key(signingKey),
    signatureBytes,
    encoder.encode(`${header}.${payload}`),
  );
  if (!valid) return null;
  const bytes = decodeSegment(payload);
  if (!bytes) return null;
  try {
    const claims = JSON.parse(new TextDecoder().decode(bytes)) as Partial<AppTokenClaims>;
    if (claims.sub !== 'app_token' || typeof claims.store_id !== 'string' || typeof claims.jti !== 'string') return null;
    if (!Array.isArray(claims.domains) || !claims.domains.every((d) => typeof d === 'string')) return null;
    return claims as AppTokenClaims;
  } catch {
    return null;
  }
}

/** Whether a request `Origin` is one of the token's domains. */
export function originAllowed(claims: AppTokenClaims, origin: string | null): boolean {
  if (!origin) return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  return claims.domains.some((domain) => domain === url.origin || domain === url.host || domain === url.hostname);
}
