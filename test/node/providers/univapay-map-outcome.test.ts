import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { outcomeSchema, type Outcome } from '../../../src/core/outcome.ts';
import {
  issuerTokenOutcome,
  konbiniSlipFromCharge,
  mapUnivapayCharge,
  mapUnivapayChargeError,
  mapUnivapayError,
  mapUnivapayHttpStatus,
} from '../../../src/providers/univapay/map-outcome.ts';
import {
  univapayChargeSchema,
  univapayErrorBodySchema,
  univapayIssuerTokenSchema,
  univapayTokenSchema,
  type UnivapayCharge,
} from '../../../src/providers/univapay/schemas.ts';
import {
  brandFromUnivapay,
  methodFromUnivapayType,
  storeFromUnivapay,
  univapayStoreValue,
} from '../../../src/providers/univapay/stores.ts';
import { KONBINI_STORES } from '../../../src/core/konbini-stores.ts';

/** A recorded UnivaPay body from `test/fixtures/univapay/`, parsed afresh on each call. */
function fixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`../../fixtures/univapay/${name}.json`, import.meta.url), 'utf8'));
}
function charge(name: string): UnivapayCharge {
  return univapayChargeSchema.parse(fixture(name));
}
function errorBody(name: string) {
  return univapayErrorBodySchema.parse(fixture(name));
}
function issuer(name: string) {
  return univapayIssuerTokenSchema.parse(fixture(name));
}
/** Every outcome must pass the schema the endpoint and the browser check it with. */
function valid(outcome: Outcome): Outcome {
  assert.ok(outcomeSchema.safeParse(outcome).success, JSON.stringify(outcome));
  return outcome;
}
function failure(outcome: Outcome) {
  assert.equal(outcome.status, 'failed', JSON.stringify(outcome));
  return (outcome as Extract<Outcome, { status: 'failed' }>).error;
}

describe('UnivaPay schemas read the recorded shapes', () => {
  for (const name of ['token-card', 'token-konbini-family-mart', 'token-konbini-old-daily-yamazaki']) {
    it(name, () => assert.ok(univapayTokenSchema.safeParse(fixture(name)).success));
  }
  for (const name of ['seed-charge-konbini-awaiting', 'seed-charge-konbini-successful', 'charge-card-pending']) {
    it(name, () => assert.ok(univapayChargeSchema.safeParse(fixture(name)).success));
  }
  it('a charge without an id or a status is refused', () => {
    const body = fixture('charge-card-successful') as Record<string, unknown>;
    delete body['status'];
    assert.equal(univapayChargeSchema.safeParse(body).success, false);
  });
});

