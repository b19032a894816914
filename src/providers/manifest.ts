import type { ProviderName } from '../core/names.ts';
import { komojuManifest } from './komoju/manifest.ts';
import { paymentoptionsManifest } from './paymentoptions/manifest.ts';
import { payjpManifest } from './payjp/manifest.ts';
import type { ProviderManifest } from './provider-manifest.ts';
import { stripeManifest } from './stripe/manifest.ts';
import { univapayManifest } from './univapay/manifest.ts';

/**
 * The providers the browser can pay with, one manifest each (docs/architecture.md "Adding a provider":
 * a new provider adds one line here). Everything else in the browser that lists providers is derived
 * from this: the adapter registry (`registry.ts`) and the return parameters (`return-params.ts`).
 */
export const PROVIDER_MANIFESTS: Readonly<Partial<Record<ProviderName, ProviderManifest>>> = {
  komoju: komojuManifest,
  univapay: univapayManifest,
  stripe: stripeManifest,
  payjp: payjpManifest,
  paymentoptions: paymentoptionsManifest,
};
