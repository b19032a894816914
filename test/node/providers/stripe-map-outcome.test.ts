import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StripeError as StripeJsError, StripeErrorType } from '@stripe/stripe-js';
import type Stripe from 'stripe';
import { outcomeSchema, type Outcome } from '../../../src/core/outcome.ts';
import { konbiniSlipOf, mapStripeError, mapStripeIntent } from '../../../src/providers/stripe/map-outcome.ts';
import {
  konbiniDisplayDetailsSchema,
  stripeErrorSchema,
  stripePaymentIntentSchema,
  stripeSetupIntentSchema,
  type StripeIntent,
} from '../../../src/providers/stripe/schemas.ts';
import { STRIPE_KONBINI_STORES, brandFromStripe, storeFromStripe } from '../../../src/providers/stripe/stores.ts';
import {
  KONBINI_EXPIRES_AT,
  card,
  konbiniAwaiting,
  konbiniDetails,
  konbiniPaymentMethod,
  paymentIntent,
  paymentMethod,
  setupIntent,
} from './stripe-fixtures.ts';

/**
 * Stripe's PaymentIntent, SetupIntent and StripeError onto our Outcome. The inputs are stripe-node's
 * and @stripe/stripe-js's own types (test/node/providers/stripe-fixtures.ts), read through our schemas
 * as the server and the browser read them.
 */

/** What the server does with Stripe's answer: parse it, then map it. */
function read(intent: Stripe.PaymentIntent | Stripe.SetupIntent): StripeIntent {
  const json: unknown = JSON.parse(JSON.stringify(intent));
  return intent.object === 'payment_intent' ? stripePaymentIntentSchema.parse(json) : stripeSetupIntentSchema.parse(json);
}
/** Every outcome must pass the schema the endpoint and the browser check it with. */
function valid(outcome: Outcome): Outcome {
  assert.ok(outcomeSchema.safeParse(outcome).success, JSON.stringify(outcome));
  return outcome;
}
function map(intent: Stripe.PaymentIntent | Stripe.SetupIntent, options: Parameters<typeof mapStripeIntent>[1] = {}): Outcome {
  return valid(mapStripeIntent(read(intent), options));
}
function failure(outcome: Outcome) {
  assert.equal(outcome.status, 'failed', JSON.stringify(outcome));
  return (outcome as Extract<Outcome, { status: 'failed' }>).error;
}
/** A StripeError as Stripe.js resolves `{ error }` with. */
function jsError(error: StripeJsError) {
  return stripeErrorSchema.parse(error);
}

/** Stripe.js's `StripeErrorType`, all eight (@stripe/stripe-js `stripe.d.ts`). */
const ERROR_TYPES = [
  'api_connection_error',
  'api_error',
  'authentication_error',
  'card_error',
  'idempotency_error',
  'invalid_request_error',
  'rate_limit_error',
  'validation_error',
] as const satisfies readonly StripeErrorType[];

describe('Stripe schemas read stripe-node shapes', () => {
  it('a full PaymentIntent, its payment method expanded or not', () => {
    assert.ok(stripePaymentIntentSchema.safeParse(paymentIntent()).success);
    assert.ok(stripePaymentIntentSchema.safeParse(paymentIntent({ payment_method: paymentMethod() })).success);
    assert.ok(stripePaymentIntentSchema.safeParse(konbiniAwaiting()).success);
  });

  it('a full SetupIntent', () => {
    assert.ok(stripeSetupIntentSchema.safeParse(setupIntent({ payment_method: paymentMethod() })).success);
  });

  it('konbini_display_details with a null store', () => {
    const details = konbiniDetails({ stores: { familymart: null, lawson: null, ministop: null, seicomart: null } });
    assert.ok(konbiniDisplayDetailsSchema.safeParse(details).success);
  });

  it('an intent without status or id is refused; an intent of another object is refused', () => {
    const { status: _status, ...noStatus } = paymentIntent();
    assert.equal(stripePaymentIntentSchema.safeParse(noStatus).success, false);
    assert.equal(stripePaymentIntentSchema.safeParse({ ...paymentIntent(), id: '' }).success, false);
    assert.equal(stripePaymentIntentSchema.safeParse(setupIntent()).success, false);
  });

  it('every PaymentIntent status stripe-node declares is read', () => {
    const statuses: Stripe.PaymentIntent.Status[] = [
      'canceled', 'processing', 'requires_action', 'requires_capture', 'requires_confirmation', 'requires_payment_method', 'succeeded',
    ];
    for (const status of statuses) assert.ok(stripePaymentIntentSchema.safeParse(paymentIntent({ status })).success, status);
  });
});

