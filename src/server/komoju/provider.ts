import { KONBINI_STORES, type KonbiniStore } from '../../core/konbini-stores.ts';
import { METHODS, type ClientSession, type PaymentMethod } from '../../core/protocol.ts';
import { KOMOJU_DEFAULT_API_BASE, KOMOJU_PAYMENT_TYPES } from '../../providers/komoju/constants.ts';
import { mapKomojuSession } from '../../providers/komoju/map-outcome.ts';
import type { KomojuSession } from '../../providers/komoju/schemas.ts';
import { CARD_BRANDS } from '../../core/card/brand.ts';
import { brandFromKomoju, storeFromKomoju } from '../../providers/komoju/stores.ts';
import type { KomojuHandlerConfig } from './config.ts';
import { ProviderCallError, type ServerProvider } from '../provider.ts';
import { apiOrigins, checkEndpointConfig } from '../shared/config-checks.ts';
import { komojuServerApi } from './api.ts';

/**
 * KOMOJU's server half (docs/providers.md "KOMOJU › Calls the code makes"): `start` creates a session
 * with the secret key and tells the browser which methods and konbini chains KOMOJU allows it; `status`
 * reads the session and maps it with the browser's own mapping. `complete` does not exist: the browser
 * pays the session itself with the publishable key.
 */
export function createKomojuServerProvider(config: KomojuHandlerConfig): ServerProvider {
  checkKomojuConfig(config);
  const apiBase = config.apiBase ?? KOMOJU_DEFAULT_API_BASE;
  const browserApiBase = config.browserApiBase ?? apiBase;
  const methods: readonly PaymentMethod[] = config.methods ?? METHODS;
  const api = komojuServerApi(apiBase, config.secretKey);
  // Links KOMOJU returns (instructions pages) may be on the sandbox, which runs on plain http.
  const trustedOrigins = apiOrigins(apiBase, browserApiBase);

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

  return {
    name: 'komoju',
    methods,
    modes: ['payment'],

    async start(input, call): Promise<ClientSession> {
      const { amount } = input;
      const body: Record<string, unknown> = {
        amount: amount.amount,
        currency: amount.currency,
        return_url: input.returnUrl,
        payment_types: input.methods.map((method) => KOMOJU_PAYMENT_TYPES[method]),
        default_locale: input.locale ?? 'ja',
      };
      if (amount.email) body['email'] = amount.email;
      if (amount.orderId) body['payment_data'] = { external_order_num: amount.orderId };
      if (amount.metadata) body['metadata'] = { ...amount.metadata };

      const session = await api.createSession(body, call);
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
      // The card brands KOMOJU lists for the session (no Discover by default), in our ids and order.
      const listed = session.payment_methods.find((m) => m.type === KOMOJU_PAYMENT_TYPES.card)?.brands;
      const cardBrands = Array.isArray(listed)
        ? CARD_BRANDS.filter((brand) => listed.some((slug) => brandFromKomoju(slug) === brand))
        : [];
      return {
        protocol: 1,
        provider: 'komoju',
        sessionId: session.id,
        publicKey: config.publishableKey,
        apiBase: browserApiBase,
        amount: session.amount,
        currency: session.currency.toUpperCase(),
        mode: 'payment',
        methods: offered,
        konbiniStores: konbini ? stores : [],
        returnUrl: input.returnUrl,
        // KOMOJU requires an email for konbini and takes a phone number optionally (docs/providers.md
        // "KOMOJU › Calls the code makes").
        ...(konbini ? { konbiniFields: { email: 'required', phone: 'optional' } as const } : {}),
        ...(Object.keys(fees).length ? { fees } : {}),
        ...(offered.includes('card') && cardBrands.length ? { cardBrands } : {}),
      };
    },

    async status(input, call) {
      const session = await api.getSession(input.sessionId, call);
      return mapKomojuSession(session, { trustedOrigins });
    },
  };
}

/** Refuses a configuration that would break or leak, at startup rather than on the first shopper. */
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
  checkEndpointConfig('komoju', config);
}
