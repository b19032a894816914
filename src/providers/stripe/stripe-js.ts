import type { Stripe, StripeConstructor } from '@stripe/stripe-js';
import type { Locale } from '../../core/locale.ts';
import type { ClientSession } from '../../core/protocol.ts';
import { usableApiBase } from '../shared/api-base.ts';
import { loadProviderScript } from '../shared/script-loader.ts';
import { STRIPE_DEFAULT_API_BASE, STRIPE_JS_URL } from './constants.ts';

/**
 * Stripe.js for a session: the script from Stripe (`https://js.stripe.com/v3/`) when the session's API is
 * Stripe's own, or the sandbox's stand-in beside the API the merchant's server named
 * (`<apiBase>/v3/`); never any other URL. Loaded once per page, when a Stripe session starts (never at
 * import time), and one `Stripe` instance per publishable key and locale.
 */

/** The URL Stripe.js is loaded from for an API base, or null when the base is not usable. */
export function stripeJsUrl(apiBase: string): string | null {
  const base = usableApiBase(apiBase);
  if (base === null) return null;
  const root = base.href.replace(/\/+$/, '');
  return root === STRIPE_DEFAULT_API_BASE ? STRIPE_JS_URL : `${root}/v3/`;
}

const instances = new Map<string, Stripe>();

/** The `Stripe` object of the session (loads Stripe.js first). Rejects when it cannot be loaded. */
export async function stripeFor(session: ClientSession, locale: Locale, doc: Document = globalThis.document): Promise<Stripe> {
  const url = stripeJsUrl(session.apiBase);
  if (url === null) throw new Error('kessai-elements: the session names no usable Stripe API');
  const key = `${url} ${session.publicKey} ${locale}`;
  const known = instances.get(key);
  if (known) return known;
  await loadProviderScript(url, doc);
  const create = (doc.defaultView as (Window & { Stripe?: StripeConstructor }) | null)?.Stripe;
  if (typeof create !== 'function') throw new Error('kessai-elements: Stripe.js did not define Stripe');
  const stripe = create(session.publicKey, { locale });
  instances.set(key, stripe);
  return stripe;
}
