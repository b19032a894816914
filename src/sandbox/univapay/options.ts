import { basePathOption, optionFailure, publicOriginOption, type CommonEmulatorOptions } from '../shared/options.ts';
import {
  resolveWebhookOptions,
  type WebhookFetch,
  type WebhookRetryOptions,
  type WebhookRetryPolicy,
  type WebhookTimers,
} from '../shared/webhooks.ts';
import { checkUnivapayWebhook, UNIVAPAY_WEBHOOK_RETRY, type UnivapayWebhookConfig } from './webhooks.ts';
import {
  DEFAULT_PAYMENT_NUMBERS,
  UNIVAPAY_CONVENIENCE_STORES,
  type UnivapayConvenienceStore,
} from './konbini.ts';
import {
  DEFAULT_CHALLENGE_CARDS,
  DEFAULT_DECLINE_CODE,
  DEFAULT_DECLINE_SUFFIX,
} from './test-cards.ts';

/** UnivaPay `payment_type`s the emulator can take. */
export const UNIVAPAY_EMULATED_PAYMENT_TYPES = ['card', 'konbini'] as const;
export type UnivapayEmulatedPaymentType = (typeof UNIVAPAY_EMULATED_PAYMENT_TYPES)[number];

/**
 * Settings of the UnivaPay emulator. Every one has a default; what docs/providers.md ("UnivaPay") marks
 * UNCONFIRMED (the names of the return parameters, the 3-D Secure test card, the decline code of the
 * cards ending 1111, konbini numbers) is here so that a test can match whatever UnivaPay turns out to do.
 */
export interface UnivapayEmulatorOptions extends CommonEmulatorOptions {
  /** Path the emulator is mounted at; the API is right below it (`<basePath>/tokens`). Default `/sandbox/univapay`. */
  readonly basePath?: string;
  /** The one store of the emulated account (a UUID). Default `11efd00d-5a1d-4b0c-8e55-6b657373616b`. */
  readonly storeId?: string;
  /**
   * Key signing the app tokens (fake JWTs) the emulator issues. Default a fixed one, so that tokens
   * stay valid across restarts (nothing here is secret: it is a sandbox).
   */
  readonly jwtSigningKey?: string;
  /** Payment types activated. Default both; a konbini token is then refused `CONVENIENCE_PROCESSING_DISABLED`. */
  readonly paymentTypes?: readonly UnivapayEmulatedPaymentType[];
  /** `convenience_store`s activated. Default all six. */
  readonly convenienceStores?: readonly UnivapayConvenienceStore[];
  /**
   * Whether the account may create card tokens from raw card data (`POST /tokens` with a card number):
   * UnivaPay enables it only for a PCI DSS merchant. Default false: such a call answers 401
   * `{"status":"error","code":"DIRECT_CARD_TOKEN_CREATION_DISABLED","errors":[]}` (the code is
   * UnivaPay's; the exact body is UNCONFIRMED). One app token can be allowed alone:
   * `issueAppToken({ origins, directCardTokens: true })`. Card data typed into UnivaPay's own inline
   * form (`<basePath>/client/checkout.js`) is always taken. Konbini tokens are never affected.
   */
  readonly directCardTokens?: boolean;
  /**
   * Whether a card token needs `email`. UnivaPay's reference documents it as required ("[必須]"); its
   * newer generated client marks it optional (UNCONFIRMED). Default `required`: a card token without one
   * answers 400 `VALIDATION_ERROR` `[{field: "email", reason: "REQUIRED_VALUE"}]` (that body is the
   * sandbox's, UNCONFIRMED).
   */
  readonly cardTokenEmail?: 'required' | 'optional';
  /**
   * The store's recurring-token privilege (univapay-node's `RecurringTokenPrivilege`): `infinite` (the
   * default here) takes `type: "recurring"` tokens with or without `usage_limit`; `bounded` needs a
   * `usage_limit` (400 `RECURRING_USAGE_LIMIT_REQUIRED`); `none` refuses them (400
   * `RECURRING_TOKEN_NOT_ALLOWED`). UNCONFIRMED: the HTTP status of both refusals (docs/providers.md,
   * "UnivaPay › Recurring tokens").
   */
  readonly recurringTokens?: 'infinite' | 'bounded' | 'none';
  /**
   * Query parameters added to `redirect_endpoint` after the challenge. UNCONFIRMED (docs/providers.md,
   * "UnivaPay"): the default `univapayChargeId` is what UnivaPay's widget integrations read.
   */
  readonly returnParams?: { readonly chargeId?: string };
  /** How the challenge page is reached: `http_post` (default) or `http_get` (`issuer_token.call_method`). */
  readonly issuerCallMethod?: 'http_post' | 'http_get';
  /** How long a new charge stays `pending`, in milliseconds. Default 0 (settled at the first read). */
  readonly processingMs?: number;
  /** The longest a `?polling=true` read holds its answer, in milliseconds. Default 10 000. */
  readonly maxPollMs?: number;
  readonly konbini?: {
    /**
     * Days until the deadline (23:59:59 JST) when neither charge nor token sets one. Default 30
     * (docs/providers.md, "UnivaPay").
     */
    readonly deadlineDays?: number;
    /** Payment-number patterns per store (`#` = a random digit). */
    readonly paymentNumbers?: Partial<Record<UnivapayConvenienceStore, string>>;
  };
  readonly testCards?: {
    /** Cards whose charge needs the challenge page. Default `4000000000003220`. */
    readonly challengeCards?: readonly string[];
    /** Card number → `error.code` of its failed charge. Default none. */
    readonly declines?: Readonly<Record<string, number>>;
    /** Numbers ending with this fail (UnivaPay: "any card ending 1111"). Default `1111`; null for none. */
    readonly declineSuffix?: string | null;
    /** The `error.code` of those. Default 306 (declined). */
    readonly declineCode?: number;
  };
  /**
   * Refuse a second charge of the same amount on the same card within this many seconds with 400
   * `CHARGE_TOO_QUICK`, as UnivaPay does within 30 s. Default 0 (off), so that a designer can try a
   * card twice in a row.
   */
  readonly chargeTooQuickSeconds?: number;
  /**
   * Webhooks of the store (docs/providers.md, "UnivaPay", "Webhooks"): `charge_updated` and
   * `charge_finished` as charges change. More can be added at run time (`webhooks.add`). Default none.
   */
  readonly webhooks?: readonly UnivapayWebhookConfig[];
  /** The `fetch` webhook deliveries are sent with. Default the global `fetch`. */
  readonly webhookFetch?: WebhookFetch;
  /** The timers of retries, timeouts, processing and konbini deadlines. Default the global ones. */
  readonly webhookTimers?: WebhookTimers;
  /**
   * When a delivery is tried again. Default (`UNIVAPAY_WEBHOOK_RETRY`, UnivaPay's FAQ): 3xx never, and
   * the webhook is stopped; 4xx, 5xx, no answer within 3 s, network failures up to 10 tries, then the
   * webhook is stopped. The waits between tries are the sandbox's (UNCONFIRMED).
   */
  readonly webhookRetry?: WebhookRetryOptions;
  /**
   * The body's envelope: `id-event-data-created_on` (default, UnivaPay's newest spec: `{id, event,
   * data, created_on}`) or `event-and-data` (`{event, data}`, as the older docs and the PHP SDK show).
   */
  readonly webhookPayload?: 'id-event-data-created_on' | 'event-and-data';
}

