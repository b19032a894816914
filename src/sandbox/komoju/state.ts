import { RequestLog, type RecordedApiCall } from '../shared/request-log.ts';
import type { KomojuKonbiniStore } from './konbini.ts';
import type { VerificationStatus } from './test-cards.ts';

/**
 * The emulator's memory: sessions, payments, secure tokens, tokens, the request log (the pipeline keeps
 * the idempotent answers). Plain records; the JSON KOMOJU answers is built from them in `serialize.ts`. Card
 * numbers live only in `CardRecord`s (to charge a token later) and never leave this module's owners:
 * the inspection API and every answer show brand and last four digits only.
 */

/** A card as the shopper typed it. Kept in memory only, keyed by its token; never logged. */
export interface CardRecord {
  readonly number: string;
  readonly month: number;
  readonly year: number;
  readonly verificationValue: string | null;
  readonly name: string | null;
  readonly givenName: string | null;
  readonly familyName: string | null;
  readonly email: string | null;
  /** KOMOJU brand slug (`visa`, `master`, …) or `unknown`. */
  readonly brand: string;
  readonly last4: string;
}

export interface KonbiniRecord {
  readonly store: KomojuKonbiniStore;
  readonly email: string;
  readonly phone: string | null;
  readonly name: string | null;
  readonly givenName: string | null;
  readonly familyName: string | null;
  readonly expiryDays: number | null;
}

export type SessionStatus = 'pending' | 'completed' | 'cancelled';

/** `payment` (the default), `customer` (the card is stored, no payment) or `customer_payment` (both). */
export type SessionMode = 'payment' | 'customer' | 'customer_payment';

export interface SessionRecord {
  readonly id: string;
  readonly mode: SessionMode;
  /** The customer a `customer` / `customer_payment` session stores the card on (made with the session). */
  readonly customerId: string | null;
  readonly createdAt: Date;
  readonly expiresAt: Date;
  readonly amount: number;
  readonly currency: string;
  /** As the merchant sent it (echoed unchanged, like KOMOJU). */
  readonly returnUrl: string | null;
  readonly email: string | null;
  readonly defaultLocale: string;
  readonly paymentTypes: readonly string[];
  readonly konbiniStores: readonly KomojuKonbiniStore[];
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly lineItems: readonly unknown[];
  readonly paymentData: Readonly<Record<string, unknown>>;
  readonly capture: 'auto' | 'manual';
  readonly sessionUrl: string;
  /** `Komoju-Scenario` sent on create: every pay of this session fails with it. */
  readonly scenario: string | null;
  status: SessionStatus;
  completedAt: Date | null;
  cancelledAt: Date | null;
  /** The latest payment (the one `session.payment` shows). */
  paymentId: string | null;
}

export type PaymentStatus =
  | 'pending'
  | 'authorized'
  | 'captured'
  | 'cancelled'
  | 'expired'
  | 'refunded'
  | 'failed';

export type PaymentSource =
  | { readonly type: 'credit_card'; readonly card: CardRecord; readonly via: 'details' | 'secure_token' | 'token' }
  | {
      readonly type: 'konbini';
      readonly konbini: KonbiniRecord;
      readonly receipt: string;
      readonly confirmationCode: string | null;
      readonly instructionsUrl: string;
    };

export interface PaymentRecord {
  readonly id: string;
  readonly sessionId: string | null;
  readonly createdAt: Date;
  readonly amount: number;
  readonly tax: number;
  readonly fee: number;
  readonly currency: string;
  readonly capture: 'auto' | 'manual';
  readonly source: PaymentSource;
  readonly deadline: string | null;
  readonly externalOrderNum: string | null;
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly locale: string;
  /** The error of a failed payment. */
  readonly failure: { readonly code: string; readonly message: string } | null;
  /** The 3-D Secure page of a `pending` card payment paid with its details. */
  readonly authenticationUrl: string | null;
  /** The secure token or token that paid it. */
  readonly tokenId: string | null;
  /** The customer whose saved card paid it (`customer`, or a secure token made from one). */
  readonly customerId?: string | null;
  status: PaymentStatus;
  capturedAt: Date | null;
  updatedAt: Date;
}

export interface SecureTokenRecord {
  readonly id: string;
  readonly createdAt: Date;
  readonly amount: number;
  readonly currency: string;
  readonly returnUrl: string;
  readonly card: CardRecord;
  /** The challenge page, for `NEEDS_VERIFY` tokens. */
  readonly authenticationUrl: string | null;
  status: VerificationStatus;
  /** `three_ds_auth_result` once authenticated. */
  authResult: Readonly<Record<string, string>> | null;
  /** The payment it paid (a token pays once). */
  paymentId: string | null;
  /** The customer whose saved card it was made from (`customer` instead of `payment_details`). */
  readonly customerId: string | null;
}

/**
 * A Customer (docs/providers.md "KOMOJU › Customers and saved cards"): one saved payment source, the
 * card kept in memory to be charged later; answers show brand, last four and expiry only.
 */
export interface CustomerRecord {
  readonly id: string;
  readonly createdAt: Date;
  email: string | null;
  readonly metadata: Readonly<Record<string, unknown>>;
  /** Null until a customer-mode session stores a card on it ("empty" until then). */
  card: CardRecord | null;
}

export interface TokenRecord {
  readonly id: string;
  readonly createdAt: Date;
  readonly source:
    | { readonly type: 'credit_card'; readonly card: CardRecord }
    | { readonly type: 'konbini'; readonly konbini: KonbiniRecord };
  paymentId: string | null;
}

/** One answered API call, for tests: never a body, never a key. */
export interface KomojuRecordedRequest extends RecordedApiCall {
  readonly key: 'secret' | 'publishable' | null;
  /** `Komoju-Scenario`, as sent. */
  readonly scenario: string | null;
}

export class KomojuState {
  readonly sessions = new Map<string, SessionRecord>();
  readonly payments = new Map<string, PaymentRecord>();
  readonly secureTokens = new Map<string, SecureTokenRecord>();
  readonly customers = new Map<string, CustomerRecord>();
  readonly tokens = new Map<string, TokenRecord>();
  readonly requests = new RequestLog<KomojuRecordedRequest>();

  reset(): void {
    this.sessions.clear();
    this.payments.clear();
    this.secureTokens.clear();
    this.customers.clear();
    this.tokens.clear();
    this.requests.clear();
  }
}
