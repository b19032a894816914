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
import { refreshCharge, univapayId } from './charge.ts';
import type { ResolvedUnivapayOptions } from './options.ts';
import { serializeCharge, timestamp } from './serialize.ts';
import type { ChargeRecord, ChargeStatus, UnivapayState } from './state.ts';

/**
 * UnivaPay's webhooks (docs/providers.md, "UnivaPay", "Webhooks"): when a charge becomes `authorized`
 * or `awaiting`, `charge_updated`; when it becomes `successful`, `failed`, `error` or `canceled`,
 * `charge_finished` (a konbini charge paid or past its deadline too). Each delivery is
 *
 *     POST <url>
 *     Content-Type: application/json
 *     Authorization: <the webhook's auth_token, verbatim; no header without one>
 *
 *     {"id":"<delivery id>","event":"charge_finished","data":<the Charge>,"created_on":"2025-03-01T01:00:00.000000Z"}
 *
 * `data` is the charge exactly as `GET /stores/{storeId}/charges/{id}` answers it at that moment. The
 * envelope with `id` and `created_on` is the newest spec's; `webhookPayload: 'event-and-data'` sends
 * the older `{"event", "data"}`. There is no signature. Retries follow UnivaPay's FAQ
 * (`UNIVAPAY_WEBHOOK_RETRY`).
 */

/** A webhook of the UnivaPay store: `url`, `auth_token` and `triggers` of UnivaPay's webhook object. */
export interface UnivapayWebhookConfig {
  readonly url: string;
  /** Sent verbatim as `Authorization` (e.g. `Bearer …`); no header when null or left out. */
  readonly authToken?: string | null;
  /** Events it takes (`charge_updated`, `charge_finished`); default both. */
  readonly triggers?: readonly string[];
}

/** A webhook as `webhooks.list()` shows it (never its token). */
export interface UnivapayWebhookView {
  readonly id: string;
  readonly url: string;
  readonly triggers: readonly string[] | null;
  /** False once UnivaPay's retry policy stopped it (a 3xx, or the last of 10 tries failed) until `enable`. */
  readonly active: boolean;
}

/** The webhooks of the UnivaPay emulator, at run time. */
export interface UnivapayWebhooks {
  /** Adds a webhook; returns it with its id. */
  add(webhook: UnivapayWebhookConfig): UnivapayWebhookView;
  /** Removes the webhook with this id, or every one with this URL; their pending deliveries are given up. */
  remove(idOrUrl: string): boolean;
  /** Enables a webhook UnivaPay stopped (UnivaPay: `PATCH` the webhook with `active: true`). */
  enable(id: string): boolean;
  list(): UnivapayWebhookView[];
  /**
   * Applies the clock (charges done processing, konbini deadlines passed), then resolves once every
   * delivery is delivered or given up. With retries pending this waits for their timers: in tests,
   * inject `webhookTimers`.
   */
  idle(): Promise<void>;
}

/** The event each charge status sends (`pending` sends none). */
export const UNIVAPAY_CHARGE_EVENTS: Readonly<Record<ChargeStatus, 'charge_updated' | 'charge_finished' | null>> = {
  pending: null,
  authorized: 'charge_updated',
  awaiting: 'charge_updated',
  successful: 'charge_finished',
  failed: 'charge_finished',
  error: 'charge_finished',
  canceled: 'charge_finished',
};

/**
 * UnivaPay's retry policy, from its FAQ: a 3xx is not retried and stops the webhook; 4xx and 5xx
 * (the FAQ names 500, 501 and 502), no answer within 3 s and network failures are tried again, up to
 * 10 tries including the first, then the webhook is stopped. The waits between tries are undocumented
 * (UNCONFIRMED): 1 s, 5 s, 30 s, 2 min, 5 min, 10 min, 30 min, 1 h, 2 h.
 */
export const UNIVAPAY_WEBHOOK_RETRY: WebhookRetryPolicy = {
  delaysMs: [1_000, 5_000, 30_000, 120_000, 300_000, 600_000, 1_800_000, 3_600_000, 7_200_000],
  timeoutMs: 3_000,
  retry: (result) => result.kind !== 'answer' || result.status < 300 || result.status >= 400,
  disableOnGiveUp: true,
};

const fail = optionFailure('univapay');

