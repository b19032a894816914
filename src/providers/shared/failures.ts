import { failed, type FailedOutcome, type PaymentError } from '../../core/errors.ts';

export { failed, type FailedOutcome } from '../../core/errors.ts';

/** What a failure may carry beside its code and reason, for support and for the field at fault. */
export type FailureDetails = Partial<Pick<PaymentError, 'providerCode' | 'providerMessage' | 'field'>>;

/** The provider answered something we cannot read (not JSON, or not the documented shape). */
export function unexpectedResponse(providerCode?: string): FailedOutcome {
  return failed('provider', 'unexpected_response', true, providerCode ? { providerCode } : {});
}

/** Whether a factory gave its object (a client) or the failure that stops the attempt. */
export function isFailedOutcome<T extends object>(value: T | FailedOutcome): value is FailedOutcome {
  return 'status' in value && value.status === 'failed';
}
