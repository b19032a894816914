import type { ProviderName } from '../core/protocol.ts';
import type { ProviderAdapter } from './adapter.ts';
import { komojuAdapter } from './komoju/adapter.ts';
import { univapayAdapter } from './univapay/adapter.ts';

/**
 * The browser adapter of each provider. The flow picks one by `session.provider`; elements never
 * import adapters. A provider without a browser adapter yet answers `undefined`, and the flow reports
 * a configuration error instead of guessing.
 */
const ADAPTERS: Readonly<Partial<Record<ProviderName, ProviderAdapter>>> = {
  komoju: komojuAdapter,
  univapay: univapayAdapter,
};

export function adapterFor(provider: ProviderName): ProviderAdapter | undefined {
  return Object.hasOwn(ADAPTERS, provider) ? ADAPTERS[provider] : undefined;
}
