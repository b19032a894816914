import { basePathOption, optionFailure, publicOriginOption, type CommonEmulatorOptions } from '../shared/options.ts';
import {
  resolveRetryPolicy,
  globalFetch,
  GLOBAL_TIMERS,
  type WebhookFetch,
  type WebhookRetryOptions,
  type WebhookRetryPolicy,
  type WebhookTimers,
} from '../shared/webhooks.ts';
import { PAYMENTOPTIONS_TEST_CARDS, type PaymentOptionsTestCard } from './test-cards.ts';

/**
 * How the emulator signs its webhooks. PaymentOptions' documents say only "use a secret key or
 * signature verification to authenticate incoming webhook requests" (webhook-handler, Step 3) and show
 * no header: this signature is the sandbox's own (UNCONFIRMED), `<header>: <hex HMAC-SHA256(secret, raw
 * body)>`.
 */
export interface PaymentOptionsWebhookSigning {
  /** Default `X-Sandbox-Webhook-Signature`. */
  readonly header?: string;
  readonly secret: string;
}

/** The PaymentOptions emulator's settings (docs/providers.md, "PaymentOptions"). */
export interface PaymentOptionsEmulatorOptions extends CommonEmulatorOptions {
  /** Path it is mounted at; the API is below it at `/api/v1`. Default `/sandbox/paymentoptions`. */
  readonly basePath?: string;
  /**
   * The merchant's API key, the credential of `Authorization: Basic …` (the manual: HTTP Basic with the
   * API key as the credential, base64-encoded; the dashboard also shows it encoded). Default a fixed one.
   */
  readonly apiKey?: string;
  /** The value of the `x-api-key` header ("provided along with credentials"). Default a fixed one, not the API key. */
  readonly xApiKey?: string;
  /** The merchant id (DASMID), `merchant_details.mid`. Default `JP00009999`. */
  readonly merchantId?: string;
  /** `merchant_details.legal_name`. Default `Kessai Sandbox Merchant`. */
  readonly legalName?: string;
  /** Webhook signing; `null` sends webhooks unsigned. Default a fixed secret under `X-Sandbox-Webhook-Signature`. */
  readonly webhookSigning?: PaymentOptionsWebhookSigning | null;
  /**
   * Whether the hosted payment page and the 3-D Secure page may be shown in a frame (`frame-ancestors *`;
   * else `'none'` and `X-Frame-Options: DENY`). PaymentOptions does not say. Default true.
   */
  readonly frameable?: boolean;
  /** What a card number does, merged over `PAYMENTOPTIONS_TEST_CARDS`. */
  readonly testCards?: Readonly<Record<string, PaymentOptionsTestCard>>;
  /**
   * The HTTP status of a declined payment's answer (`success: false`, `payment_details.response_code`
   * ≠ 0). Not documented; default 406 ("Not Acceptable (Invalid card)", the documented status nearest a
   * decline). A gateway error (response code -1) answers 502.
   */
  readonly declineStatus?: number;
  /**
   * Whether a payment answered at once (`payment`, `paymentv2` without 3-D Secure) is also posted to its
   * `webhook_url`. Not documented; default true.
   */
  readonly webhookOnDirectPayments?: boolean;
  /**
   * Query parameters added to `success_url` / `decline_url` / `cancel_url` when the shopper is sent
   * there: none (default; PaymentOptions documents none) or `transaction_id`, `merchant_txn_ref` and
   * `status`.
   */
  readonly returnParams?: 'none' | 'transaction';
  /** The `fetch` webhooks are sent with. Default the global `fetch`. */
  readonly webhookFetch?: WebhookFetch;
  /** The timers of webhook retries. Default the global ones. */
  readonly webhookTimers?: WebhookTimers;
  /** When a delivery is tried again. Default `PAYMENTOPTIONS_WEBHOOK_RETRY`. */
  readonly webhookRetry?: WebhookRetryOptions;
}

export interface ResolvedPaymentOptionsOptions {
  readonly basePath: string;
  readonly apiKey: string;
  readonly xApiKey: string;
  readonly merchantId: string;
  readonly legalName: string;
  readonly webhookSigning: { readonly header: string; readonly secret: string } | null;
  readonly frameable: boolean;
  readonly testCards: Readonly<Record<string, PaymentOptionsTestCard>>;
  readonly declineStatus: number;
  readonly webhookOnDirectPayments: boolean;
  readonly returnParams: 'none' | 'transaction';
  readonly publicOrigin: string | null;
  readonly webhookFetch: WebhookFetch;
  readonly webhookTimers: WebhookTimers;
  readonly webhookRetry: WebhookRetryPolicy;
  readonly now: () => Date;
}

