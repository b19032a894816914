import * as z from 'zod/mini';
import { recordOf } from '../../core/schema-checks.ts';

/**
 * The UnivaPay objects Kessai Elements reads, as UnivaPay documents them (docs/providers.md
 * "UnivaPay"). Every object is loose: UnivaPay adds fields over time and we name only the ones we use.
 * Statuses stay plain strings here and are sorted in `map-outcome.ts`, so that a status we have not
 * heard of becomes an `unexpected_response` failure there instead of a parse error here.
 */

/**
 * `{status: "error", code: "VALIDATION_ERROR", errors: [{field, reason}]}` (docs/providers.md
 * "UnivaPay › Statuses and our Outcome").
 */
export const univapayErrorBodySchema = z.looseObject({
  status: z.optional(z.string()),
  code: z.string().check(z.minLength(1)),
  errors: z.nullish(
    z.array(
      z.looseObject({
        field: z.nullish(z.string()),
        reason: z.nullish(z.string()),
      }),
    ),
  ),
});
export type UnivapayErrorBody = z.infer<typeof univapayErrorBodySchema>;

/**
 * `data.card` of a card token: never the full number (docs/providers.md
 * "UnivaPay › Calls the code makes").
 */
const univapayTokenCardSchema = z.looseObject({
  cardholder: z.nullish(z.string()),
  brand: z.nullish(z.string()),
  last_four: z.nullish(z.string()),
  card_bin: z.nullish(z.string()),
});

/**
 * A transaction token (201 answer of `POST /tokens`, and `GET /stores/{s}/tokens/{id}`:
 * docs/providers.md "UnivaPay › Calls the code makes").
 */
export const univapayTokenSchema = z.looseObject({
  id: z.string().check(z.minLength(1)),
  store_id: z.nullish(z.string()),
  payment_type: z.string(),
  type: z.nullish(z.string()),
  email: z.nullish(z.string()),
  active: z.nullish(z.boolean()),
  mode: z.nullish(z.string()),
  data: z.nullish(
    z.looseObject({
      // card
      card: z.nullish(univapayTokenCardSchema),
      // konbini
      customer_name: z.nullish(z.string()),
      convenience_store: z.nullish(z.string()),
      expiration_period: z.nullish(z.string()),
    }),
  ),
});
export type UnivapayToken = z.infer<typeof univapayTokenSchema>;

/**
 * The `error` of a failed charge: `{code: 306, message, details}` (docs/providers.md
 * "UnivaPay › Statuses and our Outcome").
 */
export const univapayChargeErrorSchema = z.looseObject({
  code: z.nullish(z.union([z.number(), z.string()])),
  message: z.nullish(z.string()),
});
export type UnivapayChargeError = z.infer<typeof univapayChargeErrorSchema>;

/**
 * Metadata is flat; UnivaPay itself writes numbers into it at times (`orderid: 123456`:
 * docs/providers.md "UnivaPay › Statuses and our Outcome").
 */
const metadataSchema = recordOf(z.unknown());

/**
 * A charge (docs/providers.md "UnivaPay › Statuses and our Outcome"). `status`:
 * pending | awaiting | authorized | successful | failed | error | canceled.
 */
export const univapayChargeSchema = z.looseObject({
  id: z.string().check(z.minLength(1)),
  store_id: z.nullish(z.string()),
  transaction_token_id: z.nullish(z.string()),
  transaction_token_type: z.nullish(z.string()),
  requested_amount: z.number(),
  requested_currency: z.string(),
  charged_amount: z.nullish(z.number()),
  charged_currency: z.nullish(z.string()),
  /**
   * Konbini: the payment deadline when the merchant set one (docs/providers.md
   * "UnivaPay › Calls the code makes").
   */
  capture_at: z.nullish(z.string()),
  status: z.string(),
  error: z.nullish(univapayChargeErrorSchema),
  metadata: z.nullish(metadataSchema),
  mode: z.nullish(z.string()),
  created_on: z.nullish(z.string()),
  three_ds: z.nullish(
    z.looseObject({
      mode: z.nullish(z.string()),
      redirect_endpoint: z.nullish(z.string()),
      redirect_id: z.nullish(z.string()),
    }),
  ),
});
export type UnivapayCharge = z.infer<typeof univapayChargeSchema>;

/**
 * `GET /stores/{s}/charges/{id}/three_ds/issuer_token` (docs/providers.md
 * "UnivaPay › 3-D Secure: the issuer-token flow", step 3): where the browser goes for the challenge,
 * how, and the payload to send there (keys passed through unformatted).
 */
export const univapayIssuerTokenSchema = z.looseObject({
  issuer_token: z.string().check(z.minLength(1)),
  call_method: z.string(),
  payload: z.nullish(recordOf(z.unknown())),
  payment_type: z.nullish(z.string()),
  content_type: z.nullish(z.string()),
});
export type UnivapayIssuerToken = z.infer<typeof univapayIssuerTokenSchema>;

/**
 * `GET /stores/{s}/charges/{id}/expiry/latest` (docs/providers.md "UnivaPay › Calls the code makes"):
 * the konbini payment deadline.
 */
export const univapayChargeExpirySchema = z.looseObject({
  id: z.nullish(z.string()),
  charge_id: z.nullish(z.string()),
  expiration_date: z.string(),
  extension_count: z.nullish(z.number()),
});
export type UnivapayChargeExpiry = z.infer<typeof univapayChargeExpirySchema>;
