import { KOMOJU_API_VERSION } from '../../providers/komoju/constants.ts';
import type { Parser } from '../../providers/shared/json-parser.ts';
import {
  komojuErrorBodySchema,
  komojuPaymentSchema,
  komojuSecureTokenSchema,
  komojuSessionSchema,
  type KomojuErrorValue,
  type KomojuPayment,
  type KomojuSecureToken,
  type KomojuSession,
} from '../../providers/komoju/schemas.ts';
import { komojuCustomerSchema, type KomojuCustomer } from './schemas.ts';
import { EndpointRequestError, ProviderCallError, type ProviderCall } from '../provider.ts';
import { fetchProviderJson } from '../shared/provider-fetch.ts';

/**
 * The KOMOJU calls the merchant's server makes with the secret key (docs/providers.md "KOMOJU").
 * Every POST carries KOMOJU's idempotency header, `X-KOMOJU-IDEMPOTENCY` (a UUID per request: a retry
 * of the same request gets KOMOJU's first answer). Failures become `ProviderCallError` with a message
 * safe to show: no key, no KOMOJU body.
 */
export interface KomojuServerApi {
  createSession(body: Readonly<Record<string, unknown>>, call: ProviderCall): Promise<KomojuSession>;
  getSession(id: string, call: ProviderCall): Promise<KomojuSession>;
  /** `GET /customers/{id}`: the saved card (`source`); undefined when KOMOJU knows no such customer (404). */
  getCustomer(id: string, call: ProviderCall): Promise<KomojuCustomer | undefined>;
  /** `POST /secure_tokens` with `customer`: the 3-D Secure step of a saved card. */
  createSecureToken(body: Readonly<Record<string, unknown>>, call: ProviderCall): Promise<KomojuSecureToken>;
  getSecureToken(id: string, call: ProviderCall): Promise<KomojuSecureToken>;
  /**
   * `POST /payments`. A refusal with KOMOJU's error body (a decline, a used or unverified token) comes
   * back as `{ error }` to be mapped onto an outcome; `idempotencyKey` replaces the random one (a
   * payment that must never be made twice for the same secure token).
   */
  createPayment(
    body: Readonly<Record<string, unknown>>,
    call: ProviderCall,
    idempotencyKey?: string,
  ): Promise<{ payment: KomojuPayment } | { error: KomojuErrorValue; httpStatus: number }>;
}

export function komojuServerApi(apiBase: string, secretKey: string): KomojuServerApi {
  const root = apiBase.replace(/\/+$/, '');
  // btoa, not Buffer: edge runtimes have no Buffer. Keys are ASCII.
  const authorization = `Basic ${btoa(`${secretKey}:`)}`;

  async function request<T>(
    method: 'GET' | 'POST',
    path: string,
    schema: Parser<T>,
    call: ProviderCall,
    body?: Readonly<Record<string, unknown>>,
    options: { idempotencyKey?: string; keepError?: (status: number) => boolean } = {},
  ): Promise<{ status: number; data: T } | { status: number; error: KomojuErrorValue }> {
    const headers: Record<string, string> = {
      Accept: 'application/json',
      Authorization: authorization,
      'X-KOMOJU-API-VERSION': KOMOJU_API_VERSION,
    };
    if (method === 'POST') headers['X-KOMOJU-IDEMPOTENCY'] = options.idempotencyKey ?? crypto.randomUUID();
    const { response, json } = await fetchProviderJson(
      {
        provider: 'komoju',
        label: 'KOMOJU',
        method,
        url: `${root}${path}`,
        headers,
        ...(body ? { body } : {}),
      },
      call,
    );
    if (!response.ok) {
      const error = komojuErrorBodySchema.safeParse(json);
      if (error.success && options.keepError?.(response.status)) return { status: response.status, error: error.data.error };
      const rawCode =
        error.success && typeof error.data.error !== 'string' ? error.data.error.code : undefined;
      // Only a plain KOMOJU code goes into the message the browser sees.
      const code = rawCode && /^[a-z0-9_]{1,64}$/.test(rawCode) ? rawCode : undefined;
      throw new ProviderCallError(
        'komoju',
        'http_error',
        `KOMOJU answered HTTP ${response.status}${code ? ` (${code})` : ''}.`,
        response.status,
        code,
      );
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new ProviderCallError('komoju', 'unexpected_response', 'KOMOJU answered something unexpected.');
    }
    return { status: response.status, data: parsed.data };
  }

  /** The answer of a call that keeps no error body (they all throw). */
  async function data<T>(answer: Promise<{ status: number; data: T } | { status: number; error: KomojuErrorValue }>): Promise<T> {
    const settled = await answer;
    if ('error' in settled) throw new ProviderCallError('komoju', 'unexpected_response', 'KOMOJU answered something unexpected.');
    return settled.data;
  }

  return {
    async createSession(body, call) {
      return data(request('POST', '/sessions', komojuSessionSchema, call, body));
    },
    async getCustomer(id, call) {
      try {
        return await data(request('GET', `/customers/${encodeURIComponent(id)}`, komojuCustomerSchema, call));
      } catch (error) {
        if (error instanceof ProviderCallError && error.httpStatus === 404) return undefined;
        throw error;
      }
    },
    async createSecureToken(body, call) {
      return data(request('POST', '/secure_tokens', komojuSecureTokenSchema, call, body));
    },
    async getSecureToken(id, call) {
      return data(request('GET', `/secure_tokens/${encodeURIComponent(id)}`, komojuSecureTokenSchema, call));
    },
    async createPayment(body, call, idempotencyKey) {
      const answer = await request('POST', '/payments', komojuPaymentSchema, call, body, {
        ...(idempotencyKey ? { idempotencyKey } : {}),
        // A decline or a refused token: an outcome, not an outage.
        keepError: (status) => status >= 400 && status < 500 && status !== 401 && status !== 403 && status !== 404,
      });
      return 'error' in answer ? { error: answer.error, httpStatus: answer.status } : { payment: answer.data };
    },
    async getSession(id, call) {
      try {
        return await data(request('GET', `/sessions/${encodeURIComponent(id)}`, komojuSessionSchema, call));
      } catch (error) {
        if (error instanceof ProviderCallError && error.httpStatus === 404) {
          throw new EndpointRequestError(404, 'unknown_session', 'There is no such session.');
        }
        throw error;
      }
    },
  };
}
