import type { Parser } from '../../providers/shared/json-parser.ts';
import {
  univapayChargeExpirySchema,
  univapayChargeSchema,
  univapayErrorBodySchema,
  univapayIssuerTokenSchema,
  univapayTokenSchema,
  type UnivapayCharge,
  type UnivapayChargeExpiry,
  type UnivapayErrorBody,
  type UnivapayIssuerToken,
  type UnivapayToken,
} from '../../providers/univapay/schemas.ts';
import { ProviderCallError, type ProviderCall } from '../provider.ts';
import { fetchProviderJson } from '../shared/provider-fetch.ts';

/**
 * The UnivaPay calls the merchant's server makes with `Authorization: Bearer {secret}.{jwt}`
 * (docs/providers.md "UnivaPay › Calls the code makes"). A call answers its object, or `{error}` when
 * UnivaPay refused it with an HTTP error (the caller decides what that means); it throws
 * `ProviderCallError` only when UnivaPay could not be reached, timed out, or answered something
 * unreadable. Messages are safe to show: no secret, no UnivaPay body.
 */
export type UnivapayApiResult<T> =
  | { readonly ok: true; readonly data: T }
  | { readonly ok: false; readonly httpStatus: number; readonly error: UnivapayErrorBody | undefined };

export interface UnivapayServerApi {
  getToken(tokenId: string, call: ProviderCall): Promise<UnivapayApiResult<UnivapayToken>>;
  createCharge(
    body: Readonly<Record<string, unknown>>,
    idempotencyKey: string,
    call: ProviderCall,
  ): Promise<UnivapayApiResult<UnivapayCharge>>;
  /**
   * With `polling`, UnivaPay holds the answer until the charge leaves `pending` (docs/providers.md
   * "UnivaPay › Calls the code makes").
   */
  getCharge(chargeId: string, polling: boolean, call: ProviderCall): Promise<UnivapayApiResult<UnivapayCharge>>;
  getIssuerToken(chargeId: string, call: ProviderCall): Promise<UnivapayApiResult<UnivapayIssuerToken>>;
  getExpiry(chargeId: string, call: ProviderCall): Promise<UnivapayApiResult<UnivapayChargeExpiry>>;
  /**
   * `DELETE /stores/{storeId}/tokens/{id}` (univapay-node's `TransactionTokens.delete`): a recurring
   * token the shopper did not ask to keep. UnivaPay answers no body.
   */
  deleteToken(tokenId: string, call: ProviderCall): Promise<UnivapayApiResult<null>>;
}

export function univapayServerApi(
  apiBase: string,
  storeId: string,
  secret: string,
  appToken: string,
): UnivapayServerApi {
  const root = apiBase.replace(/\/+$/, '');
  const authorization = `Bearer ${secret}.${appToken}`;
  const store = `/stores/${encodeURIComponent(storeId)}`;
  const charge = (id: string) => `${store}/charges/${encodeURIComponent(id)}`;

  async function request<T>(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    schema: Parser<T> | null,
    call: ProviderCall,
    body?: Readonly<Record<string, unknown>>,
    idempotencyKey?: string,
  ): Promise<UnivapayApiResult<T>> {
    const { response, json } = await fetchProviderJson(
      {
        provider: 'univapay',
        label: 'UnivaPay',
        method,
        url: `${root}${path}`,
        headers: { Accept: 'application/json', Authorization: authorization },
        ...(body ? { body } : {}),
        ...(idempotencyKey ? { idempotencyKey } : {}),
      },
      call,
    );
    if (!response.ok) {
      const error = univapayErrorBodySchema.safeParse(json);
      return { ok: false, httpStatus: response.status, error: error.success ? error.data : undefined };
    }
    if (schema === null) return { ok: true, data: null as T };
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new ProviderCallError(
        'univapay',
        'unexpected_response',
        'UnivaPay answered something unexpected.',
        response.status,
      );
    }
    return { ok: true, data: parsed.data };
  }

  return {
    getToken: (id, call) => request('GET', `${store}/tokens/${encodeURIComponent(id)}`, univapayTokenSchema, call),
    createCharge: (body, key, call) => request('POST', '/charges', univapayChargeSchema, call, body, key),
    getCharge: (id, polling, call) =>
      request('GET', `${charge(id)}${polling ? '?polling=true' : ''}`, univapayChargeSchema, call),
    getIssuerToken: (id, call) => request('GET', `${charge(id)}/three_ds/issuer_token`, univapayIssuerTokenSchema, call),
    getExpiry: (id, call) => request('GET', `${charge(id)}/expiry/latest`, univapayChargeExpirySchema, call),
    deleteToken: (id, call) => request<null>('DELETE', `${store}/tokens/${encodeURIComponent(id)}`, null, call),
  };
}

/** The UnivaPay error code of a refusal, when it is a plain one (it may go into messages and logs). */
export function plainErrorCode(error: UnivapayErrorBody | undefined): string | undefined {
  return error && /^[A-Z0-9_]{1,64}$/.test(error.code) ? error.code : undefined;
}
