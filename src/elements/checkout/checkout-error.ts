import type { ErrorCode } from '../../core/errors.ts';
import { KessaiErrorEvent } from '../shared/events.ts';

/** Dispatches `kessai-error` (the checkout's `CheckoutEvents.error`, and its failure to load the flow). */
export function emitError(target: EventTarget, code: ErrorCode, message: string, retryable: boolean): void {
  target.dispatchEvent(new KessaiErrorEvent({ code, message, retryable }));
}
