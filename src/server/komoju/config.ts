import type { KonbiniStore } from '../../core/konbini-stores.ts';
import type { PaymentMethod } from '../../core/protocol.ts';
import type { AmountContext, CommonHandlerConfig } from '../config.ts';
import type { CommonWebhookConfig } from '../webhook-config.ts';

/** `createKessaiHandler({ provider: 'komoju', … })` (docs/providers.md "KOMOJU"). */
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
  /**
   * The KOMOJU customers (`customer_id`s) of the shopper making this request, from your own login
   * session: each holds one saved card, listed first at `start` and paid in one click through
   * `complete`. Undefined (or none) for a guest. The ids stay on the server: the page sees an opaque
   * id per card (an HMAC of the customer id under your secret key), mapped back here.
   */
  readonly customer?: (ctx: AmountContext) => string | readonly string[] | undefined | Promise<string | readonly string[] | undefined>;
  /**
   * A card was saved: a `mode: "setup"` checkout completed a KOMOJU session in `customer` mode, or a
   * payment where the shopper ticked "Save this card" completed a `customer_payment` session (`ctx.mode`
   * is then `payment`). Keep `customerId` with the shopper of `ctx` (and return it from `customer` on
   * their next visit). Setting it enables setup mode and "Save this card" (without it `mode: "setup"` and
   * `saveCard` are answered 400 `unsupported`). Refusing with `EndpointRequestError` after a payment
   * leaves the payment reported as succeeded, without a saved card. It may be called
   * more than once for the same customer (the browser may ask `status` again): store by `customerId`,
   * and keep it with the first shopper it was saved for (the session id that reports it is known only to
   * the browser that started it, but a repeat must never move a card to another account). Throw
   * `EndpointRequestError` to refuse (e.g. 403 for a guest).
   */
  readonly onCardSaved?: (ctx: AmountContext, card: KomojuSavedCard) => void | Promise<void>;
  /**
   * Whether a payment offers "Save this card" when `onCardSaved` is set (default `true`). `false`: cards
   * are saved in setup mode only, and `start` with `saveCard` is answered 400 `unsupported`.
   */
  readonly payAndSave?: boolean;
}

/** A card saved on a KOMOJU customer, as `onCardSaved` receives it. */
export interface KomojuSavedCard {
  /** KOMOJU's customer id: keep it on your server, never hand it to the page. */
  readonly customerId: string;
  /** The opaque id the page was told (`paymentMethodId` of the outcome, `id` in `savedCards`). */
  readonly id: string;
  readonly brand: string;
  readonly last4: string;
  readonly expMonth: number;
  readonly expYear: number;
}

/**
 * `createKessaiWebhookHandler({ provider: 'komoju', … })`: KOMOJU's webhooks (docs/providers.md "KOMOJU",
 * "Return URL, webhooks, idempotency"). Each delivery is verified with `X-Komoju-Signature`, the
 * lower-case hex HMAC-SHA256 of the raw body keyed with `secret`.
 */
export interface KomojuWebhookConfig extends CommonWebhookConfig {
  readonly provider: 'komoju';
  /**
   * The webhook's secret token (dashboard → Webhooks → the webhook's "Secret"), not the API's
   * `sk_…` key. Stays on the server; never logged.
   */
  readonly secret: string;
}
