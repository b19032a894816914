import type { Outcome } from '../../core/outcome.ts';
import type { CallNotOk } from './json-client.ts';

/** What an adapter resolves once its attempt was aborted; the flow drops it as stale. */
export const CANCELED: Outcome = { status: 'canceled' };

/**
 * The outcome of a provider call that gave no data: `canceled` when the attempt was aborted, the
 * client's own failure, or the provider's error object mapped by the provider's table.
 */
export function outcomeOfFailedCall<E>(
  result: CallNotOk<E>,
  mapError: (error: E, httpStatus: number) => Outcome,
): Outcome {
  switch (result.kind) {
    case 'aborted':
      return CANCELED;
    case 'failed':
      return result.outcome;
    case 'error':
      return mapError(result.error, result.httpStatus);
  }
}
