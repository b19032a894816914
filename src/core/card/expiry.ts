import type { EditKind, TypedValue } from './format.ts';
import { HYPHEN_CLASS, toHalfWidth } from './normalize.ts';

/** The separator the formatter puts between month and year. */
export const EXPIRY_SEPARATOR = ' / ';

/** How many years ahead an expiry may be before it is taken for a typo. */
export const MAX_EXPIRY_YEARS_AHEAD = 20;

export type ExpiryParse =
  | { readonly ok: true; readonly month: number; readonly year: number }
  | { readonly ok: false; readonly reason: 'empty' | 'incomplete' | 'invalid' };

const ALLOWED = new RegExp(`^[\\d\\s/.${HYPHEN_CLASS}]*$`, 'u');

function monthOf(mm: string): number | null {
  const month = Number(mm);
  return month >= 1 && month <= 12 ? month : null;
}

/**
 * Reads an expiry date as shoppers write it: `MM/YY`, `MM / YY`, `MMYY`, `MM/YYYY`, `MMYYYY`, `1/27`,
 * full-width digits and slash (`１２／２７`), a hyphen, dot or space as the separator. A two-digit year is
 * 20YY. Returns the month and the four-digit year, or why not: `empty`, `incomplete` (still being typed:
 * `12`, `12 / 2`, `12 / 202`) or `invalid` (month 0 or 13, letters, too many digits).
 */
export function parseExpiry(raw: string): ExpiryParse {
  const s = toHalfWidth(raw).trim();
  if (s === '') return { ok: false, reason: 'empty' };
  if (!ALLOWED.test(s)) return { ok: false, reason: 'invalid' };
  const groups = s.match(/\d+/g) ?? [];
  let mm: string;
  let yy: string;
  if (groups.length === 1) {
    const g = groups[0] ?? '';
    if (g.length === 4 || g.length === 6) {
      mm = g.slice(0, 2);
      yy = g.slice(2);
    } else if (g.length < 6) {
      return { ok: false, reason: 'incomplete' };
    } else {
      return { ok: false, reason: 'invalid' };
    }
  } else if (groups.length === 2) {
    mm = groups[0] ?? '';
    yy = groups[1] ?? '';
    if (mm.length > 2 || yy.length > 4) return { ok: false, reason: 'invalid' };
  } else {
    return { ok: false, reason: 'invalid' };
  }
  const month = monthOf(mm);
  if (month === null) return { ok: false, reason: 'invalid' };
  if (yy.length === 1 || yy.length === 3) return { ok: false, reason: 'incomplete' };
  const year = yy.length === 2 ? 2000 + Number(yy) : Number(yy);
  return { ok: true, month, year };
}

/** The calendar year and month (1–12) in Japan (UTC+9, no daylight saving) at `now`. */
export function jstYearMonth(now: Date): { readonly year: number; readonly month: number } {
  const jst = new Date(now.getTime() + 9 * 60 * 60 * 1000);
  return { year: jst.getUTCFullYear(), month: jst.getUTCMonth() + 1 };
}

/**
 * Whether a card that expires in `month`/`year` can no longer be used at `now`. A card is valid through
 * the last day of its expiry month, and the month is the one in Japan: on 1 May 00:30 JST (still
 * 30 April in UTC) an April card has expired.
 */
export function isExpired(month: number, year: number, now: Date = new Date()): boolean {
  const current = jstYearMonth(now);
  return year < current.year || (year === current.year && month < current.month);
}

/** `MM / YY` for a parsed expiry (the form the field shows after the shopper leaves it). */
export function formatExpiry(month: number, year: number): string {
  return `${String(month).padStart(2, '0')}${EXPIRY_SEPARATOR}${String(year % 100).padStart(2, '0')}`;
}

const isDigit = (ch: string | undefined): boolean => ch !== undefined && ch >= '0' && ch <= '9';

