import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { isCardBrand, type CardBrand } from '../../../src/core/card/brand.ts';
import type { ErrorCode, FailureReason } from '../../../src/core/errors.ts';
import { outcomeSchema, type Outcome } from '../../../src/core/outcome.ts';
import {
  konbiniSlipFromPayment,
  mapKomojuError,
  mapKomojuHttpStatus,
  mapKomojuPayResponse,
  mapKomojuPayment,
  mapKomojuSession,
} from '../../../src/providers/komoju/map-outcome.ts';
import {
  komojuErrorBodySchema,
  komojuPayResponseSchema,
  komojuPaymentSchema,
  komojuSecureTokenSchema,
  komojuSessionSchema,
  type KomojuErrorBody,
  type KomojuPayResponse,
  type KomojuPayment,
  type KomojuSession,
} from '../../../src/providers/komoju/schemas.ts';
import { brandFromKomoju } from '../../../src/providers/komoju/stores.ts';
import { komojuFixture } from './komoju-fixtures.ts';

const payment = (name: string) => komojuPaymentSchema.parse(komojuFixture(name)) as KomojuPayment;
const session = (name: string) => komojuSessionSchema.parse(komojuFixture(name)) as KomojuSession;
const payResponse = (name: string) =>
  komojuPayResponseSchema.parse(komojuFixture(name)) as KomojuPayResponse;
const errorBody = (name: string) => komojuErrorBodySchema.parse(komojuFixture(name)) as KomojuErrorBody;

function assertValid(outcome: Outcome): void {
  const parsed = outcomeSchema.safeParse(outcome);
  assert.ok(parsed.success, `not a valid Outcome: ${JSON.stringify(outcome)}`);
}

describe('KOMOJU fixtures', () => {
  it('every recorded body parses with the schema of its kind', () => {
    const dir = new URL('../../fixtures/komoju/', import.meta.url);
    const names = readdirSync(dir)
      .filter((file) => file.endsWith('.json'))
      .map((file) => file.slice(0, -5));
    assert.ok(names.length >= 30);
    for (const name of names) {
      const body = komojuFixture(name);
      const schema = name.startsWith('session-')
        ? komojuSessionSchema
        : name.startsWith('pay-')
          ? komojuPayResponseSchema
          : name.startsWith('payment-')
            ? komojuPaymentSchema
            : name.startsWith('secure-token-')
              ? komojuSecureTokenSchema
              : komojuErrorBodySchema;
      assert.ok(schema.safeParse(body).success, `${name} does not parse`);
    }
  });

  it('loose schemas keep unknown fields and refuse a missing status', () => {
    const body = { ...komojuFixture('payment-cancelled'), brand_new_field: { x: 1 } };
    assert.equal(komojuPaymentSchema.safeParse(body).success, true);
    const { status: _status, ...noStatus } = komojuFixture('payment-cancelled');
    assert.equal(komojuPaymentSchema.safeParse(noStatus).success, false);
  });
});

