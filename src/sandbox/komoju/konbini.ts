import { fillDigitPattern } from '../shared/ids.ts';

/** KOMOJU konbini `store` slugs (docs/providers.md, "KOMOJU"), in KOMOJU's order. */
export const KOMOJU_KONBINI_STORES = [
  'seven-eleven',
  'lawson',
  'family-mart',
  'ministop',
  'daily-yamazaki',
  'seicomart',
] as const;
export type KomojuKonbiniStore = (typeof KOMOJU_KONBINI_STORES)[number];

/** Each chain's name as shoppers read it, for the instructions page. */
export const KOMOJU_KONBINI_STORE_NAMES: Readonly<Record<KomojuKonbiniStore, { readonly ja: string; readonly en: string }>> = {
  'seven-eleven': { ja: 'セブン-イレブン', en: '7-Eleven' },
  lawson: { ja: 'ローソン', en: 'Lawson' },
  'family-mart': { ja: 'ファミリーマート', en: 'FamilyMart' },
  ministop: { ja: 'ミニストップ', en: 'Ministop' },
  'daily-yamazaki': { ja: 'デイリーヤマザキ', en: 'Daily Yamazaki' },
  seicomart: { ja: 'セイコーマート', en: 'Seicomart' },
};

export function isKomojuKonbiniStore(value: unknown): value is KomojuKonbiniStore {
  return typeof value === 'string' && (KOMOJU_KONBINI_STORES as readonly string[]).includes(value);
}

/** What a slip's numbers look like: `#` is a random digit, anything else is printed as is. */
export interface KonbiniSlipFormat {
  /** The `receipt` (payment number). */
  readonly receipt: string;
  /** The `confirmation_code`, or null for chains that use none. */
  readonly confirmationCode: string | null;
}

/**
 * Per-chain numbers, after the slips the chains print (docs/providers.md, "KOMOJU"; digit counts
 * depend on the processor and are UNCONFIRMED for KOMOJU):
 * - 7-Eleven: a 13-digit payment slip number (払込票番号), no confirmation code;
 * - FamilyMart: company code (企業コード, 5 digits) and order number (注文番号, 12 digits) in one
 *   receipt, hyphenated, as the slip element reads it; no confirmation code;
 * - Lawson and Ministop (Loppi): an 11-digit customer number and a 4-digit 確認番号;
 * - Seicomart and Daily Yamazaki: an 11-digit online payment number, no confirmation code (KOMOJU's
 *   Seicomart example has `confirmation_code: null`).
 */
export const DEFAULT_KONBINI_SLIPS: Readonly<Record<KomojuKonbiniStore, KonbiniSlipFormat>> = {
  'seven-eleven': { receipt: '#############', confirmationCode: null },
  'family-mart': { receipt: '20020-############', confirmationCode: null },
  lawson: { receipt: '###########', confirmationCode: '####' },
  ministop: { receipt: '###########', confirmationCode: '####' },
  'daily-yamazaki': { receipt: '###########', confirmationCode: null },
  seicomart: { receipt: '###########', confirmationCode: null },
};

export function issueSlipNumbers(format: KonbiniSlipFormat): {
  receipt: string;
  confirmationCode: string | null;
} {
  return {
    receipt: fillDigitPattern(format.receipt),
    confirmationCode: format.confirmationCode === null ? null : fillDigitPattern(format.confirmationCode),
  };
}
