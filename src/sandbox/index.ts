/**
 * `kessai-elements/sandbox`: in-memory emulators of the payment providers' HTTP APIs, for developing
 * and testing offline with no keys and no network, the way people use stripe-mock. Each emulator
 * follows its provider's documented paths, field names, statuses, error bodies, auth scheme and test
 * cards, serves a 3-D Secure challenge page ("Complete authentication" / "Fail authentication") and
 * konbini instructions pages, sends webhooks as the provider does (KOMOJU's signed events, UnivaPay's
 * `charge_updated` / `charge_finished`, with their retries), and lets tests read what happened
 * (requests, sessions, payments, webhook deliveries).
 *
 * Everything is a web-standard `(request: Request) => Promise<Response>` handler, so the sandbox
 * mounts in Node `http`, Hono, Next.js route handlers or a worker, and `sandbox.fetch` calls it
 * in-process (no server at all).
 *
 * @example Mount it beside your app (Node)
 * ```ts
 * import { createSandbox } from 'kessai-elements/sandbox';
 * const sandbox = createSandbox();
 * // in your request listener, for paths under /sandbox/:
 * if (sandbox.owns(url.pathname)) return sandbox.handle(request);
 * ```
 *
 * @example The merchant endpoint against the sandbox, in-process
 * ```ts
 * import { createKessaiHandler } from 'kessai-elements/server';
 * import { createSandbox } from 'kessai-elements/sandbox';
 * const sandbox = createSandbox();
 * const endpoint = createKessaiHandler({
 *   provider: 'komoju',
 *   secretKey: sandbox.komoju.secretKey,
 *   publishableKey: sandbox.komoju.publishableKey,
 *   apiBase: 'http://127.0.0.1:5173/sandbox/komoju/api/v1',
 *   fetch: sandbox.fetch,
 *   allowedOrigins: ['http://localhost:5173'],
 *   amount: () => ({ amount: 1500, currency: 'JPY' }),
 * });
 * ```
 *
 * @example Receive its webhooks in-process, and wait for them in a test
 * ```ts
 * const sandbox = createSandbox({
 *   webhookFetch: (url, init) => myWebhookHandler(new Request(url, init)),
 *   komoju: { webhooks: [{ url: 'http://localhost:5173/webhooks/komoju', secret: 'whsec' }] },
 *   univapay: { webhooks: [{ url: 'http://localhost:5173/webhooks/univapay', authToken: 'Bearer t0ken' }] },
 * });
 * // … a konbini payment marked paid on its instructions page …
 * await sandbox.komoju.webhooks.idle();
 * assert.deepEqual(sandbox.komoju.inspect.deliveries().map((d) => d.event), ['payment.authorized', 'payment.captured']);
 * ```
 *
 * @example Assert in a test that one submit paid once
 * ```ts
 * assert.equal(sandbox.komoju.inspect.payRequests(sessionId).length, 1);
 * assert.equal(sandbox.komoju.inspect.payments({ sessionId, status: 'captured' }).length, 1);
 * ```
 *
 * @module
 */
import type { ProviderEmulator } from './shared/emulator.ts';
import { isUnder } from './shared/routes.ts';
import type { WebhookFetch, WebhookTimers } from './shared/webhooks.ts';
import {
  createKomojuEmulator,
  type KomojuEmulator,
  type KomojuEmulatorOptions,
} from './komoju/index.ts';
import {
  createUnivapayEmulator,
  type UnivapayEmulator,
  type UnivapayEmulatorOptions,
} from './univapay/index.ts';
import { createStripeEmulator, type StripeEmulator, type StripeEmulatorOptions } from './stripe/index.ts';
import { createPayjpEmulator, type PayjpEmulator, type PayjpEmulatorOptions } from './payjp/index.ts';
import {
  createPaymentOptionsEmulator,
  type PaymentOptionsEmulator,
  type PaymentOptionsEmulatorOptions,
} from './paymentoptions/index.ts';

