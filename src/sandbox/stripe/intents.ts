import { withQueryParam } from '../shared/http.ts';
import { konbiniDeadline } from '../shared/jst.ts';
import { randomString } from '../shared/ids.ts';
import type { Caller, StripeContext } from './context.ts';
import { unixSeconds } from './context.ts';
import { docUrl, invalidParam, invalidRequest, missingParam, StripeApiError, type StripeErrorObject } from './errors.ts';
import { objectParam, stringParam } from './form.ts';
import { attachPaymentMethod, clientSecretFor, createPaymentMethod, customerById, digits, metadataParam, paymentMethodById, stripeId } from './payment-methods.ts';
import { serializePaymentIntent, serializePaymentMethod, serializeSetupIntent } from './serialize.ts';
import type { ChallengeRecord, KonbiniVoucher, PaymentIntentRecord, PaymentMethodRecord, SetupIntentRecord } from './state.ts';
import type { StripeDecline } from './test-cards.ts';

/**
 * PaymentIntents and SetupIntents: their states and what confirming one does with a card or konbini
 * (docs/providers.md, "Stripe"; stripe-node `PaymentIntents.ts` / `SetupIntents.ts` for the fields,
 * docs.stripe.com/payments/paymentintents/lifecycle for the statuses, docs.stripe.com/testing for the
 * cards, docs.stripe.com/payments/konbini/accept-a-payment for konbini).
 */

/** The smallest amount Stripe charges, per zero-decimal currency we expect (docs.stripe.com/currencies#minimum-and-maximum-charge-amounts). */
const MINIMUM_AMOUNTS: Readonly<Record<string, number>> = { jpy: 50, usd: 50, eur: 50 };
/** Konbini's limits in yen (docs.stripe.com/payments/konbini: ¥120 to ¥300,000). */
const KONBINI_MIN = 120;
const KONBINI_MAX = 300_000;

export const SUPPORTED_TYPES = ['card', 'konbini'] as const;

export const AUTHENTICATION_FAILURE_MESSAGE =
  'We are unable to authenticate your payment method. Please choose a different payment method and try again.';

// ---------------------------------------------------------------------------------------------------
// Shared checks

export function amountParam(params: Record<string, unknown>, currency: string, required: boolean): number | undefined {
  const raw = params['amount'];
  if (raw === undefined) {
    if (required) throw missingParam('amount');
    return undefined;
  }
  const amount = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(amount)) throw invalidParam('amount', 'Invalid integer: ' + String(raw), 'parameter_invalid_integer');
  const minimum = MINIMUM_AMOUNTS[currency] ?? 1;
  if (amount < minimum) {
    throw invalidRequest(`Amount must be at least ${currency === 'jpy' ? '¥' : ''}${minimum} ${currency}`, { code: 'amount_too_small', param: 'amount' });
  }
  if (amount > 99_999_999) throw invalidRequest('Amount must be no more than 99,999,999', { code: 'amount_too_large', param: 'amount' });
  return amount;
}

export function currencyParam(params: Record<string, unknown>, required: boolean): string | undefined {
  const currency = stringParam(params, 'currency');
  if (!currency) {
    if (required) throw missingParam('currency');
    return undefined;
  }
  if (!/^[a-zA-Z]{3}$/.test(currency)) throw invalidParam('currency', `Invalid currency: ${currency}. Stripe currently supports these currencies: …`);
  return currency.toLowerCase();
}

/**
 * The payment method types: `payment_method_types` (API versions before 2026-09-30) or
 * `allowed_payment_method_types` (stripe-node 23, API 2026-09-30 and later, which removed
 * `payment_method_types` from the create, update and confirm parameters; CHANGELOG 23.0.0).
 */
export function paymentMethodTypesParam(params: Record<string, unknown>): string[] | undefined {
  const name = params['allowed_payment_method_types'] !== undefined ? 'allowed_payment_method_types' : 'payment_method_types';
  const raw = params[name];
  if (raw === undefined) return undefined;
  const types = Array.isArray(raw) ? raw : [raw];
  if (types.length === 0 || !types.every((t): t is string => typeof t === 'string')) throw invalidParam(name, 'Invalid array');
  for (const type of types) {
    if (!(SUPPORTED_TYPES as readonly string[]).includes(type)) {
      throw invalidRequest(`The payment method type "${type}" is invalid. Please ensure the provided type is activated in your dashboard (https://dashboard.stripe.com/account/payments/settings) and your account is enabled for any preview features that you are trying to use. (The sandbox emulates card and konbini.)`, { param: name, code: 'payment_method_invalid_parameter' });
    }
  }
  return [...new Set(types)];
}

function automaticPaymentMethodsParam(params: Record<string, unknown>, explicitTypes: boolean): { enabled: boolean; allow_redirects?: string } | null {
  const given = objectParam(params, 'automatic_payment_methods');
  if (given) {
    const enabled = given['enabled'] === 'true';
    const allow = typeof given['allow_redirects'] === 'string' ? given['allow_redirects'] : 'always';
    return enabled ? { allow_redirects: allow, enabled } : { enabled: false };
  }
  // Since API version 2023-08-16 Stripe turns automatic payment methods on when no types are given.
  return explicitTypes ? null : { allow_redirects: 'always', enabled: true };
}

