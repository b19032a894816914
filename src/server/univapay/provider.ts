import type { CardBrand } from '../../core/card/brand.ts';
import { KONBINI_STORES, isKonbiniStore, type KonbiniStore } from '../../core/konbini-stores.ts';
import type { Outcome } from '../../core/outcome.ts';
import { METHODS, type ClientSession, type PaymentMethod } from '../../core/protocol.ts';
import { failed, type FailedOutcome } from '../../providers/shared/failures.ts';
import {
  UNIVAPAY_APP_TOKEN_SHAPE,
  UNIVAPAY_DEFAULT_API_BASE,
  UNIVAPAY_METADATA,
} from '../../providers/univapay/constants.ts';
import { mapUnivapayCharge, mapUnivapayError, mapUnivapayHttpStatus } from '../../providers/univapay/map-outcome.ts';
import type { UnivapayCharge, UnivapayErrorBody, UnivapayToken } from '../../providers/univapay/schemas.ts';
import { brandFromUnivapay, methodFromUnivapayType, storeFromUnivapay } from '../../providers/univapay/stores.ts';
import type { AmountContext } from '../config.ts';
import type { UnivapayHandlerConfig, UnivapaySavedCard } from './config.ts';
import { recurringCardOf, type RecurringCard } from './recurring.ts';
import { EndpointRequestError, ProviderCallError, type ProviderCall, type ServerProvider, type StartInput } from '../provider.ts';
import { apiOrigins, checkEndpointConfig } from '../shared/config-checks.ts';
import { plainErrorCode, univapayServerApi } from './api.ts';
import { createAttemptSigner, type Attempt } from './attempt.ts';

/**
 * The charge metadata of a new card in "pay and save": `1` the shopper ticked "Save this card", `0` not.
 * Written by `complete`, read by `status` (a charge that needed the shopper or time is settled there).
 */
const SAVE_CARD_METADATA = 'kessai_save_card';

/**
 * How much earlier than the attempt's start (the merchant server's clock) UnivaPay's clock may date a
 * new card's recurring token: clocks differ a little; a token made before the attempt is not its new card.
 */
const TOKEN_CLOCK_SKEW_MS = 10_000;

/** A recurring token whose own 3-D Secure (run when it was made) did not pass: the failed outcome. */
function tokenAuthenticationFailure(card: RecurringCard): FailedOutcome | null {
  if (card.threeDsStatus === 'failed' || card.threeDsStatus === 'error') {
    return failed('authentication', 'authentication_failed', true, { providerCode: `three_ds_${card.threeDsStatus}` });
  }
  if (card.threeDsStatus === 'awaiting' || card.threeDsStatus === 'pending' || !card.active) {
    return failed('authentication', 'authentication_canceled', true, { providerCode: `three_ds_${card.threeDsStatus ?? 'inactive'}` });
  }
  return null;
}

/** A read that either gave its object or ended the request with an outcome. */
type Read<T> = { readonly ok: true; readonly data: T } | { readonly ok: false; readonly outcome: FailedOutcome };

/**
 * UnivaPay's server half (docs/providers.md "UnivaPay"). UnivaPay has no object to create before the
 * browser has a transaction token, so:
 *
 * - `start` creates nothing at UnivaPay: it signs an attempt (see `attempt.ts`: amount, currency, return
 *   URL, methods, expiry) as `sessionId`, and gives the browser the app token, the API base and the
 *   store id (`extra.storeId`, and `extra.email` when the merchant's callback knows the shopper's).
 * - `complete` charges the token the browser made (`POST /charges`, secret + app token) for the amount
 *   the merchant's callback decides (never the browser's), with an `Idempotency-Key` derived from
 *   attempt + token (a retried `complete` cannot charge twice), `three_ds: {mode: normal,
 *   redirect_endpoint: returnUrl}` for cards, and metadata binding the charge to the attempt. It then
 *   reads the charge (`?polling=true`, a bounded number of times) until it leaves `pending` and maps it:
 *   the 3-D Secure step from `three_ds/issuer_token`, the konbini slip with its deadline (`capture_at` or
 *   `expiry/latest`), a success or a failure.
 * - `status` reads the charge named by the browser's `reference` (the charge id an earlier outcome
 *   named, or the return URL's `univapayChargeId`) and answers only when its metadata names this
 *   attempt, for this amount and store.
 *
 * UnivaPay's refusals (HTTP error bodies) become failed outcomes the shopper can read, and reach the
 * merchant's `onEvent` as `provider_error`; an unreachable or unreadable UnivaPay is a 502.
 */
