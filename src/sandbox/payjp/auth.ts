import { sameSecret } from '../shared/same-secret.ts';
import type { Caller } from './context.ts';
import { forbidden, unauthorized } from './errors.ts';
import type { ResolvedPayjpOptions } from './options.ts';

/**
 * PAY.JP v2's authentication: the secret key as HTTP Basic user name with an empty password (PAY.JP's
 * own sample, payjp/payjpv2-samples `server/index.js`: `Basic base64(sk:)`) or as a Bearer token
 * (@payjp/payjpv2 `createClient`: `Authorization: Bearer <apiKey>`; docs.pay.jp/v2 guides' curl);
 * payjpv2-python declares both schemes (HTTPBasic, HTTPBearer). The public key is taken the same two
 * ways, by the routes payments.js needs (with the flow's client secret): how the real payments.js
 * sends it is not published (UNCONFIRMED; the stand-in sends Basic, as PAY.JP's v1 payjp.js did).
 */
export function authenticate(request: Request, options: ResolvedPayjpOptions): Caller {
  const header = request.headers.get('authorization');
  if (header === null || header.trim() === '') throw unauthorized('No API key was provided. Send it as HTTP Basic (the key as user name) or as a Bearer token.');
  let key: string | null = null;
  let scheme: Caller['scheme'] = 'bearer';
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header);
  const basic = /^Basic\s+(\S+)\s*$/i.exec(header);
  if (bearer?.[1]) key = bearer[1];
  else if (basic?.[1]) {
    scheme = 'basic';
    try {
      key = atob(basic[1]).split(':')[0] ?? '';
    } catch {
      key = '';
    }
  }
  if (key && sameSecret(key, options.secretKey)) return { kind: 'secret', scheme };
  if (key && sameSecret(key, options.publicKey)) return { kind: 'public', scheme };
  throw unauthorized('Invalid API key.');
}

/** A public key on a route kept for the secret key (403; the status is UNCONFIRMED). */
export const secretKeyRequired = () => forbidden('This API call needs the secret key.');
