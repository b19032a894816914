import { jsonResponse } from '../shared/http.ts';
import type { ProviderEmulator } from '../shared/emulator.ts';
import { runRoute, type ApiAnswer } from '../shared/api-answer.ts';
import { stylesheetResponse } from '../shared/html.ts';
import { corsHeaders, preflightResponse, readRouteBody, sha256Hex } from '../shared/http.ts';
import { decodeSegment, isUnder, matchRoute } from '../shared/routes.ts';
import { issueAppToken as signAppToken } from './app-token.ts';
import { authenticate, type Principal } from './auth.ts';
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

export type { UnivapayEmulatorOptions } from './options.ts';
export type { ChargeStatus as UnivapayChargeStatus, UnivapayRecordedRequest } from './state.ts';
export type { UnivapayConvenienceStore } from './konbini.ts';
export { DEFAULT_CHALLENGE_CARDS, SUCCESS_CARDS } from './test-cards.ts';

/** A charge as the API answers it (README 2.3); the fields tests read most are typed. */
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
}

/** Read-only view of the emulator's memory, for tests. Copies only; no card number, no secret. */
export interface UnivapayInspector {
  /** Every API call answered (not pages, not preflights), oldest first. */
  requests(filter?: { readonly route?: string; readonly method?: string }): UnivapayRecordedRequest[];
  tokens(): UnivapayTokenView[];
  /** Every charge, oldest first, moved on by the clock as a read would. */
  charges(filter?: { readonly status?: ChargeStatus }): UnivapayChargeJson[];
  charge(id: string): UnivapayChargeJson | undefined;
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
  issueAppToken(options: { readonly origins: readonly string[] }): Promise<UnivapayAppToken>;
  /** Answers a request whose path is under `basePath` (anything else: 404). */
  handle(request: Request): Promise<Response>;
  owns(pathname: string): boolean;
  readonly inspect: UnivapayInspector;
  /** Forgets every token, charge, stored answer and logged request (app tokens stay valid). */
  reset(): void;
}

const POLLED_ROUTE = 'GET /stores/{storeId}/charges/{id}';

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Creates an in-memory emulator of UnivaPay's HTTP API (providers README section 2, seed 001):
 * transaction tokens with the app token (origin-bound, CORS for browsers), charges with the secret,
 * `?polling=true`, the 3-D Secure issuer token and its challenge page, konbini charges `awaiting` with
 * their payment number (and 7-Eleven slip URL) in `metadata`, `expiry/latest`, a slip page, UnivaPay's
 * error bodies and `Idempotency-Key`. Test cards and rules: see `test-cards.ts`.
 */
