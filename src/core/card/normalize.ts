/**
 * Input normalisation shared by the card and contact rules. Japanese shoppers type with an IME that
 * often produces full-width digits (０-９), full-width or katakana hyphens (－ ー ‐ −) and the ideographic
 * space (U+3000); every rule here accepts them.
 *
 * Every function maps one UTF-16 code unit to at most one code unit, so a caret position in the raw
 * input stays a valid position in `toHalfWidth(raw)` (the as-you-type formatters rely on that).
 */

/** Hyphen-like characters shoppers type between digit groups (ASCII, Unicode dashes, minus, long vowel mark). */
export const HYPHEN_LIKE = '-\u2010\u2011\u2012\u2013\u2014\u2015\u2043\u2212\u30FC\uFE58\uFE63\uFF0D\uFF70';

/** `HYPHEN_LIKE` escaped for use inside a RegExp character class (`[${HYPHEN_CLASS}]`). */
export const HYPHEN_CLASS = HYPHEN_LIKE.replace('-', '\\-');

const HYPHEN_OR_SPACE = new RegExp(`[\\s${HYPHEN_CLASS}]`, 'gu');

/**
 * Converts full-width ASCII (U+FF01–U+FF5E: ０-９, Ａ-Ｚ, ａ-ｚ, ＠, ／, ＋, （ ）…) to ASCII and the ideographic
 * space U+3000 to a plain space. Everything else is left as it is; the length never changes.
 */
export function toHalfWidth(s: string): string {
  return s.replace(/[\uFF01-\uFF5E\u3000]/g, (ch) =>
    ch === '\u3000' ? ' ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0),
  );
}

/** Whether `ch` is one of the hyphen-like characters of `HYPHEN_LIKE`. */
export function isHyphenLike(ch: string): boolean {
  return ch.length === 1 && HYPHEN_LIKE.includes(ch);
}

/** Half-width, then drops whitespace (including U+3000) and every hyphen-like character. */
export function stripSeparators(s: string): string {
  return toHalfWidth(s).replace(HYPHEN_OR_SPACE, '');
}

/**
 * The digits of `s` after converting full-width digits, dropping spaces and every hyphen-like
 * character; any other character is dropped too. Lenient: for as-you-type formatting, where a stray
 * letter is simply ignored.
 */
export function digitsOnly(s: string): string {
  return toHalfWidth(s).replace(/\D/g, '');
}

/**
 * Like `digitsOnly`, but strict: returns the digits when `s` holds nothing but digits, spaces and
 * hyphen-like characters, and `null` when anything else is in it (a letter, a dot). For validation.
 */
export function strictDigits(s: string): string | null {
  const stripped = stripSeparators(s);
  return /^\d*$/.test(stripped) ? stripped : null;
}

/** Whether `ch` (one character) is an ASCII or full-width digit. */
export function isDigitChar(ch: string | undefined): boolean {
  return ch !== undefined && /^[0-9\uFF10-\uFF19]$/.test(ch);
}
