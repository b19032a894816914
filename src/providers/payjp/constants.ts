/**
 * PAY.JP's fixed values the browser and the server share (docs/providers.md "PAY.JP").
 */

/** PAY.JP's API, which the merchant's server calls with the secret key (v2 paths below it). */
export const PAYJP_DEFAULT_API_BASE = 'https://api.pay.jp';

/** payments.js v2, the only place PAY.JP's card form comes from (`loadPayments` of @payjp/payments-js). */
export const PAYJP_JS_URL = 'https://js.pay.jp/payments.js';

/**
 * What PAY.JP adds to `return_url`: `payment_flow_id` / `payment_flow_client_secret` (seen only in
 * third-party code: UNCONFIRMED), `setup_flow_id` / `setup_flow_client_secret` (PAY.JP's Setup Flow guide).
 */
export const PAYJP_RETURN_PARAMS = [
  'payment_flow_id',
  'payment_flow_client_secret',
  'setup_flow_id',
  'setup_flow_client_secret',
] as const;

/** Where the server puts the flow's `client_secret` in the session's `extra`. */
export const PAYJP_CLIENT_SECRET_KEY = 'clientSecret';
