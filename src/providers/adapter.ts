import type { CardSurface } from '../core/card-surface.ts';
import type { ClientSession, EndpointClient, PaymentMethod } from '../core/protocol.ts';
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
  /**
   * How the page shows a 3-D Secure step (`challenge` attribute): `redirect`, the whole page goes to
   * the bank; `iframe`, a frame over the page. A provider whose own script runs the step in its own
   * modal (Stripe.js) does so for `iframe`; others return the step as a next action either way.
   */
  readonly challenge?: 'redirect' | 'iframe';
  /**
   * For a provider whose own script navigates the page away itself (PAY.JP's `confirmPayment` on
   * success and for 3-D Secure): called just before, so the flow keeps the attempt for the return as it
   * does before following a redirect. Returns the function to call if the page stays after all (the
   * script answered an error instead): the attempt is then forgotten.
   */
  readonly leaving?: (method: PaymentMethod, reference?: string) => () => void;
  /** One key per submit; sent as the provider's idempotency header where the provider allows one. */
  readonly idempotencyKey: string;
  /** Aborted when the attempt is superseded (reset, a new start) or the element disconnects. */
  readonly signal: AbortSignal;
  /** `fetch` to use (tests inject one); defaults to the global. */
  readonly fetch?: typeof fetch;
}

/** What a resume gets beside the return URL's parameters: what was recorded before leaving. */
export interface ResumeContext extends AttemptContext {
  /** The provider reference the attempt recorded before the redirect (a UnivaPay charge id). */
  readonly reference: string | undefined;
}

/** A card to pay: typed into our inputs, or into the provider's own form (its card surface). */
export type CardPayment =
  | { readonly card: CardDetails }
  /** `save`: the shopper ticked "Save this card" (a session whose `canSaveCard` is for this form). */
  | { readonly surface: CardSurface; readonly name: string | undefined; readonly save?: boolean }
  /** A saved card, by the opaque id the session listed. */
  | { readonly saved: string }
  /** A new card on the provider's hosted page. */
  | { readonly hosted: { readonly save: boolean } };

/** How an adapter pays each method it takes; a method it lacks is not offered. */
export interface MethodPayers {
  readonly card?: (ctx: AttemptContext, card: CardPayment) => Promise<Outcome>;
  readonly konbini?: (ctx: AttemptContext, konbini: KonbiniDetails) => Promise<Outcome>;
}

/** What a card surface is made with: the session, and the page's locale. */
export interface SurfaceContext {
  readonly session: ClientSession;
  readonly locale: Locale;
}

/**
 * One per provider, in `src/providers/<name>/` (its own lazy chunk, see `manifest.ts`). Adapters map
 * the provider's real API onto the normalized `Outcome`; they never throw across this boundary (a
 * failure is a `failed` outcome), and nothing provider-shaped leaves them.
 */
export interface ProviderAdapter {
  readonly pay: MethodPayers;
  /**
   * The provider's own card form for a session whose `cardEntry` is `surface` (Stripe, PAY.JP, UnivaPay's
   * inline form). The only part of an adapter that touches the DOM (the nodes it is given to mount in).
   */
  createCardSurface?(ctx: SurfaceContext): CardSurface;
  /** Finish the attempt after the shopper came back from a redirect (3-D Secure, payment app). */
  resume(ctx: ResumeContext, params: URLSearchParams): Promise<Outcome>;
}
