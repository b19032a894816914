import { usableApiBase } from '../shared/api-base.ts';
import { failed, type FailedOutcome } from '../shared/failures.ts';
import { createJsonClient, type CallResult } from '../shared/json-client.ts';
import type { Parser } from '../shared/json-parser.ts';
import { mapKomojuHttpStatus } from './map-outcome.ts';
import { komojuErrorBodySchema, type KomojuErrorValue } from './schemas.ts';

/**
 * A tiny client of the KOMOJU API as the browser calls it: base URL from `session.apiBase`, HTTP
 * Basic with the publishable key, JSON bodies, the attempt's abort signal (the plumbing is
 * `shared/json-client.ts`). It never throws. It sends only the headers KOMOJU's CORS preflight allows,
 * those KOMOJU's own browser fields send (`accept`, `content-type`, `authorization`, `komoju-via`):
 * no `X-KOMOJU-API-VERSION` (the server side sends it) and no idempotency header of any name (KOMOJU's
 * is `X-KOMOJU-IDEMPOTENCY`, and a browser cannot send it either), else the browser never sends the
 * call. `options.idempotencyKey` is therefore not sent; a session takes one payment, and a secure
 * token pays once.
 *
 * Card data passed to `post` goes only into the request body, to `apiBase`.
 */
export type KomojuCallResult<T> = CallResult<T, KomojuErrorValue>;

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

/** `Basic base64("<key>:")`, or null when the key cannot be encoded (not Latin-1). */
function basicAuth(key: string): string | null {
  try {
    return `Basic ${btoa(`${key}:`)}`;
  } catch {
    return null;
  }
}

/** KOMOJU's `{error}` object in a body, or undefined. */
function komojuErrorOf(json: unknown): KomojuErrorValue | undefined {
  const body = komojuErrorBodySchema.safeParse(json);
  return body.success ? body.data.error : undefined;
}

/**
 * Builds a client, or a `failed` configuration outcome when the session's API base or key cannot be
 * used. Paths are appended to the base as given; callers encode ids with `encodeURIComponent`.
 */
export function createKomojuClient(config: KomojuClientConfig): KomojuClient | FailedOutcome {
  const base = usableApiBase(config.apiBase);
  const auth = config.publishableKey ? basicAuth(config.publishableKey) : null;
  if (!base || !auth) return failed('configuration', 'configuration_error', false);
  const client = createJsonClient({
    base,
    headers: { Accept: 'application/json', Authorization: auth },
    signal: config.signal,
    ...(config.fetch ? { fetch: config.fetch } : {}),
    errorOf: komojuErrorOf,
    httpFailure: mapKomojuHttpStatus,
    // The pay answer may carry `{error}` with a 2xx status.
    errorsIn2xx: true,
  });
  return {
    trustedOrigins: client.trustedOrigins,
    get: (path, schema) => client.call('GET', path, schema),
    post: (path, body, schema) => client.call('POST', path, schema, body),
  };
}
