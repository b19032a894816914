import type { StripeContext } from './context.ts';
import type {
  BillingDetails,
  ChargeRecord,
  CustomerRecord,
  PaymentIntentRecord,
  PaymentMethodRecord,
  SetupIntentRecord,
} from './state.ts';

/**
 * Stripe's objects as its API answers them, field for field as stripe-node's types declare them
 * (`src/resources/PaymentIntents.ts`, `SetupIntents.ts`, `PaymentMethods.ts`, `Customers.ts`,
 * `Charges.ts`): what the emulator does not model is there with Stripe's empty value (`null`, `{}`).
 */

const PAYMENT_METHOD_OPTION_DEFAULTS: Readonly<Record<string, Record<string, unknown>>> = {
  card: { installments: null, mandate_options: null, network: null, request_three_d_secure: 'automatic' },
  konbini: { confirmation_number: null, expires_after_days: null, expires_at: null, product_description: null },
};

function paymentMethodOptions(types: readonly string[], given: Record<string, Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const type of types) out[type] = { ...PAYMENT_METHOD_OPTION_DEFAULTS[type], ...given[type] };
  return out;
}

export function serializePaymentIntent(pi: PaymentIntentRecord): Record<string, unknown> {
  return {
    id: pi.id,
    object: 'payment_intent',
    allowed_payment_method_types: pi.allowedPaymentMethodTypes ? [...pi.allowedPaymentMethodTypes] : null,
    amount: pi.amount,
    amount_capturable: pi.amountCapturable,
    amount_details: { tip: {} },
    amount_received: pi.amountReceived,
    application: null,
    application_fee_amount: null,
    automatic_payment_methods: pi.automaticPaymentMethods,
    canceled_at: pi.canceledAt,
    cancellation_reason: pi.cancellationReason,
    capture_method: pi.captureMethod,
    client_secret: pi.clientSecret,
    confirmation_method: pi.confirmationMethod,
    created: pi.created,
    currency: pi.currency,
    customer: pi.customer,
    description: pi.description,
    excluded_payment_method_types: null,
    last_payment_error: pi.lastPaymentError,
    latest_charge: pi.latestCharge,
    livemode: false,
    metadata: { ...pi.metadata },
    next_action: pi.nextAction,
    on_behalf_of: null,
    payment_method: pi.paymentMethod,
    payment_method_configuration_details: null,
    payment_method_options: paymentMethodOptions(pi.paymentMethodTypes, pi.paymentMethodOptions),
    payment_method_types: [...pi.paymentMethodTypes],
    processing: null,
    receipt_email: pi.receiptEmail,
    review: null,
    setup_future_usage: pi.setupFutureUsage,
    shipping: null,
    source: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: pi.status,
    transfer_data: null,
    transfer_group: null,
  };
}

export function serializeSetupIntent(si: SetupIntentRecord): Record<string, unknown> {
  return {
    id: si.id,
    object: 'setup_intent',
    allowed_payment_method_types: si.allowedPaymentMethodTypes ? [...si.allowedPaymentMethodTypes] : null,
    application: null,
    automatic_payment_methods: si.automaticPaymentMethods,
    cancellation_reason: si.cancellationReason,
    client_secret: si.clientSecret,
    created: si.created,
    customer: si.customer,
    description: si.description,
    excluded_payment_method_types: null,
    flow_directions: null,
    last_setup_error: si.lastSetupError,
    latest_attempt: null,
    livemode: false,
    mandate: null,
    metadata: { ...si.metadata },
    next_action: si.nextAction,
    on_behalf_of: null,
    payment_method: si.paymentMethod,
    payment_method_configuration_details: null,
    payment_method_options: paymentMethodOptions(si.paymentMethodTypes.filter((t) => t === 'card'), {}),
    payment_method_types: [...si.paymentMethodTypes],
    single_use_mandate: null,
    status: si.status,
    usage: si.usage,
  };
}

function billingDetails(details: BillingDetails): Record<string, unknown> {
  return { address: { ...details.address }, email: details.email, name: details.name, phone: details.phone };
}

