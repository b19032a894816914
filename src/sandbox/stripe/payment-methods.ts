import { cardNetworkOf, expiredInJapan, luhnValid, type CardNetwork } from '../shared/card-number.ts';
import { randomString, randomDigits } from '../shared/ids.ts';
import { valueAt } from '../shared/value-at.ts';
import type { Caller, StripeContext } from './context.ts';
import { unixSeconds } from './context.ts';
import { invalidRequest, missingParam, noSuch, StripeApiError } from './errors.ts';
import { objectParam, stringParam } from './form.ts';
import type { BillingDetails, CustomerRecord, Metadata, PaymentMethodRecord } from './state.ts';
import { STRIPE_TEST_PAYMENT_METHODS, testCardFor } from './test-cards.ts';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A Stripe id: `pi_` and 24 letters and digits (`pi_3PcXyz…`). */
export function stripeId(prefix: string): string {
  return `${prefix}_${randomString(24, ALPHANUMERIC)}`;
}

/** `{id}_secret_{random}`, as Stripe's client secrets are. */
export function clientSecretFor(id: string): string {
  return `${id}_secret_${randomString(25, ALPHANUMERIC)}`;
}

/** Stripe's `card.brand` slugs (stripe-node `PaymentMethod.Card.brand`). */
const BRANDS: Readonly<Record<CardNetwork, string>> = {
  visa: 'visa',
  mastercard: 'mastercard',
  american_express: 'amex',
  jcb: 'jcb',
  diners_club: 'diners',
  discover: 'discover',
  unionpay: 'unionpay',
};

/** A 402 `card_error` about the card's data (docs.stripe.com/error-codes). */
function cardDataError(code: string, message: string, param: string): StripeApiError {
  return new StripeApiError(402, { type: 'card_error', code, message, param, doc_url: `https://stripe.com/docs/error-codes/${code.replace(/_/g, '-')}` });
}

/** `metadata[key]=value`: strings only; `''` removes a key (stripe-node sends `null` as `''`). */
export function metadataParam(current: Metadata, given: unknown): Metadata {
  if (given === undefined) return current;
  if (given === '') return {};
  if (typeof given !== 'object' || given === null || Array.isArray(given)) throw invalidRequest('Invalid object', { param: 'metadata', code: 'parameter_invalid_empty' });
  const out = { ...current };
  for (const [key, value] of Object.entries(given as Record<string, unknown>)) {
    if (value === '' || value === null) delete out[key];
    else if (typeof value === 'string') out[key] = value;
    else throw invalidRequest('Invalid string', { param: `metadata[${key}]` });
  }
  return out;
}

function emptyBillingDetails(): BillingDetails {
  return { address: { city: null, country: null, line1: null, line2: null, postal_code: null, state: null }, email: null, name: null, phone: null };
}

function billingDetailsParam(given: unknown): BillingDetails {
  const details = emptyBillingDetails();
  if (typeof given !== 'object' || given === null) return details;
  const str = (path: string[]): string | null => {
    const value = valueAt(given, path);
    return typeof value === 'string' && value !== '' ? value : null;
  };
  details.email = str(['email']);
  details.name = str(['name']);
  details.phone = str(['phone']);
  for (const key of Object.keys(details.address) as (keyof BillingDetails['address'])[]) details.address[key] = str(['address', key]);
  return details;
}

/** A fingerprint: the same number gives the same one (never the number itself). */
function fingerprintOf(number: string): string {
  let hash = 2166136261;
  for (let i = 0; i < number.length; i++) hash = Math.imul(hash ^ number.charCodeAt(i), 16777619) >>> 0;
  const alphabet = ALPHANUMERIC;
  let out = '';
  let value = hash;
  for (let i = 0; i < 16; i++) {
    out += alphabet[(value + i * 7) % alphabet.length];
    value = Math.imul(value ^ (value >>> 13), 2654435761) >>> 0;
  }
  return out;
}

/**
 * A card PaymentMethod from `card[number]`, `card[exp_month]`, `card[exp_year]`, `card[cvc]`, checked
 * as Stripe checks them (402 `card_error`: `incorrect_number`, `invalid_number`, `invalid_expiry_month`,
 * `invalid_expiry_year`, `invalid_cvc`; `prefix` is the parameter path, e.g. `payment_method_data[card]`).
 */
function cardFrom(ctx: StripeContext, card: Record<string, unknown>, prefix: string): PaymentMethodRecord['card'] {
  const number = typeof card['number'] === 'string' ? card['number'].replace(/[\s-]/g, '') : '';
  if (!number) throw missingParam(`${prefix}[number]`);
  if (!/^\d{12,19}$/.test(number)) throw cardDataError('invalid_number', 'Your card number is not a valid credit card number.', `${prefix}[number]`);
  if (!luhnValid(number)) throw cardDataError('incorrect_number', 'Your card number is incorrect.', `${prefix}[number]`);
  const monthText = card['exp_month'];
  const yearText = card['exp_year'];
  if (monthText === undefined) throw missingParam(`${prefix}[exp_month]`);
  if (yearText === undefined) throw missingParam(`${prefix}[exp_year]`);
  const month = Number(monthText);
  let year = Number(yearText);
  if (!Number.isInteger(month) || month < 1 || month > 12) throw cardDataError('invalid_expiry_month', "Your card's expiration month is invalid.", `${prefix}[exp_month]`);
  if (Number.isInteger(year) && year < 100) year += 2000;
  if (!Number.isInteger(year) || year > 9999 || expiredInJapan(month, year, ctx.now)) {
    throw cardDataError('invalid_expiry_year', "Your card's expiration year is invalid.", `${prefix}[exp_year]`);
  }
  const cvc = card['cvc'];
  if (cvc !== undefined && (typeof cvc !== 'string' || !/^\d{3,4}$/.test(cvc))) throw cardDataError('invalid_cvc', "Your card's security code is invalid.", `${prefix}[cvc]`);
  const network = cardNetworkOf(number);
  return {
    brand: network ? BRANDS[network] : 'unknown',
    last4: number.slice(-4),
    exp_month: month,
    exp_year: year,
    funding: 'credit',
    country: 'US',
    fingerprint: fingerprintOf(number),
    behaviour: testCardFor(number, ctx.options.testCards),
  };
}

