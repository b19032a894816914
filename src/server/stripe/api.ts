import * as z from 'zod/mini';
import type { Parser } from '../../providers/shared/json-parser.ts';
import {
  stripeErrorBodySchema,
  stripePaymentMethodSchema,
  type StripeErrorValue,
  type StripePaymentMethod,
  stripePaymentIntentSchema,
  stripeSetupIntentSchema,
  type StripePaymentIntent,
  type StripeSetupIntent,
} from '../../providers/stripe/schemas.ts';
import { EndpointRequestError, ProviderCallError, type ProviderCall } from '../provider.ts';
import { fetchProviderJson } from '../shared/provider-fetch.ts';
import { stripeForm, type FormValue } from './form.ts';

/**
 * The Stripe calls the merchant's server makes with the secret key (docs/providers.md "Stripe › Calls
 * the code makes"): `Authorization: Bearer sk_…`, form-encoded bodies, an `Idempotency-Key` on every
 * POST (a retry of the same request gets Stripe's first answer). Failures become `ProviderCallError`
 * with a message safe to show: no key, no Stripe body.
 */
/** Stripe's error answer, with its error object (a card error of a confirm is an outcome, not a failure). */
export class StripeApiError extends ProviderCallError {
  constructor(
    message: string,
    httpStatus: number,
    providerCode: string | undefined,
    readonly stripeError: StripeErrorValue | undefined,
  ) {
    super('stripe', 'http_error', message, httpStatus, providerCode);
  }
}

/**
 * A PaymentIntent as the server reads it: with its Customer and `setup_future_usage` (whether it saves
 * its card), which the browser's schema leaves out.
 */
const stripeSavingIntentSchema = z.extend(stripePaymentIntentSchema, {
  customer: z.optional(z.nullable(z.string())),
  setup_future_usage: z.optional(z.nullable(z.string())),
});
export type StripeSavingIntent = z.infer<typeof stripeSavingIntentSchema>;

export interface StripeServerApi {
  /** The Customer's saved cards (`GET /v1/customers/{id}/payment_methods?type=card`). */
  listCards(customer: string, call: ProviderCall): Promise<readonly StripePaymentMethod[]>;
  /** Confirms the PaymentIntent with a saved card, on the server (`POST /v1/payment_intents/{id}/confirm`). */
  confirmPaymentIntent(id: string, body: { readonly [key: string]: FormValue }, call: ProviderCall): Promise<StripePaymentIntent>;
  createPaymentIntent(body: { readonly [key: string]: FormValue }, call: ProviderCall): Promise<StripePaymentIntent>;
  createSetupIntent(body: { readonly [key: string]: FormValue }, call: ProviderCall): Promise<StripeSetupIntent>;
  /** With its payment method expanded (the card's brand and last four). */
  getPaymentIntent(id: string, call: ProviderCall): Promise<StripeSavingIntent>;
  getSetupIntent(id: string, call: ProviderCall): Promise<StripeSetupIntent>;
}

const EXPAND_PAYMENT_METHOD = 'expand[0]=payment_method';

export function stripeServerApi(apiBase: string, secretKey: string, apiVersion?: string): StripeServerApi {
  const root = apiBase.replace(/\/+$/, '');

  async function request<T>(
    method: 'GET' | 'POST',
    path: string,
    schema: Parser<T>,
    call: ProviderCall,
    body?: { readonly [key: string]: FormValue },
  ): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json', Authorization: `Bearer ${secretKey}` };
    if (apiVersion) headers['Stripe-Version'] = apiVersion;
    const { response, json } = await fetchProviderJson(
      {
        provider: 'stripe',
        label: 'Stripe',
        method,
        url: `${root}${path}`,
        headers,
        ...(body ? { form: stripeForm(body) } : {}),
        ...(method === 'POST' ? { idempotencyKey: crypto.randomUUID() } : {}),
      },
      call,
    );
    if (!response.ok) {
      const error = stripeErrorBodySchema.safeParse(json);
      const rawCode = error.success ? (error.data.error.code ?? error.data.error.type) : undefined;
      const code = rawCode && /^[a-z0-9_]{1,64}$/.test(rawCode) ? rawCode : undefined;
      if (response.status === 404 && method === 'GET') {
        throw new EndpointRequestError(404, 'unknown_session', 'There is no such session.');
      }
      throw new StripeApiError(
        `Stripe answered HTTP ${response.status}${code ? ` (${code})` : ''}.`,
        response.status,
        code,
        error.success ? error.data.error : undefined,
      );
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new ProviderCallError('stripe', 'unexpected_response', 'Stripe answered something unexpected.');
    return parsed.data;
  }

  const idPath = (id: string): string => {
    if (!/^[A-Za-z0-9_]{1,255}$/.test(id)) throw new EndpointRequestError(404, 'unknown_session', 'There is no such session.');
    return encodeURIComponent(id);
  };

  const cardList = z.object({ data: z.array(stripePaymentMethodSchema) });

  return {
    async listCards(customer, call) {
      const list = await request('GET', `/v1/customers/${idPath(customer)}/payment_methods?type=card&limit=20`, cardList, call);
      return list.data;
    },
    confirmPaymentIntent: (id, body, call) =>
      request('POST', `/v1/payment_intents/${idPath(id)}/confirm`, stripePaymentIntentSchema, call, body),
    createPaymentIntent: (body, call) => request('POST', '/v1/payment_intents', stripePaymentIntentSchema, call, body),
    createSetupIntent: (body, call) => request('POST', '/v1/setup_intents', stripeSetupIntentSchema, call, body),
    getPaymentIntent: (id, call) =>
      request('GET', `/v1/payment_intents/${idPath(id)}?${EXPAND_PAYMENT_METHOD}`, stripeSavingIntentSchema, call),
    getSetupIntent: (id, call) =>
      request('GET', `/v1/setup_intents/${idPath(id)}?${EXPAND_PAYMENT_METHOD}`, stripeSetupIntentSchema, call),
  };
}
