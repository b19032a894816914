import { RequestLog, type RecordedApiCall } from '../shared/request-log.ts';
import type { StripeErrorObject } from './errors.ts';
import type { StripeTestCard } from './test-cards.ts';

/** What the emulator holds: Stripe's objects as records (serialized by `serialize.ts`). */

export type PaymentIntentStatus =
  | 'requires_payment_method'
  | 'requires_confirmation'
  | 'requires_action'
  | 'processing'
  | 'requires_capture'
  | 'canceled'
  | 'succeeded';

export type SetupIntentStatus = Exclude<PaymentIntentStatus, 'requires_capture'>;

export type Metadata = Record<string, string>;

export interface CustomerRecord {
  readonly id: string;
  readonly created: number;
  email: string | null;
  name: string | null;
  description: string | null;
  phone: string | null;
  metadata: Metadata;
}

export interface BillingDetails {
  address: {
    city: string | null;
    country: string | null;
    line1: string | null;
    line2: string | null;
    postal_code: string | null;
    state: string | null;
  };
  email: string | null;
  name: string | null;
  phone: string | null;
}

export interface CardDetails {
  readonly brand: string;
  readonly last4: string;
  readonly exp_month: number;
  readonly exp_year: number;
  readonly funding: 'credit';
  readonly country: string;
  /** A fingerprint of the number (the same card, the same fingerprint); never the number. */
  readonly fingerprint: string;
  /** What the test card does. */
  readonly behaviour: StripeTestCard;
}

export interface PaymentMethodRecord {
  readonly id: string;
  readonly created: number;
  readonly type: 'card' | 'konbini';
  readonly card: CardDetails | null;
  billing_details: BillingDetails;
  customer: string | null;
  metadata: Metadata;
  /** Set up for off-session use with authentication (a SetupIntent, or `setup_future_usage`). */
  setUp: boolean;
}

/** A 3-D Secure challenge waiting for the shopper's answer on the challenge page. */
export interface ChallengeRecord {
  readonly id: string;
  readonly intent: { readonly kind: 'payment_intent' | 'setup_intent'; readonly id: string };
  /** Where the page sends the shopper after the answer (the confirm's `return_url`), or null (a modal). */
  readonly returnUrl: string | null;
  answer: 'complete' | 'fail' | null;
}

export interface KonbiniVoucher {
  readonly id: string;
  readonly expiresAt: number;
  readonly stores: Record<'familymart' | 'lawson' | 'ministop' | 'seicomart', { payment_code: string; confirmation_number: string }>;
  /** Answered on the voucher page: paid, expired (past its deadline or the sandbox button). */
  outcome: 'paid' | 'expired' | null;
}

export interface ChargeRecord {
  readonly id: string;
  readonly created: number;
  readonly amount: number;
  readonly currency: string;
  readonly paymentIntent: string;
  readonly paymentMethod: string;
  readonly customer: string | null;
  status: 'succeeded' | 'pending' | 'failed';
  captured: boolean;
  readonly failure: StripeErrorObject | null;
  readonly details: Record<string, unknown>;
}

export interface PaymentIntentRecord {
  readonly id: string;
  readonly clientSecret: string;
  readonly created: number;
  amount: number;
  currency: string;
  status: PaymentIntentStatus;
  customer: string | null;
  description: string | null;
  metadata: Metadata;
  paymentMethod: string | null;
  paymentMethodTypes: string[];
  /** `allowed_payment_method_types` as given (API 2026-09-30 and later), or null. */
  allowedPaymentMethodTypes: string[] | null;
  automaticPaymentMethods: { enabled: boolean; allow_redirects?: string } | null;
  setupFutureUsage: 'on_session' | 'off_session' | null;
  captureMethod: 'automatic' | 'automatic_async' | 'manual';
  confirmationMethod: 'automatic' | 'manual';
  receiptEmail: string | null;
  paymentMethodOptions: Record<string, Record<string, unknown>>;
  lastPaymentError: StripeErrorObject | null;
  latestCharge: string | null;
  nextAction: Record<string, unknown> | null;
  canceledAt: number | null;
  cancellationReason: string | null;
  amountReceived: number;
  amountCapturable: number;
  /** The confirm's `off_session` (true, `one_off`, `recurring`), for the card's rules. */
  offSession: boolean;
  challenge: ChallengeRecord | null;
  voucher: KonbiniVoucher | null;
}

export interface SetupIntentRecord {
  readonly id: string;
  readonly clientSecret: string;
  readonly created: number;
  status: SetupIntentStatus;
  customer: string | null;
  description: string | null;
  metadata: Metadata;
  paymentMethod: string | null;
  paymentMethodTypes: string[];
  /** `allowed_payment_method_types` as given (API 2026-09-30 and later), or null. */
  allowedPaymentMethodTypes: string[] | null;
  automaticPaymentMethods: { enabled: boolean; allow_redirects?: string } | null;
  usage: 'off_session' | 'on_session';
  lastSetupError: StripeErrorObject | null;
  nextAction: Record<string, unknown> | null;
  cancellationReason: string | null;
  challenge: ChallengeRecord | null;
}

/** A webhook event as Stripe's `Event` object (`evt_…`). */
export interface EventRecord {
  readonly id: string;
  readonly type: string;
  readonly created: number;
  readonly object: unknown;
  readonly requestId: string | null;
  readonly idempotencyKey: string | null;
}

/** One answered API call, with the kind of key that made it. */
export interface StripeRecordedRequest extends RecordedApiCall {
  /** `secret`, `publishable`, or null when the call had no valid key. */
  readonly auth: 'secret' | 'publishable' | null;
}

export class StripeState {
  readonly customers = new Map<string, CustomerRecord>();
  readonly paymentMethods = new Map<string, PaymentMethodRecord>();
  readonly paymentIntents = new Map<string, PaymentIntentRecord>();
  readonly setupIntents = new Map<string, SetupIntentRecord>();
  readonly charges = new Map<string, ChargeRecord>();
  readonly challenges = new Map<string, ChallengeRecord>();
  /** Konbini vouchers by id, with the PaymentIntent they belong to. */
  readonly vouchers = new Map<string, { readonly voucher: KonbiniVoucher; readonly paymentIntent: string }>();
  readonly events: EventRecord[] = [];
  readonly requests = new RequestLog<StripeRecordedRequest>();

  reset(): void {
    this.customers.clear();
    this.paymentMethods.clear();
    this.paymentIntents.clear();
    this.setupIntents.clear();
    this.charges.clear();
    this.challenges.clear();
    this.vouchers.clear();
    this.events.length = 0;
    this.requests.clear();
  }
}
