import type { ApiRoute } from '../context.ts';
import { chargeRoutes } from './charges.ts';
import { tokenRoutes } from './tokens.ts';

/**
 * The UnivaPay API the emulator answers, right below its base path (docs/providers.md, "UnivaPay"). `access:
 * 'any'` routes take the app token alone (from an allowed origin) or with the secret; `secret` routes the
 * secret only.
 */
export const UNIVAPAY_ROUTES: readonly ApiRoute[] = [...tokenRoutes, ...chargeRoutes];
