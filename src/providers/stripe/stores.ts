import type { KonbiniStore } from '../../core/konbini-stores.ts';
import { cardBrandFromProvider } from '../shared/card-brands.ts';
import { storeReader } from '../shared/payment-types.ts';

/**
 * Stripe's konbini chains, the keys of `next_action.konbini_display_details.stores` (stripe-node
 * `PaymentIntents.ts`; docs/providers.md "Stripe"). Stripe has no 7-Eleven and no Daily Yamazaki.
 */
export const STRIPE_STORE_KEYS: Readonly<Partial<Record<KonbiniStore, string>>> = {
  'family-mart': 'familymart',
  lawson: 'lawson',
  ministop: 'ministop',
  seicomart: 'seicomart',
};

/** The konbini chains Stripe offers, in our ids. */
export const STRIPE_KONBINI_STORES = Object.keys(STRIPE_STORE_KEYS) as KonbiniStore[];

/** Our store id for a Stripe store key, or undefined. */
export const storeFromStripe: (key: string) => KonbiniStore | undefined = storeReader(
  STRIPE_STORE_KEYS as Readonly<Record<KonbiniStore, string>>,
);

/**
 * Stripe's card brands (`visa`, `mastercard`, `amex`, `discover`, `diners`, `jcb`, `unionpay`, and
 * `unknown` while it cannot tell) in our names; `unknown` is no brand.
 */
export function brandFromStripe(brand: string | null | undefined): string | undefined {
  if (!brand || brand === 'unknown') return undefined;
  return cardBrandFromProvider(brand);
}
