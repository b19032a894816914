import type { Outcome } from '../../core/outcome.ts';
import type { CardDetails, KonbiniDetails } from '../../core/payment-input.ts';
import type { PaymentMethod } from '../../core/protocol.ts';
import type { AttemptContext, CardPayment, ProviderAdapter, ResumeContext } from '../adapter.ts';
import { outcomeOfFailedCall } from '../shared/call-outcome.ts';
import { askEndpoint } from '../shared/endpoint-call.ts';
import { failed, isFailedOutcome, unexpectedResponse, type FailedOutcome } from '../shared/failures.ts';
import { checkedRedirect, redirectOutcome } from '../shared/redirect-outcome.ts';
import { sessionRefusal } from '../shared/session-checks.ts';
import { createKomojuClient, type KomojuClient } from './client.ts';
import { KOMOJU_PAYMENT_TYPES } from './constants.ts';
import { mapKomojuError, mapKomojuPayResponse, mapKomojuSession } from './map-outcome.ts';
import {
  komojuPayResponseSchema,
  komojuSecureTokenSchema,
  komojuSessionSchema,
  type KomojuSecureToken,
} from './schemas.ts';
import { komojuStoreSlug } from './stores.ts';

/**
 * KOMOJU in the browser (docs/providers.md "KOMOJU"), as KOMOJU's own fields do it:
 *
 * - card: `POST /secure_tokens` with the card → `OK`/`SKIPPED`: pay the session with the token id;
 *   `NEEDS_VERIFY`: redirect to the `authentication_url` (3-D Secure), KOMOJU comes back with
 *   `secure_token_id`. A token `ERRORED` at creation means the account's 3-D Secure is misconfigured,
 *   and a card brand the secure tokens do not cover answers `unsupported_card_brand`: KOMOJU's fields
 *   then pay with the card details without 3-D Secure, and so does this adapter.
 * - konbini: pay the session with the store and contact details → the slip.
 * - resume: with `secure_token_id`, read the token: `ERRORED` after the challenge is a failed
 *   authentication, `OK` pays with it; with only `session_id`, read the session.
 * - a saved card (`session.savedCards`): `complete` with its opaque id; the merchant's server pays the
 *   KOMOJU customer behind it or answers its 3-D Secure step, and finishes it on the return (`status`
 *   with the recorded reference).
 * - setup mode (a `customer` session): the card paid into the session itself, then the server reports
 *   the saved card (`status`); the page never reads a customer session, which names the KOMOJU customer.
 * - pay and save (`session.savesCard`, a `customer_payment` session): paid as any card (secure token,
 *   3-D Secure), then the server reports the payment and the saved card (`status`), never the page.
 *
 * Only the headers KOMOJU's own fields send go to KOMOJU (`Accept`, `Content-Type`, `Authorization`):
 * no idempotency header, which KOMOJU's CORS rules may refuse. One payment per submit is the flow's
 * guarantee (a submit while one is in flight sends nothing).
 *
 * Card data is built only inside the bodies of the requests to `session.apiBase`. On abort the adapter
 * stops at once and resolves `canceled`, which the flow drops as stale.
 */

function clientFor(ctx: AttemptContext): KomojuClient | FailedOutcome {
  return createKomojuClient({
    apiBase: ctx.session.apiBase,
    publishableKey: ctx.session.publicKey,
    signal: ctx.signal,
    ...(ctx.fetch ? { fetch: ctx.fetch } : {}),
  });
}

function sessionPath(sessionId: string): string {
  return `/sessions/${encodeURIComponent(sessionId)}`;
}

/** The page URL with `session_id` added, where KOMOJU adds `secure_token_id` after the challenge. */
function returnUrlFor(pageUrl: string, sessionId: string): string | null {
  try {
    const url = new URL(pageUrl);
    url.searchParams.set('session_id', sessionId);
    return url.href;
  } catch {
    return null;
  }
}