export interface ResolvedUnivapayOptions {
  readonly basePath: string;
  readonly storeId: string;
  readonly jwtSigningKey: string;
  readonly publicOrigin: string | null;
  readonly paymentTypes: readonly UnivapayEmulatedPaymentType[];
  readonly convenienceStores: readonly UnivapayConvenienceStore[];
  readonly directCardTokens: boolean;
  readonly cardTokenEmail: 'required' | 'optional';
  readonly recurringTokens: 'infinite' | 'bounded' | 'none';
  readonly chargeIdParam: string;
  readonly issuerCallMethod: 'http_post' | 'http_get';
  readonly processingMs: number;
  readonly maxPollMs: number;
  readonly konbiniDeadlineDays: number;
  readonly paymentNumbers: Readonly<Record<UnivapayConvenienceStore, string>>;
  readonly challengeCards: ReadonlySet<string>;
  readonly declineCards: ReadonlyMap<string, number>;
  readonly declineSuffix: string | null;
  readonly declineCode: number;
  readonly chargeTooQuickSeconds: number;
  readonly webhooks: readonly UnivapayWebhookConfig[];
  readonly webhookFetch: WebhookFetch;
  readonly webhookTimers: WebhookTimers;
  readonly webhookRetry: WebhookRetryPolicy;
  readonly webhookPayload: 'id-event-data-created_on' | 'event-and-data';
  readonly now: () => Date;
}

export const DEFAULT_UNIVAPAY_BASE_PATH = '/sandbox/univapay';
export const DEFAULT_UNIVAPAY_STORE_ID = '11efd00d-5a1d-4b0c-8e55-6b657373616b';
export const DEFAULT_UNIVAPAY_JWT_SIGNING_KEY = 'kessai-elements univapay sandbox: not a secret';

const fail = optionFailure('univapay');

