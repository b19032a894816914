import type { ProviderManifest } from '../provider-manifest.ts';

/**
 * The query parameter UnivaPay may put on `redirect_endpoint` after 3-D Secure. UNCONFIRMED
 * (docs/providers.md "UnivaPay"): UnivaPay does not document the names; its widget integrations read
 * `univapayChargeId`. The attempt recorded before the redirect knows the charge, so a return without
 * it still resumes; the parameter is read only where present.
 */
export const UNIVAPAY_CHARGE_ID_PARAM = 'univapayChargeId';

export const univapayManifest: ProviderManifest = {
  returnParams: [UNIVAPAY_CHARGE_ID_PARAM],
  load: () => import('./index.ts'),
};
