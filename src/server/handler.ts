import { z } from 'zod';
import { outcomeSchema, type Outcome } from '../core/outcome.ts';
import {
  clientSessionSchema,
  endpointRequestSchema,
  type CompleteRequest,
  type StartRequest,
  type StatusRequest,
} from '../core/protocol.ts';
import type {
  AmountDecision,
  CommonHandlerConfig,
  KessaiHandlerConfig,
  KessaiServerEvent,
} from './config.ts';
import { errorResponse, isJsonContentType, jsonResponse, readBodyText } from './http-json.ts';
import {
  EndpointRequestError,
  ProviderCallError,
  type ProviderCall,
  type ServerProvider,
} from './provider.ts';
import { serverProviderFor } from './providers.ts';

/** A web-standard request handler: Node (via a Request adapter), Hono, Next.js route handlers, workers. */
export type KessaiHandler = (request: Request) => Promise<Response>;

const ACTIONS = ['start', 'complete', 'status'] as const;
const DEFAULT_MAX_BODY_BYTES = 16 * 1024;
const DEFAULT_TIMEOUT_MS = 20_000;

/** The merchant's amount callback answer, checked before anything is sent to a provider. */
const amountDecisionSchema = z.object({
  amount: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  currency: z.string().regex(/^[A-Za-z]{3}$/),
  orderId: z.string().min(1).max(255).optional(),
  metadata: z.record(z.string(), z.string()).optional(),
  email: z.string().min(3).max(254).optional(),
});

/**
 * The merchant endpoint of protocol v1 (docs/protocol.md) for one provider. See `index.ts` for usage.
 * Every answer is JSON with `Cache-Control: no-store`; errors are `{ error: { code, message } }` and
 * never carry a key or a provider's body.
 */
export function createKessaiHandler(config: KessaiHandlerConfig): KessaiHandler {
  return createHandlerForProvider(serverProviderFor(config), config);
}

/**
 * The same handler over any `ServerProvider` (how each provider's server module plugs in; also handy
 * for a provider of your own). `config` is the part every provider shares.
 */
