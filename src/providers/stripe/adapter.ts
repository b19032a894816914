import type { Stripe } from '@stripe/stripe-js';
import type { Outcome } from '../../core/outcome.ts';
import type { KonbiniDetails } from '../../core/payment-input.ts';
import type { AttemptContext, CardPayment, ProviderAdapter, ResumeContext } from '../adapter.ts';
import { usableApiBase } from '../shared/api-base.ts';
import { CANCELED } from '../shared/call-outcome.ts';
import { askEndpoint } from '../shared/endpoint-call.ts';
import { failed, unexpectedResponse } from '../shared/failures.ts';
import { checkedRedirect } from '../shared/redirect-outcome.ts';
import { sessionRefusal } from '../shared/session-checks.ts';
import { STRIPE_CLIENT_SECRET_KEY } from './constants.ts';
import { mapStripeError, mapStripeIntent, type StripeMapOptions } from './map-outcome.ts';
import { stripeErrorSchema, stripeIntentSchema } from './schemas.ts';
import { STRIPE_STORE_KEYS } from './stores.ts';
import { createStripeSurface, stripeSurfaceInternals } from './surface.ts';
import { stripeFor } from './stripe-js.ts';

/**
 * Stripe in the browser (docs/providers.md "Stripe"). The merchant's server creates a PaymentIntent (or,
 * in setup mode, a SetupIntent) and hands the page its `client_secret`; the page confirms it with
 * Stripe.js, the card typed into Stripe's own fields (`surface.ts`).
 *
 * - card: `confirmCardPayment` / `confirmCardSetup`. 3-D Secure follows the checkout's `challenge`:
 *   `redirect` passes `return_url` with `{ handleActions: false }`, and Stripe answers
 *   `next_action.redirect_to_url`, which the flow follows like any provider's redirect (without a
 *   `return_url` Stripe would answer `use_stripe_sdk`, which only Stripe.js can act on); `iframe` lets
 *   Stripe.js run the step in its own modal and resolves when it is over.
 * - a card that went through asks the merchant's endpoint for `status`: the server retrieves the
 *   intent with the secret key and answers with the card's brand and last four (and, in setup mode,
 *   the saved payment method's id). The page never decides success from what the page itself holds.
 * - konbini: `confirmKonbiniPayment` with `{ handleActions: false }`, the name and email from our
 *   konbini form, the phone number as the optional confirmation number; our slip is built from
 *   `next_action.konbini_display_details` for the chain the shopper chose.
 * - resume (back from the bank page): the endpoint's `status` retrieves the intent; Stripe's
 *   `redirect_status` is never trusted.
 */

function mapOptions(ctx: AttemptContext, extra: Partial<StripeMapOptions> = {}): StripeMapOptions {
  const origin = usableApiBase(ctx.session.apiBase)?.origin;
  return { trustedOrigins: origin ? [origin] : [], ...extra };
}

function clientSecretOf(ctx: AttemptContext): string | undefined {
  const secret = ctx.session.extra?.[STRIPE_CLIENT_SECRET_KEY];
  return secret && secret.startsWith(`${ctx.session.sessionId}_secret_`) ? secret : undefined;
}

/** What Stripe.js resolved with (`{ paymentIntent }`, `{ setupIntent }` or `{ error }`) as an outcome. */
function outcomeOfResult(result: unknown, options: StripeMapOptions): Outcome {
  const value = result as { error?: unknown; paymentIntent?: unknown; setupIntent?: unknown } | null;
  if (value?.error !== undefined) {
    const error = stripeErrorSchema.safeParse(value.error);
    return error.success ? mapStripeError(error.data) : unexpectedResponse('stripe_error');
  }
  const intent = stripeIntentSchema.safeParse(value?.paymentIntent ?? value?.setupIntent);
  return intent.success ? mapStripeIntent(intent.data, options) : unexpectedResponse('intent');
}

/** Runs a Stripe.js call; an exception (Stripe.js's `IntegrationError`) is a failure, an abort a cancel. */
async function callStripe(ctx: AttemptContext, call: () => Promise<unknown>, options: StripeMapOptions): Promise<Outcome> {
  let result: unknown;
  try {
    result = await call();
  } catch {
    return ctx.signal.aborted ? CANCELED : failed('internal', 'internal_error', true);
  }
  if (ctx.signal.aborted) return CANCELED;
  return outcomeOfResult(result, options);
}

/**
 * A card that went through (or is processing), as the merchant's server sees it: the retrieved intent
 * with its card. If the endpoint cannot be reached, what Stripe.js said stands (the payment is made; a
 * second confirm would only be refused).
 */
