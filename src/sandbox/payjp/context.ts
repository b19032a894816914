import type { BaseCall } from '../shared/pipeline.ts';
import type { EmulatorRoute, RouteHandler } from '../shared/routes.ts';
import type { ResolvedPayjpOptions } from './options.ts';
import type { PayjpState } from './state.ts';

/** The URLs the emulator hands out, on the origin it is reached at (or `publicOrigin`). */
export interface PayjpUrls {
  readonly origin: string;
  /** `<origin><basePath>`: what https://api.pay.jp is to the SDK (`baseUrl`); the API is at `<apiBase>/v2`. */
  readonly apiBase: string;
  /** The 3-D Secure page of a challenge (`next_action.redirect_to_url.url`). */
  challenge(id: string): string;
  /** The payments.js stand-in (`<basePath>/payments.js`, as https://js.pay.jp/payments.js). */
  readonly paymentsJs: string;
  readonly stylesheet: string;
}

export function payjpUrls(origin: string, basePath: string): PayjpUrls {
  const root = `${origin}${basePath}`;
  return {
    origin,
    apiBase: root,
    challenge: (id) => `${root}/three_d_secure/${encodeURIComponent(id)}`,
    paymentsJs: `${root}/payments.js`,
    stylesheet: `${basePath}/assets/page.css`,
  };
}

/** Who calls: the secret key (a server, the SDK) or the public key (payments.js), and how it was sent. */
export interface Caller {
  readonly kind: 'secret' | 'public';
  readonly scheme: 'basic' | 'bearer';
}

export interface PayjpContext {
  readonly options: ResolvedPayjpOptions;
  readonly state: PayjpState;
  readonly urls: PayjpUrls;
  /** The clock, read once per request, as an ISO 8601 string (PAY.JP v2's `created_at` format). */
  readonly now: string;
  /** Records an event about `data` (the object as it is now) and sends it to the webhooks. */
  emit(type: string, data: Record<string, unknown>): void;
}

export type ApiCall = BaseCall<Caller>;
export type ApiHandler = RouteHandler<PayjpContext, ApiCall>;
/** `secret`: the secret key only; `client`: the public key too, with the flow's client secret. */
export type ApiRoute = EmulatorRoute<PayjpContext, ApiCall, 'secret' | 'client'>;
