import type { ProviderManifest } from '../provider-manifest.ts';
import { PAYJP_RETURN_PARAMS } from './constants.ts';

/** PAY.JP v2 (docs/providers.md "PAY.JP"): the flow's id on the return URL names the session. */
export const payjpManifest: ProviderManifest = {
  returnParams: PAYJP_RETURN_PARAMS,
  sessionParam: 'payment_flow_id',
  load: () => import('./index.ts'),
};