describe('mapUnivapayCharge: statuses (README 2.5)', () => {
  const card = { method: 'card', phase: 'complete' } as const;

  it('successful → succeeded with the charge id, brand and last four when given', () => {
    const outcome = valid(
      mapUnivapayCharge(charge('charge-card-successful'), { ...card, card: { brand: 'visa', last4: '0000' } }),
    );
    assert.deepEqual(outcome, {
      status: 'succeeded',
      method: 'card',
      paymentId: '11ed07f5-345d-4308-a4c9-9f6b3663e18f',
      brand: 'visa',
      last4: '0000',
    });
  });

  it('authorized (not captured) → succeeded', () => {
    assert.equal(valid(mapUnivapayCharge(charge('charge-card-authorized'), card)).status, 'succeeded');
  });

  it('pending → processing', () => {
    assert.deepEqual(valid(mapUnivapayCharge(charge('charge-card-pending'), card)), {
      status: 'processing',
      method: 'card',
    });
  });

  it('canceled → canceled', () => {
    assert.deepEqual(mapUnivapayCharge(charge('charge-card-canceled'), card), { status: 'canceled' });
  });

  it('an unknown status → failed unexpected_response naming it', () => {
    const error = failure(valid(mapUnivapayCharge(charge('charge-card-unknown-status'), card)));
    assert.equal(error.reason, 'unexpected_response');
    assert.equal(error.providerCode, 'charge_status_reviewing');
  });

  it('awaiting card on complete → the issuer token as a form POST', () => {
    const outcome = valid(
      mapUnivapayCharge(charge('charge-card-awaiting-3ds'), { ...card, issuerToken: issuer('issuer-token-post') }),
    );
    assert.deepEqual(outcome, {
      status: 'requires_action',
      method: 'card',
      action: {
        type: 'post',
        url: 'https://acs.univapay.example/3ds/challenge/11ed07f5-345d-4308-a4c9-9f6b3663e18f',
        fields: { resource_id: '11ed07f5-345d-4308-a4c9-9f6b3663e18f', resource_type: 'charge' },
      },
    });
  });

  it('awaiting card on complete without its issuer token → unexpected_response', () => {
    assert.equal(failure(mapUnivapayCharge(charge('charge-card-awaiting-3ds'), card)).reason, 'unexpected_response');
  });

  it('awaiting card on status (back without finishing the challenge) → authentication_canceled', () => {
    const error = failure(valid(mapUnivapayCharge(charge('charge-card-awaiting-3ds'), { ...card, phase: 'status' })));
    assert.deepEqual([error.code, error.reason, error.retryable], ['authentication', 'authentication_canceled', true]);
  });

  it('awaiting konbini → the slip, with the seven-eleven slip URL', () => {
    const outcome = valid(
      mapUnivapayCharge(charge('charge-konbini-awaiting-seven-eleven'), {
        method: 'konbini',
        phase: 'complete',
        konbini: { store: 'seven-eleven', expiresAt: '2024-11-12T14:59:59Z' },
      }),
    );
    assert.deepEqual(outcome, {
      status: 'awaiting_payment',
      method: 'konbini',
      slip: {
        store: 'seven-eleven',
        paymentNumber: '1234567890123',
        amount: 1500,
        currency: 'JPY',
        expiresAt: '2024-11-12T14:59:59Z',
        slipUrl: 'https://univapay.example/konbini/slips/1234567890123',
      },
    });
  });

  it('awaiting konbini (lawson) → a slip with the number and no URL', () => {
    const outcome = valid(
      mapUnivapayCharge(charge('charge-konbini-awaiting-lawson'), {
        method: 'konbini',
        phase: 'status',
        konbini: { store: 'lawson', expiresAt: '2022-08-19T14:59:59Z' },
      }),
    );
    assert.equal(outcome.status, 'awaiting_payment');
    if (outcome.status !== 'awaiting_payment') return;
    assert.equal(outcome.slip.paymentNumber, '30010-482913650274');
    assert.equal(outcome.slip.slipUrl, undefined);
  });

  it('awaiting konbini without store and deadline → unexpected_response, never a half slip', () => {
    const error = failure(mapUnivapayCharge(charge('charge-konbini-awaiting-lawson'), { method: 'konbini', phase: 'complete' }));
    assert.equal(error.providerCode, 'konbini_slip');
  });

  it('a konbini charge failed without an error passed its deadline → payment_expired', () => {
    const error = failure(valid(mapUnivapayCharge(charge('charge-konbini-failed-expired'), { method: 'konbini', phase: 'status' })));
    assert.deepEqual([error.code, error.reason, error.retryable], ['declined', 'payment_expired', false]);
  });

  it('a konbini charge paid at the store (seed 001) → succeeded', () => {
    assert.deepEqual(mapUnivapayCharge(charge('seed-charge-konbini-successful'), { method: 'konbini', phase: 'status' }), {
      status: 'succeeded',
      method: 'konbini',
      paymentId: '11ed00f1-f0c4-1ca2-b754-db0d9311d5a0',
    });
  });
});