function setupFutureUsageParam(params: Record<string, unknown>, current: 'on_session' | 'off_session' | null): 'on_session' | 'off_session' | null {
  const value = stringParam(params, 'setup_future_usage');
  if (value === undefined) return current;
  if (value === null) return null;
  if (value !== 'on_session' && value !== 'off_session') throw invalidParam('setup_future_usage', 'Invalid setup_future_usage: must be one of on_session or off_session');
  return value;
}

function returnUrlParam(params: Record<string, unknown>): string | null {
  const value = stringParam(params, 'return_url');
  if (!value) return null;
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('scheme');
  } catch {
    throw invalidParam('return_url', 'Not a valid URL', 'url_invalid');
  }
  return value;
}

/** Checks `client_secret` for a publishable-key call on an intent: Stripe's rule for Stripe.js. */
export function checkClientSecret(caller: Caller, params: Record<string, unknown>, intent: { clientSecret: string; id: string }, kind: 'PaymentIntent' | 'SetupIntent'): void {
  if (caller.kind === 'secret') {
    const given = stringParam(params, 'client_secret');
    if (given && given !== intent.clientSecret) throw invalidRequest(`The client_secret provided does not match any associated ${kind} on this account.`, { param: 'client_secret' });
    return;
  }
  const given = stringParam(params, 'client_secret');
  if (!given) throw missingParam('client_secret');
  if (given !== intent.clientSecret) {
    throw invalidRequest(`The client_secret provided does not match any associated ${kind} on this account. Ensure the publishable key used belongs to the same account that created the ${kind}.`, { param: 'client_secret' });
  }
}

function newChallenge(ctx: StripeContext, kind: ChallengeRecord['intent']['kind'], id: string, returnUrl: string | null): ChallengeRecord {
  const challenge: ChallengeRecord = { id: `payatt_${randomString(24, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789')}`, intent: { kind, id }, returnUrl, answer: null };
  ctx.state.challenges.set(challenge.id, challenge);
  return challenge;
}

/**
 * The next action of a card that needs 3-D Secure: `redirect_to_url` when the confirm had a
 * `return_url`, else `use_stripe_sdk` (opaque to integrations; Stripe's own carries `type:
 * 'three_d_secure_redirect'`, `stripe_js` (the page Stripe.js frames) and `source`; so does ours).
 */
function threeDSecureAction(ctx: StripeContext, challenge: ChallengeRecord): Record<string, unknown> {
  const url = ctx.urls.challenge(challenge.id);
  if (challenge.returnUrl) return { type: 'redirect_to_url', redirect_to_url: { return_url: challenge.returnUrl, url } };
  return { type: 'use_stripe_sdk', use_stripe_sdk: { source: challenge.id, stripe_js: url, type: 'three_d_secure_redirect' } };
}

function cardError(decline: StripeDecline, pm: PaymentMethodRecord, charge: string | null): StripeErrorObject {
  return {
    type: 'card_error',
    code: decline.code,
    ...(decline.declineCode ? { decline_code: decline.declineCode } : {}),
    doc_url: docUrl(decline.code),
    message: decline.message,
    ...(charge ? { charge } : {}),
    payment_method: serializePaymentMethod(pm),
  };
}

const AUTHENTICATION_REQUIRED: StripeDecline = {
  code: 'authentication_required',
  declineCode: 'authentication_required',
  message: 'Your card was declined. This transaction requires authentication.',
};

/** Whether a card asks for 3-D Secure on this attempt, given whether it is made off-session. */
function needsAuthentication(pm: PaymentMethodRecord, offSession: boolean): boolean {
  const rule = pm.card?.behaviour.threeDSecure ?? 'never';
  if (rule === 'always') return true;
  if (rule === 'unless_set_up') return !(offSession && pm.setUp);
  return false;
}

// ---------------------------------------------------------------------------------------------------
// PaymentIntents

