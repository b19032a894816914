import * as z from 'zod/mini';

/**
 * The small fixed set of error codes every failure is sorted into (docs/protocol.md
 * "5. The normalized Outcome").
 * - network: the endpoint or provider could not be reached, or answered something unparseable
 * - validation: the shopper's input was refused (bad card number, missing email)
 * - declined: the card or payment was declined by the issuer / provider
 * - authentication: 3-D Secure failed or was abandoned
 * - provider: the provider reported an error of its own (5xx, maintenance, unknown code)
 * - configuration: the merchant's setup is wrong (bad key, method not enabled, bad endpoint answer)
 * - internal: a bug on our side
 */
export const ERROR_CODES = [
  'network',
  'validation',
  'declined',
  'authentication',
  'provider',
  'configuration',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * Why a payment failed, as a key into the message catalogue (`src/core/i18n/failure-messages.ts`), so
 * that the elements can show it in the shopper's language. Adapters map provider codes onto these.
 */
export const FAILURE_REASONS = [
  'network_unreachable',
  'unexpected_response',
  'endpoint_error',
  'session_expired',
  'card_declined',
  'insufficient_funds',
  'over_limit',
  'incorrect_number',
  'incorrect_cvc',
  'incorrect_expiry',
  'expired_card',
  'card_not_supported',
  'invalid_card',
  'contact_issuer',
  'processing_error',
  'authentication_failed',
  'authentication_canceled',
  'invalid_input',
  'invalid_email',
  'invalid_phone',
  'store_unavailable',
  'method_unavailable',
  'configuration_error',
  'card_form_unavailable',
  'too_many_attempts',
  'provider_unavailable',
  'payment_expired',
  'unsafe_redirect',
  'internal_error',
] as const;
export type FailureReason = (typeof FAILURE_REASONS)[number];

export const paymentErrorSchema = z.object({
  code: z.enum(ERROR_CODES),
  reason: z.enum(FAILURE_REASONS),
  retryable: z.boolean(),
  /** The provider's own code, for logs and support; never shown as HTML. */
  providerCode: z.optional(z.string()),
  /** The provider's own message, shown only when no localized message fits. */
  providerMessage: z.optional(z.string()),
  /** The input field the error is about, when the provider says so (`number`, `cvc`, `expiry`, `email`…). */
  field: z.optional(z.string()),
});
export type PaymentError = z.infer<typeof paymentErrorSchema>;

/** The `failed` outcome, which the flow, every adapter and every server module build the same way. */
export interface FailedOutcome {
  readonly status: 'failed';
  readonly error: PaymentError;
}

export function paymentError(
  code: ErrorCode,
  reason: FailureReason,
  retryable: boolean,
  extra: Partial<Pick<PaymentError, 'providerCode' | 'providerMessage' | 'field'>> = {},
): PaymentError {
  return { code, reason, retryable, ...extra };
}

/** A `failed` outcome: `paymentError` wrapped. */
export function failed(
  code: ErrorCode,
  reason: FailureReason,
  retryable: boolean,
  extra: Partial<Pick<PaymentError, 'providerCode' | 'providerMessage' | 'field'>> = {},
): FailedOutcome {
  return { status: 'failed', error: paymentError(code, reason, retryable, extra) };
}
