import type { Outcome } from '../../core/outcome.ts';
import type { KonbiniDetails } from '../../core/payment-input.ts';
import type { PaymentMethod } from '../../core/protocol.ts';
import { safeUrl } from '../../core/safe-url.ts';
import type { AttemptContext, CardPayment, ProviderAdapter, ResumeContext } from '../adapter.ts';
import { outcomeOfFailedCall } from '../shared/call-outcome.ts';
import { askEndpoint } from '../shared/endpoint-call.ts';
import { failed, isFailedOutcome, type FailedOutcome } from '../shared/failures.ts';
import { sessionRefusal } from '../shared/session-checks.ts';
import { createUnivapayClient, type UnivapayClient } from './client.ts';
import { UNIVAPAY_PAYMENT_TYPES } from './constants.ts';
import { UNIVAPAY_CHARGE_ID_PARAM } from './manifest.ts';
import { mapUnivapayError } from './map-outcome.ts';
import { univapayTokenSchema, type UnivapayToken } from './schemas.ts';
import { brandFromUnivapay, univapayStoreValue } from './stores.ts';
import { createUnivapaySurface, univapaySurfaceInternals } from './surface.ts';

/**
 * UnivaPay in the browser (docs/providers.md "UnivaPay"). UnivaPay has no server object to pay: the
 * shopper's details become a transaction token, and the merchant's server charges that token with its
 * secret.
 *
 * - card, the default: UnivaPay's inline form (`surface.ts`), the card typed into UnivaPay's iframe;
 *   the page gets the token id only.
 * - card, for a PCI DSS merchant UnivaPay allows to send raw card data (the server's
 *   `directCardTokens`): our own inputs, `POST {apiBase}/tokens` with the card.
 * - konbini: `POST {apiBase}/tokens` with the store and contact details.
 * - setup mode: the same card paths make a recurring token (the inline form with
 *   `data-token-type="recurring"`, which runs its 3-D Secure itself); `complete` hands it to the server,
 *   which keeps it with the merchant and answers the merchant's own id for it (`paymentMethodId`).
 * - pay and save (`session.canSaveCard`, the handler's `onCardSaved`): the inline form makes a recurring
 *   token from the start; `complete` carries `saveCard` ("Save this card" ticked or not): the server keeps
 *   the card (`paymentMethodId` in the outcome) or deletes the token once the charge is final.
 * - a saved card: `complete` with the merchant's id from `session.savedCards`; the server charges the
 *   recurring token it maps to.
 * - each then asks the endpoint's `complete` with the token id only. The endpoint answers the outcome:
 *   succeeded, the 3-D Secure step (`requires_action` with the charge as its reference, usually a form
 *   POST to the issuer), the konbini slip, or a failure.
 * - resume: back from 3-D Secure, the endpoint's `status` reads the charge the attempt recorded (or the
 *   one a `univapayChargeId` parameter names, where UnivaPay adds one: UNCONFIRMED).
 *
 * Email: UnivaPay requires `email` on card tokens. Konbini sends the shopper's (the konbini form asks
 * for it); a card token carries the merchant's `session.extra.email` when the server put one there
 * (UnivaPay's inline form asks the shopper otherwise).
 *
 * Raw card data is built only inside the body of the one request to `session.apiBase`; the endpoint
 * sees the token id, never the card. On abort the adapter stops at once and resolves `canceled`.
 */

function clientFor(ctx: AttemptContext): UnivapayClient | FailedOutcome {
  return createUnivapayClient({
    apiBase: ctx.session.apiBase,
    appToken: ctx.session.publicKey,
    signal: ctx.signal,
    ...(ctx.fetch ? { fetch: ctx.fetch } : {}),
  });
}

/** `POST /tokens`, mapped: the token, or the outcome that ends the attempt. */
async function createToken(
  ctx: AttemptContext,
  client: UnivapayClient,
  body: Readonly<Record<string, unknown>>,
): Promise<{ readonly token: UnivapayToken } | { readonly outcome: Outcome }> {
  const result = await client.post('/tokens', body, univapayTokenSchema, {
    idempotencyKey: ctx.idempotencyKey,
  });
  if (result.kind !== 'ok') return { outcome: outcomeOfFailedCall(result, mapUnivapayError) };
  return { token: result.data };
}

/**
 * What the endpoint answered, checked once more here: a next action must go to `https:` or to the API's
 * own origin (the sandbox), and a card success gets the brand and last four the token knows.
 */
function checkedOutcome(outcome: Outcome, client: UnivapayClient, token?: UnivapayToken): Outcome {
  if (outcome.status === 'requires_action') {
    if (!safeUrl(outcome.action.url, client.trustedOrigins)) return failed('provider', 'unsafe_redirect', false);
    return outcome;
  }
  if (outcome.status === 'succeeded' && outcome.method === 'card') {
    const card = token?.data?.card;
    return {
      ...outcome,
      ...(!outcome.brand && card?.brand ? { brand: brandFromUnivapay(card.brand) } : {}),
      ...(!outcome.last4 && card?.last_four && /^\d{4}$/.test(card.last_four) ? { last4: card.last_four } : {}),
    };
  }
  return outcome;
}

/** Asks the merchant endpoint to charge the token; its failures become outcomes, never exceptions. */
async function complete(
  ctx: AttemptContext,
  client: UnivapayClient,
  token: UnivapayToken,
  method: PaymentMethod,
): Promise<Outcome> {
  const outcome = await askEndpoint(ctx, () =>
    ctx.endpoint.complete({ sessionId: ctx.session.sessionId, token: token.id, method, returnUrl: ctx.pageUrl }, ctx.signal),
  );
  return checkedOutcome(outcome, client, token);
}

