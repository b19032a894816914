import type { AmountContext, CommonHandlerConfig } from '../config.ts';
import type { CommonWebhookConfig } from '../webhook-config.ts';

/** `createKessaiHandler({ provider: 'payjp', … })`: PAY.JP v2 (docs/providers.md "PAY.JP"). */
export interface PayjpHandlerConfig extends CommonHandlerConfig {
  readonly provider: 'payjp';
  /** `sk_…`: stays on the server. */
  readonly secretKey: string;
  /** `pk_…`: given to the browser, for payments.js. */
  readonly publicKey: string;
  /** The API the server calls (v2 paths below it). Default `https://api.pay.jp`; the sandbox's for development. */
  readonly apiBase?: string;
  /**
   * The API base the browser gets. Default `apiBase`. With PAY.JP's own API the browser loads payments.js
   * from `https://js.pay.jp/payments.js`; with the sandbox, its stand-in from `<browserApiBase>/payments.js`.
   */
  readonly browserApiBase?: string;
  /**
   * The PAY.JP customer (`cus_…`, or your own id) of the shopper making this request, from your login
   * session: required for `mode: "setup"` (the card is saved on it). Undefined: setup is refused with 403
   * `no_customer`.
   */
  readonly customer?: (ctx: AmountContext) => string | undefined | Promise<string | undefined>;
  /** `usage` of a Setup Flow. Default `off_session`. */
  readonly setupUsage?: 'off_session' | 'on_session';
}

/**
 * `createKessaiWebhookHandler({ provider: 'payjp', … })`: PAY.JP signs nothing; each delivery carries the
 * account's webhook token (dashboard → API → Webhook) in `X-Payjp-Webhook-Token`, compared in constant time.
 */
export interface PayjpWebhookConfig extends CommonWebhookConfig {
  readonly provider: 'payjp';
  /** The account's webhook token (`whook_…`). Never logged. */
  readonly webhookToken: string;
}
