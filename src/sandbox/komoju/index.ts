import { jsonResponse } from '../shared/http.ts';
import type { ProviderEmulator } from '../shared/emulator.ts';
import { runRoute, type ApiAnswer } from '../shared/api-answer.ts';
import { stylesheetResponse } from '../shared/html.ts';
import { corsHeaders, preflightResponse, readRouteBody, sha256Hex } from '../shared/http.ts';
import { decodeSegment, isUnder, matchRoute } from '../shared/routes.ts';
import { authenticate, authorize, type KeyKind } from './auth.ts';
import { expireOverdueKonbini } from './charge.ts';
import { komojuUrls, type KomojuContext } from './context.ts';
import { isErrorCode, KomojuApiError, notFound } from './errors.ts';
import { resolveKomojuOptions, type KomojuEmulatorOptions } from './options.ts';
import { notFoundPage } from './pages/common.ts';
import { renderChallenge, submitChallenge } from './pages/challenge.ts';
import { renderInstructions, submitInstructions } from './pages/instructions.ts';
import { KOMOJU_ROUTES } from './routes/index.ts';
import { paymentJson, sessionJson } from './serialize.ts';
import { KomojuState, type KomojuRecordedRequest, type PaymentStatus } from './state.ts';

export type { KomojuEmulatorOptions } from './options.ts';
export type { KomojuRecordedRequest, PaymentStatus } from './state.ts';
export type { KonbiniSlipFormat, KomojuKonbiniStore } from './konbini.ts';
export { DEFAULT_DECLINE_CARDS, SUCCESS_CARDS } from './test-cards.ts';

/** A KOMOJU Session as the API answers it (README 1.2); the fields tests read most are typed. */
export interface KomojuSessionJson {
  readonly id: string;
  readonly status: 'pending' | 'completed' | 'cancelled';
  readonly amount: number;
  readonly currency: string;
  readonly expired: boolean;
  readonly payment: KomojuPaymentJson | null;
  readonly [field: string]: unknown;
}

/** A KOMOJU Payment as the API answers it (README 1.6). */
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
}

/**
 * The KOMOJU emulator: a web-standard handler plus its inspection API. `basePath` is where it is
 * mounted (`/sandbox/komoju`); the API is at `<basePath>/api/v1`; `reset()` forgets every session,
 * payment, token, stored answer and logged request.
 */
export interface KomojuEmulator extends ProviderEmulator {
  /** The keys it accepts (fake test keys). */
  readonly secretKey: string;
  readonly publishableKey: string;
  readonly inspect: KomojuInspector;
}

const API_PREFIX = '/api/v1';

/**
 * Creates an in-memory emulator of KOMOJU's HTTP API (providers README section 1): sessions, pay,
 * secure tokens with a 3-D Secure challenge page, tokens, payments, konbini slips with an
 * instructions page, KOMOJU's error bodies, Basic auth with secret and publishable keys, CORS for
 * browser calls, `Idempotency-Key` and `Komoju-Scenario`. Test cards: see `test-cards.ts`.
 *
 * Not emulated: the hosted payment page (`session_url` is handed out but not served), customers and
 * customer-mode sessions, refunds, webhooks, payment types other than credit_card and konbini.
 */
export function createKomojuEmulator(options: KomojuEmulatorOptions = {}): KomojuEmulator {
  const config = resolveKomojuOptions(options);
  const state = new KomojuState();
  const base = config.basePath;

  function contextFor(request: Request): KomojuContext {
    const origin = config.publicOrigin ?? new URL(request.url).origin;
    const ctx: KomojuContext = { options: config, state, urls: komojuUrls(origin, base), now: config.now() };
    expireOverdueKonbini(ctx);
    return ctx;
  }

  async function api(request: Request, ctx: KomojuContext, path: string): Promise<Response> {
    if (request.method === 'OPTIONS') return preflightResponse(request);
    const idempotencyKey = request.headers.get('idempotency-key');
    const scenarioHeader = request.headers.get('komoju-scenario')?.trim() || null;
    let key: KeyKind | null = null;
    let routeName: string | null = null;
    let replayed = false;
    let answer: ApiAnswer;
    try {
      key = authenticate(request, config);
      const matched = matchRoute(KOMOJU_ROUTES, request.method, path);
      if (!matched) throw notFound();
      routeName = `${matched.route.method} ${matched.route.path}`;
      authorize(key, matched.route.access);
      const body = await readRouteBody(request, matched.route.method);
      if (!body.ok) {
        throw new KomojuApiError(body.status === 413 ? 413 : 400, 'bad_request', { message: body.message });
      }
      if (scenarioHeader !== null && !isErrorCode(scenarioHeader)) {
        throw new KomojuApiError(400, 'bad_request', { message: 'Komoju-Scenario must be an error code such as insufficient_funds.' });
      }
      const storeKey = idempotencyKey && matched.route.method === 'POST' ? `${key} POST ${path} ${idempotencyKey}` : null;
      const fingerprint = storeKey ? await sha256Hex(`${scenarioHeader ?? ''}\n${body.text}`) : '';
      const call = { params: matched.params, body: body.value, key, scenario: scenarioHeader };
      // From here to the end of the call nothing awaits: a repeated key cannot slip in between.
      const result = state.idempotent.answer(storeKey, fingerprint, () => runRoute(() => matched.route.handler(ctx, call)));
      if (result === 'conflict') {
        throw new KomojuApiError(422, 'idempotency_key_reused', {
          param: 'Idempotency-Key',
          message: 'This Idempotency-Key was already used with a different request.',
        });
      }
      ({ answer, replayed } = result);
    } catch (error) {
      answer =
        error instanceof KomojuApiError
          ? error.answer
          : { status: 500, body: new KomojuApiError(500, 'internal_server_error').body };
    }
    state.requests.record(
      { request, at: ctx.now, path, route: routeName, status: answer.status, idempotencyKey, replayed },
      { key, scenario: scenarioHeader },
    );
    return jsonResponse(answer.status, answer.body, {
      ...corsHeaders(request, ['Idempotent-Replayed']),
      ...(replayed ? { 'Idempotent-Replayed': 'true' } : {}),
    });
  }

  async function handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    if (!isUnder(base, url.pathname)) return new Response('Not found', { status: 404 });
    const rest = url.pathname.slice(base.length);
    const ctx = contextFor(request);
    if (rest === API_PREFIX || rest.startsWith(`${API_PREFIX}/`)) return api(request, ctx, rest.slice(API_PREFIX.length));

    const method = request.method;
    if (rest === '/assets/page.css' && (method === 'GET' || method === 'HEAD')) return stylesheetResponse();
    const page = /^\/(challenge|instructions)\/([^/]+)$/.exec(rest);
    if (page) {
      const id = decodeSegment(page[2] as string);
      if (id === null) return notFoundPage(ctx, 'page');
      const challenge = page[1] === 'challenge';
      if (method === 'GET' || method === 'HEAD') return challenge ? renderChallenge(ctx, id) : renderInstructions(ctx, id);
      if (method === 'POST') return challenge ? submitChallenge(ctx, id, request) : submitInstructions(ctx, id, request);
      return new Response('Method not allowed', { status: 405, headers: { Allow: 'GET, POST' } });
    }
    return notFoundPage(ctx, 'page');
  }

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
  };

  return {
    basePath: base,
    secretKey: config.secretKey,
    publishableKey: config.publishableKey,
    handle,
    owns: (pathname) => isUnder(base, pathname),
    inspect,
    reset: () => state.reset(),
  };
}
