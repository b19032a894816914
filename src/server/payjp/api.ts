import type { Parser } from '../../providers/shared/json-parser.ts';
import {
  payjpPaymentFlowSchema,
  payjpPaymentMethodSchema,
  payjpProblemSchema,
  payjpSetupFlowSchema,
  type PayjpPaymentFlow,
  type PayjpPaymentMethod,
  type PayjpSetupFlow,
} from '../../providers/payjp/schemas.ts';
import { ProviderCallError, type ProviderCall } from '../provider.ts';
import { fetchProviderJson } from '../shared/provider-fetch.ts';

/**
 * The PAY.JP v2 calls the merchant's server makes (docs/providers.md "PAY.JP › Calls the code makes"), as
 * PAY.JP's v2 SDK makes them: JSON bodies, `Authorization: Bearer sk_…`. Errors are problem details
 * (`{ type, title, status, detail }`); a failed payment is HTTP 402. `undefined` is answered for a 404,
 * so that `status` can tell a Payment Flow from a Setup Flow.
 */
export interface PayjpServerApi {
  createPaymentFlow(body: Readonly<Record<string, unknown>>, call: ProviderCall): Promise<PayjpPaymentFlow>;
  createSetupFlow(body: Readonly<Record<string, unknown>>, call: ProviderCall): Promise<PayjpSetupFlow>;
  getPaymentFlow(id: string, call: ProviderCall): Promise<PayjpPaymentFlow | undefined>;
  getSetupFlow(id: string, call: ProviderCall): Promise<PayjpSetupFlow | undefined>;
  getPaymentMethod(id: string, call: ProviderCall): Promise<PayjpPaymentMethod | undefined>;
}

export function payjpServerApi(apiBase: string, secretKey: string): PayjpServerApi {
  const root = apiBase.replace(/\/+$/, '');

  async function request<T>(
    method: 'GET' | 'POST',
    path: string,
    schema: Parser<T>,
    call: ProviderCall,
    body?: Readonly<Record<string, unknown>>,
  ): Promise<T | undefined> {
    const { response, json } = await fetchProviderJson(
      {
        provider: 'payjp',
        label: 'PAY.JP',
        method,
        url: `${root}${path}`,
        headers: { Accept: 'application/json', Authorization: `Bearer ${secretKey}` },
        ...(body ? { body } : {}),
      },
      call,
    );
    if (response.status === 404 && method === 'GET') return undefined;
    if (!response.ok) {
      const problem = payjpProblemSchema.safeParse(json);
      const raw = problem.success ? (problem.data.code ?? problem.data.type) : undefined;
      const code = raw && /^[a-z0-9_:/.-]{1,100}$/i.test(raw) ? raw.split('/').at(-1) : undefined;
      throw new ProviderCallError('payjp', 'http_error', `PAY.JP answered HTTP ${response.status}${code ? ` (${code})` : ''}.`, response.status, code);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new ProviderCallError('payjp', 'unexpected_response', 'PAY.JP answered something unexpected.');
    return parsed.data;
  }

  const idPath = (id: string): string | undefined => (/^[A-Za-z0-9_-]{1,100}$/.test(id) ? encodeURIComponent(id) : undefined);
  const created = <T>(value: T | undefined): T => {
    if (value === undefined) throw new ProviderCallError('payjp', 'unexpected_response', 'PAY.JP answered something unexpected.');
    return value;
  };

  return {
    createPaymentFlow: async (body, call) => created(await request('POST', '/v2/payment_flows', payjpPaymentFlowSchema, call, body)),
    createSetupFlow: async (body, call) => created(await request('POST', '/v2/setup_flows', payjpSetupFlowSchema, call, body)),
    async getPaymentFlow(id, call) {
      const path = idPath(id);
      return path ? request('GET', `/v2/payment_flows/${path}`, payjpPaymentFlowSchema, call) : undefined;
    },
    async getSetupFlow(id, call) {
      const path = idPath(id);
      return path ? request('GET', `/v2/setup_flows/${path}`, payjpSetupFlowSchema, call) : undefined;
    },
    async getPaymentMethod(id, call) {
      const path = idPath(id);
      return path ? request('GET', `/v2/payment_methods/${path}`, payjpPaymentMethodSchema, call) : undefined;
    },
  };
}