function addPaymentMethod(ctx: StripeContext, type: 'card' | 'konbini', card: PaymentMethodRecord['card'], billing: BillingDetails, metadata: Metadata): PaymentMethodRecord {
  const pm: PaymentMethodRecord = {
    id: stripeId('pm'),
    created: unixSeconds(ctx.now),
    type,
    card,
    billing_details: billing,
    customer: null,
    metadata,
    setUp: false,
  };
  ctx.state.paymentMethods.set(pm.id, pm);
  return pm;
}

/**
 * A PaymentMethod from its parameters (`POST /v1/payment_methods`, or `payment_method_data` of a
 * confirm; `prefix` names the parameters in errors). `type=card` needs the card's data: Stripe takes
 * raw numbers from Stripe.js (the publishable key); with the secret key only when the account may
 * (`rawCardDataWithSecretKey`). `type=konbini` needs `billing_details[name]` and `[email]`.
 */
export function createPaymentMethod(ctx: StripeContext, params: Record<string, unknown>, caller: Caller, prefix = ''): PaymentMethodRecord {
  // `billing_details[name]` under a prefix is `payment_method_data[billing_details][name]`.
  const name = (field: string) => (prefix ? `${prefix}[${field.replace('[', '][')}` + (field.includes('[') ? '' : ']') : field);
  const type = stringParam(params, 'type');
  if (!type) throw missingParam(name('type'));
  const billing = billingDetailsParam(params['billing_details']);
  const metadata = metadataParam({}, params['metadata']);
  if (type === 'card') {
    const card = objectParam(params, 'card');
    if (!card) throw missingParam(name('card'));
    if (caller.kind === 'secret' && !ctx.options.rawCardDataWithSecretKey) {
      throw invalidRequest(
        'Sending credit card numbers directly to the Stripe API is generally unsafe. We suggest you use test tokens that map to the test card you are using, see https://stripe.com/docs/testing. To enable testing raw card data APIs, see https://support.stripe.com/questions/enabling-access-to-raw-card-data-apis.',
        { param: name('card[number]') },
      );
    }
    return addPaymentMethod(ctx, 'card', cardFrom(ctx, card, name('card')), billing, metadata);
  }
  if (type === 'konbini') {
    if (!billing.name) throw missingParam(name('billing_details[name]'));
    if (!billing.email) throw missingParam(name('billing_details[email]'));
    return addPaymentMethod(ctx, 'konbini', null, billing, metadata);
  }
  throw invalidRequest(`Invalid ${name('type')}: must be one of card or konbini (the sandbox emulates these)`, { param: name('type'), code: 'parameter_invalid_string' });
}

/**
 * The PaymentMethod an id names: one of the account's, or a test id (`pm_card_visa`…), which makes a
 * new PaymentMethod of its card each time it is used, as Stripe does.
 */
export function paymentMethodById(ctx: StripeContext, id: string, param = 'payment_method'): PaymentMethodRecord {
  const known = ctx.state.paymentMethods.get(id);
  if (known) return known;
  if (Object.hasOwn(STRIPE_TEST_PAYMENT_METHODS, id)) {
    const number = STRIPE_TEST_PAYMENT_METHODS[id] as string;
    const year = ctx.now.getUTCFullYear() + 5;
    return addPaymentMethod(ctx, 'card', cardFrom(ctx, { number, exp_month: '12', exp_year: String(year), cvc: '123' }, 'card'), emptyBillingDetails(), {});
  }
  throw noSuch('PaymentMethod', id, param);
}

export function customerById(ctx: StripeContext, id: string, param = 'id'): CustomerRecord {
  const customer = ctx.state.customers.get(id);
  if (!customer) throw noSuch('customer', id, param);
  return customer;
}

export function createCustomer(ctx: StripeContext, params: Record<string, unknown>): CustomerRecord {
  const customer: CustomerRecord = {
    id: stripeId('cus'),
    created: unixSeconds(ctx.now),
    email: stringParam(params, 'email') ?? null,
    name: stringParam(params, 'name') ?? null,
    description: stringParam(params, 'description') ?? null,
    phone: stringParam(params, 'phone') ?? null,
    metadata: metadataParam({}, params['metadata']),
  };
  ctx.state.customers.set(customer.id, customer);
  const pmId = stringParam(params, 'payment_method');
  if (pmId) attachPaymentMethod(ctx, paymentMethodById(ctx, pmId), customer.id);
  return customer;
}

/** Attaches a PaymentMethod to a customer (Stripe refuses one attached to another customer). */
export function attachPaymentMethod(ctx: StripeContext, pm: PaymentMethodRecord, customerId: string): PaymentMethodRecord {
  customerById(ctx, customerId, 'customer');
  if (pm.customer && pm.customer !== customerId) {
    throw invalidRequest('The payment method you provided has already been attached to a customer.', { code: 'payment_method_unexpected_state', param: 'payment_method' });
  }
  if (pm.type === 'konbini') {
    throw invalidRequest('PaymentMethods of type `konbini` cannot be attached to a customer.', { code: 'payment_method_unexpected_state', param: 'payment_method' });
  }
  pm.customer = customerId;
  return pm;
}

/** Random digits for konbini codes. */
export const digits = randomDigits;
