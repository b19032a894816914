import type { KonbiniStore } from '../../core/konbini-stores.ts';
import type { PaymentMethod } from '../../core/protocol.ts';
import { cardBrandFromProvider } from '../shared/card-brands.ts';
import { methodFromPaymentType, storeReader } from '../shared/payment-types.ts';
import { KOMOJU_PAYMENT_TYPES } from './constants.ts';

/**
 * Our konbini ids → KOMOJU `store` slugs (docs/providers.md "Konbini chains › Identifiers"). They
 * happen to be spelled alike today; the table keeps the mapping explicit so that neither side can drift
 * silently.
 */
const KOMOJU_STORE_SLUGS: Readonly<Record<KonbiniStore, string>> = {
  'seven-eleven': 'seven-eleven',
  'family-mart': 'family-mart',
  lawson: 'lawson',
  ministop: 'ministop',
  'daily-yamazaki': 'daily-yamazaki',
  seicomart: 'seicomart',
};

/** The KOMOJU slug for one of our store ids. */
export function komojuStoreSlug(store: KonbiniStore): string {
  return KOMOJU_STORE_SLUGS[store];
}

/** Our store id for a KOMOJU slug, or undefined for a chain we do not know. */
export const storeFromKomoju: (slug: string) => KonbiniStore | undefined = storeReader(KOMOJU_STORE_SLUGS);

/** Our method for a KOMOJU payment type, or undefined for the types we do not take (paypay, …). */
export function methodFromKomojuType(type: string | null | undefined): PaymentMethod | undefined {
  return methodFromPaymentType(KOMOJU_PAYMENT_TYPES, type);
}

/**
 * KOMOJU card brands (`visa`, `master`, `jcb`, `american_express`, `diners_club`, `discover`) onto our
 * `CardBrand` ids (src/core/card/brand.ts: `mastercard`, `amex`, `diners`). Unknown ones pass through.
 */
export function brandFromKomoju(brand: string): string {
  return cardBrandFromProvider(brand);
}
