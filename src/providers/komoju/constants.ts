/**
 * The real KOMOJU API (docs/providers.md "KOMOJU"). The sandbox replaces it only when the merchant's
 * server says so.
 */
export const KOMOJU_DEFAULT_API_BASE = 'https://komoju.com/api/v1';

/**
 * Sent as `X-KOMOJU-API-VERSION` by the server module, as KOMOJU's mobile SDK and its server example do
 * (docs/providers.md "KOMOJU › Calls the code makes").
 */
export const KOMOJU_API_VERSION = '2024-07-15';

/** The `payment_types` / `payment_details.type` slugs of the two methods Kessai Elements takes. */
export const KOMOJU_PAYMENT_TYPES = { card: 'credit_card', konbini: 'konbini' } as const;
