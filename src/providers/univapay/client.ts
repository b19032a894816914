import { originOf } from '../../core/safe-url.ts';
import { usableApiBase, type Parser } from '../komoju/client.ts';
import {
  failed,
  mapUnivapayHttpStatus,
  unexpectedResponse,
  type FailedOutcome,
} from './map-outcome.ts';
import { univapayErrorBodySchema, type UnivapayErrorBody } from './schemas.ts';

/**
 * The one call the browser makes to UnivaPay: `POST /tokens` with the app token (README 2.1–2.2):
 * `Authorization: Bearer {app jwt}`, a JSON body, an `Idempotency-Key`, the attempt's abort signal.
 * It never throws: every call ends in one of four results.
 *
 * Card data passed to `post` goes only into the request body, to `apiBase`. Nothing here logs, and no
 * failure carries an exception message (which could echo a request).
 */
export type UnivapayCallResult<T> =
  | { readonly kind: 'ok'; readonly httpStatus: number; readonly data: T }
  /** UnivaPay's error body (`{status: "error", code, errors}`), whatever the HTTP status. */
  | { readonly kind: 'error'; readonly httpStatus: number; readonly error: UnivapayErrorBody }
  /** Network failure, an unreadable or unexpected answer, or an unusable configuration. */
  | { readonly kind: 'failed'; readonly outcome: FailedOutcome }
  | { readonly kind: 'aborted' };

export interface UnivapayClientConfig {
  /** `session.apiBase`: `https://api.univapay.com`, or the sandbox's `…/sandbox/univapay`. */
  readonly apiBase: string;
  /** The app token (a JWT bound to the shop's domains). */
  readonly appToken: string;
  readonly signal: AbortSignal;
  readonly fetch?: typeof fetch;
}

export interface UnivapayClient {
  /** Origins trusted beside `https:` for challenge pages and slip links: the API's own (the sandbox). */
  readonly trustedOrigins: readonly string[];
  post<T>(
    path: string,
    body: Readonly<Record<string, unknown>>,
    schema: Parser<T>,
    options?: { readonly idempotencyKey?: string },
  ): Promise<UnivapayCallResult<T>>;
}

/** A JWT's shape: three base64url parts (the signature may be empty for `alg: none`, never here). */
const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/**
 * Builds a client, or a `failed` configuration outcome when the session's API base or app token
 * cannot be used (the app token must look like a JWT: a `secret.jwt` pair must never be sent).
 */
export function createUnivapayClient(config: UnivapayClientConfig): UnivapayClient | FailedOutcome {
  const base = usableApiBase(config.apiBase);
  if (!base || !JWT.test(config.appToken)) return failed('configuration', 'configuration_error', false);
  const root = base.href.replace(/\/+$/, '');
  const origin = originOf(root);
  const authorization = `Bearer ${config.appToken}`;
  const fetchImpl = config.fetch ?? globalThis.fetch.bind(globalThis);
  const { signal } = config;

  async function post<T>(
    path: string,
    body: Readonly<Record<string, unknown>>,
    schema: Parser<T>,
    options?: { readonly idempotencyKey?: string },
  ): Promise<UnivapayCallResult<T>> {
    if (signal.aborted) return { kind: 'aborted' };
    const headers: Record<string, string> = {
      Accept: 'application/json',
      Authorization: authorization,
      'Content-Type': 'application/json',
    };
    if (options?.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;

    let response: Response;
    try {
      response = await fetchImpl(`${root}${path}`, {
        method: 'POST',
        headers,
        body: JSON.stringify(body),
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
      const error = isJson ? univapayErrorBodySchema.safeParse(json) : undefined;
      if (error?.success) return { kind: 'error', httpStatus: response.status, error: error.data };
      return { kind: 'failed', outcome: mapUnivapayHttpStatus(response.status) };
    }
    if (!isJson) return { kind: 'failed', outcome: unexpectedResponse('not_json') };
    const parsed = schema.safeParse(json);
    if (parsed.success) return { kind: 'ok', httpStatus: response.status, data: parsed.data };
    return { kind: 'failed', outcome: unexpectedResponse('schema') };
  }

  return { trustedOrigins: origin ? [origin] : [], post };
}

export function isFailedOutcome(value: UnivapayClient | FailedOutcome): value is FailedOutcome {
  return 'status' in value && value.status === 'failed';
}
