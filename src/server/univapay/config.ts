import type { CardBrand } from '../../core/card/brand.ts';
import type { KonbiniStore } from '../../core/konbini-stores.ts';
import type { PaymentMethod } from '../../core/protocol.ts';
import type { AmountContext, CommonHandlerConfig } from '../config.ts';
import type { CommonWebhookConfig } from '../webhook-config.ts';

/**
 * A card the shopper saved earlier, as the merchant keeps it: UnivaPay's recurring token never leaves
 * the server (docs/providers.md "UnivaPay › Recurring tokens").
 */
export interface UnivapaySavedCard {
  /** Your own id for it, bound to this shopper: the page sees this one only. */
  readonly id: string;
  /** The recurring transaction token's id (`type: "recurring"`): charged by the server only. */
  readonly transactionTokenId: string;
  readonly brand: string;
  readonly last4: string;
  readonly expMonth: number;
  readonly expYear: number;
}

/** `createKessaiHandler({ provider: 'univapay', … })` (docs/providers.md "UnivaPay"). */
export interface UnivapayHandlerConfig extends CommonHandlerConfig {
  readonly provider: 'univapay';
  /** The app token (a JWT from the UnivaPay dashboard, bound to your domains): given to the browser. */
  readonly appToken: string;
  /** The app token's secret: stays on the server (`Authorization: Bearer {secret}.{appToken}`). */
  readonly secret: string;
  /** The store the app token belongs to (`/stores/{storeId}/charges/…`); also given to the browser. */
  readonly storeId: string;
  /** The API the server calls. Default `https://api.univapay.com`; the sandbox's for development. */
  readonly apiBase?: string;
  /** The API base the browser gets (the sandbox seen from the shopper's browser). Default `apiBase`. */
  readonly browserApiBase?: string;
  /** Methods to offer. Default `['card', 'konbini']`. */
  readonly methods?: readonly PaymentMethod[];
  /** Konbini chains to offer. Default: all six. */
  readonly konbiniStores?: readonly KonbiniStore[];
  /**
   * Take cards in our own inputs and send the card from the browser to UnivaPay's `POST /tokens`. Only
   * for a merchant that is PCI DSS compliant and that UnivaPay has allowed to send raw card data; any
   * other merchant gets 401 `DIRECT_CARD_TOKEN_CREATION_DISABLED`. Default false: the card is typed into
   * UnivaPay's own inline form (its iframe), and the page only ever sees the token id.
   */
  readonly directCardTokens?: boolean;
  /**
   * The card brands your store takes, shown as marks under the card form (UnivaPay's API tells none).
   * Default UnivaPay's list: Visa, Mastercard, JCB, American Express, Diners Club (no Discover). JCB,
   * American Express and Diners Club need a contract with JCB: without it, `['visa', 'mastercard']`
   * (docs/providers.md "Card brands").
   */
  readonly cardBrands?: readonly CardBrand[];
  /**
   * Key (32+ characters) signing the attempt ids the browser holds between `start` and `complete`.
   * Default: derived from `secret`. Set it to keep attempts valid across a secret rotation.
   */
  readonly signingKey?: string;
  /** How long after `start` an attempt can still be charged, in seconds. Default 3600. */
  readonly attemptTtlSeconds?: number;
  /**
   * Konbini payment deadline in days from the charge (the charge's `capture_at`, at 23:59:59 JST).
   * Default: none sent, UnivaPay's own (the dashboard's, 30 days unless changed).
   */
  readonly konbiniPaymentDays?: number;
  /**
   * Reads of a charge that is still `pending` before answering `processing` (each read long-polls
   * with `?polling=true`), and the pause between them. Default 3 reads, 1000 ms apart.
   */
  readonly polling?: { readonly attempts?: number; readonly intervalMs?: number };
  /** The shopper's saved cards, from your login session (none: a guest). Listed first, paid in one click. */
  readonly savedCards?: (ctx: AmountContext) => readonly UnivapaySavedCard[] | Promise<readonly UnivapaySavedCard[]>;
  /**
   * A recurring token was made for the shopper of `ctx`: keep it with the shopper and answer your own id
   * for it, which the page gets as `paymentMethodId`. Setting it enables setup mode (`mode: "setup"`) and,
   * in UnivaPay's inline form (not with `directCardTokens`), "Save this card" while paying (`mode:
   * "payment"`, called only when the shopper ticked the box and the charge succeeded; new cards are then
   * recurring tokens, deleted at UnivaPay when not kept). UnivaPay requires the shopper's consent to keep
   * the card: that is the box, or your own notice in setup mode. Throwing (a guest) keeps nothing.
   */
  readonly onCardSaved?: (ctx: AmountContext, card: Omit<UnivapaySavedCard, 'id'>) => string | Promise<string>;
  /**
   * Whether a payment offers "Save this card" when `onCardSaved` is set (default `true`). `false`: cards
   * are saved in setup mode only, and a payment's new cards are one-time tokens.
   */
  readonly payAndSave?: boolean;
  /**
   * `three_ds.mode` of a charge on a saved card. `normal` (the default): UnivaPay skips 3-D Secure, which
   * the recurring token passed when it was made; `require` or `force`: the shopper authenticates again.
   */
  readonly savedCardThreeDsMode?: 'normal' | 'require' | 'force';
}

/**
 * `createKessaiWebhookHandler({ provider: 'univapay', … })`: UnivaPay's webhooks (docs/providers.md
 * "UnivaPay", "Return URL, webhooks, idempotency"). UnivaPay signs nothing: it sends the value set as
 * the webhook's 「Authorizationヘッダー」 (`auth_token`) verbatim as the `Authorization` header, and
 * that is what is checked. Give `authToken` (compared whole, in constant time) or `authorization`.
 */
export type UnivapayWebhookConfig = CommonWebhookConfig & { readonly provider: 'univapay' } & (
    | {
        /**
         * The whole `Authorization` value UnivaPay sends: exactly the webhook's `auth_token` as entered
         * (with `Bearer ` if you typed it there; UnivaPay adds no scheme). A long random value. Never logged.
         */
        readonly authToken: string;
        readonly authorization?: undefined;
      }
    | {
        readonly authToken?: undefined;
        /**
         * Decides on the `Authorization` header itself (null when absent): to accept an old and a new
         * value during a rotation, for example. Compare in constant time.
         */
        readonly authorization: (header: string | null) => boolean | Promise<boolean>;
      }
  );
