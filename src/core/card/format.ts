import { cardGaps, detectBrand, maxCardLength, type CardBrand } from './brand.ts';
import { toHalfWidth } from './normalize.ts';

/**
 * What kind of edit produced the raw value: the element maps `InputEvent.inputType`
 * (`deleteContentBackward` → `deleteBackward`, `deleteContentForward` → `deleteForward`, anything else
 * → `insert`). Used only to delete "through" a separator the formatter inserted.
 */
export type EditKind = 'insert' | 'deleteBackward' | 'deleteForward';

/** A reformatted field value and where the caret goes in it. */
export interface TypedValue {
  readonly value: string;
  readonly caret: number;
}

export interface TypedCardNumber extends TypedValue {
  /** The brand detected from the digits, once only one is possible. */
  readonly brand: CardBrand | null;
}

/** Groups an all-digit string at `gaps` (digit indexes that start a new group) with single spaces. */
function group(digits: string, gaps: readonly number[]): string {
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && gaps.includes(i)) out += ' ';
    out += digits[i];
  }
  return out;
}

/** Position in `group(digits, gaps)` right after the `k`-th digit (before a space that follows it). */
function caretAfter(k: number, gaps: readonly number[]): number {
  return k + gaps.filter((gap) => gap < k).length;
}

const isAsciiDigit = (ch: string | undefined): boolean => ch !== undefined && ch >= '0' && ch <= '9';

/**
 * Formats a card number as the shopper types it: full-width digits become ASCII, every other
 * character is dropped, the digits are capped to the brand's longest length and grouped with spaces
 * by the brand (4-4-4-4, Amex 4-6-5, Diners 14 digits 4-6-4). The caret stays after the same digit it
 * followed in `raw`.
 *
 * - Typing past the brand's maximum drops the digits just typed (as `maxlength` would), not the tail.
 * - Backspace right after a group space (or Delete right before it) deletes the digit beyond the space,
 *   so a separator never traps the caret (needs `edit`).
 *
 * Pure: the element calls it on `input` events and writes back `value` and the caret, but not while an
 * IME composition is in progress (`InputEvent.isComposing`, between `compositionstart` and
 * `compositionend`): rewriting the value mid-composition breaks the IME. It formats on `compositionend`.
 */
export function formatCardNumberAsTyped(
  raw: string,
  caret: number,
  edit: EditKind = 'insert',
): TypedCardNumber {
  const half = toHalfWidth(raw);
  const at = Math.max(0, Math.min(caret, half.length));
  let digits = '';
  let k = 0;
  for (let i = 0; i < half.length; i++) {
    const ch = half[i];
    if (ch !== undefined && isAsciiDigit(ch)) {
      digits += ch;
      if (i < at) k++;
    }
  }

  // A deleted group space: both neighbours of the caret are digits where the layout has a space.
  if (edit !== 'insert' && isAsciiDigit(half[at - 1]) && isAsciiDigit(half[at])) {
    const gaps = cardGaps(detectBrand(digits), digits.length);
    if (gaps.includes(k)) {
      if (edit === 'deleteBackward') {
        digits = digits.slice(0, k - 1) + digits.slice(k);
        k--;
      } else {
        digits = digits.slice(0, k) + digits.slice(k + 1);
      }
    }
  }

  let brand = detectBrand(digits);
  const max = maxCardLength(brand);
  if (digits.length > max) {
    const excess = digits.length - max;
    if (k >= excess) {
      digits = digits.slice(0, k - excess) + digits.slice(k);
      k -= excess;
    } else {
      digits = digits.slice(0, max);
    }
    brand = detectBrand(digits);
    const capped = maxCardLength(brand);
    if (digits.length > capped) digits = digits.slice(0, capped);
    k = Math.min(k, digits.length);
  }

  const gaps = cardGaps(brand, digits.length);
  // At a group boundary the caret sits before the space, unless it was after a separator in `raw`.
  const afterSeparator = gaps.includes(k) && k < digits.length && at > 0 && !isAsciiDigit(half[at - 1]);
  return {
    value: group(digits, gaps),
    caret: caretAfter(k, gaps) + (afterSeparator ? 1 : 0),
    brand,
  };
}

/** Groups a card number for display (no caret): `formatCardNumber('378282246310005')` → `3782 822463 10005`. */
export function formatCardNumber(number: string): string {
  return formatCardNumberAsTyped(number, number.length).value;
}
