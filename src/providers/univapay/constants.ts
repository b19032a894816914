/**
 * The real UnivaPay API (docs/providers.md "UnivaPay"). The sandbox replaces it only when the
 * merchant's server says so.
 */
export const UNIVAPAY_DEFAULT_API_BASE = 'https://api.univapay.com';

/**
 * The `payment_type` of the two methods Kessai Elements takes (docs/providers.md
 * "UnivaPay › Calls the code makes").
 */
export const UNIVAPAY_PAYMENT_TYPES = { card: 'card', konbini: 'konbini' } as const;

/**
 * Keys Kessai Elements puts in a charge's `metadata` (flat, string values: docs/providers.md
 * "UnivaPay › Calls the code makes"), which bind the charge to the attempt that created it and let
 * `status` answer without any store of its own.
 */
export const UNIVAPAY_METADATA = {
  attempt: 'kessai_attempt',
  method: 'kessai_method',
  store: 'kessai_store',
  orderId: 'kessai_order_id',
} as const;

/**
 * The slip keys of a konbini charge's `metadata` once it is `awaiting` (docs/providers.md
 * "UnivaPay › Statuses and our Outcome").
 */
export const UNIVAPAY_SLIP_METADATA = {
  paymentNumber: 'internal_convenience_payment_number',
  slipUrl: 'internal_convenience_payment_url',
} as const;

/**
 * The shape of an app token: a JWT, three base64url parts (the signature may be empty for `alg: none`,
 * never here). A `secret.jwt` pair has four and must never reach the browser.
 */
export const UNIVAPAY_APP_TOKEN_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
