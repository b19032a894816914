import type { KonbiniStore } from '../../core/konbini-stores.ts';
import type { Outcome } from '../../core/outcome.ts';
import type { PaymentMethod } from '../../core/protocol.ts';
import { safeUrl } from '../../core/safe-url.ts';
import { slipSchema, type Slip } from '../../core/slip.ts';
import { failed, unexpectedResponse, type FailedOutcome, type FailureDetails } from '../shared/failures.ts';
import { rule, ruleForHttpStatus, type ErrorRule } from '../shared/http-status.ts';
import { redirectOutcome } from '../shared/redirect-outcome.ts';
import type {
  KonbiniDisplayDetails,
  StripeErrorValue,
  StripeIntent,
  StripePaymentIntent,
} from './schemas.ts';
import { STRIPE_KONBINI_STORES, STRIPE_STORE_KEYS, brandFromStripe } from './stores.ts';

/**
 * Stripe's intents and errors onto the normalized `Outcome` (docs/providers.md "Stripe › Statuses and
 * our Outcome"). Pure: shared by the browser adapter (what Stripe.js resolves with) and the server's
 * `status` (the retrieved intent).
 */

export interface StripeMapOptions {
  /** Origins trusted for redirects and voucher links beside `https:` (the sandbox's). */
  readonly trustedOrigins?: readonly string[];
  /** The method of the attempt, where the intent does not tell it. */
  readonly method?: PaymentMethod;
  /** The konbini chain the shopper chose: which store's numbers the slip shows. */
  readonly store?: KonbiniStore;
}

/**
 * `decline_code`s (docs.stripe.com/declines/codes) first, then `code`s (docs.stripe.com/error-codes):
 * what the shopper can do about it. Anything unlisted falls back on the error's `type`.
 */
const DECLINE_CODES: Readonly<Record<string, ErrorRule>> = {
  insufficient_funds: rule('declined', 'insufficient_funds', true),
  card_velocity_exceeded: rule('declined', 'over_limit', true),
  withdrawal_count_limit_exceeded: rule('declined', 'over_limit', true),
  expired_card: rule('declined', 'expired_card', true, 'expiry'),
  incorrect_cvc: rule('validation', 'incorrect_cvc', true, 'cvc'),
  invalid_cvc: rule('validation', 'incorrect_cvc', true, 'cvc'),
  incorrect_number: rule('validation', 'incorrect_number', true, 'number'),
  invalid_number: rule('validation', 'incorrect_number', true, 'number'),
  invalid_expiry_month: rule('validation', 'incorrect_expiry', true, 'expiry'),
  invalid_expiry_year: rule('validation', 'incorrect_expiry', true, 'expiry'),
  card_not_supported: rule('declined', 'card_not_supported', true),
  currency_not_supported: rule('declined', 'card_not_supported', true),
  call_issuer: rule('declined', 'contact_issuer', true),
  do_not_honor: rule('declined', 'contact_issuer', true),
  issuer_not_available: rule('declined', 'contact_issuer', true),
  try_again_later: rule('declined', 'processing_error', true),
  processing_error: rule('declined', 'processing_error', true),
  authentication_required: rule('authentication', 'authentication_failed', true),
  generic_decline: rule('declined', 'card_declined', true),
  do_not_try_again: rule('declined', 'card_declined', true),
  fraudulent: rule('declined', 'card_declined', true),
  lost_card: rule('declined', 'card_declined', true),
  stolen_card: rule('declined', 'card_declined', true),
  pickup_card: rule('declined', 'card_declined', true),
  restricted_card: rule('declined', 'card_declined', true),
  security_violation: rule('declined', 'card_declined', true),
  transaction_not_allowed: rule('declined', 'card_declined', true),
  not_permitted: rule('declined', 'card_declined', true),
};

