import type { Outcome } from '../../core/outcome.ts';
import type { ClientSession } from '../../core/protocol.ts';
import { mapKomojuError, mapKomojuPayment } from '../../providers/komoju/map-outcome.ts';
import { brandFromKomoju } from '../../providers/komoju/stores.ts';
import { failed, unexpectedResponse } from '../../providers/shared/failures.ts';
import { redirectOutcome } from '../../providers/shared/redirect-outcome.ts';
import type { AmountContext, AmountDecision } from '../config.ts';
import { EndpointRequestError, type ProviderCall } from '../provider.ts';
import { createSealer } from '../shared/sealed-ids.ts';
import type { KomojuServerApi } from './api.ts';
import type { KomojuHandlerConfig, KomojuSavedCard } from './config.ts';
import type { KomojuCustomer } from './schemas.ts';

/**
 * A returning shopper's KOMOJU cards (docs/providers.md "KOMOJU › Customers and saved cards"): each
 * saved card is a KOMOJU customer (one payment source each), known to the merchant's `customer`
 * callback. The page sees an opaque id per card, `kc_` + an HMAC of the customer id; paying one:
 *
 * 1. `POST /secure_tokens` with `customer` (KOMOJU's 3-D Secure step for a stored card);
 * 2. `OK` / `SKIPPED`: `POST /payments` with the secure token id as `payment_details`; `NEEDS_VERIFY`:
 *    the shopper goes to `authentication_url`, and the reference handed to the page is the token id
 *    sealed to this session (`st.<token id>.<mac>`), so that `status` pays only a token this server
 *    made for this session; on the return, `GET /secure_tokens/{id}`, then the payment, with an
 *    idempotency key derived from the token (a second `status` gets KOMOJU's first answer).
 */

type SavedCardView = NonNullable<ClientSession['savedCards']>[number];

const SAVED_ID = /^kc_[A-Za-z0-9_-]{32}$/;
const REFERENCE = /^st\.([A-Za-z0-9_-]{1,64})\.([A-Za-z0-9_-]{32})$/;

export interface KomojuSavedCards {
  /** The shopper's customers with a card, as `savedCards` lists them (ids opaque). */
  list(ctx: AmountContext, call: ProviderCall): Promise<SavedCardView[]>;
  /** `complete` with a listed id: pays the card, or answers its 3-D Secure step. */
  pay(input: PayInput, call: ProviderCall): Promise<Outcome>;
  /** `status` with a reference this module made: undefined when `reference` is not one of ours. */
  resume(sessionId: string, reference: string | undefined, call: ProviderCall): Promise<Outcome | undefined>;
  /** A `customer` session that completed: the card saved, told to `onCardSaved`, reported with its opaque id. */
  saved(ctx: AmountContext, customerId: string, call: ProviderCall): Promise<Outcome>;
}

interface PayInput {
  readonly ctx: AmountContext;
  readonly sessionId: string;
  readonly savedId: string;
  readonly returnUrl: string | undefined;
  /** The merchant's amount now (asked only for a card of this shopper's). */
  readonly amount: () => Promise<AmountDecision>;
}

function cardOf(customer: KomojuCustomer): Omit<KomojuSavedCard, 'customerId' | 'id'> | undefined {
  const source = customer.source;
  if (!source || source.type !== 'credit_card' || !source.brand || !/^\d{4}$/.test(source.last_four_digits ?? '')) return undefined;
  const expMonth = Number(source.month);
  let expYear = Number(source.year);
  // KOMOJU's SDK: "two or four digits".
  if (expYear >= 0 && expYear < 100) expYear += 2000;
  if (!Number.isInteger(expMonth) || expMonth < 1 || expMonth > 12 || !Number.isInteger(expYear) || expYear < 2000) return undefined;
  return { brand: brandFromKomoju(source.brand), last4: source.last_four_digits as string, expMonth, expYear };
}

/** The page URL of the attempt with `session_id`, as KOMOJU's own returns carry it (the checkout matches it). */
function withSessionId(url: string, sessionId: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set('session_id', sessionId);
  return parsed.href;
}