describe('mapKomojuError (table)', () => {
  const rows: ReadonlyArray<
    readonly [fixture: string, http: number, code: ErrorCode, reason: FailureReason, retryable: boolean, field?: string]
  > = [
    ['error-insufficient-funds', 502, 'declined', 'insufficient_funds', true],
    ['error-exceeds-limit', 502, 'declined', 'over_limit', true],
    ['error-bad-verification-value', 502, 'validation', 'incorrect_cvc', true, 'cvc'],
    ['error-card-expired', 502, 'declined', 'expired_card', true, 'expiry'],
    ['error-card-declined', 502, 'declined', 'card_declined', true],
    ['error-invalid-number', 422, 'validation', 'incorrect_number', true, 'number'],
    ['error-unauthorized', 401, 'configuration', 'configuration_error', false],
    ['error-forbidden', 403, 'configuration', 'configuration_error', false],
    ['error-not-found', 404, 'configuration', 'session_expired', false],
    ['error-internal-server-error', 500, 'provider', 'provider_unavailable', true],
    ['error-bad-gateway', 502, 'provider', 'provider_unavailable', true],
    ['error-missing-parameter-email', 422, 'validation', 'invalid_email', true, 'email'],
    ['error-invalid-parameter-amount', 422, 'configuration', 'configuration_error', false],
    ['error-unsupported-card-brand', 422, 'declined', 'card_not_supported', true, 'number'],
    ['error-three-d-secure-failed', 422, 'authentication', 'authentication_failed', true],
    ['error-unknown-code', 422, 'provider', 'processing_error', true],
  ];

  for (const [fixture, http, code, reason, retryable, field] of rows) {
    it(`${fixture} (HTTP ${http}) → ${code}/${reason}`, () => {
      const body = errorBody(fixture);
      const outcome = mapKomojuError(body.error, http);
      assertValid(outcome);
      assert.equal(outcome.error.code, code);
      assert.equal(outcome.error.reason, reason);
      assert.equal(outcome.error.retryable, retryable);
      assert.equal(outcome.error.field, field);
      assert.ok(typeof body.error !== 'string');
      assert.equal(outcome.error.providerCode, body.error.code);
      assert.equal(outcome.error.providerMessage, body.error.message);
    });
  }

  it('the code wins over the HTTP status (declines come as 502)', () => {
    const outcome = mapKomojuError(errorBody('error-card-declined').error, 502);
    assert.equal(outcome.error.reason, 'card_declined');
  });

  it('an unknown code falls back on the HTTP status', () => {
    const unknown = errorBody('error-unknown-code').error;
    assert.equal(mapKomojuError(unknown, 503).error.reason, 'provider_unavailable');
    assert.equal(mapKomojuError(unknown, 503).error.retryable, true);
    assert.equal(mapKomojuError(unknown, 401).error.code, 'configuration');
    assert.equal(mapKomojuError(unknown, 429).error.reason, 'too_many_attempts');
    assert.equal(mapKomojuError(unknown, 402).error.reason, 'processing_error');
  });

  it('accepts the spelling exceeded_limit and 3-D Secure codes it has not seen', () => {
    assert.equal(mapKomojuError({ code: 'exceeded_limit' }).error.reason, 'over_limit');
    const tds = mapKomojuError({ code: 'three_d_secure_authentication_rejected' }, 422);
    assert.equal(tds.error.code, 'authentication');
    assert.equal(tds.error.reason, 'authentication_failed');
  });

  it('maps parameter errors to the field the shopper typed', () => {
    const cases: ReadonlyArray<readonly [string, string, FailureReason]> = [
      ['payment_details[number]', 'number', 'incorrect_number'],
      ['payment_details.verification_value', 'cvc', 'incorrect_cvc'],
      ['payment_details[month]', 'expiry', 'incorrect_expiry'],
      ['year', 'expiry', 'incorrect_expiry'],
      ['payment_details[phone]', 'phone', 'invalid_phone'],
      ['payment_details[store]', 'store', 'store_unavailable'],
    ];
    for (const [param, field, reason] of cases) {
      const outcome = mapKomojuError({ code: 'invalid_parameter', message: 'x', param }, 422);
      assert.equal(outcome.error.field, field, param);
      assert.equal(outcome.error.reason, reason, param);
      assert.equal(outcome.error.code, 'validation', param);
    }
  });

  it('a bare string error keeps its text as the provider message', () => {
    const outcome = mapKomojuError('Something odd happened', 500);
    assert.equal(outcome.error.reason, 'provider_unavailable');
    assert.equal(outcome.error.providerMessage, 'Something odd happened');
  });

  it('an HTTP failure without a KOMOJU body maps by status', () => {
    assert.equal(mapKomojuHttpStatus(503).error.reason, 'provider_unavailable');
    assert.equal(mapKomojuHttpStatus(503).error.retryable, true);
    assert.equal(mapKomojuHttpStatus(401).error.code, 'configuration');
    assert.equal(mapKomojuHttpStatus(503).error.providerCode, 'http_503');
  });
});

