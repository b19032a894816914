import { createKessaiWebhookHandler, createMemoryTransactionStore } from '../../../src/server/index.ts';
import type { ProviderKit } from '../kit.ts';

/**
 * PaymentOptions on its emulator: new cards on its hosted page (the kit plays the shopper's browser on
 * that page: load it, type the card, Pay, follow the redirect), the result kept from its webhook by the
 * merchant's webhook handler in the store the endpoint reads. Test cards are the sandbox's own
 * (PaymentOptions publishes none; docs/providers.md "PaymentOptions"). No konbini.
 */
const SECRET = 'po_contract_webhook_secret';
let transactions = createMemoryTransactionStore();
let webhooks = makeWebhooks();

function makeWebhooks() {
  return createKessaiWebhookHandler({ provider: 'paymentoptions', secret: SECRET, transactions, onEvent: () => undefined, onLog: () => undefined });
}

export const kit: ProviderKit = {
  provider: 'paymentoptions',
  get sandbox() {
    // A fresh store per world, shared by the endpoint and the webhook receiver the sandbox delivers to.
    transactions = createMemoryTransactionStore();
    webhooks = makeWebhooks();
    return { webhookFetch: (url: string | URL | Request, init?: RequestInit) => webhooks(new Request(url, init)), paymentoptions: { webhookSigning: { secret: SECRET } } };
  },
  async handlerConfig(sandbox, apiOrigin, pageOrigin) {
    const po = sandbox.paymentoptions;
    return {
      provider: 'paymentoptions',
      apiKey: po.apiKey,
      xApiKey: po.xApiKey,
      merchantId: po.merchantId,
      apiBase: `${apiOrigin}${po.basePath}`,
      webhookUrl: `${pageOrigin}/webhooks/paymentoptions`,
      transactions,
    };
  },
  cards: { success: '4000000000001091', challenge: '4000002500003155', decline: '4000000000000002' },
  declineReason: 'card_declined',
  charged: (sandbox) =>
    sandbox.paymentoptions.inspect
      .transactions()
      .map((tx) => tx as { status?: string })
      .filter((tx) => tx.status === 'success').length,
  hostedPage: (sandbox, browserFetch) => {
    // One browser: the same link sent twice (a double submit) is one page, filled once.
    const filled = new Map<string, Promise<string>>();
    return {
    fill(url, card) {
      let going = filled.get(url);
      if (!going) {
        going = fillOnce(url, card);
        filled.set(url, going);
      }
      return going;
    },
    settled: () => sandbox.paymentoptions.webhooks.idle(),
    };

    async function fillOnce(url: string, card: { number: string; expMonth: number; expYear: number; cvc: string; name: string }): Promise<string> {
      const page = await browserFetch(url);
      if (page.status !== 200) throw new Error(`the hosted page answered ${page.status}`);
      const form = new URLSearchParams({
        card_number: card.number,
        card_expiry: `${String(card.expMonth).padStart(2, '0')}/${String(card.expYear % 100).padStart(2, '0')}`,
        card_cvc: card.cvc,
        card_name: card.name,
        action: 'pay',
      });
      const done = await browserFetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: new URL(url).origin },
        body: form.toString(),
        redirect: 'manual',
      });
      const location = done.headers.get('location');
      if (done.status !== 303 || !location) throw new Error(`the hosted page answered ${done.status}: ${await done.text()}`);
      return new URL(location, url).href;
    }
  },
};
