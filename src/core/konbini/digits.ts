import { HYPHEN_CLASS, toHalfWidth } from '../card/normalize.ts';
import type { Locale } from '../locale.ts';
import { SLIP_MESSAGES } from '../i18n/slip-messages.ts';
import { translate } from '../i18n/translate.ts';

/**
 * A payment number cut for reading: its hyphen-separated parts, each cut into short groups.
 * `20020-123456789012` → `[['20020'], ['1234', '5678', '9012']]`.
 */
export type DigitGroups = readonly (readonly string[])[];

/** A part this short is read as one group: a 5-digit company code (`20020`) or a receipt (`12345`). */
export const WHOLE_PART_MAX = 5;
/** Longer parts are cut into groups of this size, from the left. */
export const GROUP_SIZE = 4;

const HYPHENS = new RegExp(`[${HYPHEN_CLASS}]+`, 'gu');

/**
 * Groups a payment or confirmation number so that a shopper can read it off a phone and type it into
 * a kiosk. The rule:
 * 1. Full-width characters become ASCII and all whitespace goes; any run of hyphen-like characters
 *    (`-`, `－`, `ー`, `‐`, `−`…) is one separator. Providers print some numbers with a hyphen between
 *    two numbers the kiosk asks for separately (FamilyMart: company code `20020` - order number), so
 *    the hyphens are kept as part boundaries; empty parts (leading, trailing, doubled) are dropped.
 * 2. A part of up to `WHOLE_PART_MAX` (5) characters stays whole.
 * 3. A longer part is cut into groups of `GROUP_SIZE` (4) from the left; only its last group may be
 *    shorter, and a single character left over joins the group before it, since a lone digit is easy
 *    to miss: `123456` → `1234 56`, 13-digit `1234567890123` → `1234 5678 90123`.
 *
 * Letters, when a provider uses them, are grouped like digits. An empty or blank number gives `[]`.
 */
export function groupDigits(number: string): DigitGroups {
  const compact = toHalfWidth(number).replace(/\s+/gu, '').replace(HYPHENS, '-');
  return compact
    .split('-')
    .filter((part) => part !== '')
    .map((part) => {
      if (part.length <= WHOLE_PART_MAX) return [part];
      const groups: string[] = [];
      for (let i = 0; i < part.length; i += GROUP_SIZE) groups.push(part.slice(i, i + GROUP_SIZE));
      const last = groups[groups.length - 1];
      if (last !== undefined && last.length === 1) groups.splice(-2, 2, `${groups[groups.length - 2] ?? ''}${last}`);
      return groups;
    });
}

/** The grouped number as one line of text: `20020 - 1234 5678 9012`. */
export function formatDigitGroups(groups: DigitGroups): string {
  return groups.map((part) => part.join(' ')).join(' - ');
}

/**
 * The number as a screen reader should say it: each character on its own, a pause (comma) between
 * groups, and the word for "hyphen" where the number has one, so that `20020-1234` is not read as
 * "twenty thousand and twenty minus one thousand…":
 * `2 0 0 2 0, ハイフン, 1 2 3 4` / `2 0 0 2 0, hyphen, 1 2 3 4`.
 */
export function spellDigits(number: string, locale: Locale): string {
  const hyphen = translate(SLIP_MESSAGES, locale, 'hyphen');
  return groupDigits(number)
    .map((part) => part.map((group) => [...group].join(' ')).join(', '))
    .join(`, ${hyphen}, `);
}