describe('mapKomojuPayment (table)', () => {
  const rows: ReadonlyArray<readonly [fixture: string, expected: Outcome]> = [
    ['payment-cancelled', { status: 'canceled' }],
    ['payment-refunded', { status: 'canceled' }],
    [
      'payment-expired',
      {
        status: 'failed',
        error: { code: 'declined', reason: 'payment_expired', retryable: false, providerCode: 'expired' },
      },
    ],
    [
      'payment-failed',
      {
        status: 'failed',
        error: { code: 'declined', reason: 'card_declined', retryable: true, providerCode: 'failed' },
      },
    ],
    [
      'payment-konbini-captured',
      { status: 'succeeded', method: 'konbini', paymentId: 'dy9e1bjo86xc7d6362gkb7jkx' },
    ],
  ];
  for (const [fixture, expected] of rows) {
    it(`${fixture} → ${expected.status}`, () => {
      const outcome = mapKomojuPayment(payment(fixture));
      assertValid(outcome);
      assert.deepEqual(outcome, expected);
    });
  }

  it('a pending card payment is processing', () => {
    const pending = { ...payment('payment-failed'), status: 'pending' };
    assert.deepEqual(mapKomojuPayment(pending), { status: 'processing', method: 'card' });
  });

  it('an unknown status is an unexpected response, not a guess', () => {
    const odd = { ...payment('payment-failed'), status: 'teleported' };
    const outcome = mapKomojuPayment(odd);
    assert.equal(outcome.status, 'failed');
    assert.equal(outcome.status === 'failed' && outcome.error.reason, 'unexpected_response');
  });

  it('the older konbini answer (pending with a receipt) is a slip too', () => {
    const outcome = mapKomojuPayment(payment('payment-konbini-seicomart-pending'));
    assertValid(outcome);
    assert.deepEqual(outcome, {
      status: 'awaiting_payment',
      method: 'konbini',
      slip: {
        store: 'seicomart',
        paymentNumber: '12345678901',
        amount: 330,
        currency: 'JPY',
        expiresAt: '2018-11-16T14:59:59Z',
        slipUrl: 'https://komoju.com/ja/instructions/dy9e1bjo86xc7d6362gkb7jkx',
      },
    });
  });
});

