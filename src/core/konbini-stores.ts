/**
 * The Japanese convenience-store chains Kessai Elements knows, under one normalized id each.
 * Provider adapters map their own slugs (KOMOJU `family-mart`, UnivaPay `family_mart`, Stripe
 * `familymart`) onto these ids; nothing provider-shaped reaches the elements.
 */
export const KONBINI_STORES = [
  'seven-eleven',
  'family-mart',
  'lawson',
  'ministop',
  'daily-yamazaki',
  'seicomart',
] as const;

export type KonbiniStore = (typeof KONBINI_STORES)[number];

export const KONBINI_STORE_NAMES: Readonly<Record<KonbiniStore, { ja: string; en: string }>> = {
  'seven-eleven': { ja: 'セブン-イレブン', en: '7-Eleven' },
  'family-mart': { ja: 'ファミリーマート', en: 'FamilyMart' },
  lawson: { ja: 'ローソン', en: 'Lawson' },
  ministop: { ja: 'ミニストップ', en: 'Ministop' },
  'daily-yamazaki': { ja: 'デイリーヤマザキ', en: 'Daily Yamazaki' },
  seicomart: { ja: 'セイコーマート', en: 'Seicomart' },
};

export function isKonbiniStore(value: string): value is KonbiniStore {
  return (KONBINI_STORES as readonly string[]).includes(value);
}