describe('Stripe stores and brands', () => {
  it('Stripe’s four chains, no 7-Eleven, no Daily Yamazaki', () => {
    assert.deepEqual([...STRIPE_KONBINI_STORES].sort(), ['family-mart', 'lawson', 'ministop', 'seicomart']);
    const stripeKeys: (keyof Stripe.PaymentIntent.NextAction.KonbiniDisplayDetails.Stores)[] = ['familymart', 'lawson', 'ministop', 'seicomart'];
    assert.deepEqual(stripeKeys.map(storeFromStripe), ['family-mart', 'lawson', 'ministop', 'seicomart']);
    assert.equal(storeFromStripe('seven_eleven'), undefined);
  });

  it('card brands in our names; unknown is no brand', () => {
    assert.equal(brandFromStripe('visa'), 'visa');
    assert.equal(brandFromStripe('mastercard'), 'mastercard');
    assert.equal(brandFromStripe('jcb'), 'jcb');
    assert.equal(brandFromStripe('unknown'), undefined);
    assert.equal(brandFromStripe(null), undefined);
  });
});

describe('mapStripeIntent: PaymentIntent statuses', () => {
  it('succeeded → succeeded with the intent id, brand and last four of the expanded card', () => {
    assert.deepEqual(map(paymentIntent({ status: 'succeeded', payment_method: paymentMethod() })), {
      status: 'succeeded',
      method: 'card',
      paymentId: 'pi_3QkessaiTest0001',
      brand: 'visa',
      last4: '4242',
    });
  });

  it('succeeded with the payment method not expanded → succeeded, no card details, no paymentMethodId', () => {
    assert.deepEqual(map(paymentIntent({ status: 'succeeded', payment_method: 'pm_1QcardVisa4242', payment_method_types: ['card'] })), {
      status: 'succeeded',
      method: 'card',
      paymentId: 'pi_3QkessaiTest0001',
    });
  });

  it('a JCB card; an unknown brand is left out', () => {
    const jcb = map(paymentIntent({ status: 'succeeded', payment_method: paymentMethod({ card: card({ brand: 'jcb', last4: '0000' }) }) }));
    assert.ok(jcb.status === 'succeeded');
    assert.deepEqual([jcb.brand, jcb.last4], ['jcb', '0000']);
    const unknown = map(paymentIntent({ status: 'succeeded', payment_method: paymentMethod({ card: card({ brand: 'unknown' }) }) }));
    assert.ok(unknown.status === 'succeeded');
    assert.equal(unknown.brand, undefined);
  });

  it('requires_capture (manual capture, authorized) → succeeded', () => {
    const outcome = map(paymentIntent({ status: 'requires_capture', capture_method: 'manual', payment_method: paymentMethod() }));
    assert.equal(outcome.status, 'succeeded');
  });

  it('a konbini intent paid → succeeded konbini, no card details', () => {
    assert.deepEqual(map(paymentIntent({ status: 'succeeded', payment_method: konbiniPaymentMethod() })), {
      status: 'succeeded',
      method: 'konbini',
      paymentId: 'pi_3QkessaiTest0001',
    });
  });

  it('processing → processing, the intent as reference', () => {
    assert.deepEqual(map(paymentIntent({ status: 'processing', payment_method: paymentMethod() })), {
      status: 'processing',
      method: 'card',
      reference: 'pi_3QkessaiTest0001',
    });
  });

  it('requires_payment_method with nothing tried → canceled', () => {
    assert.deepEqual(map(paymentIntent()), { status: 'canceled' });
  });

  it('requires_confirmation with nothing tried → canceled', () => {
    assert.deepEqual(map(paymentIntent({ status: 'requires_confirmation', payment_method: 'pm_1QcardVisa4242' })), {
      status: 'canceled',
    });
  });

  it('requires_payment_method after a decline → failed with the decline', () => {
    const lastError: Stripe.PaymentIntent.LastPaymentError = {
      type: 'card_error',
      code: 'card_declined',
      decline_code: 'insufficient_funds',
      message: 'Your card has insufficient funds.',
      doc_url: 'https://stripe.com/docs/error-codes/card-declined',
      charge: 'ch_3QkessaiTest0001',
    };
    const error = failure(map(paymentIntent({ last_payment_error: lastError })));
    assert.deepEqual(error, {
      code: 'declined',
      reason: 'insufficient_funds',
      retryable: true,
      providerCode: 'insufficient_funds',
      providerMessage: 'Your card has insufficient funds.',
    });
  });

  it('requires_payment_method after a failed 3-D Secure → authentication_failed', () => {
    const lastError: Stripe.PaymentIntent.LastPaymentError = {
      type: 'invalid_request_error',
      code: 'payment_intent_authentication_failure',
      message: 'We are unable to authenticate your payment method.',
    };
    const error = failure(map(paymentIntent({ last_payment_error: lastError })));
    assert.deepEqual([error.code, error.reason, error.retryable], ['authentication', 'authentication_failed', true]);
    assert.equal(error.providerCode, 'payment_intent_authentication_failure');
  });

  it('a konbini payment not paid in time (payment_intent_payment_attempt_expired) → payment_expired', () => {
    // The attempt's voucher expired; the intent went back to requires_payment_method (stripe-node
    // `PaymentIntent.LastPaymentError.Code`; docs.stripe.com/error-codes).
    const lastError: Stripe.PaymentIntent.LastPaymentError = {
      type: 'invalid_request_error',
      code: 'payment_intent_payment_attempt_expired',
      message: 'The latest payment attempt of this PaymentIntent has expired.',
      payment_method: konbiniPaymentMethod(),
    };
    const error = failure(map(paymentIntent({ last_payment_error: lastError, payment_method: null })));
    assert.deepEqual([error.code, error.reason, error.retryable, error.providerCode], [
      'declined', 'payment_expired', false, 'payment_intent_payment_attempt_expired',
    ]);
  });

  it('canceled card intent → canceled', () => {
    assert.deepEqual(
      map(paymentIntent({ status: 'canceled', cancellation_reason: 'requested_by_customer', payment_method: paymentMethod() })),
      { status: 'canceled' },
    );
  });

  it('canceled konbini intent → payment_expired, not retryable, the reason as provider code', () => {
    const expired = paymentIntent({ status: 'canceled', cancellation_reason: 'expired', payment_method: konbiniPaymentMethod() });
    const error = failure(map(expired));
    assert.deepEqual(error, { code: 'declined', reason: 'payment_expired', retryable: false, providerCode: 'expired' });
    const konbiniOnly = paymentIntent({ status: 'canceled', cancellation_reason: 'abandoned', payment_method_types: ['konbini'] });
    assert.equal(failure(map(konbiniOnly)).reason, 'payment_expired');
  });
});

