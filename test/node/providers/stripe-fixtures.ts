import type Stripe from 'stripe';

/**
 * Stripe objects for the Stripe tests, typed with stripe-node's own declarations
 * (`stripe/esm/resources/PaymentIntents.d.ts`, `SetupIntents.d.ts`, `PaymentMethods.d.ts`): every
 * field the API documents is present, so a misspelt or missing field fails the typecheck, and the
 * code under test sees the whole object (the fields it does not read included), as Stripe sends it.
 */

/** 2025-03-01T00:00:00Z. */
export const CREATED = 1740787200;

export function card(overrides: Partial<Stripe.PaymentMethod.Card> = {}): Stripe.PaymentMethod.Card {
  return {
    brand: 'visa',
    checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: 'pass' },
    country: 'JP',
    display_brand: 'visa',
    exp_month: 12,
    exp_year: 2031,
    fingerprint: 'Xt5EWLLDS7FJjR1c',
    funding: 'credit',
    generated_from: null,
    last4: '4242',
    networks: { available: ['visa'], preferred: null },
    regulated_status: 'unregulated',
    three_d_secure_usage: { supported: true },
    wallet: null,
    ...overrides,
  };
}

const BILLING: Stripe.PaymentMethod.BillingDetails = {
  address: { city: null, country: null, line1: null, line2: null, postal_code: null, state: null },
  email: 'taro@example.jp',
  name: 'Yamada Taro',
  phone: null,
  tax_id: null,
};

/** A PaymentMethod as `expand[]=payment_method` returns it. */
export function paymentMethod(overrides: Partial<Stripe.PaymentMethod> = {}): Stripe.PaymentMethod {
  return {
    id: 'pm_1QcardVisa4242',
    object: 'payment_method',
    allow_redisplay: 'unspecified',
    billing_details: BILLING,
    card: card(),
    created: CREATED,
    customer: null,
    customer_account: null,
    livemode: false,
    metadata: {},
    type: 'card',
    ...overrides,
  };
}

export function konbiniPaymentMethod(): Stripe.PaymentMethod {
  return paymentMethod({ id: 'pm_1QkonbiniLawson', type: 'konbini', card: undefined, konbini: {} });
}

/** A PaymentIntent just created by the merchant's server for ¥1,500, card and konbini. */
export function paymentIntent(overrides: Partial<Stripe.PaymentIntent> = {}): Stripe.PaymentIntent {
  return {
    id: 'pi_3QkessaiTest0001',
    object: 'payment_intent',
    allowed_payment_method_types: null,
    amount: 1500,
    amount_capturable: 0,
    amount_received: 0,
    application: null,
    application_fee_amount: null,
    automatic_payment_methods: null,
    canceled_at: null,
    cancellation_reason: null,
    capture_method: 'automatic_async',
    client_secret: 'pi_3QkessaiTest0001_secret_Zx8Yw7Vu6',
    confirmation_method: 'automatic',
    created: CREATED,
    currency: 'jpy',
    customer: null,
    customer_account: null,
    description: null,
    excluded_payment_method_types: null,
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    managed_payments: null,
    metadata: {},
    next_action: null,
    on_behalf_of: null,
    payment_method: null,
    payment_method_configuration_details: null,
    payment_method_options: {
      card: { installments: null, mandate_options: null, network: null, request_three_d_secure: 'automatic' },
      konbini: { confirmation_number: null, expires_after_days: null, expires_at: null, product_description: null },
    },
    payment_method_types: ['card', 'konbini'],
    payment_record: null,
    processing: null,
    receipt_email: null,
    review: null,
    setup_future_usage: null,
    shipping: null,
    source: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: 'requires_payment_method',
    transfer_group: null,
    ...overrides,
  };
}

/** A SetupIntent for a Customer, card only, off-session. */
export function setupIntent(overrides: Partial<Stripe.SetupIntent> = {}): Stripe.SetupIntent {
  return {
    id: 'seti_1QkessaiTest0001',
    object: 'setup_intent',
    allowed_payment_method_types: null,
    application: null,
    automatic_payment_methods: null,
    cancellation_reason: null,
    client_secret: 'seti_1QkessaiTest0001_secret_Ab1Cd2Ef3',
    created: CREATED,
    customer: 'cus_QkessaiShopper1',
    description: null,
    excluded_payment_method_types: null,
    last_setup_error: null,
    latest_attempt: null,
    livemode: false,
    mandate: null,
    metadata: {},
    next_action: null,
    on_behalf_of: null,
    payment_method: null,
    payment_method_configuration_details: null,
    payment_method_options: null,
    payment_method_types: ['card'],
    single_use_mandate: null,
    status: 'requires_payment_method',
    usage: 'off_session',
    ...overrides,
  };
}

/** 2025-03-04T14:59:59Z = 23:59:59 JST, three days after CREATED. */
export const KONBINI_EXPIRES_AT = 1741100399;

export function konbiniDetails(
  overrides: Partial<Stripe.PaymentIntent.NextAction.KonbiniDisplayDetails> = {},
): Stripe.PaymentIntent.NextAction.KonbiniDisplayDetails {
  return {
    expires_at: KONBINI_EXPIRES_AT,
    hosted_voucher_url: 'https://payments.stripe.com/konbini/voucher/test_YWNjdF8xTmtvbmJpbmk',
    stores: {
      familymart: { confirmation_number: '09012345678', payment_code: '123456789012' },
      lawson: { confirmation_number: '09012345678', payment_code: '987654' },
      ministop: { confirmation_number: '09012345678', payment_code: '987654' },
      seicomart: { payment_code: '5555666677' },
    },
    ...overrides,
  };
}

/** A konbini PaymentIntent waiting for cash: what `confirmKonbiniPayment` and a retrieve give. */
export function konbiniAwaiting(
  details: Stripe.PaymentIntent.NextAction.KonbiniDisplayDetails = konbiniDetails(),
  overrides: Partial<Stripe.PaymentIntent> = {},
): Stripe.PaymentIntent {
  return paymentIntent({
    status: 'requires_action',
    payment_method: 'pm_1QkonbiniLawson',
    next_action: { type: 'konbini_display_details', konbini_display_details: details },
    ...overrides,
  });
}

/** An Event as Stripe delivers it to a webhook endpoint. */
export function event(type: string, object: unknown, overrides: Partial<Stripe.Event> = {}): Stripe.Event {
  return {
    id: 'evt_3QkessaiTest0001',
    object: 'event',
    api_version: '2025-02-24.acacia',
    created: CREATED + 60,
    data: { object: object as Stripe.Event.Data['object'] },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type: type as Stripe.Event['type'],
    ...overrides,
  } as Stripe.Event;
}
