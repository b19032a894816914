import { mountEmulator, type ProviderEmulator } from '../shared/emulator.ts';
import { createApiPipeline } from '../shared/pipeline.ts';
import { authenticate, authorize } from './auth.ts';
import { expireOverdueKonbini } from './charge.ts';
import { komojuUrls, type KomojuContext } from './context.ts';
import { isErrorCode, KomojuApiError, notFound } from './errors.ts';
import { resolveKomojuOptions, type KomojuEmulatorOptions } from './options.ts';
import { notFoundPage } from './pages/common.ts';
import { renderChallenge, submitChallenge } from './pages/challenge.ts';
import { renderInstructions, submitInstructions } from './pages/instructions.ts';
import { KOMOJU_ROUTES } from './routes/index.ts';
import { customerJson, paymentJson, sessionJson } from './serialize.ts';
import { KomojuState, type KomojuRecordedRequest, type PaymentStatus } from './state.ts';
import { createKomojuWebhookHub, type KomojuWebhooks } from './webhooks.ts';
import type { WebhookDelivery, WebhookDeliveryFilter } from '../shared/webhooks.ts';

export type { KomojuEmulatorOptions } from './options.ts';
export type { KomojuRecordedRequest, PaymentStatus } from './state.ts';
export type { KonbiniSlipFormat, KomojuKonbiniStore } from './konbini.ts';
export {
  KOMOJU_PAYMENT_EVENTS,
  KOMOJU_WEBHOOK_RETRY,
  komojuSignature,
  type KomojuWebhookConfig,
  type KomojuWebhooks,
  type KomojuWebhookView,
} from './webhooks.ts';
export {
  DEFAULT_CHALLENGE_CARDS,
  DEFAULT_DECLINE_CARDS,
  DEFAULT_FAIL_ON_REDIRECT_CARDS,
  DEFAULT_FAILING_CHALLENGE_CARDS,
  DEFAULT_FRICTIONLESS_CARDS,
  SUCCESS_CARDS,
} from './test-cards.ts';

/**
 * A KOMOJU Session as the API answers it (docs/providers.md, "KOMOJU"); the fields tests read most are typed.
 */
export interface KomojuSessionJson {
  readonly id: string;
  readonly status: 'pending' | 'completed' | 'cancelled';
  readonly amount: number;
  readonly currency: string;
  readonly expired: boolean;
  readonly payment: KomojuPaymentJson | null;
  readonly [field: string]: unknown;
}

/** A KOMOJU Payment as the API answers it (docs/providers.md, "KOMOJU"). */
export interface KomojuPaymentJson {
  readonly id: string;
  readonly status: PaymentStatus;
  readonly session: string | null;
  readonly amount: number;
  readonly total: number;
  readonly currency: string;
  readonly payment_deadline: string | null;
  readonly payment_details: { readonly type: string; readonly [field: string]: unknown };
  readonly [field: string]: unknown;
}

/** A secure token as tests may see it: never the card, only its brand and last four digits. */
export interface KomojuSecureTokenView {
  readonly id: string;
  readonly verification_status: 'OK' | 'SKIPPED' | 'NEEDS_VERIFY' | 'ERRORED';
  readonly authentication_url: string | null;
  readonly brand: string;
  readonly last_four_digits: string;
  readonly amount: number;
  readonly currency: string;
  /** The payment it paid, once used. */
  readonly payment: string | null;
}

/**
 * Read-only view of the emulator's memory, for tests. Everything is a copy; nothing holds a card
 * number or a key.
 */
export interface KomojuInspector {
  /** Every API call answered (not pages, not preflights), oldest first. */
  requests(filter?: { readonly route?: string; readonly method?: string }): KomojuRecordedRequest[];
  /** `POST /sessions/{id}/pay` calls, of one session or all. */
  payRequests(sessionId?: string): KomojuRecordedRequest[];
  sessions(): KomojuSessionJson[];
  session(id: string): KomojuSessionJson | undefined;
  /** Every payment recorded (failed ones too), oldest first. */
  payments(filter?: { readonly sessionId?: string; readonly status?: PaymentStatus }): KomojuPaymentJson[];
  payment(id: string): KomojuPaymentJson | undefined;
  secureTokens(): KomojuSecureTokenView[];
  /** Every customer, its saved card as brand, last four and expiry only (`source`, null while empty). */
  customers(): Record<string, unknown>[];
  /**
   * Every webhook delivery (`ping` and payment events), oldest first: url, event, delivery id, headers
   * and body as sent, each try with its status, and whether it was delivered or given up.
   */
  deliveries(filter?: WebhookDeliveryFilter): WebhookDelivery[];
}