export function createPaymentIntent(ctx: StripeContext, params: Record<string, unknown>): PaymentIntentRecord {
  const currency = currencyParam(params, true) as string;
  const amount = amountParam(params, currency, true) as number;
  const types = paymentMethodTypesParam(params);
  const customer = stringParam(params, 'customer');
  if (customer) customerById(ctx, customer, 'customer');
  const captureMethod = stringParam(params, 'capture_method') ?? 'automatic';
  if (captureMethod !== 'automatic' && captureMethod !== 'automatic_async' && captureMethod !== 'manual') {
    throw invalidParam('capture_method', 'Invalid capture_method: must be one of automatic, automatic_async or manual');
  }
  const id = stripeId('pi');
  const pi: PaymentIntentRecord = {
    id,
    clientSecret: clientSecretFor(id),
    created: unixSeconds(ctx.now),
    amount,
    currency,
    status: 'requires_payment_method',
    customer: customer ?? null,
    description: stringParam(params, 'description') ?? null,
    metadata: metadataParam({}, params['metadata']),
    paymentMethod: null,
    paymentMethodTypes: types ?? ['card'],
    allowedPaymentMethodTypes: params['allowed_payment_method_types'] !== undefined ? (types ?? null) : null,
    automaticPaymentMethods: automaticPaymentMethodsParam(params, types !== undefined),
    setupFutureUsage: setupFutureUsageParam(params, null),
    captureMethod,
    confirmationMethod: stringParam(params, 'confirmation_method') === 'manual' ? 'manual' : 'automatic',
    receiptEmail: stringParam(params, 'receipt_email') ?? null,
    paymentMethodOptions: {},
    lastPaymentError: null,
    latestCharge: null,
    nextAction: null,
    canceledAt: null,
    cancellationReason: null,
    amountReceived: 0,
    amountCapturable: 0,
    offSession: false,
    challenge: null,
    voucher: null,
  };
  applyPaymentMethodOptions(pi, params);
  const pmId = stringParam(params, 'payment_method');
  if (pmId) {
    pi.paymentMethod = paymentMethodById(ctx, pmId).id;
    pi.status = 'requires_confirmation';
  }
  ctx.state.paymentIntents.set(pi.id, pi);
  ctx.emit('payment_intent.created', serializePaymentIntent(pi));
  return pi;
}

function applyPaymentMethodOptions(pi: PaymentIntentRecord, params: Record<string, unknown>): void {
  const options = objectParam(params, 'payment_method_options');
  if (!options) return;
  for (const [type, value] of Object.entries(options)) {
    if (typeof value !== 'object' || value === null) continue;
    const current = { ...pi.paymentMethodOptions[type] };
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) current[key] = v === '' ? null : v;
    if (type === 'konbini') checkKonbiniOptions(current);
    pi.paymentMethodOptions[type] = normalizeOptions(type, current);
  }
}

function normalizeOptions(type: string, options: Record<string, unknown>): Record<string, unknown> {
  if (type !== 'konbini') return options;
  const out = { ...options };
  for (const key of ['expires_after_days', 'expires_at'] as const) if (typeof out[key] === 'string') out[key] = Number(out[key]);
  return out;
}

/** `payment_method_options[konbini]`: `confirmation_number` 10–11 digits (not all zeros), `expires_after_days` 1–60, or `expires_at`. */
function checkKonbiniOptions(options: Record<string, unknown>): void {
  const param = (name: string) => `payment_method_options[konbini][${name}]`;
  const number = options['confirmation_number'];
  if (number !== undefined && number !== null && (typeof number !== 'string' || !/^\d{10,11}$/.test(number) || /^0+$/.test(number))) {
    throw invalidParam(param('confirmation_number'), 'The confirmation number must be a 10 to 11 digit numeric string and cannot be all zeroes.');
  }
  const days = options['expires_after_days'];
  if (days !== undefined && days !== null && (!/^\d+$/.test(String(days)) || Number(days) < 1 || Number(days) > 60)) {
    throw invalidParam(param('expires_after_days'), 'expires_after_days must be between 1 and 60.', 'parameter_invalid_integer');
  }
  const at = options['expires_at'];
  if (at !== undefined && at !== null && !/^\d+$/.test(String(at))) throw invalidParam(param('expires_at'), 'Invalid timestamp', 'parameter_invalid_integer');
  if (days !== undefined && days !== null && at !== undefined && at !== null) {
    throw invalidRequest('Only one of expires_after_days or expires_at may be set.', { param: param('expires_at') });
  }
}

export function updatePaymentIntent(ctx: StripeContext, pi: PaymentIntentRecord, params: Record<string, unknown>): void {
  if (!['requires_payment_method', 'requires_confirmation', 'requires_action'].includes(pi.status)) {
    throw unexpectedState('PaymentIntent', pi, 'update', serializePaymentIntent(pi), 'payment_intent');
  }
  const currency = currencyParam(params, false) ?? pi.currency;
  const amount = amountParam(params, currency, false);
  pi.currency = currency;
  if (amount !== undefined) pi.amount = amount;
  const types = paymentMethodTypesParam(params);
  if (types) pi.paymentMethodTypes = types;
  if (types && params['allowed_payment_method_types'] !== undefined) pi.allowedPaymentMethodTypes = types;
  const customer = stringParam(params, 'customer');
  if (customer) pi.customer = customerById(ctx, customer, 'customer').id;
  const description = stringParam(params, 'description');
  if (description !== undefined) pi.description = description;
  const email = stringParam(params, 'receipt_email');
  if (email !== undefined) pi.receiptEmail = email;
  pi.metadata = metadataParam(pi.metadata, params['metadata']);
  pi.setupFutureUsage = setupFutureUsageParam(params, pi.setupFutureUsage);
  applyPaymentMethodOptions(pi, params);
  const pmId = stringParam(params, 'payment_method');
  if (pmId) {
    pi.paymentMethod = paymentMethodById(ctx, pmId).id;
    if (pi.status === 'requires_payment_method') pi.status = 'requires_confirmation';
  }
}