describe('mapStripeIntent: requires_action', () => {
  it('redirect_to_url → a redirect, the intent as reference', () => {
    const intent = paymentIntent({
      status: 'requires_action',
      payment_method: paymentMethod(),
      next_action: {
        type: 'redirect_to_url',
        redirect_to_url: {
          url: 'https://hooks.stripe.com/3d_secure_2/hosted?merchant=acct_1&payment_intent=pi_3QkessaiTest0001',
          return_url: 'https://shop.example/checkout',
        },
      },
    });
    assert.deepEqual(map(intent), {
      status: 'requires_action',
      method: 'card',
      action: { type: 'redirect', url: 'https://hooks.stripe.com/3d_secure_2/hosted?merchant=acct_1&payment_intent=pi_3QkessaiTest0001' },
      reference: 'pi_3QkessaiTest0001',
    });
  });

  it('redirect_to_url on plain http: refused unless its origin is trusted (the sandbox)', () => {
    const intent = paymentIntent({
      status: 'requires_action',
      next_action: { type: 'redirect_to_url', redirect_to_url: { url: 'http://127.0.0.1:5173/sandbox/stripe/3ds', return_url: null } },
    });
    assert.equal(failure(map(intent)).reason, 'unsafe_redirect');
    const trusted = map(intent, { trustedOrigins: ['http://127.0.0.1:5173'] });
    assert.ok(trusted.status === 'requires_action');
    assert.equal(trusted.reference, 'pi_3QkessaiTest0001');
  });

  it('redirect_to_url to javascript: → unsafe_redirect', () => {
    const intent = paymentIntent({
      status: 'requires_action',
      next_action: { type: 'redirect_to_url', redirect_to_url: { url: 'javascript:alert(1)', return_url: null } },
    });
    assert.equal(failure(map(intent, { trustedOrigins: ['null'] })).reason, 'unsafe_redirect');
  });

  it('use_stripe_sdk (only Stripe.js can act on it) → an authentication that did not finish', () => {
    const intent = paymentIntent({
      status: 'requires_action',
      payment_method: paymentMethod(),
      next_action: { type: 'use_stripe_sdk', use_stripe_sdk: { type: 'three_d_secure_redirect', stripe_js: 'https://hooks.stripe.com/…' } },
    });
    const error = failure(map(intent));
    assert.deepEqual(error, {
      code: 'authentication',
      reason: 'authentication_canceled',
      retryable: true,
      providerCode: 'use_stripe_sdk',
    });
  });

  it('konbini_display_details → awaiting_payment with the slip of the first chain, Stripe’s voucher link', () => {
    assert.deepEqual(map(konbiniAwaiting()), {
      status: 'awaiting_payment',
      method: 'konbini',
      slip: {
        store: 'family-mart',
        paymentNumber: '123456789012',
        confirmationNumber: '09012345678',
        amount: 1500,
        currency: 'JPY',
        expiresAt: '2025-03-04T14:59:59.000Z',
        slipUrl: 'https://payments.stripe.com/konbini/voucher/test_YWNjdF8xTmtvbmJpbmk',
      },
    });
  });
});

