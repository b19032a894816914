import { paymentError, type PaymentError } from '../core/errors.ts';
import type { Outcome } from '../core/outcome.ts';
import {
  endpointErrorSchema,
  outcomeResponseSchema,
  startResponseSchema,
  type ClientSession,
  type CompleteRequest,
  type EndpointClient,
  type StartRequest,
  type StatusRequest,
} from '../core/protocol.ts';
import { endpointPayload, endpointRequestInit } from './start-request.ts';

/**
 * The browser side of the merchant endpoint (protocol v1): JSON `POST`s to one URL, each answer parsed
 * with the protocol's schemas. It never throws: a refused request, an unreachable server, a body that is
 * not JSON or not the expected shape all become a `failed` result with a reason the elements can put
 * into words (`endpoint_error`, `network_unreachable`, `unexpected_response`, …).
 */

/** What `start` resolves to. */
export type StartResult =
  | { readonly ok: true; readonly session: ClientSession }
  | { readonly ok: false; readonly error: PaymentError };

export interface FlowEndpointClient extends EndpointClient {
  start(body: Omit<StartRequest, 'action' | 'context'>, signal: AbortSignal): Promise<StartResult>;
}

export interface EndpointClientOptions {
  /** The merchant endpoint (the `endpoint` attribute), absolute or relative to the page. */
  readonly url: string;
  /** Posted as `context` with every request (the checkout's `context` property). */
  readonly context?: () => Readonly<Record<string, unknown>> | undefined;
  readonly fetch?: typeof fetch;
}

/** The answer of one POST: parsed JSON of a 2xx, or a failure already sorted. */
type PostResult =
  | { readonly ok: true; readonly json: unknown }
  | { readonly ok: false; readonly error: PaymentError; readonly aborted: boolean };

/** How a refused request (HTTP 4xx/5xx) is told to the shopper, from the status and the body's code. */
export function endpointFailure(httpStatus: number, code?: string, message?: string): PaymentError {
  const extra = {
    providerCode: code ?? `http_${httpStatus}`,
    ...(message !== undefined ? { providerMessage: message } : {}),
  };
  if (httpStatus === 429) return paymentError('network', 'too_many_attempts', true, extra);
  if (code === 'provider_unreachable' || code === 'provider_error' || httpStatus === 502 || httpStatus === 503 || httpStatus === 504) {
    return paymentError('provider', 'provider_unavailable', true, extra);
  }
  if (code === 'configuration_error' || code === 'forbidden_origin') {
    return paymentError('configuration', 'configuration_error', false, extra);
  }
  if (httpStatus >= 500) return paymentError('internal', 'endpoint_error', true, extra);
  return paymentError('configuration', 'endpoint_error', false, extra);
}

export function createEndpointClient(options: EndpointClientOptions): FlowEndpointClient {
  const doFetch: typeof fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));

  async function post(body: Readonly<Record<string, unknown>>, signal: AbortSignal): Promise<PostResult> {
    let text: string;
    try {
      const payload = endpointPayload(body, options.context?.());
      const response = await doFetch(options.url, endpointRequestInit(payload, signal));
      text = await response.text();
      if (!response.ok) {
        const parsed = endpointErrorSchema.safeParse(parseJson(text));
        return {
          ok: false,
          aborted: false,
          error: parsed.success
            ? endpointFailure(response.status, parsed.data.error.code, parsed.data.error.message)
            : endpointFailure(response.status),
        };
      }
    } catch {
      // A network failure, a refused CORS answer, an abort, or a context that is not JSON. The
      // exception's message is not kept: it could echo the request.
      return {
        ok: false,
        aborted: signal.aborted,
        error: paymentError('network', 'network_unreachable', true),
      };
    }
    const json = parseJson(text);
    if (json === NOT_JSON) {
      return {
        ok: false,
        aborted: false,
        error: paymentError('network', 'unexpected_response', true, { providerCode: 'not_json' }),
      };
    }
    return { ok: true, json };
  }

  function mismatch(what: string): PaymentError {
    return paymentError('configuration', 'unexpected_response', false, { providerCode: `bad_${what}` });
  }

  async function outcomeOf(body: Readonly<Record<string, unknown>>, signal: AbortSignal): Promise<Outcome> {
    const result = await post(body, signal);
    if (!result.ok) return result.aborted ? { status: 'canceled' } : { status: 'failed', error: result.error };
    const parsed = outcomeResponseSchema.safeParse(result.json);
    return parsed.success ? parsed.data.outcome : { status: 'failed', error: mismatch('outcome') };
  }

  return {
    async start(body, signal) {
      const result = await post({ action: 'start', ...body }, signal);
      if (!result.ok) return { ok: false, error: result.error };
      const parsed = startResponseSchema.safeParse(result.json);
      return parsed.success
        ? { ok: true, session: parsed.data.session }
        : { ok: false, error: mismatch('session') };
    },
    complete(body: Omit<CompleteRequest, 'action' | 'context'>, signal) {
      return outcomeOf({ action: 'complete', ...body }, signal);
    },
    status(body: Omit<StatusRequest, 'action' | 'context'>, signal) {
      return outcomeOf({ action: 'status', ...body }, signal);
    },
  };
}

const NOT_JSON: unique symbol = Symbol('not json');

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return NOT_JSON;
  }
}
