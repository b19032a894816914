import type { KessaiHandlerConfig } from './config.ts';
import { createKomojuServerProvider } from './komoju/provider.ts';
import type { ServerProvider } from './provider.ts';
import { createUnivapayServerProvider } from './univapay/provider.ts';

/**
 * The server module of each provider, by `config.provider`. A provider joins by adding its config to
 * `KessaiHandlerConfig` and a case here.
 */
export function serverProviderFor(config: KessaiHandlerConfig): ServerProvider {
  switch (config.provider) {
    case 'komoju':
      return createKomojuServerProvider(config);
    case 'univapay':
      return createUnivapayServerProvider(config);
    default:
      throw new TypeError(
        `kessai-elements/server: unknown provider ${JSON.stringify((config as { provider?: unknown }).provider)}.`,
      );
  }
}
