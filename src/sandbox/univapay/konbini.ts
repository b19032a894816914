import { fillDigitPattern } from '../shared/ids.ts';

/**
 * UnivaPay `convenience_store` values the emulator accepts (docs/providers.md, "UnivaPay"), their
 * stores, and the payment numbers it issues. UnivaPay's processor (Densan) does not publish number
 * formats per chain; its konbini example shows one (`20020-123456789012`) and 7-Eleven slips carry a
 * 13-digit number (docs/providers.md "Konbini chains › Slips"), so the defaults follow those and every
 * pattern is configurable (`#` is a random digit).
 */
export const UNIVAPAY_CONVENIENCE_STORES = [
  'seven_eleven',
  'family_mart',
  'lawson',
  'mini_stop',
  'daily_yamazaki',
  'seico_mart',
] as const;
export type UnivapayConvenienceStore = (typeof UNIVAPAY_CONVENIENCE_STORES)[number];

/** Older spelling of Daily Yamazaki, accepted and echoed as sent. */
export const YAMAZAKI_ALIAS = 'yamazaki_daily_store';

export function convenienceStoreOf(value: string): UnivapayConvenienceStore | null {
  if (value === YAMAZAKI_ALIAS) return 'daily_yamazaki';
  return (UNIVAPAY_CONVENIENCE_STORES as readonly string[]).includes(value)
    ? (value as UnivapayConvenienceStore)
    : null;
}

/** Each chain's name as shoppers read it, for the slip page. */
export const STORE_NAMES: Readonly<Record<UnivapayConvenienceStore, { readonly ja: string; readonly en: string }>> = {
  seven_eleven: { ja: 'セブン-イレブン', en: '7-Eleven' },
  family_mart: { ja: 'ファミリーマート', en: 'FamilyMart' },
  lawson: { ja: 'ローソン', en: 'Lawson' },
  mini_stop: { ja: 'ミニストップ', en: 'Ministop' },
  daily_yamazaki: { ja: 'デイリーヤマザキ', en: 'Daily Yamazaki' },
  seico_mart: { ja: 'セイコーマート', en: 'Seicomart' },
};

/**
 * The charge `metadata` keys UnivaPay fills once a konbini charge is `awaiting` (docs/providers.md,
 * "UnivaPay"): the payment number, and the slip URL (7-Eleven only).
 */
export const SLIP_METADATA = {
  paymentNumber: 'internal_convenience_payment_number',
  slipUrl: 'internal_convenience_payment_url',
} as const;

/** Default payment-number patterns: the example's shape, and 13 digits for 7-Eleven's slip number. */
export const DEFAULT_PAYMENT_NUMBERS: Readonly<Record<UnivapayConvenienceStore, string>> = {
  seven_eleven: '#############',
  family_mart: '20020-############',
  lawson: '20020-############',
  mini_stop: '20020-############',
  daily_yamazaki: '20020-############',
  seico_mart: '20020-############',
};

export function issuePaymentNumber(pattern: string): string {
  return fillDigitPattern(pattern);
}

/** `P7D` → 7; the ISO-8601 durations konbini tokens carry as `expiration_period`, days only. */
export function periodDays(period: string | null): number | null {
  if (!period) return null;
  const match = /^P(\d{1,3})D$/.exec(period);
  return match?.[1] ? Number(match[1]) : null;
}
