import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import Stripe from 'stripe';
import {
  createKessaiWebhookHandler,
  createStripeWebhookProvider,
  type KessaiWebhookEvent,
  type StripeWebhookConfig,
} from '../../../src/server/index.ts';
import {
  CREATED,
  event,
  konbiniAwaiting,
  konbiniPaymentMethod,
  paymentIntent,
  paymentMethod,
} from '../providers/stripe-fixtures.ts';
import { conformance } from '../conformance/checks.ts';
import { LeakRecorder, recordingCallback } from './webhooks-support.ts';

/**
 * Stripe's webhooks through `createKessaiWebhookHandler`. The signatures are stripe-node's
 * (`stripe.webhooks.generateTestHeaderString`), and stripe-node's own verifier
 * (`stripe.webhooks.signature.verifyHeader`) is the judge of which headers are good.
 */

const SECRET = 'whsec_kessaiTest1f2e3d4c5b6a7980';
const URL_BASE = 'https://shop.example/webhooks/stripe';
const stripe = new Stripe('sk_test_51QkessaiSecretKeyForTests00');
const recorder = new LeakRecorder();
const sentSignatures: string[] = [];

const nowSeconds = () => Math.floor(Date.now() / 1000);

function header(payload: string, options: { secret?: string; timestamp?: number } = {}): string {
  const signature = stripe.webhooks.generateTestHeaderString({
    payload,
    secret: options.secret ?? SECRET,
    timestamp: options.timestamp ?? nowSeconds(),
  });
  sentSignatures.push(signature);
  return signature;
}

interface SendOptions {
  /** Default: stripe-node's header for the body, now, with SECRET; null: none. */
  signature?: string | null;
  /** Send these bytes instead of the text (after signing the text). */
  raw?: string;
}

function setup(overrides: Partial<StripeWebhookConfig> = {}) {
  const callback = recordingCallback();
  const handler = createKessaiWebhookHandler({
    provider: 'stripe',
    signingSecret: SECRET,
    onEvent: callback.onEvent,
    onLog: recorder.onLog,
    ...overrides,
  });
  async function send(label: string, body: unknown, options: SendOptions = {}): Promise<Response> {
    const text = typeof body === 'string' ? body : JSON.stringify(body, null, 2);
    const signature = options.signature === undefined ? header(text) : options.signature;
    const headers = new Headers({ 'Content-Type': 'application/json; charset=utf-8', 'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)' });
    if (signature !== null) headers.set('Stripe-Signature', signature);
    const response = await handler(new Request(URL_BASE, { method: 'POST', headers, body: options.raw ?? text }));
    return recorder.record(label, response);
  }
  return { callback, handler, send };
}

/** stripe-node's verdict on a header (tolerance 300 s, as its constructEvent). */
function stripeNodeAccepts(payload: string, signature: string, secret = SECRET, receivedAtMs = Date.now()): boolean {
  try {
    stripe.webhooks.signature!.verifyHeader(payload, signature, secret, 300, undefined, receivedAtMs);
    return true;
  } catch {
    return false;
  }
}

const succeeded = () =>
  event(
    'payment_intent.succeeded',
    paymentIntent({
      status: 'succeeded',
      amount_received: 1500,
      payment_method: 'pm_1QcardVisa4242',
      payment_method_types: ['card'],
      metadata: { order_id: 'order-42', cart: '7' },
      latest_charge: 'ch_3QkessaiTest0001',
    }),
    { id: 'evt_3QsucceededCard01' },
  );

