import type { ProviderManifest } from '../provider-manifest.ts';
import { STRIPE_RETURN_PARAMS } from './constants.ts';

/**
 * Stripe (docs/providers.md "Stripe"): after a redirect, Stripe adds `payment_intent`,
 * `payment_intent_client_secret` and `redirect_status` (setup: `setup_intent`, …) to `return_url`.
 */
export const stripeManifest: ProviderManifest = {
  returnParams: STRIPE_RETURN_PARAMS,
  sessionParam: 'payment_intent',
  load: () => import('./index.ts'),
};
