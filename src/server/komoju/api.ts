import { KOMOJU_API_VERSION } from '../../providers/komoju/constants.ts';
import type { Parser } from '../../providers/shared/json-parser.ts';
import {
  komojuErrorBodySchema,
  komojuSessionSchema,
  type KomojuSession,
} from '../../providers/komoju/schemas.ts';
import { EndpointRequestError, ProviderCallError, type ProviderCall } from '../provider.ts';
import { fetchProviderJson } from '../shared/provider-fetch.ts';

/**
 * The two KOMOJU calls the merchant's server makes with the secret key (docs/providers.md "KOMOJU").
 * Every POST carries KOMOJU's idempotency header, `X-KOMOJU-IDEMPOTENCY` (a UUID per request: a retry
 * of the same request gets KOMOJU's first answer). Failures become `ProviderCallError` with a message
 * safe to show: no key, no KOMOJU body.
 */
export interface KomojuServerApi {
  createSession(body: Readonly<Record<string, unknown>>, call: ProviderCall): Promise<KomojuSession>;
  getSession(id: string, call: ProviderCall): Promise<KomojuSession>;
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
  ): Promise<{ status: number; data: T }> {
    const headers: Record<string, string> = {
      Accept: 'application/json',
      Authorization: authorization,
      'X-KOMOJU-API-VERSION': KOMOJU_API_VERSION,
    };
    if (method === 'POST') headers['X-KOMOJU-IDEMPOTENCY'] = crypto.randomUUID();
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

  return {
    async createSession(body, call) {
      return (await request('POST', '/sessions', komojuSessionSchema, call, body)).data;
    },
    async getSession(id, call) {
      try {
        return (await request('GET', `/sessions/${encodeURIComponent(id)}`, komojuSessionSchema, call)).data;
      } catch (error) {
        if (error instanceof ProviderCallError && error.httpStatus === 404) {
          throw new EndpointRequestError(404, 'unknown_session', 'There is no such session.');
        }
        throw error;
      }
    },
  };
}
