import { runRoute, type ApiAnswer } from '../shared/api-answer.ts';
import { mountEmulator, type ProviderEmulator } from '../shared/emulator.ts';
import { createApiPipeline } from '../shared/pipeline.ts';
import { issueAppToken as signAppToken } from './app-token.ts';
import { authenticate } from './auth.ts';
import { univapayUrls, type UnivapayContext } from './context.ts';
import { notFound, UnivapayApiError, validationError } from './errors.ts';
import { resolveUnivapayOptions, type UnivapayEmulatorOptions } from './options.ts';
import { renderChallenge, submitChallenge } from './pages/challenge.ts';
import { notFoundPage } from './pages/common.ts';
import { renderDashboard } from './pages/dashboard.ts';
import { renderSlip, submitSlip } from './pages/slip.ts';
import { UNIVAPAY_ROUTES } from './routes/index.ts';
import { serializeCharge } from './serialize.ts';
import { UnivapayState, type ChargeStatus, type UnivapayRecordedRequest } from './state.ts';
import { refreshCharge } from './charge.ts';
import { createUnivapayWebhookHub, type UnivapayWebhooks } from './webhooks.ts';
import type { WebhookDelivery, WebhookDeliveryFilter } from '../shared/webhooks.ts';
import { CHECKOUT_JS } from './widget/checkout-js.ts';
import { answerInlineChallenge, createInlineToken, INLINE_CSS, INLINE_JS, renderInlineForm, widgetAsset } from './widget/inline-form.ts';

export type { UnivapayEmulatorOptions } from './options.ts';
export type { ChargeStatus as UnivapayChargeStatus, UnivapayRecordedRequest } from './state.ts';
export type { UnivapayConvenienceStore } from './konbini.ts';
export { DEFAULT_CHALLENGE_CARDS, SUCCESS_CARDS } from './test-cards.ts';
export {
  UNIVAPAY_CHARGE_EVENTS,
  UNIVAPAY_WEBHOOK_RETRY,
  type UnivapayWebhookConfig,
  type UnivapayWebhooks,
  type UnivapayWebhookView,
} from './webhooks.ts';

/** A charge as the API answers it (docs/providers.md, "UnivaPay"); the fields tests read most are typed. */
export interface UnivapayChargeJson {
  readonly id: string;
  readonly status: ChargeStatus;
  readonly transaction_token_id: string;
  readonly requested_amount: number;
  readonly requested_currency: string;
  readonly error: { readonly code: number; readonly message: string } | null;
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly [field: string]: unknown;
}

/** A token as tests may see it: never the card, only its brand and last four digits. */
export interface UnivapayTokenView {
  readonly id: string;
  readonly payment_type: 'card' | 'konbini';
  readonly email: string | null;
  readonly brand: string | null;
  readonly last_four: string | null;
  readonly convenience_store: string | null;
  /** The charge that used it. */
  readonly charge: string | null;
  /** `one_time` or `recurring`. */
  readonly type: 'one_time' | 'recurring';
  /** A recurring token's own 3-D Secure, run when it was made. */
  readonly three_ds_status: 'awaiting' | 'successful' | 'failed' | null;
  /** Deleted with `DELETE /stores/{storeId}/tokens/{id}`. */
  readonly deleted: boolean;
}

/** Read-only view of the emulator's memory, for tests. Copies only; no card number, no secret. */
export interface UnivapayInspector {
  /** Every API call answered (not pages, not preflights), oldest first. */
  requests(filter?: { readonly route?: string; readonly method?: string }): UnivapayRecordedRequest[];
  tokens(): UnivapayTokenView[];
  /** Every charge, oldest first, moved on by the clock as a read would. */
  charges(filter?: { readonly status?: ChargeStatus }): UnivapayChargeJson[];
  charge(id: string): UnivapayChargeJson | undefined;
  /**
   * Every webhook delivery, oldest first: url, event, delivery id, headers and body as sent, each try
   * with its status, and whether it was delivered or given up.
   */
  deliveries(filter?: WebhookDeliveryFilter): WebhookDelivery[];
}

export interface UnivapayAppToken {
  /** The JWT the browser gets (`Authorization: Bearer {appToken}`). */
  readonly appToken: string;
  /** Its secret, for the merchant's server only (`Bearer {secret}.{appToken}`). */
  readonly secret: string;
  readonly storeId: string;
}

