import { basePathOption, optionFailure, publicOriginOption, type CommonEmulatorOptions } from '../shared/options.ts';
import {
  resolveWebhookOptions,
  type WebhookFetch,
  type WebhookRetryOptions,
  type WebhookRetryPolicy,
  type WebhookTimers,
} from '../shared/webhooks.ts';
import { checkKomojuWebhook, KOMOJU_WEBHOOK_RETRY, type KomojuWebhookConfig } from './webhooks.ts';
import {
  DEFAULT_CHALLENGE_CARDS,
  DEFAULT_DECLINE_CARDS,
  DEFAULT_FAIL_ON_REDIRECT_CARDS,
  DEFAULT_FAILING_CHALLENGE_CARDS,
  DEFAULT_FRICTIONLESS_CARDS,
} from './test-cards.ts';
import {
  DEFAULT_KONBINI_SLIPS,
  KOMOJU_KONBINI_STORES,
  isKomojuKonbiniStore,
  type KomojuKonbiniStore,
  type KonbiniSlipFormat,
} from './konbini.ts';

/** KOMOJU `payment_types` the emulator can offer. */
export const KOMOJU_EMULATED_PAYMENT_TYPES = ['credit_card', 'konbini'] as const;
export type KomojuEmulatedPaymentType = (typeof KOMOJU_EMULATED_PAYMENT_TYPES)[number];

/** KOMOJU card brand slugs (a session's `brands`; docs/providers.md, "KOMOJU"). */
export const KOMOJU_CARD_BRANDS = ['visa', 'master', 'jcb', 'american_express', 'diners_club'] as const;

/**
 * Settings of the KOMOJU emulator. Every one has a default; the behaviours docs/providers.md (section
 * "KOMOJU") marks UNCONFIRMED (konbini deadline and numbers, decline codes, a repeated idempotency key
 * with another body) are here so that a test can match whatever the real KOMOJU turns out to do.
 */
export interface KomojuEmulatorOptions extends CommonEmulatorOptions {
  /** Path the emulator is mounted at. API paths are `<basePath>/api/v1/…`. Default `/sandbox/komoju`. */
  readonly basePath?: string;
  /** Secret key (`sk_test_…`), accepted everywhere. Default `sk_test_kessai_sandbox`. */
  readonly secretKey?: string;
  /** Publishable key (`pk_test_…`), accepted on the browser routes only. Default `pk_test_kessai_sandbox`. */
  readonly publishableKey?: string;
  /** Payment types activated on the emulated account. Default both. */
  readonly paymentTypes?: readonly KomojuEmulatedPaymentType[];
  /** Card brands a session lists and a pay accepts. Default visa, master, jcb, american_express, diners_club. */
  readonly cardBrands?: readonly string[];
  /** Konbini chains activated. Default all six. */
  readonly konbiniStores?: readonly KomojuKonbiniStore[];
  /** Session lifetime when `expires_in_seconds` is not sent. Default (and KOMOJU's maximum) 86 400. */
  readonly sessionLifetimeSeconds?: number;
  readonly konbini?: {
    /** Days until the konbini deadline, which is 23:59:59 JST of that day. Default 3 (UNCONFIRMED). */
    readonly deadlineDays?: number;
    /** `payment_method_fee` of a konbini payment (`customer_fee` of the method). Default 190. */
    readonly fee?: number;
    /** Receipt and confirmation-code patterns per store (`#` = a random digit). */
    readonly slips?: Partial<Record<KomojuKonbiniStore, KonbiniSlipFormat>>;
    /** `seven_eleven_merchant_number` of the konbini method. Default `1234567`. */
    readonly sevenElevenMerchantNumber?: string;
  };
  /** 3-D Secure. The card lists default to KOMOJU's documented test cards (see `test-cards.ts`). */
  readonly threeDSecure?: {
    /** Secure token `OK` at once (frictionless). Default 4100000000000100, 5100000000000107, 3528000000000106. */
    readonly frictionlessCards?: readonly string[];
    /**
     * `NEEDS_VERIFY`; "Complete authentication" passes (KOMOJU: password 123456). Default
     * 4100000000005000, 5100000000005007, 3528000000005006.
     */
    readonly challengeCards?: readonly string[];
    /**
     * `NEEDS_VERIFY`; the challenge fails whichever button is pressed (KOMOJU: password 111111).
     * Default 4100000000300005, 5100000000300002, 3528000000300001.
     */
    readonly failingChallengeCards?: readonly string[];
    /**
     * `NEEDS_VERIFY`; no challenge: opening `authentication_url` returns the shopper to `return_url` at
     * once with the token `ERRORED`. Default 4100000000500000, 5100000000500007, 3528000000500006.
     */
    readonly failOnRedirectCards?: readonly string[];
    /**
     * The account's 3-D Secure is misconfigured: every secure token is `ERRORED` at creation (KOMOJU's
     * fields then pay with the card details without 3-D Secure), and no card is challenged. Default false.
     */
    readonly misconfigured?: boolean;
    /**
     * Brands `POST /secure_tokens` refuses with `unsupported_card_brand` (komoju-fields then pays
     * without 3-D Secure). Default none (UNCONFIRMED).
     */
    readonly unsupportedBrands?: readonly string[];
  };
  readonly testCards?: {
    /** Card number → KOMOJU error code of the failed pay. Merged over the documented test cards. */
    readonly declines?: Readonly<Record<string, string>>;
    /** What a Luhn-valid card that is no test card does. Default `succeed`. */
    readonly otherCards?: 'succeed' | 'decline';
  };
  readonly idempotency?: {
    /**
     * A repeated `X-KOMOJU-IDEMPOTENCY` key with another body (KOMOJU documents no answer for it):
     * `replay` the first answer (default), or `conflict`: 422 `idempotency_key_reused`.
     */
    readonly otherBody?: 'replay' | 'conflict';
  };
  /**
   * Webhooks of the account (docs/providers.md, "KOMOJU", "Webhooks"): each gets a signed event on
   * every payment status change. More can be added at run time (`webhooks.add`, which also sends
   * `ping`). Default none.
   */
  readonly webhooks?: readonly KomojuWebhookConfig[];
  /** The `fetch` webhook deliveries are sent with. Default the global `fetch`. */
  readonly webhookFetch?: WebhookFetch;
  /** The timers of retries, timeouts and konbini deadlines. Default the global ones. */
  readonly webhookTimers?: WebhookTimers;
  /**
   * When a delivery is tried again. KOMOJU documents no policy (UNCONFIRMED); the default
   * (`KOMOJU_WEBHOOK_RETRY`) retries 5xx, timeouts (10 s) and network failures after 1 s, 5 s, 30 s,
   * 2 min, 10 min and 30 min, and never disables the webhook.
   */
  readonly webhookRetry?: WebhookRetryOptions;
}

