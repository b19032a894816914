import type { BaseCall } from '../shared/pipeline.ts';
import type { EmulatorRoute, RouteHandler } from '../shared/routes.ts';
import type { ResolvedStripeOptions } from './options.ts';
import type { StripeState } from './state.ts';

/** The URLs the emulator hands out, on the origin it is reached at (or `publicOrigin`). */
export interface StripeUrls {
  readonly origin: string;
  /** `<origin><basePath>`: the `host` of api.stripe.com; the API is at `<apiBase>/v1`. */
  readonly apiBase: string;
  /** The 3-D Secure page of a challenge (`next_action.redirect_to_url.url`, `use_stripe_sdk.stripe_js`). */
  challenge(id: string): string;
  /** A konbini payment's hosted voucher (`konbini_display_details.hosted_voucher_url`). */
  voucher(id: string): string;
  /** The Stripe.js stand-in (`<basePath>/v3/`, as https://js.stripe.com/v3/). */
  readonly stripeJs: string;
  readonly stylesheet: string;
}

export function stripeUrls(origin: string, basePath: string): StripeUrls {
  const root = `${origin}${basePath}`;
  return {
    origin,
    apiBase: root,
    challenge: (id) => `${root}/3d_secure/${encodeURIComponent(id)}`,
    voucher: (id) => `${root}/konbini/voucher/${encodeURIComponent(id)}`,
    stripeJs: `${root}/v3/`,
    stylesheet: `${basePath}/assets/page.css`,
  };
}

/** Who calls: the account's secret key (a server) or its publishable key (Stripe.js). */
export interface Caller {
  readonly kind: 'secret' | 'publishable';
}

/** What every route and page gets. */
export interface StripeContext {
  readonly options: ResolvedStripeOptions;
  readonly state: StripeState;
  readonly urls: StripeUrls;
  readonly now: Date;
  /** The request's id (`req_…`) and `Idempotency-Key`, written on the events it causes. */
  readonly request: { readonly id: string | null; readonly idempotencyKey: string | null };
  /** Sends an event (`payment_intent.succeeded`…) about `object`, as it is now, to the webhooks. */
  emit(type: string, object: unknown): void;
}

export type ApiCall = BaseCall<Caller>;
export type ApiHandler = RouteHandler<StripeContext, ApiCall>;
/** `secret`: the secret key only; `client`: the publishable key too (with the intent's client secret where Stripe asks it). */
export type ApiRoute = EmulatorRoute<StripeContext, ApiCall, 'secret' | 'client'>;

/** Unix seconds. */
export const unixSeconds = (date: Date): number => Math.floor(date.getTime() / 1000);
