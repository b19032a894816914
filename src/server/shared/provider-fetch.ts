import type { ProviderName } from '../../core/protocol.ts';
import { ProviderCallError, type ProviderCall } from '../provider.ts';

/** One JSON request of the merchant's server to a provider, with its secret. */
export interface ProviderRequest {
  readonly provider: ProviderName;
  /** The provider's name as a merchant reads it in a message (`KOMOJU`, `UnivaPay`). */
  readonly label: string;
  readonly method: 'GET' | 'POST' | 'DELETE';
  readonly url: string;
  /** `Accept`, `Authorization` and the provider's own; `Content-Type` and `Idempotency-Key` are added here. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: Readonly<Record<string, unknown>>;
  /** A form-encoded body instead of JSON (Stripe's API takes `application/x-www-form-urlencoded`). */
  readonly form?: URLSearchParams;
  readonly idempotencyKey?: string;
}

/** What the provider answered: the HTTP status and the body as JSON (undefined when it is not JSON). */
export interface ProviderAnswer {
  readonly response: Response;
  readonly json: unknown;
}

/**
 * Sends the request (no redirects followed) and reads the answer, whatever its status. Throws
 * `ProviderCallError` only when the provider timed out, could not be reached or dropped the
 * connection; messages name the provider and never carry a key or a body.
 */
export async function fetchProviderJson(request: ProviderRequest, call: ProviderCall): Promise<ProviderAnswer> {
  const { provider, label, body } = request;
  const headers: Record<string, string> = { ...request.headers };
  if (body) headers['Content-Type'] = 'application/json';
  if (request.form) headers['Content-Type'] = 'application/x-www-form-urlencoded';
  if (request.idempotencyKey) headers['Idempotency-Key'] = request.idempotencyKey;
  let response: Response;
  try {
    response = await call.fetch(request.url, {
      method: request.method,
      headers,
      body: request.form ? request.form.toString() : body ? JSON.stringify(body) : undefined,
      signal: call.signal,
      redirect: 'manual',
    });
  } catch {
    const timedOut = call.signal.aborted;
    throw new ProviderCallError(
      provider,
      timedOut ? 'timeout' : 'unreachable',
      timedOut ? `${label} did not answer in time.` : `${label} could not be reached.`,
    );
  }
  let text = '';
  try {
    text = await response.text();
  } catch {
    throw new ProviderCallError(provider, 'unreachable', `${label} closed the connection.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { response, json };
}