describe('konbiniSlipFromCharge: the seed 001 charge', () => {
  it('reads the payment number and the (lenient) slip URL of the seed', () => {
    const slip = konbiniSlipFromCharge(charge('seed-charge-konbini-awaiting'), 'family-mart', '2022-08-19T14:59:59Z');
    assert.deepEqual(slip, {
      store: 'family-mart',
      paymentNumber: '20020-123456789012',
      amount: 100,
      currency: 'JPY',
      expiresAt: '2022-08-19T14:59:59Z',
      slipUrl: 'https://example.com/',
    });
  });

  it('drops a slip URL that is not https (javascript:), keeping the slip', () => {
    const slip = konbiniSlipFromCharge(charge('charge-konbini-awaiting-unsafe-url'), 'seven-eleven', '2022-08-19T14:59:59Z');
    assert.ok(slip);
    assert.equal(slip.slipUrl, undefined);
  });

  it('trusts the sandbox origin on plain http only when told', () => {
    const raw = charge('charge-konbini-awaiting-seven-eleven');
    const local: UnivapayCharge = {
      ...raw,
      metadata: { ...raw.metadata, internal_convenience_payment_url: 'http://localhost:5173/sandbox/univapay/slips/x' },
    };
    assert.equal(konbiniSlipFromCharge(local, 'seven-eleven', '2024-11-12T14:59:59Z')?.slipUrl, undefined);
    assert.equal(
      konbiniSlipFromCharge(local, 'seven-eleven', '2024-11-12T14:59:59Z', ['http://localhost:5173'])?.slipUrl,
      'http://localhost:5173/sandbox/univapay/slips/x',
    );
  });

  it('no number, or a deadline that is not a date → no slip', () => {
    assert.equal(konbiniSlipFromCharge(charge('charge-konbini-awaiting-no-number'), 'lawson', '2022-08-19T14:59:59Z'), undefined);
    assert.equal(konbiniSlipFromCharge(charge('seed-charge-konbini-awaiting'), 'lawson', 'next week'), undefined);
  });

  it('a numeric payment number (UnivaPay writes numbers into metadata at times) is read as text', () => {
    const raw = charge('seed-charge-konbini-awaiting');
    const numeric: UnivapayCharge = { ...raw, metadata: { internal_convenience_payment_number: 123456789012 } };
    assert.equal(konbiniSlipFromCharge(numeric, 'seicomart', '2022-08-19T14:59:59Z')?.paymentNumber, '123456789012');
  });
});

describe('issuerTokenOutcome (README 2.6)', () => {
  it('http_get → a redirect with the payload in the query', () => {
    assert.deepEqual(valid(issuerTokenOutcome(issuer('issuer-token-get'))), {
      status: 'requires_action',
      method: 'card',
      action: {
        type: 'redirect',
        url: 'https://acs.univapay.example/3ds/challenge?resource_id=11ed07f5-345d-4308-a4c9-9f6b3663e18f&resource_type=charge',
      },
    });
  });

  it('an http issuer URL is refused (unsafe_redirect), unless its origin is trusted', () => {
    assert.equal(failure(issuerTokenOutcome(issuer('issuer-token-http'))).reason, 'unsafe_redirect');
    assert.equal(issuerTokenOutcome(issuer('issuer-token-http'), ['http://acs.univapay.example']).status, 'requires_action');
  });

  it('a javascript: issuer URL is refused even when "trusted"', () => {
    const evil = { ...issuer('issuer-token-post'), issuer_token: 'javascript:alert(1)' };
    assert.equal(failure(issuerTokenOutcome(evil, ['null'])).reason, 'unsafe_redirect');
  });

  it('a call method a browser form cannot follow (sdk) → unexpected_response', () => {
    assert.equal(failure(issuerTokenOutcome(issuer('issuer-token-sdk'))).providerCode, 'call_method_sdk');
  });

  it('a JSON content type cannot be posted by a form → unexpected_response', () => {
    const json = { ...issuer('issuer-token-post'), content_type: 'application/json' };
    assert.equal(failure(issuerTokenOutcome(json)).providerCode, 'issuer_content_type');
  });

  it('payload values that are not strings are passed as text', () => {
    const mixed = { ...issuer('issuer-token-post'), payload: { a: 1, b: true, c: null, d: { e: 'f' } } };
    const outcome = issuerTokenOutcome(mixed);
    assert.ok(outcome.status === 'requires_action' && outcome.action.type === 'post');
    assert.deepEqual(outcome.action.fields, { a: '1', b: 'true', d: '{"e":"f"}' });
  });
});

