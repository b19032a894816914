import type { FailureReason } from '../../core/errors.ts';
import type { Outcome } from '../../core/outcome.ts';
import type { PaymentMethod } from '../../core/protocol.ts';
import { safeUrl } from '../../core/safe-url.ts';
import { slipSchema, type Slip } from '../../core/slip.ts';
import { failed, unexpectedResponse, type FailedOutcome, type FailureDetails } from '../shared/failures.ts';
import { fieldPathLeaf } from '../shared/field-path.ts';
import { failedForHttpStatus, rule, ruleForHttpStatus, type ErrorRule } from '../shared/http-status.ts';
import { redirectOutcome } from '../shared/redirect-outcome.ts';
import type {
  KomojuErrorValue,
  KomojuPayResponse,
  KomojuPayment,
  KomojuSession,
} from './schemas.ts';
import { brandFromKomoju, methodFromKomojuType, storeFromKomoju } from './stores.ts';

/**
 * KOMOJU's answers onto the normalized `Outcome` (docs/providers.md
 * "KOMOJU › Statuses and our Outcome"). Pure: shared by the browser adapter and the server's `status`
 * action.
 *
 * `retryable` means: the shopper may submit again in this same session (another card, corrected
 * input, a second try after an outage). It is false when the session is over or the merchant's setup
 * must change first.
 */

export interface KomojuMapOptions {
  /** Origins trusted for redirects and slip links beside `https:` (the sandbox: origin of apiBase). */
  readonly trustedOrigins?: readonly string[];
  /** The method the attempt used, for answers that do not say (a pay response without a payment). */
  readonly method?: PaymentMethod;
}

/**
 * KOMOJU error codes (doc.komoju.com/docs/errors and the codes its SDKs and plugins name). The code
 * decides, not the HTTP status: KOMOJU reports card declines with HTTP 502 (`bad_gateway` family).
 */
const ERROR_TABLE: Readonly<Record<string, ErrorRule>> = {
  // card declines
  insufficient_funds: rule('declined', 'insufficient_funds', true),
  exceeds_limit: rule('declined', 'over_limit', true),
  exceeded_limit: rule('declined', 'over_limit', true),
  bad_verification_value: rule('validation', 'incorrect_cvc', true, 'cvc'),
  card_expired: rule('declined', 'expired_card', true, 'expiry'),
  card_declined: rule('declined', 'card_declined', true),
  invalid_number: rule('validation', 'incorrect_number', true, 'number'),
  other_invalid: rule('declined', 'invalid_card', true),
  invalid_account: rule('declined', 'invalid_card', true),
  used_number: rule('declined', 'invalid_card', true),
  invalid_password: rule('declined', 'card_declined', true),
  restricted_account: rule('declined', 'contact_issuer', true),
  fraudulent: rule('declined', 'card_declined', true),
  unsupported_card_brand: rule('declined', 'card_not_supported', true, 'number'),
  // 3-D Secure
  three_d_secure_failed: rule('authentication', 'authentication_failed', true),
  failed_3ds: rule('authentication', 'authentication_failed', true),
  // the merchant's setup
  unauthorized: rule('configuration', 'configuration_error', false),
  forbidden: rule('configuration', 'configuration_error', false),
  invalid_payment_type: rule('configuration', 'method_unavailable', false),
  invalid_currency: rule('configuration', 'configuration_error', false),
  not_found: rule('configuration', 'session_expired', false),
  // input
  bad_request: rule('validation', 'invalid_input', true),
  unprocessable_entity: rule('validation', 'invalid_input', true),
  // KOMOJU itself or its upstream processors
  internal_server_error: rule('provider', 'provider_unavailable', true),
  bad_gateway: rule('provider', 'provider_unavailable', true),
  gateway_timeout: rule('provider', 'provider_unavailable', true),
  service_unavailable: rule('provider', 'provider_unavailable', true),
  request_failed: rule('provider', 'provider_unavailable', true),
  other_error: rule('provider', 'processing_error', true),
  invalid_token: rule('provider', 'processing_error', true),
  too_many_requests: rule('provider', 'too_many_attempts', true),
};

