import { usableApiBase } from '../shared/api-base.ts';
import { failed, type FailedOutcome } from '../shared/failures.ts';
import { createJsonClient, type CallResult } from '../shared/json-client.ts';
import type { Parser } from '../shared/json-parser.ts';
import { UNIVAPAY_APP_TOKEN_SHAPE } from './constants.ts';
import { mapUnivapayHttpStatus } from './map-outcome.ts';
import { univapayErrorBodySchema, type UnivapayErrorBody } from './schemas.ts';

/**
 * The one call the browser makes to UnivaPay: `POST /tokens` with the app token (docs/providers.md
 * "UnivaPay › Calls the code makes"): `Authorization: Bearer {app jwt}`, a JSON body, an
 * `Idempotency-Key`, the attempt's abort signal (the plumbing is `shared/json-client.ts`). It never
 * throws.
 *
 * Card data passed to `post` goes only into the request body, to `apiBase`.
 */
export type UnivapayCallResult<T> = CallResult<T, UnivapayErrorBody>;

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

/** UnivaPay's error body (`{status: "error", code, errors}`), or undefined. */
function univapayErrorOf(json: unknown): UnivapayErrorBody | undefined {
  const body = univapayErrorBodySchema.safeParse(json);
  return body.success ? body.data : undefined;
}

/**
 * Builds a client, or a `failed` configuration outcome when the session's API base or app token
 * cannot be used (the app token must look like a JWT: a `secret.jwt` pair must never be sent).
 */
export function createUnivapayClient(config: UnivapayClientConfig): UnivapayClient | FailedOutcome {
  const base = usableApiBase(config.apiBase);
  if (!base || !UNIVAPAY_APP_TOKEN_SHAPE.test(config.appToken)) {
    return failed('configuration', 'configuration_error', false);
  }
  const client = createJsonClient({
    base,
    headers: { Accept: 'application/json', Authorization: `Bearer ${config.appToken}` },
    signal: config.signal,
    ...(config.fetch ? { fetch: config.fetch } : {}),
    errorOf: univapayErrorOf,
    httpFailure: mapUnivapayHttpStatus,
  });
  return {
    trustedOrigins: client.trustedOrigins,
    post: (path, body, schema, options) => client.call('POST', path, schema, body, options?.idempotencyKey),
  };
}
