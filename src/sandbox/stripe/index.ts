import { mountEmulator, type ProviderEmulator } from '../shared/emulator.ts';
import { createApiPipeline } from '../shared/pipeline.ts';
import type { WebhookDelivery, WebhookDeliveryFilter } from '../shared/webhooks.ts';
import { widgetAsset } from '../shared/widget-asset.ts';
import { authenticate, secretKeyRequired } from './auth.ts';
import { stripeUrls, type StripeContext } from './context.ts';
import { invalidRequest, StripeApiError, unrecognizedUrl } from './errors.ts';
import { refreshPaymentIntent } from './intents.ts';
import { ELEMENT_CSS, ELEMENT_JS, renderElementFrame } from './js/element-frame.ts';
import { STRIPE_JS } from './js/stripe-js.ts';
import { resolveStripeOptions, type StripeEmulatorOptions } from './options.ts';
import { pages, renderChallenge, renderVoucher, submitChallenge, submitVoucher } from './pages.ts';
import { STRIPE_ROUTES } from './routes.ts';
import { serializeCharge, serializeCustomer, serializePaymentIntent, serializeSetupIntent } from './serialize.ts';
import { StripeState, type PaymentIntentStatus, type SetupIntentStatus, type StripeRecordedRequest } from './state.ts';
import { createStripeWebhookHub, type StripeWebhooks } from './webhooks.ts';
import { stripeId } from './payment-methods.ts';

export type { StripeEmulatorOptions } from './options.ts';
export type { PaymentIntentStatus as StripePaymentIntentStatus, SetupIntentStatus as StripeSetupIntentStatus, StripeRecordedRequest } from './state.ts';
export { STRIPE_TEST_CARDS, STRIPE_TEST_PAYMENT_METHODS, type StripeDecline, type StripeTestCard } from './test-cards.ts';
export { STRIPE_EVENT_TYPES, STRIPE_WEBHOOK_RETRY, stripeSignature, type StripeWebhookConfig, type StripeWebhooks, type StripeWebhookView } from './webhooks.ts';
export { decodeStripeForm } from './form.ts';
export type { StripeJsStandIn, StripeJsStandInConstructor } from './js/types.ts';

/** An object as the API answers it; the fields tests read most are typed. */
export interface StripeObjectJson {
  readonly id: string;
  readonly object: string;
  readonly [field: string]: unknown;
}

/** A PaymentMethod as tests may see it: never the card number, only its brand and last four digits. */
export interface StripePaymentMethodView {
  readonly id: string;
  readonly type: 'card' | 'konbini';
  readonly brand: string | null;
  readonly last4: string | null;
  readonly customer: string | null;
  /** Set up for off-session payments with authentication. */
  readonly setUp: boolean;
}

/** An event the emulator sent (or would send, with no webhook): `Event` as Stripe makes it. */
export interface StripeEventView {
  readonly id: string;
  readonly type: string;
  readonly created: number;
  readonly object: StripeObjectJson;
}

/** Read-only view of the emulator's memory, for tests. Copies only; no card number, no key. */
export interface StripeInspector {
  /** Every API call answered (not pages, not preflights), oldest first. */
  requests(filter?: { readonly route?: string; readonly method?: string }): StripeRecordedRequest[];
  paymentIntents(filter?: { readonly status?: PaymentIntentStatus; readonly customer?: string }): StripeObjectJson[];
  paymentIntent(id: string): StripeObjectJson | undefined;
  setupIntents(filter?: { readonly status?: SetupIntentStatus; readonly customer?: string }): StripeObjectJson[];
  setupIntent(id: string): StripeObjectJson | undefined;
  paymentMethods(filter?: { readonly customer?: string }): StripePaymentMethodView[];
  customers(): StripeObjectJson[];
  charges(filter?: { readonly paymentIntent?: string }): StripeObjectJson[];
  /** Every event, oldest first (`payment_intent.succeeded`…). */
  events(filter?: { readonly type?: string }): StripeEventView[];
  /** Every webhook delivery, oldest first: url, event, headers and body as sent, each try. */
  deliveries(filter?: WebhookDeliveryFilter): WebhookDelivery[];
  /** The 3-D Secure page of a PaymentIntent or SetupIntent waiting for it, or null. */
  challengeUrl(intentId: string): string | null;
}

