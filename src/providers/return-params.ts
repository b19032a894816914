import { KOMOJU_RETURN_PARAMS } from './komoju/constants.ts';
import { UNIVAPAY_RETURN_PARAMS } from './univapay/constants.ts';

/**
 * Every query parameter a provider puts on the page's URL when the shopper comes back from it: a page
 * carrying one may be the return of an attempt, not a fresh visit. The adapters' own `returnParams`
 * (a test keeps both the same); this list reaches the browser without the adapters.
 */
export const PROVIDER_RETURN_PARAMS: readonly string[] = [...KOMOJU_RETURN_PARAMS, ...UNIVAPAY_RETURN_PARAMS];
