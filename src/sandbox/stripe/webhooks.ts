import {
  Alarm,
  dispatcherFor,
  type WebhookDelivery,
  type WebhookDeliveryFilter,
  webhookControls,
  type WebhookControls,
} from '../shared/webhooks.ts';
import { unixSeconds } from './context.ts';
import type { ResolvedStripeOptions } from './options.ts';
import { stripeId } from './payment-methods.ts';
import type { EventRecord, StripeState } from './state.ts';
import { checkStripeWebhook, type StripeWebhookConfig } from './webhook-config.ts';

export { STRIPE_WEBHOOK_RETRY, type StripeWebhookConfig } from './webhook-config.ts';

/**
 * Stripe's webhooks (docs.stripe.com/webhooks; stripe-node `src/Webhooks.ts` for the signature and
 * `Event` in `src/resources/Events.ts` for the object). Each event is one `Event`:
 *
 *     POST <url>
 *     Content-Type: application/json; charset=utf-8
 *     Stripe-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>
 *
 *     {"id":"evt_…","object":"event","api_version":"…","created":…,"data":{"object":{…}},
 *      "livemode":false,"pending_webhooks":1,"request":{"id":"req_…","idempotency_key":"…"},"type":"payment_intent.succeeded"}
 *
 * `data.object` is the object as the API answers it at the moment of the event. The types the
 * emulator sends are `STRIPE_EVENT_TYPES`; an endpoint takes those of its `enabledEvents` (default
 * all). `t` is the time of the first try: Stripe signs each try anew (UNCONFIRMED whether its `t`
 * changes on retries; the shared dispatcher sends the same headers every try).
 */
export const STRIPE_EVENT_TYPES = [
  'payment_intent.created',
  'payment_intent.requires_action',
  'payment_intent.processing',
  'payment_intent.amount_capturable_updated',
  'payment_intent.succeeded',
  'payment_intent.payment_failed',
  'payment_intent.canceled',
  'setup_intent.created',
  'setup_intent.requires_action',
  'setup_intent.succeeded',
  'setup_intent.setup_failed',
  'setup_intent.canceled',
] as const;

/** `Stripe-Signature`'s `v1`: hex HMAC-SHA256 of `<t>.<payload>` keyed by the endpoint's secret (stripe-node `computeSignature`). */
export async function stripeSignature(payload: string, secret: string, timestamp: number): Promise<string> {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(`${timestamp}.${payload}`)));
  return Array.from(mac, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** A webhook endpoint as `webhooks.list()` shows it (never its secret). */
export interface StripeWebhookView {
  readonly id: string;
  readonly url: string;
  readonly enabledEvents: readonly string[];
  readonly active: boolean;
}

/** The emulator's webhook endpoints, at run time. */
export interface StripeWebhooks extends WebhookControls<StripeWebhookView> {
  add(webhook: StripeWebhookConfig): StripeWebhookView;
}

export interface StripeWebhookHub {
  /** Records an event and sends it to every endpoint that takes its type. */
  publish(type: string, object: unknown, request: { id: string | null; idempotencyKey: string | null }): void;
  /** Applies the clock (konbini vouchers past their deadline) after each request and on the alarm. */
  sweep(): void;
  deliveries(filter?: WebhookDeliveryFilter): WebhookDelivery[];
  readonly api: StripeWebhooks;
  reset(): void;
}

export function createStripeWebhookHub(
  config: ResolvedStripeOptions,
  state: StripeState,
  refresh: () => void,
  nextChange: () => number | null,
): StripeWebhookHub {
  const dispatcher = dispatcherFor(config);

  function publish(type: string, object: unknown, request: { id: string | null; idempotencyKey: string | null }): void {
    const created = unixSeconds(config.now());
    const record: EventRecord = { id: stripeId('evt'), type, created, object, requestId: request.id, idempotencyKey: request.idempotencyKey };
    state.events.push(record);
    if (state.events.length > 10_000) state.events.splice(0, state.events.length - 10_000);
    const endpoints = dispatcher.active().filter((e) => {
      const enabled = e.config.enabledEvents ?? ['*'];
      return enabled.includes('*') || enabled.includes(type);
    });
    const body = JSON.stringify({
      id: record.id,
      object: 'event',
      api_version: config.apiVersion,
      created,
      data: { object },
      livemode: false,
      pending_webhooks: endpoints.length,
      request: { id: request.id, idempotency_key: request.idempotencyKey },
      type,
    });
    const resourceId = typeof (object as { id?: unknown }).id === 'string' ? (object as { id: string }).id : null;
    for (const endpoint of endpoints) {
      dispatcher.enqueue(endpoint.id, {
        id: record.id,
        event: type,
        resourceId,
        body,
        headers: async () => {
          const t = unixSeconds(config.now());
          return {
            'Content-Type': 'application/json; charset=utf-8',
            'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
            'Stripe-Signature': `t=${t},v1=${await stripeSignature(body, endpoint.config.secret, t)}`,
          };
        },
      });
    }
  }

  const alarm = new Alarm(config.webhookTimers, config.now, () => sweep());

  function sweep(): void {
    if (dispatcher.hasActive()) refresh();
    alarm.set(dispatcher.hasActive() ? nextChange() : null);
  }

  const view = (webhook: { id: string; config: StripeWebhookConfig; active: boolean }): StripeWebhookView => ({
    id: webhook.id,
    url: webhook.config.url,
    enabledEvents: [...(webhook.config.enabledEvents ?? ['*'])],
    active: webhook.active,
  });

  return {
    publish,
    sweep,
    deliveries: (filter) => dispatcher.deliveries(filter),
    api: {
      add(webhook) {
        const added = dispatcher.add(checkStripeWebhook(webhook));
        sweep();
        return view(added);
      },
      ...webhookControls(dispatcher, sweep, view),
    },
    reset() {
      alarm.clear();
      dispatcher.reset();
    },
  };
}
