import type { ClientSession, EndpointClient } from '../core/protocol.ts';
import type { Outcome } from '../core/outcome.ts';
import type { CardDetails, KonbiniDetails } from '../core/payment-input.ts';
import type { Locale } from '../core/locale.ts';

/** Everything an adapter gets for one payment attempt. No DOM: URLs and values only. */
export interface AttemptContext {
  readonly session: ClientSession;
  readonly endpoint: EndpointClient;
  readonly locale: Locale;
  /**
   * The page URL the provider should send the shopper back to after 3-D Secure, already cleaned of
   * earlier return parameters. The adapter adds its provider's own parameters (KOMOJU `session_id`).
   */
  readonly pageUrl: string;
  /** One key per submit; sent as the provider's idempotency header where it has one. */
  readonly idempotencyKey: string;
  /** Aborted when the attempt is superseded (reset, a new start) or the element disconnects. */
  readonly signal: AbortSignal;
  /** `fetch` to use (tests inject one); defaults to the global. */
  readonly fetch?: typeof fetch;
}

/**
 * One per provider, in `src/providers/<name>/`. Adapters map the provider's real API onto the
 * normalized `Outcome`; they never throw across this boundary (a failure is a `failed` outcome), and
 * nothing provider-shaped leaves them.
 */
export interface ProviderAdapter {
  /** Card with our own fields (KOMOJU, UnivaPay). Absent where the provider's own fields are required. */
  payCard?(ctx: AttemptContext, card: CardDetails): Promise<Outcome>;
  payKonbini?(ctx: AttemptContext, konbini: KonbiniDetails): Promise<Outcome>;
  /**
   * The query parameters this provider puts on the return URL. When one of them is on the page URL and
   * an attempt was pending, the flow calls `resume` and then removes them with `history.replaceState`.
   */
  readonly returnParams: readonly string[];
  /** Finish the attempt after the shopper came back from a redirect (3-D Secure, payment app). */
  resume(ctx: AttemptContext, params: URLSearchParams): Promise<Outcome>;
}
