import { EmulatorApiError, runRoute, type ApiAnswer } from './api-answer.ts';
import { corsHeaders, jsonResponse, preflightResponse, readRouteBody, sha256Hex, type ParsedBody } from './http.ts';
import { badIdempotencyKey, IdempotencyStore, type IdempotencyRules, type IdempotencySlot } from './idempotency.ts';
import type { RecordedApiCall, RequestLog } from './request-log.ts';
import { matchRoute, type EmulatorRoute, type MatchedRoute } from './routes.ts';

/**
 * The one request pipeline of every emulator's API. A call goes through the same steps for every
 * provider; what differs between providers is configuration:
 *
 * 1. CORS preflight: `allowedHeaders`, the request headers the provider lets a browser send;
 * 2. authentication: `authenticate` (Basic with a key, a bearer app token…) gives the caller, or throws
 *    the provider's 401;
 * 3. routing: the first of `routes` for the method and path (`/sessions/{id}/pay`), else
 *    `errors.notFound`; `authorize` checks the caller may use it (the provider's 403);
 * 4. idempotency: `idempotency` (the header, key length, lifetime, what a repeat in flight or with
 *    another body gets, and how far a key reaches) with a store the pipeline keeps;
 * 5. the body: JSON or form encoded, at most 64 KB, else `errors.body`; `prepare` reads what else the
 *    provider takes from the request (KOMOJU's `Komoju-Scenario`);
 * 6. the route runs synchronously (see `RouteHandler`), its refusals become the provider's error body,
 *    anything else `errors.internal`; `after` may hold or redo the answer (UnivaPay's `?polling=true`);
 * 7. the request log: one entry per answered call, with the provider's own fields (`logFields`);
 * 8. the answer: JSON, never cached, with the page's origin echoed for CORS.
 */

/** What a route handler gets of a call, besides the emulator's context. */
export interface BaseCall<Caller> {
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly body: Readonly<Record<string, unknown>>;
  readonly caller: Caller;
  /** The request's `Origin`, or null (a server). */
  readonly origin: string | null;
}

/** The pipeline's idempotency settings: the provider's rules, the reach of a key, its refusals. */
export interface PipelineIdempotency<Caller> extends IdempotencyRules {
  /** The scope a key is unique in (`<caller> <path>`): two calls share an answer only within one. */
  scope(caller: Caller, path: string): string;
  /** Request headers that belong to what was sent, beside the body (KOMOJU's `Komoju-Scenario`). */
  readonly fingerprintHeaders?: readonly string[];
  /** The refusal of a key the rules do not take (too long, not ASCII). */
  refuseKey(reason: string): EmulatorApiError;
  /** The refusal of a repeat while the first is in flight (`inFlight: 'conflict'`). */
  refuseInFlight(): EmulatorApiError;
  /** The refusal of a repeat with another body (`otherBody: 'conflict'`). */
  refuseOtherBody(): EmulatorApiError;
}

/** Where the pipeline is in a call, for `after`. */
export interface AnsweredRoute<Context, Call, Access extends string> {
  readonly request: Request;
  readonly matched: MatchedRoute<EmulatorRoute<Context, Call, Access>>;
  readonly call: Call;
  readonly answer: ApiAnswer;
}

export interface ApiPipelineConfig<Context, Caller, Access extends string, Extra extends object, Log extends RecordedApiCall> {
  /** The request headers a browser may send (beside the CORS-safelisted ones). */
  readonly allowedHeaders: readonly string[];
  readonly routes: readonly EmulatorRoute<Context, BaseCall<Caller> & Extra, Access>[];
  /** Who is calling, or the provider's 401 (thrown). */
  authenticate(request: Request): Caller | Promise<Caller>;
  /** Throws the provider's 403 when `caller` may not use a route of `access`. */
  authorize(caller: Caller, access: Access): void;
  /** What else the provider reads from the request, checked before the route runs (throws a refusal). */
  prepare(request: Request): Extra;
  readonly idempotency: PipelineIdempotency<Caller>;
  readonly errors: {
    readonly notFound: () => EmulatorApiError;
    readonly body: (failure: Extract<ParsedBody, { ok: false }>) => EmulatorApiError;
    readonly internal: () => EmulatorApiError;
  };
  /** Holds or redoes an answer once the route ran (UnivaPay's `?polling=true`). */
  after?(route: AnsweredRoute<Context, BaseCall<Caller> & Extra, Access>): Promise<ApiAnswer>;
  readonly log: RequestLog<Log>;
  /** The provider's own fields of a log entry (which key, which scenario…); never a secret or a body. */
  logFields(caller: Caller | null, request: Request): Omit<Log, keyof RecordedApiCall>;
  /** The emulator's clock (key lifetimes, log times). */
  now(): Date;
}

