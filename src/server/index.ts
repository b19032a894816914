/**
 * `kessai-elements/server`: the merchant endpoint the elements talk to (protocol v1), as one
 * web-standard `(request: Request) => Promise<Response>` handler per provider. It creates the provider
 * object with your secret key, takes the amount from your own callback (never from the browser),
 * accepts return URLs and callers only from your origins, and answers JSON that is never cached.
 * The secret key never leaves the server; card data never reaches it.
 *
 * @example Node `http`
 * ```ts
 * import { createServer } from 'node:http';
 * import { createKessaiHandler, toNodeListener } from 'kessai-elements/server';
 *
 * const komoju = createKessaiHandler({
 *   provider: 'komoju',
 *   secretKey: process.env.KOMOJU_SECRET_KEY!,
 *   publishableKey: process.env.KOMOJU_PUBLISHABLE_KEY!,
 *   allowedOrigins: ['https://shop.example'],
 *   // Look the cart up yourself: whatever the page posts is only a reference.
 *   amount: async ({ context }) => {
 *     const cart = await carts.get(String(context?.cartId));
 *     return { amount: cart.total, currency: 'JPY', orderId: cart.orderNumber };
 *   },
 * });
 * const listener = toNodeListener(komoju);
 * createServer((req, res) => {
 *   if (req.url === '/api/pay') void listener(req, res);
 *   else res.writeHead(404).end();
 * }).listen(3000);
 * ```
 *
 * @example Hono
 * ```ts
 * import { Hono } from 'hono';
 * const app = new Hono();
 * app.all('/api/pay', (c) => komoju(c.req.raw));
 * ```
 *
 * @example Next.js route handler (`app/api/pay/route.ts`)
 * ```ts
 * import { createKessaiHandler } from 'kessai-elements/server';
 * const handler = createKessaiHandler({ provider: 'komoju', ... });
 * export const POST = handler;
 * export const OPTIONS = handler; // only needed when the page is on another origin
 * ```
 *
 * @example Development against the embedded sandbox (no keys, no network)
 * ```ts
 * createKessaiHandler({
 *   provider: 'komoju',
 *   secretKey: 'sk_test_kessai_sandbox', publishableKey: 'pk_test_kessai_sandbox', // the sandbox's defaults
 *   apiBase: 'http://localhost:5173/sandbox/komoju/api/v1',
 *   allowedOrigins: ['http://localhost:5173'],
 *   amount: () => ({ amount: 1500, currency: 'JPY' }),
 * });
 * ```
 *
 * Answers: `start` → `{ session }`, `status` / `complete` → `{ outcome }`; errors →
 * `{ error: { code, message } }` with 400 (bad body, unknown action, refused `returnUrl`), 403 (an
 * `Origin` not in `allowedOrigins`), 405, 413, 415, 404 (unknown session), 502 (the provider failed)
 * or 500. Only `application/json` is accepted, so a cross-site HTML form cannot post to it.
 *
 * @module
 */
export { createKessaiHandler, createHandlerForProvider, type KessaiHandler } from './handler.ts';
export { toNodeListener } from './node.ts';
export type {
  AmountCallback,
  AmountContext,
  AmountDecision,
  CommonHandlerConfig,
  KessaiHandlerConfig,
  KessaiServerEvent,
} from './config.ts';
export type { KomojuHandlerConfig } from './komoju/config.ts';
export type { UnivapayHandlerConfig } from './univapay/config.ts';
export {
  EndpointRequestError,
  ProviderCallError,
  type CompleteInput,
  type ProviderCall,
  type ProviderFailure,
  type ServerProvider,
  type StartInput,
  type StatusInput,
} from './provider.ts';
export { createKomojuServerProvider } from './komoju/provider.ts';
export { createUnivapayServerProvider } from './univapay/provider.ts';
export type {
  ClientSession,
  EndpointRequest,
  OutcomeResponse,
  StartResponse,
} from '../core/protocol.ts';
export type { Outcome } from '../core/outcome.ts';
