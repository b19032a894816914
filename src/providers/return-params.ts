import { PROVIDER_MANIFESTS } from './manifest.ts';

/**
 * Every query parameter a provider puts on the page's URL when the shopper comes back from it: a page
 * carrying one may be the return of an attempt, not a fresh visit. Derived from the manifests; this
 * list reaches `kessai.js` without any provider's code.
 */
export const PROVIDER_RETURN_PARAMS: readonly string[] = [
  ...new Set(Object.values(PROVIDER_MANIFESTS).flatMap((manifest) => manifest?.returnParams ?? [])),
];