export function komojuSavedCards(
  config: KomojuHandlerConfig,
  api: KomojuServerApi,
  trustedOrigins: readonly string[],
): KomojuSavedCards {
  const ids = createSealer(config.secretKey, 'kessai-elements/komoju saved card v1');
  const references = createSealer(config.secretKey, 'kessai-elements/komoju secure token reference v1');
  const idempotency = createSealer(config.secretKey, 'kessai-elements/komoju payment idempotency v1');

  const savedIdOf = async (customerId: string): Promise<string> => `kc_${await ids.mac(customerId)}`;

  async function customersOf(ctx: AmountContext): Promise<string[]> {
    const named = await config.customer?.(ctx);
    const list = typeof named === 'string' ? [named] : Array.isArray(named) ? (named as readonly unknown[]) : [];
    return [...new Set(list.filter((id): id is string => typeof id === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(id)))].slice(0, 20);
  }

  /** The secure token's payment: the outcome of `POST /payments`, once per token. */
  async function payWithToken(tokenId: string, amount: number, currency: string, extra: Record<string, unknown>, call: ProviderCall): Promise<Outcome> {
    const key = await idempotency.mac(tokenId);
    const answer = await api.createPayment({ amount, currency, payment_details: tokenId, ...extra }, call, key);
    if ('error' in answer) return mapKomojuError(answer.error, answer.httpStatus);
    return mapKomojuPayment(answer.payment, { trustedOrigins, method: 'card' });
  }

  return {
    async list(ctx, call) {
      const cards: SavedCardView[] = [];
      for (const customerId of await customersOf(ctx)) {
        const customer = await api.getCustomer(customerId, call);
        const card = customer ? cardOf(customer) : undefined;
        if (card) cards.push({ id: await savedIdOf(customerId), ...card });
      }
      return cards;
    },

    async pay({ ctx, sessionId, savedId, returnUrl, amount: decide }, call) {
      if (!SAVED_ID.test(savedId)) throw new EndpointRequestError(400, 'unknown_token', 'KOMOJU pays a saved card by its listed id.');
      let customerId: string | undefined;
      for (const id of await customersOf(ctx)) {
        if (await ids.matches(id, savedId.slice(3))) customerId = id;
      }
      if (!customerId) throw new EndpointRequestError(400, 'unknown_token', 'This shopper has no such saved card.');
      // The session of this checkout: its amount is the one the shopper saw, and still the merchant's.
      const amount = await decide();
      const session = await api.getSession(sessionId, call);
      if (session.amount !== amount.amount || session.currency.toUpperCase() !== amount.currency) {
        throw new EndpointRequestError(409, 'amount_changed', 'The amount changed since the checkout started.');
      }
      if (!returnUrl) throw new EndpointRequestError(400, 'bad_request', '"returnUrl" is required to pay a saved card.');
      const token = await api.createSecureToken(
        { amount: session.amount, currency: session.currency, customer: customerId, return_url: withSessionId(returnUrl, sessionId) },
        call,
      );
      const extra = {
        ...(amount.orderId ? { external_order_num: amount.orderId } : {}),
        ...(amount.metadata ? { metadata: { ...amount.metadata } } : {}),
      };
      switch (token.verification_status) {
        case 'OK':
        case 'SKIPPED':
          return payWithToken(token.id, session.amount, session.currency, extra, call);
        case 'NEEDS_VERIFY': {
          if (!token.authentication_url) return unexpectedResponse('authentication_url');
          const step = redirectOutcome('card', token.authentication_url, trustedOrigins);
          if (step.status !== 'requires_action') return step;
          return { ...step, reference: `st.${token.id}.${await references.mac(`${sessionId}\n${token.id}`)}` };
        }
        case 'ERRORED':
          return failed('authentication', 'authentication_failed', true, { providerCode: 'ERRORED' });
        default:
          return unexpectedResponse(`verification_status_${token.verification_status}`);
      }
    },

    async resume(sessionId, reference, call) {
      const match = reference ? REFERENCE.exec(reference) : null;
      if (!match) return undefined;
      const [, tokenId = '', mac = ''] = match;
      if (!(await references.matches(`${sessionId}\n${tokenId}`, mac))) {
        throw new EndpointRequestError(403, 'foreign_reference', 'This reference was not made for this session.');
      }
      const token = await api.getSecureToken(tokenId, call);
      switch (token.verification_status) {
        case 'OK':
        case 'SKIPPED': {
          const session = await api.getSession(sessionId, call);
          const orderNum = session.payment_data && typeof session.payment_data === 'object'
            ? (session.payment_data as Record<string, unknown>)['external_order_num']
            : undefined;
          return payWithToken(tokenId, session.amount, session.currency, typeof orderNum === 'string' ? { external_order_num: orderNum } : {}, call);
        }
        case 'NEEDS_VERIFY':
          // Back from the challenge page without finishing it.
          return failed('authentication', 'authentication_canceled', true);
        case 'ERRORED':
          return failed('authentication', 'authentication_failed', true, { providerCode: 'ERRORED' });
        default:
          return unexpectedResponse(`verification_status_${token.verification_status}`);
      }
    },

    async saved(ctx, customerId, call) {
      const customer = await api.getCustomer(customerId, call);
      const card = customer ? cardOf(customer) : undefined;
      if (!card) return unexpectedResponse('customer_source');
      const id = await savedIdOf(customerId);
      await config.onCardSaved?.(ctx, { customerId, id, ...card });
      return { status: 'succeeded', method: 'card', paymentMethodId: id, brand: card.brand, last4: card.last4 };
    },
  };
}