function unexpectedState(kind: string, intent: { id: string; status: string }, verb: string, object: unknown, field: 'payment_intent' | 'setup_intent'): StripeApiError {
  const code = field === 'payment_intent' ? 'payment_intent_unexpected_state' : 'setup_intent_unexpected_state';
  return new StripeApiError(400, {
    type: 'invalid_request_error',
    code,
    doc_url: docUrl(code),
    message: `You cannot ${verb} this ${kind} because it has a status of ${intent.status}.`,
    [field]: object,
  });
}

/** The PaymentMethod a confirm uses: `payment_method` (an id, or a test id), `payment_method_data`, or the one already set. */
function confirmPaymentMethod(ctx: StripeContext, params: Record<string, unknown>, caller: Caller, current: string | null): PaymentMethodRecord | null {
  const data = objectParam(params, 'payment_method_data');
  const id = stringParam(params, 'payment_method');
  if (data && id) throw invalidRequest('You cannot specify both `payment_method` and `payment_method_data`.', { param: 'payment_method_data' });
  if (data) return createPaymentMethod(ctx, data, caller, 'payment_method_data');
  if (id) return paymentMethodById(ctx, id);
  return current ? (ctx.state.paymentMethods.get(current) ?? null) : null;
}

/**
 * `POST /v1/payment_intents/{id}/confirm` (and `confirm=true` at creation). Throws Stripe's error for
 * a refused confirm; a decline is a 402 `card_error` with the PaymentIntent in the error, as Stripe
 * answers it.
 */
export function confirmPaymentIntent(ctx: StripeContext, pi: PaymentIntentRecord, params: Record<string, unknown>, caller: Caller): void {
  if (!['requires_payment_method', 'requires_confirmation', 'requires_action'].includes(pi.status)) {
    throw unexpectedState('PaymentIntent', pi, 'confirm', serializePaymentIntent(pi), 'payment_intent');
  }
  const pm = confirmPaymentMethod(ctx, params, caller, pi.paymentMethod);
  if (!pm) {
    throw new StripeApiError(400, {
      type: 'invalid_request_error',
      code: 'payment_intent_unexpected_state',
      doc_url: docUrl('payment_intent_unexpected_state'),
      message: 'You cannot confirm this PaymentIntent because it’s missing a payment method. To confirm the PaymentIntent, specify a payment method with `payment_method` or `payment_method_data`.',
      payment_intent: serializePaymentIntent(pi),
    });
  }
  if (!pi.paymentMethodTypes.includes(pm.type) && !(pi.automaticPaymentMethods?.enabled && pm.type === 'card')) {
    throw invalidRequest(
      `The PaymentMethod provided (${pm.type}) is not allowed for this PaymentIntent. Please attach a PaymentMethod of one of the following types: ${pi.paymentMethodTypes.join(', ')}. Alternatively, update the allowed payment_method_types for this PaymentIntent to include "${pm.type}".`,
      { param: 'payment_method', code: 'payment_intent_incompatible_payment_method' },
    );
  }
  if (pm.customer && pi.customer !== pm.customer) {
    throw invalidRequest(`The provided PaymentMethod belongs to a different Customer than the one on this PaymentIntent (or the PaymentIntent has none). Provide customer=${pm.customer} to use it.`, { param: 'payment_method' });
  }
  const offSession = params['off_session'];
  pi.offSession = offSession === 'true' || offSession === 'one_off' || offSession === 'recurring';
  pi.setupFutureUsage = setupFutureUsageParam(params, pi.setupFutureUsage);
  const email = stringParam(params, 'receipt_email');
  if (email !== undefined) pi.receiptEmail = email;
  applyPaymentMethodOptions(pi, params);
  const returnUrl = returnUrlParam(params);
  pi.paymentMethod = pm.id;
  pi.lastPaymentError = null;
  pi.nextAction = null;
  pi.challenge = null;
  pi.voucher = null;

  if (pm.type === 'konbini') {
    confirmKonbini(ctx, pi);
    return;
  }
  if (needsAuthentication(pm, pi.offSession)) {
    if (pi.offSession) {
      failPayment(ctx, pi, pm, AUTHENTICATION_REQUIRED);
      throw declineError(pi);
    }
    pi.challenge = newChallenge(ctx, 'payment_intent', pi.id, returnUrl);
    pi.status = 'requires_action';
    pi.nextAction = threeDSecureAction(ctx, pi.challenge);
    ctx.emit('payment_intent.requires_action', serializePaymentIntent(pi));
    return;
  }
  settleCardPayment(ctx, pi, pm);
  if (statusOf(pi) === 'requires_payment_method') throw declineError(pi);
}

