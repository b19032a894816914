import { digitsOnly } from './normalize.ts';

/**
 * Card brands Kessai Elements accepts, under our own ids. Detection answers exactly what the
 * `credit-card-type` package (Braintree) answers, filtered to these six: its prefix table for our brands
 * and, from its other brands, the longer prefixes inside ours (Elo, Troy, Maestro, Naranja), so that a
 * number of a brand we do not take, such as an Elo card starting with 4011 78, comes out as no brand
 * rather than as Visa. The package itself is not shipped (it is about 3 KB gzip, most of it for brands
 * we never show); `test/node/core/card-brand.test.ts` checks this table against it on every prefix up
 * to six digits and on the eight-digit ones it lists. Lengths, security-code sizes and grouping are
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

/** One issuer prefix, or an inclusive range of prefixes of the same length. */
type Prefix = number | readonly [number, number];

/** Our brands' prefixes (credit-card-type 10.3), in its order of testing. */
const PREFIXES: readonly (readonly [CardBrand, readonly Prefix[]])[] = [
  ['visa', [4]],
  ['mastercard', [[51, 55], [2221, 2229], [223, 229], [23, 26], [270, 271], 2720]],
  ['amex', [34, 37]],
  ['diners', [[300, 305], 36, 38, 39]],
  ['discover', [6011, [644, 649], 65]],
  ['jcb', [2131, 1800, [3528, 3589]]],
];

/** Other brands' prefixes that lie inside ours: Troy and Elo in Discover, Elo, Maestro and Naranja in Visa, Naranja in Mastercard. */
const FOREIGN_PREFIXES: readonly Prefix[] = [
  650052, [650082, 650083], 650092, 650161, 650170, 650173, 650175, 650268, 650271, [650273, 650274],
  [650456, 650457], 650836, [650846, 650850], 650923, 650987, 650990, 654997, 657366, 657998, 658758,
  [658767, 658768], [65083700, 65083704], [65085800, 65085804], [65085900, 65085901], 65086000,
  [65086100, 65086105], [65086200, 65086203], [65875000, 65875003], 65875009, [65875101, 65875104],
  65875200, 65875501, 65875601, 65875900, [65876000, 65876002], [65876100, 65876103], 65876110,
  [65876115, 65876116], [65876200, 65876201], 65876500, [65876504, 65876505], [65876600, 65876602],
  [65877100, 65877101], [65877600, 65877602], 65877700, [65877801, 65877802], [65878200, 65878202],
  [65878300, 65878311], [65878400, 65878405], [65878500, 65878505], [65878600, 65878601], 65879800,
  65880800, 65880900, 493698, 401178, 401179, 438935, 457631, 457632, 431274, 451416, 457393,
  [650031, 650033], [650035, 650051], [650405, 650439], [650485, 650538], [650541, 650598],
  [650700, 650718], [650720, 650727], [650901, 650978], [651652, 651679], [655000, 655019],
  [655021, 655058], 402918, 527572,
];

/**
 * How `digits` meets `prefix`: 0 when it cannot start that way, -1 when it may (it is still shorter
 * than the prefix), else the prefix's length (it does start that way).
 */
function meet(digits: string, prefix: Prefix): number {
  const [low, high] = typeof prefix === 'number' ? [prefix, prefix] : prefix;
  const length = String(low).length;
  const head = digits.slice(0, length);
  const value = Number(head);
  const inRange = value >= Number(String(low).slice(0, head.length)) && value <= Number(String(high).slice(0, head.length));
  if (!inRange) return 0;
  return digits.length >= length ? length : -1;
}

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
  const found: { brand: CardBrand; strength: number }[] = [];
  for (const [brand, prefixes] of PREFIXES) {
    for (const prefix of prefixes) {
      const strength = meet(digits, prefix);
      if (strength === 0) continue;
      found.push({ brand, strength });
      break;
    }
  }
  // Like the package: while any brand may still match, every candidate stays; once each one matches
  // fully, the longest prefix wins, and it may be another brand's (then none of ours is shown).
  if (found.length === 0 || found.some((f) => f.strength < 0)) return found.map((f) => f.brand);
  let foreign = 0;
  for (const prefix of FOREIGN_PREFIXES) {
    const strength = meet(digits, prefix);
    if (strength < 0) return found.map((f) => f.brand);
    foreign = Math.max(foreign, strength);
  }
  const best = found.reduce((a, b) => (b.strength > a.strength ? b : a));
  return best.strength >= foreign ? [best.brand] : [];
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