export function serializePaymentMethod(pm: PaymentMethodRecord): Record<string, unknown> {
  const card = pm.card
    ? {
        card: {
          brand: pm.card.brand,
          checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: 'pass' },
          country: pm.card.country,
          display_brand: pm.card.brand,
          exp_month: pm.card.exp_month,
          exp_year: pm.card.exp_year,
          fingerprint: pm.card.fingerprint,
          funding: pm.card.funding,
          generated_from: null,
          last4: pm.card.last4,
          networks: { available: [pm.card.brand], preferred: null },
          regulated_status: 'unregulated',
          three_d_secure_usage: { supported: true },
          wallet: null,
        },
      }
    : {};
  return {
    id: pm.id,
    object: 'payment_method',
    allow_redisplay: 'unspecified',
    billing_details: billingDetails(pm.billing_details),
    ...card,
    ...(pm.type === 'konbini' ? { konbini: {} } : {}),
    created: pm.created,
    customer: pm.customer,
    livemode: false,
    metadata: { ...pm.metadata },
    type: pm.type,
  };
}

export function serializeCustomer(customer: CustomerRecord): Record<string, unknown> {
  return {
    id: customer.id,
    object: 'customer',
    address: null,
    balance: 0,
    created: customer.created,
    currency: null,
    default_source: null,
    delinquent: false,
    description: customer.description,
    email: customer.email,
    invoice_prefix: customer.id.slice(4, 12).toUpperCase(),
    invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
    livemode: false,
    metadata: { ...customer.metadata },
    name: customer.name,
    next_invoice_sequence: 1,
    phone: customer.phone,
    preferred_locales: [],
    shipping: null,
    tax_exempt: 'none',
    test_clock: null,
  };
}

export function serializeCharge(charge: ChargeRecord, pm: PaymentMethodRecord | undefined): Record<string, unknown> {
  return {
    id: charge.id,
    object: 'charge',
    amount: charge.amount,
    amount_captured: charge.captured ? charge.amount : 0,
    amount_refunded: 0,
    billing_details: pm ? billingDetails(pm.billing_details) : null,
    captured: charge.captured,
    created: charge.created,
    currency: charge.currency,
    customer: charge.customer,
    failure_code: charge.failure?.code ?? null,
    failure_message: charge.failure?.message ?? null,
    livemode: false,
    metadata: {},
    outcome: charge.failure
      ? { network_status: 'declined_by_network', reason: charge.failure.decline_code ?? null, risk_level: 'normal', seller_message: 'The bank did not return any further details with this decline.', type: 'issuer_declined' }
      : { network_status: 'approved_by_network', reason: null, risk_level: 'normal', seller_message: 'Payment complete.', type: 'authorized' },
    paid: charge.status === 'succeeded',
    payment_intent: charge.paymentIntent,
    payment_method: charge.paymentMethod,
    payment_method_details: charge.details,
    refunded: false,
    status: charge.status,
  };
}

/** A list as Stripe pages it (`{ object: 'list', data, has_more, url }`); the emulator never pages. */
export function list(url: string, data: readonly unknown[]): Record<string, unknown> {
  return { object: 'list', data, has_more: false, url };
}

/** Replaces ids by their objects for `expand[]` (`payment_method`, `customer`, `latest_charge`). */
export function expandFields(ctx: StripeContext, object: Record<string, unknown>, expand: readonly string[] | undefined): Record<string, unknown> {
  if (!expand) return object;
  const out = { ...object };
  for (const field of expand) {
    const id = out[field];
    if (typeof id !== 'string') continue;
    if (field === 'payment_method') {
      const pm = ctx.state.paymentMethods.get(id);
      if (pm) out[field] = serializePaymentMethod(pm);
    } else if (field === 'customer') {
      const customer = ctx.state.customers.get(id);
      if (customer) out[field] = serializeCustomer(customer);
    } else if (field === 'latest_charge') {
      const charge = ctx.state.charges.get(id);
      if (charge) out[field] = serializeCharge(charge, ctx.state.paymentMethods.get(charge.paymentMethod));
    }
  }
  return out;
}
