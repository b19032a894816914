import { ProviderCallError, type ProviderCall } from '../provider.ts';
import { fetchProviderJson } from '../shared/provider-fetch.ts';

/**
 * The PaymentOptions calls the merchant's server makes (docs/providers.md "PaymentOptions › Calls the code
 * makes"): JSON, `Authorization: Basic base64(apiKey)` and `x-api-key`, below
 * `<apiBase>/api/v1/server-to-server-interface/`. Answers are returned whatever their status (a decline
 * is an HTTP error with the payment's answer in the body); only an unreachable or non-JSON answer throws.
 */
export interface PaymentOptionsApi {
  post(path: string, body: Readonly<Record<string, unknown>>, call: ProviderCall): Promise<{ status: number; json: Record<string, unknown> }>;
}

export function paymentOptionsApi(apiBase: string, apiKey: string, xApiKey: string): PaymentOptionsApi {
  const root = `${apiBase.replace(/\/+$/, '')}/api/v1/server-to-server-interface`;
  const headers = { Accept: 'application/json', Authorization: `Basic ${btoa(apiKey)}`, 'x-api-key': xApiKey };
  async function post(path: string, body: Readonly<Record<string, unknown>>, call: ProviderCall) {
    const { response, json } = await fetchProviderJson(
      { provider: 'paymentoptions', label: 'PaymentOptions', method: 'POST', url: `${root}${path}`, headers, body },
      call,
    );
    if (typeof json !== 'object' || json === null) {
      throw new ProviderCallError('paymentoptions', 'unexpected_response', `PaymentOptions answered HTTP ${response.status} without JSON.`, response.status);
    }
    return { status: response.status, json: json as Record<string, unknown> };
  }
  return { post };
}
