import { EmulatorApiError } from '../shared/api-answer.ts';

/**
 * KOMOJU's error bodies (docs/providers.md, "KOMOJU"): `{"error": {"code", "message", "param", "details"}}`.
 * Route code throws `KomojuApiError`; the dispatcher turns it into the answer. Messages follow the ones
 * KOMOJU prints where known, else a plain English sentence.
 */

export interface KomojuErrorObject {
  readonly code: string;
  readonly message: string;
  readonly param: string | null;
  readonly details: Readonly<Record<string, unknown>> | null;
}

const MESSAGES: Readonly<Record<string, string>> = {
  bad_request: 'The request could not be understood by the server.',
  unauthorized: 'User authorization failed',
  forbidden: 'You are not authorized to perform that action',
  not_found: 'The requested resource could not be found but may be available again in the future',
  unprocessable_entity: 'The request was well-formed but was unable to be followed due to semantic errors.',
  internal_server_error:
    "Something went wrong on our side. We're automatically notified of these and try to fix them ASAP",
  bad_gateway: 'We are unable to process your request due to an invalid response from the upstream server.',
  // card results (test cards, scenarios)
  insufficient_funds: 'Insufficient funds.',
  exceeded_limit: 'The card has exceeded its limit.',
  exceeds_limit: 'Exceeds card limit',
  bad_verification_value: 'The security code you have entered is incorrect.',
  card_expired: 'Your card has expired.',
  card_declined: 'Your card has been declined.',
  invalid_number: 'The number you requested is invalid.',
  unsupported_card_brand: 'This card brand is not supported.',
  three_d_secure_failed: '3D Secure authentication failed.',
  three_d_secure_required: '3D Secure authentication has not been completed.',
  invalid_token: 'The token is invalid or has already been used.',
};

/** KOMOJU's message for a code, or a sentence naming the code (scenario codes we do not know). */
export function messageFor(code: string): string {
  return MESSAGES[code] ?? `The payment failed (${code}).`;
}

export function errorObject(
  code: string,
  options: { message?: string; param?: string | null; details?: Record<string, unknown> | null } = {},
): KomojuErrorObject {
  return {
    code,
    message: options.message ?? messageFor(code),
    param: options.param ?? null,
    details: options.details ?? null,
  };
}

/** An error answer: thrown by routes, answered with `status` and KOMOJU's error body. */
export class KomojuApiError extends EmulatorApiError {
  declare readonly body: { readonly error: KomojuErrorObject };
  constructor(status: number, code: string, options: { message?: string; param?: string | null } = {}) {
    const error = errorObject(code, options);
    super(status, { error }, error.message);
    this.name = 'KomojuApiError';
  }
}

/** 422 `missing_parameter` for `param` (`payment_details[email]`). */
export function missingParameter(param: string): KomojuApiError {
  return new KomojuApiError(422, 'missing_parameter', {
    param,
    message: `A required parameter (${param}) is missing`,
  });
}

/** 422 `invalid_parameter` for `param`, with an optional reason. */
export function invalidParameter(param: string, reason?: string): KomojuApiError {
  return new KomojuApiError(422, 'invalid_parameter', {
    param,
    message: `The value of ${param} is invalid.${reason ? ` ${reason}` : ''}`,
  });
}

export function notFound(): KomojuApiError {
  return new KomojuApiError(404, 'not_found');
}

/** KOMOJU error codes: lowercase snake case (what `Komoju-Scenario` may carry). */
export function isErrorCode(value: string): boolean {
  return /^[a-z][a-z0-9_]{0,63}$/.test(value);
}
