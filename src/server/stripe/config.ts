import type { KonbiniStore } from '../../core/konbini-stores.ts';
import type { PaymentMethod } from '../../core/protocol.ts';
import type { AmountContext, CommonHandlerConfig } from '../config.ts';
import type { CommonWebhookConfig } from '../webhook-config.ts';

/** `createKessaiHandler({ provider: 'stripe', … })` (docs/providers.md "Stripe"). */
export interface StripeHandlerConfig extends CommonHandlerConfig {
  readonly provider: 'stripe';
  /** `sk_…` (or a restricted `rk_…` key): stays on the server. */
  readonly secretKey: string;
  /** `pk_…`: given to the browser, for Stripe.js. */
  readonly publishableKey: string;
  /** The API the server calls. Default `https://api.stripe.com`; the sandbox's for development. */
  readonly apiBase?: string;
  /**
   * The API base the browser gets (the sandbox seen from the shopper's browser). Default `apiBase`.
   * With Stripe's own API the browser loads Stripe.js from `https://js.stripe.com/v3/`; with the
   * sandbox, its stand-in from `<browserApiBase>/v3/`.
   */
  readonly browserApiBase?: string;
  /** Methods to offer. Default `['card', 'konbini']`. */
  readonly methods?: readonly PaymentMethod[];
  /** Konbini chains to offer, within Stripe's four (no 7-Eleven, no Daily Yamazaki). Default: all four. */
  readonly konbiniStores?: readonly KonbiniStore[];
  /**
   * The Stripe Customer (`cus_…`) of the shopper making this request, from your own login session:
   * required for `mode: "setup"` (the saved card is attached to it), and for "Save this card" while
   * paying (`payAndSave`). Return undefined when the shopper is not known: setup is then refused with
   * 403 `no_customer`, and a payment offers no "Save this card".
   */
  readonly customer?: (ctx: AmountContext) => string | undefined | Promise<string | undefined>;
  /**
   * Whether a payment offers "Save this card" to a shopper your `customer` callback knows (default
   * `true`): the card is saved to their Customer when the payment succeeds (a PaymentIntent with
   * `setup_future_usage: off_session`). `false`: cards are saved in setup mode only, and `start` with
   * `saveCard` is answered 400 `unsupported`. Guests are never offered it.
   */
  readonly payAndSave?: boolean;
  /** `usage` of a SetupIntent: `off_session` (the default: you charge the saved card later) or `on_session`. */
  readonly setupUsage?: 'off_session' | 'on_session';
  /** Days a konbini payment can be paid in (`payment_method_options.konbini.expires_after_days`, 1–60). Default: Stripe's, 3. */
  readonly konbiniExpiresAfterDays?: number;
  /** Text shown at the store (`payment_method_options.konbini.product_description`, ≤ 22 characters). */
  readonly konbiniProductDescription?: string;
  /**
   * `Stripe-Version` to send. Default `2026-10-28.endive`, the version this module is written for (an
   * account's own default may be older or newer).
   */
  readonly apiVersion?: string;
}

/**
 * `createKessaiWebhookHandler({ provider: 'stripe', … })`: Stripe's webhooks (docs/providers.md
 * "Stripe"). Each delivery is verified with `Stripe-Signature` (`t=<unix seconds>,v1=<hex>`: HMAC-SHA256
 * of `<t>.<raw body>` keyed with the endpoint's signing secret), within `toleranceSeconds` of now.
 */
export interface StripeWebhookConfig extends CommonWebhookConfig {
  readonly provider: 'stripe';
  /** The endpoint's signing secret, `whsec_…` (dashboard → Webhooks → the endpoint). Never logged. */
  readonly signingSecret: string;
  /** How old a signature's timestamp may be, in seconds. Default 300, as Stripe's libraries. */
  readonly toleranceSeconds?: number;
}