/**
 * Formats the expiry field as the shopper types, keeping the caret after the same digit:
 * - `1` stays `1`; `12` gives `12 / `; a first digit 2–9 is a month: `4` gives `04 / `; `13` gives
 *   `01 / 3`; a second `0` after `0` is ignored; `1/` gives `01 / `;
 * - the year takes 2 digits, or 4 when it starts with `20` (`12 / 2027` is kept as typed);
 * - full-width digits and any separator (`／`, `-`, `.`, space) are accepted, so a paste of
 *   `１２／２７` gives `12 / 27`;
 * - deleting: Backspace over the ` / ` separator also deletes the month's last digit (`12 / ` → `1`),
 *   Delete before it deletes the year's first digit; and while deleting, no separator is added and a
 *   one-digit month is not padded. Needs `edit` (see `EditKind`).
 *
 * Pure; like the card number, the element leaves an IME composition alone and formats on `compositionend`.
 */
export function formatExpiryAsTyped(
  raw: string,
  caret: number,
  edit: EditKind = 'insert',
): TypedValue {
  let half = toHalfWidth(raw);
  let at = Math.max(0, Math.min(caret, half.length));

  // Deleting a character of the separator deletes the digit beyond it.
  if (edit !== 'insert') {
    let start = at;
    while (start > 0 && !isDigit(half[start - 1])) start--;
    let end = at;
    while (end < half.length && !isDigit(half[end])) end++;
    const run = half.slice(start, end);
    const monthBefore = /^\s*\d{1,2}$/.test(half.slice(0, start));
    if (run !== '' && run !== EXPIRY_SEPARATOR && monthBefore) {
      if (edit === 'deleteBackward') {
        half = half.slice(0, start - 1) + half.slice(start);
        at--;
      } else if (end < half.length) {
        half = half.slice(0, end) + half.slice(end + 1);
      }
    }
  }

  const digits: string[] = [];
  let k = 0;
  for (let i = 0; i < half.length; i++) {
    const ch = half[i];
    if (ch !== undefined && isDigit(ch)) {
      digits.push(ch);
      if (i < at) k++;
    }
  }
  const groups = half.match(/\d+/g) ?? [];
  const first = groups[0] ?? '';
  const trailingRun = groups.length === 1 && /\D/.test(half.slice(half.indexOf(first) + first.length));
  const explicit = first.length > 0 && first.length <= 2 && (groups.length >= 2 || (trailingRun && first !== '0'));

  // Output slots: the digit's index in `digits`, or -1 for a padding zero.
  const month: number[] = [];
  let next = 0;
  if (explicit) {
    if (first.length === 1 && first !== '0' && edit === 'insert') month.push(-1);
    for (; next < first.length; next++) month.push(next);
  } else {
    while (next < digits.length && month.length < 2) {
      const d = digits[next] ?? '';
      if (month.length === 0) {
        if (d >= '2') month.push(-1);
        month.push(next++);
      } else {
        const m0 = digits[month[0] ?? 0];
        if (m0 === '0' && d === '0') {
          next++; // "00" is no month: ignore the second zero
        } else if (m0 === '1' && d > '2') {
          month.unshift(-1); // "13" is January, then a year starting with 3
        } else {
          month.push(next++);
        }
      }
    }
  }
  const rest = digits.slice(next).join('');
  const yearCap = rest.startsWith('20') ? 4 : 2;
  const year: number[] = [];
  for (let i = 0; i < Math.min(rest.length, yearCap); i++) year.push(next + i);

  const separator = year.length > 0 || (month.length === 2 && edit === 'insert');
  const slots = [...month, ...(separator ? [-2, -2, -2] : []), ...year];
  const text = (slot: number): string => (slot === -1 ? '0' : slot === -2 ? '' : (digits[slot] ?? ''));
  const value =
    month.map(text).join('') + (separator ? EXPIRY_SEPARATOR : '') + year.map(text).join('');

  // Caret: after the last kept digit that was before the caret (a padding zero goes with its digit).
  let caretAt = 0;
  slots.forEach((slot, i) => {
    if (slot >= 0 && slot < k) caretAt = i + 1;
  });
  const monthDone = month.length === 2 && month.every((slot) => slot < k);
  const caretAfterSeparator = edit === 'insert' || (at > 0 && !isDigit(half[at - 1]));
  if (separator && caretAfterSeparator && monthDone && caretAt === month.length) {
    caretAt = month.length + EXPIRY_SEPARATOR.length;
  }
  return { value, caret: caretAt };
}