export function createUnivapayServerProvider(
  config: UnivapayHandlerConfig,
  /** For tests: the clock, in milliseconds. */
  internals: { readonly now?: () => number } = {},
): ServerProvider {
  checkUnivapayConfig(config);
  const now = internals.now ?? Date.now;
  const apiBase = config.apiBase ?? UNIVAPAY_DEFAULT_API_BASE;
  const browserApiBase = config.browserApiBase ?? apiBase;
  const cardBrands = [...(config.cardBrands ?? UNIVAPAY_CARD_BRANDS)];
  const methods: readonly PaymentMethod[] = config.methods ?? METHODS;
  const stores = KONBINI_STORES.filter((s) => !config.konbiniStores || config.konbiniStores.includes(s));
  const ttlSeconds = config.attemptTtlSeconds ?? 3600;
  const pollAttempts = config.polling?.attempts ?? 3;
  const pollIntervalMs = config.polling?.intervalMs ?? 1000;
  const api = univapayServerApi(apiBase, config.storeId, config.secret, config.appToken);
  const signer = createAttemptSigner({
    secret: config.secret,
    ...(config.signingKey ? { signingKey: config.signingKey } : {}),
  });
  // Challenge pages and slips may be on the sandbox, which runs on plain http.
  const trustedOrigins = apiOrigins(apiBase, browserApiBase);

  /** An HTTP refusal of UnivaPay: logged for the merchant, answered as a failed outcome. */
  function refused(
    action: 'complete' | 'status',
    result: { readonly httpStatus: number; readonly error: UnivapayErrorBody | undefined },
    call: ProviderCall,
  ): FailedOutcome {
    const code = plainErrorCode(result.error);
    call.emit({
      type: 'provider_error',
      provider: 'univapay',
      action,
      failure: 'http_error',
      httpStatus: result.httpStatus,
      ...(code ? { providerCode: code } : {}),
    });
    return result.error ? mapUnivapayError(result.error, result.httpStatus) : mapUnivapayHttpStatus(result.httpStatus);
  }

  async function verified(sessionId: string): Promise<Attempt> {
    const attempt = await signer.verify(sessionId);
    if (!attempt) throw new EndpointRequestError(404, 'unknown_session', 'There is no such session.');
    return attempt;
  }

  function pause(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal.aborted) {
        reject(new ProviderCallError('univapay', 'timeout', 'UnivaPay did not answer in time.'));
        return;
      }
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(new ProviderCallError('univapay', 'timeout', 'UnivaPay did not answer in time.'));
      };
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Reads a `pending` charge until it leaves `pending`, at most `polling.attempts` times. */
  async function settle(
    action: 'complete' | 'status',
    charge: UnivapayCharge,
    call: ProviderCall,
  ): Promise<Read<UnivapayCharge>> {
    let current = charge;
    for (let read = 0; read < pollAttempts && current.status === 'pending'; read++) {
      if (read > 0) await pause(pollIntervalMs, call.signal);
      const result = await api.getCharge(current.id, true, call);
      if (!result.ok) return { ok: false, outcome: refused(action, result, call) };
      current = result.data;
    }
    return { ok: true, data: current };
  }

  function metadataText(charge: UnivapayCharge, key: string): string | undefined {
    const value = charge.metadata?.[key];
    return typeof value === 'string' ? value : undefined;
  }

  async function readToken(
    action: 'complete' | 'status',
    tokenId: string | null | undefined,
    call: ProviderCall,
  ): Promise<Read<UnivapayToken>> {
    if (!tokenId) {
      throw new ProviderCallError('univapay', 'unexpected_response', 'UnivaPay answered a charge without its token.');
    }
    const result = await api.getToken(tokenId, call);
    return result.ok ? result : { ok: false, outcome: refused(action, result, call) };
  }

  /** The outcome of a charge that left `pending` (or never will in time): reads what it needs. */
  async function finish(
    action: 'complete' | 'status',
    charge: UnivapayCharge,
    method: PaymentMethod,
    call: ProviderCall,
    token?: UnivapayToken,
  ): Promise<Outcome> {
    const phase = action;
    const card = token?.data?.card;
    const cardInfo = {
      ...(card?.brand ? { brand: brandFromUnivapay(card.brand) } : {}),
      ...(card?.last_four && /^\d{4}$/.test(card.last_four) ? { last4: card.last_four } : {}),
    };
    const base = { method, phase, trustedOrigins, card: cardInfo } as const;
    if (charge.status !== 'awaiting') return mapUnivapayCharge(charge, base);

    if (method === 'card') {
      if (phase === 'status') return mapUnivapayCharge(charge, base);
      const issuer = await api.getIssuerToken(charge.id, call);
      if (!issuer.ok) return refused(action, issuer, call);
      return mapUnivapayCharge(charge, { ...base, issuerToken: issuer.data });
    }

    const marked = metadataText(charge, UNIVAPAY_METADATA.store);
    let store: KonbiniStore | undefined = marked && isKonbiniStore(marked) ? marked : undefined;
    if (!store) {
      const read = token ? { ok: true as const, data: token } : await readToken(action, charge.transaction_token_id, call);
      if (!read.ok) return read.outcome;
      store = storeFromUnivapay(read.data.data?.convenience_store);
      if (!store) return failed('provider', 'unexpected_response', true, { providerCode: 'convenience_store' });
    }
    let expiresAt = charge.capture_at ?? undefined;
    if (!expiresAt) {
      const expiry = await api.getExpiry(charge.id, call);
      if (!expiry.ok) return refused(action, expiry, call);
      expiresAt = expiry.data.expiration_date;
    }
    return mapUnivapayCharge(charge, { ...base, konbini: { store, expiresAt } });
  }

  /** `capture_at` of a konbini charge: the last second of the N-th day from now, in JST. */
  function konbiniDeadline(days: number): string {
    const jst = new Date(now() + 9 * 3600_000);
    jst.setUTCDate(jst.getUTCDate() + days);
    return `${jst.toISOString().slice(0, 10)}T23:59:59+09:00`;
  }

  const ctxOf = (input: { context: Readonly<Record<string, unknown>> | undefined; request: Request }, mode: 'payment' | 'setup'): AmountContext => ({
    context: input.context,
    mode,
    provider: 'univapay',
    request: input.request,
  });

  async function savedCardsOf(input: { context: Readonly<Record<string, unknown>> | undefined; request: Request }, mode: 'payment' | 'setup'): Promise<readonly UnivapaySavedCard[]> {
    return (await config.savedCards?.(ctxOf(input, mode))) ?? [];
  }

  /**
   * Setup mode's `complete`: the recurring token UnivaPay's inline form made (its 3-D Secure already
   * run there) is checked and handed to the merchant's `onCardSaved`, whose own id is what the page
   * gets. Nothing is charged. A token already saved for this shopper answers its id again.
   */
  async function completeSetup(input: Parameters<NonNullable<ServerProvider['complete']>>[0], call: ProviderCall): Promise<Outcome> {
    if (input.method !== 'card') throw new EndpointRequestError(400, 'method_not_offered', 'Setup mode saves cards only.');
    const onCardSaved = config.onCardSaved;
    if (!onCardSaved) throw new EndpointRequestError(400, 'unsupported', 'Saving cards is not configured.');
    if (input.token === undefined) throw new EndpointRequestError(400, 'token_required', 'UnivaPay saves a token: `token` is missing.');
    const read = await api.getToken(input.token, call);
    if (!read.ok) {
      if (read.httpStatus === 404 || read.httpStatus === 400) {
        throw new EndpointRequestError(400, 'unknown_token', 'There is no such UnivaPay token for this store.');
      }
      return refused('complete', read, call);
    }
    const card = recurringCardOf(read.data);
    if (!card.recurring) throw new EndpointRequestError(400, 'unknown_token', 'Setup mode saves a recurring card token.');
    const unauthenticated = tokenAuthenticationFailure(card);
    if (unauthenticated) return unauthenticated;
    if (!card.brand || !card.last4 || card.expMonth === undefined || card.expYear === undefined) {
      throw new ProviderCallError('univapay', 'unexpected_response', 'UnivaPay answered a card token without its card.');
    }
    const shown = { brand: card.brand, last4: card.last4 };
    const known = (await savedCardsOf(input, 'setup')).find((saved) => saved.transactionTokenId === read.data.id);
    const id = known?.id ?? (await onCardSaved(ctxOf(input, 'setup'), { transactionTokenId: read.data.id, ...shown, expMonth: card.expMonth, expYear: card.expYear }));
    if (!validCardId(id)) throw new TypeError(BAD_CARD_ID);
    return { status: 'succeeded', method: 'card', paymentMethodId: id, ...shown };
  }

  /**
   * A session of `start` (payment or setup): what every UnivaPay session carries (the app token, the
   * store, the email the server gave), and how cards are taken: UnivaPay's inline form unless the
   * merchant may send raw card data (docs/providers.md "UnivaPay").
   */
  function clientSession(
    input: StartInput,
    sessionId: string,
    fields: Pick<ClientSession, 'amount' | 'mode' | 'methods' | 'konbiniStores'> & Partial<ClientSession>,
  ): ClientSession {
    const { amount } = input;
    return {
      protocol: 1,
      provider: 'univapay',
      sessionId,
      publicKey: config.appToken,
      apiBase: browserApiBase,
      currency: amount.currency,
      returnUrl: input.returnUrl,
      cardEntry: config.directCardTokens === true ? 'fields' : 'surface',
      extra: { storeId: config.storeId, ...(amount.email ? { email: amount.email } : {}) },
      ...fields,
    };
  }

  /** `DELETE` of a recurring token nobody keeps; a failure is logged, the payment's outcome stays. */
  async function deleteToken(action: 'complete' | 'status', tokenId: string, call: ProviderCall): Promise<void> {
    const result = await api.deleteToken(tokenId, call);
    // Already gone (a retried `complete` or `status`): nothing left to delete.
    if (!result.ok && result.httpStatus !== 404) refused(action, result, call);
  }

  /**
   * "Pay and save", once the charge of a new card's recurring token is final: ticked and paid, the card
   * goes to `onCardSaved` (once: a token the shopper's `savedCards` already holds answers its id again,
   * and is never deleted) and the outcome carries the merchant's id; otherwise (not ticked, declined, failed) the token is
   * deleted, so that UnivaPay keeps no card the shopper did not agree to. A charge still needing the
   * shopper or time is left to `status`. A merchant whose `onCardSaved` throws (a guest) or answers no
   * id gets the payment reported without a saved card, and the token is deleted. `cards`: the shopper's
   * saved cards when the caller read them already; otherwise they are read here, once the charge is final.
   */
  async function settleNewCard(
    action: 'complete' | 'status',
    outcome: Outcome,
    token: UnivapayToken,
    save: boolean,
    input: { context: Readonly<Record<string, unknown>> | undefined; request: Request },
    call: ProviderCall,
    cards?: readonly UnivapaySavedCard[],
  ): Promise<Outcome> {
    if (outcome.status === 'requires_action' || outcome.status === 'processing') return outcome;
    const card = recurringCardOf(token);
    const paid = outcome.status === 'succeeded' && outcome.method === 'card';
    const shown = { ...(card.brand ? { brand: card.brand } : {}), ...(card.last4 ? { last4: card.last4 } : {}) };
    // Already one of the shopper's cards (a retried `complete` or `status`): its id again, never deleted.
    const known = (cards ?? (await savedCardsOf(input, 'payment'))).find((saved) => saved.transactionTokenId === token.id);
    if (known) return paid && save ? { ...outcome, paymentMethodId: known.id, ...shown } : outcome;
    if (paid && save && config.onCardSaved) {
      if (card.brand && card.last4 && card.expMonth !== undefined && card.expYear !== undefined) {
        let id: unknown;
        try {
          id = await config.onCardSaved(ctxOf(input, 'payment'), {
            transactionTokenId: token.id,
            brand: card.brand,
            last4: card.last4,
            expMonth: card.expMonth,
            expYear: card.expYear,
          });
        } catch (error) {
          call.emit({ type: 'callback_error', error });
        }
        if (validCardId(id)) return { ...outcome, paymentMethodId: id, ...shown };
        if (id !== undefined) call.emit({ type: 'callback_error', error: new TypeError(BAD_CARD_ID) });
      }
    }
    await deleteToken(action, token.id, call);
    return outcome;
  }

  /**
   * A recurring token the page sent as a new card (not by the merchant's id of a saved card): paid only
   * in a "pay and save" attempt, when UnivaPay made it after the attempt started, and its own 3-D Secure
   * passed. It must be unused, unless it is already this shopper's saved card and was charged (a retried
   * `complete` of the payment that saved it); a saved card never charged is paid by the merchant's id only.
   */
  function checkNewCardToken(attempt: Attempt, token: UnivapayToken, cards: readonly UnivapaySavedCard[]): { readonly known: boolean; readonly failure: FailedOutcome | null } {
    const card = recurringCardOf(token);
    const known = cards.some((saved) => saved.transactionTokenId === token.id);
    const fresh = attempt.savesFrom !== undefined && card.createdAt !== undefined && card.createdAt >= attempt.savesFrom - TOKEN_CLOCK_SKEW_MS;
    if (!fresh || card.used !== known) {
      throw new EndpointRequestError(400, 'unknown_token', 'There is no such UnivaPay token for this store.');
    }
    return { known, failure: tokenAuthenticationFailure(card) };
  }

  return {
    name: 'univapay',
    methods,
    modes: config.onCardSaved ? ['payment', 'setup'] : ['payment'],

    async start(input): Promise<ClientSession> {
      const { amount } = input;
      if (input.mode === 'setup') {
        if (!input.methods.includes('card')) throw new EndpointRequestError(400, 'no_methods', 'Setup mode saves cards only.');
        const { sessionId } = await signer.sign({
          amount: 0,
          currency: amount.currency,
          returnUrl: input.returnUrl,
          methods: ['card'],
          stores: [],
          expiresAt: Math.floor(now() / 1000) + ttlSeconds,
          mode: 'setup',
        });
        return clientSession(input, sessionId, { amount: 0, mode: 'setup', methods: ['card'], konbiniStores: [], cardBrands });
      }
      const offered = input.methods.filter((method) => method !== 'konbini' || stores.length > 0);
      if (offered.length === 0) {
        throw new EndpointRequestError(400, 'no_methods', 'None of the requested methods is offered.');
      }
      const konbini = offered.includes('konbini');
      // "Pay and save" (docs/providers.md "UnivaPay › Recurring tokens"): with `onCardSaved`, a new card in
      // UnivaPay's inline form is a recurring token from the start (the form's token type is fixed when it
      // is mounted); `complete` keeps it when the shopper ticked "Save this card", deletes it otherwise.
      const canSave = config.onCardSaved !== undefined && config.payAndSave !== false && config.directCardTokens !== true && offered.includes('card');
      const { sessionId } = await signer.sign({
        amount: amount.amount,
        currency: amount.currency,
        returnUrl: input.returnUrl,
        methods: offered,
        stores: konbini ? stores : [],
        expiresAt: Math.floor(now() / 1000) + ttlSeconds,
        mode: 'payment',
        ...(canSave ? { savesFrom: now() } : {}),
      });
      // A returning shopper's cards first: brand, last four, expiry and your id, never the token.
      const saved = offered.includes('card') ? (await savedCardsOf(input, 'payment')).slice(0, 20) : [];
      return clientSession(input, sessionId, {
        amount: amount.amount,
        mode: 'payment',
        methods: offered,
        konbiniStores: konbini ? [...stores] : [],
        ...(offered.includes('card') ? { cardBrands } : {}),
        ...(canSave ? { canSaveCard: true } : {}),
        // UnivaPay's konbini tokens carry the email and the phone number (docs/providers.md
        // "UnivaPay › Calls the code makes").
        ...(konbini ? { konbiniFields: { email: 'required', phone: 'required' } as const } : {}),
        ...(saved.length
          ? { savedCards: saved.map(({ id, brand, last4, expMonth, expYear }) => ({ id, brand, last4, expMonth, expYear })) }
          : {}),
      });
    },

    async complete(input, call) {
      const attempt = await verified(input.sessionId);
      if (now() / 1000 > attempt.expiresAt) {
        return failed('provider', 'session_expired', false, { providerCode: 'attempt_expired' });
      }
      if (!attempt.methods.includes(input.method)) {
        throw new EndpointRequestError(400, 'method_not_offered', `This payment does not offer ${input.method}.`);
      }
      if (attempt.mode === 'setup') return completeSetup(input, call);

      if (input.token === undefined) throw new EndpointRequestError(400, 'token_required', 'UnivaPay pays a token: `token` is missing.');
      // The shopper's saved cards, read once: a saved card is paid by the shopper's own id (its recurring
      // token is looked up here, never sent by the page), and a new card of "pay and save" is checked against them.
      const cards = input.method === 'card' && config.savedCards ? await savedCardsOf(input, 'payment') : [];
      const savedCard = cards.find((card) => card.id === input.token);
      const tokenResult = await api.getToken(savedCard?.transactionTokenId ?? input.token, call);
      if (!tokenResult.ok) {
        if (tokenResult.httpStatus === 404 || tokenResult.httpStatus === 400) {
          throw new EndpointRequestError(400, 'unknown_token', 'There is no such UnivaPay token for this store.');
        }
        return refused('complete', tokenResult, call);
      }
      const token = tokenResult.data;
      if (methodFromUnivapayType(token.payment_type) !== input.method) {
        throw new EndpointRequestError(400, 'method_mismatch', `The token is not a ${input.method} token.`);
      }
      // A recurring token is charged as one of this shopper's saved cards, or as the new card of a "pay and
      // save" attempt (made for it: its id may have leaked otherwise).
      const newCard = savedCard === undefined && token.type === 'recurring';
      if (savedCard !== undefined && token.type !== 'recurring') {
        throw new EndpointRequestError(400, 'unknown_token', 'There is no such UnivaPay token for this store.');
      }
      if (newCard) {
        if (input.method !== 'card') throw new EndpointRequestError(400, 'unknown_token', 'There is no such UnivaPay token for this store.');
        const checked = checkNewCardToken(attempt, token, cards);
        if (checked.failure) {
          if (!checked.known) await deleteToken('complete', token.id, call);
          return checked.failure;
        }
      } else if (input.saveCard && savedCard === undefined) {
        throw new EndpointRequestError(400, 'unsupported', 'This card cannot be saved: its token is for one payment.');
      }
      let store: KonbiniStore | undefined;
      if (input.method === 'konbini') {
        store = storeFromUnivapay(token.data?.convenience_store);
        if (!store || !attempt.stores.includes(store)) {
          return failed('validation', 'store_unavailable', true, { field: 'store' });
        }
      }

      // The amount is the merchant's, now; the attempt only proves what the shopper was shown.
      const decision = await input.amount();
      if (decision.amount !== attempt.amount || decision.currency !== attempt.currency) {
        throw new EndpointRequestError(
          409,
          'amount_changed',
          'The amount changed since this payment started: start again to see the new amount.',
        );
      }

      const metadata: Record<string, string> = {
        ...decision.metadata,
        [UNIVAPAY_METADATA.attempt]: attempt.id,
        [UNIVAPAY_METADATA.method]: input.method,
        ...(store ? { [UNIVAPAY_METADATA.store]: store } : {}),
        ...(decision.orderId ? { [UNIVAPAY_METADATA.orderId]: decision.orderId } : {}),
        ...(newCard ? { [SAVE_CARD_METADATA]: input.saveCard ? '1' : '0' } : {}),
      };
      const body: Record<string, unknown> = {
        transaction_token_id: token.id,
        amount: decision.amount,
        currency: decision.currency,
        metadata,
      };
      // Back to the page that asked (a framed challenge's page carries its marker), else `start`'s.
      // A saved card's recurring token passed 3-D Secure when it was made: `normal` lets UnivaPay skip it,
      // `require` / `force` (savedCardThreeDsMode) have the shopper authenticate again.
      if (input.method === 'card') {
        const mode = savedCard ? (config.savedCardThreeDsMode ?? 'normal') : 'normal';
        body['three_ds'] = { mode, redirect_endpoint: input.returnUrl ?? attempt.returnUrl };
      }
      if (input.method === 'konbini' && config.konbiniPaymentDays !== undefined) {
        body['capture_at'] = konbiniDeadline(config.konbiniPaymentDays);
      }

      // One key per attempt and one-time token: a retried `complete` never charges twice. A saved card is
      // charged again after a decline or a failed 3-D Secure in the same attempt: a key of its own each time.
      const key = savedCard ? crypto.randomUUID() : await signer.chargeKey(attempt, token.id);
      const created = await api.createCharge(body, key, call);
      if (!created.ok) {
        const refusal = refused('complete', created, call);
        return newCard ? settleNewCard('complete', refusal, token, input.saveCard, input, call, cards) : refusal;
      }
      const charge = created.data;
      if (
        charge.requested_amount !== decision.amount ||
        charge.requested_currency.toUpperCase() !== decision.currency ||
        (charge.transaction_token_id && charge.transaction_token_id !== token.id)
      ) {
        throw new ProviderCallError('univapay', 'unexpected_response', 'UnivaPay created another charge than asked.');
      }
      const settled = await settle('complete', charge, call);
      if (!settled.ok) return settled.outcome;
      const outcome = await finish('complete', settled.data, input.method, call, token);
      return withReference(newCard ? await settleNewCard('complete', outcome, token, input.saveCard, input, call, cards) : outcome, charge.id);
    },

    async status(input, call) {
      const attempt = await verified(input.sessionId);
      const reference = input.reference?.trim();
      if (!reference) {
        throw new EndpointRequestError(400, 'reference_required', 'UnivaPay needs the charge id as "reference".');
      }
      if (!/^[A-Za-z0-9-]{1,64}$/.test(reference)) {
        throw new EndpointRequestError(400, 'bad_reference', '"reference" is not a UnivaPay charge id.');
      }
      const result = await api.getCharge(reference, true, call);
      if (!result.ok) {
        if (result.httpStatus === 404) throw new EndpointRequestError(404, 'unknown_charge', 'There is no such charge.');
        return refused('status', result, call);
      }
      const charge = result.data;
      // Only a charge this attempt created: its metadata, store, amount and currency must all match.
      if (
        metadataText(charge, UNIVAPAY_METADATA.attempt) !== attempt.id ||
        (charge.store_id && charge.store_id !== config.storeId) ||
        charge.requested_amount !== attempt.amount ||
        charge.requested_currency.toUpperCase() !== attempt.currency
      ) {
        throw new EndpointRequestError(403, 'foreign_charge', 'This charge does not belong to this payment.');
      }
      const settled = await settle('status', charge, call);
      if (!settled.ok) return settled.outcome;
      const settledCharge = settled.data;
      const marked = metadataText(settledCharge, UNIVAPAY_METADATA.method);
      let method = METHODS.find((m) => m === marked);
      let token: UnivapayToken | undefined;
      if (!method) {
        const read = await readToken('status', settledCharge.transaction_token_id, call);
        if (!read.ok) return read.outcome;
        token = read.data;
        method = methodFromUnivapayType(token.payment_type);
        if (!method) return failed('provider', 'unexpected_response', true, { providerCode: 'payment_type' });
      }
      const outcome = await finish('status', settledCharge, method, call, token);
      // A new card of "pay and save" whose charge needed the shopper or time: kept or deleted now.
      const save = metadataText(settledCharge, SAVE_CARD_METADATA);
      if (save !== undefined && method === 'card' && settledCharge.transaction_token_id) {
        const read = token ? { ok: true as const, data: token } : await api.getToken(settledCharge.transaction_token_id, call);
        // Gone: deleted by an earlier `complete` or `status`.
        if (!read.ok && read.httpStatus === 404) return withReference(outcome, settledCharge.id);
        if (!read.ok) return refused('status', read, call);
        return withReference(await settleNewCard('status', outcome, read.data, save === '1', input, call), settledCharge.id);
      }
      return withReference(outcome, settledCharge.id);
    },
  };
}

