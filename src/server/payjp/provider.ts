import type { CardBrand } from '../../core/card/brand.ts';
import type { ClientSession } from '../../core/protocol.ts';
import { PAYJP_CLIENT_SECRET_KEY, PAYJP_DEFAULT_API_BASE } from '../../providers/payjp/constants.ts';
import { cardOfPaymentMethod, mapPayjpFlow } from '../../providers/payjp/map-outcome.ts';
import { EndpointRequestError, ProviderCallError, type ProviderCall, type ServerProvider, type StartInput } from '../provider.ts';
import { checkEndpointConfig } from '../shared/config-checks.ts';
import { payjpServerApi, type PayjpServerApi } from './api.ts';
import type { PayjpHandlerConfig } from './config.ts';

/**
 * PAY.JP v2's server half (docs/providers.md "PAY.JP › Calls the code makes"):
 * - `start`, payment mode: a Payment Flow (`POST /v2/payment_flows`) for the merchant's amount, card only;
 *   the browser gets its `client_secret` and confirms it with payments.js.
 * - `start`, setup mode: a Setup Flow (`POST /v2/setup_flows`) for the shopper's customer (the merchant's
 *   `customer` callback), `usage: off_session` by default.
 * - `status`: retrieves the flow (`retrieveFlow`) and the card it was paid or set up with, and maps
 *   them. PAY.JP's return parameters are never trusted alone.
 */
export function createPayjpServerProvider(config: PayjpHandlerConfig): ServerProvider {
  checkPayjpConfig(config);
  const apiBase = config.apiBase ?? PAYJP_DEFAULT_API_BASE;
  const browserApiBase = config.browserApiBase ?? apiBase;
  const api = payjpServerApi(apiBase, config.secretKey);

  function session(input: StartInput, id: string, clientSecret: string | null | undefined, amount: number, currency: string): ClientSession {
    if (!clientSecret) throw new ProviderCallError('payjp', 'unexpected_response', 'PAY.JP gave no client_secret.');
    return {
      protocol: 1,
      provider: 'payjp',
      sessionId: id,
      publicKey: config.publicKey,
      apiBase: browserApiBase,
      amount,
      currency,
      mode: input.mode,
      methods: ['card'],
      konbiniStores: [],
      returnUrl: input.returnUrl,
      cardEntry: 'surface',
      cardBrands: [...PAYJP_CARD_BRANDS],
      extra: { [PAYJP_CLIENT_SECRET_KEY]: clientSecret },
    };
  }

  return {
    name: 'payjp',
    // PAY.JP v2 has no konbini (its payment method types are card, paypay, apple_pay).
    methods: ['card'],
    modes: ['payment', 'setup'],

    async start(input, call) {
      const { amount } = input;
      if (input.mode === 'setup') {
        const customer = await config.customer?.({ context: input.context, mode: 'setup', provider: 'payjp', request: input.request });
        if (typeof customer !== 'string' || !/^[A-Za-z0-9_-]{1,100}$/.test(customer)) {
          throw new EndpointRequestError(403, 'no_customer', 'Saving a card needs a signed-in shopper.');
        }
        const flow = await api.createSetupFlow(
          {
            customer_id: customer,
            usage: config.setupUsage ?? 'off_session',
            payment_method_types: ['card'],
            ...(amount.metadata ? { metadata: { ...amount.metadata } } : {}),
          },
          call,
        );
        return session(input, flow.id, flow.client_secret, 0, amount.currency);
      }
      if (amount.currency !== 'JPY') {
        throw new ProviderCallError('payjp', 'unexpected_response', 'PAY.JP takes payments in JPY only.');
      }
      const flow = await api.createPaymentFlow(
        {
          amount: amount.amount,
          currency: 'jpy',
          payment_method_types: ['card'],
          metadata: { ...(amount.metadata ?? {}), ...(amount.orderId ? { order_id: amount.orderId } : {}) },
        },
        call,
      );
      if (flow.amount !== amount.amount) {
        throw new ProviderCallError('payjp', 'unexpected_response', 'PAY.JP created a flow for another amount.');
      }
      return session(input, flow.id, flow.client_secret, flow.amount, 'JPY');
    },

    async status(input, call) {
      const flow = await retrieveFlow(api, input.sessionId, call);
      if (!flow) throw new EndpointRequestError(404, 'unknown_session', 'There is no such session.');
      const pmId = flow.payment_method_id ?? (flow.kind === 'setup' ? flow.payment_method : undefined);
      const succeeded = flow.status === 'succeeded' || flow.status === 'requires_capture';
      const card = succeeded && pmId ? cardOfPaymentMethod(await api.getPaymentMethod(pmId, call)) : {};
      return mapPayjpFlow(flow, card);
    },
  };
}

/**
 * The Payment Flow or Setup Flow of `id`, in one request where the id tells which: PAY.JP's Setup Flow ids
 * start `sflw_` and its Payment Flow ids `pfw_` (docs/providers.md "PAY.JP", ids). An id of another form
 * (the prefixes are examples of PAY.JP's guide, not a documented rule) is looked up as a Payment Flow,
 * then as a Setup Flow.
 */
async function retrieveFlow(api: PayjpServerApi, id: string, call: ProviderCall) {
  const asSetup = async () => {
    const setup = await api.getSetupFlow(id, call);
    return setup ? ({ kind: 'setup', ...setup } as const) : undefined;
  };
  if (id.startsWith('sflw_')) return asSetup();
  const payment = await api.getPaymentFlow(id, call);
  if (payment) return { kind: 'payment', ...payment } as const;
  return id.startsWith('pfw_') ? undefined : asSetup();
}

function checkPayjpConfig(config: PayjpHandlerConfig): void {
  if (typeof config.secretKey !== 'string' || !config.secretKey.startsWith('sk_')) {
    throw new TypeError('kessai-elements/server: payjp secretKey must be a secret key (sk_…).');
  }
  if (typeof config.publicKey !== 'string' || !config.publicKey.startsWith('pk_')) {
    throw new TypeError('kessai-elements/server: payjp publicKey must be a public key (pk_…).');
  }
  if (config.customer !== undefined && typeof config.customer !== 'function') {
    throw new TypeError('kessai-elements/server: payjp customer must be a function.');
  }
  checkEndpointConfig('payjp', config);
}

/**
 * The card brands PAY.JP v2 takes, as its guide lists them (https://docs.pay.jp/v2/guide/payments/methods:
 * Visa, Mastercard, American Express, JCB, Diners Club, Discover; docs/providers.md "Card brands"). A
 * session names none, so every session tells this list.
 */
const PAYJP_CARD_BRANDS: readonly CardBrand[] = ['visa', 'mastercard', 'jcb', 'amex', 'diners', 'discover'];
