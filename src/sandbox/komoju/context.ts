import type { BaseCall } from '../shared/pipeline.ts';
import type { EmulatorRoute, RouteHandler } from '../shared/routes.ts';
import type { KeyKind, RouteAccess } from './auth.ts';
import type { ResolvedKomojuOptions } from './options.ts';
import type { KomojuState, PaymentRecord } from './state.ts';

/** The URLs the emulator hands out, on the origin it is reached at (or `publicOrigin`). */
export interface KomojuUrls {
  readonly origin: string;
  /** `<origin><basePath>/api/v1` */
  readonly apiBase: string;
  session(id: string): string;
  challenge(id: string): string;
  instructions(paymentId: string): string;
  readonly stylesheet: string;
}

export function komojuUrls(origin: string, basePath: string): KomojuUrls {
  const root = `${origin}${basePath}`;
  return {
    origin,
    apiBase: `${root}/api/v1`,
    session: (id) => `${root}/sessions/${encodeURIComponent(id)}`,
    challenge: (id) => `${root}/challenge/${encodeURIComponent(id)}`,
    instructions: (id) => `${root}/instructions/${encodeURIComponent(id)}`,
    stylesheet: `${basePath}/assets/page.css`,
  };
}

/** What every route and page gets. */
export interface KomojuContext {
  readonly options: ResolvedKomojuOptions;
  readonly state: KomojuState;
  readonly urls: KomojuUrls;
  readonly now: Date;
  /** Call after changing a payment's status: its webhook event goes out (docs/providers.md, "KOMOJU", "Webhooks"). */
  readonly paymentChanged: (payment: PaymentRecord) => void;
}

/** One authenticated API call, its body parsed; `caller` is the kind of key it carried. */
export type ApiCall = BaseCall<KeyKind> & {
  /** `Komoju-Scenario` (test mode): the error code to fail with. */
  readonly scenario: string | null;
};

/** A route handler (synchronous: see `RouteHandler`). */
export type ApiHandler = RouteHandler<KomojuContext, ApiCall>;

/** A route below `/api/v1` (`/sessions/{id}/pay`); `publishable` routes take either key. */
export type ApiRoute = EmulatorRoute<KomojuContext, ApiCall, RouteAccess>;
