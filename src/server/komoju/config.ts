import type { KonbiniStore } from '../../core/konbini-stores.ts';
import type { PaymentMethod } from '../../core/protocol.ts';
import type { CommonHandlerConfig } from '../config.ts';
import type { CommonWebhookConfig } from '../webhook-config.ts';

/** `createKessaiHandler({ provider: 'komoju', … })` (docs/providers.md "KOMOJU"). */
export interface KomojuHandlerConfig extends CommonHandlerConfig {
  readonly provider: 'komoju';
  /** `sk_…`: stays on the server. */
  readonly secretKey: string;
  /** `pk_…`: given to the browser. */
  readonly publishableKey: string;
  /** The API the server calls. Default `https://komoju.com/api/v1`; the sandbox's for development. */
  readonly apiBase?: string;
  /** The API base the browser gets (the sandbox seen from the shopper's browser). Default `apiBase`. */
  readonly browserApiBase?: string;
  /** Methods to offer. Default `['card', 'konbini']`. */
  readonly methods?: readonly PaymentMethod[];
  /** Konbini chains to offer (within those KOMOJU allows the session). Default: all KOMOJU allows. */
  readonly konbiniStores?: readonly KonbiniStore[];
}

/**
 * `createKessaiWebhookHandler({ provider: 'komoju', … })`: KOMOJU's webhooks (docs/providers.md "KOMOJU",
 * "Return URL, webhooks, idempotency"). Each delivery is verified with `X-Komoju-Signature`, the
 * lower-case hex HMAC-SHA256 of the raw body keyed with `secret`.
 */
export interface KomojuWebhookConfig extends CommonWebhookConfig {
  readonly provider: 'komoju';
  /**
   * The webhook's secret token (dashboard → Webhooks → the webhook's "Secret"), not the API's
   * `sk_…` key. Stays on the server; never logged.
   */
  readonly secret: string;
}
