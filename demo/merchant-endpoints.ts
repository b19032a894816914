import { createKessaiHandler, EndpointRequestError, type KessaiHandler } from '../src/server/index.ts';
import type { Sandbox } from '../src/sandbox/index.ts';
import type { PaymentOptionsTransactionStore, UnivapaySavedCard } from '../src/server/index.ts';
import type { DemoShoppers } from './shoppers.ts';

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
  /** The demo's shoppers (by cookie) and their saved cards. */
  readonly shoppers: DemoShoppers;
  /** Where PaymentOptions' results wait for the shopper's return; shared with the shop's webhook receiver. */
  readonly paymentoptionsTransactions: PaymentOptionsTransactionStore;
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
  return {
    // KOMOJU, in payment and setup mode: our own card inputs; the demo shopper's saved cards in one click.
    komoju: komojuHandler(ctx),
    // UnivaPay as most merchants use it: cards in UnivaPay's inline form, the shopper types the email there;
    // a shop with accounts: saved cards, setup mode, and "Save this card" while paying.
    univapay: univapayHandler(ctx, false, true),
    // The same for a shop without accounts (guests only): no saved cards, no "Save this card", one-time tokens.
    'univapay-guest': univapayHandler(ctx, false, false),
    // A PCI DSS merchant UnivaPay allows to send raw card data: our own card inputs (the demo's "PCI DSS
    // merchant" option); the shop names the shopper's email, which a card token needs.
    'univapay-pci': univapayHandler(ctx, true, true),
    // Stripe, in payment and setup mode: cards in Stripe's own fields (the sandbox's Stripe.js).
    stripe: stripeHandler(ctx),
    // PAY.JP v2, in payment and setup mode: cards in payments.js's form (the sandbox's stand-in).
    payjp: payjpHandler(ctx),
    // PaymentOptions: new cards on its hosted page, the demo shopper's saved cards in one click.
    paymentoptions: paymentoptionsHandler(ctx),
    // PAY.JP and PaymentOptions join here as their server modules and emulators land:
    // `/api/<provider>` → createKessaiHandler({ provider, …keys of the sandbox… }).
  };
}

/**
 * KOMOJU on the sandbox. Setup mode saves the card on a new KOMOJU customer, whose id the shop keeps
 * with the demo shopper (by cookie; a real shop keeps it with the account) and never gives the page;
 * the shopper's customers are their saved cards on the next visit.
 */
function komojuHandler(ctx: MerchantEndpointsContext): KessaiHandler {
  const { sandbox, sandboxOrigin, pageOrigin, shoppers } = ctx;
  const customers = new Map<string, readonly string[]>();
  return createKessaiHandler({
    provider: 'komoju',
    secretKey: sandbox.komoju.secretKey,
    publishableKey: sandbox.komoju.publishableKey,
    apiBase: `${sandboxOrigin}${sandbox.komoju.basePath}/api/v1`,
    fetch: sandbox.fetch,
    allowedOrigins: [pageOrigin],
    amount: ({ context }) => demoAmount(context),
    customer: ({ request }) => {
      const shopper = shoppers.idOf(request);
      return shopper ? customers.get(shopper) : undefined;
    },
    onCardSaved: ({ request }, card) => {
      const shopper = shoppers.idOf(request);
      if (!shopper) throw new EndpointRequestError(403, 'no_customer', 'Saving a card needs a signed-in shopper.');
      // A customer belongs to the first shopper it was saved for (`status` may report it again).
      if ([...customers.values()].some((ids) => ids.includes(card.customerId))) return;
      customers.set(shopper, [...(customers.get(shopper) ?? []), card.customerId]);
    },
  });
}

/**
 * UnivaPay on the sandbox: an app token bound to the page's origin (what a merchant copies from
 * UnivaPay's dashboard), issued once on the first request (signing is async), and its secret kept here.
 * `directCardTokens`: whether this merchant may send raw card data (PCI DSS, enabled by UnivaPay), for
 * the app token and the handler alike. `accounts`: whether the shop keeps cards for its shoppers
 * (`savedCards` and `onCardSaved`: setup mode, saved cards, "Save this card" while paying).
 */
function univapayHandler(ctx: MerchantEndpointsContext, directCardTokens: boolean, accounts: boolean): KessaiHandler {
  const { sandbox, sandboxOrigin, pageOrigin, shoppers } = ctx;
  let handler: Promise<KessaiHandler> | undefined;
  const make = async (): Promise<KessaiHandler> => {
    const { appToken, secret, storeId } = await sandbox.univapay.issueAppToken({ origins: [pageOrigin], directCardTokens });
    return createKessaiHandler({
      provider: 'univapay',
      appToken,
      secret,
      storeId,
      directCardTokens,
      apiBase: `${sandboxOrigin}${sandbox.univapay.basePath}`,
      fetch: sandbox.fetch,
      allowedOrigins: [pageOrigin],
      amount: ({ context, mode }) => ({
        ...(mode === 'setup' ? { amount: 0, currency: 'JPY' } : demoAmount(context)),
        ...(directCardTokens ? { email: DEMO_SHOPPER_EMAIL } : {}),
      }),
      // Setup mode, and "Save this card" while paying, save a recurring token for the demo shopper (by
      // cookie); their cards come first when paying. `require`: a saved card's charge runs 3-D Secure again
      // (the sandbox's challenge card asks the shopper; other cards pass without a challenge).
      ...(accounts
        ? {
            savedCards: ({ request }: { request: Request }) => {
              const shopper = shoppers.idOf(request);
              return shopper ? shoppers.univapayCards(shopper) : [];
            },
            onCardSaved: ({ request }: { request: Request }, card: Omit<UnivapaySavedCard, 'id'>) => {
              const shopper = shoppers.idOf(request);
              if (!shopper) throw new Error('the demo saves cards for a shopper with its cookie only');
              return shoppers.saveUnivapay(shopper, card);
            },
            savedCardThreeDsMode: 'require' as const,
          }
        : {}),
    });
  };
  return async (request) => (await (handler ??= make()))(request);
}

