import type { ErrorCode, FailureReason } from '../../core/errors.ts';
import { failed, type FailedOutcome } from './failures.ts';

/** How one provider error (a code, or an HTTP status) becomes a failure. */
export interface ErrorRule {
  readonly code: ErrorCode;
  readonly reason: FailureReason;
  readonly retryable: boolean;
  /** The input the shopper typed that is at fault. */
  readonly field?: string;
}

export const rule = (
  code: ErrorCode,
  reason: FailureReason,
  retryable: boolean,
  field?: string,
): ErrorRule => (field ? { code, reason, retryable, field } : { code, reason, retryable });

/**
 * When the provider gives no code we know, the HTTP status decides: 401/403 the merchant's setup,
 * 404 a session that is gone, 429 too many attempts, 5xx an outage, anything else a processing error.
 */
export function ruleForHttpStatus(httpStatus: number | undefined): ErrorRule {
  if (httpStatus === undefined) return rule('provider', 'processing_error', true);
  if (httpStatus === 401 || httpStatus === 403) return rule('configuration', 'configuration_error', false);
  if (httpStatus === 404) return rule('configuration', 'session_expired', false);
  if (httpStatus === 429) return rule('provider', 'too_many_attempts', true);
  if (httpStatus >= 500) return rule('provider', 'provider_unavailable', true);
  return rule('provider', 'processing_error', true);
}

/** An HTTP error whose body is not the provider's error object: `providerCode` is `http_<status>`. */
export function failedForHttpStatus(httpStatus: number): FailedOutcome {
  const r = ruleForHttpStatus(httpStatus);
  return failed(r.code, r.reason, r.retryable, { providerCode: `http_${httpStatus}` });
}
