import type { KonbiniStore } from '../core/konbini-stores.ts';
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

export interface KomojuHandlerConfig extends CommonHandlerConfig {
  readonly provider: 'komoju';
  /** `sk_…`: stays on the server. */
  readonly secretKey: string;
  /** `pk_…`: given to the browser. */
  readonly publishableKey: string;
  /** The API the server calls. Default `https://komoju.com/api/v1`; the sandbox's for development. */
  readonly apiBase?: string;
  /** The API base the browser gets (the sandbox seen from the shopper's browser). Default `apiBase`. */
  readonly browserApiBase?: string;
  /** Methods to offer. Default `['card', 'konbini']`. */
  readonly methods?: readonly PaymentMethod[];
  /** Konbini chains to offer (within those KOMOJU allows the session). Default: all KOMOJU allows. */
  readonly konbiniStores?: readonly KonbiniStore[];
}

export interface UnivapayHandlerConfig extends CommonHandlerConfig {
  readonly provider: 'univapay';
  /** The app token (a JWT from the UnivaPay dashboard, bound to your domains): given to the browser. */
  readonly appToken: string;
  /** The app token's secret: stays on the server (`Authorization: Bearer {secret}.{appToken}`). */
  readonly secret: string;
  /** The store the app token belongs to (`/stores/{storeId}/charges/…`); also given to the browser. */
  readonly storeId: string;
  /** The API the server calls. Default `https://api.univapay.com`; the sandbox's for development. */
  readonly apiBase?: string;
  /** The API base the browser gets (the sandbox seen from the shopper's browser). Default `apiBase`. */
  readonly browserApiBase?: string;
  /** Methods to offer. Default `['card', 'konbini']`. */
  readonly methods?: readonly PaymentMethod[];
  /** Konbini chains to offer. Default: all six. */
  readonly konbiniStores?: readonly KonbiniStore[];
  /**
   * Take cards in our own inputs and send the card from the browser to UnivaPay's `POST /tokens`. Only
   * for a merchant that is PCI DSS compliant and that UnivaPay has allowed to send raw card data; any
   * other merchant gets 401 `DIRECT_CARD_TOKEN_CREATION_DISABLED`. Default false: the card is typed into
   * UnivaPay's own inline form (its iframe), and the page only ever sees the token id.
   */
  readonly directCardTokens?: boolean;
  /**
   * Key (32+ characters) signing the attempt ids the browser holds between `start` and `complete`.
   * Default: derived from `secret`. Set it to keep attempts valid across a secret rotation.
   */
  readonly signingKey?: string;
  /** How long after `start` an attempt can still be charged, in seconds. Default 3600. */
  readonly attemptTtlSeconds?: number;
  /**
   * Konbini payment deadline in days from the charge (the charge's `capture_at`, at 23:59:59 JST).
   * Default: none sent, UnivaPay's own (the dashboard's, 30 days unless changed).
   */
  readonly konbiniPaymentDays?: number;
  /**
   * Reads of a charge that is still `pending` before answering `processing` (each read long-polls
   * with `?polling=true`), and the pause between them. Default 3 reads, 1000 ms apart.
   */
  readonly polling?: { readonly attempts?: number; readonly intervalMs?: number };
}

/** Per-provider configuration of `createKessaiHandler`; more providers join this union. */
export type KessaiHandlerConfig = KomojuHandlerConfig | UnivapayHandlerConfig;
