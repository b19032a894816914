import creditCardType from 'credit-card-type';
import { digitsOnly } from './normalize.ts';

/**
 * Card brands Kessai Elements accepts, under our own ids. Detection uses the `credit-card-type`
 * package (Braintree); its answers are filtered to these six so that UnionPay, Maestro, Elo and the
 * other brands it knows never show. The library's own brand list is left untouched (it is module state
 * a merchant's bundle may share), so a number of a brand we do not take, such as an Elo card starting
 * with 4011 78, comes out as no brand rather than as Visa. Lengths, security-code sizes and grouping are
 * ours (below).
 */
export const CARD_BRANDS = ['visa', 'mastercard', 'jcb', 'amex', 'diners', 'discover'] as const;
export type CardBrand = (typeof CARD_BRANDS)[number];

export interface BrandInfo {
  readonly brand: CardBrand;
  /** Display name, the same in Japanese and English (brands are written in Latin letters in Japan). */
  readonly label: string;
  /** Allowed card-number lengths, ascending. */
  readonly lengths: readonly number[];
  /** Digits in the security code: 4 for American Express (front of the card), else 3. */
  readonly cvcLength: 3 | 4;
}

export const BRAND_INFO: Readonly<Record<CardBrand, BrandInfo>> = {
  visa: { brand: 'visa', label: 'Visa', lengths: [16, 18, 19], cvcLength: 3 },
  mastercard: { brand: 'mastercard', label: 'Mastercard', lengths: [16], cvcLength: 3 },
  jcb: { brand: 'jcb', label: 'JCB', lengths: [16, 17, 18, 19], cvcLength: 3 },
  amex: { brand: 'amex', label: 'American Express', lengths: [15], cvcLength: 4 },
  diners: { brand: 'diners', label: 'Diners Club', lengths: [14, 16, 19], cvcLength: 3 },
  discover: { brand: 'discover', label: 'Discover', lengths: [16, 19], cvcLength: 3 },
};

/** The longest number any card may have; also the cap while the brand is not known yet. */
export const MAX_CARD_LENGTH = 19;

/** `credit-card-type`'s type ids for our brands. */
const LIBRARY_IDS: Readonly<Record<string, CardBrand>> = {
  visa: 'visa',
  mastercard: 'mastercard',
  jcb: 'jcb',
  'american-express': 'amex',
  'diners-club': 'diners',
  discover: 'discover',
};

export function isCardBrand(value: unknown): value is CardBrand {
  return typeof value === 'string' && (CARD_BRANDS as readonly string[]).includes(value);
}

/**
 * The brands a (possibly partial) card number may still belong to, in the library's priority order.
 * `"3"` gives `amex`, `diners`, `jcb`; `"35"` gives `jcb`; an empty input or a number of a brand we do
 * not take (`"62"` UnionPay, `"9"`) gives `[]`. Full-width digits and separators are accepted.
 */
export function brandCandidates(number: string): CardBrand[] {
  const digits = digitsOnly(number);
  if (digits === '') return [];
  const found: CardBrand[] = [];
  for (const card of creditCardType(digits)) {
    const brand = LIBRARY_IDS[card.type];
    if (brand !== undefined && !found.includes(brand)) found.push(brand);
  }
  return found;
}

/** The brand of a (possibly partial) card number once only one is possible, else `null`. */
export function detectBrand(number: string): CardBrand | null {
  const candidates = brandCandidates(number);
  return candidates.length === 1 ? (candidates[0] ?? null) : null;
}

/** Display name of a brand (`American Express`, `Diners Club`…). */
export function brandLabel(brand: CardBrand): string {
  return BRAND_INFO[brand].label;
}

/** Allowed lengths of a brand's numbers; for an unknown brand, 12 to 19 (used only for formatting). */
export function cardLengths(brand: CardBrand | null): readonly number[] {
  return brand === null ? UNKNOWN_LENGTHS : BRAND_INFO[brand].lengths;
}
const UNKNOWN_LENGTHS: readonly number[] = [12, 13, 14, 15, 16, 17, 18, 19];

export function maxCardLength(brand: CardBrand | null): number {
  return brand === null ? MAX_CARD_LENGTH : Math.max(...BRAND_INFO[brand].lengths);
}

/**
 * Where spaces go when a number of `length` digits of `brand` is shown: the digit indexes that start
 * a new group. American Express 4-6-5 and 14-digit Diners Club 4-6-4 give `[4, 10]`; every other number
 * (16-digit Diners included) is grouped 4-4-4-4 and a 17–19 digit tail follows as a fifth group.
 */
export function cardGaps(brand: CardBrand | null, length: number): readonly number[] {
  if (brand === 'amex' || (brand === 'diners' && length <= 14)) return GAPS_4_6;
  return GAPS_4_4_4_4;
}
const GAPS_4_6: readonly number[] = [4, 10];
const GAPS_4_4_4_4: readonly number[] = [4, 8, 12, 16];

/** Security-code length of a brand. With no brand yet, callers accept 3 or 4 digits. */
export function cvcLength(brand: CardBrand): 3 | 4 {
  return BRAND_INFO[brand].cvcLength;
}