/** The UnivaPay emulator: a web-standard handler plus its inspection API. */
export interface UnivapayEmulator extends ProviderEmulator {
  /** Where it is mounted (`/sandbox/univapay`); the API is right below it (`<basePath>/tokens`). */
  readonly basePath: string;
  /** The emulated store (`/stores/{storeId}/…`). */
  readonly storeId: string;
  /**
   * An app token bound to `origins` (`http://localhost:5173`, or bare hosts), with its secret: what a
   * merchant copies from UnivaPay's dashboard. Calls from other origins get 401 `INVALID_DOMAIN`.
   */
  issueAppToken(options: {
    readonly origins: readonly string[];
    /** Lets this token create card tokens from raw card data (a PCI DSS merchant). Default false. */
    readonly directCardTokens?: boolean;
  }): Promise<UnivapayAppToken>;
  /** Answers a request whose path is under `basePath` (anything else: 404). */
  handle(request: Request): Promise<Response>;
  owns(pathname: string): boolean;
  readonly inspect: UnivapayInspector;
  /** The store's webhooks: add and remove them, enable a stopped one, wait for deliveries (`idle()`). */
  readonly webhooks: UnivapayWebhooks;
  /**
   * Forgets every token, charge, stored answer, logged request and webhook delivery (pending ones are
   * stopped). App tokens stay valid; webhooks stay, enabled again.
   */
  reset(): void;
}

const POLLED_ROUTE = 'GET /stores/{storeId}/charges/{id}';

/**
 * What a browser may send to UnivaPay's API besides the CORS-safelisted headers. UnivaPay publishes no
 * CORS rules; these are what its own clients send (`Authorization`, `Content-Type`, `Idempotency-Key`:
 * docs/providers.md, section "UnivaPay"), so a browser adapter that sends more fails here first.
 */
export const UNIVAPAY_CORS_ALLOWED_HEADERS: readonly string[] = ['Accept', 'Accept-Language', 'Authorization', 'Content-Type', 'Idempotency-Key'];

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Creates an in-memory emulator of UnivaPay's HTTP API (docs/providers.md, "UnivaPay"):
 * transaction tokens with the app token (origin-bound, CORS for browsers), charges with the secret,
 * `?polling=true`, the 3-D Secure issuer token and its challenge page, konbini charges `awaiting` with
 * their payment number (and 7-Eleven slip URL) in `metadata`, `expiry/latest`, a slip page, UnivaPay's
 * error bodies and `Idempotency-Key`, and webhooks (`charge_updated`, `charge_finished`: `webhooks.ts`).
 * Test cards and rules: see `test-cards.ts`.
 */
