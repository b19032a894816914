import { basePathOption, optionFailure, publicOriginOption, type CommonEmulatorOptions } from '../shared/options.ts';
import {
  resolveWebhookOptions,
  type WebhookFetch,
  type WebhookRetryOptions,
  type WebhookRetryPolicy,
  type WebhookTimers,
} from '../shared/webhooks.ts';
import { STRIPE_TEST_CARDS, type StripeTestCard } from './test-cards.ts';
import { checkStripeWebhook, STRIPE_WEBHOOK_RETRY, type StripeWebhookConfig } from './webhook-config.ts';

/** The Stripe emulator's settings (docs/providers.md, "Stripe"). */
export interface StripeEmulatorOptions extends CommonEmulatorOptions {
  /** Path the emulator is mounted at; the API is below it at `/v1` (`<basePath>/v1/payment_intents`). Default `/sandbox/stripe`. */
  readonly basePath?: string;
  /** The account's secret key (`sk_test_…`). Default a fixed one (nothing here is secret: it is a sandbox). */
  readonly secretKey?: string;
  /** The account's publishable key (`pk_test_…`). Default a fixed one. */
  readonly publishableKey?: string;
  /** `api_version` written on events. Default `2026-10-28.endive`, stripe-node 23's `ApiVersion`. */
  readonly apiVersion?: string;
  /**
   * What a card number does, merged over the default test cards (`STRIPE_TEST_CARDS`, from
   * docs.stripe.com/testing). A number not listed succeeds without 3-D Secure.
   */
  readonly testCards?: Readonly<Record<string, StripeTestCard>>;
  /**
   * Whether `POST /v1/payment_methods` takes raw card numbers with the secret key. Stripe refuses them
   * unless the account is enabled for raw card data; Stripe.js (the publishable key) may always send
   * them. Default false.
   */
  readonly rawCardDataWithSecretKey?: boolean;
  /** Days a konbini payment may be paid when neither `expires_after_days` nor `expires_at` is set. Default 3 (Stripe's). */
  readonly konbiniExpiresAfterDays?: number;
  /** The webhook endpoints of the account. More can be added at run time (`webhooks.add`). Default none. */
  readonly webhooks?: readonly StripeWebhookConfig[];
  /** The `fetch` webhook deliveries are sent with. Default the global `fetch`. */
  readonly webhookFetch?: WebhookFetch;
  /** The timers of retries and konbini deadlines. Default the global ones. */
  readonly webhookTimers?: WebhookTimers;
  /** When a delivery is tried again. Default `STRIPE_WEBHOOK_RETRY`. */
  readonly webhookRetry?: WebhookRetryOptions;
}

export interface ResolvedStripeOptions {
  readonly basePath: string;
  readonly secretKey: string;
  readonly publishableKey: string;
  readonly apiVersion: string;
  readonly publicOrigin: string | null;
  readonly testCards: Readonly<Record<string, StripeTestCard>>;
  readonly rawCardDataWithSecretKey: boolean;
  readonly konbiniExpiresAfterDays: number;
  readonly webhooks: readonly StripeWebhookConfig[];
  readonly webhookFetch: WebhookFetch;
  readonly webhookTimers: WebhookTimers;
  readonly webhookRetry: WebhookRetryPolicy;
  readonly now: () => Date;
}

export const DEFAULT_STRIPE_BASE_PATH = '/sandbox/stripe';
export const DEFAULT_STRIPE_SECRET_KEY = 'sk_test_51KessaiSandbox0000000000000000000000000000000000000000000000000000000000000000000000';
export const DEFAULT_STRIPE_PUBLISHABLE_KEY = 'pk_test_51KessaiSandbox0000000000000000000000000000000000000000000000000000000000000000000000';
/** stripe-node 23.1.0's `ApiVersion` (`src/apiVersion.ts`). */
export const DEFAULT_STRIPE_API_VERSION = '2026-10-28.endive';

const fail = optionFailure('stripe');

function checkCard(number: string, card: StripeTestCard): StripeTestCard {
  if (!/^\d{12,19}$/.test(number)) fail(`testCards key ${JSON.stringify(number)} must be a card number (digits only).`);
  if (!['never', 'always', 'unless_set_up'].includes(card.threeDSecure)) fail(`testCards.${number}.threeDSecure must be never, always or unless_set_up.`);
  if (card.decline && (typeof card.decline.code !== 'string' || typeof card.decline.message !== 'string')) {
    fail(`testCards.${number}.decline must have a code and a message.`);
  }
  return card;
}

/** Fills in the defaults and refuses settings that could not work, at startup. */
export function resolveStripeOptions(options: StripeEmulatorOptions = {}): ResolvedStripeOptions {
  const basePath = basePathOption(options.basePath, DEFAULT_STRIPE_BASE_PATH, fail);
  const secretKey = options.secretKey ?? DEFAULT_STRIPE_SECRET_KEY;
  if (!/^sk_test_[A-Za-z0-9]{8,240}$/.test(secretKey)) fail('secretKey must look like sk_test_… (letters and digits).');
  const publishableKey = options.publishableKey ?? DEFAULT_STRIPE_PUBLISHABLE_KEY;
  if (!/^pk_test_[A-Za-z0-9]{8,240}$/.test(publishableKey)) fail('publishableKey must look like pk_test_… (letters and digits).');
  const days = options.konbiniExpiresAfterDays ?? 3;
  if (!Number.isInteger(days) || days < 1 || days > 60) fail('konbiniExpiresAfterDays must be an integer of 1–60.');
  const testCards: Record<string, StripeTestCard> = { ...STRIPE_TEST_CARDS };
  for (const [number, card] of Object.entries(options.testCards ?? {})) testCards[number] = checkCard(number, card);
  return {
    basePath,
    secretKey,
    publishableKey,
    apiVersion: options.apiVersion ?? DEFAULT_STRIPE_API_VERSION,
    publicOrigin: publicOriginOption(options.publicOrigin, fail),
    testCards,
    rawCardDataWithSecretKey: options.rawCardDataWithSecretKey ?? false,
    konbiniExpiresAfterDays: days,
    ...resolveWebhookOptions(options, checkStripeWebhook, STRIPE_WEBHOOK_RETRY, fail),
    now: options.now ?? (() => new Date()),
  };
}