describe('Stripe webhooks: the signature', () => {
  it('a header from stripe-node is accepted, and the event delivered', async () => {
    const { send, callback } = setup();
    const body = JSON.stringify(succeeded(), null, 2);
    const signature = header(body);
    assert.ok(stripeNodeAccepts(body, signature));
    const response = await send('signed', body, { signature });
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { ok: true, result: 'delivered' });
    assert.equal(callback.events.length, 1);
  });

  conformance('stripe.server.webhook-signature', async () => {
    const body = JSON.stringify(succeeded());
    const now = nowSeconds();
    const good = header(body, { timestamp: now });
    const hex = good.split('v1=')[1]!;
    const cases: [label: string, signature: string, payload?: string][] = [
      ['another secret', header(body, { secret: 'whsec_someoneElse000000000000' })],
      ['the secret without whsec_', header(body, { secret: SECRET.slice('whsec_'.length) })],
      ['stale (301 s)', header(body, { timestamp: now - 301 })],
      ['stale (a day)', header(body, { timestamp: now - 86_400 })],
      ['the timestamp changed', `t=${now - 1},v1=${hex}`],
      ['one byte of the body changed', good, body.replace('"amount":1500', '"amount":1600')],
      ['a trailing newline', good, `${body}\n`],
      ['v0 only', `t=${now},v0=${hex}`],
      ['no timestamp', `v1=${hex}`],
      ['no v1', `t=${now}`],
      ['a short signature', `t=${now},v1=${hex.slice(0, 62)}`],
      ['not hex', `t=${now},v1=${'zz'.repeat(32)}`],
      ['garbage', 'garbage'],
    ];
    for (const [label, signature, payload = body] of cases) {
      assert.equal(stripeNodeAccepts(payload, signature), false, `stripe-node accepts ${label}?`);
      const { send, callback } = setup();
      const response = await send(label, body, { signature, raw: payload });
      assert.equal(response.status, 401, label);
      assert.deepEqual(await response.json(), { error: { code: 'unauthorized', message: 'Stripe-Signature does not match.' } }, label);
      assert.equal(callback.events.length, 0, label);
    }
  });

  it('within the tolerance, several v1 (a secret being rolled), extra schemes: accepted, as by stripe-node', async () => {
    const body = JSON.stringify(succeeded());
    const now = nowSeconds();
    const old = header(body, { secret: 'whsec_theOldSecret0000000000000', timestamp: now }).split('v1=')[1]!;
    const current = header(body, { timestamp: now }).split('v1=')[1]!;
    const cases: [string, string][] = [
      ['200 s old', header(body, { timestamp: now - 200 })],
      ['the old secret’s v1 first', `t=${now},v1=${old},v1=${current}`],
      ['with a v0', `t=${now},v1=${current},v0=${'0'.repeat(64)}`],
    ];
    for (const [label, signature] of cases) {
      assert.ok(stripeNodeAccepts(body, signature), label);
      const { send, callback } = setup();
      assert.equal((await send(label, body, { signature, raw: body })).status, 200, label);
      assert.equal(callback.events.length, 1, label);
    }
  });

  it('the 300 s tolerance at its edge, on the provider’s clock; toleranceSeconds changes it', async () => {
    const body = new TextEncoder().encode('{}');
    const t = 1_740_787_200;
    const signature = stripe.webhooks.generateTestHeaderString({ payload: '{}', secret: SECRET, timestamp: t });
    const at = (seconds: number, tolerance?: number) =>
      createStripeWebhookProvider({ provider: 'stripe', signingSecret: SECRET, onEvent: () => undefined, ...(tolerance ? { toleranceSeconds: tolerance } : {}) }, () => (t + seconds) * 1000)
        .authenticate(new Headers({ 'stripe-signature': signature }), body);
    assert.equal(await at(0), 'ok');
    assert.equal(await at(300), 'ok');
    assert.ok(stripeNodeAccepts('{}', signature, SECRET, (t + 300) * 1000));
    assert.equal(await at(301), 'invalid');
    assert.ok(!stripeNodeAccepts('{}', signature, SECRET, (t + 301) * 1000));
    assert.equal(await at(600, 900), 'ok');
  });

  it('a missing Stripe-Signature is 401 "missing"', async () => {
    const { send, callback } = setup();
    const response = await send('missing', succeeded(), { signature: null });
    assert.equal(response.status, 401);
    assert.deepEqual(await response.json(), { error: { code: 'unauthorized', message: 'Stripe-Signature is missing.' } });
    assert.equal(callback.events.length, 0);
  });

  it('refuses an empty signing secret when the handler is made', () => {
    assert.throws(() => createKessaiWebhookHandler({ provider: 'stripe', signingSecret: '', onEvent: () => undefined }), /signingSecret/);
  });
});

