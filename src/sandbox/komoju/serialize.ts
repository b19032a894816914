import type { ResolvedKomojuOptions } from './options.ts';
import type {
  CustomerRecord,
  KomojuState,
  PaymentRecord,
  SecureTokenRecord,
  SessionRecord,
  TokenRecord,
} from './state.ts';

/**
 * The JSON KOMOJU answers, built from the emulator's records with the field names, nesting and
 * statuses of docs/providers.md, "KOMOJU" (and the shapes of the recorded fixtures in test/fixtures/komoju).
 * Card numbers never appear: brand and last four digits only.
 */

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

/** `hashed_gateway`: a stable opaque string per type, as KOMOJU shows one. */
const HASHED_GATEWAY: Readonly<Record<string, string>> = {
  credit_card: 'a6b0b3f2c1',
  konbini: 'e91c2d74b0',
};

export function paymentMethodsJson(session: SessionRecord, options: ResolvedKomojuOptions): unknown[] {
  return session.paymentTypes.map((type) => {
    if (type === 'konbini') {
      return {
        type,
        hashed_gateway: HASHED_GATEWAY[type],
        brands: Object.fromEntries(
          session.konbiniStores.map((store) => [store, { icon: `/assets/konbini/${store}.svg` }]),
        ),
        customer_fee: options.konbiniFee,
        offsite: false,
        additional_fields: ['name', 'email', 'phone'],
        ...(session.konbiniStores.includes('seven-eleven')
          ? { seven_eleven_merchant_number: options.sevenElevenMerchantNumber }
          : {}),
      };
    }
    return {
      type,
      hashed_gateway: HASHED_GATEWAY[type] ?? null,
      brands: [...options.cardBrands],
      customer_fee: null,
      offsite: false,
      additional_fields: [],
    };
  });
}

/** Whether the session's time is up (KOMOJU's `expired` flag). */
export function sessionExpired(session: SessionRecord, now: Date): boolean {
  return session.status === 'pending' && now.getTime() >= session.expiresAt.getTime();
}

export function sessionJson(
  session: SessionRecord,
  state: KomojuState,
  options: ResolvedKomojuOptions,
  now: Date,
): Record<string, unknown> {
  const payment = session.paymentId ? state.payments.get(session.paymentId) : undefined;
  return {
    id: session.id,
    resource: 'session',
    mode: session.mode,
    amount: session.amount,
    currency: session.currency,
    session_url: session.sessionUrl,
    return_url: session.returnUrl,
    default_locale: session.defaultLocale,
    payment_methods: paymentMethodsJson(session, options),
    created_at: iso(session.createdAt),
    cancelled_at: iso(session.cancelledAt),
    completed_at: iso(session.completedAt),
    status: session.status,
    expired: sessionExpired(session, now),
    metadata: { ...session.metadata },
    payment: payment ? paymentJson(payment) : null,
    payment_data: { ...session.paymentData, capture: session.capture },
    line_items: [...session.lineItems],
    ...(session.customerId ? { customer_id: session.customerId } : {}),
    email: session.email,
    secure_token: null,
  };
}

export function paymentDetailsJson(payment: PaymentRecord): Record<string, unknown> {
  const source = payment.source;
  if (source.type === 'konbini') {
    const k = source.konbini;
    return {
      type: 'konbini',
      email: k.email,
      phone: k.phone,
      store: k.store,
      confirmation_code: source.confirmationCode,
      receipt: source.receipt,
      instructions_url: source.instructionsUrl,
      family_name: k.familyName,
      given_name: k.givenName,
    };
  }
  const card = source.card;
  const cvcChecked = card.verificationValue
    ? payment.failure?.code === 'bad_verification_value'
      ? 'Invalid'
      : 'Approved'
    : 'Not Supplied';
  return {
    type: 'credit_card',
    email: card.email,
    brand: card.brand,
    last_four_digits: card.last4,
    month: card.month,
    year: card.year,
    verification_value: cvcChecked,
    name: card.name,
    given_name: card.givenName,
    family_name: card.familyName,
    intent: 'one_time',
    redirect_url: payment.status === 'pending' ? payment.authenticationUrl : null,
  };
}

export function paymentJson(payment: PaymentRecord): Record<string, unknown> {
  return {
    id: payment.id,
    resource: 'payment',
    status: payment.status,
    amount: payment.amount,
    tax: payment.tax,
    customer: payment.customerId ?? null,
    payment_deadline: payment.deadline,
    payment_details: paymentDetailsJson(payment),
    payment_method_fee: payment.fee,
    total: payment.amount + payment.tax + payment.fee,
    currency: payment.currency,
    description: null,
    captured_at: iso(payment.capturedAt),
    external_order_num: payment.externalOrderNum,
    metadata: { ...payment.metadata },
    created_at: iso(payment.createdAt),
    amount_refunded: 0,
    locale: payment.locale,
    session: payment.sessionId,
    customer_family_name: null,
    customer_given_name: null,
    refunds: [],
    refund_requests: [],
  };
}

/** A secure token (docs/providers.md, "KOMOJU"). `three_ds_auth_result` only once authenticated (`OK`). */
export function secureTokenJson(token: SecureTokenRecord): Record<string, unknown> {
  return {
    id: token.id,
    created_at: iso(token.createdAt),
    verification_status: token.status,
    authentication_url: token.status === 'NEEDS_VERIFY' ? token.authenticationUrl : null,
    ...(token.status === 'OK' && token.authResult ? { three_ds_auth_result: { ...token.authResult } } : {}),
  };
}

/** A made-up, well-formed EMV 3-D Secure result (transStatus Y, ECI 05) for an authenticated token. */
export function newThreeDsAuthResult(): Readonly<Record<string, string>> {
  return {
    dsReferenceNumber: 'KESSAI_SANDBOX_DS',
    acsReferenceNumber: 'KESSAI_SANDBOX_ACS',
    threeDSRequestorTransID: crypto.randomUUID(),
    acsTransID: crypto.randomUUID(),
    dsTransID: crypto.randomUUID(),
    eci: '05',
    messageVersion: '2.2.0',
    authenticationType: '02',
    authenticationValue: btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(20)))),
    transStatus: 'Y',
    threeDSServerTransID: crypto.randomUUID(),
  };
}

export function tokenJson(token: TokenRecord): Record<string, unknown> {
  return {
    id: token.id,
    resource: 'token',
    created_at: iso(token.createdAt),
    payment_details: { type: token.source.type },
  };
}

/**
 * A Customer (docs/providers.md "KOMOJU › Customers and saved cards"): `source` is the saved card
 * (type, brand, last four, expiry month and year), or null while the customer is still empty.
 */
export function customerJson(customer: CustomerRecord): Record<string, unknown> {
  const card = customer.card;
  return {
    id: customer.id,
    resource: 'customer',
    email: customer.email,
    source: card
      ? { type: 'credit_card', brand: card.brand, last_four_digits: card.last4, month: card.month, year: card.year, name: card.name }
      : null,
    metadata: { ...customer.metadata },
    created_at: iso(customer.createdAt),
  };
}
