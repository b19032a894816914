import { basePathOption, optionFailure, publicOriginOption, type CommonEmulatorOptions } from '../shared/options.ts';
import {
  checkWebhookUrl,
  resolveWebhookOptions,
  type WebhookFetch,
  type WebhookRetryOptions,
  type WebhookRetryPolicy,
  type WebhookTimers,
} from '../shared/webhooks.ts';
import { PAYJP_TEST_CARDS, type PayjpTestCard } from './test-cards.ts';

/** A webhook endpoint of the account. Every delivery carries the account's `webhookToken`. */
export interface PayjpWebhookConfig {
  readonly url: string;
  /** Event types it takes (`payment_flow.succeeded`…); default all (`['*']`). */
  readonly events?: readonly string[];
}

/** The names of the return URL's query parameters after a confirm (and after the 3-D Secure page). */
export interface PayjpReturnParams {
  /** Default `payment_flow_id` (seen only in third-party code: UNCONFIRMED). */
  readonly paymentFlowId?: string;
  /** Default `payment_flow_client_secret` (seen only in third-party code: UNCONFIRMED). */
  readonly paymentFlowClientSecret?: string;
  /** Default `setup_flow_id` (docs.pay.jp/v2/guide/payments/setupflow). */
  readonly setupFlowId?: string;
  /** Default `setup_flow_client_secret` (docs.pay.jp/v2/guide/payments/setupflow). */
  readonly setupFlowClientSecret?: string;
}

/** The PAY.JP v2 emulator's settings (docs/providers.md, "PAY.JP"). */
export interface PayjpEmulatorOptions extends CommonEmulatorOptions {
  /** Path the emulator is mounted at; the API is below it at `/v2` (as https://api.pay.jp/v2). Default `/sandbox/payjp`. */
  readonly basePath?: string;
  /** The account's secret key (`sk_test_…`). Default a fixed one (nothing here is secret: it is a sandbox). */
  readonly secretKey?: string;
  /** The account's public key (`pk_test_…`), for `PayjpPayments(publicKey)`. Default a fixed one. */
  readonly publicKey?: string;
  /** The account's webhook token, sent as `X-Payjp-Webhook-Token` with every delivery. Default a fixed one. */
  readonly webhookToken?: string;
  /** What a card number does, merged over the sandbox's own cards (`PAYJP_TEST_CARDS`). */
  readonly testCards?: Readonly<Record<string, PayjpTestCard>>;
  /** The return URL's parameter names. */
  readonly returnParams?: PayjpReturnParams;
  /**
   * Also answer `customer` and `payment_method` on a Setup Flow, beside the SDK's `customer_id` and
   * `payment_method_id`: the spelling of PAY.JP's Setup Flow guide (docs.pay.jp/v2/guide/payments/setupflow)
   * where it disagrees with the v2 SDKs' OpenAPI models. Default false (the SDKs' fields only).
   */
  readonly guideFieldAliases?: boolean;
  readonly webhooks?: readonly PayjpWebhookConfig[];
  readonly webhookFetch?: WebhookFetch;
  readonly webhookTimers?: WebhookTimers;
  /** When a delivery is tried again. Default `PAYJP_WEBHOOK_RETRY`. */
  readonly webhookRetry?: WebhookRetryOptions;
}

export interface ResolvedPayjpOptions {
  readonly basePath: string;
  readonly secretKey: string;
  readonly publicKey: string;
  readonly webhookToken: string;
  readonly publicOrigin: string | null;
  readonly testCards: Readonly<Record<string, PayjpTestCard>>;
  readonly returnParams: Required<PayjpReturnParams>;
  readonly guideFieldAliases: boolean;
  readonly webhooks: readonly PayjpWebhookConfig[];
  readonly webhookFetch: WebhookFetch;
  readonly webhookTimers: WebhookTimers;
  readonly webhookRetry: WebhookRetryPolicy;
  readonly now: () => Date;
}

export const DEFAULT_PAYJP_BASE_PATH = '/sandbox/payjp';
export const DEFAULT_PAYJP_SECRET_KEY = 'sk_test_kessaisandbox0000000000000';
export const DEFAULT_PAYJP_PUBLIC_KEY = 'pk_test_kessaisandbox0000000000000';
export const DEFAULT_PAYJP_WEBHOOK_TOKEN = 'whook_kessaisandbox000000000000';