/** A webhook's settings, refused (`TypeError`) when they could not work. */
export function checkUnivapayWebhook(webhook: UnivapayWebhookConfig): UnivapayWebhookConfig {
  if (typeof webhook !== 'object' || webhook === null) fail('webhook must be an object { url, authToken? }.');
  const url = checkWebhookUrl(webhook.url, fail);
  const token = webhook.authToken ?? null;
  if (token !== null && (typeof token !== 'string' || /[\r\n]/.test(token))) fail('webhook authToken must be a string on one line.');
  if (webhook.triggers !== undefined && !(Array.isArray(webhook.triggers) && webhook.triggers.every((t) => typeof t === 'string'))) {
    fail('webhook triggers must be a list of event names.');
  }
  return { url, authToken: token, ...(webhook.triggers ? { triggers: [...webhook.triggers] } : {}) };
}

/** The emulator's side of its webhooks: what the routes and pages report, and the run-time API. */
export interface UnivapayWebhookHub {
  /** A charge's status may have changed: its event goes out if it did. */
  chargeChanged(charge: ChargeRecord): void;
  /** Applies the clock and reports every charge whose status changed (after each request). */
  sweep(): void;
  deliveries(filter?: WebhookDeliveryFilter): WebhookDelivery[];
  readonly api: UnivapayWebhooks;
  reset(): void;
}

export function createUnivapayWebhookHub(config: ResolvedUnivapayOptions, state: UnivapayState): UnivapayWebhookHub {
  const dispatcher = dispatcherFor(config);

  const watch = new StatusWatch<ChargeRecord>((charge, status) => {
    const event = UNIVAPAY_CHARGE_EVENTS[status as ChargeStatus];
    if (event) publish(event, serializeCharge(charge), charge.id);
  });
  const chargeChanged = (charge: ChargeRecord): void => watch.note(charge.id, charge.status, charge);

  /** One event; each webhook gets a delivery of its own (its own `id` in the body). */
  function publish(event: string, data: unknown, chargeId: string): void {
    const createdOn = timestamp(config.now());
    for (const webhook of dispatcher.active()) {
      if (webhook.config.triggers && !webhook.config.triggers.includes(event)) continue;
      const id = univapayId();
      const body = JSON.stringify(config.webhookPayload === 'event-and-data' ? { event, data } : { id, event, data, created_on: createdOn });
      const headers: Record<string, string> = { 'Content-Type': 'application/json' };
      if (webhook.config.authToken) headers['Authorization'] = webhook.config.authToken;
      dispatcher.enqueue(webhook.id, { id, event, resourceId: chargeId, body, headers: () => Promise.resolve(headers) });
    }
  }

  /** The next moment a charge moves by itself: done processing, or just past its konbini deadline. */
  function nextChange(): number | null {
    let next: number | null = null;
    for (const charge of state.charges.values()) {
      let at: number | null = null;
      if (charge.status === 'pending') at = charge.settleAt.getTime();
      else if (charge.status === 'awaiting' && charge.paymentType === 'konbini' && charge.expiresAt) at = Date.parse(charge.expiresAt) + 1;
      if (at !== null && (next === null || at < next)) next = at;
    }
    return next;
  }

  const alarm = new Alarm(config.webhookTimers, config.now, () => sweep());

  function sweep(): void {
    // Charges move on by the clock when they are read; while a webhook listens, they are read now, so
    // that their events go out when they happen.
    if (dispatcher.hasActive()) {
      const now = config.now();
      for (const charge of state.charges.values()) refreshCharge(charge, now, chargeChanged);
    }
    for (const charge of state.charges.values()) chargeChanged(charge);
    alarm.set(dispatcher.hasActive() ? nextChange() : null);
  }

  const view = (webhook: { id: string; config: UnivapayWebhookConfig; active: boolean }): UnivapayWebhookView => ({
    id: webhook.id,
    url: webhook.config.url,
    triggers: webhook.config.triggers ? [...webhook.config.triggers] : null,
    active: webhook.active,
  });

  const api: UnivapayWebhooks = {
    add(webhook) {
      const added = dispatcher.add(checkUnivapayWebhook(webhook));
      sweep();
      return view(added);
    },
    ...webhookControls(dispatcher, sweep, view),
  };

  return {
    chargeChanged,
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
