import { cardNetworkOf, expiredInJapan, japanYearMonth, luhnValid, type CardNetwork } from '../shared/card-number.ts';
import { invalidParameter, missingParameter } from './errors.ts';
import { cardDetailsSchema, konbiniDetailsSchema, parseBody } from './schemas.ts';
import type { CardRecord, KonbiniRecord } from './state.ts';

/**
 * Turns a `payment_details` object into the card or konbini record the emulator keeps, checking what
 * KOMOJU checks before it charges: the number's digits and Luhn digit, a month of 1–12, a year (two
 * digits mean 20xx), an expiry not in the past in Japan, a 3–4 digit security code. Problems answer
 * 422 naming `payment_details[…]`.
 */

/** KOMOJU's brand slugs (`payment_methods[].brands`, `payment_details.brand`), by network. */
const KOMOJU_BRAND: Readonly<Record<CardNetwork, string>> = {
  visa: 'visa',
  mastercard: 'master',
  jcb: 'jcb',
  american_express: 'american_express',
  diners_club: 'diners_club',
  discover: 'discover',
  unionpay: 'unionpay',
};

/** The KOMOJU brand slug of a card number, or `unknown`. */
export function komojuBrandOf(number: string): string {
  const network = cardNetworkOf(number);
  return network ? KOMOJU_BRAND[network] : 'unknown';
}

const PREFIX = 'payment_details';

export function cardFromDetails(details: unknown, now: Date): CardRecord {
  const parsed = parseBody(cardDetailsSchema, details, [PREFIX]);
  if (!parsed.ok) throw parsed.error;
  const d = parsed.data;
  if (!/^\d{12,19}$/.test(d.number) || !luhnValid(d.number)) {
    throw invalidParameter(`${PREFIX}[number]`, 'The card number is not valid.');
  }
  if (d.month < 1 || d.month > 12) throw invalidParameter(`${PREFIX}[month]`, 'The month must be 1–12.');
  const year = d.year >= 0 && d.year < 100 ? 2000 + d.year : d.year;
  if (year < 2000 || year > 2100) throw invalidParameter(`${PREFIX}[year]`);
  if (expiredInJapan(d.month, year, now)) {
    const field = year < japanYearMonth(now).year ? 'year' : 'month';
    throw invalidParameter(`${PREFIX}[${field}]`, 'The card has expired.');
  }
  const cvc = d.verification_value ?? null;
  if (cvc !== null && cvc !== '' && !/^\d{3,4}$/.test(cvc)) {
    throw invalidParameter(`${PREFIX}[verification_value]`);
  }
  return {
    number: d.number,
    month: d.month,
    year,
    verificationValue: cvc || null,
    name: d.name?.trim() || null,
    givenName: d.given_name?.trim() || null,
    familyName: d.family_name?.trim() || null,
    email: d.email?.trim() || null,
    brand: komojuBrandOf(d.number),
    last4: d.number.slice(-4),
  };
}

/**
 * A konbini `payment_details` object. The email may come from the session instead (docs/providers.md,
 * "KOMOJU": with `email` on the session, `payment_details[email]` is optional).
 */
export function konbiniFromDetails(details: unknown, fallbackEmail: string | null): KonbiniRecord {
  const parsed = parseBody(konbiniDetailsSchema, details, [PREFIX]);
  if (!parsed.ok) throw parsed.error;
  const d = parsed.data;
  const email = d.email ?? fallbackEmail;
  if (!email) {
    throw missingParameter(`${PREFIX}[email]`);
  }
  return {
    store: d.store,
    email,
    phone: d.phone ?? null,
    name: d.name?.trim() || null,
    givenName: d.given_name?.trim() || null,
    familyName: d.family_name?.trim() || null,
    expiryDays: d.expiry_days ?? null,
  };
}

/** The `type` of a `payment_details` object, checked against what the emulator takes. */
export function detailsType(details: Readonly<Record<string, unknown>>): 'credit_card' | 'konbini' {
  const type = details['type'];
  if (type === 'credit_card' || type === 'konbini') return type;
  throw invalidParameter(`${PREFIX}[type]`, 'The sandbox takes credit_card and konbini.');
}