/** `param` of `invalid_parameter` / `missing_parameter` → the field the shopper typed, and why. */
const PARAM_TABLE: Readonly<Record<string, { field: string; reason: FailureReason }>> = {
  number: { field: 'number', reason: 'incorrect_number' },
  verification_value: { field: 'cvc', reason: 'incorrect_cvc' },
  month: { field: 'expiry', reason: 'incorrect_expiry' },
  year: { field: 'expiry', reason: 'incorrect_expiry' },
  name: { field: 'name', reason: 'invalid_input' },
  given_name: { field: 'name', reason: 'invalid_input' },
  family_name: { field: 'name', reason: 'invalid_input' },
  email: { field: 'email', reason: 'invalid_email' },
  phone: { field: 'phone', reason: 'invalid_phone' },
  store: { field: 'store', reason: 'store_unavailable' },
};

/**
 * A KOMOJU error (the `error` of an error body or of a pay response) → a failed outcome that keeps
 * KOMOJU's own code and message for support.
 */
export function mapKomojuError(error: KomojuErrorValue, httpStatus?: number): FailedOutcome {
  if (typeof error === 'string') {
    const base = ruleForHttpStatus(httpStatus);
    return failed(base.code, base.reason, base.retryable, error ? { providerMessage: error } : {});
  }
  const providerCode = error.code ?? undefined;
  const extra: FailureDetails = {};
  if (providerCode) extra.providerCode = providerCode;
  if (error.message) extra.providerMessage = error.message;

  if (providerCode === 'invalid_parameter' || providerCode === 'missing_parameter') {
    const param = error.param ? PARAM_TABLE[fieldPathLeaf(error.param)] : undefined;
    if (param) return failed('validation', param.reason, true, { ...extra, field: param.field });
    // A parameter the shopper never typed (amount, currency, return_url): the integration is wrong.
    if (error.param) return failed('configuration', 'configuration_error', false, extra);
    return failed('validation', 'invalid_input', true, extra);
  }

  let found = providerCode ? ERROR_TABLE[providerCode] : undefined;
  if (!found && providerCode && /three_d_secure|3ds|secure_token|authenticat/i.test(providerCode)) {
    found = rule('authentication', 'authentication_failed', true);
  }
  const chosen = found ?? ruleForHttpStatus(httpStatus);
  const field = chosen.field ?? (error.param ? PARAM_TABLE[fieldPathLeaf(error.param)]?.field : undefined);
  return failed(chosen.code, chosen.reason, chosen.retryable, field ? { ...extra, field } : extra);
}

/** An HTTP error whose body is not a KOMOJU error object. */
export function mapKomojuHttpStatus(httpStatus: number): FailedOutcome {
  return failedForHttpStatus(httpStatus);
}

/**
 * The konbini slip of a payment: store slug → our id, `receipt` → payment number, `confirmation_code`,
 * `total` (amount + tax + fee, what is paid at the register), `payment_deadline`, `instructions_url`.
 */
export function konbiniSlipFromPayment(
  payment: KomojuPayment,
  trustedOrigins: readonly string[] = [],
): Slip | undefined {
  const details = payment.payment_details;
  if (!details || details.type !== 'konbini') return undefined;
  const store = details.store ? storeFromKomoju(details.store) : undefined;
  if (!store || !details.receipt || !payment.payment_deadline) return undefined;
  const slipUrl = details.instructions_url
    ? safeUrl(details.instructions_url, trustedOrigins)?.href
    : undefined;
  const candidate: Slip = {
    store,
    paymentNumber: details.receipt,
    amount: payment.total ?? payment.amount,
    currency: payment.currency.toUpperCase(),
    expiresAt: payment.payment_deadline,
    ...(details.confirmation_code ? { confirmationNumber: details.confirmation_code } : {}),
    ...(slipUrl ? { slipUrl } : {}),
  };
  const parsed = slipSchema.safeParse(candidate);
  return parsed.success ? parsed.data : undefined;
}

function succeeded(method: PaymentMethod, payment: KomojuPayment): Outcome {
  const details = payment.payment_details;
  return {
    status: 'succeeded',
    method,
    paymentId: payment.id,
    ...(method === 'card' && details?.brand ? { brand: brandFromKomoju(details.brand) } : {}),
    ...(method === 'card' && details?.last_four_digits ? { last4: details.last_four_digits } : {}),
  };
}

function awaitingPayment(payment: KomojuPayment, trustedOrigins: readonly string[]): Outcome {
  const slip = konbiniSlipFromPayment(payment, trustedOrigins);
  return slip ? { status: 'awaiting_payment', method: 'konbini', slip } : unexpectedResponse('konbini_slip');
}