/** The 402 of a declined PaymentIntent: its `last_payment_error` with the intent itself. */
function declineError(pi: PaymentIntentRecord): StripeApiError {
  return new StripeApiError(402, { ...(pi.lastPaymentError as StripeErrorObject), payment_intent: serializePaymentIntent(pi) });
}

/** A card payment once authenticated (or with no authentication): declined, or succeeded / authorized. */
function settleCardPayment(ctx: StripeContext, pi: PaymentIntentRecord, pm: PaymentMethodRecord): void {
  const decline = pm.card?.behaviour.decline;
  if (decline) {
    failPayment(ctx, pi, pm, decline);
    return;
  }
  const charge = addCharge(ctx, pi, pm, null, pi.captureMethod !== 'manual');
  pi.latestCharge = charge;
  pi.nextAction = null;
  if (pi.captureMethod === 'manual') {
    pi.status = 'requires_capture';
    pi.amountCapturable = pi.amount;
    ctx.emit('payment_intent.amount_capturable_updated', serializePaymentIntent(pi));
  } else {
    pi.status = 'succeeded';
    pi.amountReceived = pi.amount;
    ctx.emit('payment_intent.succeeded', serializePaymentIntent(pi));
  }
  // `setup_future_usage` with a Customer: the card is attached to the Customer once the payment went
  // through, and (off_session) set up for later payments without the shopper (docs/providers.md
  // "Stripe › Pay and save"). A card that asks for 3-D Secure on every payment never is.
  if (pi.setupFutureUsage && pi.customer) {
    if (pm.customer !== pi.customer) attachPaymentMethod(ctx, pm, pi.customer);
    if (pi.setupFutureUsage === 'off_session' && pm.card?.behaviour.threeDSecure !== 'always') pm.setUp = true;
  }
}

function failPayment(ctx: StripeContext, pi: PaymentIntentRecord, pm: PaymentMethodRecord, decline: StripeDecline): void {
  const chargeId = stripeId('ch');
  const error = cardError(decline, pm, chargeId);
  addCharge(ctx, pi, pm, error, false, chargeId);
  pi.latestCharge = chargeId;
  pi.lastPaymentError = error;
  pi.status = 'requires_payment_method';
  pi.nextAction = null;
  ctx.emit('payment_intent.payment_failed', serializePaymentIntent(pi));
}

function addCharge(ctx: StripeContext, pi: PaymentIntentRecord, pm: PaymentMethodRecord, failure: StripeErrorObject | null, captured: boolean, id = stripeId('ch')): string {
  const details =
    pm.type === 'card' && pm.card
      ? {
          type: 'card',
          card: {
            brand: pm.card.brand,
            checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: 'pass' },
            country: pm.card.country,
            exp_month: pm.card.exp_month,
            exp_year: pm.card.exp_year,
            fingerprint: pm.card.fingerprint,
            funding: pm.card.funding,
            last4: pm.card.last4,
            network: pm.card.brand,
            three_d_secure: pi.challenge ? { authentication_flow: 'challenge', result: 'authenticated', version: '2.2.0' } : null,
          },
        }
      : { type: 'konbini', konbini: { store: null } };
  ctx.state.charges.set(id, {
    id,
    created: unixSeconds(ctx.now),
    amount: pi.amount,
    currency: pi.currency,
    paymentIntent: pi.id,
    paymentMethod: pm.id,
    customer: pi.customer,
    status: failure ? 'failed' : 'succeeded',
    captured,
    failure,
    details,
  });
  return id;
}

export function capturePaymentIntent(ctx: StripeContext, pi: PaymentIntentRecord, params: Record<string, unknown>): void {
  if (pi.status !== 'requires_capture') throw unexpectedState('PaymentIntent', pi, 'capture', serializePaymentIntent(pi), 'payment_intent');
  const raw = params['amount_to_capture'];
  const amount = raw === undefined ? pi.amountCapturable : Number(raw);
  if (!Number.isSafeInteger(amount) || amount < 1 || amount > pi.amountCapturable) {
    throw invalidParam('amount_to_capture', 'Amount to capture must be at most the amount capturable.', 'amount_too_large');
  }
  const charge = pi.latestCharge ? ctx.state.charges.get(pi.latestCharge) : undefined;
  if (charge) charge.captured = true;
  pi.amountReceived = amount;
  pi.amountCapturable = 0;
  pi.status = 'succeeded';
  ctx.emit('payment_intent.succeeded', serializePaymentIntent(pi));
}

