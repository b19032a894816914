import { KONBINI_STORES, type KonbiniStore } from '../../core/konbini-stores.ts';
import { METHODS, type ClientSession, type PaymentMethod } from '../../core/protocol.ts';
import { KOMOJU_DEFAULT_API_BASE, KOMOJU_PAYMENT_TYPES } from '../../providers/komoju/constants.ts';
import { mapKomojuSession } from '../../providers/komoju/map-outcome.ts';
import type { KomojuSession } from '../../providers/komoju/schemas.ts';
import { CARD_BRANDS } from '../../core/card/brand.ts';
import { brandFromKomoju, storeFromKomoju } from '../../providers/komoju/stores.ts';
import type { KomojuHandlerConfig } from './config.ts';
import { EndpointRequestError, ProviderCallError, type ProviderCall, type ServerProvider, type StartInput } from '../provider.ts';
import { apiOrigins, checkEndpointConfig } from '../shared/config-checks.ts';
import { komojuServerApi } from './api.ts';
import { komojuSavedCards } from './saved-cards.ts';
import { komojuCustomerSessionSchema } from './schemas.ts';

/**
 * KOMOJU's server half (docs/providers.md "KOMOJU › Calls the code makes"): `start` creates a session
 * with the secret key and tells the browser which methods and konbini chains KOMOJU allows it, and
 * lists a returning shopper's saved cards; in setup mode the session is a `customer` session (the card
 * is stored on a new KOMOJU customer, nothing is charged). `status` reads the session and maps it with
 * the browser's own mapping; a completed `customer` session reports the saved card (and tells the
 * merchant's `onCardSaved`). With `saveCard` ("pay and save") `start` makes a `customer_payment` session,
 * whose `status` reports the payment and the card it saved. `complete` pays a saved card only (`saved-cards.ts`): the browser pays
 * the session itself with the publishable key.
 */
