import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Outcome } from '../../../src/core/outcome.ts';
import type { ClientSession, EndpointClient, StatusRequest } from '../../../src/core/protocol.ts';
import type { ResumeContext } from '../../../src/providers/adapter.ts';
import { stripeAdapter } from '../../../src/providers/stripe/adapter.ts';

/**
 * The parts of the Stripe adapter that run without Stripe.js: the return from a redirect (`resume`)
 * and the refusals made before Stripe.js is loaded. Confirming with Stripe.js is the browser tests'.
 */

const PI = 'pi_3QkessaiTest0001';

function session(overrides: Partial<ClientSession> = {}): ClientSession {
  return {
    protocol: 1,
    provider: 'stripe',
    sessionId: PI,
    publicKey: 'pk_test_51QkessaiPublishableKey000',
    apiBase: 'https://api.stripe.com',
    amount: 1500,
    currency: 'JPY',
    mode: 'payment',
    methods: ['card', 'konbini'],
    konbiniStores: ['family-mart', 'lawson', 'ministop', 'seicomart'],
    returnUrl: 'https://shop.example/checkout',
    konbiniFields: { email: 'required', phone: 'optional' },
    cardEntry: 'surface',
    extra: { clientSecret: `${PI}_secret_Zx8Yw7Vu6` },
    ...overrides,
  };
}

function recordingEndpoint(answer: Outcome | Error) {
  const calls: Omit<StatusRequest, 'action' | 'context'>[] = [];
  const endpoint: EndpointClient = {
    complete: () => Promise.reject(new Error('complete is never used with Stripe')),
    status: async (body) => {
      calls.push(body);
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
  return { endpoint, calls };
}

function context(endpoint: EndpointClient, overrides: Partial<ResumeContext> = {}): ResumeContext {
  return {
    session: session(),
    endpoint,
    locale: 'ja',
    pageUrl: 'https://shop.example/checkout?cart=42',
    idempotencyKey: 'idem-4c1e9a',
    signal: new AbortController().signal,
    reference: PI,
    ...overrides,
  };
}

function failure(outcome: Outcome) {
  assert.equal(outcome.status, 'failed', JSON.stringify(outcome));
  return (outcome as Extract<Outcome, { status: 'failed' }>).error;
}

const PAID: Outcome = { status: 'succeeded', method: 'card', paymentId: PI, brand: 'visa', last4: '4242' };

describe('Stripe adapter: resume', () => {
  it('asks the endpoint for the intent’s status; Stripe’s redirect_status is not what decides', async () => {
    const declined: Outcome = { status: 'failed', error: { code: 'declined', reason: 'card_declined', retryable: true } };
    const { endpoint, calls } = recordingEndpoint(declined);
    const params = new URLSearchParams({ payment_intent: PI, payment_intent_client_secret: `${PI}_secret_Zx8Yw7Vu6`, redirect_status: 'succeeded' });
    assert.deepEqual(await stripeAdapter.resume!(context(endpoint), params), declined);
    assert.deepEqual(calls, [{ sessionId: PI, reference: PI }]);
  });

  it('a SetupIntent return', async () => {
    const { endpoint, calls } = recordingEndpoint(PAID);
    const ctx = context(endpoint, { session: session({ sessionId: 'seti_1Q', mode: 'setup' }), reference: undefined });
    assert.equal((await stripeAdapter.resume!(ctx, new URLSearchParams({ setup_intent: 'seti_1Q', redirect_status: 'succeeded' }))).status, 'succeeded');
    assert.deepEqual(calls, [{ sessionId: 'seti_1Q', reference: 'seti_1Q' }]);
  });

  it('a return naming another intent is refused without asking anyone', async () => {
    const { endpoint, calls } = recordingEndpoint(PAID);
    const error = failure(await stripeAdapter.resume!(context(endpoint), new URLSearchParams({ payment_intent: 'pi_someoneElse' })));
    assert.equal(error.providerCode, 'other_intent');
    assert.equal(calls.length, 0);
  });

  it('the endpoint unreachable → endpoint_error, retryable', async () => {
    const { endpoint } = recordingEndpoint(new TypeError('Failed to fetch'));
    const error = failure(await stripeAdapter.resume!(context(endpoint), new URLSearchParams({ payment_intent: PI })));
    assert.deepEqual([error.reason, error.retryable], ['endpoint_error', true]);
  });
});

describe('Stripe adapter: refusals before Stripe.js', () => {
  const konbini = { store: 'lawson', name: 'Yamada Taro', email: 'taro@example.jp', phone: '090-1234-5678' } as const;

  it('konbini at a chain Stripe does not have → store_unavailable', async () => {
    const { endpoint } = recordingEndpoint(PAID);
    const ctx = context(endpoint, { session: session({ konbiniStores: ['seven-eleven', 'lawson'] }) });
    const error = failure(await stripeAdapter.pay.konbini!(ctx, { ...konbini, store: 'seven-eleven' }));
    assert.deepEqual([error.reason, error.field], ['store_unavailable', 'store']);
  });

  it('a client secret of another intent → configuration_error', async () => {
    const { endpoint } = recordingEndpoint(PAID);
    const ctx = context(endpoint, { session: session({ extra: { clientSecret: 'pi_other_secret_x' } }) });
    const error = failure(await stripeAdapter.pay.konbini!(ctx, konbini));
    assert.deepEqual([error.reason, error.providerCode], ['configuration_error', 'client_secret']);
  });

  it('a card typed into our own inputs is refused: Stripe takes card numbers in its own fields only', async () => {
    const { endpoint } = recordingEndpoint(PAID);
    const card = { number: '4242424242424242', expMonth: 12, expYear: 2031, cvc: '123', name: 'YAMADA TARO' };
    const error = failure(await stripeAdapter.pay.card!(context(endpoint), { card }));
    assert.equal(error.reason, 'method_unavailable');
  });
});
