import { MAX_BODY_BYTES, readBodyText } from '../shared/http.ts';
import { sameSecret } from '../shared/same-secret.ts';
import type { Caller } from './context.ts';
import type { StripeApiError } from './errors.ts';
import { authenticationFailed, maskedKey, NO_API_KEY_MESSAGE } from './errors.ts';
import type { ResolvedStripeOptions } from './options.ts';

/**
 * Stripe's authentication (docs.stripe.com/api/authentication): the key as `Authorization: Bearer
 * sk_…` (stripe-node) or as the user name of Basic auth (`curl -u sk_…:`). Stripe.js sends the
 * publishable key as the `key` parameter instead, in the form body of a POST and the query of a GET,
 * with no `Authorization` header (a CORS "simple" request); docs/providers.md, "Stripe", "Stripe.js".
 * No key: 401 with Stripe's "You did not provide an API key" message; a key of no account: 401
 * "Invalid API Key provided: sk_test_****1234". Both `invalid_request_error`, as Stripe types them.
 */
export async function authenticate(request: Request, options: ResolvedStripeOptions): Promise<Caller> {
  const key = await keyOf(request);
  if (key === null) throw authenticationFailed(NO_API_KEY_MESSAGE);
  if (sameSecret(key, options.secretKey)) return { kind: 'secret' };
  if (sameSecret(key, options.publishableKey)) return { kind: 'publishable' };
  throw authenticationFailed(`Invalid API Key provided: ${maskedKey(key)}`);
}

async function keyOf(request: Request): Promise<string | null> {
  const header = request.headers.get('authorization');
  if (header !== null && header.trim() !== '') {
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (bearer?.[1]) return bearer[1];
    const basic = /^Basic\s+(\S+)\s*$/i.exec(header);
    if (basic?.[1]) {
      let decoded = '';
      try {
        decoded = atob(basic[1]);
      } catch {
        decoded = '';
      }
      return decoded.split(':')[0] ?? '';
    }
    throw authenticationFailed(`Invalid API Key provided: ${maskedKey(header.trim())}`);
  }
  const fromQuery = new URL(request.url).searchParams.get('key');
  if (fromQuery) return fromQuery;
  if (request.method !== 'POST' || !request.body) return null;
  const read = await readBodyText(request.clone(), MAX_BODY_BYTES);
  if (!read.ok) return null;
  return new URLSearchParams(read.text).get('key');
}

/**
 * A publishable key on a route Stripe keeps for the secret key. The status and wording are
 * UNCONFIRMED (docs/providers.md, "Stripe"): Stripe answers with this message; the sandbox uses 401.
 */
export function secretKeyRequired(): StripeApiError {
  return authenticationFailed(
    'This API call cannot be made with a publishable API key. Please use a secret API key. You can find a list of your API keys at https://dashboard.stripe.com/account/apikeys.',
  );
}