async function confirmedByServer(ctx: AttemptContext, outcome: Outcome): Promise<Outcome> {
  if (outcome.status !== 'succeeded' && outcome.status !== 'processing') return outcome;
  const checked = await askEndpoint(ctx, () =>
    ctx.endpoint.status({ sessionId: ctx.session.sessionId, reference: ctx.session.sessionId }, ctx.signal),
  );
  return checked.status === 'failed' && (checked.error.code === 'network' || checked.error.reason === 'endpoint_error')
    ? outcome
    : checked;
}

async function payCard(ctx: AttemptContext, payment: CardPayment): Promise<Outcome> {
  const refused = sessionRefusal(ctx.session, 'card');
  if (refused) return refused;
  // A saved card, in one click: the merchant's server confirms the intent with it.
  if ('saved' in payment) return paySaved(ctx, payment.saved);
  // Stripe takes card numbers in its own fields only.
  if (!('surface' in payment)) return failed('configuration', 'method_unavailable', false);
  const form = stripeSurfaceInternals(payment.surface);
  const clientSecret = clientSecretOf(ctx);
  if (!form) return failed('configuration', 'card_form_unavailable', true);
  if (!clientSecret) return failed('configuration', 'configuration_error', false, { providerCode: 'client_secret' });
  const frame = ctx.challenge === 'iframe';
  const name = payment.name?.trim();
  const data = {
    payment_method: { card: form.cardNumber, billing_details: name ? { name } : {} },
    ...(frame ? {} : { return_url: ctx.pageUrl }),
  };
  const options = { handleActions: frame };
  const outcome = await callStripe(
    ctx,
    () =>
      ctx.session.mode === 'setup'
        ? form.stripe.confirmCardSetup(clientSecret, data, options)
        : form.stripe.confirmCardPayment(clientSecret, data, options),
    mapOptions(ctx, { method: 'card' }),
  );
  return confirmedByServer(ctx, outcome);
}

/** A saved card of the session's list: `complete` with its id; the server answers the outcome or 3-D Secure. */
async function paySaved(ctx: AttemptContext, id: string): Promise<Outcome> {
  if (!ctx.session.savedCards?.some((card) => card.id === id)) return failed('validation', 'invalid_card', true);
  const outcome = await askEndpoint(ctx, () =>
    ctx.endpoint.complete({ sessionId: ctx.session.sessionId, token: id, method: 'card', returnUrl: ctx.pageUrl }, ctx.signal),
  );
  // Stripe's redirect, checked once more.
  return checkedRedirect(outcome, ctx.session.apiBase);
}

/** Stripe takes the shopper's phone number as the konbini confirmation number: 10 or 11 digits. */
function confirmationNumber(phone: string | undefined): string | undefined {
  const digits = phone?.replace(/\D/g, '') ?? '';
  return /^\d{10,11}$/.test(digits) ? digits : undefined;
}

async function payKonbini(ctx: AttemptContext, konbini: KonbiniDetails): Promise<Outcome> {
  const refused = sessionRefusal(ctx.session, 'konbini', konbini.store);
  if (refused) return refused;
  if (!STRIPE_STORE_KEYS[konbini.store]) return failed('validation', 'store_unavailable', true, { field: 'store' });
  const clientSecret = clientSecretOf(ctx);
  if (!clientSecret) return failed('configuration', 'configuration_error', false, { providerCode: 'client_secret' });
  let stripe: Stripe;
  try {
    stripe = await stripeFor(ctx.session, ctx.locale);
  } catch {
    return ctx.signal.aborted ? CANCELED : failed('network', 'network_unreachable', true);
  }
  if (ctx.signal.aborted) return CANCELED;
  const number = confirmationNumber(konbini.phone);
  return callStripe(
    ctx,
    () =>
      stripe.confirmKonbiniPayment(
        clientSecret,
        {
          payment_method: { billing_details: { name: konbini.name.trim(), email: konbini.email } },
          ...(number ? { payment_method_options: { konbini: { confirmation_number: number } } } : {}),
        },
        { handleActions: false },
      ),
    mapOptions(ctx, { method: 'konbini', store: konbini.store }),
  );
}

async function resume(ctx: ResumeContext, params: URLSearchParams): Promise<Outcome> {
  const id = ctx.session.sessionId;
  // A return naming another intent is not this attempt's.
  const named = params.get('payment_intent') ?? params.get('setup_intent');
  if (named !== null && named !== id) return failed('internal', 'internal_error', false, { providerCode: 'other_intent' });
  return askEndpoint(ctx, () => ctx.endpoint.status({ sessionId: id, reference: ctx.reference ?? id }, ctx.signal));
}

export const stripeAdapter: ProviderAdapter = {
  pay: { card: payCard, konbini: payKonbini },
  createCardSurface: createStripeSurface,
  resume,
};
