import * as z from 'zod/mini';

/**
 * The parts of Stripe's objects we read, as Stripe sends them (stripe-node `PaymentIntents.ts`,
 * `SetupIntents.ts`, `PaymentMethods.ts`; @stripe/stripe-js `payment-intents.d.ts`; docs/providers.md
 * "Stripe"). Used by the browser (what Stripe.js resolves with) and by the server (the API's answers)
 * alike. Unknown fields are dropped; a missing field we need fails the parse.
 */

const nullableString = z.optional(z.nullable(z.string()));

/** `StripeError`, and `last_payment_error` / `last_setup_error` of an intent. */
export const stripeErrorSchema = z.object({
  type: z.string(),
  code: nullableString,
  decline_code: nullableString,
  message: nullableString,
  param: nullableString,
});
export type StripeErrorValue = z.infer<typeof stripeErrorSchema>;

export const stripeErrorBodySchema = z.object({ error: stripeErrorSchema });

const cardDetails = z.object({
  brand: nullableString,
  last4: nullableString,
  exp_month: z.optional(z.nullable(z.number())),
  exp_year: z.optional(z.nullable(z.number())),
});

/** A PaymentMethod, when the intent's `payment_method` is expanded (the server asks for it). */
export const stripePaymentMethodSchema = z.object({
  id: z.string(),
  type: z.string(),
  card: z.optional(z.nullable(cardDetails)),
});
export type StripePaymentMethod = z.infer<typeof stripePaymentMethodSchema>;

const storeNumbers = z.nullable(
  z.object({ payment_code: z.string(), confirmation_number: nullableString }),
);

/** `next_action.konbini_display_details` (stripe-node; not declared by @stripe/stripe-js). */
export const konbiniDisplayDetailsSchema = z.object({
  /** Unix seconds. */
  expires_at: z.number(),
  hosted_voucher_url: nullableString,
  stores: z.object({
    familymart: z.optional(storeNumbers),
    lawson: z.optional(storeNumbers),
    ministop: z.optional(storeNumbers),
    seicomart: z.optional(storeNumbers),
  }),
});
export type KonbiniDisplayDetails = z.infer<typeof konbiniDisplayDetailsSchema>;

const nextAction = z.object({
  type: z.string(),
  redirect_to_url: z.optional(z.nullable(z.object({ url: z.string(), return_url: nullableString }))),
  konbini_display_details: z.optional(z.nullable(konbiniDisplayDetailsSchema)),
});

const paymentMethodRef = z.optional(z.nullable(z.union([z.string(), stripePaymentMethodSchema])));

export const PAYMENT_INTENT_STATUSES = [
  'requires_payment_method',
  'requires_confirmation',
  'requires_action',
  'processing',
  'requires_capture',
  'canceled',
  'succeeded',
] as const;

export const stripePaymentIntentSchema = z.object({
  id: z.string().check(z.minLength(1)),
  object: z.literal('payment_intent'),
  status: z.enum(PAYMENT_INTENT_STATUSES),
  amount: z.number(),
  currency: z.string(),
  client_secret: nullableString,
  payment_method_types: z.array(z.string()),
  payment_method: paymentMethodRef,
  last_payment_error: z.optional(z.nullable(stripeErrorSchema)),
  next_action: z.optional(z.nullable(nextAction)),
  cancellation_reason: nullableString,
});
export type StripePaymentIntent = z.infer<typeof stripePaymentIntentSchema>;

export const stripeSetupIntentSchema = z.object({
  id: z.string().check(z.minLength(1)),
  object: z.literal('setup_intent'),
  status: z.enum(PAYMENT_INTENT_STATUSES),
  client_secret: nullableString,
  payment_method_types: z.array(z.string()),
  payment_method: paymentMethodRef,
  last_setup_error: z.optional(z.nullable(stripeErrorSchema)),
  next_action: z.optional(z.nullable(nextAction)),
  customer: nullableString,
});
export type StripeSetupIntent = z.infer<typeof stripeSetupIntentSchema>;

export const stripeIntentSchema = z.union([stripePaymentIntentSchema, stripeSetupIntentSchema]);
export type StripeIntent = StripePaymentIntent | StripeSetupIntent;