/**
 * The KOMOJU emulator: a web-standard handler plus its inspection API. `basePath` is where it is
 * mounted (`/sandbox/komoju`); the API is at `<basePath>/api/v1`; `reset()` forgets every session,
 * payment, token, stored answer, logged request and webhook delivery (pending ones are stopped); the
 * webhooks stay, enabled again.
 */
export interface KomojuEmulator extends ProviderEmulator {
  /** The keys it accepts (fake test keys). */
  readonly secretKey: string;
  readonly publishableKey: string;
  readonly inspect: KomojuInspector;
  /** The account's webhooks: add and remove them, and wait for their deliveries (`idle()`). */
  readonly webhooks: KomojuWebhooks;
}

/**
 * What a browser may send to KOMOJU's API besides the CORS-safelisted headers: exactly what KOMOJU's
 * own browser fields send (`accept`, `content-type`, `authorization`, `komoju-via`; docs/providers.md,
 * section "KOMOJU"). Any other header, `X-KOMOJU-IDEMPOTENCY` included, fails the preflight.
 */
export const KOMOJU_CORS_ALLOWED_HEADERS: readonly string[] = ['Accept', 'Content-Type', 'Authorization', 'KOMOJU-VIA'];

/** KOMOJU's idempotency header (doc.komoju.com "Idempotent Requests"). `Idempotency-Key` is not KOMOJU's. */
export const KOMOJU_IDEMPOTENCY_HEADER = 'X-KOMOJU-IDEMPOTENCY';

/**
 * Creates an in-memory emulator of KOMOJU's HTTP API (docs/providers.md, section "KOMOJU"): sessions,
 * pay, secure tokens with a 3-D Secure challenge page, tokens, payments, konbini slips with an
 * instructions page, KOMOJU's error bodies, Basic auth with secret and publishable keys, CORS for
 * browser calls as strict as KOMOJU's, `X-KOMOJU-IDEMPOTENCY` and `Komoju-Scenario`. Test cards: see
 * `test-cards.ts`.
 *
 * Idempotency, as KOMOJU documents it: `POST`s only, keys of at most 100 ASCII characters; a repeat
 * gets the first answer without the call running again; a repeat while the first is still being
 * answered gets HTTP 409; a key is bound for 24 hours, then free again. Not documented, so options or
 * choices here: a repeat with another body (`idempotency.otherBody`, default the first answer again);
 * the 409's body (`conflict`); a key's reach (one kind of key, one path); refusals answered before the
 * call ran (bad body, bad key) leave the key free, every answer of a call that ran is kept.
 *
 * Webhooks: each payment status the emulator sets sends `payment.<status>` to the account's webhooks,
 * signed as KOMOJU signs them (`webhooks.ts`; docs/providers.md, "KOMOJU", "Webhooks").
 *
 * Customers: `customer` / `customer_payment` sessions store the card on a customer (`customer_id`),
 * `GET /customers/{id}`, secure tokens made from a customer and `POST /payments` with a secure token or
 * a customer (docs/providers.md "KOMOJU › Customers and saved cards").
 *
 * Not emulated: the hosted payment page (`session_url` is handed out but not served), `POST /customers`
 * and customer updates, refunds, payment types other than credit_card and konbini.
 */