/**
 * Stripe on the sandbox. Setup mode saves the card on the demo's one signed-in shopper: a Stripe
 * Customer the shop finds by email with its secret key, or creates on first use (a real shop looks its
 * shopper up from its own login session and keeps the `cus_…` id with the account). Looked up on each
 * setup, so that a sandbox reset (tests) is no trouble.
 */
function stripeHandler(ctx: MerchantEndpointsContext): KessaiHandler {
  const { sandbox, sandboxOrigin, pageOrigin } = ctx;
  const apiBase = `${sandboxOrigin}${sandbox.stripe.basePath}`;
  const call = async (path: string, init: RequestInit = {}): Promise<Record<string, unknown>> => {
    const response = await sandbox.fetch(`${apiBase}${path}`, {
      ...init,
      headers: { Authorization: `Bearer ${sandbox.stripe.secretKey}`, 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    const body = (await response.json()) as Record<string, unknown>;
    if (!response.ok) throw new Error(`the sandbox answered HTTP ${response.status} to ${path}`);
    return body;
  };
  const demoCustomer = async (): Promise<string> => {
    const found = await call(`/v1/customers?email=${encodeURIComponent(DEMO_SHOPPER_EMAIL)}`);
    const known = Array.isArray(found['data']) ? (found['data'][0] as { id?: unknown } | undefined)?.id : undefined;
    if (typeof known === 'string') return known;
    const made = await call('/v1/customers', {
      method: 'POST',
      body: new URLSearchParams({ email: DEMO_SHOPPER_EMAIL, name: 'Demo Shopper' }).toString(),
    });
    return String(made['id']);
  };
  return createKessaiHandler({
    provider: 'stripe',
    secretKey: sandbox.stripe.secretKey,
    publishableKey: sandbox.stripe.publishableKey,
    apiBase,
    fetch: sandbox.fetch,
    allowedOrigins: [pageOrigin],
    amount: ({ context, mode }) => (mode === 'setup' ? { amount: 0, currency: 'JPY' } : demoAmount(context)),
    customer: demoCustomer,
  });
}

/**
 * PAY.JP v2 on the sandbox. Setup mode saves the card on the demo's one signed-in shopper, a PAY.JP
 * customer the shop creates with its secret key on first use (looked up by its own id, which PAY.JP lets
 * the shop choose: the demo's is fixed).
 */
function payjpHandler(ctx: MerchantEndpointsContext): KessaiHandler {
  const { sandbox, sandboxOrigin, pageOrigin } = ctx;
  const apiBase = `${sandboxOrigin}${sandbox.payjp.basePath}`;
  const CUSTOMER = 'cus_demo_shopper';
  const demoCustomer = async (): Promise<string> => {
    const auth = { Authorization: `Bearer ${sandbox.payjp.secretKey}` };
    const known = await sandbox.fetch(`${apiBase}/v2/customers/${CUSTOMER}`, { headers: auth });
    if (known.ok) return CUSTOMER;
    const made = await sandbox.fetch(`${apiBase}/v2/customers`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ id: CUSTOMER, email: DEMO_SHOPPER_EMAIL }),
    });
    if (!made.ok) throw new Error(`the sandbox made no PAY.JP customer (HTTP ${made.status})`);
    return CUSTOMER;
  };
  return createKessaiHandler({
    provider: 'payjp',
    secretKey: sandbox.payjp.secretKey,
    publicKey: sandbox.payjp.publicKey,
    apiBase,
    fetch: sandbox.fetch,
    allowedOrigins: [pageOrigin],
    amount: ({ context, mode }) => (mode === 'setup' ? { amount: 0, currency: 'JPY' } : demoAmount(context)),
    customer: demoCustomer,
  });
}

/** PaymentOptions on the sandbox: its hosted page for new cards, the demo shopper's saved cards. */
function paymentoptionsHandler(ctx: MerchantEndpointsContext): KessaiHandler {
  const { sandbox, sandboxOrigin, pageOrigin, shoppers } = ctx;
  const po = sandbox.paymentoptions;
  return createKessaiHandler({
    provider: 'paymentoptions',
    apiKey: po.apiKey,
    xApiKey: po.xApiKey,
    merchantId: po.merchantId,
    apiBase: `${sandboxOrigin}${po.basePath}`,
    webhookUrl: `${pageOrigin}/webhooks/paymentoptions`,
    transactions: ctx.paymentoptionsTransactions,
    fetch: sandbox.fetch,
    allowedOrigins: [pageOrigin],
    amount: ({ context }) => demoAmount(context),
    savedCards: ({ request }) => {
      const shopper = shoppers.idOf(request);
      return shopper ? shoppers.savedCards(shopper) : [];
    },
    onCardSaved: ({ request }, card) => {
      const shopper = shoppers.idOf(request);
      if (shopper) shoppers.save(shopper, card);
    },
  });
}
