import type { PayjpPayments, PayjpPaymentsConstructor } from '@payjp/payments-js';
import type { ClientSession } from '../../core/protocol.ts';
import { usableApiBase } from '../shared/api-base.ts';
import { loadProviderScript } from '../shared/script-loader.ts';
import { PAYJP_DEFAULT_API_BASE, PAYJP_JS_URL } from './constants.ts';

/**
 * payments.js v2 for a session: from PAY.JP (`https://js.pay.jp/payments.js`, as @payjp/payments-js's
 * `loadPayments` loads it) when the session's API is PAY.JP's own, or the sandbox's stand-in beside the
 * API the merchant's server named (`<apiBase>/payments.js`); never any other URL. Loaded once per page,
 * when a PAY.JP session starts, and one `PayjpPayments` per public key.
 */

export function payjpJsUrl(apiBase: string): string | null {
  const base = usableApiBase(apiBase);
  if (base === null) return null;
  const root = base.href.replace(/\/+$/, '');
  return root === PAYJP_DEFAULT_API_BASE ? PAYJP_JS_URL : `${root}/payments.js`;
}

const instances = new Map<string, PayjpPayments>();

export async function payjpFor(session: ClientSession, doc: Document = globalThis.document): Promise<PayjpPayments> {
  const url = payjpJsUrl(session.apiBase);
  if (url === null) throw new Error('kessai-elements: the session names no usable PAY.JP API');
  const key = `${url} ${session.publicKey}`;
  const known = instances.get(key);
  if (known) return known;
  await loadProviderScript(url, doc);
  const create = (doc.defaultView as (Window & { PayjpPayments?: PayjpPaymentsConstructor }) | null)?.PayjpPayments;
  if (typeof create !== 'function') throw new Error('kessai-elements: payments.js did not define PayjpPayments');
  const payments = create(session.publicKey);
  instances.set(key, payments);
  return payments;
}
