import { sameSecret } from '../shared/same-secret.ts';
import type { Caller } from './context.ts';
import { unauthorized } from './errors.ts';
import type { ResolvedPaymentOptionsOptions } from './options.ts';

/**
 * PaymentOptions' authentication (docs/providers.md, "PaymentOptions › Authentication"): every call
 * carries `Authorization` and `x-api-key`. The DASGATEWAY manual: "The API uses HTTP Basic
 * Authentication where the API key is passed as credentials in the Authorization header", base64
 * encoded; docs.paymentoptions.com: "API Key for Authorization. Format: 'Basic YOUR_API_KEY_HERE'" and
 * "API Key specific to x-api-key". Which encoding the gateway checks is not documented, so the
 * `Authorization` header is taken in each form a reader of those pages may send:
 * `Basic base64(<apiKey>)`, `Basic base64(<apiKey>:)` (the key as the Basic user name, empty password:
 * what `curl -u <key>:` sends) and `Basic <apiKey>` (the placeholder taken literally). `x-api-key` must
 * be the merchant's x-api-key. Anything else: 401.
 */
export function authenticate(request: Request, options: ResolvedPaymentOptionsOptions): Caller {
  const header = request.headers.get('authorization');
  const xApiKey = request.headers.get('x-api-key');
  if (header === null || header.trim() === '') throw unauthorized('Missing Authorization header.');
  if (xApiKey === null || xApiKey.trim() === '') throw unauthorized('Missing x-api-key header.');
  const basic = /^Basic\s+(\S+)\s*$/i.exec(header.trim());
  if (!basic?.[1] || !basicMatches(basic[1], options.apiKey)) throw unauthorized('Invalid API key.');
  if (!sameSecret(xApiKey.trim(), options.xApiKey)) throw unauthorized('Invalid x-api-key.');
  return { merchantId: options.merchantId };
}

function basicMatches(credential: string, apiKey: string): boolean {
  if (sameSecret(credential, apiKey)) return true;
  let decoded: string;
  try {
    decoded = atob(credential);
  } catch {
    return false;
  }
  return sameSecret(decoded, apiKey) || sameSecret(decoded, `${apiKey}:`);
}

/** The header a client of the emulator sends (`Basic base64(apiKey)`, the manual's encoded key). */
export function authorizationHeader(apiKey: string): string {
  return `Basic ${btoa(apiKey)}`;
}
