import type { KonbiniStore } from '../../core/konbini-stores.ts';
import type { PaymentMethod } from '../../core/protocol.ts';
import { KOMOJU_PAYMENT_TYPES } from './constants.ts';

/**
 * Our konbini ids → KOMOJU `store` slugs (README 1.5 and 6). They happen to be spelled alike today; the
 * table keeps the mapping explicit so that neither side can drift silently.
 */
const KOMOJU_STORE_SLUGS: Readonly<Record<KonbiniStore, string>> = {
  'seven-eleven': 'seven-eleven',
  'family-mart': 'family-mart',
  lawson: 'lawson',
  ministop: 'ministop',
  'daily-yamazaki': 'daily-yamazaki',
  seicomart: 'seicomart',
};

const STORE_BY_SLUG: ReadonlyMap<string, KonbiniStore> = new Map(
  (Object.entries(KOMOJU_STORE_SLUGS) as [KonbiniStore, string][]).map(([id, slug]) => [slug, id]),
);

/** The KOMOJU slug for one of our store ids. */
export function komojuStoreSlug(store: KonbiniStore): string {
  return KOMOJU_STORE_SLUGS[store];
}

/** Our store id for a KOMOJU slug, or undefined for a chain we do not know. */
export function storeFromKomoju(slug: string): KonbiniStore | undefined {
  return STORE_BY_SLUG.get(slug);
}

/** Our method for a KOMOJU payment type, or undefined for the types we do not take (paypay, …). */
export function methodFromKomojuType(type: string | null | undefined): PaymentMethod | undefined {
  if (type === KOMOJU_PAYMENT_TYPES.card) return 'card';
  if (type === KOMOJU_PAYMENT_TYPES.konbini) return 'konbini';
  return undefined;
}

/**
 * KOMOJU card brands (`visa`, `master`, `jcb`, `american_express`, `diners_club`, `discover`) onto our
 * `CardBrand` ids (src/core/card/brand.ts: `mastercard`, `amex`, `diners`). Unknown ones pass through.
 */
const BRANDS: Readonly<Record<string, string>> = {
  visa: 'visa',
  master: 'mastercard',
  mastercard: 'mastercard',
  jcb: 'jcb',
  american_express: 'amex',
  amex: 'amex',
  diners_club: 'diners',
  diners: 'diners',
  discover: 'discover',
};

export function brandFromKomoju(brand: string): string {
  const key = brand.trim().toLowerCase();
  return BRANDS[key] ?? key;
}
