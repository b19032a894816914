/**
 * Stripe's fixed values the browser and the server share (docs/providers.md "Stripe").
 */

/** Stripe's API, which the merchant's server calls with the secret key. */
export const STRIPE_DEFAULT_API_BASE = 'https://api.stripe.com';

/** Stripe.js, the only place Stripe's card fields come from (docs.stripe.com/js: "always load from js.stripe.com"). */
export const STRIPE_JS_URL = 'https://js.stripe.com/v3/';

/**
 * The Stripe API version the server's calls are written for, sent as `Stripe-Version` (the version
 * stripe-node 23.1 pins; docs/providers.md "Stripe"). From 2026-09-30.endive, intents are created with
 * `allowed_payment_method_types`: `payment_method_types` is no longer accepted on create.
 */
export const STRIPE_API_VERSION = '2026-10-28.endive';

/** Our methods as Stripe's payment method types. */
export const STRIPE_PAYMENT_TYPES = { card: 'card', konbini: 'konbini' } as const;

/** The return parameters Stripe adds to `return_url` after a redirect (stripe-js `PaymentIntent` / `SetupIntent` guides). */
export const STRIPE_RETURN_PARAMS = [
  'payment_intent',
  'payment_intent_client_secret',
  'setup_intent',
  'setup_intent_client_secret',
  'redirect_status',
] as const;

/** Where the server puts the intent's `client_secret` in the session's `extra`. */
export const STRIPE_CLIENT_SECRET_KEY = 'clientSecret';
