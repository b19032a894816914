import * as z from 'zod/mini';
import { paymentErrorSchema } from './errors.ts';
import { recordOf } from './schema-checks.ts';
import { slipSchema } from './slip.ts';

// Both unions below are `z.union`, not `z.discriminatedUnion`: their options are objects whose
// `type` / `status` literals differ, so exactly the value a discriminated union accepts passes one
// option, with the same result (test/node/core/schema-checks.test.ts compares them). zod's discriminated
// union would cost 0.5 KB gzip on every payment path (docs/architecture.md "Builds"); only the issue
// of a refused value differs, which no browser code reads and the server does not describe.

/**
 * What the shopper's browser must do next to finish 3-D Secure or a provider step.
 * - `redirect`: navigate the top window (or the challenge iframe) to `url` with GET
 * - `post`: submit a form to `url` with `fields` (UnivaPay issuer token with `call_method: http_post`)
 */
export const nextActionSchema = z.union([
  z.object({ type: z.literal('redirect'), url: z.string() }),
  z.object({
    type: z.literal('post'),
    url: z.string(),
    fields: recordOf(z.string()),
  }),
]);
export type NextAction = z.infer<typeof nextActionSchema>;

const method = z.enum(['card', 'konbini']);

/**
 * The normalized outcome of a payment attempt: every adapter maps its provider's statuses onto these
 * and nothing else reaches the elements (docs/protocol.md "5. The normalized Outcome").
 */
export const outcomeSchema = z.union([
  z.object({
    status: z.literal('succeeded'),
    method,
    /** The provider's payment / charge / intent id, for the merchant's records. */
    paymentId: z.optional(z.string()),
    /**
     * In setup mode, the saved card's id at the provider (Stripe `pm_…`): what the merchant's server
     * charges later. An id, never card data.
     */
    paymentMethodId: z.optional(z.string()),
    /** Card brand and last four, when known (never more of the card). */
    brand: z.optional(z.string()),
    last4: z.optional(z.string()),
  }),
  z.object({
    status: z.literal('requires_action'),
    method,
    action: nextActionSchema,
    /**
     * What the return will need to finish this attempt, kept with it across the redirect (a UnivaPay
     * charge id): providers that do not name it on the return URL are found by it. Never card data.
     */
    reference: z.optional(z.string().check(z.maxLength(256))),
  }),
  z.object({ status: z.literal('awaiting_payment'), method: z.literal('konbini'), slip: slipSchema }),
  z.object({
    status: z.literal('processing'),
    method,
    /** What a later `status` needs to find the payment (a UnivaPay charge id). Never card data. */
    reference: z.optional(z.string().check(z.maxLength(256))),
  }),
  z.object({ status: z.literal('failed'), error: paymentErrorSchema }),
  z.object({ status: z.literal('canceled') }),
]);
export type Outcome = z.infer<typeof outcomeSchema>;
export type OutcomeStatus = Outcome['status'];
