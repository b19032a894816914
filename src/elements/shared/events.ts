import type { PaymentMethod } from '../../core/protocol.ts';
import type { ErrorCode } from '../../core/errors.ts';
import type { Slip } from '../../core/slip.ts';

/**
 * The `kessai-*` events (README.md "Elements"). Each is a typed `Event` subclass, `bubbles` and
 * `composed`; details carry no card data: brand, last four and completeness at most.
 */

export interface ReadyDetail {
  readonly methods: readonly PaymentMethod[];
  readonly amount: number;
  readonly currency: string;
  /** The fee the shopper pays on top for a method, where the provider tells it before paying (KOMOJU konbini: 190). */
  readonly fees?: Readonly<Partial<Record<PaymentMethod, number>>>;
}

export interface ChangeDetail {
  readonly method: PaymentMethod;
  /** Every required field is filled and valid. */
  readonly complete: boolean;
  /** No field has anything in it. */
  readonly empty: boolean;
  /** Card brand as detected while typing (`visa`, `mastercard`, `jcb`, `amex`, `diners`, `discover`). */
  readonly brand?: string;
  /** What the shopper pays with this method, when the fields know the order (in a checkout, always). */
  readonly total?: Total;
}

/**
 * The total of one method: `amount` is what the shopper pays, the fee included, in minor units of
 * `currency`; `fee` the part of it the provider adds for the method (KOMOJU konbini: 190), when it does.
 */
export interface Total {
  readonly amount: number;
  readonly currency: string;
  readonly fee?: number;
}

export interface SubmitDetail {
  readonly method: PaymentMethod;
}

export interface RedirectDetail {
  /** Where the shopper is about to be sent (3-D Secure, a provider page). */
  readonly url: string;
  /** `get` navigates; `post` submits a form with the provider's payload. */
  readonly method: 'get' | 'post';
}

export interface SuccessDetail {
  readonly method: PaymentMethod;
  readonly paymentId?: string;
  /** Setup mode: the saved card's id at the provider, for the merchant's server. */
  readonly paymentMethodId?: string;
  readonly brand?: string;
  readonly last4?: string;
}

export interface PendingDetail {
  readonly method: 'konbini';
  readonly slip: Slip;
}

export interface ErrorDetail {
  readonly code: ErrorCode;
  /** Localized, plain text. */
  readonly message: string;
  readonly retryable: boolean;
}

abstract class KessaiEvent<T> extends Event {
  readonly detail: T;
  constructor(type: string, detail: T, cancelable = false) {
    super(type, { bubbles: true, composed: true, cancelable });
    this.detail = Object.freeze({ ...detail });
  }
}

export class KessaiReadyEvent extends KessaiEvent<ReadyDetail> {
  constructor(detail: ReadyDetail) {
    super('kessai-ready', detail);
  }
}
export class KessaiChangeEvent extends KessaiEvent<ChangeDetail> {
  constructor(detail: ChangeDetail) {
    super('kessai-change', detail);
  }
}
export class KessaiSubmitEvent extends KessaiEvent<SubmitDetail> {
  constructor(detail: SubmitDetail) {
    super('kessai-submit', detail);
  }
}
/** Cancelable: `preventDefault()` stops the element's own navigation so the page can redirect itself. */
export class KessaiRedirectEvent extends KessaiEvent<RedirectDetail> {
  constructor(detail: RedirectDetail) {
    super('kessai-redirect', detail, true);
  }
}
export class KessaiSuccessEvent extends KessaiEvent<SuccessDetail> {
  constructor(detail: SuccessDetail) {
    super('kessai-success', detail);
  }
}
export class KessaiPendingEvent extends KessaiEvent<PendingDetail> {
  constructor(detail: PendingDetail) {
    super('kessai-pending', detail);
  }
}
export class KessaiErrorEvent extends KessaiEvent<ErrorDetail> {
  constructor(detail: ErrorDetail) {
    super('kessai-error', detail);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'kessai-ready': KessaiReadyEvent;
    'kessai-change': KessaiChangeEvent;
    'kessai-submit': KessaiSubmitEvent;
    'kessai-redirect': KessaiRedirectEvent;
    'kessai-success': KessaiSuccessEvent;
    'kessai-pending': KessaiPendingEvent;
    'kessai-error': KessaiErrorEvent;
  }
}
