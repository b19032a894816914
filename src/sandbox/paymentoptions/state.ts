import { RequestLog, type RecordedApiCall } from '../shared/request-log.ts';
import type { CardNetwork } from '../shared/card-number.ts';

/** One answered API call, as `inspect.requests()` shows it. */
export interface PaymentOptionsRecordedRequest extends RecordedApiCall {
  /** Whether the call carried the right credentials. */
  readonly authenticated: boolean;
}

/** `return_url` as the merchant sent it. */
export interface ReturnUrls {
  readonly webhook_url: string;
  readonly success_url: string;
  readonly decline_url: string;
  readonly cancel_url: string | null;
}

/** A card as the emulator holds it (the number never leaves the emulator). */
export interface CardRecord {
  readonly number: string;
  readonly expMonth: string;
  readonly expYear: string;
  readonly name: string;
  readonly network: CardNetwork | null;
}

export interface StoredCardRecord extends CardRecord {
  readonly id: string;
  readonly createdAt: Date;
}

/** `pending_3ds`: waiting for the shopper on the 3-D Secure page; then `success` or `declined`. */
export type TransactionStatus = 'pending_3ds' | 'success' | 'declined';

/** Where a transaction came from. */
export type TransactionSource = 'payment' | 'paymentv2' | 'hpp';

export interface TransactionRecord {
  readonly id: string;
  readonly ref: number;
  readonly source: TransactionSource;
  readonly amount: number;
  readonly currency: string;
  readonly merchantTxnRef: string;
  readonly customerIp: string | null;
  readonly returnUrl: ReturnUrls;
  readonly billing: Record<string, unknown> | null;
  readonly shipping: Record<string, unknown> | null;
  readonly browserInfo: Record<string, unknown> | null;
  readonly card: CardRecord;
  /** The stored card it was paid with, or the card stored by it. */
  storedPaymentMethodId: string | null;
  /** Whether the card is to be stored once the payment succeeds. */
  readonly storeCard: boolean;
  readonly linkId: string | null;
  status: TransactionStatus;
  responseCode: number;
  authCode: string | null;
  readonly createdAt: Date;
  /** The 3-D Secure challenge's token, while or after it was asked. */
  challengeId: string | null;
}

/** `ACTIVE` until the shopper pays, is declined or cancels. */
export type LinkStatus = 'ACTIVE' | 'PAID' | 'DECLINED' | 'CANCELLED';

export interface LinkRecord {
  readonly id: string;
  /** The capability in the hosted page's URL (`/jp/HostedPaymentPage/{slug}`). */
  readonly slug: string;
  /** Null: the shopper enters the amount on the page (the manual: "If passed null, cardholder need to enter amount manually"). */
  readonly amount: number | null;
  readonly currency: string;
  readonly merchantTxnRef: string;
  readonly merchantEmail: string | null;
  readonly returnUrl: ReturnUrls;
  readonly billing: Record<string, unknown> | null;
  readonly shipping: Record<string, unknown> | null;
  /** `payment_method` as sent (`{ type: "scheme", store_payment_method: true }`), or null. */
  readonly paymentMethod: Record<string, unknown> | null;
  readonly storePaymentMethod: boolean;
  status: LinkStatus;
  transactionId: string | null;
  readonly createdAt: Date;
}

/** Everything the emulator remembers. */
export class PaymentOptionsState {
  readonly links = new Map<string, LinkRecord>();
  readonly linksBySlug = new Map<string, LinkRecord>();
  readonly transactions = new Map<string, TransactionRecord>();
  readonly storedCards = new Map<string, StoredCardRecord>();
  /** Challenge token → transaction id. */
  readonly challenges = new Map<string, string>();
  readonly requests = new RequestLog<PaymentOptionsRecordedRequest>();
  private nextRef = 70_001;

  ref(): number {
    return this.nextRef++;
  }

  reset(): void {
    this.links.clear();
    this.linksBySlug.clear();
    this.transactions.clear();
    this.storedCards.clear();
    this.challenges.clear();
    this.requests.clear();
  }
}
