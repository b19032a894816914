import type { BaseCall } from '../shared/pipeline.ts';
import type { EmulatorRoute, RouteHandler } from '../shared/routes.ts';
import type { ResolvedPaymentOptionsOptions } from './options.ts';
import type { PaymentOptionsState, TransactionRecord } from './state.ts';

/** The URLs the emulator hands out, on the origin it is reached at (or `publicOrigin`). */
export interface PaymentOptionsUrls {
  readonly origin: string;
  /** `<origin><basePath>/api/v1`, as `https://api.paymentoptions.com/api/v1`. */
  readonly apiBase: string;
  /** A hosted payment page, as `https://checkout-dev.paymentoptions.com/jp/HostedPaymentPage/{slug}`. */
  hostedPage(slug: string): string;
  /** The 3-D Secure page, as `https://checkout-dev.paymentoptions.com/integration/3ds?_token=…`. */
  challenge(token: string): string;
  readonly stylesheet: string;
}

export function paymentOptionsUrls(origin: string, basePath: string): PaymentOptionsUrls {
  const root = `${origin}${basePath}`;
  return {
    origin,
    apiBase: `${root}/api/v1`,
    hostedPage: (slug) => `${root}/jp/HostedPaymentPage/${encodeURIComponent(slug)}`,
    challenge: (token) => `${root}/integration/3ds?_token=${encodeURIComponent(token)}`,
    stylesheet: `${basePath}/assets/page.css`,
  };
}

/** Who calls: the merchant (both headers right). */
export interface Caller {
  readonly merchantId: string;
}

export interface PaymentOptionsContext {
  readonly options: ResolvedPaymentOptionsOptions;
  readonly state: PaymentOptionsState;
  readonly urls: PaymentOptionsUrls;
  readonly now: Date;
  /** Posts a finished transaction to its `webhook_url`. */
  notify(transaction: TransactionRecord): void;
}

export type ApiCall = BaseCall<Caller>;
export type ApiHandler = RouteHandler<PaymentOptionsContext, ApiCall>;
export type ApiRoute = EmulatorRoute<PaymentOptionsContext, ApiCall, 'merchant'>;
