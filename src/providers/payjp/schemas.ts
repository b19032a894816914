import * as z from 'zod/mini';

/**
 * The parts of PAY.JP's v2 objects we read, as PAY.JP sends them (@payjp/payjpv2 `PaymentFlowResponse`,
 * `SetupFlowResponse`, `PaymentMethodCardResponse`; @payjp/payments-js `PaymentFlow`, `SetupFlow`,
 * `PayjpPaymentsError`; seed 004; docs/providers.md "PAY.JP"). Shared by the browser and the server.
 */

const nullableString = z.optional(z.nullable(z.string()));

export const FLOW_STATUSES = [
  'requires_payment_method',
  'requires_confirmation',
  'requires_action',
  'processing',
  'requires_capture',
  'succeeded',
  'canceled',
] as const;

/** A flow's last error: free-form in PAY.JP's types; the code and message are what we read. */
const lastError = z.optional(
  z.nullable(z.looseObject({ code: nullableString, message: nullableString, type: nullableString })),
);

export const payjpPaymentFlowSchema = z.object({
  id: z.string().check(z.minLength(1)),
  object: z.optional(z.literal('payment_flow')),
  status: z.enum(FLOW_STATUSES),
  amount: z.number(),
  currency: z.optional(z.string()),
  client_secret: nullableString,
  customer_id: nullableString,
  payment_method_id: nullableString,
  payment_method_types: z.optional(z.array(z.string())),
  last_payment_error: lastError,
});
export type PayjpPaymentFlow = z.infer<typeof payjpPaymentFlowSchema>;

export const payjpSetupFlowSchema = z.object({
  id: z.string().check(z.minLength(1)),
  object: z.optional(z.literal('setup_flow')),
  status: z.enum(FLOW_STATUSES),
  client_secret: nullableString,
  customer_id: nullableString,
  /** The SDK's name; seed 004 reads `payment_method`. */
  payment_method_id: nullableString,
  payment_method: nullableString,
  last_setup_error: lastError,
});
export type PayjpSetupFlow = z.infer<typeof payjpSetupFlowSchema>;

export const payjpPaymentMethodSchema = z.object({
  id: z.string(),
  type: z.string(),
  card: z.optional(z.nullable(z.object({ brand: nullableString, last4: nullableString }))),
});
export type PayjpPaymentMethod = z.infer<typeof payjpPaymentMethodSchema>;

/** payments.js's `{ error }` (`PayjpPaymentsError`). */
export const payjpPaymentsErrorSchema = z.object({
  type: z.string(),
  code: nullableString,
  message: nullableString,
});
export type PayjpPaymentsErrorValue = z.infer<typeof payjpPaymentsErrorSchema>;

/** The API's errors: RFC 9457 problem details (@payjp/payjpv2 `ErrorResponse`). */
export const payjpProblemSchema = z.looseObject({
  type: z.optional(z.string()),
  title: z.optional(z.string()),
  status: z.optional(z.number()),
  detail: nullableString,
  code: nullableString,
});