export const DEFAULT_PAYMENTOPTIONS_BASE_PATH = '/sandbox/paymentoptions';
export const DEFAULT_PAYMENTOPTIONS_API_KEY = 'po_sandbox_api_key_KessaiElements0000';
export const DEFAULT_PAYMENTOPTIONS_X_API_KEY = 'po_sandbox_x_api_key_0000';
export const DEFAULT_PAYMENTOPTIONS_MERCHANT_ID = 'JP00009999';
export const DEFAULT_PAYMENTOPTIONS_WEBHOOK_SECRET = 'po_sandbox_webhook_secret_0000';
export const DEFAULT_PAYMENTOPTIONS_SIGNATURE_HEADER = 'X-Sandbox-Webhook-Signature';

/**
 * Webhook retries: PaymentOptions documents none. The sandbox's (UNCONFIRMED): any answer but 2xx, and
 * no answer, tried again after 1 min, 5 min and 30 min; 10 s timeout.
 */
export const PAYMENTOPTIONS_WEBHOOK_RETRY: WebhookRetryPolicy = {
  delaysMs: [60_000, 300_000, 1_800_000],
  timeoutMs: 10_000,
  retry: () => true,
  disableOnGiveUp: false,
};

const fail = optionFailure('paymentoptions');

function checkCard(number: string, card: PaymentOptionsTestCard): PaymentOptionsTestCard {
  if (!/^\d{12,19}$/.test(number)) fail(`testCards key ${JSON.stringify(number)} must be a card number (digits only).`);
  if (typeof card !== 'object' || card === null || typeof card.threeDSecure !== 'boolean' || !Number.isInteger(card.responseCode)) {
    fail(`testCards.${number} must be { threeDSecure: boolean, responseCode: integer }.`);
  }
  return { threeDSecure: card.threeDSecure, responseCode: card.responseCode };
}

const token = (value: string, name: string): string => {
  if (typeof value !== 'string' || !/^[\x21-\x7e]{8,200}$/.test(value) || value.includes(':')) {
    fail(`${name} must be 8–200 printable ASCII characters without spaces or colons.`);
  }
  return value;
};

/** Fills in the defaults and refuses settings that could not work, at startup. */
export function resolvePaymentOptionsOptions(options: PaymentOptionsEmulatorOptions = {}): ResolvedPaymentOptionsOptions {
  const testCards: Record<string, PaymentOptionsTestCard> = { ...PAYMENTOPTIONS_TEST_CARDS };
  for (const [number, card] of Object.entries(options.testCards ?? {})) testCards[number] = checkCard(number, card);
  const merchantId = options.merchantId ?? DEFAULT_PAYMENTOPTIONS_MERCHANT_ID;
  if (!/^[A-Za-z0-9_-]{1,128}$/.test(merchantId)) fail('merchantId must be 1–128 letters, digits, _ or -.');
  let webhookSigning: ResolvedPaymentOptionsOptions['webhookSigning'] = {
    header: DEFAULT_PAYMENTOPTIONS_SIGNATURE_HEADER,
    secret: DEFAULT_PAYMENTOPTIONS_WEBHOOK_SECRET,
  };
  if (options.webhookSigning === null) webhookSigning = null;
  else if (options.webhookSigning !== undefined) {
    const header = options.webhookSigning.header ?? DEFAULT_PAYMENTOPTIONS_SIGNATURE_HEADER;
    if (!/^[A-Za-z0-9-]{1,64}$/.test(header)) fail('webhookSigning.header must be a header name.');
    webhookSigning = { header, secret: token(options.webhookSigning.secret, 'webhookSigning.secret') };
  }
  const declineStatus = options.declineStatus ?? 406;
  if (!Number.isInteger(declineStatus) || declineStatus < 200 || declineStatus > 599) fail('declineStatus must be an HTTP status.');
  const returnParams = options.returnParams ?? 'none';
  if (returnParams !== 'none' && returnParams !== 'transaction') fail('returnParams must be none or transaction.');
  return {
    basePath: basePathOption(options.basePath, DEFAULT_PAYMENTOPTIONS_BASE_PATH, fail),
    apiKey: token(options.apiKey ?? DEFAULT_PAYMENTOPTIONS_API_KEY, 'apiKey'),
    xApiKey: token(options.xApiKey ?? DEFAULT_PAYMENTOPTIONS_X_API_KEY, 'xApiKey'),
    merchantId,
    legalName: options.legalName ?? 'Kessai Sandbox Merchant',
    webhookSigning,
    frameable: options.frameable ?? true,
    testCards,
    declineStatus,
    webhookOnDirectPayments: options.webhookOnDirectPayments ?? true,
    returnParams,
    publicOrigin: publicOriginOption(options.publicOrigin, fail),
    webhookFetch: options.webhookFetch ?? globalFetch,
    webhookTimers: options.webhookTimers ?? GLOBAL_TIMERS,
    webhookRetry: resolveRetryPolicy(options.webhookRetry, PAYMENTOPTIONS_WEBHOOK_RETRY, fail),
    now: options.now ?? (() => new Date()),
  };
}
