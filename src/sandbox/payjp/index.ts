import { mountEmulator, type ProviderEmulator } from '../shared/emulator.ts';
import { createApiPipeline } from '../shared/pipeline.ts';
import type { WebhookDelivery, WebhookDeliveryFilter } from '../shared/webhooks.ts';
import { widgetAsset } from '../shared/widget-asset.ts';
import { authenticate, secretKeyRequired } from './auth.ts';
import { payjpUrls, type PayjpContext } from './context.ts';
import { badBody, idempotencyConflict, internalError, routeNotFound, validationError } from './errors.ts';
import { FORM_CSS, FORM_JS, renderFormFrame } from './js/form-frame.ts';
import { PAYMENTS_JS } from './js/payments-js.ts';
import { resolvePayjpOptions, type PayjpEmulatorOptions } from './options.ts';
import { pages, renderChallenge, submitChallenge } from './pages.ts';
import { PAYJP_ROUTES } from './routes.ts';
import { serializeCustomer, serializePaymentFlow, serializeSetupFlow } from './serialize.ts';
import { PayjpState, type PaymentFlowStatus, type PayjpRecordedRequest, type SetupFlowStatus } from './state.ts';
import { createPayjpWebhookHub, type PayjpWebhooks } from './webhooks.ts';

export type { PayjpEmulatorOptions, PayjpReturnParams, PayjpWebhookConfig } from './options.ts';
export { PAYJP_WEBHOOK_RETRY } from './options.ts';
export type { PaymentFlowStatus as PayjpPaymentFlowStatus, SetupFlowStatus as PayjpSetupFlowStatus, PayjpRecordedRequest } from './state.ts';
export { PAYJP_TEST_CARDS, type PayjpTestCard } from './test-cards.ts';
export { PAYJP_EVENT_TYPES, type PayjpWebhooks, type PayjpWebhookView } from './webhooks.ts';
export type { PayjpPaymentsStandIn, PayjpPaymentsStandInConstructor } from './js/types.ts';

/** An object as the API answers it; the fields tests read most are typed. */
export interface PayjpObjectJson {
  readonly id: string;
  readonly object: string;
  readonly [field: string]: unknown;
}

/** A saved card as tests may see it: never the number, only its brand and last four digits. */
export interface PayjpPaymentMethodView {
  readonly id: string;
  readonly type: 'card';
  readonly brand: string;
  readonly last4: string;
  readonly customerId: string | null;
}

export interface PayjpEventView {
  readonly id: string;
  readonly type: string;
  readonly createdAt: string;
  readonly data: PayjpObjectJson;
}

/** Read-only view of the emulator's memory, for tests. Copies only; no card number, no key. */
export interface PayjpInspector {
  /** Every API call answered (not pages, not preflights), oldest first. */
  requests(filter?: { readonly route?: string; readonly method?: string }): PayjpRecordedRequest[];
  paymentFlows(filter?: { readonly status?: PaymentFlowStatus; readonly customerId?: string }): PayjpObjectJson[];
  paymentFlow(id: string): PayjpObjectJson | undefined;
  setupFlows(filter?: { readonly status?: SetupFlowStatus; readonly customerId?: string }): PayjpObjectJson[];
  setupFlow(id: string): PayjpObjectJson | undefined;
  customers(): PayjpObjectJson[];
  paymentMethods(filter?: { readonly customerId?: string }): PayjpPaymentMethodView[];
  events(filter?: { readonly type?: string }): PayjpEventView[];
  deliveries(filter?: WebhookDeliveryFilter): WebhookDelivery[];
  /** The 3-D Secure page of a flow waiting for it, or null. */
  challengeUrl(flowId: string): string | null;
}

/** The PAY.JP v2 emulator: a web-standard handler plus its keys and inspection API. */
export interface PayjpEmulator extends ProviderEmulator {
  /** Where it is mounted (`/sandbox/payjp`): the API at `<basePath>/v2`, payments.js at `<basePath>/payments.js`. */
  readonly basePath: string;
  /** The secret key (`sk_test_…`), for `createClient({ apiKey, baseUrl: '<origin><basePath>' })`. */
  readonly secretKey: string;
  /** The public key (`pk_test_…`), for `PayjpPayments(publicKey)`. */
  readonly publicKey: string;
  /** The account's webhook token (`X-Payjp-Webhook-Token` of every delivery). */
  readonly webhookToken: string;
  /** The payments.js stand-in's path (`/sandbox/payjp/payments.js`); `jsOrigin` for `loadPayments` is `<origin><basePath>`. */
  readonly paymentsJsPath: string;
  readonly inspect: PayjpInspector;
  readonly webhooks: PayjpWebhooks;
  /** Forgets every object, stored answer, logged request, event and delivery. Keys and webhooks stay. */
  reset(): void;
}

/**
 * What a browser may send to the API besides the CORS-safelisted headers: the stand-in sends
 * `Authorization` (Basic with the public key) and `Accept`; the rest are what the SDKs send
 * (UNCONFIRMED as PAY.JP's list).
 */
export const PAYJP_CORS_ALLOWED_HEADERS: readonly string[] = ['Accept', 'Authorization', 'Content-Type', 'Idempotency-Key', 'X-Payjp-Client-User-Agent'];

/**
 * Creates an in-memory emulator of PAY.JP's v2 API (docs/providers.md, "PAY.JP"): Payment Flows,
 * Setup Flows, Customers, card PaymentMethods and Events under `/v2` as @payjp/payjpv2 calls them,
 * the sandbox's test cards with 3-D Secure (a challenge page), HTTP 402 for a failed payment, problem
 * details errors, `Idempotency-Key`, webhooks with `X-Payjp-Webhook-Token`, and a stand-in of
 * payments.js at `<basePath>/payments.js`.
 */
