import type { ProviderManifest } from '../provider-manifest.ts';

/**
 * KOMOJU's return parameters: `secure_token_id` after a secure-token 3-D Secure challenge, `session_id`
 * after a session redirect (docs/providers.md "KOMOJU").
 */
export const KOMOJU_RETURN_PARAMS = ['secure_token_id', 'session_id'] as const;

export const komojuManifest: ProviderManifest = {
  returnParams: KOMOJU_RETURN_PARAMS,
  sessionParam: 'session_id',
  load: () => import('./index.ts'),
};
