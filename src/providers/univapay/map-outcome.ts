import type { FailureReason } from '../../core/errors.ts';
import type { KonbiniStore } from '../../core/konbini-stores.ts';
import type { Outcome } from '../../core/outcome.ts';
import type { PaymentMethod } from '../../core/protocol.ts';
import { safeUrl } from '../../core/safe-url.ts';
import { slipSchema, type Slip } from '../../core/slip.ts';
import { failed, unexpectedResponse, type FailedOutcome, type FailureDetails } from '../shared/failures.ts';
import { fieldPathLeaf } from '../shared/field-path.ts';
import { failedForHttpStatus, rule, ruleForHttpStatus, type ErrorRule } from '../shared/http-status.ts';
import { UNIVAPAY_SLIP_METADATA } from './constants.ts';
import type {
  UnivapayCharge,
  UnivapayChargeError,
  UnivapayErrorBody,
  UnivapayIssuerToken,
} from './schemas.ts';

/**
 * UnivaPay's answers onto the normalized `Outcome` (docs/providers.md
 * "UnivaPay › Statuses and our Outcome"). Pure: the browser adapter maps token errors with it, the
 * server module maps charges with it.
 *
 * Two kinds of failure exist (same section): HTTP errors with an error body (`VALIDATION_ERROR`,
 * `INVALID_DOMAIN`…: the request was refused), and charges that are 2xx with `status: failed` and a
 * numeric `error.code` (the payment was refused). `retryable` means the shopper may submit again in
 * this same attempt (another card, corrected input, a second try after an outage).
 */

const CONFIGURATION = rule('configuration', 'configuration_error', false);
const UNAVAILABLE = rule('provider', 'provider_unavailable', true);
const PROCESSING = rule('provider', 'processing_error', true);

/**
 * HTTP error codes (docs/providers.md "UnivaPay › Statuses and our Outcome"). The code decides; the
 * HTTP status only when the code is unknown.
 */
const HTTP_ERRORS: Readonly<Record<string, ErrorRule>> = {
  // the merchant's setup: app token, domains, secret, permissions
  AUTH_HEADER_MISSING: CONFIGURATION,
  INVALID_APP_TOKEN: CONFIGURATION,
  INVALID_CREDENTIALS: CONFIGURATION,
  INVALID_DOMAIN: CONFIGURATION,
  DIRECT_CARD_TOKEN_CREATION_DISABLED: CONFIGURATION,
  INVALID_PERMISSIONS: CONFIGURATION,
  PROCESSING_MODE_MISMATCH: CONFIGURATION,
  INVALID_TOKEN_TYPE: CONFIGURATION,
  NON_UNIQUE_ACTIVE_TOKEN: CONFIGURATION,
  CONVENIENCE_PROCESSING_DISABLED: rule('configuration', 'method_unavailable', false),
  NOT_SUPPORTED_BY_PROCESSOR: rule('configuration', 'method_unavailable', false),
  // the shopper's card or pace
  NO_TEST_CARD_IN_LIVE_MODE: rule('declined', 'card_not_supported', true, 'number'),
  CARD_LOCKED: rule('declined', 'card_declined', true),
  /**
   * The same amount on the same card within 30 s (docs/providers.md
   * "UnivaPay › Statuses and our Outcome"): wait, then try again.
   */
  CHARGE_TOO_QUICK: rule('declined', 'too_many_attempts', true),
  // the token was used or went stale: a new submit makes a new one
  TRANSACTION_ALREADY_PROCESSED: PROCESSING,
  TRANSACTION_TOKEN_EXPIRED: PROCESSING,
  IDEMPOTENCY_KEY_CONFLICT: PROCESSING,
  // UnivaPay itself
  TOO_MANY_REQUESTS: rule('provider', 'too_many_attempts', true),
  RATE_LIMIT_EXCEEDED: rule('provider', 'too_many_attempts', true),
  UNKNOWN_ERROR: UNAVAILABLE,
  TIMEOUT: UNAVAILABLE,
  SERVICE_UNAVAILABLE_TRY_AGAIN: UNAVAILABLE,
};

