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
 * ## Webhooks
 *
 * `createKessaiWebhookHandler(config)` is the URL you register with the provider for its
 * notifications, another `(request: Request) => Promise<Response>`. It checks the delivery (KOMOJU:
 * `X-Komoju-Signature`, the hex HMAC-SHA256 of the raw body with the webhook's secret token; UnivaPay:
 * the `Authorization` header, exactly the webhook's `auth_token`), reads the payment it is about, and
 * calls your `onEvent` once per delivery with one `KessaiWebhookEvent`: `{ provider, deliveryId, type,
 * paymentId, sessionId?, orderId?, status, amount, currency, method?, occurredAt? }`, where `status` is
 * `succeeded` | `pending` | `failed` | `expired` | `canceled` | `refunded`. It answers 200 only after
 * `onEvent` resolved, and 500 when it threw (the provider sends the notification again); 401 for a
 * wrong or missing signature or token, 400 for a body that is not the provider's JSON, 413 over
 * `maxBodyBytes` (64 KiB), 405 for anything but POST. `ping` and events about other things than a
 * payment's status are answered 200 and not passed on. Mount it where the raw body is still unread
 * (no JSON body parser before it): the signature is over the exact bytes.
 *
 * A delivery id seen before reaches `onEvent` once (answered 200 `duplicate`); two copies arriving at
 * once are handled one after the other. The default memory of delivery ids is this process's
 * (10 000 ids, 7 days). To make it durable, pass `dedupe: { seen, remember }` backed by a table with a
 * unique key on the delivery key, and do the order update and that insert in one transaction in
 * `onEvent` when several instances receive webhooks (see `WebhookDedupeStore`).
 *
 * @example KOMOJU webhooks (Hono)
 * ```ts
 * import { createKessaiWebhookHandler } from 'kessai-elements/server';
 *
 * const komojuWebhooks = createKessaiWebhookHandler({
 *   provider: 'komoju',
 *   secret: process.env.KOMOJU_WEBHOOK_SECRET!, // the webhook's secret token, not sk_…
 *   onEvent: async (event) => {
 *     if (event.status === 'succeeded') await orders.markPaid(event.orderId!, event.paymentId);
 *     if (event.status === 'expired') await orders.release(event.orderId!);
 *   },
 * });
 * app.post('/webhooks/komoju', (c) => komojuWebhooks(c.req.raw));
 * ```
 *
 * @example UnivaPay webhooks (Next.js route handler `app/webhooks/univapay/route.ts`)
 * ```ts
 * export const POST = createKessaiWebhookHandler({
 *   provider: 'univapay',
 *   authToken: process.env.UNIVAPAY_WEBHOOK_AUTH!, // the webhook's Authorization header value, as entered
 *   onEvent: (event) => orders.update(event.orderId, event.status),
 * });
 * ```
 *
 * @module
 */
export { createKessaiHandler, createHandlerForProvider, type KessaiHandler } from './handler.ts';
export {
  createKessaiWebhookHandler,
  createWebhookHandlerForProvider,
  defaultWebhookLog,
  type WebhookResult,
} from './webhook-handler.ts';
export {
  kessaiWebhookEventSchema,
  WEBHOOK_STATUSES,
  type KessaiWebhookEvent,
  type WebhookPaymentStatus,
} from './webhook-event.ts';
export type {
  CommonWebhookConfig,
  KessaiWebhookConfig,
  KessaiWebhookLog,
  WebhookCallback,
  WebhookDedupeStore,
} from './webhook-config.ts';
export { createMemoryDedupeStore, type MemoryDedupeOptions } from './webhook-dedupe.ts';
export type { WebhookAuthentication, WebhookInterpretation, WebhookProvider } from './webhook-provider.ts';
export { toNodeListener } from './node.ts';
export type {
  AmountCallback,
  AmountContext,
  AmountDecision,
  CommonHandlerConfig,
  KessaiHandlerConfig,
  KessaiServerEvent,
} from './config.ts';
export type { KomojuHandlerConfig, KomojuSavedCard, KomojuWebhookConfig } from './komoju/config.ts';
export type { UnivapayHandlerConfig, UnivapayWebhookConfig } from './univapay/config.ts';
export type { StripeHandlerConfig, StripeWebhookConfig } from './stripe/config.ts';
export type { PayjpHandlerConfig, PayjpWebhookConfig } from './payjp/config.ts';
export type { PaymentOptionsHandlerConfig, PaymentOptionsSavedCard, PaymentOptionsWebhookConfig } from './paymentoptions/config.ts';
export { createMemoryTransactionStore, type PaymentOptionsTransaction, type PaymentOptionsTransactionStore } from './paymentoptions/transactions.ts';
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
export { createStripeServerProvider } from './stripe/provider.ts';
export { createPayjpServerProvider } from './payjp/provider.ts';
export { createKomojuWebhookProvider } from './komoju/webhook.ts';
export { createUnivapayWebhookProvider } from './univapay/webhook.ts';
export { createStripeWebhookProvider } from './stripe/webhook.ts';
export { createPayjpWebhookProvider } from './payjp/webhook.ts';
export type {
  ClientSession,
  EndpointRequest,
  OutcomeResponse,
  StartResponse,
} from '../core/protocol.ts';
export type { Outcome } from '../core/outcome.ts';
