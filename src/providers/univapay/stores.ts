import type { CardBrand } from '../../core/card/brand.ts';
import type { KonbiniStore } from '../../core/konbini-stores.ts';
import type { PaymentMethod } from '../../core/protocol.ts';
import { UNIVAPAY_PAYMENT_TYPES } from './constants.ts';

/**
 * Our konbini ids → UnivaPay `convenience_store` values (README 2.2 and 6). UnivaPay also knows
 * `yamazaki_daily_store` (an older spelling of Daily Yamazaki), read back but never sent.
 */
const UNIVAPAY_STORES: Readonly<Record<KonbiniStore, string>> = {
  'seven-eleven': 'seven_eleven',
  'family-mart': 'family_mart',
  lawson: 'lawson',
  ministop: 'mini_stop',
  'daily-yamazaki': 'daily_yamazaki',
  seicomart: 'seico_mart',
};

const STORE_BY_VALUE: ReadonlyMap<string, KonbiniStore> = new Map([
  ...(Object.entries(UNIVAPAY_STORES) as [KonbiniStore, string][]).map(
    ([id, value]) => [value, id] as const,
  ),
  ['yamazaki_daily_store', 'daily-yamazaki'] as const,
]);

/** The UnivaPay `convenience_store` value for one of our store ids. */
export function univapayStoreValue(store: KonbiniStore): string {
  return UNIVAPAY_STORES[store];
}

/** Our store id for a UnivaPay `convenience_store`, or undefined (pay_easy, circle_k, sunkus, …). */
export function storeFromUnivapay(value: string | null | undefined): KonbiniStore | undefined {
  return value ? STORE_BY_VALUE.get(value) : undefined;
}

/** Our method for a UnivaPay `payment_type`, or undefined for the types we do not take. */
export function methodFromUnivapayType(type: string | null | undefined): PaymentMethod | undefined {
  if (type === UNIVAPAY_PAYMENT_TYPES.card) return 'card';
  if (type === UNIVAPAY_PAYMENT_TYPES.konbini) return 'konbini';
  return undefined;
}

/** UnivaPay card brands (`visa`, `mastercard`, `jcb`, `american_express`, `diners_club`, …) → ours. */
const BRANDS: Readonly<Record<string, CardBrand>> = {
  visa: 'visa',
  mastercard: 'mastercard',
  master: 'mastercard',
  jcb: 'jcb',
  american_express: 'amex',
  amex: 'amex',
  diners_club: 'diners',
  diners: 'diners',
  discover: 'discover',
};

/** Our brand id (`src/core/card/brand.ts`), or UnivaPay's own in kebab case for one we do not list. */
export function brandFromUnivapay(brand: string): string {
  const key = brand.trim().toLowerCase();
  return BRANDS[key] ?? key.replace(/_/g, '-');
}
