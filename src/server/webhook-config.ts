import type { ProviderName } from '../core/protocol.ts';
import type { KessaiWebhookEvent, WebhookPaymentStatus } from './webhook-event.ts';

/**
 * Remembers which deliveries reached `onEvent`, so that a delivery sent again (the provider retries
 * when it missed the answer) reaches it once. The key is `<provider>:<deliveryId>`
 * (`komoju:0q4oh5dqa5zdj7xo8a1e0hzx0`).
 *
 * The default (`createMemoryDedupeStore()`) lives in the process: it forgets on a restart and is not
 * shared between instances. To make it durable, back it with your database and a unique key on the
 * delivery key: `seen` selects it, `remember` inserts it (ignoring a unique-key conflict). The handler
 * calls `remember` only after `onEvent` resolved, and never runs two deliveries of one key at once in
 * a process; across processes, do the order update and the insert of the key in one transaction in
 * `onEvent` (a unique-key conflict there means another instance already did it: return normally).
 */
export interface WebhookDedupeStore {
  /** Whether `onEvent` already succeeded for this key. A throw or rejection answers 500. */
  seen(key: string): boolean | Promise<boolean>;
  /** Called once `onEvent` succeeded for this key. A throw is logged; the answer stays 200. */
  remember(key: string, event: KessaiWebhookEvent): void | Promise<void>;
}

/** The merchant's business callback: fulfil the order, mark it paid, expired or refunded. */
export type WebhookCallback = (event: KessaiWebhookEvent) => void | Promise<void>;

/**
 * What the webhook handler reports to `onLog`, one entry per delivery, for the merchant's logs. Never
 * a secret, a token, a signature, the body or card data; `error` is what the merchant's own callback
 * or store threw.
 */
export type KessaiWebhookLog =
  | {
      readonly type: 'webhook_rejected';
      readonly provider: ProviderName;
      readonly status: 400 | 401 | 405 | 413;
      readonly code: string;
      readonly message: string;
    }
  | {
      readonly type: 'webhook_ignored';
      readonly provider: ProviderName;
      /** `ping`: KOMOJU's test event; `unhandled_event`: an event type that is not about a payment's status; `unknown_status`: a payment status this version does not know. */
      readonly reason: 'ping' | 'unhandled_event' | 'unknown_status';
      readonly eventType: string;
      readonly deliveryId?: string;
      readonly providerStatus?: string;
    }
  | {
      readonly type: 'webhook_delivered' | 'webhook_duplicate';
      readonly provider: ProviderName;
      readonly deliveryId: string;
      readonly eventType: string;
      readonly paymentId: string;
      readonly status: WebhookPaymentStatus;
    }
  | {
      readonly type: 'webhook_callback_error';
      readonly provider: ProviderName;
      readonly deliveryId: string;
      readonly eventType: string;
      readonly paymentId: string;
      readonly error: unknown;
    }
  | {
      readonly type: 'webhook_dedupe_error';
      readonly provider: ProviderName;
      readonly deliveryId: string;
      readonly phase: 'seen' | 'remember';
      readonly error: unknown;
    }
  | { readonly type: 'webhook_internal_error'; readonly provider: ProviderName; readonly error: unknown };

/** Settings every provider's webhook handler shares. */
export interface CommonWebhookConfig {
  /**
   * Called once per payment notification with the normalized event. The handler answers the provider
   * 2xx only after it resolves; if it throws or rejects, the answer is 500 and the provider sends the
   * notification again later. Keep it short (UnivaPay counts an answer after 3 s as failed).
   * Not the logging hook: that is `onLog` here (the endpoint handler's `onEvent` is its logging hook).
   */
  readonly onEvent: WebhookCallback;
  /** Deduplication of deliveries. Default: in memory, 10 000 keys for 7 days (`createMemoryDedupeStore`). */
  readonly dedupe?: WebhookDedupeStore;
  /** Largest accepted body in bytes; a longer one is answered 413 unread. Default 64 KiB. */
  readonly maxBodyBytes?: number;
  /**
   * Logging hook; never receives secrets, signatures or bodies. Exceptions it throws are ignored.
   * Default: refusals and unknown statuses to `console.warn`, failures to `console.error`, one line each.
   */
  readonly onLog?: (entry: KessaiWebhookLog) => void;
}

export type { KessaiWebhookConfig } from './providers.ts';