/** The API of one emulator: `(request, context, path below the API root)` → the answer. */
export interface ApiPipeline<Context> {
  answer(request: Request, context: Context, path: string): Promise<Response>;
  /** Forgets every stored answer. */
  reset(): void;
}

export function createApiPipeline<Context, Caller, Access extends string, Extra extends object, Log extends RecordedApiCall>(
  config: ApiPipelineConfig<Context, Caller, Access, Extra, Log>,
): ApiPipeline<Context> {
  const store = new IdempotencyStore();
  const rules = config.idempotency;

  async function run(
    request: Request,
    context: Context,
    path: string,
    state: { caller: Caller | null; route: string | null; key: string | null; replayed: boolean },
  ): Promise<ApiAnswer> {
    const caller = await config.authenticate(request);
    state.caller = caller;
    const matched = matchRoute(config.routes, request.method, path);
    if (!matched) throw config.errors.notFound();
    state.route = `${matched.route.method} ${matched.route.path}`;
    config.authorize(caller, matched.route.access);

    const key = matched.route.method === 'POST' ? request.headers.get(rules.header) : null;
    state.key = key;
    if (key !== null) {
      const bad = badIdempotencyKey(key, rules);
      if (bad) throw rules.refuseKey(bad);
    }
    // Claimed before the first await, so that a repeat arriving meanwhile finds it in flight.
    let slot: IdempotencySlot | null = null;
    const scope = key === null ? null : `${rules.scope(caller, path)}\n${key}`;
    while (scope !== null) {
      slot = store.claim(scope, config.now().getTime(), rules.ttlMs);
      if (slot.kind !== 'running') break;
      if (rules.inFlight === 'conflict') throw rules.refuseInFlight();
      await slot.settled;
    }
    try {
      const body = await readRouteBody(request, matched.route.method);
      if (!body.ok) throw config.errors.body(body);
      const extra = config.prepare(request);
      const fingerprint = slot ? await fingerprintOf(request, body.text, rules.fingerprintHeaders ?? []) : '';
      if (slot?.kind === 'stored') {
        if (slot.fingerprint !== fingerprint && rules.otherBody === 'conflict') throw rules.refuseOtherBody();
        state.replayed = true;
        return slot.answer;
      }
      const call = {
        params: matched.params,
        query: new URL(request.url).searchParams,
        body: body.value,
        caller,
        origin: request.headers.get('origin'),
        ...extra,
      } as BaseCall<Caller> & Extra;
      // From here to the stored answer nothing awaits.
      const answer = runRoute(() => matched.route.handler(context, call));
      if (slot?.kind === 'claimed') slot.finish(fingerprint, answer);
      slot = null;
      return config.after ? await config.after({ request, matched, call, answer }) : answer;
    } finally {
      // A call refused before its route ran (bad body, bad header) leaves the key free.
      if (slot?.kind === 'claimed') slot.release();
    }
  }

  async function answer(request: Request, context: Context, path: string): Promise<Response> {
    if (request.method === 'OPTIONS') return preflightResponse(request, config.allowedHeaders);
    const at = config.now();
    const state = { caller: null as Caller | null, route: null as string | null, key: null as string | null, replayed: false };
    let result: ApiAnswer;
    try {
      result = await run(request, context, path, state);
    } catch (error) {
      result = (error instanceof EmulatorApiError ? error : config.errors.internal()).answer;
    }
    config.log.record(
      { request, at, path, route: state.route, status: result.status, idempotencyKey: state.key, replayed: state.replayed },
      config.logFields(state.caller, request),
    );
    return jsonResponse(result.status, result.body, corsHeaders(request));
  }

  return { answer, reset: () => store.clear() };
}

async function fingerprintOf(request: Request, body: string, headers: readonly string[]): Promise<string> {
  const sent = headers.map((name) => `${name}: ${request.headers.get(name) ?? ''}`);
  return sha256Hex([request.method, ...sent, body].join('\n'));
}