describe('konbiniSlipOf', () => {
  const intent = () => stripePaymentIntentSchema.parse(konbiniAwaiting());
  const details = (overrides: Partial<Stripe.PaymentIntent.NextAction.KonbiniDisplayDetails> = {}) =>
    konbiniDisplayDetailsSchema.parse(konbiniDetails(overrides));

  it('the chosen chain’s numbers', () => {
    const slip = konbiniSlipOf(intent(), details(), { store: 'lawson' });
    assert.deepEqual([slip?.store, slip?.paymentNumber, slip?.confirmationNumber], ['lawson', '987654', '09012345678']);
    const seicomart = konbiniSlipOf(intent(), details(), { store: 'seicomart' });
    assert.deepEqual([seicomart?.store, seicomart?.paymentNumber], ['seicomart', '5555666677']);
    assert.equal(seicomart && 'confirmationNumber' in seicomart, false);
  });

  it('the chosen chain null → no slip; mapped: store_unavailable on the store field', () => {
    const nulled = details({
      stores: { familymart: { payment_code: '123456789012' }, lawson: null, ministop: null, seicomart: null },
    });
    assert.equal(konbiniSlipOf(intent(), nulled, { store: 'lawson' }), undefined);
    const outcome = map(
      konbiniAwaiting(konbiniDetails({ stores: { familymart: { payment_code: '123456789012' }, lawson: null, ministop: null, seicomart: null } })),
      { store: 'lawson' },
    );
    assert.deepEqual(failure(outcome), { code: 'validation', reason: 'store_unavailable', retryable: true, field: 'store' });
  });

  it('no chain chosen → the first with numbers, in our order', () => {
    const onlyMinistop = details({
      stores: { familymart: null, lawson: null, ministop: { payment_code: '111222', confirmation_number: '0312345678' }, seicomart: null },
    });
    assert.equal(konbiniSlipOf(intent(), onlyMinistop, {})?.store, 'ministop');
  });

  it('a chain Stripe does not have (7-Eleven) → no slip', () => {
    assert.equal(konbiniSlipOf(intent(), details(), { store: 'seven-eleven' }), undefined);
  });

  it('no chain with numbers and none chosen → unexpected_response', () => {
    const outcome = map(konbiniAwaiting(konbiniDetails({ stores: { familymart: null, lawson: null, ministop: null, seicomart: null } })));
    assert.deepEqual([failure(outcome).reason, failure(outcome).providerCode], ['unexpected_response', 'konbini_display_details']);
  });

  it('expires_at (unix seconds) → ISO; the amount and upper-case currency of the intent', () => {
    const slip = konbiniSlipOf(intent(), details({ expires_at: KONBINI_EXPIRES_AT }), {});
    assert.equal(slip?.expiresAt, new Date(KONBINI_EXPIRES_AT * 1000).toISOString());
    assert.equal(Date.parse(slip!.expiresAt), Date.UTC(2025, 2, 4, 14, 59, 59));
    assert.deepEqual([slip?.amount, slip?.currency], [1500, 'JPY']);
  });

  it('the voucher link only when https or on a trusted origin', () => {
    const http = details({ hosted_voucher_url: 'http://127.0.0.1:5173/sandbox/stripe/voucher/1' });
    assert.equal(konbiniSlipOf(intent(), http, {})?.slipUrl, undefined);
    assert.equal(
      konbiniSlipOf(intent(), http, { trustedOrigins: ['http://127.0.0.1:5173'] })?.slipUrl,
      'http://127.0.0.1:5173/sandbox/stripe/voucher/1',
    );
    assert.equal(konbiniSlipOf(intent(), details({ hosted_voucher_url: 'javascript:alert(1)' }), {})?.slipUrl, undefined);
    const none = konbiniSlipOf(intent(), details({ hosted_voucher_url: null }), {});
    assert.ok(none);
    assert.equal('slipUrl' in none, false);
  });
});