/**
 * PAY.JP's retries (pay.jp/docs/webhook, v1: an answer other than 2xx is retried at 3-minute
 * intervals, up to 3 times). For v2 UNCONFIRMED; the timeout (30 s) is the sandbox's.
 */
export const PAYJP_WEBHOOK_RETRY: WebhookRetryPolicy = {
  delaysMs: [180_000, 180_000, 180_000],
  timeoutMs: 30_000,
  retry: () => true,
  disableOnGiveUp: false,
};

const fail = optionFailure('payjp');

export function checkPayjpWebhook(webhook: PayjpWebhookConfig): PayjpWebhookConfig {
  if (typeof webhook !== 'object' || webhook === null) fail('webhook must be an object { url }.');
  const url = checkWebhookUrl(webhook.url, fail);
  const events = webhook.events;
  if (events !== undefined && !(Array.isArray(events) && events.every((e) => typeof e === 'string'))) fail('webhook events must be a list of event types.');
  return { url, ...(events ? { events: [...events] } : {}) };
}

function checkCard(number: string, card: PayjpTestCard): PayjpTestCard {
  if (!/^\d{12,19}$/.test(number)) fail(`testCards key ${JSON.stringify(number)} must be a card number (digits only).`);
  if (card.threeDSecure !== 'always' && card.threeDSecure !== 'never') fail(`testCards.${number}.threeDSecure must be always or never.`);
  if (card.decline && (typeof card.decline.code !== 'string' || typeof card.decline.message !== 'string')) fail(`testCards.${number}.decline must have a code and a message.`);
  return card;
}

const PARAM = /^[A-Za-z0-9_.-]{1,64}$/;

export function resolvePayjpOptions(options: PayjpEmulatorOptions = {}): ResolvedPayjpOptions {
  const basePath = basePathOption(options.basePath, DEFAULT_PAYJP_BASE_PATH, fail);
  const secretKey = options.secretKey ?? DEFAULT_PAYJP_SECRET_KEY;
  if (!/^sk_test_[A-Za-z0-9]{8,200}$/.test(secretKey)) fail('secretKey must look like sk_test_… (letters and digits).');
  const publicKey = options.publicKey ?? DEFAULT_PAYJP_PUBLIC_KEY;
  if (!/^pk_test_[A-Za-z0-9]{8,200}$/.test(publicKey)) fail('publicKey must look like pk_test_… (letters and digits).');
  const webhookToken = options.webhookToken ?? DEFAULT_PAYJP_WEBHOOK_TOKEN;
  if (!/^[\x21-\x7e]{8,200}$/.test(webhookToken)) fail('webhookToken must be 8–200 printable ASCII characters.');
  const returnParams = {
    paymentFlowId: options.returnParams?.paymentFlowId ?? 'payment_flow_id',
    paymentFlowClientSecret: options.returnParams?.paymentFlowClientSecret ?? 'payment_flow_client_secret',
    setupFlowId: options.returnParams?.setupFlowId ?? 'setup_flow_id',
    setupFlowClientSecret: options.returnParams?.setupFlowClientSecret ?? 'setup_flow_client_secret',
  };
  for (const [name, value] of Object.entries(returnParams)) if (!PARAM.test(value)) fail(`returnParams.${name} must be a query parameter name.`);
  const testCards: Record<string, PayjpTestCard> = { ...PAYJP_TEST_CARDS };
  for (const [number, card] of Object.entries(options.testCards ?? {})) testCards[number] = checkCard(number, card);
  return {
    basePath,
    secretKey,
    publicKey,
    webhookToken,
    publicOrigin: publicOriginOption(options.publicOrigin, fail),
    testCards,
    returnParams,
    guideFieldAliases: options.guideFieldAliases ?? false,
    ...resolveWebhookOptions(options, checkPayjpWebhook, PAYJP_WEBHOOK_RETRY, fail),
    now: options.now ?? (() => new Date()),
  };
}