/** The `payment_details` object of a card. Built only where a request body needs it. */
function cardPaymentDetails(card: CardDetails): Record<string, string> {
  const details: Record<string, string> = {
    type: KOMOJU_PAYMENT_TYPES.card,
    number: card.number,
    month: String(card.expMonth).padStart(2, '0'),
    year: String(card.expYear),
    verification_value: card.cvc,
  };
  if (card.name.trim()) details['name'] = card.name.trim();
  return details;
}

/** `POST /sessions/{id}/pay`, mapped; a `completed` answer without its payment is read back. */
async function pay(
  ctx: AttemptContext,
  client: KomojuClient,
  sessionId: string,
  paymentDetails: string | Record<string, string>,
  method: PaymentMethod,
): Promise<Outcome> {
  const result = await client.post(
    `${sessionPath(sessionId)}/pay`,
    { payment_details: paymentDetails, api_locale: ctx.locale },
    komojuPayResponseSchema,
  );
  if (result.kind !== 'ok') return outcomeOfFailedCall(result, mapKomojuError);
  const options = { method, trustedOrigins: client.trustedOrigins };
  const outcome = mapKomojuPayResponse(result.data, options);
  // A card being saved (pay and save): once paid, the server reports the payment and the card.
  if (ctx.session.savesCard && outcome.status === 'succeeded') return askServer(ctx);
  if (outcome.status !== 'processing' || result.data.payment) return outcome;
  // A card saved on a `customer` session: the server reports it (the session names the KOMOJU customer).
  if (serverReports(ctx)) return askServer(ctx);
  const readBack = await readSession(client, sessionId, method);
  return readBack.status === 'failed' ? outcome : readBack;
}

async function readSession(
  client: KomojuClient,
  sessionId: string,
  method?: PaymentMethod,
): Promise<Outcome> {
  const result = await client.get(sessionPath(sessionId), komojuSessionSchema);
  if (result.kind !== 'ok') return outcomeOfFailedCall(result, mapKomojuError);
  return mapKomojuSession(result.data, {
    trustedOrigins: client.trustedOrigins,
    ...(method ? { method } : {}),
  });
}

async function payCard(ctx: AttemptContext, payment: CardPayment): Promise<Outcome> {
  const refused = sessionRefusal(ctx.session, 'card');
  if (refused) return refused;
  const { session } = ctx;
  // A saved card, in one click: the merchant's server pays it (or answers its 3-D Secure step).
  if ('saved' in payment) {
    const outcome = await askEndpoint(ctx, () =>
      ctx.endpoint.complete({ sessionId: session.sessionId, token: payment.saved, method: 'card', returnUrl: ctx.pageUrl }, ctx.signal),
    );
    return checkedRedirect(outcome, session.apiBase);
  }
  // KOMOJU takes the card in our own inputs; a session never asks for a card surface.
  if (!('card' in payment)) return failed('configuration', 'configuration_error', false);
  const { card } = payment;
  const client = clientFor(ctx);
  if (isFailedOutcome(client)) return client;
  // Setup mode, a `customer` session: paid with the card itself, as KOMOJU's fields do (no secure token).
  if (session.mode === 'setup') return pay(ctx, client, session.sessionId, cardPaymentDetails(card), 'card');
  const returnUrl = returnUrlFor(ctx.pageUrl, session.sessionId);
  if (!returnUrl) return failed('internal', 'internal_error', false);

  const token = await client.post(
    '/secure_tokens',
    {
      amount: session.amount,
      currency: session.currency,
      return_url: returnUrl,
      payment_details: cardPaymentDetails(card),
    },
    komojuSecureTokenSchema,
  );
  const unsupportedBrand =
    token.kind === 'error' && typeof token.error !== 'string' && token.error.code === 'unsupported_card_brand';
  const misconfigured = token.kind === 'ok' && token.data.verification_status === 'ERRORED';
  if (unsupportedBrand || misconfigured) {
    // KOMOJU's fields do the same: no 3-D Secure for this card or this account, pay with the card itself.
    return pay(ctx, client, session.sessionId, cardPaymentDetails(card), 'card');
  }
  if (token.kind !== 'ok') return outcomeOfFailedCall(token, mapKomojuError);
  return afterSecureToken(ctx, client, token.data, session.sessionId, false);
}