/**
 * The `field` of a `VALIDATION_ERROR` (its last segment: `data.card_number`, `phone_number.local_number`)
 * → the input the shopper typed, and why. A field not listed here is one the shopper never typed
 * (amount, currency, redirect_endpoint): the integration is wrong.
 */
const FIELDS: Readonly<Record<string, { readonly field: string; readonly reason: FailureReason }>> = {
  card_number: { field: 'number', reason: 'incorrect_number' },
  cvv: { field: 'cvc', reason: 'incorrect_cvc' },
  exp_month: { field: 'expiry', reason: 'incorrect_expiry' },
  exp_year: { field: 'expiry', reason: 'incorrect_expiry' },
  cardholder: { field: 'name', reason: 'invalid_input' },
  customer_name: { field: 'name', reason: 'invalid_input' },
  email: { field: 'email', reason: 'invalid_email' },
  phone_number: { field: 'phone', reason: 'invalid_phone' },
  local_number: { field: 'phone', reason: 'invalid_phone' },
  country_code: { field: 'phone', reason: 'invalid_phone' },
  convenience_store: { field: 'store', reason: 'store_unavailable' },
};

/**
 * An HTTP error body of UnivaPay → a failed outcome that keeps UnivaPay's code (and, for validation
 * errors, `field: REASON` pairs) for support.
 */
export function mapUnivapayError(body: UnivapayErrorBody, httpStatus?: number): FailedOutcome {
  const errors = (body.errors ?? []).filter((e) => e.field || e.reason);
  const extra: FailureDetails = { providerCode: body.code };
  if (errors.length > 0) {
    extra.providerMessage = errors
      .map((e) => [e.field, e.reason].filter(Boolean).join(': '))
      .join('; ');
  }
  if (body.code === 'VALIDATION_ERROR') {
    for (const error of errors) {
      const known = error.field ? FIELDS[fieldPathLeaf(error.field)] : undefined;
      if (known) return failed('validation', known.reason, true, { ...extra, field: known.field });
    }
    // Only fields the shopper never typed, or none named at all.
    if (errors.some((e) => e.field)) return failed('configuration', 'configuration_error', false, extra);
    return failed('validation', 'invalid_input', true, extra);
  }
  const chosen = HTTP_ERRORS[body.code] ?? ruleForHttpStatus(httpStatus);
  return failed(chosen.code, chosen.reason, chosen.retryable, chosen.field ? { ...extra, field: chosen.field } : extra);
}

/** An HTTP error whose body is not UnivaPay's error object. */
export function mapUnivapayHttpStatus(httpStatus: number): FailedOutcome {
  return failedForHttpStatus(httpStatus);
}

/**
 * The numeric payment error codes of a failed charge (docs/providers.md
 * "UnivaPay › Statuses and our Outcome").
 */
const CHARGE_ERRORS: Readonly<Record<number, ErrorRule>> = {
  301: rule('validation', 'incorrect_number', true, 'number'),
  302: rule('validation', 'incorrect_expiry', true, 'expiry'),
  303: rule('validation', 'incorrect_expiry', true, 'expiry'),
  304: rule('declined', 'expired_card', true, 'expiry'),
  305: rule('validation', 'incorrect_cvc', true, 'cvc'),
  306: rule('declined', 'card_declined', true),
  307: rule('declined', 'invalid_card', true),
  308: rule('declined', 'card_declined', true),
  309: rule('declined', 'card_declined', true),
  310: rule('validation', 'invalid_input', true),
  311: rule('declined', 'too_many_attempts', true),
  313: PROCESSING,
  // Stolen / invalidated: told as a plain decline, as issuers want.
  314: rule('declined', 'card_declined', true),
  315: rule('declined', 'contact_issuer', true),
  316: rule('validation', 'invalid_input', true, 'name'),
  319: rule('declined', 'card_declined', true),
  320: UNAVAILABLE,
  326: rule('declined', 'card_declined', true),
  327: PROCESSING,
  330: rule('declined', 'insufficient_funds', true),
  336: rule('declined', 'over_limit', true),
  337: rule('declined', 'over_limit', true),
  343: UNAVAILABLE,
  344: UNAVAILABLE,
  346: PROCESSING,
  355: rule('declined', 'card_not_supported', true),
  356: rule('authentication', 'authentication_failed', true),
  358: rule('authentication', 'authentication_failed', true),
  359: rule('authentication', 'authentication_failed', true),
  500: UNAVAILABLE,
  501: UNAVAILABLE,
  502: UNAVAILABLE,
};

