import { originOf } from '../../core/safe-url.ts';
import { KOMOJU_API_VERSION } from './constants.ts';
import {
  failed,
  mapKomojuHttpStatus,
  unexpectedResponse,
  type FailedOutcome,
} from './map-outcome.ts';
import { komojuErrorBodySchema, type KomojuErrorValue } from './schemas.ts';

/**
 * A tiny fetch wrapper for the KOMOJU API as the browser calls it: base URL from `session.apiBase`,
 * HTTP Basic with the publishable key, JSON bodies, `X-KOMOJU-API-VERSION`, an `Idempotency-Key` where
 * asked, the attempt's abort signal. It never throws: every call ends in one of four results.
 *
 * Card data passed to `post` goes only into the request body, to `apiBase`. Nothing here logs, and no
 * failure carries an exception message (which could echo a request).
 */
export type KomojuCallResult<T> =
  /** A 2xx answer that matched the expected schema. */
  | { readonly kind: 'ok'; readonly httpStatus: number; readonly data: T }
  /** KOMOJU's own error object (`{error: {code, message, param}}`), whatever the HTTP status. */
  | { readonly kind: 'error'; readonly httpStatus: number; readonly error: KomojuErrorValue }
  /** Network failure, an unreadable or unexpected answer, or an unusable configuration. */
  | { readonly kind: 'failed'; readonly outcome: FailedOutcome }
  /** The attempt's signal was aborted: the caller stops and reports nothing more. */
  | { readonly kind: 'aborted' };

/** Structural view of a zod (or zod/mini) schema: all the client needs. */
export interface Parser<T> {
  safeParse(input: unknown): { success: true; data: T } | { success: false };
}

export interface KomojuClientConfig {
  /** `session.apiBase`, e.g. `https://komoju.com/api/v1` or the sandbox's `…/sandbox/komoju/api/v1`. */
  readonly apiBase: string;
  readonly publishableKey: string;
  readonly signal: AbortSignal;
  readonly fetch?: typeof fetch;
}

export interface KomojuClient {
  /** Origins trusted beside `https:` for redirects and links: the API's own (the sandbox on http). */
  readonly trustedOrigins: readonly string[];
  get<T>(path: string, schema: Parser<T>): Promise<KomojuCallResult<T>>;
  post<T>(
    path: string,
    body: Readonly<Record<string, unknown>>,
    schema: Parser<T>,
    options?: { readonly idempotencyKey?: string },
  ): Promise<KomojuCallResult<T>>;
}

const LOOPBACK = /^(localhost|.+\.localhost|127(?:\.\d{1,3}){3}|\[::1\])$/;

/**
 * The API base the card data may go to: `https:`, or plain `http:` on a loopback host (the embedded
 * sandbox during development). Anything else (another scheme, credentials, a query) is refused.
 */
export function usableApiBase(raw: string): URL | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.username || url.password || url.search || url.hash) return null;
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && LOOPBACK.test(url.hostname)) return url;
  return null;
}

/** `Basic base64("<key>:")`, or null when the key cannot be encoded (not Latin-1). */
function basicAuth(key: string): string | null {
  try {
    return `Basic ${btoa(`${key}:`)}`;
  } catch {
    return null;
  }
}

/**
 * Builds a client, or a `failed` configuration outcome when the session's API base or key cannot be
 * used. Paths are appended to the base as given; callers encode ids with `encodeURIComponent`.
 */
export function createKomojuClient(config: KomojuClientConfig): KomojuClient | FailedOutcome {
  const base = usableApiBase(config.apiBase);
  const auth = config.publishableKey ? basicAuth(config.publishableKey) : null;
  if (!base || !auth) return failed('configuration', 'configuration_error', false);
  const root = base.href.replace(/\/+$/, '');
  const origin = originOf(root);
  const fetchImpl = config.fetch ?? globalThis.fetch.bind(globalThis);
  const { signal } = config;

  async function call<T>(
    method: 'GET' | 'POST',
    path: string,
    schema: Parser<T>,
    body?: Readonly<Record<string, unknown>>,
    idempotencyKey?: string,
  ): Promise<KomojuCallResult<T>> {
    if (signal.aborted) return { kind: 'aborted' };
    const headers: Record<string, string> = {
      Accept: 'application/json',
      Authorization: auth as string,
      'X-KOMOJU-API-VERSION': KOMOJU_API_VERSION,
    };
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

    const errorBody = isJson ? komojuErrorBodySchema.safeParse(json) : undefined;
    if (!response.ok) {
      if (errorBody?.success) {
        return { kind: 'error', httpStatus: response.status, error: errorBody.data.error };
      }
      return { kind: 'failed', outcome: mapKomojuHttpStatus(response.status) };
    }
    if (!isJson) return { kind: 'failed', outcome: unexpectedResponse('not_json') };
    const parsed = schema.safeParse(json);
    if (parsed.success) return { kind: 'ok', httpStatus: response.status, data: parsed.data };
    if (errorBody?.success) {
      return { kind: 'error', httpStatus: response.status, error: errorBody.data.error };
    }
    return { kind: 'failed', outcome: unexpectedResponse('schema') };
  }

  return {
    trustedOrigins: origin ? [origin] : [],
    get: (path, schema) => call('GET', path, schema),
    post: (path, body, schema, options) => call('POST', path, schema, body, options?.idempotencyKey),
  };
}

export function isFailedOutcome(value: KomojuClient | FailedOutcome): value is FailedOutcome {
  return 'status' in value && value.status === 'failed';
}
