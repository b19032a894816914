import { METHODS, type ClientSession, type PaymentMethod } from '../../core/protocol.ts';
import {
  STRIPE_API_VERSION,
  STRIPE_CLIENT_SECRET_KEY,
  STRIPE_DEFAULT_API_BASE,
  STRIPE_PAYMENT_TYPES,
} from '../../providers/stripe/constants.ts';
import { mapStripeIntent } from '../../providers/stripe/map-outcome.ts';
import { STRIPE_KONBINI_STORES, brandFromStripe } from '../../providers/stripe/stores.ts';
import { mapStripeError } from '../../providers/stripe/map-outcome.ts';
import type { Outcome } from '../../core/outcome.ts';
import type { StripePaymentIntent, StripePaymentMethod } from '../../providers/stripe/schemas.ts';
import { EndpointRequestError, ProviderCallError, type ProviderCall, type ServerProvider, type StartInput } from '../provider.ts';
import { apiOrigins, checkEndpointConfig } from '../shared/config-checks.ts';
import { StripeApiError, stripeServerApi, type StripeSavingIntent } from './api.ts';
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
 * - `start` with `saveCard` ("pay and save"): a card-only PaymentIntent for the shopper's Customer with
 *   `setup_future_usage: off_session`; the session `savesCard`. Offered (`canSaveCard`) to a shopper
 *   with a Customer, unless `payAndSave: false`.
 * - `status`: retrieves the intent (its payment method expanded) and maps it with the browser's own
 *   mapping; a payment that saved its card names it (`paymentMethodId`). What a return URL says
 *   (`redirect_status`) is never used.
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
  // "Pay and save" needs the shopper's Customer to save the card to: the merchant's `customer` callback.
  const payAndSave = config.customer !== undefined && config.payAndSave !== false && methods.includes('card');

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

  /** The shopper's Customer, when the merchant's `customer` callback knows them (else a guest). */
  async function customerOf(input: { context: Readonly<Record<string, unknown>> | undefined; request: Request }, mode: 'payment' | 'setup'): Promise<string | undefined> {
    const customer = await config.customer?.({ context: input.context, mode, provider: 'stripe', request: input.request });
    return typeof customer === 'string' && /^cus_[A-Za-z0-9]+$/.test(customer) ? customer : undefined;
  }

  /** A saved card as the page may see it: brand, last four, expiry, and the `pm_…` id (usable only with the secret key). */
  function listed(pm: StripePaymentMethod): NonNullable<ClientSession['savedCards']>[number] | undefined {
    const { card } = pm;
    const brand = brandFromStripe(card?.brand);
    if (!card || !brand || !card.last4 || !/^\d{4}$/.test(card.last4) || !card.exp_month || !card.exp_year) return undefined;
    return { id: pm.id, brand, last4: card.last4, expMonth: card.exp_month, expYear: card.exp_year };
  }

  /**
   * "Pay and save" (`saveCard: true`, the shopper ticked "Save this card" under Stripe's card elements):
   * a card-only PaymentIntent for the shopper's Customer with `setup_future_usage: off_session`, which
   * Stripe attaches the card to when the payment succeeds (docs/providers.md "Stripe › Pay and save").
   * A guest (no Customer) is refused: there is nothing to save the card to.
   */
  async function startPayAndSave(input: StartInput, call: ProviderCall): Promise<ClientSession> {
    if (!input.methods.includes('card')) throw new EndpointRequestError(400, 'no_methods', 'Only a card can be saved.');
    const customer = await customerOf(input, 'payment');
    if (!customer) throw new EndpointRequestError(400, 'unsupported', 'Saving a card needs a signed-in shopper.');
    const intent = await api.createPaymentIntent(
      { ...paymentBody(input, ['card']), customer, setup_future_usage: 'off_session' },
      call,
    );
    checkAmount(intent, input);
    return { ...session(input, intent.id, intent.client_secret, ['card'], intent.amount, intent.currency.toUpperCase()), savesCard: true };
  }

  /** The PaymentIntent's parameters for the merchant's amount and the methods offered. */
  function paymentBody(input: StartInput, offered: readonly PaymentMethod[]): Record<string, FormValue> {
    const { amount } = input;
    const konbini: Record<string, FormValue> = {
      expires_after_days: config.konbiniExpiresAfterDays,
      product_description: config.konbiniProductDescription,
    };
    return {
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
  }

  function checkAmount(intent: StripePaymentIntent, input: StartInput): void {
    if (intent.amount !== input.amount.amount || intent.currency.toUpperCase() !== input.amount.currency) {
      throw new ProviderCallError('stripe', 'unexpected_response', 'Stripe created an intent for another amount or currency.');
    }
  }

  /**
   * A payment that saved its card (`setup_future_usage` and a Customer on the intent): the outcome
   * names the saved card (`paymentMethodId`, as setup mode does) once it is among the Customer's cards.
   * The Customer's id never leaves the server.
   */
  async function withSavedCard(intent: StripeSavingIntent, outcome: Outcome, call: ProviderCall): Promise<Outcome> {
    if (outcome.status !== 'succeeded' || outcome.method !== 'card' || !intent.setup_future_usage || !intent.customer) return outcome;
    const pm = intent.payment_method;
    const id = typeof pm === 'string' ? pm : pm?.id;
    if (!id) return outcome;
    // The payment stands whatever the card list answers: Stripe failing here only leaves the card unnamed.
    const cards = await api.listCards(intent.customer, call).catch((error: unknown) => {
      if (error instanceof ProviderCallError || error instanceof EndpointRequestError) return [];
      throw error;
    });
    return cards.some((card) => card.id === id) ? { ...outcome, paymentMethodId: id } : outcome;
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
    payAndSave,

    async start(input, call) {
      if (input.mode === 'setup') return startSetup(input, call);
      if (input.saveCard) return startPayAndSave(input, call);
      const offered = input.methods.filter((method) => method !== 'konbini' || stores.length > 0);
      if (offered.length === 0) throw new EndpointRequestError(400, 'no_methods', 'None of the requested methods is offered.');
      const body = paymentBody(input, offered);
      // A returning shopper (the merchant's `customer` callback): the intent is theirs, and their saved
      // cards are listed first, to pay in one click.
      const customer = config.customer ? await customerOf(input, 'payment') : undefined;
      if (customer) body['customer'] = customer;
      const intent = await api.createPaymentIntent(body, call);
      const saved = customer && offered.includes('card')
        ? (await api.listCards(customer, call)).map(listed).filter((card) => card !== undefined)
        : [];
      checkAmount(intent, input);
      const made = session(input, intent.id, intent.client_secret, offered, intent.amount, intent.currency.toUpperCase());
      // "Save this card" under Stripe's card elements: a shopper with a Customer only.
      const canSave = payAndSave && customer !== undefined && offered.includes('card');
      return { ...made, ...(saved.length ? { savedCards: saved } : {}), ...(canSave ? { canSaveCard: true } : {}) };
    },

    /**
     * A saved card, in one click: the shopper's own (checked against their Customer's cards again), the
     * intent confirmed on the server with it; 3-D Secure comes back as Stripe's redirect.
     */
    async complete(input, call) {
      if (input.token === undefined || !/^pm_[A-Za-z0-9]+$/.test(input.token)) {
        throw new EndpointRequestError(400, 'unknown_token', 'Stripe pays a saved card by its id.');
      }
      const customer = await customerOf(input, 'payment');
      const cards = customer ? await api.listCards(customer, call) : [];
      if (!cards.some((card) => card.id === input.token)) {
        throw new EndpointRequestError(400, 'unknown_token', 'This shopper has no such saved card.');
      }
      try {
        const intent = await api.confirmPaymentIntent(
          input.sessionId,
          { payment_method: input.token, ...(input.returnUrl ? { return_url: input.returnUrl } : {}), expand: ['payment_method'] },
          call,
        );
        return mapStripeIntent(intent, { trustedOrigins, method: 'card' });
      } catch (error) {
        if (error instanceof StripeApiError && error.stripeError && (error.httpStatus === 402 || error.httpStatus === 400)) {
          return mapStripeError(error.stripeError, error.httpStatus);
        }
        throw error;
      }
    },

    async status(input, call) {
      const id = input.sessionId;
      if (id.startsWith('seti_')) return mapStripeIntent(await api.getSetupIntent(id, call), { trustedOrigins });
      const intent = await api.getPaymentIntent(id, call);
      return withSavedCard(intent, mapStripeIntent(intent, { trustedOrigins }), call);
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