describe('mapStripeIntent: SetupIntent', () => {
  it('succeeded → succeeded with the saved payment method id, brand and last four', () => {
    const intent = setupIntent({
      status: 'succeeded',
      payment_method: paymentMethod({ id: 'pm_1QsavedMc4444', card: card({ brand: 'mastercard', last4: '4444' }) }),
    });
    assert.deepEqual(map(intent), {
      status: 'succeeded',
      method: 'card',
      paymentId: 'seti_1QkessaiTest0001',
      paymentMethodId: 'pm_1QsavedMc4444',
      brand: 'mastercard',
      last4: '4444',
    });
  });

  it('succeeded, the payment method not expanded → its id still', () => {
    const outcome = map(setupIntent({ status: 'succeeded', payment_method: 'pm_1QsavedMc4444' }));
    assert.ok(outcome.status === 'succeeded');
    assert.equal(outcome.paymentMethodId, 'pm_1QsavedMc4444');
  });

  it('requires_payment_method after a failed authentication → authentication_failed', () => {
    const lastError: Stripe.SetupIntent.LastSetupError = {
      type: 'invalid_request_error',
      code: 'setup_intent_authentication_failure',
      message: 'We are unable to authenticate your payment method.',
    };
    assert.equal(failure(map(setupIntent({ last_setup_error: lastError }))).reason, 'authentication_failed');
  });

  it('requires_action with use_stripe_sdk → authentication_canceled; canceled → canceled; processing → processing', () => {
    const sdk = setupIntent({ status: 'requires_action', next_action: { type: 'use_stripe_sdk', use_stripe_sdk: {} } });
    assert.equal(failure(map(sdk)).reason, 'authentication_canceled');
    assert.deepEqual(map(setupIntent({ status: 'canceled', cancellation_reason: 'abandoned' })), { status: 'canceled' });
    assert.equal(map(setupIntent({ status: 'processing' })).status, 'processing');
  });
});

