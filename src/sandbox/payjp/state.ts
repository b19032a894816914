import { randomString } from '../shared/ids.ts';
import { RequestLog, type RecordedApiCall } from '../shared/request-log.ts';

/** What the emulator holds: PAY.JP v2's objects as records (serialized in `serialize.ts`). */

export type PaymentFlowStatus =
  | 'requires_payment_method'
  | 'requires_confirmation'
  | 'requires_action'
  | 'processing'
  | 'requires_capture'
  | 'canceled'
  | 'succeeded';
export type SetupFlowStatus = Exclude<PaymentFlowStatus, 'requires_capture'>;
export type Metadata = Record<string, string | number | boolean>;

export interface CustomerRecord {
  readonly id: string;
  readonly createdAt: string;
  updatedAt: string;
  email: string | null;
  description: string | null;
  defaultPaymentMethodId: string | null;
  metadata: Metadata;
}

export interface BillingDetails {
  name: string | null;
  email: string | null;
  phone: string | null;
  address: { line1: string | null; line2: string | null; city: string | null; state: string | null; zip: string | null; country: string | null };
}

export interface PaymentMethodRecord {
  readonly id: string;
  readonly createdAt: string;
  updatedAt: string;
  customerId: string | null;
  detachedAt: string | null;
  readonly card: { readonly brand: string; readonly last4: string; readonly exp_month: number; readonly exp_year: number; readonly fingerprint: string; readonly country: string | null };
  readonly billingDetails: BillingDetails;
  metadata: Metadata;
  /** The number's test-card behaviour key (the full number stays here, never in an answer or a log). */
  readonly number: string;
}

/** The flow's last error, as answered in `last_payment_error` / `last_setup_error`. */
export interface FlowError {
  readonly code: string;
  readonly message: string;
  readonly payment_method_id: string | null;
}

interface FlowBase {
  readonly id: string;
  readonly clientSecret: string;
  readonly createdAt: string;
  updatedAt: string;
  customerId: string | null;
  description: string | null;
  metadata: Metadata;
  paymentMethodId: string | null;
  paymentMethodOptions: Record<string, unknown> | null;
  paymentMethodTypes: string[];
  returnUrl: string | null;
  lastError: FlowError | null;
  /** The 3-D Secure challenge waiting for an answer, if any. */
  challengeId: string | null;
}

export interface PaymentFlowRecord extends FlowBase {
  readonly kind: 'payment_flow';
  amount: number;
  status: PaymentFlowStatus;
  captureMethod: 'automatic' | 'manual';
  amountCapturable: number;
  amountReceived: number;
  cancellationReason: string | null;
  canceledAt: string | null;
}

export interface SetupFlowRecord extends FlowBase {
  readonly kind: 'setup_flow';
  status: SetupFlowStatus;
  usage: 'on_session' | 'off_session';
  cancellationReason: string | null;
}

export type FlowRecord = PaymentFlowRecord | SetupFlowRecord;

export interface ChallengeRecord {
  readonly id: string;
  readonly flow: { readonly kind: FlowRecord['kind']; readonly id: string };
  /** The return URL of the confirm that asked for it (null: a server-side confirm without one). */
  readonly returnUrl: string | null;
  /** The page's URL, on the origin the confirm reached the emulator at (or `publicOrigin`). */
  readonly url: string;
  answered: 'complete' | 'fail' | null;
}

export interface EventRecord {
  readonly id: string;
  readonly type: string;
  readonly createdAt: string;
  readonly data: Record<string, unknown>;
  pendingWebhooks: number;
}

/** One answered API call, as tests read it: never a body, a key or a client secret. */
export interface PayjpRecordedRequest extends RecordedApiCall {
  /** Which key authenticated it: `secret`, `public`, or null (refused before). */
  readonly auth: 'secret' | 'public' | null;
  /** How the key was sent: `basic` or `bearer`. */
  readonly scheme: 'basic' | 'bearer' | null;
}

const ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
/** `<prefix>_<24 random letters and digits>` (`pfw_…`, `sflw_…`, `cus_…`, `pm_…`, `evt_…`). */
export const payjpId = (prefix: string): string => `${prefix}_${randomString(24, ALPHANUMERIC)}`;

export class PayjpState {
  readonly customers = new Map<string, CustomerRecord>();
  readonly paymentMethods = new Map<string, PaymentMethodRecord>();
  readonly paymentFlows = new Map<string, PaymentFlowRecord>();
  readonly setupFlows = new Map<string, SetupFlowRecord>();
  readonly challenges = new Map<string, ChallengeRecord>();
  /** Flows by client secret (payments.js knows only the secret). */
  readonly bySecret = new Map<string, FlowRecord>();
  readonly events: EventRecord[] = [];
  readonly requests = new RequestLog<PayjpRecordedRequest>();

  reset(): void {
    this.customers.clear();
    this.paymentMethods.clear();
    this.paymentFlows.clear();
    this.setupFlows.clear();
    this.challenges.clear();
    this.bySecret.clear();
    this.events.length = 0;
    this.requests.clear();
  }
}
