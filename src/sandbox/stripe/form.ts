import { parseBracketForm } from '../shared/http.ts';

/**
 * Stripe's request parameters, as stripe-node sends them (`src/utils.ts`, `stringifyRequestData`:
 * form encoding with brackets, arrays indexed, `payment_method_types[0]=card`, `metadata[order]=1`,
 * `expand[0]=latest_charge`, `null` as an empty string) and Stripe.js sends them (the same form
 * encoding, plus `key` and `client_secret`): the shared bracket parser, then every object whose keys
 * are exactly `0`, `1`, … `n-1` made an array (an indexed array), as Stripe's Rack-style parser reads
 * `a[0]=x&a[1]=y`. A GET's query is read the same way (`stripeQuery`).
 */
export function stripeParams(parsed: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return normalize(parsed) as Record<string, unknown>;
}

/** The parameters of a GET (`?customer=cus_…&type=card&expand[0]=…`). */
export function stripeQuery(query: URLSearchParams): Record<string, unknown> {
  return stripeParams(parseBracketForm(query.toString()));
}

/** A form body decoded in one go (`type=card&card[number]=…`): the bracket parser, then arrays. */
export function decodeStripeForm(text: string): Record<string, unknown> {
  return stripeParams(parseBracketForm(text));
}

function normalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalize);
  if (typeof value !== 'object' || value === null) return value;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  // `a[0]=x&a[1]=y` (in any order) is an array when its keys are exactly 0…n-1.
  if (keys.length > 0 && keys.every((k) => /^(0|[1-9]\d{0,3})$/.test(k))) {
    const numbers = keys.map(Number).sort((a, b) => a - b);
    if (numbers.every((n, i) => n === i)) return numbers.map((n) => normalize(record[String(n)]));
  }
  return Object.fromEntries(keys.map((key) => [key, normalize(record[key])]));
}

/** A string parameter, or undefined when absent; `''` (stripe-node's `null`) is `null`. */
export function stringParam(params: Readonly<Record<string, unknown>>, name: string): string | null | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (value === '') return null;
  return typeof value === 'string' ? value : undefined;
}

/** A boolean parameter (`true` / `false`), or undefined. */
export function booleanParam(params: Readonly<Record<string, unknown>>, name: string): boolean | undefined {
  const value = params[name];
  if (value === 'true' || value === true) return true;
  if (value === 'false' || value === false) return false;
  return undefined;
}

/** An object parameter, or undefined. */
export function objectParam(params: Readonly<Record<string, unknown>>, name: string): Record<string, unknown> | undefined {
  const value = params[name];
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** A list parameter (`expand[0]=…`), or undefined. */
export function listParam(params: Readonly<Record<string, unknown>>, name: string): string[] | undefined {
  const value = params[name];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  if (typeof value === 'string' && value !== '') return [value];
  return undefined;
}
