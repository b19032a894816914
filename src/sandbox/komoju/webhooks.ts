import { optionFailure } from '../shared/options.ts';
import {
  Alarm,
  checkWebhookUrl,
  StatusWatch,
  dispatcherFor,
  type WebhookDelivery,
  type WebhookDeliveryFilter,
  type WebhookRetryPolicy,
  webhookControls,
} from '../shared/webhooks.ts';
import { expireOverdueKonbini, newId } from './charge.ts';
import type { ResolvedKomojuOptions } from './options.ts';
import { paymentJson } from './serialize.ts';
import type { KomojuState, PaymentRecord, PaymentStatus } from './state.ts';

/**
 * KOMOJU's webhooks (docs/providers.md, "KOMOJU", "Webhooks"): on every payment status the emulator
 * sets, an event `payment.<status>` to each webhook that takes it, and `ping` to a webhook when it is
 * added. Each delivery is
 *
 *     POST <url>
 *     Content-Type: application/json
 *     User-Agent: Komoju-Webhook
 *     X-Komoju-ID: <delivery id>
 *     X-Komoju-Event: payment.captured
 *     X-Komoju-Signature: <lower-case hex HMAC-SHA256 of the body, keyed with the webhook's secret>
 *
 *     {"id":"<event id>","type":"payment.captured","resource":"event","data":<the Payment>,
 *      "created_at":"2025-03-01T03:14:10Z","reason":null}
 *
 * `data` is the payment exactly as `GET /payments/{id}` answers it at that moment. A retry sends the
 * same headers and body. KOMOJU documents no retry policy: `KOMOJU_WEBHOOK_RETRY` is the sandbox's.
 */

/** A webhook of the KOMOJU account: where to send, the secret that signs, and which events (default all). */
export interface KomojuWebhookConfig {
  readonly url: string;
  /** The webhook's secret token: the HMAC key of `X-Komoju-Signature`. */
  readonly secret: string;
  /** Event types it takes (`payment.captured`…); default every one. `ping` always reaches it. */
  readonly events?: readonly string[];
}

/** A webhook as `webhooks.list()` shows it (never its secret). */
export interface KomojuWebhookView {
  readonly id: string;
  readonly url: string;
  readonly events: readonly string[] | null;
  /** False once disabled by a retry policy with `disableOnGiveUp` (KOMOJU's default never does). */
  readonly active: boolean;
}

/** The webhooks of the KOMOJU emulator, at run time. */
export interface KomojuWebhooks {
  /**
   * Adds a webhook, as in KOMOJU's dashboard; KOMOJU then sends it a `ping` event (`ping: false` does
   * not). Returns it with its id.
   */
  add(webhook: KomojuWebhookConfig, options?: { readonly ping?: boolean }): KomojuWebhookView;
  /** Removes the webhook with this id, or every one with this URL; their pending deliveries are given up. */
  remove(idOrUrl: string): boolean;
  /** Enables a webhook a retry policy disabled. */
  enable(id: string): boolean;
  list(): KomojuWebhookView[];
  /**
   * Applies the clock (konbini deadlines passed), then resolves once every delivery is delivered or
   * given up. With retries pending this waits for their timers: in tests, inject `webhookTimers`.
   */
  idle(): Promise<void>;
}

/** The event each payment status sends (`pending` sends none). */
export const KOMOJU_PAYMENT_EVENTS: Readonly<Record<PaymentStatus, string | null>> = {
  pending: null,
  authorized: 'payment.authorized',
  captured: 'payment.captured',
  expired: 'payment.expired',
  cancelled: 'payment.cancelled',
  failed: 'payment.failed',
  refunded: 'payment.refunded',
};

/**
 * The sandbox's retry policy for KOMOJU, which documents none (UNCONFIRMED): an answer 5xx, a timeout
 * (10 s) or a network failure is tried again after 1 s, 5 s, 30 s, 2 min, 10 min and 30 min (7 tries);
 * any other answer (3xx, 4xx) is not, as KOMOJU's EC-CUBE plugin assumes of 4xx; the webhook stays
 * enabled.
 */
export const KOMOJU_WEBHOOK_RETRY: WebhookRetryPolicy = {
  delaysMs: [1_000, 5_000, 30_000, 120_000, 600_000, 1_800_000],
  timeoutMs: 10_000,
  retry: (result) => result.kind !== 'answer' || result.status >= 500,
  disableOnGiveUp: false,
};

const fail = optionFailure('komoju');

