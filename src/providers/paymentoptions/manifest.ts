import type { ProviderManifest } from '../provider-manifest.ts';

/**
 * PaymentOptions (docs/providers.md "PaymentOptions"): its hosted page and 3-D Secure step return to the
 * success, decline or cancel URL our server gave, which carry our own return marker (`kessai_return`)
 * and reference (`kessai_ref`); PaymentOptions documents no parameters of its own.
 */
export const PAYMENTOPTIONS_REF_PARAM = 'kessai_ref';

export const paymentoptionsManifest: ProviderManifest = {
  returnParams: [PAYMENTOPTIONS_REF_PARAM],
  load: () => import('./index.ts'),
};