export function createUnivapayEmulator(options: UnivapayEmulatorOptions = {}): UnivapayEmulator {
  const config = resolveUnivapayOptions(options);
  const state = new UnivapayState();
  const base = config.basePath;
  const webhooks = createUnivapayWebhookHub(config, state);

  function contextFor(request: Request): UnivapayContext {
    const origin = config.publicOrigin ?? new URL(request.url).origin;
    return { options: config, state, urls: univapayUrls(origin, base), now: config.now(), chargeChanged: webhooks.chargeChanged };
  }

  const api = createApiPipeline({
    allowedHeaders: UNIVAPAY_CORS_ALLOWED_HEADERS,
    routes: UNIVAPAY_ROUTES,
    authenticate: (request) => authenticate(request, config.jwtSigningKey, config.storeId),
    authorize(principal, access) {
      if (access === 'secret' && principal.kind !== 'secret') throw new UnivapayApiError(403, 'INVALID_PERMISSIONS');
    },
    prepare: () => ({}),
    idempotency: {
      header: 'Idempotency-Key',
      maxLength: 255,
      asciiOnly: false,
      ttlMs: null,
      inFlight: 'wait',
      otherBody: 'conflict',
      scope: (principal, path) => `${principal.kind} ${principal.claims.jti} POST ${path}`,
      refuseKey: () => validationError('Idempotency-Key', 'INVALID_FORMAT'),
      refuseInFlight: () => new UnivapayApiError(409, 'IDEMPOTENCY_KEY_CONFLICT'),
      refuseOtherBody: () => new UnivapayApiError(409, 'IDEMPOTENCY_KEY_CONFLICT'),
    },
    errors: {
      notFound,
      body: (failure) => (failure.status === 413 ? new UnivapayApiError(413, 'REQUEST_TOO_LARGE') : validationError('body', 'INVALID_FORMAT')),
      internal: () => new UnivapayApiError(500, 'UNKNOWN_ERROR'),
    },
    // `?polling=true`: hold the answer while the charge is `pending` (docs/providers.md, section
    // "UnivaPay"), up to maxPollMs, reading it again with the clock moved on.
    async after({ request, matched, call, answer }) {
      if (`${matched.route.method} ${matched.route.path}` !== POLLED_ROUTE || call.query.get('polling') !== 'true') return answer;
      const started = Date.now();
      let current: ApiAnswer = answer;
      for (;;) {
        const charge = state.charges.get(matched.params['id'] ?? '');
        if (!charge || (current.body as { status?: unknown }).status !== 'pending') return current;
        const left = config.maxPollMs - (Date.now() - started);
        if (left <= 0) return current;
        const untilSettled = charge.settleAt.getTime() - config.now().getTime();
        await sleep(Math.min(Math.max(untilSettled, 5), left));
        const ctx = contextFor(request);
        current = runRoute(() => matched.route.handler(ctx, call));
      }
    },
    log: state.requests,
    logFields: (principal) => ({ auth: principal?.kind ?? null }),
    now: () => config.now(),
  });

  const mounted = mountEmulator<UnivapayContext>({
    basePath: base,
    context: contextFor,
    apiPrefix: '',
    api,
    pages: [
      { path: '/dashboard', GET: (ctx) => renderDashboard(ctx) },
      { path: '/three_ds/challenge', GET: renderChallenge, POST: renderChallenge },
      { path: '/three_ds/challenge/{id}', POST: (ctx, request, p) => submitChallenge(ctx, p['id'] ?? '', request) },
      { path: '/konbini/{id}', GET: (ctx, _request, p) => renderSlip(ctx, p['id'] ?? ''), POST: (ctx, request, p) => submitSlip(ctx, p['id'] ?? '', request) },
      // The stand-in of UnivaPay's widget script and its inline form (widget/checkout-js.ts).
      { path: '/client/checkout.js', GET: () => widgetAsset(CHECKOUT_JS, 'text/javascript') },
      { path: '/client/inline', GET: renderInlineForm },
      { path: '/client/inline.js', GET: () => widgetAsset(INLINE_JS, 'text/javascript') },
      { path: '/client/inline.css', GET: () => widgetAsset(INLINE_CSS, 'text/css') },
      { path: '/client/inline/tokens', POST: createInlineToken },
      { path: '/client/inline/tokens/{id}/three_ds', POST: (ctx, request, p) => answerInlineChallenge(ctx, request, p['id'] ?? '') },
    ],
    notFoundPage: (ctx) => notFoundPage(ctx, 'page'),
    afterRequest: () => webhooks.sweep(),
  });

  function chargeJson(id: string): UnivapayChargeJson | undefined {
    const charge = state.charges.get(id);
    if (!charge) return undefined;
    refreshCharge(charge, config.now(), webhooks.chargeChanged);
    return serializeCharge(charge) as unknown as UnivapayChargeJson;
  }

  const inspect: UnivapayInspector = {
    requests: (filter) => state.requests.list(filter),
    tokens() {
      return [...state.tokens.values()].map((t) => ({
        id: t.id,
        payment_type: t.source.paymentType,
        email: t.email,
        brand: t.source.paymentType === 'card' ? t.source.card.brand : null,
        last_four: t.source.paymentType === 'card' ? t.source.card.last4 : null,
        convenience_store: t.source.paymentType === 'konbini' ? t.source.konbini.convenienceStore : null,
        charge: t.chargeId,
        type: t.type,
        three_ds_status: t.threeDsStatus,
        deleted: t.deletedAt !== null,
      }));
    },
    charges(filter = {}) {
      return [...state.charges.keys()]
        .map((id) => chargeJson(id) as UnivapayChargeJson)
        .filter((c) => !filter.status || c.status === filter.status);
    },
    charge: chargeJson,
    deliveries: (filter) => webhooks.deliveries(filter),
  };

  return {
    basePath: base,
    storeId: config.storeId,
    async issueAppToken({ origins, directCardTokens }) {
      const issued = await signAppToken(config.jwtSigningKey, config.storeId, origins, config.now(), { directCardTokens: directCardTokens === true });
      return { appToken: issued.appToken, secret: issued.secret, storeId: config.storeId };
    },
    ...mounted,
    inspect,
    webhooks: webhooks.api,
    reset: () => {
      state.reset();
      api.reset();
      webhooks.reset();
    },
  };
}