export {
  createKomojuEmulator,
  DEFAULT_CHALLENGE_CARDS as KOMOJU_CHALLENGE_CARDS,
  DEFAULT_DECLINE_CARDS as KOMOJU_DECLINE_CARDS,
  DEFAULT_FAIL_ON_REDIRECT_CARDS as KOMOJU_FAIL_ON_REDIRECT_CARDS,
  DEFAULT_FAILING_CHALLENGE_CARDS as KOMOJU_FAILING_CHALLENGE_CARDS,
  DEFAULT_FRICTIONLESS_CARDS as KOMOJU_FRICTIONLESS_CARDS,
  KOMOJU_CORS_ALLOWED_HEADERS,
  KOMOJU_IDEMPOTENCY_HEADER,
  KOMOJU_PAYMENT_EVENTS,
  KOMOJU_WEBHOOK_RETRY,
  komojuSignature,
  SUCCESS_CARDS as KOMOJU_SUCCESS_CARDS,
  type KomojuEmulator,
  type KomojuEmulatorOptions,
  type KomojuInspector,
  type KomojuPaymentJson,
  type KomojuRecordedRequest,
  type KomojuSecureTokenView,
  type KomojuSessionJson,
  type KomojuKonbiniStore,
  type KomojuWebhookConfig,
  type KomojuWebhooks,
  type KomojuWebhookView,
  type KonbiniSlipFormat,
  type PaymentStatus as KomojuPaymentStatus,
} from './komoju/index.ts';
export {
  createUnivapayEmulator,
  DEFAULT_CHALLENGE_CARDS as UNIVAPAY_CHALLENGE_CARDS,
  SUCCESS_CARDS as UNIVAPAY_SUCCESS_CARDS,
  UNIVAPAY_CHARGE_EVENTS,
  UNIVAPAY_CORS_ALLOWED_HEADERS,
  UNIVAPAY_WEBHOOK_RETRY,
  type UnivapayAppToken,
  type UnivapayChargeJson,
  type UnivapayChargeStatus,
  type UnivapayConvenienceStore,
  type UnivapayEmulator,
  type UnivapayEmulatorOptions,
  type UnivapayInspector,
  type UnivapayRecordedRequest,
  type UnivapayTokenView,
  type UnivapayWebhookConfig,
  type UnivapayWebhooks,
  type UnivapayWebhookView,
} from './univapay/index.ts';
export {
  createStripeEmulator,
  decodeStripeForm,
  STRIPE_CORS_ALLOWED_HEADERS,
  STRIPE_EVENT_TYPES,
  STRIPE_TEST_CARDS,
  STRIPE_TEST_PAYMENT_METHODS,
  STRIPE_WEBHOOK_RETRY,
  stripeSignature,
  type StripeDecline,
  type StripeEmulator,
  type StripeEmulatorOptions,
  type StripeEventView,
  type StripeInspector,
  type StripeJsStandIn,
  type StripeJsStandInConstructor,
  type StripeObjectJson,
  type StripePaymentIntentStatus,
  type StripePaymentMethodView,
  type StripeRecordedRequest,
  type StripeSetupIntentStatus,
  type StripeTestCard,
  type StripeWebhookConfig,
  type StripeWebhooks,
  type StripeWebhookView,
} from './stripe/index.ts';
export {
  createPayjpEmulator,
  PAYJP_CORS_ALLOWED_HEADERS,
  PAYJP_EVENT_TYPES,
  PAYJP_TEST_CARDS,
  PAYJP_WEBHOOK_RETRY,
  type PayjpEmulator,
  type PayjpEmulatorOptions,
  type PayjpEventView,
  type PayjpInspector,
  type PayjpObjectJson,
  type PayjpPaymentFlowStatus,
  type PayjpPaymentMethodView,
  type PayjpPaymentsStandIn,
  type PayjpPaymentsStandInConstructor,
  type PayjpRecordedRequest,
  type PayjpReturnParams,
  type PayjpSetupFlowStatus,
  type PayjpTestCard,
  type PayjpWebhookConfig,
  type PayjpWebhooks,
  type PayjpWebhookView,
} from './payjp/index.ts';
export {
  createPaymentOptionsEmulator,
  DEFAULT_PAYMENTOPTIONS_SIGNATURE_HEADER,
  PAYMENTOPTIONS_CORS_ALLOWED_HEADERS,
  PAYMENTOPTIONS_RESPONSE_DESCRIPTIONS,
  PAYMENTOPTIONS_TEST_CARDS,
  PAYMENTOPTIONS_WEBHOOK_RETRY,
  paymentOptionsSignature,
  type PaymentOptionsEmulator,
  type PaymentOptionsEmulatorOptions,
  type PaymentOptionsInspector,
  type PaymentOptionsLinkStatus,
  type PaymentOptionsLinkView,
  type PaymentOptionsRecordedRequest,
  type PaymentOptionsStoredCardView,
  type PaymentOptionsTestCard,
  type PaymentOptionsTransactionStatus,
  type PaymentOptionsTransactionView,
  type PaymentOptionsWebhookSigning,
} from './paymentoptions/index.ts';
export { sandboxOriginFor } from './origins.ts';
export type { ProviderEmulator } from './shared/emulator.ts';
export type {
  WebhookAttempt,
  WebhookAttemptResult,
  WebhookDelivery,
  WebhookDeliveryFilter,
  WebhookFetch,
  WebhookGiveUpReason,
  WebhookRetryOptions,
  WebhookRetryPolicy,
  WebhookTimers,
} from './shared/webhooks.ts';