export function createKomojuServerProvider(config: KomojuHandlerConfig): ServerProvider {
  checkKomojuConfig(config);
  const apiBase = config.apiBase ?? KOMOJU_DEFAULT_API_BASE;
  const browserApiBase = config.browserApiBase ?? apiBase;
  const methods: readonly PaymentMethod[] = config.methods ?? METHODS;
  const api = komojuServerApi(apiBase, config.secretKey);
  // Links KOMOJU returns (instructions pages) may be on the sandbox, which runs on plain http.
  const trustedOrigins = apiOrigins(apiBase, browserApiBase);
  const saved = komojuSavedCards(config, api, trustedOrigins);

  function storesOffered(session: KomojuSession): KonbiniStore[] {
    const konbini = session.payment_methods.find((m) => m.type === KOMOJU_PAYMENT_TYPES.konbini);
    const brands = konbini?.brands;
    const allowedByKomoju =
      brands && !Array.isArray(brands)
        ? Object.keys(brands)
            .map(storeFromKomoju)
            .filter((store): store is KonbiniStore => store !== undefined)
        : [...KONBINI_STORES];
    const wanted = config.konbiniStores;
    // In our own order, so that the picker is stable whatever order KOMOJU lists them in.
    return KONBINI_STORES.filter(
      (store) => allowedByKomoju.includes(store) && (!wanted || wanted.includes(store)),
    );
  }

  /**
   * `POST /sessions`'s body (docs/providers.md "KOMOJU › Calls the code makes"): a payment session (no
   * `mode`), a `customer` session (setup: no amount, no order number) or a `customer_payment` one.
   */
  function sessionBody(
    input: StartInput,
    mode: 'customer' | 'customer_payment' | undefined,
    methods: readonly PaymentMethod[],
  ): Record<string, unknown> {
    const { amount } = input;
    const body: Record<string, unknown> = {
      ...(mode ? { mode } : {}),
      amount: mode === 'customer' ? 0 : amount.amount,
      currency: amount.currency,
      return_url: input.returnUrl,
      payment_types: methods.map((method) => KOMOJU_PAYMENT_TYPES[method]),
      default_locale: input.locale ?? 'ja',
    };
    if (amount.email) body['email'] = amount.email;
    if (amount.orderId && mode !== 'customer') body['payment_data'] = { external_order_num: amount.orderId };
    if (amount.metadata) body['metadata'] = { ...amount.metadata };
    return body;
  }

  /** The page's session for a KOMOJU session: what every kind shares, then `rest` (`amount` may be set there). */
  function clientSession(
    session: KomojuSession,
    input: StartInput,
    rest: Omit<ClientSession, 'protocol' | 'provider' | 'sessionId' | 'publicKey' | 'apiBase' | 'amount' | 'currency' | 'returnUrl'> & {
      readonly amount?: number;
    },
  ): ClientSession {
    return {
      protocol: 1,
      provider: 'komoju',
      sessionId: session.id,
      publicKey: config.publishableKey,
      apiBase: browserApiBase,
      amount: session.amount,
      currency: session.currency.toUpperCase(),
      returnUrl: input.returnUrl,
      ...rest,
    };
  }

  /** Setup mode: a `customer` session, card only, no amount; the card is stored on a new KOMOJU customer. */
  async function startSetup(input: StartInput, call: ProviderCall): Promise<ClientSession> {
    if (!input.methods.includes('card')) throw new EndpointRequestError(400, 'no_methods', 'Setup mode saves cards only.');
    const session = await api.createSession(sessionBody(input, 'customer', ['card']), call);
    if (!session.payment_methods.some((m) => m.type === KOMOJU_PAYMENT_TYPES.card)) {
      throw new ProviderCallError('komoju', 'unexpected_response', 'The KOMOJU customer session takes no cards.');
    }
    return clientSession(session, input, { amount: 0, mode: 'setup', methods: ['card'], konbiniStores: [], ...cardBrandsOf(session) });
  }

  /**
   * "Pay and save" (`saveCard: true`, a card typed into our fields): a `customer_payment` session, card
   * only, for the same amount. Always a new customer (one card each): `customer_id` would replace the
   * card of an existing one (docs/providers.md "KOMOJU › Customers and saved cards").
   */
  async function startPayAndSave(input: StartInput, call: ProviderCall): Promise<ClientSession> {
    if (!input.methods.includes('card')) throw new EndpointRequestError(400, 'no_methods', 'Only a card can be saved.');
    const { amount } = input;
    const session = await api.createSession(sessionBody(input, 'customer_payment', ['card']), call);
    if (
      session.amount !== amount.amount ||
      session.currency.toUpperCase() !== amount.currency ||
      !session.payment_methods.some((m) => m.type === KOMOJU_PAYMENT_TYPES.card)
    ) {
      throw new ProviderCallError('komoju', 'unexpected_response', 'KOMOJU created another customer_payment session than asked for.');
    }
    return clientSession(session, input, { mode: 'payment', methods: ['card'], konbiniStores: [], savesCard: true, ...cardBrandsOf(session) });
  }

  const payAndSave = config.onCardSaved !== undefined && config.payAndSave !== false;

  return {
    name: 'komoju',
    methods,
    // Setup mode and "pay and save" need somewhere to keep the new customer: the merchant's `onCardSaved`.
    modes: config.onCardSaved ? ['payment', 'setup'] : ['payment'],
    payAndSave,

    async start(input, call): Promise<ClientSession> {
      if (input.mode === 'setup') return startSetup(input, call);
      if (input.saveCard) return startPayAndSave(input, call);
      const { amount } = input;
      const session = await api.createSession(sessionBody(input, undefined, input.methods), call);
      if (session.amount !== amount.amount || session.currency.toUpperCase() !== amount.currency) {
        throw new ProviderCallError(
          'komoju',
          'unexpected_response',
          'KOMOJU created a session for another amount or currency.',
        );
      }

      const types = new Set(session.payment_methods.map((m) => m.type));
      const stores = storesOffered(session);
      const offered = input.methods.filter(
        (method) =>
          types.has(KOMOJU_PAYMENT_TYPES[method]) && (method !== 'konbini' || stores.length > 0),
      );
      if (offered.length === 0) {
        throw new ProviderCallError(
          'komoju',
          'unexpected_response',
          `The KOMOJU session allows none of the methods asked for (${input.methods.join(', ')}): ` +
            'check which payment types are activated on the KOMOJU account.',
        );
      }
      const konbini = offered.includes('konbini');
      // The fee KOMOJU adds for a method (`customer_fee`, e.g. ¥190 for konbini): shown before paying.
      const fees: Partial<Record<PaymentMethod, number>> = {};
      for (const method of offered) {
        const fee = session.payment_methods.find((m) => m.type === KOMOJU_PAYMENT_TYPES[method])?.customer_fee;
        if (typeof fee === 'number' && fee > 0 && Number.isInteger(fee)) fees[method] = fee;
      }
      // A returning shopper's cards (the merchant's `customer` callback), listed first, paid in one click.
      const savedCards = config.customer && offered.includes('card')
        ? await saved.list({ context: input.context, mode: 'payment', provider: 'komoju', request: input.request }, call)
        : [];
      return clientSession(session, input, {
        mode: 'payment',
        methods: offered,
        konbiniStores: konbini ? stores : [],
        // KOMOJU requires an email for konbini and takes a phone number optionally (docs/providers.md
        // "KOMOJU › Calls the code makes").
        ...(konbini ? { konbiniFields: { email: 'required', phone: 'optional' } as const } : {}),
        ...(Object.keys(fees).length ? { fees } : {}),
        ...(savedCards.length ? { savedCards } : {}),
        ...(offered.includes('card') ? cardBrandsOf(session) : {}),
        // "Save this card" with our card fields: a `start` with `saveCard` makes the session that saves it.
        ...(payAndSave && offered.includes('card') ? { canSaveCard: true } : {}),
      });
    },

    /** A saved card, in one click, by the opaque id `start` listed (`saved-cards.ts`). */
    async complete(input, call) {
      if (!config.customer || input.method !== 'card' || input.token === undefined) {
        throw new EndpointRequestError(
          400,
          'unsupported',
          '"complete" is used with komoju for saved cards only: the browser pays the komoju session itself.',
        );
      }
      return saved.pay(
        {
          ctx: { context: input.context, mode: 'payment', provider: 'komoju', request: input.request },
          sessionId: input.sessionId,
          savedId: input.token,
          returnUrl: input.returnUrl,
          amount: input.amount,
        },
        call,
      );
    },

    async status(input, call) {
      // Back from a saved card's 3-D Secure step: the reference names its secure token.
      const resumed = await saved.resume(input.sessionId, input.reference, call);
      if (resumed) return resumed;
      const session = await api.getSession(input.sessionId, call);
      const customer = komojuCustomerSessionSchema.safeParse(session);
      if (customer.success && customer.data.mode === 'customer') {
        // Setup mode: the card is on the session's customer once the session is completed.
        if (session.status === 'completed' && customer.data.customer_id) {
          const ctx = { context: input.context, mode: 'setup' as const, provider: 'komoju' as const, request: input.request };
          return saved.saved(ctx, customer.data.customer_id, call);
        }
        return mapKomojuSession(session, { trustedOrigins, method: 'card' });
      }
      if (customer.success && customer.data.mode === 'customer_payment') {
        // Pay and save: the payment's outcome, and once it succeeded the card on the session's customer.
        const paid = mapKomojuSession(session, { trustedOrigins, method: 'card' });
        if (paid.status !== 'succeeded' || !customer.data.customer_id) return paid;
        const ctx = { context: input.context, mode: 'payment' as const, provider: 'komoju' as const, request: input.request };
        let card: Awaited<ReturnType<typeof saved.saved>>;
        try {
          card = await saved.saved(ctx, customer.data.customer_id, call);
        } catch (error) {
          // The merchant refused to keep it (a guest): the payment stands, reported without a saved card.
          if (error instanceof EndpointRequestError) return paid;
          throw error;
        }
        return card.status === 'succeeded'
          ? { ...paid, paymentMethodId: card.paymentMethodId, brand: card.brand, last4: card.last4 }
          : paid;
      }
      return mapKomojuSession(session, { trustedOrigins });
    },
  };
}