export function cancelPaymentIntent(ctx: StripeContext, pi: PaymentIntentRecord, params: Record<string, unknown>): void {
  if (!['requires_payment_method', 'requires_capture', 'requires_confirmation', 'requires_action'].includes(pi.status)) {
    throw unexpectedState('PaymentIntent', pi, 'cancel', serializePaymentIntent(pi), 'payment_intent');
  }
  const reason = stringParam(params, 'cancellation_reason') ?? null;
  if (reason !== null && !['duplicate', 'fraudulent', 'requested_by_customer', 'abandoned'].includes(reason)) {
    throw invalidParam('cancellation_reason', 'Invalid cancellation_reason: must be one of duplicate, fraudulent, requested_by_customer or abandoned');
  }
  pi.status = 'canceled';
  pi.canceledAt = unixSeconds(ctx.now);
  pi.cancellationReason = reason;
  pi.nextAction = null;
  pi.amountCapturable = 0;
  if (pi.voucher) pi.voucher.outcome = 'expired';
  ctx.emit('payment_intent.canceled', serializePaymentIntent(pi));
}

// ---------------------------------------------------------------------------------------------------
// Konbini

const STORES = ['familymart', 'lawson', 'ministop', 'seicomart'] as const;

function confirmKonbini(ctx: StripeContext, pi: PaymentIntentRecord): void {
  if (pi.currency !== 'jpy') throw invalidRequest('Konbini payments must be in jpy.', { param: 'currency', code: 'payment_intent_invalid_parameter' });
  if (pi.amount < KONBINI_MIN || pi.amount > KONBINI_MAX) {
    throw invalidRequest(`Konbini payments must be between ¥${KONBINI_MIN} and ¥${KONBINI_MAX.toLocaleString('en-US')}.`, { param: 'amount', code: 'payment_intent_invalid_parameter' });
  }
  if (pi.setupFutureUsage) throw invalidRequest('setup_future_usage is not supported for konbini.', { param: 'setup_future_usage', code: 'payment_intent_invalid_parameter' });
  const options = pi.paymentMethodOptions['konbini'] ?? {};
  const at = typeof options['expires_at'] === 'number' ? options['expires_at'] : null;
  const days = typeof options['expires_after_days'] === 'number' ? options['expires_after_days'] : ctx.options.konbiniExpiresAfterDays;
  const expiresAt = at ?? Math.floor(Date.parse(konbiniDeadline(ctx.now, days)) / 1000);
  const confirmation = typeof options['confirmation_number'] === 'string' ? options['confirmation_number'] : digits(11);
  const voucher: KonbiniVoucher = {
    id: `vch_${randomString(24, 'abcdefghijklmnopqrstuvwxyz0123456789')}`,
    expiresAt,
    stores: {
      familymart: { confirmation_number: confirmation, payment_code: digits(6) },
      lawson: { confirmation_number: confirmation, payment_code: digits(6) },
      ministop: { confirmation_number: confirmation, payment_code: digits(6) },
      seicomart: { confirmation_number: confirmation, payment_code: digits(6) },
    },
    outcome: null,
  };
  ctx.state.vouchers.set(voucher.id, { voucher, paymentIntent: pi.id });
  pi.voucher = voucher;
  pi.status = 'requires_action';
  pi.nextAction = {
    type: 'konbini_display_details',
    konbini_display_details: {
      expires_at: expiresAt,
      hosted_voucher_url: ctx.urls.voucher(voucher.id),
      stores: Object.fromEntries(STORES.map((store) => [store, { ...voucher.stores[store] }])),
    },
  };
  ctx.emit('payment_intent.requires_action', serializePaymentIntent(pi));
}

/** A konbini payment paid at the register (the voucher page's sandbox button). */
export function konbiniPaid(ctx: StripeContext, pi: PaymentIntentRecord, store: (typeof STORES)[number] | null): void {
  if (pi.status !== 'requires_action' || !pi.voucher || pi.voucher.outcome) return;
  const pm = pi.paymentMethod ? ctx.state.paymentMethods.get(pi.paymentMethod) : undefined;
  if (!pm) return;
  pi.voucher.outcome = 'paid';
  const id = addCharge(ctx, pi, pm, null, true);
  const charge = ctx.state.charges.get(id);
  if (charge) (charge.details as { konbini: { store: unknown } }).konbini.store = store ? { chain: store } : null;
  pi.latestCharge = id;
  pi.status = 'succeeded';
  pi.amountReceived = pi.amount;
  pi.nextAction = null;
  ctx.emit('payment_intent.succeeded', serializePaymentIntent(pi));
}

/**
 * A konbini payment not paid in time: back to `requires_payment_method` with
 * `payment_intent.payment_failed` (docs/providers.md, "Stripe": the voucher expires, then the
 * PaymentIntent returns to `requires_payment_method`; `last_payment_error` stays null: UNCONFIRMED).
 */
export function konbiniExpired(ctx: StripeContext, pi: PaymentIntentRecord): void {
  if (pi.status !== 'requires_action' || !pi.voucher || pi.voucher.outcome) return;
  pi.voucher.outcome = 'expired';
  pi.status = 'requires_payment_method';
  pi.nextAction = null;
  ctx.emit('payment_intent.payment_failed', serializePaymentIntent(pi));
}