export function createHandlerForProvider(
  provider: ServerProvider,
  config: CommonHandlerConfig,
): KessaiHandler {
  if (typeof config.amount !== 'function') {
    throw new TypeError('kessai-elements/server: `amount` must be a function deciding amount and currency.');
  }
  const allowedOrigins = normalizeOrigins(config.allowedOrigins);
  const maxBodyBytes = config.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const fetchImpl: typeof fetch = config.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const emit = (event: KessaiServerEvent): void => {
    try {
      config.onEvent?.(event);
    } catch {
      // A logging hook must not break a payment.
    }
  };

  async function decideAmount(
    request: Request,
    mode: StartRequest['mode'],
    context: Readonly<Record<string, unknown>> | undefined,
  ): Promise<AmountDecision> {
    let decision: unknown;
    try {
      decision = await config.amount({ context, mode: mode ?? 'payment', provider: provider.name, request });
    } catch (error) {
      if (error instanceof EndpointRequestError) throw error;
      emit({ type: 'callback_error', error });
      throw new HandlerFailure(500, 'internal_error', 'The shop could not price this payment.');
    }
    const parsed = amountDecisionSchema.safeParse(decision);
    if (!parsed.success) {
      emit({ type: 'callback_error', error: parsed.error });
      throw new HandlerFailure(500, 'configuration_error', 'The shop priced this payment wrongly.');
    }
    const { orderId, metadata, email } = parsed.data;
    return {
      amount: parsed.data.amount,
      currency: parsed.data.currency.toUpperCase(),
      ...(orderId !== undefined ? { orderId } : {}),
      ...(metadata !== undefined ? { metadata } : {}),
      ...(email !== undefined ? { email } : {}),
    };
  }

  async function start(request: Request, body: StartRequest, call: ProviderCall): Promise<Response> {
    const mode = body.mode ?? 'payment';
    if (!provider.modes.includes(mode)) {
      throw new EndpointRequestError(400, 'unsupported', `${provider.name} does not support mode "${mode}".`);
    }
    const saveCard = body.saveCard === true;
    if (saveCard && (mode !== 'payment' || provider.payAndSave !== true)) {
      throw new EndpointRequestError(400, 'unsupported', `${provider.name} does not save a card while paying here.`);
    }
    const returnUrl = checkReturnUrl(body.returnUrl, allowedOrigins);
    const requested = body.methods ?? provider.methods;
    const methods = provider.methods.filter((method) => requested.includes(method));
    if (methods.length === 0) {
      throw new EndpointRequestError(400, 'no_methods', 'None of the requested methods is offered.');
    }
    const amount = await decideAmount(request, body.mode, body.context);
    const session = await provider.start(
      { mode, methods, returnUrl, locale: body.locale, amount, context: body.context, request, ...(saveCard ? { saveCard } : {}) },
      call,
    );
    const checked = clientSessionSchema.safeParse(session);
    if (!checked.success) throw new Error(`${provider.name} start returned an invalid session`);
    emit({
      type: 'session_created',
      provider: provider.name,
      sessionId: checked.data.sessionId,
      amount: checked.data.amount,
      currency: checked.data.currency,
      methods: checked.data.methods,
    });
    return jsonResponse(200, { session: checked.data });
  }

  function answerOutcome(
    action: 'status' | 'complete',
    sessionId: string,
    outcome: Outcome,
  ): Response {
    const checked = outcomeSchema.safeParse(outcome);
    if (!checked.success) throw new Error(`${provider.name} ${action} returned an invalid outcome`);
    emit({ type: 'outcome', provider: provider.name, action, sessionId, status: checked.data.status });
    return jsonResponse(200, { outcome: checked.data });
  }

  async function status(request: Request, body: StatusRequest, call: ProviderCall): Promise<Response> {
    const outcome = await provider.status(
      { sessionId: body.sessionId, reference: body.reference, context: body.context, request },
      call,
    );
    return answerOutcome('status', body.sessionId, outcome);
  }

  async function complete(
    request: Request,
    body: CompleteRequest,
    call: ProviderCall,
  ): Promise<Response> {
    if (!provider.complete) {
      throw new EndpointRequestError(
        400,
        'unsupported',
        `"complete" is not used with ${provider.name}: the browser pays the ${provider.name} session itself.`,
      );
    }
    const outcome = await provider.complete(
      {
        sessionId: body.sessionId,
        token: body.token,
        saveCard: body.saveCard === true,
        browserInfo: body.browserInfo,
        request,
        method: body.method,
        returnUrl: body.returnUrl === undefined ? undefined : checkReturnUrl(body.returnUrl, allowedOrigins),
        context: body.context,
        amount: () => decideAmount(request, 'payment', body.context),
      },
      call,
    );
    return answerOutcome('complete', body.sessionId, outcome);
  }

  return async function kessaiHandler(request: Request): Promise<Response> {
    const origin = request.headers.get('origin');
    const originAllowed = origin !== null && allowedOrigins.includes(origin);
    const cors: Record<string, string> = originAllowed
      ? { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' }
      : { Vary: 'Origin' };
    const refuse = (
      status: number,
      code: string,
      message: string,
      headers: Record<string, string> = {},
    ): Response => {
      emit({ type: 'rejected', status, code, message });
      return errorResponse(status, code, message, { ...cors, ...headers });
    };

    if (origin !== null && !originAllowed) {
      return refuse(403, 'forbidden_origin', 'This origin is not allowed to call the payment endpoint.');
    }
    if (request.method === 'OPTIONS' && originAllowed) {
      return new Response(null, {
        status: 204,
        headers: {
          ...cors,
          'Access-Control-Allow-Methods': 'POST',
          'Access-Control-Allow-Headers': 'Content-Type',
          'Access-Control-Max-Age': '600',
          'Cache-Control': 'no-store',
        },
      });
    }
    if (request.method !== 'POST') {
      return refuse(405, 'method_not_allowed', 'Use POST.', { Allow: 'POST, OPTIONS' });
    }
    if (!isJsonContentType(request.headers.get('content-type'))) {
      return refuse(415, 'unsupported_media_type', 'Send the body as application/json.');
    }
    const read = await readBodyText(request, maxBodyBytes);
    if (!read.ok) return refuse(read.status, read.code, read.message);

    let json: unknown;
    try {
      json = JSON.parse(read.text);
    } catch {
      return refuse(400, 'bad_request', 'The body is not valid JSON.');
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json)) {
      return refuse(400, 'bad_request', 'The body must be a JSON object.');
    }
    const action = (json as Record<string, unknown>)['action'];
    if (typeof action !== 'string' || !(ACTIONS as readonly string[]).includes(action)) {
      return refuse(400, 'bad_request', `"action" must be one of ${ACTIONS.join(', ')}.`);
    }
    const parsed = endpointRequestSchema.safeParse(json);
    if (!parsed.success) {
      return refuse(400, 'bad_request', describeIssue(parsed.error.issues[0], json));
    }
    emit({ type: 'request', action: parsed.data.action });

    // Our own timer rather than AbortSignal.timeout: that one is unref'd and cannot end a hung call
    // when nothing else keeps the process alive; this one is cleared as soon as the answer is ready.
    const deadline = new AbortController();
    const timer = setTimeout(
      () => deadline.abort(new DOMException('The provider did not answer in time.', 'TimeoutError')),
      timeoutMs,
    );
    const call: ProviderCall = { fetch: fetchImpl, emit, signal: deadline.signal };
    try {
      let response: Response;
      switch (parsed.data.action) {
        case 'start':
          response = await start(request, parsed.data, call);
          break;
        case 'status':
          response = await status(request, parsed.data, call);
          break;
        case 'complete':
          response = await complete(request, parsed.data, call);
          break;
      }
      for (const [name, value] of Object.entries(cors)) response.headers.set(name, value);
      return response;
    } catch (error) {
      if (error instanceof EndpointRequestError || error instanceof HandlerFailure) {
        return refuse(error.status, error.code, error.message);
      }
      if (error instanceof ProviderCallError) {
        emit({
          type: 'provider_error',
          provider: error.provider,
          action: parsed.data.action,
          failure: error.failure,
          ...(error.httpStatus !== undefined ? { httpStatus: error.httpStatus } : {}),
          ...(error.providerCode !== undefined ? { providerCode: error.providerCode } : {}),
        });
        const code =
          error.failure === 'unreachable' || error.failure === 'timeout'
            ? 'provider_unreachable'
            : 'provider_error';
        return errorResponse(502, code, error.message, cors);
      }
      emit({ type: 'internal_error', error });
      return errorResponse(500, 'internal_error', 'Something went wrong on the server.', cors);
    } finally {
      clearTimeout(timer);
    }
  };
}

