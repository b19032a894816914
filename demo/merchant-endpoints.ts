import { createKessaiHandler, type KessaiHandler } from '../src/server/index.ts';
import type { Sandbox } from '../src/sandbox/index.ts';

/**
 * The reference merchant endpoints the demo page talks to, one per provider at `/api/<provider>`,
 * wired to the embedded sandbox: the server side calls the emulator in-process (`sandbox.fetch`) and
 * the browser is told to reach it on the sandbox origin, another origin than the page's.
 */
export interface MerchantEndpointsContext {
  /** The origin the page was opened on (`http://localhost:5173`). */
  readonly pageOrigin: string;
  /** Where the browser reaches the sandbox (`http://127.0.0.1:5173`, see `sandboxOriginFor`). */
  readonly sandboxOrigin: string;
  readonly sandbox: Sandbox;
}

/** The demo shopper's email, which the UnivaPay endpoint puts on card tokens. */
const DEMO_SHOPPER_EMAIL = 'shopper@example.jp';

/** What the demo charges: the page's `context.cart` names a cart; anything else costs the default. */
const DEMO_CARTS: Readonly<Record<string, number>> = { 'demo-cart-1': 1980 };

function demoAmount(context: Readonly<Record<string, unknown>> | undefined) {
  const cart = typeof context?.['cart'] === 'string' ? context['cart'] : '';
  return {
    amount: DEMO_CARTS[cart] ?? 1980,
    currency: 'JPY',
    // KOMOJU wants an order number unique per session.
    orderId: `demo-${Date.now().toString(36)}-${crypto.randomUUID().slice(0, 8)}`,
  };
}

/** The endpoints by provider name, for one page origin. */
export function merchantHandlers(ctx: MerchantEndpointsContext): Readonly<Record<string, KessaiHandler>> {
  const { sandbox, sandboxOrigin, pageOrigin } = ctx;
  return {
    komoju: createKessaiHandler({
      provider: 'komoju',
      secretKey: sandbox.komoju.secretKey,
      publishableKey: sandbox.komoju.publishableKey,
      apiBase: `${sandboxOrigin}${sandbox.komoju.basePath}/api/v1`,
      fetch: sandbox.fetch,
      allowedOrigins: [pageOrigin],
      amount: ({ context }) => demoAmount(context),
    }),
    univapay: univapayHandler(ctx),
    // PAY.JP, Stripe and PaymentOptions join here as their server modules and
    // emulators land: `/api/<provider>` → createKessaiHandler({ provider, …keys of the sandbox… }).
  };
}

/**
 * UnivaPay on the sandbox: an app token bound to the page's origin (what a merchant copies from
 * UnivaPay's dashboard), issued once on the first request (signing is async), and its secret kept here.
 *
 * For now the token may send raw card data (`directCardTokens: true`, as UnivaPay allows a PCI DSS
 * merchant), because the checkout still takes UnivaPay cards with its own fields; once it uses
 * UnivaPay's inline form (`/sandbox/univapay/client/checkout.js`) this goes. UnivaPay wants the
 * shopper's email on a card token and the card form has none, so the demo shop names one.
 */
function univapayHandler(ctx: MerchantEndpointsContext): KessaiHandler {
  const { sandbox, sandboxOrigin, pageOrigin } = ctx;
  let handler: Promise<KessaiHandler> | undefined;
  const make = async (): Promise<KessaiHandler> => {
    const { appToken, secret, storeId } = await sandbox.univapay.issueAppToken({ origins: [pageOrigin], directCardTokens: true });
    return createKessaiHandler({
      provider: 'univapay',
      appToken,
      secret,
      storeId,
      apiBase: `${sandboxOrigin}${sandbox.univapay.basePath}`,
      fetch: sandbox.fetch,
      allowedOrigins: [pageOrigin],
      amount: ({ context }) => ({ ...demoAmount(context), email: DEMO_SHOPPER_EMAIL }),
    });
  };
  return async (request) => (await (handler ??= make()))(request);
}