/**
 * A Payment by its status:
 * - `captured` → succeeded (konbini: paid at the store); `authorized` → succeeded for a card (manual
 *   capture), awaiting_payment with the slip for konbini (waiting for cash);
 * - `pending` → awaiting_payment for a konbini payment that already has its receipt (older API
 *   versions), processing otherwise;
 * - `cancelled` / `refunded` → canceled; `expired` → failed payment_expired; `failed` → failed declined.
 */
export function mapKomojuPayment(payment: KomojuPayment, options: KomojuMapOptions = {}): Outcome {
  const trusted = options.trustedOrigins ?? [];
  const method = methodFromKomojuType(payment.payment_details?.type) ?? options.method;
  switch (payment.status) {
    case 'captured':
      return method ? succeeded(method, payment) : unexpectedResponse('payment_type');
    case 'authorized':
      if (method === 'konbini') return awaitingPayment(payment, trusted);
      return method ? succeeded(method, payment) : unexpectedResponse('payment_type');
    case 'pending':
      if (method === 'konbini' && payment.payment_details?.receipt) {
        return awaitingPayment(payment, trusted);
      }
      return method ? { status: 'processing', method } : unexpectedResponse('payment_type');
    case 'cancelled':
    case 'refunded':
      return { status: 'canceled' };
    case 'expired':
      return failed('declined', 'payment_expired', false, { providerCode: 'expired' });
    case 'failed':
      return failed('declined', 'card_declined', true, { providerCode: 'failed' });
    default:
      return unexpectedResponse(`payment_status_${payment.status}`);
  }
}

/**
 * A Session (after a return with `session_id`, or the server's `status`): its payment decides when
 * there is one; otherwise `cancelled` → canceled, expired → failed session_expired, and a pending
 * session with no payment means the shopper came back without finishing (3-D Secure abandoned).
 */
export function mapKomojuSession(session: KomojuSession, options: KomojuMapOptions = {}): Outcome {
  const payment = session.payment;
  if (payment) {
    const outcome = mapKomojuPayment(payment, options);
    // A session cancelled around a payment that never went through is cancelled.
    if (session.status === 'cancelled' && outcome.status === 'processing') return { status: 'canceled' };
    return outcome;
  }
  switch (session.status) {
    case 'cancelled':
      return { status: 'canceled' };
    case 'expired':
      return failed('provider', 'session_expired', false, { providerCode: 'expired' });
    case 'pending':
      if (session.expired) return failed('provider', 'session_expired', false, { providerCode: 'expired' });
      return failed('authentication', 'authentication_canceled', true);
    case 'completed':
      return options.method ? { status: 'processing', method: options.method } : unexpectedResponse('no_payment');
    default:
      return unexpectedResponse(`session_status_${session.status}`);
  }
}

/**
 * The answer of `POST /sessions/{id}/pay` (docs/providers.md "KOMOJU › Statuses and our Outcome"): an
 * error → failed; `pending` with a redirect_url → requires_action (3-D Secure or an offsite step), the
 * URL checked with `safeUrl`; `completed` → the payment's outcome (konbini: the slip, not KOMOJU's
 * instructions redirect).
 */
export function mapKomojuPayResponse(
  response: KomojuPayResponse,
  options: KomojuMapOptions = {},
): Outcome {
  if (response.error) return mapKomojuError(response.error);
  const method = methodFromKomojuType(response.payment?.payment_details?.type) ?? options.method;
  switch (response.status) {
    case 'error':
      return failed('provider', 'processing_error', true);
    case 'pending': {
      // A konbini payment that already has its receipt is shown as our slip, not KOMOJU's page.
      if (method === 'konbini' && response.payment?.payment_details?.receipt) {
        return mapKomojuPayment(response.payment, options);
      }
      const redirect = response.redirect_url ?? response.payment?.payment_details?.redirect_url;
      if (redirect && method) return redirectOutcome(method, redirect, options.trustedOrigins);
      if (response.payment) return mapKomojuPayment(response.payment, options);
      return method ? { status: 'processing', method } : unexpectedResponse('no_payment');
    }
    case 'completed':
      if (response.payment) return mapKomojuPayment(response.payment, options);
      return method ? { status: 'processing', method } : unexpectedResponse('no_payment');
    default:
      return unexpectedResponse(`pay_status_${response.status}`);
  }
}
