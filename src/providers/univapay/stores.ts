import type { KonbiniStore } from '../../core/konbini-stores.ts';
import type { PaymentMethod } from '../../core/protocol.ts';
import { cardBrandFromProvider } from '../shared/card-brands.ts';
import { methodFromPaymentType, storeReader } from '../shared/payment-types.ts';
import { UNIVAPAY_PAYMENT_TYPES } from './constants.ts';

/**
 * Our konbini ids → UnivaPay `convenience_store` values (docs/providers.md
 * "Konbini chains › Identifiers"). UnivaPay also knows `yamazaki_daily_store` (an older spelling of
 * Daily Yamazaki), read back but never sent.
 */
const UNIVAPAY_STORES: Readonly<Record<KonbiniStore, string>> = {
  'seven-eleven': 'seven_eleven',
  'family-mart': 'family_mart',
  lawson: 'lawson',
  ministop: 'mini_stop',
  'daily-yamazaki': 'daily_yamazaki',
  seicomart: 'seico_mart',
};

/** The UnivaPay `convenience_store` value for one of our store ids. */
export function univapayStoreValue(store: KonbiniStore): string {
  return UNIVAPAY_STORES[store];
}

/** Our store id for a UnivaPay `convenience_store`, or undefined (pay_easy, circle_k, sunkus, …). */
export const storeFromUnivapay: (value: string | null | undefined) => KonbiniStore | undefined = storeReader(
  UNIVAPAY_STORES,
  { yamazaki_daily_store: 'daily-yamazaki' },
);

/** Our method for a UnivaPay `payment_type`, or undefined for the types we do not take. */
export function methodFromUnivapayType(type: string | null | undefined): PaymentMethod | undefined {
  return methodFromPaymentType(UNIVAPAY_PAYMENT_TYPES, type);
}

/**
 * UnivaPay card brands (`visa`, `mastercard`, `jcb`, `american_express`, `diners_club`, …) → our brand
 * id (`src/core/card/brand.ts`), or UnivaPay's own in kebab case for one we do not list.
 */
export function brandFromUnivapay(brand: string): string {
  return cardBrandFromProvider(brand, (name) => name.replace(/_/g, '-'));
}
