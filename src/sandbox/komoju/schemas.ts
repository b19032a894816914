import { z } from 'zod';
import { valueAt } from '../shared/value-at.ts';
import { invalidParameter, missingParameter, type KomojuApiError } from './errors.ts';
import { KOMOJU_KONBINI_STORES } from './konbini.ts';

/**
 * The request bodies the emulator accepts, as KOMOJU documents them (docs/providers.md, "KOMOJU"). Integers may
 * come as numeric strings (form encoding). Unknown fields are ignored, as KOMOJU does. A body that
 * does not fit answers 422 `missing_parameter` / `invalid_parameter` naming the field the way KOMOJU
 * does (`payment_details[number]`).
 */

const MAX_AMOUNT = 9_999_999_999;

/** An integer, or a string of digits (form bodies). */
const intLike = z.union([
  z.number().int(),
  z
    .string()
    .regex(/^-?\d{1,15}$/)
    .transform(Number),
]);

const shortText = (max: number) => z.string().max(max);
const optionalText = (max: number) => z.string().max(max).nullish();

export const createSessionSchema = z.object({
  mode: z.enum(['payment', 'customer', 'customer_payment']).optional(),
  amount: intLike.pipe(z.number().min(0).max(MAX_AMOUNT)),
  currency: z.string().regex(/^[A-Za-z]{3}$/),
  return_url: optionalText(2048),
  email: optionalText(254),
  expires_in_seconds: intLike.pipe(z.number().min(1).max(86_400)).optional(),
  external_customer_id: optionalText(255),
  payment_types: z.array(shortText(64)).max(32).optional(),
  default_locale: z.enum(['ja', 'en', 'ko']).optional(),
  line_items: z.array(z.record(z.string(), z.unknown())).max(100).optional(),
  metadata: z.record(z.string().max(30), z.union([z.string().max(2000), z.number(), z.boolean(), z.null()])).optional(),
  payment_data: z
    .looseObject({
      capture: z.enum(['auto', 'manual']).optional(),
      external_order_num: optionalText(255),
      name: optionalText(255),
      name_kana: optionalText(255),
    })
    .optional(),
  fraud_details: z.record(z.string(), z.unknown()).optional(),
  customer_id: optionalText(64),
});
export type CreateSessionBody = z.infer<typeof createSessionSchema>;

export const cardDetailsSchema = z.object({
  type: z.literal('credit_card'),
  number: z.string().max(32),
  month: intLike,
  year: intLike,
  verification_value: z.union([z.string().max(8), z.number().int().transform(String)]).nullish(),
  name: optionalText(255),
  given_name: optionalText(255),
  family_name: optionalText(255),
  email: optionalText(254),
});
export type CardDetailsBody = z.infer<typeof cardDetailsSchema>;

export const konbiniDetailsSchema = z.object({
  type: z.literal('konbini'),
  store: z.enum(KOMOJU_KONBINI_STORES),
  email: z.email().max(254).nullish(),
  phone: z
    .string()
    .regex(/^\+?[0-9-]{10,16}$/)
    .nullish(),
  name: optionalText(255),
  given_name: optionalText(255),
  family_name: optionalText(255),
  expiry_days: intLike.pipe(z.number().min(1).max(60)).optional(),
});
export type KonbiniDetailsBody = z.infer<typeof konbiniDetailsSchema>;

/** `payment_details` as an object: which type decides the schema. */
const paymentDetailsTypeSchema = z.looseObject({ type: z.string() });

export const payBodySchema = z.object({
  payment_details: z.union([z.string().min(1).max(64), paymentDetailsTypeSchema]),
  capture: z.enum(['auto', 'manual']).optional(),
  api_locale: optionalText(8),
  customer_email: optionalText(254),
  fraud_details: z.record(z.string(), z.unknown()).optional(),
  amount: intLike.optional(),
  currency: optionalText(3),
  tax: intLike.optional(),
});
export type PayBody = z.infer<typeof payBodySchema>;

export const secureTokenBodySchema = z.object({
  amount: intLike.pipe(z.number().min(0).max(MAX_AMOUNT)),
  currency: z.string().regex(/^[A-Za-z]{3}$/),
  return_url: z.string().max(2048),
  payment_details: paymentDetailsTypeSchema.optional(),
  customer: optionalText(64),
});

/** `POST /payments`: `payment_details` (a card, or a token / secure token id) or `customer`, not both. */
export const createPaymentSchema = z.object({
  amount: intLike.pipe(z.number().min(0).max(MAX_AMOUNT)),
  currency: z.string().regex(/^[A-Za-z]{3}$/),
  payment_details: z.union([z.string().min(1).max(64), paymentDetailsTypeSchema]).optional(),
  customer: optionalText(64),
  capture: z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]).optional(),
  external_order_num: optionalText(255),
  return_url: optionalText(2048),
  locale: optionalText(8),
  metadata: z.record(z.string().max(30), z.union([z.string().max(2000), z.number(), z.boolean(), z.null()])).optional(),
});

export const tokenBodySchema = z.object({ payment_details: paymentDetailsTypeSchema });

/** `['payment_details', 'number']` → `payment_details[number]`. */
export function paramName(path: readonly PropertyKey[]): string {
  const [head, ...rest] = path.map(String);
  return `${head ?? ''}${rest.map((part) => `[${part}]`).join('')}`;
}

/**
 * Parses `value` with `schema`, or gives the 422 KOMOJU would answer for the first problem. `prefix`
 * is the path of `value` in the request body (`['payment_details']`).
 */
export function parseBody<T>(
  schema: z.ZodType<T>,
  value: unknown,
  prefix: readonly string[] = [],
): { ok: true; data: T } | { ok: false; error: KomojuApiError } {
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, data: parsed.data };
  const issue = parsed.error.issues[0];
  const path = issue?.path ?? [];
  const param = paramName([...prefix, ...path]) || 'body';
  const missing = valueAt(value, path) === undefined || valueAt(value, path) === null;
  return { ok: false, error: missing && path.length > 0 ? missingParameter(param) : invalidParameter(param) };
}