export function createUnivapayEmulator(options: UnivapayEmulatorOptions = {}): UnivapayEmulator {
  const config = resolveUnivapayOptions(options);
  const state = new UnivapayState();
  const base = config.basePath;

  function contextFor(request: Request): UnivapayContext {
    const origin = config.publicOrigin ?? new URL(request.url).origin;
    return { options: config, state, urls: univapayUrls(origin, base), now: config.now() };
  }

  async function api(request: Request, first: UnivapayContext, path: string): Promise<Response> {
    if (request.method === 'OPTIONS') return preflightResponse(request);
    const url = new URL(request.url);
    const idempotencyKey = request.headers.get('idempotency-key');
    let ctx = first;
    let principal: Principal | null = null;
    let routeName: string | null = null;
    let replayed = false;
    let answer: ApiAnswer;
    try {
      principal = await authenticate(request, config.jwtSigningKey, config.storeId);
      const matched = matchRoute(UNIVAPAY_ROUTES, request.method, path);
      if (!matched) throw notFound();
      routeName = `${matched.route.method} ${matched.route.path}`;
      if (matched.route.access === 'secret' && principal.kind !== 'secret') {
        throw new UnivapayApiError(403, 'INVALID_PERMISSIONS');
      }
      const body = await readRouteBody(request, matched.route.method);
      if (!body.ok) {
        if (body.status === 413) throw new UnivapayApiError(413, 'REQUEST_TOO_LARGE');
        throw validationError('body', 'INVALID_FORMAT');
      }
      const storeKey =
        idempotencyKey && matched.route.method === 'POST'
          ? `${principal.kind} ${principal.claims.jti} POST ${path} ${idempotencyKey}`
          : null;
      const fingerprint = storeKey ? await sha256Hex(body.text) : '';
      const call = {
        params: matched.params,
        query: url.searchParams,
        body: body.value,
        principal,
        origin: request.headers.get('origin'),
      };
      // From here to the stored answer nothing awaits: a repeated key cannot slip in between.
      const result = state.idempotent.answer(storeKey, fingerprint, () => runRoute(() => matched.route.handler(ctx, call)));
      if (result === 'conflict') throw new UnivapayApiError(409, 'IDEMPOTENCY_KEY_CONFLICT');
      ({ answer, replayed } = result);
      // `?polling=true`: hold the answer while the charge is `pending` (README 2.4), up to maxPollMs.
      if (routeName === POLLED_ROUTE && url.searchParams.get('polling') === 'true') {
        const started = Date.now();
        for (;;) {
          const charge = state.charges.get(matched.params['id'] ?? '');
          if (!charge || (answer.body as { status?: unknown }).status !== 'pending') break;
          const left = config.maxPollMs - (Date.now() - started);
          if (left <= 0) break;
          const untilSettled = charge.settleAt.getTime() - config.now().getTime();
          await sleep(Math.min(Math.max(untilSettled, 5), left));
          const current = (ctx = contextFor(request));
          answer = runRoute(() => matched.route.handler(current, call));
        }
      }
    } catch (error) {
      answer =
        error instanceof UnivapayApiError
          ? error.answer
          : { status: 500, body: new UnivapayApiError(500, 'UNKNOWN_ERROR').body };
    }
    state.requests.record(
      { request, at: ctx.now, path, route: routeName, status: answer.status, idempotencyKey, replayed },
      { auth: principal?.kind ?? null },
    );
    return jsonResponse(answer.status, answer.body, corsHeaders(request));
  }

  async function handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    if (!isUnder(base, url.pathname)) return new Response('Not found', { status: 404 });
    const rest = url.pathname.slice(base.length);
    const ctx = contextFor(request);
    const method = request.method;
    const read = method === 'GET' || method === 'HEAD';

    if (rest === '/assets/page.css' && read) return stylesheetResponse();
    if (rest === '/dashboard' && read) return renderDashboard(ctx);
    if (rest === '/three_ds/challenge' && (read || method === 'POST')) return renderChallenge(ctx, request);
    const pageMatch = /^\/(three_ds\/challenge|konbini)\/([^/]+)$/.exec(rest);
    if (pageMatch) {
      const id = decodeSegment(pageMatch[2] as string);
      if (id === null) return notFoundPage(ctx, 'page');
      const challenge = pageMatch[1] === 'three_ds/challenge';
      if (method === 'POST') return challenge ? submitChallenge(ctx, id, request) : submitSlip(ctx, id, request);
      if (read && !challenge) return renderSlip(ctx, id);
      return new Response('Method not allowed', { status: 405, headers: { Allow: challenge ? 'POST' : 'GET, POST' } });
    }
    return api(request, ctx, rest);
  }

  function chargeJson(id: string): UnivapayChargeJson | undefined {
    const charge = state.charges.get(id);
    if (!charge) return undefined;
    refreshCharge(charge, config.now());
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
      }));
    },
    charges(filter = {}) {
      return [...state.charges.keys()]
        .map((id) => chargeJson(id) as UnivapayChargeJson)
        .filter((c) => !filter.status || c.status === filter.status);
    },
    charge: chargeJson,
  };

  return {
    basePath: base,
    storeId: config.storeId,
    async issueAppToken({ origins }) {
      const issued = await signAppToken(config.jwtSigningKey, config.storeId, origins, config.now());
      return { appToken: issued.appToken, secret: issued.secret, storeId: config.storeId };
    },
    handle,
    owns: (pathname) => isUnder(base, pathname),
    inspect,
    reset: () => state.reset(),
  };
}