export function createPayjpEmulator(options: PayjpEmulatorOptions = {}): PayjpEmulator {
  const config = resolvePayjpOptions(options);
  const state = new PayjpState();
  const base = config.basePath;
  const hub = createPayjpWebhookHub(config, state);

  function contextFor(request: Request | null): PayjpContext {
    const origin = config.publicOrigin ?? (request ? new URL(request.url).origin : 'http://127.0.0.1');
    const now = config.now().toISOString();
    return { options: config, state, urls: payjpUrls(origin, base), now, emit: (type, data) => hub.publish(type, data, now) };
  }

  const api = createApiPipeline({
    allowedHeaders: PAYJP_CORS_ALLOWED_HEADERS,
    routes: PAYJP_ROUTES,
    authenticate: (request) => authenticate(request, config),
    authorize(caller, access) {
      if (access === 'secret' && caller.kind !== 'secret') throw secretKeyRequired();
    },
    prepare: () => ({}),
    // Idempotency-Key: payjpv2-python sends it (`idempotency_key=` of every operation). Its limits,
    // lifetime and the answer to a repeat with another body are UNCONFIRMED.
    idempotency: {
      header: 'Idempotency-Key',
      maxLength: 255,
      asciiOnly: true,
      ttlMs: 24 * 60 * 60 * 1000,
      inFlight: 'conflict',
      otherBody: 'conflict',
      scope: (caller, path) => `${caller.kind} POST ${path}`,
      refuseKey: (reason) => validationError('Idempotency-Key', `Invalid idempotency key: it ${reason}.`),
      refuseInFlight: () => idempotencyConflict('Another request with this Idempotency-Key is in progress.'),
      refuseOtherBody: () => idempotencyConflict('This Idempotency-Key was used with other parameters.'),
    },
    errors: {
      notFound: routeNotFound,
      body: (failure) => badBody(failure.message, failure.status),
      internal: internalError,
    },
    log: state.requests,
    logFields: (caller) => ({ auth: caller?.kind ?? null, scheme: caller?.scheme ?? null }),
    now: () => config.now(),
  });

  const mounted = mountEmulator<PayjpContext>({
    basePath: base,
    context: contextFor,
    apiPrefix: '/v2',
    api: { answer: (request, ctx, path) => api.answer(request, ctx, `/v2${path}`), reset: () => api.reset() },
    pages: [
      { path: '/three_d_secure/{id}', GET: (ctx, _r, p) => renderChallenge(ctx, p['id'] ?? ''), POST: (ctx, request, p) => submitChallenge(ctx, p['id'] ?? '', request) },
      // The payments.js stand-in (https://js.pay.jp/payments.js) and its form frame.
      { path: '/payments.js', GET: () => widgetAsset(PAYMENTS_JS, 'text/javascript') },
      { path: '/payments-js/form', GET: renderFormFrame },
      { path: '/payments-js/form.js', GET: () => widgetAsset(FORM_JS, 'text/javascript') },
      { path: '/payments-js/form.css', GET: () => widgetAsset(FORM_CSS, 'text/css') },
    ],
    notFoundPage: (ctx) => pages.notFoundPage(ctx, 'page'),
  });

  const challengeUrl = (id: string) => contextFor(null).urls.challenge(id);
  const pfJson = (id: string) => {
    const flow = state.paymentFlows.get(id);
    return flow ? (serializePaymentFlow(state, flow, challengeUrl) as PayjpObjectJson) : undefined;
  };
  const sfJson = (id: string) => {
    const flow = state.setupFlows.get(id);
    return flow ? (serializeSetupFlow(state, flow, challengeUrl, config) as PayjpObjectJson) : undefined;
  };

  const inspect: PayjpInspector = {
    requests: (filter) => state.requests.list(filter),
    paymentFlows: (filter = {}) =>
      [...state.paymentFlows.values()]
        .filter((f) => (!filter.status || f.status === filter.status) && (!filter.customerId || f.customerId === filter.customerId))
        .map((f) => pfJson(f.id) as PayjpObjectJson),
    paymentFlow: pfJson,
    setupFlows: (filter = {}) =>
      [...state.setupFlows.values()]
        .filter((f) => (!filter.status || f.status === filter.status) && (!filter.customerId || f.customerId === filter.customerId))
        .map((f) => sfJson(f.id) as PayjpObjectJson),
    setupFlow: sfJson,
    customers: () => [...state.customers.values()].map((c) => serializeCustomer(c) as PayjpObjectJson),
    paymentMethods: (filter = {}) =>
      [...state.paymentMethods.values()]
        .filter((pm) => !filter.customerId || pm.customerId === filter.customerId)
        .map((pm) => ({ id: pm.id, type: 'card' as const, brand: pm.card.brand, last4: pm.card.last4, customerId: pm.customerId })),
    events: (filter = {}) =>
      state.events.filter((e) => !filter.type || e.type === filter.type).map((e) => ({ id: e.id, type: e.type, createdAt: e.createdAt, data: e.data as PayjpObjectJson })),
    deliveries: (filter) => hub.deliveries(filter),
    challengeUrl(flowId) {
      const flow = state.paymentFlows.get(flowId) ?? state.setupFlows.get(flowId);
      const challenge = flow?.status === 'requires_action' && flow.challengeId ? state.challenges.get(flow.challengeId) : undefined;
      return challenge?.url ?? null;
    },
  };

  return {
    basePath: base,
    secretKey: config.secretKey,
    publicKey: config.publicKey,
    webhookToken: config.webhookToken,
    paymentsJsPath: `${base}/payments.js`,
    ...mounted,
    inspect,
    webhooks: hub.api,
    reset: () => {
      state.reset();
      api.reset();
      hub.reset();
    },
  };
}
