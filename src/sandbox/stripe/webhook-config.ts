import { optionFailure } from '../shared/options.ts';
import { checkWebhookUrl, type WebhookRetryPolicy } from '../shared/webhooks.ts';

/** A webhook endpoint of the account (Stripe's `WebhookEndpoint`: `url`, `enabled_events`, its `secret`). */
export interface StripeWebhookConfig {
  readonly url: string;
  /** The endpoint's signing secret (`whsec_…`), the key of `Stripe-Signature`'s `v1` HMAC. */
  readonly secret: string;
  /** Event types it takes (`payment_intent.succeeded`…); default all (`['*']`). */
  readonly enabledEvents?: readonly string[];
}

/**
 * Stripe's retries (docs.stripe.com/webhooks, "Retry behavior"): any answer but 2xx, and no answer,
 * are retried; in live mode for up to three days with an exponential back-off, in a sandbox three
 * times over a few hours. The waits and the timeout are the sandbox's (UNCONFIRMED): 5 min, 1 h,
 * 3 h; 20 s. An endpoint is never disabled by the emulator.
 */
export const STRIPE_WEBHOOK_RETRY: WebhookRetryPolicy = {
  delaysMs: [300_000, 3_600_000, 10_800_000],
  timeoutMs: 20_000,
  retry: () => true,
  disableOnGiveUp: false,
};

const fail = optionFailure('stripe');

/** A webhook's settings, refused (`TypeError`) when they could not work. */
export function checkStripeWebhook(webhook: StripeWebhookConfig): StripeWebhookConfig {
  if (typeof webhook !== 'object' || webhook === null) fail('webhook must be an object { url, secret }.');
  const url = checkWebhookUrl(webhook.url, fail);
  if (typeof webhook.secret !== 'string' || webhook.secret.length < 8 || /\s/.test(webhook.secret)) {
    fail('webhook secret must be a string of 8 characters or more without spaces (whsec_…).');
  }
  const events = webhook.enabledEvents;
  if (events !== undefined && !(Array.isArray(events) && events.every((e) => typeof e === 'string'))) {
    fail('webhook enabledEvents must be a list of event types.');
  }
  return { url, secret: webhook.secret, ...(events ? { enabledEvents: [...events] } : {}) };
}