describe('mapUnivapayChargeError: numeric codes (README 2.8)', () => {
  const table: [code: number, errorCode: string, reason: string, field?: string][] = [
    [301, 'validation', 'incorrect_number', 'number'],
    [302, 'validation', 'incorrect_expiry', 'expiry'],
    [303, 'validation', 'incorrect_expiry', 'expiry'],
    [304, 'declined', 'expired_card', 'expiry'],
    [305, 'validation', 'incorrect_cvc', 'cvc'],
    [306, 'declined', 'card_declined'],
    [307, 'declined', 'invalid_card'],
    [308, 'declined', 'card_declined'],
    [309, 'declined', 'card_declined'],
    [315, 'declined', 'contact_issuer'],
    [330, 'declined', 'insufficient_funds'],
    [336, 'declined', 'over_limit'],
    [337, 'declined', 'over_limit'],
    [356, 'authentication', 'authentication_failed'],
    [358, 'authentication', 'authentication_failed'],
    [359, 'authentication', 'authentication_failed'],
    [500, 'provider', 'provider_unavailable'],
    [501, 'provider', 'provider_unavailable'],
    [502, 'provider', 'provider_unavailable'],
    [398, 'declined', 'card_declined'],
    [601, 'provider', 'processing_error'],
    [999, 'provider', 'processing_error'],
  ];
  for (const [code, errorCode, reason, field] of table) {
    it(`${code} → ${errorCode} ${reason}${field ? ` (${field})` : ''}, keeping the code`, () => {
      const outcome = valid(mapUnivapayChargeError({ code, message: 'X' }, 'card'));
      const error = failure(outcome);
      assert.equal(error.code, errorCode);
      assert.equal(error.reason, reason);
      assert.equal(error.field, field);
      assert.equal(error.providerCode, String(code));
      assert.equal(error.providerMessage, 'X');
      assert.equal(error.retryable, true);
    });
  }

  it('reads a code sent as a string', () => {
    assert.equal(failure(mapUnivapayChargeError({ code: '330' }, 'card')).reason, 'insufficient_funds');
  });

  it('recorded charges: failed 306, failed 358, error 502', () => {
    const card = { method: 'card', phase: 'complete' } as const;
    assert.equal(failure(mapUnivapayCharge(charge('charge-card-failed-306'), card)).reason, 'card_declined');
    assert.equal(failure(mapUnivapayCharge(charge('charge-card-failed-330'), card)).reason, 'insufficient_funds');
    assert.equal(failure(mapUnivapayCharge(charge('charge-card-failed-358'), card)).reason, 'authentication_failed');
    const error = failure(mapUnivapayCharge(charge('charge-card-error-502'), card));
    assert.deepEqual([error.code, error.reason, error.retryable], ['provider', 'provider_unavailable', true]);
    assert.equal(failure(mapUnivapayCharge(charge('charge-card-failed-unknown-code'), card)).providerCode, '398');
  });

  it('a card charge failed or errored without an error object', () => {
    assert.equal(failure(mapUnivapayChargeError(null, 'card', 'failed')).reason, 'card_declined');
    assert.equal(failure(mapUnivapayChargeError(undefined, 'card', 'error')).reason, 'processing_error');
  });
});