/**
 * A charge that still needs the shopper (3-D Secure) or time (`processing`) names itself in the outcome:
 * the browser keeps it across the redirect and asks `status` for it, whether or not UnivaPay puts it
 * on the return URL.
 */
function withReference(outcome: Outcome, chargeId: string): Outcome {
  return outcome.status === 'requires_action' || outcome.status === 'processing'
    ? { ...outcome, reference: chargeId }
    : outcome;
}

const BAD_CARD_ID = 'kessai-elements/server: univapay onCardSaved must answer your id for the card (1–256 characters).';

function validCardId(id: unknown): id is string {
  return typeof id === 'string' && id.length > 0 && id.length <= 256;
}

function positiveInteger(name: string, value: number | undefined, min: number): void {
  if (value !== undefined && (!Number.isInteger(value) || value < min)) {
    throw new TypeError(`kessai-elements/server: univapay ${name} must be an integer of at least ${min}.`);
  }
}

/**
 * The brands UnivaPay takes: VISA, MasterCard, JCB, AMEX and Diners Club, no Discover (its service page,
 * docs/providers.md "Card brands"); a session tells none, so the merchant's `cardBrands` can narrow it.
 */
const UNIVAPAY_CARD_BRANDS: readonly CardBrand[] = ['visa', 'mastercard', 'jcb', 'amex', 'diners'];

