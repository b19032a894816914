import { METHODS, type ClientSession, type PaymentMethod } from '../../core/protocol.ts';
import {
  STRIPE_API_VERSION,
  STRIPE_CLIENT_SECRET_KEY,
  STRIPE_DEFAULT_API_BASE,
  STRIPE_PAYMENT_TYPES,
} from '../../providers/stripe/constants.ts';
import { mapStripeIntent } from '../../providers/stripe/map-outcome.ts';
import { STRIPE_KONBINI_STORES } from '../../providers/stripe/stores.ts';
import { EndpointRequestError, ProviderCallError, type ServerProvider, type StartInput } from '../provider.ts';
import { apiOrigins, checkEndpointConfig } from '../shared/config-checks.ts';
import { stripeServerApi } from './api.ts';
import type { StripeHandlerConfig } from './config.ts';
import type { FormValue } from './form.ts';

/**
 * Stripe's server half (docs/providers.md "Stripe › Calls the code makes"):
 * - `start`, payment mode: a PaymentIntent for the merchant's amount, `allowed_payment_method_types`
 *   the methods offered (so no automatic payment methods; `payment_method_types` on create was removed
 *   in API version 2026-09-30.endive), konbini options as configured; the browser gets its
 *   `client_secret` and confirms it with Stripe.js. Every call names the API version it was written
 *   for (`Stripe-Version`, `STRIPE_API_VERSION`) unless the merchant pins another.
 * - `start`, setup mode: a SetupIntent for the shopper's Customer (the merchant's `customer` callback),
 *   `usage: off_session` by default, card only.
 * - `status`: retrieves the intent (its payment method expanded) and maps it with the browser's own
 *   mapping. What a return URL says (`redirect_status`) is never used.
 * `complete` does not exist: the browser confirms the intent itself.
 */