describe('mapStripeError: decline codes (docs.stripe.com/declines/codes)', () => {
  const decline = (decline_code: string) =>
    mapStripeError(jsError({ type: 'card_error', code: 'card_declined', decline_code, message: 'Your card was declined.' })).error;
  const cases: [decline: string, code: string, reason: string, field?: string][] = [
    ['generic_decline', 'declined', 'card_declined'],
    ['insufficient_funds', 'declined', 'insufficient_funds'],
    ['lost_card', 'declined', 'card_declined'],
    ['stolen_card', 'declined', 'card_declined'],
    ['fraudulent', 'declined', 'card_declined'],
    ['expired_card', 'declined', 'expired_card', 'expiry'],
    ['incorrect_cvc', 'validation', 'incorrect_cvc', 'cvc'],
    ['incorrect_number', 'validation', 'incorrect_number', 'number'],
    ['card_velocity_exceeded', 'declined', 'over_limit'],
    ['do_not_honor', 'declined', 'contact_issuer'],
    ['call_issuer', 'declined', 'contact_issuer'],
    ['processing_error', 'declined', 'processing_error'],
    ['card_not_supported', 'declined', 'card_not_supported'],
    ['authentication_required', 'authentication', 'authentication_failed'],
  ];
  for (const [code, errorCode, reason, field] of cases) {
    it(`${code} → ${errorCode} / ${reason}`, () => {
      const error = decline(code);
      assert.deepEqual([error.code, error.reason, error.field], [errorCode, reason, field]);
      assert.equal(error.providerCode, code);
      assert.equal(error.providerMessage, 'Your card was declined.');
    });
  }

  it('an unknown decline code falls back on card_declined (the code), then card_error (the type)', () => {
    assert.equal(decline('new_decline_code_2030').reason, 'card_declined');
    const typeOnly = mapStripeError(jsError({ type: 'card_error', decline_code: 'new_decline_code_2030' })).error;
    assert.deepEqual([typeOnly.code, typeOnly.reason, typeOnly.providerCode], ['declined', 'card_declined', 'new_decline_code_2030']);
  });

  it('codes without a decline code: expired_card, incorrect_cvc, incorrect_number as Stripe sends them', () => {
    const expired = mapStripeError(jsError({ type: 'card_error', code: 'expired_card', param: 'exp_month' })).error;
    assert.deepEqual([expired.reason, expired.field, expired.providerCode], ['expired_card', 'expiry', 'expired_card']);
    const cvc = mapStripeError(jsError({ type: 'card_error', code: 'incorrect_cvc', param: 'cvc' })).error;
    assert.deepEqual([cvc.code, cvc.reason, cvc.field], ['validation', 'incorrect_cvc', 'cvc']);
    const number = mapStripeError(jsError({ type: 'card_error', code: 'incorrect_number', param: 'number' })).error;
    assert.deepEqual([number.reason, number.field], ['incorrect_number', 'number']);
  });

  it('Stripe.js’s own field checks (validation_error)', () => {
    const incomplete = mapStripeError(jsError({ type: 'validation_error', code: 'incomplete_number', message: 'Your card number is incomplete.' })).error;
    assert.deepEqual([incomplete.code, incomplete.reason, incomplete.field], ['validation', 'incorrect_number', 'number']);
    const past = mapStripeError(jsError({ type: 'validation_error', code: 'invalid_expiry_year_past' })).error;
    assert.deepEqual([past.reason, past.field], ['incorrect_expiry', 'expiry']);
  });

  it('payment_intent_authentication_failure → authentication_failed, retryable', () => {
    const error = mapStripeError(
      jsError({ type: 'invalid_request_error', code: 'payment_intent_authentication_failure', message: 'We are unable to authenticate your payment method.' }),
    ).error;
    assert.deepEqual([error.code, error.reason, error.retryable], ['authentication', 'authentication_failed', true]);
  });

  it('payment_intent_unexpected_state (already paid or canceled) → session_expired, not retryable', () => {
    const error = mapStripeError(jsError({ type: 'invalid_request_error', code: 'payment_intent_unexpected_state' })).error;
    assert.deepEqual([error.reason, error.retryable], ['session_expired', false]);
  });
});

describe('mapStripeError: every StripeError type', () => {
  const expected: Record<(typeof ERROR_TYPES)[number], [code: string, reason: string, retryable: boolean]> = {
    api_connection_error: ['network', 'network_unreachable', true],
    api_error: ['provider', 'provider_unavailable', true],
    authentication_error: ['configuration', 'configuration_error', false],
    card_error: ['declined', 'card_declined', true],
    idempotency_error: ['internal', 'internal_error', true],
    invalid_request_error: ['configuration', 'configuration_error', false],
    rate_limit_error: ['provider', 'too_many_attempts', true],
    validation_error: ['validation', 'invalid_input', true],
  };
  for (const type of ERROR_TYPES) {
    it(`${type}, no code`, () => {
      const outcome = valid(mapStripeError(jsError({ type })));
      const error = failure(outcome);
      assert.deepEqual([error.code, error.reason, error.retryable], expected[type]);
      assert.equal(error.providerCode, undefined);
    });
  }

  it('a type Stripe may add later falls back on the HTTP status', () => {
    const unknown = { type: 'brand_new_error' };
    assert.equal(mapStripeError(unknown, 503).error.reason, 'provider_unavailable');
    assert.equal(mapStripeError(unknown, 401).error.reason, 'configuration_error');
    assert.equal(mapStripeError(unknown).error.reason, 'processing_error');
  });

  it('an API error body’s nulls are read as absent', () => {
    const body = stripeErrorSchema.parse({ type: 'card_error', code: 'card_declined', decline_code: null, message: null, param: null });
    const error = mapStripeError(body, 402).error;
    assert.deepEqual(error, { code: 'declined', reason: 'card_declined', retryable: true, providerCode: 'card_declined' });
  });
});
