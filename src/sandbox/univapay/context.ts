import type { BaseCall } from '../shared/pipeline.ts';
import type { EmulatorRoute, RouteHandler } from '../shared/routes.ts';
import type { Principal } from './auth.ts';
import type { ResolvedUnivapayOptions } from './options.ts';
import type { ChargeRecord, UnivapayState } from './state.ts';

/** The URLs the emulator hands out, on the origin it is reached at (or `publicOrigin`). */
export interface UnivapayUrls {
  readonly origin: string;
  /** `<origin><basePath>`: what the merchant's server and the browser use as `apiBase`. */
  readonly apiBase: string;
  /** The `issuer_token` of a charge awaiting 3-D Secure (the payload names the charge). */
  readonly challenge: string;
  /** Where the challenge page's buttons post. */
  challengeResult(chargeId: string): string;
  /** A konbini charge's slip page (advertised in the metadata for 7-Eleven only, like UnivaPay). */
  slip(chargeId: string): string;
  readonly dashboard: string;
  readonly stylesheet: string;
}

export function univapayUrls(origin: string, basePath: string): UnivapayUrls {
  const root = `${origin}${basePath}`;
  return {
    origin,
    apiBase: root,
    challenge: `${root}/three_ds/challenge`,
    challengeResult: (id) => `${basePath}/three_ds/challenge/${encodeURIComponent(id)}`,
    slip: (id) => `${root}/konbini/${encodeURIComponent(id)}`,
    dashboard: `${basePath}/dashboard`,
    stylesheet: `${basePath}/assets/page.css`,
  };
}

/** What every route and page gets. */
export interface UnivapayContext {
  readonly options: ResolvedUnivapayOptions;
  readonly state: UnivapayState;
  readonly urls: UnivapayUrls;
  readonly now: Date;
  /** Call after changing a charge's status: its webhook event goes out (docs/providers.md, "UnivaPay", "Webhooks"). */
  readonly chargeChanged: (charge: ChargeRecord) => void;
}

/** One authenticated API call, its body parsed; `caller` is the app token's holder (with its secret or not). */
export type ApiCall = BaseCall<Principal>;

/** A route handler (synchronous: see `RouteHandler`). */
export type ApiHandler = RouteHandler<UnivapayContext, ApiCall>;

/**
 * A route right below the base path (`/stores/{storeId}/charges/{id}`). Access `secret`: only
 * `Bearer {secret}.{jwt}`; `any`: the app token too (origin-checked).
 */
export type ApiRoute = EmulatorRoute<UnivapayContext, ApiCall, 'secret' | 'any'>;
