import { EmulatorApiError } from '../shared/api-answer.ts';

/**
 * Stripe's error body (docs/providers.md, "Stripe", "Errors"; stripe-node `src/Error.ts` and
 * stripe-js `StripeError`): `{ "error": { type, code?, decline_code?, message, param?, payment_intent?,
 * setup_intent?, payment_method?, doc_url? } }`, with Stripe's HTTP statuses (stripe-node picks its
 * error class by status: 400/404 `StripeInvalidRequestError` (or `StripeIdempotencyError` when `type`
 * is `idempotency_error`), 401 `StripeAuthenticationError`, 402 `StripeCardError`, 403
 * `StripePermissionError`, 429 rate limit, anything else `StripeAPIError`).
 */

export type StripeErrorType = 'api_error' | 'card_error' | 'idempotency_error' | 'invalid_request_error';

export interface StripeErrorObject {
  readonly type: StripeErrorType;
  readonly message: string;
  readonly code?: string;
  readonly decline_code?: string;
  readonly param?: string;
  readonly doc_url?: string;
  readonly payment_intent?: unknown;
  readonly setup_intent?: unknown;
  readonly payment_method?: unknown;
  readonly charge?: string;
}

export class StripeApiError extends EmulatorApiError {
  declare readonly body: { readonly error: StripeErrorObject };
  constructor(status: number, error: StripeErrorObject) {
    super(status, { error }, error.message);
    this.name = 'StripeApiError';
  }
}

/** `https://stripe.com/docs/error-codes/<code>`, as Stripe's error bodies link each code. */
export const docUrl = (code: string): string => `https://stripe.com/docs/error-codes/${code.replace(/_/g, '-')}`;

/** 400 `invalid_request_error`, with a code and a parameter when given. */
export function invalidRequest(message: string, options: { code?: string; param?: string; status?: number } = {}): StripeApiError {
  return new StripeApiError(options.status ?? 400, {
    type: 'invalid_request_error',
    message,
    ...(options.code ? { code: options.code, doc_url: docUrl(options.code) } : {}),
    ...(options.param ? { param: options.param } : {}),
  });
}

/** 400 `parameter_missing`: `Missing required param: <param>.` */
export function missingParam(param: string): StripeApiError {
  return invalidRequest(`Missing required param: ${param}.`, { code: 'parameter_missing', param });
}

/** 400 `parameter_invalid_integer` and the like: a value Stripe would not take. */
export function invalidParam(param: string, message: string, code = 'parameter_invalid_string'): StripeApiError {
  return invalidRequest(message, { code, param });
}

/** 400 `parameter_unknown`: `Received unknown parameter: <param>`. */
export function unknownParam(param: string): StripeApiError {
  return invalidRequest(`Received unknown parameter: ${param}`, { code: 'parameter_unknown', param });
}

/** 404 `resource_missing`: `No such payment_intent: 'pi_…'`. */
export function noSuch(what: string, id: string, param = 'id'): StripeApiError {
  return invalidRequest(`No such ${what}: '${id}'`, { code: 'resource_missing', param, status: 404 });
}

/** 404 for a path Stripe has no route for. */
export function unrecognizedUrl(method: string, path: string): StripeApiError {
  return invalidRequest(
    `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
    { status: 404 },
  );
}

/** 401: no key, or a key this account does not have. */
export function authenticationFailed(message: string): StripeApiError {
  return new StripeApiError(401, { type: 'invalid_request_error', message });
}

export const NO_API_KEY_MESSAGE =
  "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.";

/** The key as Stripe masks it in its 401 message: `sk_test_****1234`. */
export function maskedKey(key: string): string {
  const prefix = /^(sk|pk|rk)_(test|live)_/.exec(key)?.[0] ?? '';
  return `${prefix}${'*'.repeat(Math.max(4, Math.min(24, key.length - prefix.length - 4)))}${key.slice(-4)}`;
}