/** Refuses a configuration that would break or leak, at startup rather than on the first shopper. */
function checkUnivapayConfig(config: UnivapayHandlerConfig): void {
  if (
    config.cardBrands !== undefined &&
    (!Array.isArray(config.cardBrands) || config.cardBrands.length === 0 || !config.cardBrands.every((brand) => UNIVAPAY_CARD_BRANDS.includes(brand)))
  ) {
    throw new TypeError(`kessai-elements/server: univapay cardBrands must be a non-empty list of ${UNIVAPAY_CARD_BRANDS.join(', ')}.`);
  }
  if (typeof config.appToken !== 'string' || !UNIVAPAY_APP_TOKEN_SHAPE.test(config.appToken)) {
    throw new TypeError('kessai-elements/server: univapay appToken must be the app token JWT.');
  }
  if (typeof config.secret !== 'string' || config.secret.length === 0) {
    throw new TypeError('kessai-elements/server: univapay secret is missing.');
  }
  // The app token is sent to every browser: the secret must never be part of it.
  if (config.appToken.includes(config.secret)) {
    throw new TypeError('kessai-elements/server: univapay appToken contains the secret.');
  }
  if (typeof config.storeId !== 'string' || !/^[A-Za-z0-9-]{1,64}$/.test(config.storeId)) {
    throw new TypeError('kessai-elements/server: univapay storeId is missing or malformed.');
  }
  if (config.signingKey !== undefined && (typeof config.signingKey !== 'string' || config.signingKey.length < 32)) {
    throw new TypeError('kessai-elements/server: univapay signingKey must have at least 32 characters.');
  }
  for (const key of ['savedCards', 'onCardSaved'] as const) {
    if (config[key] !== undefined && typeof config[key] !== 'function') {
      throw new TypeError(`kessai-elements/server: univapay ${key} must be a function.`);
    }
  }
  if (config.savedCardThreeDsMode !== undefined && !['normal', 'require', 'force'].includes(config.savedCardThreeDsMode)) {
    throw new TypeError('kessai-elements/server: univapay savedCardThreeDsMode must be normal, require or force.');
  }
  checkEndpointConfig('univapay', config);
  positiveInteger('attemptTtlSeconds', config.attemptTtlSeconds, 1);
  positiveInteger('konbiniPaymentDays', config.konbiniPaymentDays, 1);
  positiveInteger('polling.attempts', config.polling?.attempts, 1);
  positiveInteger('polling.intervalMs', config.polling?.intervalMs, 0);
}