/** The Stripe emulator: a web-standard handler plus its keys and inspection API. */
export interface StripeEmulator extends ProviderEmulator {
  /** Where it is mounted (`/sandbox/stripe`): the API at `<basePath>/v1`, the Stripe.js stand-in at `<basePath>/v3/`. */
  readonly basePath: string;
  /** The account's secret key (`sk_test_…`), for `new Stripe(secretKey, { host, port, protocol })`. */
  readonly secretKey: string;
  /** The account's publishable key (`pk_test_…`), for `Stripe(publishableKey)` in the page. */
  readonly publishableKey: string;
  /** The Stripe.js stand-in's path, below the origin the sandbox is reached at (`/sandbox/stripe/v3/`). */
  readonly stripeJsPath: string;
  readonly inspect: StripeInspector;
  /** The account's webhook endpoints: add and remove them, wait for deliveries (`idle()`). */
  readonly webhooks: StripeWebhooks;
  /** Forgets every object, stored answer, logged request, event and delivery. Keys and endpoints stay. */
  reset(): void;
}

/**
 * What a browser may send to the API besides the CORS-safelisted headers. Stripe.js sends form-encoded
 * POSTs with the key in the body (no preflight at all); these are what Stripe's other clients send
 * (UNCONFIRMED as Stripe's exact list).
 */
export const STRIPE_CORS_ALLOWED_HEADERS: readonly string[] = ['Accept', 'Authorization', 'Content-Type', 'Idempotency-Key', 'Stripe-Version', 'Stripe-Account'];

/**
 * Creates an in-memory emulator of Stripe's API (docs/providers.md, "Stripe"): PaymentIntents,
 * SetupIntents, PaymentMethods and Customers under `/v1` as stripe-node calls them, test cards with
 * 3-D Secure (a challenge page), konbini with its hosted voucher, Stripe's errors and
 * `Idempotency-Key`, signed webhook events, and a stand-in of Stripe.js at `<basePath>/v3/`.
 */