export function createStripeServerProvider(config: StripeHandlerConfig): ServerProvider {
  checkStripeConfig(config);
  const apiBase = config.apiBase ?? STRIPE_DEFAULT_API_BASE;
  const browserApiBase = config.browserApiBase ?? apiBase;
  const api = stripeServerApi(apiBase, config.secretKey, config.apiVersion ?? STRIPE_API_VERSION);
  const trustedOrigins = apiOrigins(apiBase, browserApiBase);
  const stores = STRIPE_KONBINI_STORES.filter((store) => !config.konbiniStores || config.konbiniStores.includes(store));
  // Konbini is not offered when none of the configured chains is one of Stripe's: the handler then
  // refuses a start that asks for konbini alone (400 no_methods) instead of creating an intent
  // without payment method types.
  const methods: readonly PaymentMethod[] = (config.methods ?? METHODS).filter(
    (method) => method !== 'konbini' || stores.length > 0,
  );

  function session(input: StartInput, id: string, clientSecret: string | null | undefined, offered: PaymentMethod[], amount: number, currency: string): ClientSession {
    if (!clientSecret) throw new ProviderCallError('stripe', 'unexpected_response', 'Stripe gave no client_secret.');
    const konbini = offered.includes('konbini');
    return {
      protocol: 1,
      provider: 'stripe',
      sessionId: id,
      publicKey: config.publishableKey,
      apiBase: browserApiBase,
      amount,
      currency,
      mode: input.mode,
      methods: offered,
      konbiniStores: konbini ? stores : [],
      returnUrl: input.returnUrl,
      // Stripe requires the name and email of a konbini payment; the phone number is the optional
      // confirmation number (docs/providers.md "Stripe").
      ...(konbini ? { konbiniFields: { email: 'required', phone: 'optional' } as const } : {}),
      cardEntry: 'surface',
      extra: { [STRIPE_CLIENT_SECRET_KEY]: clientSecret },
    };
  }

  async function startSetup(input: StartInput, call: Parameters<ServerProvider['start']>[1]): Promise<ClientSession> {
    if (!input.methods.includes('card')) {
      throw new EndpointRequestError(400, 'no_methods', 'Setup mode saves cards only.');
    }
    const customer = await config.customer?.({
      context: input.context,
      mode: 'setup',
      provider: 'stripe',
      request: input.request,
    });
    if (typeof customer !== 'string' || !/^cus_[A-Za-z0-9]+$/.test(customer)) {
      throw new EndpointRequestError(403, 'no_customer', 'Saving a card needs a signed-in shopper.');
    }
    const intent = await api.createSetupIntent(
      {
        customer,
        usage: config.setupUsage ?? 'off_session',
        allowed_payment_method_types: [STRIPE_PAYMENT_TYPES.card],
        metadata: input.amount.metadata ? { ...input.amount.metadata } : undefined,
      },
      call,
    );
    return session(input, intent.id, intent.client_secret, ['card'], 0, input.amount.currency);
  }

  return {
    name: 'stripe',
    methods,
    modes: ['payment', 'setup'],

    async start(input, call) {
      if (input.mode === 'setup') return startSetup(input, call);
      const offered = input.methods.filter((method) => method !== 'konbini' || stores.length > 0);
      if (offered.length === 0) throw new EndpointRequestError(400, 'no_methods', 'None of the requested methods is offered.');
      const { amount } = input;
      const konbini: Record<string, FormValue> = {
        expires_after_days: config.konbiniExpiresAfterDays,
        product_description: config.konbiniProductDescription,
      };
      const body: Record<string, FormValue> = {
        amount: amount.amount,
        currency: amount.currency.toLowerCase(),
        allowed_payment_method_types: offered.map((method) => STRIPE_PAYMENT_TYPES[method]),
        metadata: {
          ...(amount.metadata ?? {}),
          ...(amount.orderId ? { order_id: amount.orderId } : {}),
        },
        ...(amount.email ? { receipt_email: amount.email } : {}),
        ...(offered.includes('konbini') && Object.values(konbini).some((v) => v !== undefined)
          ? { payment_method_options: { konbini } }
          : {}),
      };
      const intent = await api.createPaymentIntent(body, call);
      if (intent.amount !== amount.amount || intent.currency.toUpperCase() !== amount.currency) {
        throw new ProviderCallError('stripe', 'unexpected_response', 'Stripe created an intent for another amount or currency.');
      }
      return session(input, intent.id, intent.client_secret, offered, intent.amount, intent.currency.toUpperCase());
    },

    async status(input, call) {
      const id = input.sessionId;
      if (id.startsWith('seti_')) return mapStripeIntent(await api.getSetupIntent(id, call), { trustedOrigins });
      return mapStripeIntent(await api.getPaymentIntent(id, call), { trustedOrigins });
    },
  };
}

/** Refuses a configuration that would break or leak, at startup rather than on the first shopper. */
function checkStripeConfig(config: StripeHandlerConfig): void {
  if (typeof config.secretKey !== 'string' || !/^(sk|rk)_/.test(config.secretKey)) {
    throw new TypeError('kessai-elements/server: stripe secretKey must be a secret key (sk_… or rk_…).');
  }
  if (typeof config.publishableKey !== 'string' || !config.publishableKey.startsWith('pk_')) {
    throw new TypeError('kessai-elements/server: stripe publishableKey must be a publishable key (pk_…).');
  }
  const days = config.konbiniExpiresAfterDays;
  if (days !== undefined && (!Number.isInteger(days) || days < 1 || days > 60)) {
    throw new TypeError('kessai-elements/server: stripe konbiniExpiresAfterDays must be a whole number from 1 to 60.');
  }
  if (config.konbiniProductDescription !== undefined && config.konbiniProductDescription.length > 22) {
    throw new TypeError('kessai-elements/server: stripe konbiniProductDescription is at most 22 characters.');
  }
  if (config.customer !== undefined && typeof config.customer !== 'function') {
    throw new TypeError('kessai-elements/server: stripe customer must be a function.');
  }
  checkEndpointConfig('stripe', config);
}