async function payCard(ctx: AttemptContext, payment: CardPayment): Promise<Outcome> {
  const refused = sessionRefusal(ctx.session, 'card');
  if (refused) return refused;
  const client = clientFor(ctx);
  if (isFailedOutcome(client)) return client;
  if ('surface' in payment) return payWithInlineForm(ctx, client, payment.surface, payment.save === true);
  if ('saved' in payment) return paySaved(ctx, client, payment.saved);
  if (!('card' in payment)) return failed('configuration', 'method_unavailable', false);
  const { card } = payment;
  const email = ctx.session.extra?.['email'];
  const created = await createToken(ctx, client, {
    payment_type: UNIVAPAY_PAYMENT_TYPES.card,
    // Setup mode saves a recurring token (docs/providers.md "UnivaPay › Recurring tokens").
    type: ctx.session.mode === 'setup' ? 'recurring' : 'one_time',
    ...(email ? { email } : {}),
    data: {
      cardholder: card.name.trim(),
      card_number: card.number,
      exp_month: card.expMonth,
      exp_year: card.expYear,
      cvv: card.cvc,
      three_ds: { enabled: true, redirect_endpoint: ctx.pageUrl },
    },
  });
  if ('outcome' in created) return created.outcome;
  return complete(ctx, client, created.token, 'card');
}

/**
 * A saved card of the session's list: `complete` with the merchant's own id for it (its recurring token
 * stays on the server, which charges it); the answer may be UnivaPay's 3-D Secure step.
 */
async function paySaved(ctx: AttemptContext, client: UnivapayClient, id: string): Promise<Outcome> {
  if (!ctx.session.savedCards?.some((card) => card.id === id)) return failed('validation', 'invalid_card', true);
  const outcome = await askEndpoint(ctx, () =>
    ctx.endpoint.complete({ sessionId: ctx.session.sessionId, token: id, method: 'card', returnUrl: ctx.pageUrl }, ctx.signal),
  );
  return checkedOutcome(outcome, client);
}

/** The card typed into UnivaPay's inline form: its token id, then `complete`. */
async function payWithInlineForm(
  ctx: AttemptContext,
  client: UnivapayClient,
  surface: Parameters<typeof univapaySurfaceInternals>[0],
  save: boolean,
): Promise<Outcome> {
  const form = univapaySurfaceInternals(surface);
  if (!form) return failed('configuration', 'configuration_error', false);
  let tokenId: string;
  try {
    tokenId = await form.tokenize();
  } catch (error) {
    if (ctx.signal.aborted) return { status: 'canceled' };
    // UnivaPay's form shows what is wrong inside its iframe; its message is kept for the logs.
    const message = error instanceof Error ? error.message.slice(0, 200) : undefined;
    return failed('validation', 'invalid_input', true, message ? { providerMessage: message } : {});
  }
  if (ctx.signal.aborted) return { status: 'canceled' };
  if (!/^[A-Za-z0-9-]{1,128}$/.test(tokenId)) return failed('provider', 'unexpected_response', true);
  const outcome = await askEndpoint(ctx, () =>
    ctx.endpoint.complete(
      // "Pay and save": the form made a recurring token; the server keeps it, or deletes it when unticked.
      { sessionId: ctx.session.sessionId, token: tokenId, method: 'card', returnUrl: ctx.pageUrl, ...(ctx.session.canSaveCard ? { saveCard: save } : {}) },
      ctx.signal,
    ),
  );
  return checkedOutcome(outcome, client);
}

async function payKonbini(ctx: AttemptContext, konbini: KonbiniDetails): Promise<Outcome> {
  const refused = sessionRefusal(ctx.session, 'konbini', konbini.store);
  if (refused) return refused;
  // UnivaPay's konbini example sends the phone number, so ours always does (docs/providers.md
  // "UnivaPay › Calls the code makes"); the form asks for it.
  const phone = konbini.phone?.replace(/\D/g, '') ?? '';
  if (!phone) return failed('validation', 'invalid_phone', true, { field: 'phone' });
  const client = clientFor(ctx);
  if (isFailedOutcome(client)) return client;
  const created = await createToken(ctx, client, {
    payment_type: UNIVAPAY_PAYMENT_TYPES.konbini,
    type: 'one_time',
    email: konbini.email,
    data: {
      customer_name: konbini.name.trim(),
      convenience_store: univapayStoreValue(konbini.store),
      phone_number: { country_code: '81', local_number: phone },
    },
  });
  if ('outcome' in created) return created.outcome;
  return complete(ctx, client, created.token, 'konbini');
}

async function resume(ctx: ResumeContext, params: URLSearchParams): Promise<Outcome> {
  // The charge this attempt recorded before the redirect; a charge id on the URL only where none was.
  const chargeId = (ctx.reference ?? params.get(UNIVAPAY_CHARGE_ID_PARAM))?.trim();
  if (!chargeId || chargeId.length > 128) return failed('internal', 'internal_error', false);
  const client = clientFor(ctx);
  if (isFailedOutcome(client)) return client;
  const outcome = await askEndpoint(ctx, () =>
    ctx.endpoint.status({ sessionId: ctx.session.sessionId, reference: chargeId }, ctx.signal),
  );
  return checkedOutcome(outcome, client);
}

export const univapayAdapter: ProviderAdapter = {
  pay: { card: payCard, konbini: payKonbini },
  createCardSurface: createUnivapaySurface,
  resume,
};