describe('mapKomojuPayResponse (table)', () => {
  it('completed + captured card → succeeded with brand and last 4', () => {
    const outcome = mapKomojuPayResponse(payResponse('pay-card-captured'), { method: 'card' });
    assertValid(outcome);
    assert.deepEqual(outcome, {
      status: 'succeeded',
      method: 'card',
      paymentId: 'b3rqo3fn6p8oa2hlqqaa6y8sm',
      brand: 'visa',
      last4: '1111',
    });
  });

  it('completed + authorized card (manual capture) → succeeded, brand normalized', () => {
    const outcome = mapKomojuPayResponse(payResponse('pay-card-authorized-manual-capture'));
    assert.deepEqual(outcome, {
      status: 'succeeded',
      method: 'card',
      paymentId: 'b3rqo3fn6p8oa2hlqqaa6y8sm',
      brand: 'mastercard',
      last4: '4444',
    });
  });

  it('completed + authorized konbini → awaiting_payment with the slip (Lawson)', () => {
    const outcome = mapKomojuPayResponse(payResponse('pay-konbini-lawson'), { method: 'konbini' });
    assertValid(outcome);
    assert.deepEqual(outcome, {
      status: 'awaiting_payment',
      method: 'konbini',
      slip: {
        store: 'lawson',
        paymentNumber: '12345678901',
        confirmationNumber: '1111',
        amount: 1690,
        currency: 'JPY',
        expiresAt: '2025-03-04T14:59:59Z',
        slipUrl: 'https://komoju.com/ja/instructions/dy9e1bjo86xc7d6362gkb7jkx',
      },
    });
  });

  it('7-Eleven without a confirmation code has none on the slip', () => {
    const outcome = mapKomojuPayResponse(payResponse('pay-konbini-seven-eleven'));
    assert.equal(outcome.status, 'awaiting_payment');
    if (outcome.status !== 'awaiting_payment') return;
    assert.equal(outcome.slip.store, 'seven-eleven');
    assert.equal('confirmationNumber' in outcome.slip, false);
  });

  it('pending with a redirect_url → requires_action redirect', () => {
    const outcome = mapKomojuPayResponse(payResponse('pay-card-pending-3ds'), { method: 'card' });
    assertValid(outcome);
    assert.deepEqual(outcome, {
      status: 'requires_action',
      method: 'card',
      action: { type: 'redirect', url: 'https://komoju.com/three_d_secure/acs/8x2j4hq0c1r3?locale=ja' },
    });
  });

  it('a javascript: or plain-http redirect is refused unless its origin is trusted', () => {
    const base = payResponse('pay-card-pending-3ds');
    for (const url of ['javascript:alert(1)', 'data:text/html,hi', 'http://evil.example/acs']) {
      const outcome = mapKomojuPayResponse({ ...base, redirect_url: url }, { method: 'card' });
      assert.equal(outcome.status, 'failed', url);
      assert.equal(outcome.status === 'failed' && outcome.error.reason, 'unsafe_redirect', url);
    }
    const sandbox = mapKomojuPayResponse(
      { ...base, redirect_url: 'http://localhost:5173/sandbox/komoju/acs/1' },
      { method: 'card', trustedOrigins: ['http://localhost:5173'] },
    );
    assert.equal(sandbox.status, 'requires_action');
  });

  it('an error in a 200 body → failed with its code', () => {
    const outcome = mapKomojuPayResponse(payResponse('pay-error-in-body'), { method: 'card' });
    assertValid(outcome);
    assert.equal(outcome.status === 'failed' && outcome.error.reason, 'card_declined');
  });

  it('a slip link that is not https is dropped; a slip that cannot be built is a failure', () => {
    const body = payResponse('pay-konbini-lawson');
    const p = body.payment as KomojuPayment;
    const details = { ...p.payment_details, type: 'konbini', instructions_url: 'javascript:alert(1)' };
    const slip = konbiniSlipFromPayment({ ...p, payment_details: details });
    assert.ok(slip);
    assert.equal(slip.slipUrl, undefined);
    const unknownStore = { ...p, payment_details: { ...details, store: 'circle-k' } };
    const outcome = mapKomojuPayResponse({ ...body, payment: unknownStore });
    assert.equal(outcome.status === 'failed' && outcome.error.reason, 'unexpected_response');
    const noDeadline = { ...p, payment_deadline: null };
    assert.equal(konbiniSlipFromPayment(noDeadline), undefined);
  });
});

describe('mapKomojuSession (table)', () => {
  const rows: ReadonlyArray<readonly [fixture: string, status: Outcome['status'], reason?: FailureReason]> = [
    ['session-completed-card', 'succeeded'],
    ['session-completed-konbini-lawson', 'awaiting_payment'],
    ['session-cancelled', 'canceled'],
    ['session-expired', 'failed', 'session_expired'],
    ['session-pending-payment-failed', 'failed', 'card_declined'],
    ['session-created', 'failed', 'authentication_canceled'],
  ];
  for (const [fixture, status, reason] of rows) {
    it(`${fixture} → ${status}${reason ? `/${reason}` : ''}`, () => {
      const outcome = mapKomojuSession(session(fixture));
      assertValid(outcome);
      assert.equal(outcome.status, status);
      if (reason) assert.equal(outcome.status === 'failed' && outcome.error.reason, reason);
    });
  }

  it('a session the schema lists as expired is expired', () => {
    const outcome = mapKomojuSession({ ...session('session-created'), status: 'expired' });
    assert.equal(outcome.status === 'failed' && outcome.error.reason, 'session_expired');
    assert.equal(outcome.status === 'failed' && outcome.error.retryable, false);
  });
});

describe('brandFromKomoju', () => {
  it('maps KOMOJU brand slugs onto the card fields brand ids', () => {
    const rows: ReadonlyArray<readonly [string, CardBrand | string]> = [
      ['visa', 'visa'],
      ['master', 'mastercard'],
      ['jcb', 'jcb'],
      ['american_express', 'amex'],
      ['diners_club', 'diners'],
      ['discover', 'discover'],
      ['Unionpay', 'unionpay'],
    ];
    for (const [komoju, ours] of rows) assert.equal(brandFromKomoju(komoju), ours, komoju);
    for (const [, ours] of rows.slice(0, 6)) assert.ok(isCardBrand(ours), ours);
  });
});
