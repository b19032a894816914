import type { KomojuHandlerConfig, KomojuWebhookConfig } from './komoju/config.ts';
import { createKomojuServerProvider } from './komoju/provider.ts';
import { createKomojuWebhookProvider } from './komoju/webhook.ts';
import type { PaymentOptionsHandlerConfig, PaymentOptionsWebhookConfig } from './paymentoptions/config.ts';
import { createPaymentOptionsServerProvider } from './paymentoptions/provider.ts';
import { createPaymentOptionsWebhookProvider } from './paymentoptions/webhook.ts';
import type { PayjpHandlerConfig, PayjpWebhookConfig } from './payjp/config.ts';
import { createPayjpServerProvider } from './payjp/provider.ts';
import { createPayjpWebhookProvider } from './payjp/webhook.ts';
import type { ServerProvider } from './provider.ts';
import type { StripeHandlerConfig, StripeWebhookConfig } from './stripe/config.ts';
import { createStripeServerProvider } from './stripe/provider.ts';
import { createStripeWebhookProvider } from './stripe/webhook.ts';
import type { UnivapayHandlerConfig, UnivapayWebhookConfig } from './univapay/config.ts';
import { createUnivapayServerProvider } from './univapay/provider.ts';
import { createUnivapayWebhookProvider } from './univapay/webhook.ts';
import type { WebhookProvider } from './webhook-provider.ts';

// Each provider's configuration types are public (`kessai-elements/server` re-exports this module's types).
export type * from './komoju/config.ts';
export type * from './paymentoptions/config.ts';
export type * from './payjp/config.ts';
export type * from './stripe/config.ts';
export type * from './univapay/config.ts';

/**
 * The providers the merchant's handlers can serve: each one's configuration types and server modules
 * (endpoint and webhooks), in `src/server/<name>/` (docs/architecture.md "Adding a provider": a new
 * provider adds its entries here).
 */
export type KessaiHandlerConfig = KomojuHandlerConfig | UnivapayHandlerConfig | StripeHandlerConfig | PayjpHandlerConfig | PaymentOptionsHandlerConfig;

const SERVER_PROVIDERS: {
  readonly [P in KessaiHandlerConfig['provider']]: (config: Extract<KessaiHandlerConfig, { provider: P }>) => ServerProvider;
} = {
  komoju: createKomojuServerProvider,
  univapay: createUnivapayServerProvider,
  stripe: createStripeServerProvider,
  payjp: createPayjpServerProvider,
  paymentoptions: createPaymentOptionsServerProvider,
};

/** The server module of `config.provider`. */
export function serverProviderFor(config: KessaiHandlerConfig): ServerProvider {
  const provider = (config as { provider?: unknown }).provider;
  if (typeof provider !== 'string' || !Object.hasOwn(SERVER_PROVIDERS, provider)) {
    throw new TypeError(`kessai-elements/server: unknown provider ${JSON.stringify(provider)}.`);
  }
  const create = SERVER_PROVIDERS[provider as KessaiHandlerConfig['provider']] as (config: KessaiHandlerConfig) => ServerProvider;
  return create(config);
}

/** The providers whose webhooks `createKessaiWebhookHandler` receives, and their configuration types. */
export type KessaiWebhookConfig = KomojuWebhookConfig | UnivapayWebhookConfig | StripeWebhookConfig | PayjpWebhookConfig | PaymentOptionsWebhookConfig;

const WEBHOOK_PROVIDERS: {
  readonly [P in KessaiWebhookConfig['provider']]: (config: Extract<KessaiWebhookConfig, { provider: P }>) => WebhookProvider;
} = {
  komoju: createKomojuWebhookProvider,
  univapay: createUnivapayWebhookProvider,
  stripe: (config) => createStripeWebhookProvider(config),
  payjp: createPayjpWebhookProvider,
  paymentoptions: createPaymentOptionsWebhookProvider,
};

/** The webhook module of `config.provider`. */
export function webhookProviderFor(config: KessaiWebhookConfig): WebhookProvider {
  const provider = (config as { provider?: unknown }).provider;
  if (typeof provider !== 'string' || !Object.hasOwn(WEBHOOK_PROVIDERS, provider)) {
    throw new TypeError(`kessai-elements/server: no webhooks for provider ${JSON.stringify(provider)}.`);
  }
  const create = WEBHOOK_PROVIDERS[provider as KessaiWebhookConfig['provider']] as (
    config: KessaiWebhookConfig,
  ) => WebhookProvider;
  return create(config);
}