/** The options with every default filled in. */
export interface ResolvedKomojuOptions {
  readonly basePath: string;
  readonly secretKey: string;
  readonly publishableKey: string;
  readonly publicOrigin: string | null;
  readonly paymentTypes: readonly KomojuEmulatedPaymentType[];
  readonly cardBrands: readonly string[];
  readonly konbiniStores: readonly KomojuKonbiniStore[];
  readonly sessionLifetimeSeconds: number;
  readonly konbiniDeadlineDays: number;
  readonly konbiniFee: number;
  readonly konbiniSlips: Readonly<Record<KomojuKonbiniStore, KonbiniSlipFormat>>;
  readonly sevenElevenMerchantNumber: string;
  readonly frictionlessCards: ReadonlySet<string>;
  readonly challengeCards: ReadonlySet<string>;
  readonly failingChallengeCards: ReadonlySet<string>;
  readonly failOnRedirectCards: ReadonlySet<string>;
  readonly threeDSecureMisconfigured: boolean;
  readonly secureTokenUnsupportedBrands: ReadonlySet<string>;
  readonly declineCards: ReadonlyMap<string, string>;
  readonly otherCards: 'succeed' | 'decline';
  readonly idempotencyOtherBody: 'replay' | 'conflict';
  readonly webhooks: readonly KomojuWebhookConfig[];
  readonly webhookFetch: WebhookFetch;
  readonly webhookTimers: WebhookTimers;
  readonly webhookRetry: WebhookRetryPolicy;
  readonly now: () => Date;
}

export const DEFAULT_KOMOJU_SECRET_KEY = 'sk_test_kessai_sandbox';
export const DEFAULT_KOMOJU_PUBLISHABLE_KEY = 'pk_test_kessai_sandbox';
export const DEFAULT_KOMOJU_BASE_PATH = '/sandbox/komoju';

const fail = optionFailure('komoju');