export function createStripeEmulator(options: StripeEmulatorOptions = {}): StripeEmulator {
  const config = resolveStripeOptions(options);
  const state = new StripeState();
  const base = config.basePath;

  function refreshAll(): void {
    const ctx = contextFor(null);
    for (const pi of state.paymentIntents.values()) refreshPaymentIntent(ctx, pi);
  }
  function nextExpiry(): number | null {
    let next: number | null = null;
    for (const pi of state.paymentIntents.values()) {
      if (pi.voucher && !pi.voucher.outcome && pi.status === 'requires_action') {
        const at = (pi.voucher.expiresAt + 1) * 1000;
        if (next === null || at < next) next = at;
      }
    }
    return next;
  }
  const hub = createStripeWebhookHub(config, state, refreshAll, nextExpiry);

  function contextFor(request: Request | null): StripeContext {
    const origin = config.publicOrigin ?? (request ? new URL(request.url).origin : 'http://127.0.0.1');
    const requestInfo = request
      ? { id: `req_${stripeId('x').slice(2, 16)}`, idempotencyKey: request.method === 'POST' ? request.headers.get('idempotency-key') : null }
      : { id: null, idempotencyKey: null };
    return {
      options: config,
      state,
      urls: stripeUrls(origin, base),
      now: config.now(),
      request: requestInfo,
      emit: (type, object) => hub.publish(type, object, requestInfo),
    };
  }

  const api = createApiPipeline({
    allowedHeaders: STRIPE_CORS_ALLOWED_HEADERS,
    routes: STRIPE_ROUTES,
    authenticate: (request) => authenticate(request, config),
    authorize(caller, access) {
      if (access === 'secret' && caller.kind !== 'secret') throw secretKeyRequired();
    },
    prepare: () => ({}),
    idempotency: {
      header: 'Idempotency-Key',
      maxLength: 255,
      asciiOnly: false,
      ttlMs: 24 * 60 * 60 * 1000,
      inFlight: 'conflict',
      otherBody: 'conflict',
      scope: (caller, path) => `${caller.kind} POST ${path}`,
      refuseKey: (reason) => invalidRequest(`Invalid idempotency key: it ${reason}.`, { param: 'Idempotency-Key' }),
      refuseInFlight: () =>
        invalidRequest(
          'There is currently another in-progress request using this Stripe API key and idempotency key. Try again once that request has completed.',
          { code: 'idempotency_key_in_use', status: 409 },
        ),
      refuseOtherBody: () =>
        new StripeApiError(400, {
          type: 'idempotency_error',
          message: 'Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than the one you sent if you meant to execute a different request.',
        }),
    },
    errors: {
      notFound: () => unrecognizedUrl('?', 'this path'),
      body: (failure) => invalidRequest(failure.status === 413 ? 'The request body is too large.' : `Invalid request body: ${failure.message}`),
      internal: () => new StripeApiError(500, { type: 'api_error', message: 'An unknown error occurred in the sandbox.' }),
    },
    log: state.requests,
    logFields: (caller) => ({ auth: caller?.kind ?? null }),
    now: () => config.now(),
  });

  const mounted = mountEmulator<StripeContext>({
    basePath: base,
    context: contextFor,
    apiPrefix: '/v1',
    api: {
      // Stripe names the method and path in its 404 for an unknown route.
      async answer(request, ctx, path) {
        const response = await api.answer(request, ctx, `/v1${path}`);
        if (response.status !== 404) return response;
        const body = (await response.clone().json()) as { error?: { message?: string } };
        if (!body.error?.message?.startsWith('Unrecognized request URL (?')) return response;
        const fixed = unrecognizedUrl(request.method, `/v1${path}`).body;
        return new Response(JSON.stringify(fixed), { status: 404, headers: response.headers });
      },
      reset: () => api.reset(),
    },
    pages: [
      { path: '/3d_secure/{id}', GET: (ctx, _r, p) => renderChallenge(ctx, p['id'] ?? ''), POST: (ctx, request, p) => submitChallenge(ctx, p['id'] ?? '', request) },
      { path: '/konbini/voucher/{id}', GET: (ctx, _r, p) => renderVoucher(ctx, p['id'] ?? ''), POST: (ctx, request, p) => submitVoucher(ctx, p['id'] ?? '', request) },
      // The stand-in of Stripe.js (https://js.stripe.com/v3/) and its Elements' frames (js/stripe-js.ts).
      { path: '/v3', GET: () => widgetAsset(STRIPE_JS, 'text/javascript') },
      { path: '/v3/', GET: () => widgetAsset(STRIPE_JS, 'text/javascript') },
      { path: '/v3/elements-inner-card', GET: renderElementFrame },
      { path: '/v3/elements-inner-card.js', GET: () => widgetAsset(ELEMENT_JS, 'text/javascript') },
      { path: '/v3/elements-inner-card.css', GET: () => widgetAsset(ELEMENT_CSS, 'text/css') },
    ],
    notFoundPage: (ctx) => pages.notFoundPage(ctx, 'page'),
    afterRequest: () => hub.sweep(),
  });

  const piJson = (id: string): StripeObjectJson | undefined => {
    const pi = state.paymentIntents.get(id);
    if (!pi) return undefined;
    refreshPaymentIntent(contextFor(null), pi);
    return serializePaymentIntent(pi) as StripeObjectJson;
  };

  const inspect: StripeInspector = {
    requests: (filter) => state.requests.list(filter),
    paymentIntents: (filter = {}) =>
      [...state.paymentIntents.keys()]
        .map((id) => piJson(id) as StripeObjectJson)
        .filter((pi) => (!filter.status || pi['status'] === filter.status) && (!filter.customer || pi['customer'] === filter.customer)),
    paymentIntent: piJson,
    setupIntents: (filter = {}) =>
      [...state.setupIntents.values()]
        .filter((si) => (!filter.status || si.status === filter.status) && (!filter.customer || si.customer === filter.customer))
        .map((si) => serializeSetupIntent(si) as StripeObjectJson),
    setupIntent: (id) => {
      const si = state.setupIntents.get(id);
      return si ? (serializeSetupIntent(si) as StripeObjectJson) : undefined;
    },
    paymentMethods: (filter = {}) =>
      [...state.paymentMethods.values()]
        .filter((pm) => !filter.customer || pm.customer === filter.customer)
        .map((pm) => ({ id: pm.id, type: pm.type, brand: pm.card?.brand ?? null, last4: pm.card?.last4 ?? null, customer: pm.customer, setUp: pm.setUp })),
    customers: () => [...state.customers.values()].map((c) => serializeCustomer(c) as StripeObjectJson),
    charges: (filter = {}) =>
      [...state.charges.values()]
        .filter((c) => !filter.paymentIntent || c.paymentIntent === filter.paymentIntent)
        .map((c) => serializeCharge(c, state.paymentMethods.get(c.paymentMethod)) as StripeObjectJson),
    events: (filter = {}) =>
      state.events.filter((e) => !filter.type || e.type === filter.type).map((e) => ({ id: e.id, type: e.type, created: e.created, object: e.object as StripeObjectJson })),
    deliveries: (filter) => hub.deliveries(filter),
    challengeUrl(intentId) {
      const intent = state.paymentIntents.get(intentId) ?? state.setupIntents.get(intentId);
      const action = intent?.status === 'requires_action' ? intent.nextAction : null;
      const url = (action?.['redirect_to_url'] as { url?: string } | undefined)?.url ?? (action?.['use_stripe_sdk'] as { stripe_js?: string } | undefined)?.stripe_js;
      return url ?? null;
    },
  };

  return {
    basePath: base,
    secretKey: config.secretKey,
    publishableKey: config.publishableKey,
    stripeJsPath: `${base}/v3/`,
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