export function createKomojuEmulator(options: KomojuEmulatorOptions = {}): KomojuEmulator {
  const config = resolveKomojuOptions(options);
  const state = new KomojuState();
  const base = config.basePath;
  const webhooks = createKomojuWebhookHub(config, state);

  function contextFor(request: Request): KomojuContext {
    const origin = config.publicOrigin ?? new URL(request.url).origin;
    const ctx: KomojuContext = {
      options: config,
      state,
      urls: komojuUrls(origin, base),
      now: config.now(),
      paymentChanged: webhooks.paymentChanged,
    };
    expireOverdueKonbini(state, ctx.now, webhooks.paymentChanged);
    return ctx;
  }

  const api = createApiPipeline({
    allowedHeaders: KOMOJU_CORS_ALLOWED_HEADERS,
    routes: KOMOJU_ROUTES,
    authenticate: (request) => authenticate(request, config),
    authorize,
    prepare(request) {
      const scenario = request.headers.get('komoju-scenario')?.trim() || null;
      if (scenario !== null && !isErrorCode(scenario)) {
        throw new KomojuApiError(400, 'bad_request', { message: 'Komoju-Scenario must be an error code such as insufficient_funds.' });
      }
      return { scenario };
    },
    idempotency: {
      header: KOMOJU_IDEMPOTENCY_HEADER,
      maxLength: 100,
      asciiOnly: true,
      ttlMs: 24 * 60 * 60 * 1000,
      inFlight: 'conflict',
      otherBody: config.idempotencyOtherBody,
      scope: (key, path) => `${key} POST ${path}`,
      fingerprintHeaders: ['komoju-scenario'],
      refuseKey: (reason) =>
        new KomojuApiError(400, 'bad_request', { param: KOMOJU_IDEMPOTENCY_HEADER, message: `Idempotency keys ${reason}.` }),
      refuseInFlight: () =>
        new KomojuApiError(409, 'conflict', { message: 'A request with this idempotency key is still being processed.' }),
      refuseOtherBody: () =>
        new KomojuApiError(422, 'idempotency_key_reused', {
          param: KOMOJU_IDEMPOTENCY_HEADER,
          message: 'This idempotency key was already used with a different request.',
        }),
    },
    errors: {
      notFound,
      body: (failure) => new KomojuApiError(failure.status === 413 ? 413 : 400, 'bad_request', { message: failure.message }),
      internal: () => new KomojuApiError(500, 'internal_server_error'),
    },
    log: state.requests,
    logFields: (key, request) => ({ key, scenario: request.headers.get('komoju-scenario')?.trim() || null }),
    now: () => config.now(),
  });

  const mounted = mountEmulator<KomojuContext>({
    basePath: base,
    context: contextFor,
    apiPrefix: '/api/v1',
    api,
    pages: [
      { path: '/challenge/{id}', GET: (ctx, request, p) => renderChallenge(ctx, p['id'] ?? '', request), POST: (ctx, request, p) => submitChallenge(ctx, p['id'] ?? '', request) },
      { path: '/instructions/{id}', GET: (ctx, _request, p) => renderInstructions(ctx, p['id'] ?? ''), POST: (ctx, request, p) => submitInstructions(ctx, p['id'] ?? '', request) },
    ],
    notFoundPage: (ctx) => notFoundPage(ctx, 'page'),
    afterRequest: () => webhooks.sweep(),
  });

  const now = () => config.now();
  const inspect: KomojuInspector = {
    requests: (filter) => state.requests.list(filter),
    payRequests(sessionId) {
      return this.requests({ route: 'POST /sessions/{id}/pay' }).filter(
        (r) => sessionId === undefined || r.path === `/sessions/${encodeURIComponent(sessionId)}/pay`,
      );
    },
    sessions() {
      return [...state.sessions.values()].map((s) => sessionJson(s, state, config, now()) as unknown as KomojuSessionJson);
    },
    session(id) {
      const session = state.sessions.get(id);
      return session ? (sessionJson(session, state, config, now()) as unknown as KomojuSessionJson) : undefined;
    },
    payments(filter = {}) {
      return [...state.payments.values()]
        .filter((p) => (!filter.sessionId || p.sessionId === filter.sessionId) && (!filter.status || p.status === filter.status))
        .map((p) => paymentJson(p) as unknown as KomojuPaymentJson);
    },
    payment(id) {
      const payment = state.payments.get(id);
      return payment ? (paymentJson(payment) as unknown as KomojuPaymentJson) : undefined;
    },
    secureTokens() {
      return [...state.secureTokens.values()].map((t) => ({
        id: t.id,
        verification_status: t.status,
        authentication_url: t.status === 'NEEDS_VERIFY' ? t.authenticationUrl : null,
        brand: t.card.brand,
        last_four_digits: t.card.last4,
        amount: t.amount,
        currency: t.currency,
        payment: t.paymentId,
      }));
    },
    customers: () => [...state.customers.values()].map(customerJson),
    deliveries: (filter) => webhooks.deliveries(filter),
  };

  return {
    basePath: base,
    secretKey: config.secretKey,
    publishableKey: config.publishableKey,
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