export interface SandboxOptions {
  /** Path every emulator is mounted under: `<basePath>/<provider>/…`. Default `/sandbox`. */
  readonly basePath?: string;
  /** KOMOJU emulator settings (its `basePath` is always `<basePath>/komoju`). */
  readonly komoju?: Omit<KomojuEmulatorOptions, 'basePath'>;
  /** UnivaPay emulator settings (its `basePath` is always `<basePath>/univapay`). */
  readonly univapay?: Omit<UnivapayEmulatorOptions, 'basePath'>;
  /** Stripe emulator settings (its `basePath` is always `<basePath>/stripe`). */
  readonly stripe?: Omit<StripeEmulatorOptions, 'basePath'>;
  /** PAY.JP emulator settings (its `basePath` is always `<basePath>/payjp`). */
  readonly payjp?: Omit<PayjpEmulatorOptions, 'basePath'>;
  /** PaymentOptions emulator settings (its `basePath` is always `<basePath>/paymentoptions`). */
  readonly paymentoptions?: Omit<PaymentOptionsEmulatorOptions, 'basePath'>;
  /**
   * The `fetch` every emulator sends its webhooks with, unless its own `webhookFetch` is set: e.g. your
   * server's handler, to receive them in-process. Default the global `fetch`.
   */
  readonly webhookFetch?: WebhookFetch;
  /** The timers every emulator's webhooks use, unless its own `webhookTimers` is set. Default the global ones. */
  readonly webhookTimers?: WebhookTimers;
}

/** The provider emulators under one path, as one handler. */
export interface Sandbox {
  /** `/sandbox` by default. */
  readonly basePath: string;
  /** Answers any request under `basePath`: the emulator of the provider named by the next segment. */
  handle(request: Request): Promise<Response>;
  /** `fetch` that answers from the sandbox in-process, whatever host the URL names. */
  readonly fetch: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;
  /** Whether a path belongs to the sandbox. */
  owns(pathname: string): boolean;
  /** The KOMOJU emulator (API at `<basePath>/komoju/api/v1`), with its `inspect` API. */
  readonly komoju: KomojuEmulator;
  /**
   * The UnivaPay emulator (API at `<basePath>/univapay`), with `issueAppToken` for the merchant's
   * configuration and its `inspect` API.
   */
  readonly univapay: UnivapayEmulator;
  /**
   * The Stripe emulator (API at `<basePath>/stripe/v1`, the Stripe.js stand-in at
   * `<basePath>/stripe/v3/`), with its keys and `inspect` API.
   */
  readonly stripe: StripeEmulator;
  /**
   * The PAY.JP v2 emulator (API at `<basePath>/payjp/v2`, the payments.js stand-in at
   * `<basePath>/payjp/payments.js`), with its keys, webhook token and `inspect` API.
   */
  readonly payjp: PayjpEmulator;
  /**
   * The PaymentOptions emulator (API at `<basePath>/paymentoptions/api/v1`, its hosted payment page and
   * 3-D Secure page beside it), with its credentials and `inspect` API.
   */
  readonly paymentoptions: PaymentOptionsEmulator;
  /** Resets every emulator. */
  reset(): void;
}

/**
 * Creates the sandbox: KOMOJU at `<basePath>/komoju`, UnivaPay at `<basePath>/univapay`, Stripe at
 * `<basePath>/stripe`, PAY.JP at `<basePath>/payjp`, PaymentOptions at `<basePath>/paymentoptions`; each further
 * provider mounts at `<basePath>/<provider>`.
 */
export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const basePath = (options.basePath ?? '/sandbox').replace(/\/+$/, '');
  if (!/^(\/[A-Za-z0-9._~-]+)+$/.test(basePath)) {
    throw new TypeError(`kessai-elements/sandbox: basePath ${JSON.stringify(basePath)} must be a path like /sandbox.`);
  }
  const shared = {
    ...(options.webhookFetch ? { webhookFetch: options.webhookFetch } : {}),
    ...(options.webhookTimers ? { webhookTimers: options.webhookTimers } : {}),
  };
  const komoju = createKomojuEmulator({ ...shared, ...options.komoju, basePath: `${basePath}/komoju` });
  const univapay = createUnivapayEmulator({ ...shared, ...options.univapay, basePath: `${basePath}/univapay` });
  const stripe = createStripeEmulator({ ...shared, ...options.stripe, basePath: `${basePath}/stripe` });
  const payjp = createPayjpEmulator({ ...shared, ...options.payjp, basePath: `${basePath}/payjp` });
  const paymentoptions = createPaymentOptionsEmulator({ ...shared, ...options.paymentoptions, basePath: `${basePath}/paymentoptions` });
  // Each provider's emulator joins this list.
  const emulators: readonly ProviderEmulator[] = [komoju, univapay, stripe, payjp, paymentoptions];

  const owns = (pathname: string): boolean => isUnder(basePath, pathname);

  async function handle(request: Request): Promise<Response> {
    const { pathname } = new URL(request.url);
    const emulator = emulators.find((e) => e.owns(pathname));
    if (emulator) return emulator.handle(request);
    return new Response('No provider emulator at this path.', {
      status: 404,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
    });
  }

  return {
    basePath,
    handle,
    fetch: (input, init) => handle(new Request(input, init)),
    owns,
    komoju,
    univapay,
    stripe,
    payjp,
    paymentoptions,
    reset: () => emulators.forEach((e) => e.reset()),
  };
}
