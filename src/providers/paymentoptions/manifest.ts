import type { ProviderManifest } from '../provider-manifest.ts';

/**
 * PaymentOptions (docs/providers.md "PaymentOptions"): its hosted page and 3-D Secure step return to the
 * success, decline or cancel URL our server gave, which carry our own return marker (`kessai_return`)
 * and reference (`kessai_ref`); PaymentOptions documents no parameters of its own.
 */
export const PAYMENTOPTIONS_REF_PARAM = 'kessai_ref';
/** Which of the three URLs PaymentOptions sent the shopper to (`success`, `decline`, `cancel`): for logs only, never trusted. */
export const PAYMENTOPTIONS_RESULT_PARAM = 'kessai_result';

export const paymentoptionsManifest: ProviderManifest = {
  returnParams: [PAYMENTOPTIONS_REF_PARAM, PAYMENTOPTIONS_RESULT_PARAM],
  load: () => import('./index.ts'),
};
