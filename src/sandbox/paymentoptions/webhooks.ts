import { WebhookDispatcher, type WebhookDelivery, type WebhookDeliveryFilter } from '../shared/webhooks.ts';
import type { PaymentOptionsContext } from './context.ts';
import type { ResolvedPaymentOptionsOptions } from './options.ts';
import { webhookBody } from './serialize.ts';
import type { TransactionRecord } from './state.ts';

/**
 * PaymentOptions' webhooks (docs/providers.md, "PaymentOptions › Webhooks"). There is no webhook
 * registration: each payment request names its own `return_url.webhook_url` (webhook-handler page), and
 * the gateway posts the transaction's result there once it is final, "even if the customer does not
 * return to your website after the 3DS process" (3dsecure page, Step 4). The body is the payment answer
 * with `return_url_details` (the manual's "Webhook Handler" sample):
 *
 *     POST <webhook_url>
 *     Content-Type: application/json; charset=utf-8
 *     X-Sandbox-Webhook-Signature: <hex HMAC-SHA256(secret, raw body)>     (the sandbox's own, UNCONFIRMED)
 *
 *     {"success":true,"status_code":200,"is_live":false,"transaction_type":"CAPTURE","gateway_response":{…},
 *      "merchant_details":{…},"payment_details":{…,"response_code":0,…},"transaction_details":{"id":"…",
 *      "stored_payment_method_id":"…"?,…},"risk-details":{…},"return_url_details":{…}}
 *
 * `status_code` is 200 as in the 3-D Secure page's webhook sample. Deliveries are the shared
 * dispatcher's (one queue per URL, retries `PAYMENTOPTIONS_WEBHOOK_RETRY`); `inspect.deliveries()`
 * names each by `event` (`success` or `declined`) and `resourceId` (the transaction id).
 */

/** hex HMAC-SHA256 of the raw body, keyed by the secret: the sandbox's webhook signature. */
export async function paymentOptionsSignature(body: string, secret: string): Promise<string> {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(body)));
  return Array.from(mac, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export interface PaymentOptionsWebhookHub {
  notify(ctx: PaymentOptionsContext, tx: TransactionRecord): void;
  deliveries(filter?: WebhookDeliveryFilter): WebhookDelivery[];
  /** Waits until every delivery so far is delivered or given up. */
  idle(): Promise<void>;
  reset(): void;
}

export function createWebhookHub(config: ResolvedPaymentOptionsOptions): PaymentOptionsWebhookHub {
  const dispatcher = new WebhookDispatcher<{ readonly url: string }>({
    fetch: config.webhookFetch,
    timers: config.webhookTimers,
    policy: config.webhookRetry,
    now: config.now,
  });

  function endpointFor(url: string): string {
    return (dispatcher.list().find((e) => e.config.url === url) ?? dispatcher.add({ url })).id;
  }

  return {
    notify(ctx, tx) {
      if (tx.status === 'pending_3ds') return;
      const body = JSON.stringify(webhookBody(ctx, tx));
      const signing = config.webhookSigning;
      dispatcher.enqueue(endpointFor(tx.returnUrl.webhook_url), {
        id: crypto.randomUUID(),
        event: tx.status,
        resourceId: tx.id,
        body,
        headers: async () => ({
          'Content-Type': 'application/json; charset=utf-8',
          ...(signing ? { [signing.header]: await paymentOptionsSignature(body, signing.secret) } : {}),
        }),
      });
    },
    deliveries: (filter) => dispatcher.deliveries(filter),
    idle: () => dispatcher.idle(),
    reset() {
      dispatcher.reset();
      for (const endpoint of dispatcher.list()) dispatcher.remove(endpoint.id);
    },
  };
}