/** A webhook's settings, refused (`TypeError`) when they could not work. */
export function checkKomojuWebhook(webhook: KomojuWebhookConfig): KomojuWebhookConfig {
  if (typeof webhook !== 'object' || webhook === null) fail('webhook must be an object { url, secret }.');
  const url = checkWebhookUrl(webhook.url, fail);
  if (typeof webhook.secret !== 'string' || webhook.secret === '') fail('webhook secret must be a non-empty string.');
  if (webhook.events !== undefined && !(Array.isArray(webhook.events) && webhook.events.every((e) => typeof e === 'string'))) {
    fail('webhook events must be a list of event types.');
  }
  return { url, secret: webhook.secret, ...(webhook.events ? { events: [...webhook.events] } : {}) };
}

/** `X-Komoju-Signature`: lower-case hex HMAC-SHA256 of the body's UTF-8 bytes, keyed with the secret (Web Crypto). */
export async function komojuSignature(body: string, secret: string): Promise<string> {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(body)));
  return Array.from(mac, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** KOMOJU's timestamps in events: ISO 8601 UTC to the second (`2023-08-28T02:13:48Z`). */
const eventTime = (date: Date): string => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The emulator's side of its webhooks: what the routes and pages report, and the run-time API. */
export interface KomojuWebhookHub {
  /** A payment's status may have changed: its event goes out if it did. */
  paymentChanged(payment: PaymentRecord): void;
  /** Applies the clock and reports every payment whose status changed (after each request). */
  sweep(): void;
  deliveries(filter?: WebhookDeliveryFilter): WebhookDelivery[];
  readonly api: KomojuWebhooks;
  reset(): void;
}

export function createKomojuWebhookHub(config: ResolvedKomojuOptions, state: KomojuState): KomojuWebhookHub {
  const dispatcher = dispatcherFor(config);

  const watch = new StatusWatch<PaymentRecord>((payment, status) => {
    const type = KOMOJU_PAYMENT_EVENTS[status as PaymentStatus];
    if (type) publish(type, paymentJson(payment), payment.id, null);
  });
  const paymentChanged = (payment: PaymentRecord): void => watch.note(payment.id, payment.status, payment);

  /** One event; each webhook gets it in a delivery of its own (own id, own signature), the same body. */
  function publish(type: string, data: unknown, resourceId: string | null, onlyWebhook: string | null): void {
    const body = JSON.stringify({ id: newId(), type, resource: 'event', data, created_at: eventTime(config.now()), reason: null });
    for (const webhook of dispatcher.active()) {
      if (onlyWebhook !== null ? webhook.id !== onlyWebhook : webhook.config.events && !webhook.config.events.includes(type)) continue;
      const deliveryId = crypto.randomUUID();
      dispatcher.enqueue(webhook.id, {
        id: deliveryId,
        event: type,
        resourceId,
        body,
        headers: async () => ({
          'Content-Type': 'application/json',
          'User-Agent': 'Komoju-Webhook',
          'X-Komoju-ID': deliveryId,
          'X-Komoju-Event': type,
          'X-Komoju-Signature': await komojuSignature(body, webhook.config.secret),
        }),
      });
    }
  }

  /** The next konbini deadline (a payment expires just after it), while a webhook listens. */
  function nextChange(): number | null {
    let next: number | null = null;
    for (const payment of state.payments.values()) {
      if (payment.status !== 'authorized' || payment.source.type !== 'konbini' || !payment.deadline) continue;
      const at = Date.parse(payment.deadline) + 1;
      if (next === null || at < next) next = at;
    }
    return next;
  }

  const alarm = new Alarm(config.webhookTimers, config.now, () => sweep());

  function sweep(): void {
    expireOverdueKonbini(state, config.now(), paymentChanged);
    for (const payment of state.payments.values()) paymentChanged(payment);
    alarm.set(dispatcher.hasActive() ? nextChange() : null);
  }

  const view = (webhook: { id: string; config: KomojuWebhookConfig; active: boolean }): KomojuWebhookView => ({
    id: webhook.id,
    url: webhook.config.url,
    events: webhook.config.events ? [...webhook.config.events] : null,
    active: webhook.active,
  });

  const api: KomojuWebhooks = {
    add(webhook, options = {}) {
      const added = dispatcher.add(checkKomojuWebhook(webhook));
      if (options.ping !== false) publish('ping', {}, null, added.id);
      sweep();
      return view(added);
    },
    ...webhookControls(dispatcher, sweep, view),
  };

  return {
    paymentChanged,
    sweep,
    deliveries: (filter) => dispatcher.deliveries(filter),
    api,
    reset() {
      alarm.clear();
      watch.reset();
      dispatcher.reset();
    },
  };
}
