import type { ErrorCode } from '../../core/errors.ts';
import type { PaymentMethod } from '../../core/names.ts';
import type { ClientSession } from '../../core/protocol.ts';
import type { Slip } from '../../core/slip.ts';
import { emitError } from './checkout-error.ts';
import {
  KessaiPendingEvent,
  KessaiReadyEvent,
  KessaiRedirectEvent,
  KessaiSubmitEvent,
  KessaiSuccessEvent,
  type RedirectDetail,
  type SuccessDetail,
} from '../shared/events.ts';

/**
 * The one place where `<kessai-checkout>` dispatches each of its `kessai-*` events (the fields fire
 * `kessai-change` themselves). Details are built here, field by field, so nothing else reaches a page.
 * It loads with the flow (no payment event can happen before it); only `kessai-error` is needed
 * earlier, when the flow itself cannot be loaded: `emitError` is in `kessai.js`.
 */
export class CheckoutEvents {
  constructor(private readonly target: EventTarget) {}

  ready(session: ClientSession): void {
    this.target.dispatchEvent(
      new KessaiReadyEvent({
        methods: [...session.methods],
        amount: session.amount,
        currency: session.currency,
        ...(session.fees ? { fees: { ...session.fees } } : {}),
      }),
    );
  }

  submitted(method: PaymentMethod): void {
    this.target.dispatchEvent(new KessaiSubmitEvent({ method }));
  }

  /** Returns false when the page called `preventDefault()` to redirect by itself. */
  redirect(detail: RedirectDetail): boolean {
    return this.target.dispatchEvent(new KessaiRedirectEvent({ url: detail.url, method: detail.method }));
  }

  succeeded(done: SuccessDetail): void {
    this.target.dispatchEvent(
      new KessaiSuccessEvent({
        method: done.method,
        ...(done.paymentId !== undefined ? { paymentId: done.paymentId } : {}),
        ...(done.paymentMethodId !== undefined ? { paymentMethodId: done.paymentMethodId } : {}),
        ...(done.brand !== undefined ? { brand: done.brand } : {}),
        ...(done.last4 !== undefined ? { last4: done.last4 } : {}),
      }),
    );
  }

  pending(slip: Slip): void {
    this.target.dispatchEvent(new KessaiPendingEvent({ method: 'konbini', slip }));
  }

  error(code: ErrorCode, message: string, retryable: boolean): void {
    emitError(this.target, code, message, retryable);
  }
}