/** What a secure token's `verification_status` means, on submit or after the return. */
function afterSecureToken(
  ctx: AttemptContext,
  client: KomojuClient,
  token: KomojuSecureToken,
  sessionId: string,
  returning: boolean,
): Promise<Outcome> | Outcome {
  switch (token.verification_status) {
    case 'OK':
    case 'SKIPPED':
      return pay(ctx, client, sessionId, token.id, 'card');
    case 'NEEDS_VERIFY':
      // Back from the challenge page without finishing it.
      if (returning) return failed('authentication', 'authentication_canceled', true);
      if (!token.authentication_url) return unexpectedResponse('authentication_url');
      return redirectOutcome('card', token.authentication_url, client.trustedOrigins);
    case 'ERRORED':
      return failed('authentication', 'authentication_failed', true, { providerCode: 'ERRORED' });
    default:
      return unexpectedResponse(`verification_status_${token.verification_status}`);
  }
}

async function payKonbini(ctx: AttemptContext, konbini: KonbiniDetails): Promise<Outcome> {
  const refused = sessionRefusal(ctx.session, 'konbini', konbini.store);
  if (refused) return refused;
  const client = clientFor(ctx);
  if (isFailedOutcome(client)) return client;
  const details: Record<string, string> = {
    type: KOMOJU_PAYMENT_TYPES.konbini,
    store: komojuStoreSlug(konbini.store),
    email: konbini.email,
    name: konbini.name,
  };
  if (konbini.phone) details['phone'] = konbini.phone;
  return pay(ctx, client, ctx.session.sessionId, details, 'konbini');
}

/** A session that names a KOMOJU customer (setup mode, pay and save): the page never reads it. */
function serverReports(ctx: AttemptContext): boolean {
  return ctx.session.mode === 'setup' || ctx.session.savesCard === true;
}

/** The merchant's server finishes it: `status`, with the reference of a saved card's 3-D Secure step. */
function askServer(ctx: AttemptContext & { readonly reference?: string | undefined }): Promise<Outcome> {
  return askEndpoint(ctx, () => ctx.endpoint.status({ sessionId: ctx.session.sessionId, reference: ctx.reference }, ctx.signal));
}

async function resume(ctx: ResumeContext, params: URLSearchParams): Promise<Outcome> {
  // Only a saved card's step records a reference; a card being saved is the server's to report.
  if (ctx.reference || ctx.session.mode === 'setup') return askServer(ctx);
  const client = clientFor(ctx);
  if (isFailedOutcome(client)) return client;
  const tokenId = params.get('secure_token_id');
  const sessionId = params.get('session_id') || ctx.session.sessionId;

  if (tokenId) {
    const token = await client.get(
      `/secure_tokens/${encodeURIComponent(tokenId)}`,
      komojuSecureTokenSchema,
    );
    if (token.kind !== 'ok') return outcomeOfFailedCall(token, mapKomojuError);
    const outcome = await afterSecureToken(ctx, client, token.data, sessionId, true);
    const paid = token.data.verification_status === 'OK' || token.data.verification_status === 'SKIPPED';
    if (!paid || outcome.status !== 'failed' || ctx.signal.aborted) return outcome;
    // The pay call was refused, but this token may already have paid the session (the same return
    // opened twice): the session knows.
    const session = serverReports(ctx) ? await askServer(ctx) : await readSession(client, sessionId, 'card');
    return session.status === 'succeeded' ? session : outcome;
  }
  if (params.get('session_id')) return serverReports(ctx) ? askServer(ctx) : readSession(client, sessionId);
  return failed('internal', 'internal_error', false);
}

export const komojuAdapter: ProviderAdapter = {
  pay: { card: payCard, konbini: payKonbini },
  resume,
};