/** Refuses a configuration that would break or leak, at startup rather than on the first shopper. */
/** The card brands KOMOJU lists for a session's cards (no Discover by default), in our ids and order. */
function cardBrandsOf(session: KomojuSession): Pick<ClientSession, 'cardBrands'> {
  const listed = session.payment_methods.find((m) => m.type === KOMOJU_PAYMENT_TYPES.card)?.brands;
  const cardBrands = Array.isArray(listed) ? CARD_BRANDS.filter((brand) => listed.some((slug) => brandFromKomoju(slug) === brand)) : [];
  return cardBrands.length ? { cardBrands } : {};
}

function checkKomojuConfig(config: KomojuHandlerConfig): void {
  if (typeof config.secretKey !== 'string' || config.secretKey.length === 0) {
    throw new TypeError('kessai-elements/server: komoju secretKey is missing.');
  }
  if (typeof config.publishableKey !== 'string' || config.publishableKey.length === 0) {
    throw new TypeError('kessai-elements/server: komoju publishableKey is missing.');
  }
  // The publishable key is sent to every browser: it must never be the secret one.
  if (config.publishableKey === config.secretKey || config.publishableKey.startsWith('sk_')) {
    throw new TypeError('kessai-elements/server: komoju publishableKey looks like a secret key.');
  }
  if (config.customer !== undefined && typeof config.customer !== 'function') {
    throw new TypeError('kessai-elements/server: komoju customer must be a function.');
  }
  if (config.onCardSaved !== undefined && typeof config.onCardSaved !== 'function') {
    throw new TypeError('kessai-elements/server: komoju onCardSaved must be a function.');
  }
  checkEndpointConfig('komoju', config);
}