/** An answer the handler itself decided on (the merchant's callback failed or answered wrongly). */
class HandlerFailure extends Error {
  constructor(
    readonly status: 500,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function normalizeOrigins(origins: readonly string[]): string[] {
  if (!Array.isArray(origins)) {
    throw new TypeError('kessai-elements/server: `allowedOrigins` must be a list of origins.');
  }
  return origins.map((raw) => {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new TypeError(`kessai-elements/server: allowed origin ${JSON.stringify(raw)} is not a URL.`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new TypeError(`kessai-elements/server: allowed origin ${JSON.stringify(raw)} is not http(s).`);
    }
    return url.origin;
  });
}

/** The return URL, accepted only as http(s) on an allowed origin (no `javascript:`, no open redirect). */
function checkReturnUrl(raw: string, allowedOrigins: readonly string[]): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new EndpointRequestError(400, 'bad_request', '"returnUrl" must be an absolute URL.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new EndpointRequestError(400, 'bad_request', '"returnUrl" must be an http(s) URL.');
  }
  if (url.username || url.password || !allowedOrigins.includes(url.origin)) {
    throw new EndpointRequestError(400, 'bad_request', '"returnUrl" is not on an allowed origin.');
  }
  return url.href;
}

interface IssueLike {
  readonly code: string;
  readonly path: readonly PropertyKey[];
  readonly expected?: unknown;
  readonly values?: readonly unknown[];
  readonly minimum?: unknown;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

const EXPECTED: Readonly<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'true or false',
  object: 'an object',
  record: 'an object',
  array: 'an array',
};

/** A message naming the bad field, built from the issue (zod/mini carries no English text). */
function describeIssue(issue: IssueLike | undefined, body: unknown): string {
  if (!issue) return 'The request is invalid.';
  const field = issue.path.length
    ? `"${issue.path.map((key) => (typeof key === 'number' ? `[${key}]` : String(key))).join('.').replace(/\.\[/g, '[')}"`
    : 'The request';
  switch (issue.code) {
    case 'invalid_type':
      return valueAt(body, issue.path) === undefined
        ? `${field} is required.`
        : `${field} must be ${EXPECTED[String(issue.expected)] ?? String(issue.expected)}.`;
    case 'invalid_value':
      return `${field} must be one of ${(issue.values ?? []).map((v) => JSON.stringify(v)).join(', ')}.`;
    case 'too_small':
      return `${field} is too short or too small.`;
    case 'too_big':
      return `${field} is too long or too large.`;
    default:
      return `${field} is invalid.`;
  }
}
