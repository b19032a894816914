import type { CardDetails } from '../payment-input.ts';
import type { CardErrorReason } from '../i18n/card-messages.ts';
import { normalizeName } from '../contact/name.ts';
import { brandCandidates, cardLengths, cvcLength, detectBrand, type CardBrand } from './brand.ts';
import { isExpired, jstYearMonth, MAX_EXPIRY_YEARS_AHEAD, parseExpiry } from './expiry.ts';
import { luhnValid } from './luhn.ts';
import { strictDigits } from './normalize.ts';

export type { CardErrorReason } from '../i18n/card-messages.ts';

/** The result of checking one field: its normalized value, or a key of `CARD_MESSAGES`. */
export type FieldResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly reason: CardErrorReason };

const fail = (reason: CardErrorReason): { readonly ok: false; readonly reason: CardErrorReason } => ({
  ok: false,
  reason,
});

export interface ValidCardNumber {
  /** ASCII digits only. */
  readonly number: string;
  readonly brand: CardBrand;
}

/**
 * Checks a card number as typed (spaces, hyphens and full-width digits are fine): `number_required`
 * when empty, `number_unsupported` when no accepted brand starts this way (`accepted`: the brands the
 * session takes, default every brand we know), `number_incomplete` when too short for its brand,
 * `number_invalid` when too long, holding other characters, or failing Luhn.
 */
export function validateCardNumber(raw: string, accepted?: readonly CardBrand[]): FieldResult<ValidCardNumber> {
  const digits = strictDigits(raw);
  if (digits === null) return fail('number_invalid');
  if (digits === '') return fail('number_required');
  const candidates = brandCandidates(digits).filter((b) => !accepted || accepted.includes(b));
  const brand = candidates[0];
  if (brand === undefined) return fail('number_unsupported');
  if (candidates.length > 1) return fail('number_incomplete');
  const lengths = cardLengths(brand);
  if (!lengths.includes(digits.length)) {
    return fail(digits.length < Math.max(...lengths) ? 'number_incomplete' : 'number_invalid');
  }
  if (!luhnValid(digits)) return fail('number_invalid');
  return { ok: true, value: { number: digits, brand } };
}

/**
 * Checks an expiry as typed (`12 / 27`, `1227`, `12/2027`, full-width…) at `now`: `expiry_required`,
 * `expiry_invalid` (unreadable, incomplete, month out of range, more than `MAX_EXPIRY_YEARS_AHEAD` years
 * ahead) or `expiry_past` (before the current month in JST; the expiry month itself is still valid).
 */
export function validateExpiry(
  raw: string,
  now: Date = new Date(),
): FieldResult<{ readonly month: number; readonly year: number }> {
  const parsed = parseExpiry(raw);
  if (!parsed.ok) return fail(parsed.reason === 'empty' ? 'expiry_required' : 'expiry_invalid');
  if (isExpired(parsed.month, parsed.year, now)) return fail('expiry_past');
  if (parsed.year > jstYearMonth(now).year + MAX_EXPIRY_YEARS_AHEAD) return fail('expiry_invalid');
  return { ok: true, value: { month: parsed.month, year: parsed.year } };
}

/**
 * Checks a security code for `brand` (4 digits for American Express, 3 for the others; with no brand
 * known yet, 3 or 4): `cvc_required`, `cvc_incomplete` (too few digits) or `cvc_invalid` (too many,
 * or not digits). Full-width digits are accepted.
 */
export function validateCvc(raw: string, brand: CardBrand | null): FieldResult<string> {
  const digits = strictDigits(raw);
  if (digits === null) return fail('cvc_invalid');
  if (digits === '') return fail('cvc_required');
  const min = brand === null ? 3 : cvcLength(brand);
  const max = brand === null ? 4 : cvcLength(brand);
  if (digits.length < min) return fail('cvc_incomplete');
  if (digits.length > max) return fail('cvc_invalid');
  return { ok: true, value: digits };
}

/** Checks the name on the card: trimmed, spaces (U+3000 too) collapsed; `name_required` when empty. */
export function validateName(raw: string): FieldResult<string> {
  const value = normalizeName(raw);
  return value === '' ? fail('name_required') : { ok: true, value };
}

export const CARD_FIELDS = ['number', 'expiry', 'cvc', 'name'] as const;
export type CardField = (typeof CARD_FIELDS)[number];

/** The four card inputs as the shopper typed them. */
export interface CardFieldValues {
  readonly number: string;
  readonly expiry: string;
  readonly cvc: string;
  readonly name: string;
}

export type CardFieldErrors = Readonly<Partial<Record<CardField, CardErrorReason>>>;

export interface CardDetailsOptions {
  /** Whether the name on the card must be given (default `true`). When not, an empty name is `''`. */
  readonly requireName?: boolean;
  /** The brands the session takes (default every brand we know): another brand's number is `number_unsupported`. */
  readonly brands?: readonly CardBrand[] | undefined;
}

export type CardDetailsResult =
  | {
      readonly ok: true;
      readonly value: CardDetails;
      /** Safe to put in events: the brand and last four digits, never more of the card. */
      readonly brand: CardBrand;
      readonly last4: string;
    }
  | { readonly ok: false; readonly errors: CardFieldErrors };

/**
 * Checks all four fields at once and builds the `CardDetails` the adapter sends to the provider, or
 * the error of every field that is not valid (so the element can show them all on submit). The CVC is
 * checked against the brand of the number, or as 3–4 digits when the number has no brand.
 */
export function toCardDetails(
  values: CardFieldValues,
  now: Date = new Date(),
  options: CardDetailsOptions = {},
): CardDetailsResult {
  const number = validateCardNumber(values.number, options.brands);
  const expiry = validateExpiry(values.expiry, now);
  const cvc = validateCvc(values.cvc, number.ok ? number.value.brand : detectBrand(values.number));
  const name = validateName(values.name);
  const nameOk = name.ok || options.requireName === false;

  if (number.ok && expiry.ok && cvc.ok && nameOk) {
    return {
      ok: true,
      value: {
        number: number.value.number,
        expMonth: expiry.value.month,
        expYear: expiry.value.year,
        cvc: cvc.value,
        name: name.ok ? name.value : '',
      },
      brand: number.value.brand,
      last4: number.value.number.slice(-4),
    };
  }
  const errors: Partial<Record<CardField, CardErrorReason>> = {};
  if (!number.ok) errors.number = number.reason;
  if (!expiry.ok) errors.expiry = expiry.reason;
  if (!cvc.ok) errors.cvc = cvc.reason;
  if (!name.ok && !nameOk) errors.name = name.reason;
  return { ok: false, errors };
}
