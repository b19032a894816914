import { createKessaiWebhookHandler, type KessaiHandler, type PaymentOptionsTransactionStore } from '../src/server/index.ts';
import type { Sandbox } from '../src/sandbox/index.ts';
import type { DemoOrders } from './orders.ts';

/**
 * The demo shop's webhook receivers at `/webhooks/<provider>`: KOMOJU's deliveries checked by their
 * HMAC signature, UnivaPay's by their `Authorization` header, Stripe's by `Stripe-Signature`, each verified delivery recorded once in
 * the shop's orders. The sandbox is told to deliver there (`registerDemoWebhooks`); it does so
 * in-process, through the demo's own handler.
 *
 * The secrets are the demo's own, made at start: a merchant copies theirs from the provider's
 * dashboard and keeps them in its server's environment.
 */
export interface DemoWebhooks {
  readonly handlers: Readonly<Record<string, KessaiHandler>>;
  readonly komojuSecret: string;
  readonly univapayAuthToken: string;
  readonly stripeSigningSecret: string;
  /** PAY.JP's account webhook token: the sandbox is made with it (`createSandbox({ payjp: { webhookToken } })`). */
  readonly payjpWebhookToken: string;
  /** The secret PaymentOptions' deliveries are signed with (the sandbox's scheme; PaymentOptions documents none). */
  readonly paymentoptionsSecret: string;
}

export function createDemoWebhooks(orders: DemoOrders, paymentoptionsTransactions: PaymentOptionsTransactionStore): DemoWebhooks {
  const komojuSecret = `demo_whsec_${crypto.randomUUID()}`;
  const univapayAuthToken = `Bearer demo-${crypto.randomUUID()}`;
  const stripeSigningSecret = `whsec_demo${crypto.randomUUID().replace(/-/g, '')}`;
  const payjpWebhookToken = `whook_demo${crypto.randomUUID().replace(/-/g, '')}`;
  const paymentoptionsSecret = `po_demo_${crypto.randomUUID()}`;
  const quiet = (): void => undefined;
  return {
    komojuSecret,
    univapayAuthToken,
    stripeSigningSecret,
    payjpWebhookToken,
    paymentoptionsSecret,
    handlers: {
      komoju: createKessaiWebhookHandler({ provider: 'komoju', secret: komojuSecret, onEvent: (e) => orders.record(e), onLog: quiet }),
      univapay: createKessaiWebhookHandler({
        provider: 'univapay',
        authToken: univapayAuthToken,
        onEvent: (e) => orders.record(e),
        onLog: quiet,
      }),
      paymentoptions: createKessaiWebhookHandler({
        provider: 'paymentoptions',
        secret: paymentoptionsSecret,
        transactions: paymentoptionsTransactions,
        onEvent: (e) => orders.record(e),
        onLog: quiet,
      }),
      payjp: createKessaiWebhookHandler({
        provider: 'payjp',
        webhookToken: payjpWebhookToken,
        onEvent: (e) => orders.record(e),
        onLog: quiet,
      }),
      stripe: createKessaiWebhookHandler({
        provider: 'stripe',
        signingSecret: stripeSigningSecret,
        onEvent: (e) => orders.record(e),
        onLog: quiet,
      }),
    },
  };
}

/** Registers the demo's receivers with the sandbox's emulators (deliveries stay in the process). */
export function registerDemoWebhooks(sandbox: Sandbox, webhooks: DemoWebhooks, shopOrigin: string): void {
  sandbox.komoju.webhooks.add({ url: `${shopOrigin}/webhooks/komoju`, secret: webhooks.komojuSecret }, { ping: false });
  sandbox.univapay.webhooks.add({ url: `${shopOrigin}/webhooks/univapay`, authToken: webhooks.univapayAuthToken });
  sandbox.stripe.webhooks.add({ url: `${shopOrigin}/webhooks/stripe`, secret: webhooks.stripeSigningSecret });
  sandbox.payjp.webhooks.add({ url: `${shopOrigin}/webhooks/payjp` });
}