/**
 * The `error` of a `failed` / `error` charge. Unknown 3xx codes are card declines; anything else is a
 * processing error. A konbini charge that failed without an error passed its deadline
 * (docs/providers.md "UnivaPay › Statuses and our Outcome").
 */
export function mapUnivapayChargeError(
  error: UnivapayChargeError | null | undefined,
  method: PaymentMethod,
  status = 'failed',
): FailedOutcome {
  const numeric = error?.code === null || error?.code === undefined ? NaN : Number(error.code);
  const extra: FailureDetails = {};
  if (Number.isInteger(numeric)) extra.providerCode = String(numeric);
  else extra.providerCode = status;
  if (error?.message) extra.providerMessage = error.message;
  if (!Number.isInteger(numeric)) {
    if (method === 'konbini' && status === 'failed') return failed('declined', 'payment_expired', false, extra);
    return status === 'error' ? failed('provider', 'processing_error', true, extra) : failed('declined', 'card_declined', true, extra);
  }
  const chosen =
    CHARGE_ERRORS[numeric] ??
    (numeric >= 300 && numeric < 400 ? rule('declined', 'card_declined', true) : PROCESSING);
  return failed(chosen.code, chosen.reason, chosen.retryable, chosen.field ? { ...extra, field: chosen.field } : extra);
}

function formValue(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/**
 * The 3-D Secure step of a charge `awaiting` authentication (docs/providers.md
 * "UnivaPay › 3-D Secure: the issuer-token flow", steps 3–4): `http_post` → a form POST of `payload` to
 * `issuer_token`; `http_get` → a redirect with `payload` in the query. The URL must be `https:` or on a
 * trusted origin (the sandbox); anything else is refused, never followed.
 */
export function issuerTokenOutcome(
  issuer: UnivapayIssuerToken,
  trustedOrigins: readonly string[] = [],
): Outcome {
  const url = safeUrl(issuer.issuer_token, trustedOrigins);
  if (!url) return failed('provider', 'unsafe_redirect', false, { providerCode: 'issuer_token' });
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(issuer.payload ?? {})) {
    const text = formValue(value);
    if (text !== undefined) fields[key] = text;
  }
  switch (issuer.call_method) {
    case 'http_post': {
      const type = issuer.content_type?.toLowerCase();
      // A browser form can send only url-encoded bodies (the documented content type) this way.
      if (type && !type.includes('application/x-www-form-urlencoded')) {
        return unexpectedResponse('issuer_content_type');
      }
      return { status: 'requires_action', method: 'card', action: { type: 'post', url: url.href, fields } };
    }
    case 'http_get':
      for (const [key, value] of Object.entries(fields)) url.searchParams.set(key, value);
      return { status: 'requires_action', method: 'card', action: { type: 'redirect', url: url.href } };
    default:
      return unexpectedResponse(`call_method_${issuer.call_method}`);
  }
}

