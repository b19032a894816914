import { HYPHEN_CLASS, toHalfWidth } from '../card/normalize.ts';

export type EmailCheck =
  | { readonly ok: true; readonly value: string }
  | { readonly ok: false; readonly reason: 'empty' | 'invalid' };

const HYPHENS = new RegExp(`[${HYPHEN_CLASS}]`, 'gu');

/**
 * What a Japanese IME makes of an email address, turned back into ASCII: full-width letters, digits
 * and `＠` become ASCII, `。` and `｡` become `.`, `ー` and other hyphen-likes become `-`; then trimmed.
 * An address holds only ASCII, so these conversions never change an address that was right.
 */
export function normalizeEmail(raw: string): string {
  return toHalfWidth(raw).replace(/[\u3002\uFF61]/g, '.').replace(HYPHENS, '-').trim();
}

// Dots anywhere in the local part: Japanese carrier addresses (`taro..yamada.@docomo.ne.jp`) break
// RFC 5322 yet are real and deliverable.
const LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}$/;
const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/**
 * A pragmatic email check (not RFC 5322): one `@`, no spaces, an ASCII local part, a domain with at
 * least one dot, letters-digits-hyphen labels and an alphabetic top-level domain of 2+ letters. The
 * value is `normalizeEmail(raw)` with the domain lower-cased.
 */
export function checkEmail(raw: string): EmailCheck {
  const email = normalizeEmail(raw);
  if (email === '') return { ok: false, reason: 'empty' };
  const at = email.lastIndexOf('@');
  const local = email.slice(0, at);
  const domain = email.slice(at + 1).toLowerCase();
  const labels = domain.split('.');
  const tld = labels[labels.length - 1] ?? '';
  const valid =
    at > 0 &&
    email.length <= 254 &&
    LOCAL.test(local) &&
    domain.length <= 253 &&
    labels.length >= 2 &&
    labels.every((label) => LABEL.test(label)) &&
    /^[a-z]{2,}$/.test(tld);
  return valid ? { ok: true, value: `${local}@${domain}` } : { ok: false, reason: 'invalid' };
}
