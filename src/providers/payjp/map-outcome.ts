import type { Outcome } from '../../core/outcome.ts';
import { cardBrandFromProvider } from '../shared/card-brands.ts';
import { failed, type FailedOutcome, type FailureDetails } from '../shared/failures.ts';
import { rule, type ErrorRule } from '../shared/http-status.ts';
import type { PayjpPaymentFlow, PayjpPaymentMethod, PayjpPaymentsErrorValue, PayjpSetupFlow } from './schemas.ts';

/**
 * PAY.JP's flows and errors onto the normalized `Outcome` (docs/providers.md "PAY.JP › Statuses and our
 * Outcome"). Pure: the browser maps payments.js's `{ error }`, the server the retrieved flow.
 */

/** payments.js's error codes by type (@payjp/payments-js `PayjpPaymentErrorCode`, `PayjpApiErrorCode`…). */
const CODES: Readonly<Record<string, ErrorRule>> = {
  card_declined: rule('declined', 'card_declined', true),
  expired_card: rule('declined', 'expired_card', true, 'expiry'),
  invalid_cvc: rule('validation', 'incorrect_cvc', true, 'cvc'),
  invalid_expiration_date: rule('validation', 'incorrect_expiry', true, 'expiry'),
  processing_error: rule('declined', 'processing_error', true),
  three_d_secure_failed: rule('authentication', 'authentication_failed', true),
  test_card_on_livemode: rule('configuration', 'configuration_error', false),
  invalid_status: rule('provider', 'session_expired', false),
  not_found: rule('configuration', 'session_expired', false),
  internal_server_error: rule('provider', 'provider_unavailable', true),
  missing_payment_method: rule('validation', 'invalid_input', true),
  apple_pay_canceled: rule('validation', 'invalid_input', true),
};

const TYPES: Readonly<Record<string, ErrorRule>> = {
  payment_error: rule('declined', 'card_declined', true),
  validation_error: rule('validation', 'invalid_input', true),
  api_error: rule('configuration', 'configuration_error', false),
  sdk_error: rule('configuration', 'configuration_error', false),
  user_error: rule('validation', 'invalid_input', true),
};

/** payments.js's `{ error }`, or a flow's last error, as a failure. */
export function mapPayjpError(error: PayjpPaymentsErrorValue): FailedOutcome {
  const extra: FailureDetails = {};
  if (error.code) extra.providerCode = error.code;
  if (error.message) extra.providerMessage = error.message;
  const chosen = (error.code ? CODES[error.code] : undefined) ?? TYPES[error.type] ?? rule('provider', 'processing_error', true);
  return failed(chosen.code, chosen.reason, chosen.retryable, chosen.field ? { ...extra, field: chosen.field } : extra);
}

function lastErrorOf(value: { readonly code?: string | null | undefined; readonly message?: string | null | undefined; readonly type?: string | null | undefined }): FailedOutcome {
  return mapPayjpError({ type: value.type ?? 'payment_error', code: value.code ?? null, message: value.message ?? null });
}

/** The card of a payment method (the server reads it after a flow succeeded). */
export function cardOfPaymentMethod(pm: PayjpPaymentMethod | undefined): { brand?: string; last4?: string } {
  const brand = pm?.card?.brand ? cardBrandFromProvider(pm.card.brand) : undefined;
  const last4 = pm?.card?.last4 && /^\d{4}$/.test(pm.card.last4) ? pm.card.last4 : undefined;
  return { ...(brand ? { brand } : {}), ...(last4 ? { last4 } : {}) };
}

/**
 * A Payment Flow or Setup Flow by its status:
 * - `succeeded`, `requires_capture` → succeeded (a Setup Flow: with the saved payment method's id);
 * - `requires_action` → the 3-D Secure step did not finish (the shopper came back without it);
 * - `processing` → processing; `requires_payment_method` / `requires_confirmation` with a last error →
 *   failed by its code, without one → canceled (nothing was paid); `canceled` → canceled.
 */
export function mapPayjpFlow(
  flow: ({ readonly kind: 'payment' } & PayjpPaymentFlow) | ({ readonly kind: 'setup' } & PayjpSetupFlow),
  card: { brand?: string; last4?: string } = {},
): Outcome {
  const lastError = flow.kind === 'payment' ? flow.last_payment_error : flow.last_setup_error;
  switch (flow.status) {
    case 'succeeded':
    case 'requires_capture': {
      const paymentMethodId = flow.kind === 'setup' ? (flow.payment_method_id ?? flow.payment_method ?? undefined) : undefined;
      return {
        status: 'succeeded',
        method: 'card',
        paymentId: flow.id,
        ...card,
        ...(paymentMethodId ? { paymentMethodId } : {}),
      };
    }
    case 'requires_action':
      return failed('authentication', 'authentication_canceled', true, { providerCode: 'requires_action' });
    case 'processing':
      return { status: 'processing', method: 'card', reference: flow.id };
    case 'requires_payment_method':
    case 'requires_confirmation':
      return lastError ? lastErrorOf(lastError) : { status: 'canceled' };
    case 'canceled':
      return { status: 'canceled' };
  }
}
