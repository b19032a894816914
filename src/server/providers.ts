import type { KomojuHandlerConfig } from './komoju/config.ts';
import { createKomojuServerProvider } from './komoju/provider.ts';
import type { ServerProvider } from './provider.ts';
import type { UnivapayHandlerConfig } from './univapay/config.ts';
import { createUnivapayServerProvider } from './univapay/provider.ts';

/**
 * The providers the merchant's handler can serve: each one's configuration type and server module, in
 * `src/server/<name>/` (docs/architecture.md "Adding a provider": a new provider adds its two entries
 * here).
 */
export type KessaiHandlerConfig = KomojuHandlerConfig | UnivapayHandlerConfig;

const SERVER_PROVIDERS: {
  readonly [P in KessaiHandlerConfig['provider']]: (config: Extract<KessaiHandlerConfig, { provider: P }>) => ServerProvider;
} = {
  komoju: createKomojuServerProvider,
  univapay: createUnivapayServerProvider,
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