const ERROR_CODES: Readonly<Record<string, ErrorRule>> = {
  ...DECLINE_CODES,
  card_declined: rule('declined', 'card_declined', true),
  payment_intent_authentication_failure: rule('authentication', 'authentication_failed', true),
  setup_intent_authentication_failure: rule('authentication', 'authentication_failed', true),
  // Stripe.js's own checks of its fields (validation_error)
  incomplete_number: rule('validation', 'incorrect_number', true, 'number'),
  incomplete_cvc: rule('validation', 'incorrect_cvc', true, 'cvc'),
  incomplete_expiry: rule('validation', 'incorrect_expiry', true, 'expiry'),
  invalid_expiry_year_past: rule('validation', 'incorrect_expiry', true, 'expiry'),
  invalid_expiry_month_past: rule('validation', 'incorrect_expiry', true, 'expiry'),
  email_invalid: rule('validation', 'invalid_email', true, 'email'),
  // a konbini voucher not paid in time: the intent is back to requires_payment_method with this error
  payment_intent_payment_attempt_expired: rule('declined', 'payment_expired', false),
  // the intent cannot take this any more
  payment_intent_unexpected_state: rule('provider', 'session_expired', false),
  setup_intent_unexpected_state: rule('provider', 'session_expired', false),
  resource_missing: rule('configuration', 'session_expired', false),
  payment_method_unactivated: rule('configuration', 'method_unavailable', false),
  payment_intent_konbini_rejected_confirmation_number: rule('validation', 'invalid_phone', true, 'phone'),
  rate_limit: rule('provider', 'too_many_attempts', true),
};

const ERROR_TYPES: Readonly<Record<string, ErrorRule>> = {
  card_error: rule('declined', 'card_declined', true),
  validation_error: rule('validation', 'invalid_input', true),
  invalid_request_error: rule('configuration', 'configuration_error', false),
  api_connection_error: rule('network', 'network_unreachable', true),
  api_error: rule('provider', 'provider_unavailable', true),
  authentication_error: rule('configuration', 'configuration_error', false),
  rate_limit_error: rule('provider', 'too_many_attempts', true),
  idempotency_error: rule('internal', 'internal_error', true),
};

/** A `StripeError` (Stripe.js's `{ error }`, an API error body, an intent's last error) → failed. */
export function mapStripeError(error: StripeErrorValue, httpStatus?: number): FailedOutcome {
  const extra: FailureDetails = {};
  const providerCode = error.decline_code ?? error.code ?? undefined;
  if (providerCode) extra.providerCode = providerCode;
  if (error.message) extra.providerMessage = error.message;
  const chosen =
    (error.decline_code ? DECLINE_CODES[error.decline_code] : undefined) ??
    (error.code ? ERROR_CODES[error.code] : undefined) ??
    ERROR_TYPES[error.type] ??
    ruleForHttpStatus(httpStatus);
  return failed(chosen.code, chosen.reason, chosen.retryable, chosen.field ? { ...extra, field: chosen.field } : extra);
}

/** The slip of a konbini intent for the shopper's chain (or the first Stripe gives numbers for). */
export function konbiniSlipOf(
  intent: StripePaymentIntent,
  details: KonbiniDisplayDetails,
  options: StripeMapOptions,
): Slip | undefined {
  const chains = options.store ? [options.store] : STRIPE_KONBINI_STORES;
  for (const store of chains) {
    const key = STRIPE_STORE_KEYS[store] as keyof KonbiniDisplayDetails['stores'] | undefined;
    const numbers = key ? details.stores[key] : undefined;
    if (!numbers) continue;
    const voucher = details.hosted_voucher_url
      ? safeUrl(details.hosted_voucher_url, options.trustedOrigins ?? [])?.href
      : undefined;
    const parsed = slipSchema.safeParse({
      store,
      paymentNumber: numbers.payment_code,
      ...(numbers.confirmation_number ? { confirmationNumber: numbers.confirmation_number } : {}),
      amount: intent.amount,
      currency: intent.currency.toUpperCase(),
      expiresAt: new Date(details.expires_at * 1000).toISOString(),
      ...(voucher ? { slipUrl: voucher } : {}),
    });
    return parsed.success ? parsed.data : undefined;
  }
  return undefined;
}