describe('Stripe webhooks: events', () => {
  it('payment_intent.succeeded → one normalized event', async () => {
    const { send, callback } = setup();
    const response = await send('succeeded', succeeded());
    assert.equal(response.status, 200);
    assert.deepEqual(callback.events, [
      {
        provider: 'stripe',
        deliveryId: 'evt_3QsucceededCard01',
        type: 'payment_intent.succeeded',
        paymentId: 'pi_3QkessaiTest0001',
        sessionId: 'pi_3QkessaiTest0001',
        orderId: 'order-42',
        status: 'succeeded',
        amount: 1500,
        currency: 'JPY',
        method: 'card',
        occurredAt: new Date((CREATED + 60) * 1000).toISOString(),
      },
    ] satisfies KessaiWebhookEvent[]);
  });

  it('a konbini payment paid → succeeded konbini', async () => {
    const { send, callback } = setup();
    const paid = paymentIntent({ id: 'pi_konbiniPaid', status: 'succeeded', payment_method: 'pm_1QkonbiniLawson', payment_method_types: ['konbini'] });
    assert.equal((await send('konbini paid', event('payment_intent.succeeded', paid, { id: 'evt_konbini_paid' }))).status, 200);
    assert.deepEqual(callback.events.map((e) => [e.status, e.method, e.paymentId]), [['succeeded', 'konbini', 'pi_konbiniPaid']]);
  });

  it('payment_intent.canceled of a konbini intent → expired; of a card intent → canceled', async () => {
    const { send, callback } = setup();
    const konbini = paymentIntent({ id: 'pi_konbiniLate', status: 'canceled', cancellation_reason: 'expired', payment_method_types: ['konbini'] });
    const cardIntent = paymentIntent({ id: 'pi_cardCanceled', status: 'canceled', cancellation_reason: 'requested_by_customer', payment_method_types: ['card'] });
    assert.equal((await send('konbini canceled', event('payment_intent.canceled', konbini, { id: 'evt_konbini_canceled' }))).status, 200);
    assert.equal((await send('card canceled', event('payment_intent.canceled', cardIntent, { id: 'evt_card_canceled' }))).status, 200);
    assert.deepEqual(callback.events.map((e) => [e.paymentId, e.status, e.method]), [
      ['pi_konbiniLate', 'expired', 'konbini'],
      ['pi_cardCanceled', 'canceled', 'card'],
    ]);
  });

  it('payment_intent.payment_failed: a decline → failed; a konbini voucher not paid in time → expired', async () => {
    const { send, callback } = setup();
    const declined = paymentIntent({
      id: 'pi_declined',
      payment_method_types: ['card'],
      last_payment_error: { type: 'card_error', code: 'card_declined', decline_code: 'generic_decline', payment_method: paymentMethod() },
    });
    const lapsed = paymentIntent({
      id: 'pi_lapsed',
      last_payment_error: { type: 'invalid_request_error', code: 'payment_intent_payment_attempt_expired', payment_method: konbiniPaymentMethod() },
    });
    assert.equal((await send('declined', event('payment_intent.payment_failed', declined, { id: 'evt_declined' }))).status, 200);
    assert.equal((await send('lapsed', event('payment_intent.payment_failed', lapsed, { id: 'evt_lapsed' }))).status, 200);
    assert.deepEqual(callback.events.map((e) => [e.paymentId, e.status]), [
      ['pi_declined', 'failed'],
      ['pi_lapsed', 'expired'],
    ]);
  });

  it('requires_action (a konbini slip issued), processing, amount_capturable_updated → pending', async () => {
    const { send, callback } = setup();
    const cases: [string, Stripe.PaymentIntent][] = [
      ['payment_intent.requires_action', konbiniAwaiting(undefined, { id: 'pi_slip' })],
      ['payment_intent.processing', paymentIntent({ id: 'pi_processing', status: 'processing', payment_method_types: ['card'] })],
      ['payment_intent.amount_capturable_updated', paymentIntent({ id: 'pi_capturable', status: 'requires_capture', capture_method: 'manual', amount_capturable: 1500, payment_method_types: ['card'] })],
    ];
    for (const [index, [type, intent]] of cases.entries()) {
      assert.equal((await send(type, event(type, intent, { id: `evt_pending_${index}` }))).status, 200, type);
    }
    assert.deepEqual(callback.events.map((e) => [e.type, e.status, e.method]), [
      ['payment_intent.requires_action', 'pending', 'konbini'],
      ['payment_intent.processing', 'pending', 'card'],
      ['payment_intent.amount_capturable_updated', 'pending', 'card'],
    ]);
  });

  it('events not about a PaymentIntent’s outcome are acknowledged and ignored', async () => {
    const { send, callback } = setup();
    const types: [string, unknown][] = [
      ['payment_intent.created', paymentIntent()],
      ['charge.succeeded', { id: 'ch_1', object: 'charge', amount: 1500, currency: 'jpy', status: 'succeeded' }],
      ['setup_intent.succeeded', { id: 'seti_1', object: 'setup_intent', status: 'succeeded' }],
      ['payment_method.attached', paymentMethod()],
    ];
    for (const [index, [type, object]] of types.entries()) {
      const response = await send(type, event(type, object, { id: `evt_ignored_${index}` }));
      assert.equal(response.status, 200, type);
      assert.deepEqual(await response.json(), { ok: true, result: 'ignored' }, type);
    }
    assert.equal(callback.events.length, 0);
    assert.ok(recorder.logs.some((e) => e.type === 'webhook_ignored' && e.reason === 'unhandled_event' && e.eventType === 'charge.succeeded'));
  });

  it('the same event delivered twice reaches onEvent once', async () => {
    const { send, callback } = setup();
    assert.equal((await send('first', succeeded())).status, 200);
    const again = await send('again', succeeded());
    assert.equal(again.status, 200);
    assert.equal(callback.events.length, 1);
  });

  it('a signed body that is no Stripe event, or an intent without amount → 400, not passed on', async () => {
    const { send, callback } = setup();
    assert.equal((await send('not an event', { hello: 'world' })).status, 400);
    const { amount: _amount, ...noAmount } = paymentIntent({ status: 'succeeded' });
    assert.equal((await send('no amount', event('payment_intent.succeeded', noAmount, { id: 'evt_no_amount' }))).status, 400);
    assert.equal((await send('not json', 'not json')).status, 400);
    assert.equal(callback.events.length, 0);
  });

  it('nothing of the customer or the card reaches onEvent', async () => {
    const { send, callback } = setup();
    const intent = paymentIntent({
      status: 'succeeded',
      payment_method: paymentMethod(),
      payment_method_types: ['card'],
      receipt_email: 'taro@example.jp',
      customer: 'cus_QkessaiShopper1',
    });
    assert.equal((await send('with customer', event('payment_intent.succeeded', intent, { id: 'evt_customer' }))).status, 200);
    const text = JSON.stringify(callback.events);
    for (const needle of ['taro@example.jp', 'cus_QkessaiShopper1', '4242', 'Yamada', 'secret']) assert.ok(!text.includes(needle), needle);
  });
});

after(() => {
  recorder.assertNone([SECRET, SECRET.slice('whsec_'.length), ...sentSignatures.map((s) => s.split('v1=')[1]!)]);
});
