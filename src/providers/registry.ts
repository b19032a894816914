import type { ProviderName } from '../core/names.ts';
import type { ProviderAdapter } from './adapter.ts';
import { PROVIDER_MANIFESTS } from './manifest.ts';
import type { ProviderManifest } from './provider-manifest.ts';

/**
 * The browser adapter of each provider, loaded on first use from the provider's own chunk. The flow
 * picks one by `session.provider`; elements never import adapters. A provider without a browser
 * adapter answers `undefined`, and the flow reports a configuration error instead of guessing.
 */

const loading = new Map<ProviderName, Promise<ProviderAdapter | undefined>>();

export function manifestOf(provider: ProviderName): ProviderManifest | undefined {
  return Object.hasOwn(PROVIDER_MANIFESTS, provider) ? PROVIDER_MANIFESTS[provider] : undefined;
}

/**
 * The adapter of `provider`, loaded once. A failed load (offline, a missing chunk) rejects and is
 * forgotten, so a later call tries again.
 */
export function loadAdapter(provider: ProviderName): Promise<ProviderAdapter | undefined> {
  let promise = loading.get(provider);
  if (promise === undefined) {
    const manifest = manifestOf(provider);
    promise = manifest
      ? manifest.load().then(
          (module) => module.adapter,
          (error: unknown) => {
            loading.delete(provider);
            throw error;
          },
        )
      : Promise.resolve(undefined);
    loading.set(provider, promise);
  }
  return promise;
}
