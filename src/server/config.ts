import type { OutcomeStatus } from '../core/outcome.ts';
import type { Mode, PaymentMethod, ProviderName } from '../core/protocol.ts';

/** What the merchant's `amount` callback gets: the page's `context` JSON and the request. */
export interface AmountContext {
  /** The `context` the page posted (a cart id, an order reference). Untrusted: look it up. */
  readonly context: Readonly<Record<string, unknown>> | undefined;
  readonly mode: Mode;
  readonly provider: ProviderName;
  /** The incoming request (cookies, headers), for session lookups. Its body is already read. */
  readonly request: Request;
}

/** The merchant decides what is charged. Never taken from the browser. */
export interface AmountDecision {
  /** Minor units of `currency` (yen have none): `1500` is ¥1,500. */
  readonly amount: number;
  /** ISO 4217, e.g. `JPY`. */
  readonly currency: string;
  /** The merchant's order reference (KOMOJU `payment_data.external_order_num`: unique per session). */
  readonly orderId?: string;
  /** String key/values kept on the provider object (KOMOJU `metadata`). */
  readonly metadata?: Readonly<Record<string, string>>;
  /** The shopper's email when the merchant knows it (KOMOJU session `email`). */
  readonly email?: string;
}

export type AmountCallback = (ctx: AmountContext) => AmountDecision | Promise<AmountDecision>;

/**
 * What the handler reports to `onEvent`, for the merchant's logs. Never a key, never card data, never
 * a provider's raw body.
 */
export type KessaiServerEvent =
  | { readonly type: 'request'; readonly action: 'start' | 'complete' | 'status' }
  | { readonly type: 'rejected'; readonly status: number; readonly code: string; readonly message: string }
  | {
      readonly type: 'session_created';
      readonly provider: ProviderName;
      readonly sessionId: string;
      readonly amount: number;
      readonly currency: string;
      readonly methods: readonly PaymentMethod[];
    }
  | {
      readonly type: 'outcome';
      readonly provider: ProviderName;
      readonly action: 'status' | 'complete';
      readonly sessionId: string;
      readonly status: OutcomeStatus;
    }
  | {
      readonly type: 'provider_error';
      readonly provider: ProviderName;
      readonly action: 'start' | 'complete' | 'status';
      readonly failure: string;
      readonly httpStatus?: number;
      readonly providerCode?: string;
    }
  | { readonly type: 'callback_error'; readonly error: unknown }
  | { readonly type: 'internal_error'; readonly error: unknown };

/** Settings every provider shares. */
export interface CommonHandlerConfig {
  /** Decides amount and currency (and optionally the order reference) from the posted `context`. */
  readonly amount: AmountCallback;
  /**
   * Origins (`https://shop.example`) allowed to call the endpoint (checked against the `Origin`
   * header when present) and to receive the shopper back (`returnUrl`). Include your own.
   */
  readonly allowedOrigins: readonly string[];
  /** `fetch` for provider calls (tests, proxies, the in-process sandbox). Defaults to the global. */
  readonly fetch?: typeof fetch;
  /** Logging hook; never receives secrets. Exceptions it throws are ignored. */
  readonly onEvent?: (event: KessaiServerEvent) => void;
  /** Largest accepted request body in bytes. Default 16 KiB. */
  readonly maxBodyBytes?: number;
  /** Timeout of each provider call in milliseconds. Default 20 000. */
  readonly timeoutMs?: number;
}

export type { KessaiHandlerConfig } from './providers.ts';
