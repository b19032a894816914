import { RequestLog, type RecordedApiCall } from '../shared/request-log.ts';
import type { UnivapayConvenienceStore } from './konbini.ts';

/**
 * The emulator's memory: transaction tokens, charges and the request log (the pipeline keeps the
 * idempotent answers).
 * Plain records; the JSON UnivaPay answers is built from them in `serialize.ts`. Card numbers live only
 * in `CardRecord`s (a token is charged later) and never leave: every answer and the inspection API show
 * the brand, BIN and last four digits only.
 */

export interface CardRecord {
  readonly number: string;
  readonly expMonth: number;
  readonly expYear: number;
  readonly cvv: string;
  readonly cardholder: string;
  /** UnivaPay brand (`visa`, `mastercard`, `jcb`, `american_express`, `diners_club`, `discover`, `unknown`). */
  readonly brand: string;
  readonly bin: string;
  readonly last4: string;
}

export interface KonbiniRecord {
  readonly customerName: string;
  /** As sent (`yamazaki_daily_store` stays so). */
  readonly convenienceStore: string;
  readonly store: UnivapayConvenienceStore;
  readonly phone: { readonly countryCode: string; readonly localNumber: string };
  readonly expirationPeriod: string | null;
  readonly expirationTimeShift: string | null;
}

export interface TokenRecord {
  readonly id: string;
  readonly storeId: string;
  readonly createdAt: Date;
  readonly email: string | null;
  /** `one_time`: charged once; `recurring`: charged again and again (a saved card). */
  readonly type: 'one_time' | 'recurring';
  /** `daily`, `weekly`, `monthly`, `annually` (recurring tokens only), as sent. */
  readonly usageLimit: string | null;
  /**
   * A recurring card token's own 3-D Secure, run when it is made (docs/providers.md, "UnivaPay ›
   * Recurring tokens"): `awaiting` the shopper, then `successful` or `failed`. Null for one-time tokens,
   * whose 3-D Secure runs with the charge.
   */
  threeDsStatus: 'awaiting' | 'successful' | 'failed' | null;
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly ipAddress: string | null;
  readonly source:
    | {
        readonly paymentType: 'card';
        readonly card: CardRecord;
        readonly threeDs: { readonly enabled: boolean; readonly mode: string | null; readonly redirectEndpoint: string | null } | null;
      }
    | { readonly paymentType: 'konbini'; readonly konbini: KonbiniRecord };
  /** The charge that used it (a one-time token is charged once; a recurring token's last charge). */
  chargeId: string | null;
  lastUsedOn: Date | null;
  /** When `DELETE /stores/{storeId}/tokens/{id}` deleted it: from then on it is not found, and not charged. */
  deletedAt: Date | null;
}

export type ChargeStatus = 'pending' | 'awaiting' | 'authorized' | 'successful' | 'failed' | 'error' | 'canceled';

/** What a charge becomes when it leaves `pending`, decided at creation from the test card rules. */
export type ChargePlan =
  | { readonly status: 'successful' | 'authorized' }
  | { readonly status: 'failed'; readonly code: number }
  | { readonly status: 'awaiting'; readonly reason: 'three_ds' }
  | { readonly status: 'awaiting'; readonly reason: 'konbini' };

export interface ChargeRecord {
  readonly id: string;
  readonly storeId: string;
  readonly tokenId: string;
  readonly tokenType: 'one_time' | 'recurring';
  readonly paymentType: 'card' | 'konbini';
  readonly createdAt: Date;
  readonly amount: number;
  readonly currency: string;
  readonly capture: boolean;
  /** As the merchant sent it (konbini: the deadline). */
  readonly captureAt: string | null;
  readonly metadata: Record<string, unknown>;
  readonly threeDs: { readonly mode: string; readonly redirectEndpoint: string | null; readonly redirectId: string | null } | null;
  readonly redirect: { readonly endpoint: string; readonly redirectId: string } | null;
  readonly settleAt: Date;
  readonly plan: ChargePlan;
  /** Konbini: the deadline, ISO 8601 UTC, and the id of that expiry (`expiry/latest`). */
  readonly expiresAt: string | null;
  readonly expiryId: string | null;
  /** Konbini: the payment number, and the slip URL (7-Eleven only), shown from `awaiting` on. */
  readonly slip: { readonly number: string; readonly url: string | null } | null;
  status: ChargeStatus;
  error: { readonly code: number; readonly message: string } | null;
  updatedAt: Date;
}

/**
 * One answered API call, for tests: never a body, never a key. `path` is below the base path
 * (`/stores/…/charges/…`).
 */
export interface UnivapayRecordedRequest extends RecordedApiCall {
  /** Which credentials it carried: the app token alone, or with the secret. */
  readonly auth: 'app' | 'secret' | null;
}

export class UnivapayState {
  readonly tokens = new Map<string, TokenRecord>();
  readonly charges = new Map<string, ChargeRecord>();
  readonly requests = new RequestLog<UnivapayRecordedRequest>();

  reset(): void {
    this.tokens.clear();
    this.charges.clear();
    this.requests.clear();
  }
}