/** The card the intent was paid or set up with, where its `payment_method` is expanded. */
function cardOf(intent: StripeIntent): { paymentMethodId?: string; brand?: string; last4?: string } {
  const pm = intent.payment_method;
  if (!pm) return {};
  if (typeof pm === 'string') return { paymentMethodId: pm };
  const brand = brandFromStripe(pm.card?.brand);
  const last4 = pm.card?.last4;
  return {
    paymentMethodId: pm.id,
    ...(brand ? { brand } : {}),
    ...(last4 && /^\d{4}$/.test(last4) ? { last4 } : {}),
  };
}

function methodOf(intent: StripeIntent, options: StripeMapOptions): PaymentMethod {
  const pm = intent.payment_method;
  if (pm && typeof pm !== 'string' && (pm.type === 'konbini' || pm.type === 'card')) return pm.type;
  if (intent.next_action?.type === 'konbini_display_details') return 'konbini';
  if (options.method) return options.method;
  return intent.payment_method_types.length === 1 && intent.payment_method_types[0] === 'konbini' ? 'konbini' : 'card';
}

/**
 * A PaymentIntent or SetupIntent by its status:
 * - `succeeded`, `requires_capture` (a card authorized for manual capture) → succeeded, with the card's
 *   brand and last four where the payment method is expanded; a SetupIntent also gives the saved
 *   payment method's id;
 * - `requires_action`: `redirect_to_url` → our redirect (the intent is the reference for the return);
 *   `konbini_display_details` → awaiting_payment with our slip; anything else (`use_stripe_sdk`, which
 *   only Stripe.js can act on) → an authentication that did not finish;
 * - `processing` → processing; `requires_payment_method` → failed with the last error (a decline, a
 *   failed 3-D Secure), or canceled when nothing was tried; `canceled` → konbini: payment_expired;
 *   otherwise canceled.
 */
export function mapStripeIntent(intent: StripeIntent, options: StripeMapOptions = {}): Outcome {
  const method = methodOf(intent, options);
  const lastError = intent.object === 'payment_intent' ? intent.last_payment_error : intent.last_setup_error;
  switch (intent.status) {
    case 'succeeded':
    case 'requires_capture': {
      const card = method === 'card' ? cardOf(intent) : {};
      const { paymentMethodId, ...shown } = card;
      return {
        status: 'succeeded',
        method,
        paymentId: intent.id,
        ...shown,
        ...(intent.object === 'setup_intent' && paymentMethodId ? { paymentMethodId } : {}),
      };
    }
    case 'requires_action': {
      const next = intent.next_action;
      if (next?.type === 'redirect_to_url' && next.redirect_to_url) {
        const outcome = redirectOutcome(method, next.redirect_to_url.url, options.trustedOrigins);
        return outcome.status === 'requires_action' ? { ...outcome, reference: intent.id } : outcome;
      }
      if (next?.type === 'konbini_display_details' && intent.object === 'payment_intent') {
        const details = next.konbini_display_details;
        const slip = details ? konbiniSlipOf(intent, details, options) : undefined;
        if (slip) return { status: 'awaiting_payment', method: 'konbini', slip };
        return options.store
          ? failed('validation', 'store_unavailable', true, { field: 'store' })
          : unexpectedResponse('konbini_display_details');
      }
      return failed('authentication', 'authentication_canceled', true, next ? { providerCode: next.type } : {});
    }
    case 'processing':
      return { status: 'processing', method, reference: intent.id };
    case 'requires_payment_method':
    case 'requires_confirmation':
      return lastError ? mapStripeError(lastError) : { status: 'canceled' };
    case 'canceled':
      return method === 'konbini' && intent.object === 'payment_intent'
        ? failed('declined', 'payment_expired', false, { providerCode: intent.cancellation_reason ?? 'canceled' })
        : { status: 'canceled' };
  }
}
