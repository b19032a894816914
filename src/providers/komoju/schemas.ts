import * as z from 'zod/mini';
import { recordOf } from '../../core/schema-checks.ts';

/**
 * The KOMOJU objects the browser (and the server's `status`) reads, as KOMOJU documents them
 * (docs/providers.md "KOMOJU"). Every object is loose: KOMOJU adds fields over time and we only name
 * the ones we use. Statuses are plain strings here and are sorted in `map-outcome.ts`, so that a status
 * we have not heard of becomes an `unexpected_response` failure there instead of a parse error here.
 */

/**
 * `payment_details` of a payment in a response: never the full card number (docs/providers.md
 * "KOMOJU › Calls the code makes").
 */
export const komojuResponsePaymentDetailsSchema = z.looseObject({
  type: z.string(),
  // credit_card
  brand: z.nullish(z.string()),
  last_four_digits: z.nullish(z.string()),
  // konbini
  store: z.nullish(z.string()),
  receipt: z.nullish(z.string()),
  confirmation_code: z.nullish(z.string()),
  instructions_url: z.nullish(z.string()),
  // offsite / 3-D Secure through the session
  redirect_url: z.nullish(z.string()),
});
export type KomojuResponsePaymentDetails = z.infer<typeof komojuResponsePaymentDetailsSchema>;

/**
 * Payment (docs/providers.md "KOMOJU › Statuses and our Outcome"). `status`:
 * pending | authorized | captured | cancelled | expired | refunded | failed.
 */
export const komojuPaymentSchema = z.looseObject({
  id: z.string(),
  resource: z.optional(z.literal('payment')),
  status: z.string(),
  amount: z.number(),
  /** amount + tax + payment_method_fee: what the shopper pays at the register. */
  total: z.nullish(z.number()),
  currency: z.string(),
  /** The konbini deadline (there is no expires_at in payment_details). */
  payment_deadline: z.nullish(z.string()),
  payment_details: z.nullish(komojuResponsePaymentDetailsSchema),
});
export type KomojuPayment = z.infer<typeof komojuPaymentSchema>;

/**
 * `payment_methods[]` of a session (docs/providers.md "KOMOJU › Calls the code makes"). `brands` is an
 * array for cards, an object for konbini.
 */
export const komojuSessionPaymentMethodSchema = z.looseObject({
  type: z.string(),
  brands: z.optional(z.union([z.array(z.string()), recordOf(z.unknown())])),
  additional_fields: z.nullish(z.array(z.string())),
  customer_fee: z.nullish(z.number()),
});
export type KomojuSessionPaymentMethod = z.infer<typeof komojuSessionPaymentMethodSchema>;

/**
 * Session (docs/providers.md "KOMOJU › Statuses and our Outcome"). `status`:
 * pending | completed | cancelled (and possibly expired).
 */
export const komojuSessionSchema = z.looseObject({
  id: z.string().check(z.minLength(1)),
  resource: z.optional(z.literal('session')),
  mode: z.optional(z.string()),
  status: z.string(),
  amount: z.number(),
  currency: z.string(),
  return_url: z.nullish(z.string()),
  session_url: z.nullish(z.string()),
  default_locale: z.nullish(z.string()),
  expired: z.nullish(z.boolean()),
  payment_methods: z.array(komojuSessionPaymentMethodSchema),
  payment: z.nullish(komojuPaymentSchema),
});
export type KomojuSession = z.infer<typeof komojuSessionSchema>;

/**
 * The error object (docs/providers.md "KOMOJU › Statuses and our Outcome"):
 * `{code, message, param, details}`. The pay response may also carry a bare string (komoju-fields types
 * it `string | object`).
 */
export const komojuErrorObjectSchema = z.looseObject({
  code: z.nullish(z.string()),
  message: z.nullish(z.string()),
  param: z.nullish(z.string()),
});
export const komojuErrorValueSchema = z.union([z.string(), komojuErrorObjectSchema]);
export type KomojuErrorValue = z.infer<typeof komojuErrorValueSchema>;

/** The body of a 4xx / 5xx answer. */
export const komojuErrorBodySchema = z.looseObject({ error: komojuErrorValueSchema });
export type KomojuErrorBody = z.infer<typeof komojuErrorBodySchema>;

/**
 * `POST /sessions/{id}/pay` answer (docs/providers.md "KOMOJU › Statuses and our Outcome"). `status`:
 * pending | completed | error.
 */
export const komojuPayResponseSchema = z.looseObject({
  status: z.string(),
  redirect_url: z.nullish(z.string()),
  app_url: z.nullish(z.string()),
  payment: z.nullish(komojuPaymentSchema),
  error: z.nullish(komojuErrorValueSchema),
});
export type KomojuPayResponse = z.infer<typeof komojuPayResponseSchema>;

/**
 * Secure token (docs/providers.md "KOMOJU › 3-D Secure: secure tokens"). `verification_status`:
 * OK | SKIPPED | NEEDS_VERIFY | ERRORED.
 */
export const komojuSecureTokenSchema = z.looseObject({
  id: z.string().check(z.minLength(1)),
  verification_status: z.string(),
  authentication_url: z.nullish(z.string()),
});
export type KomojuSecureToken = z.infer<typeof komojuSecureTokenSchema>;
