import type { AmountContext, CommonHandlerConfig } from '../config.ts';
import type { CommonWebhookConfig } from '../webhook-config.ts';
import type { PaymentOptionsTransactionStore } from './transactions.ts';

/** A card the shopper saved earlier, as the merchant keeps it (the stored id never leaves the server). */
export interface PaymentOptionsSavedCard {
  /** Your own id for it, bound to this shopper: the page sees this one only. */
  readonly id: string;
  /** PaymentOptions' `stored_payment_method_id`. */
  readonly storedPaymentMethodId: string;
  readonly brand: string;
  readonly last4: string;
  readonly expMonth: number;
  readonly expYear: number;
}

/** `createKessaiHandler({ provider: 'paymentoptions', … })` (docs/providers.md "PaymentOptions"). */
export interface PaymentOptionsHandlerConfig extends CommonHandlerConfig {
  readonly provider: 'paymentoptions';
  /** The API key: sent as `Authorization: Basic base64(apiKey)`. Stays on the server. */
  readonly apiKey: string;
  /** The `x-api-key` value. Stays on the server. */
  readonly xApiKey: string;
  /** Your merchant id (DASMID), sent as `merchant_id`. */
  readonly merchantId: string;
  readonly merchantEmail?: string;
  /** The API host PaymentOptions gave you (its documents show `https://api-dev.paymentoptions.com`), or the sandbox's. */
  readonly apiBase: string;
  /** Where the hosted page and the 3-D Secure page are (checked before the page is sent there). Default `apiBase`. */
  readonly browserApiBase?: string;
  /** Your webhook receiver (`createKessaiWebhookHandler({ provider: 'paymentoptions' })`), given to PaymentOptions. */
  readonly webhookUrl: string;
  /** Where results wait between the webhook and the shopper's return. Share it with the webhook handler. */
  readonly transactions: PaymentOptionsTransactionStore;
  /** The shopper's saved cards, from your login session (none: a guest). */
  readonly savedCards?: (ctx: AmountContext) => readonly PaymentOptionsSavedCard[] | Promise<readonly PaymentOptionsSavedCard[]>;
  /** A card the shopper asked to save was stored: keep it (with the shopper of `ctx`). Offers "Save this card". */
  readonly onCardSaved?: (ctx: AmountContext, card: Omit<PaymentOptionsSavedCard, 'id'>) => void | Promise<void>;
  /** Saved cards go through 3-D Secure (`paymentv2` with the browser's info). Default true. */
  readonly savedCardThreeDSecure?: boolean;
  /** The shopper's IP as PaymentOptions wants it (`customer_ip`). Default: `X-Forwarded-For`'s first, else 0.0.0.0. */
  readonly customerIp?: (request: Request) => string;
}

/**
 * `createKessaiWebhookHandler({ provider: 'paymentoptions', … })`. PaymentOptions' documents ask the
 * merchant to check a secret or signature on each delivery but show none (UNCONFIRMED): the handler
 * checks a hex HMAC-SHA256 of the raw body in `signatureHeader`, as the sandbox sends it.
 */
export interface PaymentOptionsWebhookConfig extends CommonWebhookConfig {
  readonly provider: 'paymentoptions';
  readonly secret: string;
  /** Default `X-Sandbox-Webhook-Signature` (the sandbox's). */
  readonly signatureHeader?: string;
  /** The same store as the endpoint handler's. */
  readonly transactions: PaymentOptionsTransactionStore;
}
