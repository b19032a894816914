import { originOf } from '../../core/safe-url.ts';
import { failed, unexpectedResponse, type FailedOutcome } from './failures.ts';
import type { Parser } from './json-parser.ts';

/**
 * The fetch plumbing every browser client of a provider API shares: JSON in and out, the attempt's
 * abort signal, no cookies, no cache, no redirects. It never throws: every call ends in one of four
 * results, and the provider's own client only adds its authentication and its error object.
 *
 * Card data passed as `body` goes only into the request body, to `base`. Nothing here logs, and no
 * failure carries an exception message (which could echo a request).
 */
export type CallResult<T, E> = CallOk<T> | CallNotOk<E>;

/** A 2xx answer that matched the expected schema. */
export interface CallOk<T> {
  readonly kind: 'ok';
  readonly httpStatus: number;
  readonly data: T;
}

export type CallNotOk<E> =
  /** The provider's own error object, whatever the HTTP status. */
  | { readonly kind: 'error'; readonly httpStatus: number; readonly error: E }
  /** Network failure, an unreadable or unexpected answer, or an unusable configuration. */
  | { readonly kind: 'failed'; readonly outcome: FailedOutcome }
  /** The attempt's signal was aborted: the caller stops and reports nothing more. */
  | { readonly kind: 'aborted' };

export interface JsonClientConfig<E> {
  /** The API base, already checked with `usableApiBase`. Paths are appended to it as given. */
  readonly base: URL;
  /** Sent with every call (`Accept`, `Authorization`, a version header); `Content-Type` and `Idempotency-Key` are added per call. */
  readonly headers: Readonly<Record<string, string>>;
  readonly signal: AbortSignal;
  readonly fetch?: typeof fetch;
  /** The provider's error object in a parsed body, or undefined when the body is not one. */
  readonly errorOf: (json: unknown) => E | undefined;
  /** The failure of an HTTP error whose body is not the provider's error object. */
  readonly httpFailure: (httpStatus: number) => FailedOutcome;
  /**
   * Whether a 2xx body that does not match the schema but is an error object is the provider's error
   * (KOMOJU answers some refusals with 200). Otherwise it is an unexpected answer.
   */
  readonly errorsIn2xx?: boolean;
}

export interface JsonClient<E> {
  /** Origins trusted beside `https:` for redirects and links: the API's own (the sandbox on http). */
  readonly trustedOrigins: readonly string[];
  call<T>(
    method: 'GET' | 'POST',
    path: string,
    schema: Parser<T>,
    body?: Readonly<Record<string, unknown>>,
    idempotencyKey?: string,
  ): Promise<CallResult<T, E>>;
}

export function createJsonClient<E>(config: JsonClientConfig<E>): JsonClient<E> {
  const root = config.base.href.replace(/\/+$/, '');
  const origin = originOf(root);
  const fetchImpl = config.fetch ?? globalThis.fetch.bind(globalThis);
  const { signal } = config;

  async function call<T>(
    method: 'GET' | 'POST',
    path: string,
    schema: Parser<T>,
    body?: Readonly<Record<string, unknown>>,
    idempotencyKey?: string,
  ): Promise<CallResult<T, E>> {
    if (signal.aborted) return { kind: 'aborted' };
    const headers: Record<string, string> = { ...config.headers };
    if (body) headers['Content-Type'] = 'application/json';
    if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;

    let response: Response;
    try {
      response = await fetchImpl(`${root}${path}`, {
        method,
        headers,
        body: body ? JSON.stringify(body) : undefined,
        signal,
        credentials: 'omit',
        cache: 'no-store',
        // A redirect must never carry a card body elsewhere: 3xx is an unexpected answer.
        redirect: 'manual',
      });
    } catch {
      if (signal.aborted) return { kind: 'aborted' };
      return { kind: 'failed', outcome: failed('network', 'network_unreachable', true) };
    }
    if (signal.aborted) return { kind: 'aborted' };
    if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
      return { kind: 'failed', outcome: unexpectedResponse(`http_${response.status}`) };
    }

    let text: string;
    try {
      text = await response.text();
    } catch {
      if (signal.aborted) return { kind: 'aborted' };
      return { kind: 'failed', outcome: failed('network', 'network_unreachable', true) };
    }
    if (signal.aborted) return { kind: 'aborted' };

    let json: unknown;
    let isJson = true;
    try {
      json = JSON.parse(text);
    } catch {
      isJson = false;
    }
    if (!response.ok) {
      const error = isJson ? config.errorOf(json) : undefined;
      if (error !== undefined) return { kind: 'error', httpStatus: response.status, error };
      return { kind: 'failed', outcome: config.httpFailure(response.status) };
    }
    if (!isJson) return { kind: 'failed', outcome: unexpectedResponse('not_json') };
    const parsed = schema.safeParse(json);
    if (parsed.success) return { kind: 'ok', httpStatus: response.status, data: parsed.data };
    const error = config.errorsIn2xx ? config.errorOf(json) : undefined;
    if (error !== undefined) return { kind: 'error', httpStatus: response.status, error };
    return { kind: 'failed', outcome: unexpectedResponse('schema') };
  }

  return { trustedOrigins: origin ? [origin] : [], call };
}