/** Applies the clock: a konbini voucher past its `expires_at` expires. */
export function refreshPaymentIntent(ctx: StripeContext, pi: PaymentIntentRecord): void {
  if (pi.voucher && !pi.voucher.outcome && pi.status === 'requires_action' && unixSeconds(ctx.now) > pi.voucher.expiresAt) konbiniExpired(ctx, pi);
}

// ---------------------------------------------------------------------------------------------------
// SetupIntents

export function createSetupIntent(ctx: StripeContext, params: Record<string, unknown>): SetupIntentRecord {
  const types = paymentMethodTypesParam(params);
  if (types?.includes('konbini')) {
    throw invalidRequest('The payment method type "konbini" cannot be used with SetupIntents.', { param: 'payment_method_types', code: 'setup_intent_invalid_parameter' });
  }
  const customer = stringParam(params, 'customer');
  if (customer) customerById(ctx, customer, 'customer');
  const usage = stringParam(params, 'usage') ?? 'off_session';
  if (usage !== 'off_session' && usage !== 'on_session') throw invalidParam('usage', 'Invalid usage: must be one of off_session or on_session');
  const id = stripeId('seti');
  const si: SetupIntentRecord = {
    id,
    clientSecret: clientSecretFor(id),
    created: unixSeconds(ctx.now),
    status: 'requires_payment_method',
    customer: customer ?? null,
    description: stringParam(params, 'description') ?? null,
    metadata: metadataParam({}, params['metadata']),
    paymentMethod: null,
    paymentMethodTypes: types ?? ['card'],
    allowedPaymentMethodTypes: params['allowed_payment_method_types'] !== undefined ? (types ?? null) : null,
    automaticPaymentMethods: automaticPaymentMethodsParam(params, types !== undefined),
    usage,
    lastSetupError: null,
    nextAction: null,
    cancellationReason: null,
    challenge: null,
  };
  const pmId = stringParam(params, 'payment_method');
  if (pmId) {
    si.paymentMethod = paymentMethodById(ctx, pmId).id;
    si.status = 'requires_confirmation';
  }
  ctx.state.setupIntents.set(si.id, si);
  ctx.emit('setup_intent.created', serializeSetupIntent(si));
  return si;
}

export function updateSetupIntent(ctx: StripeContext, si: SetupIntentRecord, params: Record<string, unknown>): void {
  if (!['requires_payment_method', 'requires_confirmation', 'requires_action'].includes(si.status)) {
    throw unexpectedState('SetupIntent', si, 'update', serializeSetupIntent(si), 'setup_intent');
  }
  const customer = stringParam(params, 'customer');
  if (customer) si.customer = customerById(ctx, customer, 'customer').id;
  const description = stringParam(params, 'description');
  if (description !== undefined) si.description = description;
  si.metadata = metadataParam(si.metadata, params['metadata']);
  const pmId = stringParam(params, 'payment_method');
  if (pmId) {
    si.paymentMethod = paymentMethodById(ctx, pmId).id;
    if (si.status === 'requires_payment_method') si.status = 'requires_confirmation';
  }
}

export function confirmSetupIntent(ctx: StripeContext, si: SetupIntentRecord, params: Record<string, unknown>, caller: Caller): void {
  if (!['requires_payment_method', 'requires_confirmation', 'requires_action'].includes(si.status)) {
    throw unexpectedState('SetupIntent', si, 'confirm', serializeSetupIntent(si), 'setup_intent');
  }
  const pm = confirmPaymentMethod(ctx, params, caller, si.paymentMethod);
  if (!pm) {
    throw new StripeApiError(400, {
      type: 'invalid_request_error',
      code: 'setup_intent_unexpected_state',
      doc_url: docUrl('setup_intent_unexpected_state'),
      message: 'You cannot confirm this SetupIntent because it’s missing a payment method. Specify a payment method with `payment_method` or `payment_method_data`.',
      setup_intent: serializeSetupIntent(si),
    });
  }
  if (pm.type !== 'card') throw invalidRequest(`The PaymentMethod provided (${pm.type}) cannot be used with a SetupIntent.`, { param: 'payment_method', code: 'setup_intent_invalid_parameter' });
  if (pm.customer && si.customer !== pm.customer) {
    throw invalidRequest('The provided PaymentMethod belongs to a different Customer than the one on this SetupIntent.', { param: 'payment_method' });
  }
  const returnUrl = returnUrlParam(params);
  si.paymentMethod = pm.id;
  si.lastSetupError = null;
  si.nextAction = null;
  si.challenge = null;
  if (pm.card?.behaviour.threeDSecure !== 'never') {
    si.challenge = newChallenge(ctx, 'setup_intent', si.id, returnUrl);
    si.status = 'requires_action';
    si.nextAction = threeDSecureAction(ctx, si.challenge);
    ctx.emit('setup_intent.requires_action', serializeSetupIntent(si));
    return;
  }
  settleSetup(ctx, si, pm);
  if (statusOf(si) === 'requires_payment_method') {
    throw new StripeApiError(402, { ...(si.lastSetupError as unknown as StripeErrorObject), setup_intent: serializeSetupIntent(si) });
  }
}