describe('mapUnivapayError: HTTP error bodies (README 2.8)', () => {
  const table: [fixture: string, status: number, code: string, reason: string, retryable: boolean, field?: string][] = [
    ['error-invalid-domain', 401, 'configuration', 'configuration_error', false],
    ['error-invalid-app-token', 401, 'configuration', 'configuration_error', false],
    ['error-invalid-credentials', 401, 'configuration', 'configuration_error', false],
    ['error-direct-card-disabled', 401, 'configuration', 'configuration_error', false],
    ['error-convenience-disabled', 400, 'configuration', 'method_unavailable', false],
    ['error-too-many-requests', 429, 'provider', 'too_many_attempts', true],
    ['error-charge-too-quick', 400, 'declined', 'too_many_attempts', true],
    ['error-service-unavailable', 503, 'provider', 'provider_unavailable', true],
    ['error-validation-card-number', 400, 'validation', 'incorrect_number', true, 'number'],
    ['error-validation-cvv', 400, 'validation', 'incorrect_cvc', true, 'cvc'],
    ['error-validation-exp-year', 400, 'validation', 'incorrect_expiry', true, 'expiry'],
    ['error-validation-phone', 400, 'validation', 'invalid_phone', true, 'phone'],
    ['error-validation-email', 400, 'validation', 'invalid_email', true, 'email'],
    ['error-validation-mixed', 400, 'validation', 'invalid_input', true, 'name'],
    ['error-validation-amount', 400, 'configuration', 'configuration_error', false],
    ['error-validation-empty', 400, 'validation', 'invalid_input', true],
    ['error-unknown-code', 400, 'provider', 'processing_error', true],
    ['error-unknown-code', 401, 'configuration', 'configuration_error', false],
    ['error-unknown-code', 502, 'provider', 'provider_unavailable', true],
    ['error-not-found', 404, 'configuration', 'session_expired', false],
  ];
  for (const [name, status, code, reason, retryable, field] of table) {
    it(`${name} (HTTP ${status}) → ${code} ${reason}`, () => {
      const body = errorBody(name);
      const error = failure(valid(mapUnivapayError(body, status)));
      assert.equal(error.code, code);
      assert.equal(error.reason, reason);
      assert.equal(error.retryable, retryable);
      assert.equal(error.field, field);
      assert.equal(error.providerCode, body.code);
    });
  }

  it('keeps field and reason for support', () => {
    const error = failure(mapUnivapayError(errorBody('error-validation-card-number'), 400));
    assert.equal(error.providerMessage, 'data.card_number: INVALID_CARD_NUMBER');
  });

  it('an HTTP error without a UnivaPay body is sorted by status', () => {
    assert.deepEqual(failure(mapUnivapayHttpStatus(503)), {
      code: 'provider',
      reason: 'provider_unavailable',
      retryable: true,
      providerCode: 'http_503',
    });
    assert.equal(failure(mapUnivapayHttpStatus(429)).reason, 'too_many_attempts');
    assert.equal(failure(mapUnivapayHttpStatus(403)).code, 'configuration');
  });
});

describe('UnivaPay stores, methods and brands', () => {
  it('maps every store both ways (README 6)', () => {
    assert.deepEqual(
      KONBINI_STORES.map((store) => univapayStoreValue(store)),
      ['seven_eleven', 'family_mart', 'lawson', 'mini_stop', 'daily_yamazaki', 'seico_mart'],
    );
    for (const store of KONBINI_STORES) assert.equal(storeFromUnivapay(univapayStoreValue(store)), store);
    assert.equal(storeFromUnivapay('yamazaki_daily_store'), 'daily-yamazaki');
    assert.equal(storeFromUnivapay('pay_easy'), undefined);
    assert.equal(storeFromUnivapay(null), undefined);
  });

  it('reads the store of a recorded konbini token', () => {
    const token = univapayTokenSchema.parse(fixture('token-konbini-family-mart'));
    assert.equal(storeFromUnivapay(token.data?.convenience_store), 'family-mart');
    assert.equal(methodFromUnivapayType(token.payment_type), 'konbini');
    assert.equal(methodFromUnivapayType('paidy'), undefined);
  });

  it('maps brands onto the core ids', () => {
    assert.deepEqual(
      ['visa', 'mastercard', 'jcb', 'american_express', 'diners_club', 'discover', 'union_pay'].map(brandFromUnivapay),
      ['visa', 'mastercard', 'jcb', 'amex', 'diners', 'discover', 'union-pay'],
    );
  });
});