function integer(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) fail(`${name} must be an integer of ${min}–${max}.`);
  return value;
}

/** Fills in the defaults and refuses settings that could not work, at startup. */
export function resolveUnivapayOptions(options: UnivapayEmulatorOptions = {}): ResolvedUnivapayOptions {
  const basePath = basePathOption(options.basePath, DEFAULT_UNIVAPAY_BASE_PATH, fail);
  const storeId = options.storeId ?? DEFAULT_UNIVAPAY_STORE_ID;
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(storeId)) fail('storeId must be a lower-case UUID.');
  const jwtSigningKey = options.jwtSigningKey ?? DEFAULT_UNIVAPAY_JWT_SIGNING_KEY;
  if (jwtSigningKey.length < 16) fail('jwtSigningKey must have at least 16 characters.');

  const publicOrigin = publicOriginOption(options.publicOrigin, fail);
  const paymentTypes = options.paymentTypes ?? UNIVAPAY_EMULATED_PAYMENT_TYPES;
  if (!paymentTypes.every((t) => (UNIVAPAY_EMULATED_PAYMENT_TYPES as readonly string[]).includes(t))) {
    fail(`paymentTypes must be some of ${UNIVAPAY_EMULATED_PAYMENT_TYPES.join(', ')}.`);
  }
  const stores = options.convenienceStores ?? UNIVAPAY_CONVENIENCE_STORES;
  if (!stores.every((s) => (UNIVAPAY_CONVENIENCE_STORES as readonly string[]).includes(s))) {
    fail(`convenienceStores must be some of ${UNIVAPAY_CONVENIENCE_STORES.join(', ')}.`);
  }
  const chargeIdParam = options.returnParams?.chargeId ?? 'univapayChargeId';
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(chargeIdParam)) fail('returnParams.chargeId must be a plain query parameter name.');
  const issuerCallMethod = options.issuerCallMethod ?? 'http_post';
  if (issuerCallMethod !== 'http_post' && issuerCallMethod !== 'http_get') fail('issuerCallMethod must be http_post or http_get.');

  const paymentNumbers = { ...DEFAULT_PAYMENT_NUMBERS, ...options.konbini?.paymentNumbers };
  for (const [store, pattern] of Object.entries(paymentNumbers)) {
    if (!/#/.test(pattern) || !/^[0-9#-]{4,32}$/.test(pattern)) fail(`konbini.paymentNumbers.${store} must be digits, # and hyphens, with a #.`);
  }
  const declineCards = new Map(Object.entries(options.testCards?.declines ?? {}));
  for (const code of declineCards.values()) integer('testCards.declines code', code, 100, 999);
  const declineSuffix = options.testCards?.declineSuffix === undefined ? DEFAULT_DECLINE_SUFFIX : options.testCards.declineSuffix;
  if (declineSuffix !== null && !/^\d{1,19}$/.test(declineSuffix)) fail('testCards.declineSuffix must be digits or null.');

  const webhookPayload = options.webhookPayload ?? 'id-event-data-created_on';
  if (webhookPayload !== 'id-event-data-created_on' && webhookPayload !== 'event-and-data') {
    fail('webhookPayload must be id-event-data-created_on or event-and-data.');
  }

  return {
    basePath,
    storeId,
    jwtSigningKey,
    publicOrigin,
    paymentTypes: [...paymentTypes],
    convenienceStores: UNIVAPAY_CONVENIENCE_STORES.filter((s) => stores.includes(s)),
    directCardTokens: options.directCardTokens ?? false,
    cardTokenEmail: options.cardTokenEmail ?? 'required',
    recurringTokens: options.recurringTokens ?? 'infinite',
    chargeIdParam,
    issuerCallMethod,
    processingMs: integer('processingMs', options.processingMs ?? 0, 0, 600_000),
    maxPollMs: integer('maxPollMs', options.maxPollMs ?? 10_000, 0, 600_000),
    konbiniDeadlineDays: integer('konbini.deadlineDays', options.konbini?.deadlineDays ?? 30, 0, 365),
    paymentNumbers,
    challengeCards: new Set(options.testCards?.challengeCards ?? DEFAULT_CHALLENGE_CARDS),
    declineCards,
    declineSuffix,
    declineCode: integer('testCards.declineCode', options.testCards?.declineCode ?? DEFAULT_DECLINE_CODE, 100, 999),
    chargeTooQuickSeconds: integer('chargeTooQuickSeconds', options.chargeTooQuickSeconds ?? 0, 0, 3600),
    ...resolveWebhookOptions(options, checkUnivapayWebhook, UNIVAPAY_WEBHOOK_RETRY, fail),
    webhookPayload,
    now: options.now ?? (() => new Date()),
  };
}
