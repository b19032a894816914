import { dispatcherFor, type WebhookDelivery, type WebhookDeliveryFilter, webhookControls, type WebhookControls } from '../shared/webhooks.ts';
import { checkPayjpWebhook, type PayjpWebhookConfig, type ResolvedPayjpOptions } from './options.ts';
import { payjpId, type EventRecord, type PayjpState } from './state.ts';

export { PAYJP_WEBHOOK_RETRY, type PayjpWebhookConfig } from './options.ts';

/**
 * PAY.JP's webhooks. Each event is one POST of the event as JSON with the account's webhook token in
 * `X-Payjp-Webhook-Token` (PAY.JP's sample server, payjp/payjpv2-samples `server/index.js`, checks
 * that header against the token of its account; pay.jp/docs/webhook for v1):
 *
 *     POST <url>
 *     Content-Type: application/json
 *     X-Payjp-Webhook-Token: <webhookToken>
 *
 *     {"object":"event","id":"evt_…","livemode":false,"type":"payment_flow.succeeded","pending_webhooks":1,
 *      "data":{…the payment flow…},"created_at":"…","updated_at":"…"}
 *
 * The body is @payjp/payjpv2's `EventResponse`; `data` is the object itself (docs.pay.jp/v2/guide/
 * developers/event-webhook: `const paymentFlow = event.data`). Types: `payment_flow.succeeded`,
 * `payment_flow.payment_failed`, `payment_flow.requires_action`, `payment_method.attached` are in that
 * guide; `payment_flow.canceled`, `setup_flow.*` and `customer.created` are the sandbox's by analogy
 * (UNCONFIRMED).
 */
export const PAYJP_EVENT_TYPES = [
  'payment_flow.requires_action',
  'payment_flow.succeeded',
  'payment_flow.payment_failed',
  'payment_flow.canceled',
  'setup_flow.requires_action',
  'setup_flow.succeeded',
  'setup_flow.setup_failed',
  'setup_flow.canceled',
  'payment_method.attached',
  'customer.created',
] as const;

export interface PayjpWebhookView {
  readonly id: string;
  readonly url: string;
  readonly events: readonly string[];
  readonly active: boolean;
}

export interface PayjpWebhooks extends WebhookControls<PayjpWebhookView> {
  add(webhook: PayjpWebhookConfig): PayjpWebhookView;
}

export interface PayjpWebhookHub {
  publish(type: string, data: Record<string, unknown>, at: string): void;
  deliveries(filter?: WebhookDeliveryFilter): WebhookDelivery[];
  readonly api: PayjpWebhooks;
  reset(): void;
}

export function createPayjpWebhookHub(config: ResolvedPayjpOptions, state: PayjpState): PayjpWebhookHub {
  const dispatcher = dispatcherFor(config);

  function publish(type: string, data: Record<string, unknown>, at: string): void {
    const endpoints = dispatcher.active().filter((e) => {
      const events = e.config.events ?? ['*'];
      return events.includes('*') || events.includes(type);
    });
    const record: EventRecord = { id: payjpId('evt'), type, createdAt: at, data, pendingWebhooks: endpoints.length };
    state.events.push(record);
    if (state.events.length > 10_000) state.events.splice(0, state.events.length - 10_000);
    const body = JSON.stringify({ object: 'event', id: record.id, livemode: false, type, pending_webhooks: endpoints.length, data, created_at: at, updated_at: at });
    const resourceId = typeof data['id'] === 'string' ? data['id'] : null;
    for (const endpoint of endpoints) {
      dispatcher.enqueue(endpoint.id, {
        id: record.id,
        event: type,
        resourceId,
        body,
        headers: () => Promise.resolve({ 'Content-Type': 'application/json', 'X-Payjp-Webhook-Token': config.webhookToken }),
      });
    }
  }

  const view = (webhook: { id: string; config: PayjpWebhookConfig; active: boolean }): PayjpWebhookView => ({
    id: webhook.id,
    url: webhook.config.url,
    events: [...(webhook.config.events ?? ['*'])],
    active: webhook.active,
  });

  return {
    publish,
    deliveries: (filter) => dispatcher.deliveries(filter),
    api: {
      add: (webhook) => view(dispatcher.add(checkPayjpWebhook(webhook))),
      ...webhookControls(dispatcher, () => undefined, view),
    },
    reset: () => dispatcher.reset(),
  };
}