/** Fills in the defaults and refuses settings that could not work, at startup. */
export function resolveKomojuOptions(options: KomojuEmulatorOptions = {}): ResolvedKomojuOptions {
  const basePath = basePathOption(options.basePath, DEFAULT_KOMOJU_BASE_PATH, fail);
  const secretKey = options.secretKey ?? DEFAULT_KOMOJU_SECRET_KEY;
  const publishableKey = options.publishableKey ?? DEFAULT_KOMOJU_PUBLISHABLE_KEY;
  if (!secretKey.startsWith('sk_')) fail('secretKey must start with sk_.');
  if (!publishableKey.startsWith('pk_')) fail('publishableKey must start with pk_.');

  const publicOrigin = publicOriginOption(options.publicOrigin, fail);
  const paymentTypes = options.paymentTypes ?? KOMOJU_EMULATED_PAYMENT_TYPES;
  if (paymentTypes.length === 0 || !paymentTypes.every((t) => (KOMOJU_EMULATED_PAYMENT_TYPES as readonly string[]).includes(t))) {
    fail(`paymentTypes must be some of ${KOMOJU_EMULATED_PAYMENT_TYPES.join(', ')}.`);
  }
  const konbiniStores = options.konbiniStores ?? KOMOJU_KONBINI_STORES;
  if (!konbiniStores.every(isKomojuKonbiniStore)) fail(`konbiniStores must be some of ${KOMOJU_KONBINI_STORES.join(', ')}.`);

  const lifetime = options.sessionLifetimeSeconds ?? 86_400;
  if (!Number.isInteger(lifetime) || lifetime < 1 || lifetime > 86_400) fail('sessionLifetimeSeconds must be 1–86400.');
  const deadlineDays = options.konbini?.deadlineDays ?? 3;
  if (!Number.isInteger(deadlineDays) || deadlineDays < 0 || deadlineDays > 60) fail('konbini.deadlineDays must be 0–60.');
  const fee = options.konbini?.fee ?? 190;
  if (!Number.isInteger(fee) || fee < 0) fail('konbini.fee must be a non-negative integer.');

  const slips = { ...DEFAULT_KONBINI_SLIPS, ...options.konbini?.slips };
  for (const [store, format] of Object.entries(slips)) {
    if (!/#/.test(format.receipt) || (format.confirmationCode !== null && !/#/.test(format.confirmationCode))) {
      fail(`konbini.slips.${store} patterns need at least one # digit.`);
    }
  }
  const declines = new Map(Object.entries({ ...DEFAULT_DECLINE_CARDS, ...options.testCards?.declines }));
  for (const code of declines.values()) {
    if (!/^[a-z0-9_]{1,64}$/.test(code)) fail(`testCards.declines code ${JSON.stringify(code)} must be snake_case.`);
  }

  return {
    basePath,
    secretKey,
    publishableKey,
    publicOrigin,
    paymentTypes: [...paymentTypes],
    cardBrands: [...(options.cardBrands ?? KOMOJU_CARD_BRANDS)],
    konbiniStores: KOMOJU_KONBINI_STORES.filter((s) => konbiniStores.includes(s)),
    sessionLifetimeSeconds: lifetime,
    konbiniDeadlineDays: deadlineDays,
    konbiniFee: fee,
    konbiniSlips: slips,
    sevenElevenMerchantNumber: options.konbini?.sevenElevenMerchantNumber ?? '1234567',
    frictionlessCards: new Set(options.threeDSecure?.frictionlessCards ?? DEFAULT_FRICTIONLESS_CARDS),
    challengeCards: new Set(options.threeDSecure?.challengeCards ?? DEFAULT_CHALLENGE_CARDS),
    failingChallengeCards: new Set(options.threeDSecure?.failingChallengeCards ?? DEFAULT_FAILING_CHALLENGE_CARDS),
    failOnRedirectCards: new Set(options.threeDSecure?.failOnRedirectCards ?? DEFAULT_FAIL_ON_REDIRECT_CARDS),
    threeDSecureMisconfigured: options.threeDSecure?.misconfigured ?? false,
    secureTokenUnsupportedBrands: new Set(options.threeDSecure?.unsupportedBrands ?? []),
    declineCards: declines,
    otherCards: options.testCards?.otherCards ?? 'succeed',
    idempotencyOtherBody: options.idempotency?.otherBody ?? 'replay',
    ...resolveWebhookOptions(options, checkKomojuWebhook, KOMOJU_WEBHOOK_RETRY, fail),
    now: options.now ?? (() => new Date()),
  };
}
