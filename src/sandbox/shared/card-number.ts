/**
 * What an emulator needs to know of a card number, as the card networks publish their number ranges:
 * whether it passes the Luhn check every card number carries, its network, and whether an expiry
 * month has passed in Japan. The sandbox's own small rules (it shares nothing with the elements' card
 * rules): an emulator answers what the provider would, not what the form accepts. Each emulator maps
 * the network to its provider's brand slug (KOMOJU `master`, UnivaPay `mastercard`).
 */

/** Card networks the emulators tell apart. */
export type CardNetwork = 'visa' | 'mastercard' | 'american_express' | 'jcb' | 'diners_club' | 'discover' | 'unionpay';

/** Issuer number ranges (inclusive, compared on as many leading digits as the bounds have). */
const RANGES: readonly (readonly [CardNetwork, string, string])[] = [
  ['visa', '4', '4'],
  ['mastercard', '51', '55'],
  ['mastercard', '2221', '2720'],
  ['american_express', '34', '34'],
  ['american_express', '37', '37'],
  ['jcb', '3528', '3589'],
  ['diners_club', '300', '305'],
  ['diners_club', '3095', '3095'],
  ['diners_club', '36', '36'],
  ['diners_club', '38', '39'],
  ['discover', '6011', '6011'],
  ['discover', '644', '649'],
  ['discover', '65', '65'],
  ['unionpay', '62', '62'],
];

/** The network of a card number (digits only), or null when no range holds it. */
export function cardNetworkOf(number: string): CardNetwork | null {
  for (const [network, low, high] of RANGES) {
    const head = number.slice(0, low.length);
    if (head.length === low.length && head >= low && head <= high) return network;
  }
  return null;
}

/** The Luhn (mod 10) check: true for a string of digits whose last digit checks the others. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

/** The year and month (1–12) in Japan at `now` (UTC+9, no daylight saving). */
export function japanYearMonth(now: Date): { readonly year: number; readonly month: number } {
  const jst = new Date(now.getTime() + JST_OFFSET_MS);
  return { year: jst.getUTCFullYear(), month: jst.getUTCMonth() + 1 };
}

/** Whether a card valid through `month`/`year` (four digits) has expired by `now` in Japan. */
export function expiredInJapan(month: number, year: number, now: Date): boolean {
  const current = japanYearMonth(now);
  return year < current.year || (year === current.year && month < current.month);
}