function settleSetup(ctx: StripeContext, si: SetupIntentRecord, pm: PaymentMethodRecord): void {
  const decline = pm.card?.behaviour.declinesSetup ? pm.card.behaviour.decline : undefined;
  if (decline) {
    si.lastSetupError = cardError(decline, pm, null);
    si.status = 'requires_payment_method';
    si.paymentMethod = null;
    ctx.emit('setup_intent.setup_failed', serializeSetupIntent(si));
    return;
  }
  if (si.customer) attachPaymentMethod(ctx, pm, si.customer);
  pm.setUp = si.usage === 'off_session' && pm.card?.behaviour.threeDSecure !== 'always';
  si.status = 'succeeded';
  si.nextAction = null;
  ctx.emit('setup_intent.succeeded', serializeSetupIntent(si));
}

export function cancelSetupIntent(ctx: StripeContext, si: SetupIntentRecord, params: Record<string, unknown>): void {
  if (!['requires_payment_method', 'requires_confirmation', 'requires_action'].includes(si.status)) {
    throw unexpectedState('SetupIntent', si, 'cancel', serializeSetupIntent(si), 'setup_intent');
  }
  const reason = stringParam(params, 'cancellation_reason') ?? null;
  if (reason !== null && !['abandoned', 'duplicate', 'requested_by_customer'].includes(reason)) {
    throw invalidParam('cancellation_reason', 'Invalid cancellation_reason: must be one of abandoned, duplicate or requested_by_customer');
  }
  si.status = 'canceled';
  si.cancellationReason = reason;
  si.nextAction = null;
  ctx.emit('setup_intent.canceled', serializeSetupIntent(si));
}

// ---------------------------------------------------------------------------------------------------
// The challenge's answer

/** Where the challenge page sends the shopper, or null (no `return_url`: a modal of Stripe.js). */
export function answerChallenge(ctx: StripeContext, challenge: ChallengeRecord, result: 'complete' | 'fail'): string | null {
  challenge.answer = result;
  let status: 'succeeded' | 'failed' = 'failed';
  let clientSecret = '';
  if (challenge.intent.kind === 'payment_intent') {
    const pi = ctx.state.paymentIntents.get(challenge.intent.id);
    if (!pi || pi.challenge !== challenge || pi.status !== 'requires_action') return null;
    clientSecret = pi.clientSecret;
    const pm = pi.paymentMethod ? ctx.state.paymentMethods.get(pi.paymentMethod) : undefined;
    if (result === 'complete' && pm) {
      settleCardPayment(ctx, pi, pm);
      const after = statusOf(pi);
      status = after === 'succeeded' || after === 'requires_capture' ? 'succeeded' : 'failed';
    } else {
      pi.status = 'requires_payment_method';
      pi.nextAction = null;
      pi.lastPaymentError = {
        type: 'invalid_request_error',
        code: 'payment_intent_authentication_failure',
        doc_url: docUrl('payment_intent_authentication_failure'),
        message: AUTHENTICATION_FAILURE_MESSAGE,
        ...(pm ? { payment_method: serializePaymentMethod(pm) } : {}),
      };
      ctx.emit('payment_intent.payment_failed', serializePaymentIntent(pi));
    }
    if (!challenge.returnUrl) return null;
    return redirectBack(challenge.returnUrl, { payment_intent: pi.id, payment_intent_client_secret: clientSecret, redirect_status: status });
  }
  const si = ctx.state.setupIntents.get(challenge.intent.id);
  if (!si || si.challenge !== challenge || si.status !== 'requires_action') return null;
  const pm = si.paymentMethod ? ctx.state.paymentMethods.get(si.paymentMethod) : undefined;
  if (result === 'complete' && pm) {
    settleSetup(ctx, si, pm);
    status = statusOf(si) === 'succeeded' ? 'succeeded' : 'failed';
  } else {
    si.status = 'requires_payment_method';
    si.nextAction = null;
    si.lastSetupError = {
      type: 'invalid_request_error',
      code: 'setup_intent_authentication_failure',
      doc_url: docUrl('setup_intent_authentication_failure'),
      message: AUTHENTICATION_FAILURE_MESSAGE,
      ...(pm ? { payment_method: serializePaymentMethod(pm) } : {}),
    };
    si.paymentMethod = null;
    ctx.emit('setup_intent.setup_failed', serializeSetupIntent(si));
  }
  if (!challenge.returnUrl) return null;
  return redirectBack(challenge.returnUrl, { setup_intent: si.id, setup_intent_client_secret: si.clientSecret, redirect_status: status });
}

/** The status as it is now (after calls that changed it, which TypeScript's narrowing does not see). */
function statusOf(intent: { status: string }): string {
  return intent.status;
}

function redirectBack(returnUrl: string, params: Record<string, string>): string {
  let url = returnUrl;
  for (const [name, value] of Object.entries(params)) url = withQueryParam(url, name, value);
  return url;
}