function metadataText(charge: UnivapayCharge, key: string): string | undefined {
  const value = charge.metadata?.[key];
  if (typeof value === 'string' && value.trim()) return value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/**
 * The slip of a konbini charge `awaiting` cash (docs/providers.md
 * "UnivaPay › Statuses and our Outcome"): `internal_convenience_payment_number` → payment number,
 * `internal_convenience_payment_url` (7-Eleven only) → the printable slip, checked with `safeUrl`.
 * UnivaPay's charge does not say the store (the token does) nor, unless the merchant set `capture_at`,
 * the deadline (`expiry/latest` does): the caller passes both in.
 */
export function konbiniSlipFromCharge(
  charge: UnivapayCharge,
  store: KonbiniStore,
  expiresAt: string,
  trustedOrigins: readonly string[] = [],
): Slip | undefined {
  const paymentNumber = metadataText(charge, UNIVAPAY_SLIP_METADATA.paymentNumber);
  if (!paymentNumber) return undefined;
  const rawUrl = metadataText(charge, UNIVAPAY_SLIP_METADATA.slipUrl);
  const slipUrl = rawUrl ? safeUrl(rawUrl, trustedOrigins)?.href : undefined;
  const candidate: Slip = {
    store,
    paymentNumber,
    amount: charge.requested_amount,
    currency: charge.requested_currency.toUpperCase(),
    expiresAt,
    ...(slipUrl ? { slipUrl } : {}),
  };
  const parsed = slipSchema.safeParse(candidate);
  return parsed.success ? parsed.data : undefined;
}

export interface UnivapayChargeMapOptions {
  /** The method of the charge's token. */
  readonly method: PaymentMethod;
  /**
   * `complete`: the charge was just created, so a card `awaiting` is a challenge to start.
   * `status`: the shopper came back, so a card still `awaiting` left the challenge unfinished.
   */
  readonly phase: 'complete' | 'status';
  /** Origins trusted beside `https:` for the challenge and slip URLs (the sandbox's). */
  readonly trustedOrigins?: readonly string[];
  /** For a card `awaiting` in `complete`: the charge's `three_ds/issuer_token`. */
  readonly issuerToken?: UnivapayIssuerToken;
  /** For a konbini `awaiting`: the store of the token and the deadline. */
  readonly konbini?: { readonly store: KonbiniStore; readonly expiresAt: string };
  /** Card brand and last four of the token, when read. */
  readonly card?: { readonly brand?: string; readonly last4?: string };
}

/**
 * A charge by its status (docs/providers.md "UnivaPay › Statuses and our Outcome"): `successful` /
 * `authorized` → succeeded; `pending` → processing; `awaiting` → the 3-D Secure step (card) or the slip
 * (konbini); `failed` / `error` → failed by `error.code`; `canceled` → canceled.
 */
export function mapUnivapayCharge(charge: UnivapayCharge, options: UnivapayChargeMapOptions): Outcome {
  const { method } = options;
  const trusted = options.trustedOrigins ?? [];
  switch (charge.status) {
    case 'successful':
    case 'authorized':
      return {
        status: 'succeeded',
        method,
        paymentId: charge.id,
        ...(method === 'card' && options.card?.brand ? { brand: options.card.brand } : {}),
        ...(method === 'card' && options.card?.last4 ? { last4: options.card.last4 } : {}),
      };
    case 'pending':
      return { status: 'processing', method };
    case 'awaiting':
      if (method === 'konbini') {
        const slip = options.konbini
          ? konbiniSlipFromCharge(charge, options.konbini.store, options.konbini.expiresAt, trusted)
          : undefined;
        return slip ? { status: 'awaiting_payment', method: 'konbini', slip } : unexpectedResponse('konbini_slip');
      }
      if (options.phase === 'status') {
        return failed('authentication', 'authentication_canceled', true, { providerCode: 'awaiting' });
      }
      return options.issuerToken ? issuerTokenOutcome(options.issuerToken, trusted) : unexpectedResponse('issuer_token');
    case 'failed':
    case 'error':
      return mapUnivapayChargeError(charge.error, method, charge.status);
    case 'canceled':
      return { status: 'canceled' };
    default:
      return unexpectedResponse(`charge_status_${charge.status}`);
  }
}
