/**
 * The Stripe emulator's webhooks, judged by stripe-node's `stripe.webhooks.constructEvent`: every
 * delivery's raw body and `Stripe-Signature` header must verify with the endpoint's secret, and the
 * events follow the PaymentIntent's life (created, requires_action, succeeded / payment_failed).
 * Plus the form decoder, judged by the bodies stripe-node encodes, and focused tests of it. The tests
 * registered with `conformance(id, …)` are checks of test/node/conformance/checks.ts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Stripe from 'stripe';
import { decodeStripeForm } from '../../../src/sandbox/index.ts';
import { conformance } from '../conformance/checks.ts';
import { answerChallenge, startStripe, type StripeHarness } from './stripe-helpers.ts';

const SECRET = 'whsec_kessai_sandbox_test';
const received: { body: string; signature: string }[] = [];
let h: StripeHarness;

before(async () => {
  h = await startStripe({
    stripe: {
      webhooks: [{ url: 'http://merchant.test/webhooks/stripe', secret: SECRET }],
      webhookFetch: async (_url, init) => {
        const headers = new Headers(init.headers);
        received.push({ body: String(init.body), signature: headers.get('stripe-signature') ?? '' });
        return new Response('ok');
      },
    },
  });
});
after(async () => {
  await h?.close();
});

describe('Stripe emulator, webhooks', () => {
  conformance('stripe.sdk.webhooks', async () => {
    const pi = await h.stripe.paymentIntents.create({ amount: 1500, currency: 'jpy', payment_method: 'pm_card_threeDSecure2Required', confirm: true, return_url: 'http://localhost:5173/r' });
    await answerChallenge(h, pi.id, 'complete');
    const failed = await h.stripe.paymentIntents.create({ amount: 1500, currency: 'jpy', allowed_payment_method_types: ['card'] });
    await h.stripe.paymentIntents.confirm(failed.id, { payment_method: 'pm_card_visa_chargeDeclined' }).catch(() => undefined);
    const si = await h.stripe.setupIntents.create({ payment_method: 'pm_card_visa', confirm: true });
    await h.sandbox.stripe.webhooks.idle();

    const events = received.map(({ body, signature }) => h.stripe.webhooks.constructEvent(body, signature, SECRET));
    const about = (id: string) => events.filter((e) => (e.data.object as { id: string }).id === id).map((e) => e.type);
    assert.deepEqual(about(pi.id), ['payment_intent.created', 'payment_intent.requires_action', 'payment_intent.succeeded']);
    assert.deepEqual(about(failed.id), ['payment_intent.created', 'payment_intent.payment_failed']);
    assert.deepEqual(about(si.id), ['setup_intent.created', 'setup_intent.succeeded']);

    const succeeded = events.find((e) => e.type === 'payment_intent.succeeded');
    assert.ok(succeeded);
    assert.match(succeeded.id, /^evt_/);
    assert.equal(succeeded.object, 'event');
    assert.equal(succeeded.livemode, false);
    assert.equal(typeof succeeded.created, 'number');
    assert.equal(typeof succeeded.api_version, 'string');
    assert.equal(succeeded.pending_webhooks, 1);
    assert.deepEqual(Object.keys(succeeded.request ?? {}).sort(), ['id', 'idempotency_key']);
    const object = succeeded.data.object as Stripe.PaymentIntent;
    assert.equal(object.object, 'payment_intent');
    assert.equal(object.status, 'succeeded');
    const paymentFailed = events.find((e) => e.type === 'payment_intent.payment_failed');
    assert.equal((paymentFailed?.data.object as Stripe.PaymentIntent).last_payment_error?.decline_code, 'generic_decline');

    const first = received[0];
    assert.ok(first);
    assert.match(first.signature, /^t=\d+,v1=[0-9a-f]{64}$/);
    assert.throws(() => h.stripe.webhooks.constructEvent(first.body, first.signature, 'whsec_other'), Stripe.errors.StripeSignatureVerificationError);
    assert.throws(() => h.stripe.webhooks.constructEvent(first.body.replace('"livemode":false', '"livemode":true'), first.signature, SECRET), Stripe.errors.StripeSignatureVerificationError);
    assert.deepEqual(h.sandbox.stripe.inspect.deliveries({ status: 'delivered' }).length, received.length);
  });
});

describe('Stripe form decoder', () => {
  conformance('stripe.sdk.form-body', async () => {
    // stripe-node encodes the body itself (src/utils.ts stringifyRequestData); a recording fetch keeps it.
    const bodies: string[] = [];
    const recording = new Stripe('sk_test_formBody', {
      httpClient: Stripe.createFetchHttpClient(async (_url, init) => {
        bodies.push(String(init?.body ?? ''));
        return new Response(JSON.stringify({ id: 'x', object: 'payment_intent' }), { status: 200, headers: { 'Content-Type': 'application/json' } });
      }),
      maxNetworkRetries: 0,
      telemetry: false,
    });
    const params = {
      amount: 1500,
      currency: 'jpy',
      allowed_payment_method_types: ['card', 'konbini'],
      metadata: { order: 'A-1 & b', note: "it's [x] 50% =ok", gone: '' },
      payment_method_options: { konbini: { confirmation_number: '09012345678', expires_after_days: 5, product_description: 'ケッサイ ショップ' } },
      payment_method_data: { type: 'konbini', billing_details: { name: 'Taro Yamada', email: 'taro+shop@example.jp', address: { country: 'JP' } } },
      expand: ['payment_method', 'latest_charge'],
      confirm: true,
    };
    await recording.paymentIntents.create(params as Stripe.PaymentIntentCreateParams);
    await recording.subscriptions.create({ customer: 'cus_1', items: [{ price: 'price_1', quantity: 2 }, { price: 'price_2' }] });
    const [intentBody, subscriptionBody] = bodies;
    // Brackets left as they are, arrays indexed, objects nested.
    assert.ok(intentBody?.includes('allowed_payment_method_types[0]=card&allowed_payment_method_types[1]=konbini') && intentBody.includes('payment_method_options[konbini][confirmation_number]=09012345678'), intentBody);
    // What the emulator reads: every value as the string stripe-node sent, arrays as arrays.
    const asSent = (value: unknown): unknown =>
      Array.isArray(value) ? value.map(asSent) : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asSent(v)])) : String(value);
    assert.deepEqual(decodeStripeForm(intentBody ?? ''), asSent(params));
    assert.deepEqual(decodeStripeForm(subscriptionBody ?? ''), { customer: 'cus_1', items: [{ price: 'price_1', quantity: '2' }, { price: 'price_2' }] });
    // And the emulator, over HTTP, takes stripe-node's nested parameters as given.
    const pi = await h.stripe.paymentIntents.create({
      amount: 2500,
      currency: 'jpy',
      allowed_payment_method_types: ['konbini'],
      metadata: { order: 'A-1 & b', note: "it's [x] 50% =ok" },
      payment_method_options: { konbini: { expires_after_days: 5, product_description: 'ケッサイ ショップ' } },
    });
    assert.deepEqual(pi.metadata, { order: 'A-1 & b', note: "it's [x] 50% =ok" });
    assert.equal(pi.payment_method_options?.konbini?.expires_after_days, 5);
    assert.equal(pi.payment_method_options?.konbini?.product_description, 'ケッサイ ショップ');
  });

  it('reads stripe-node’s bracketed, indexed encoding', () => {
    assert.deepEqual(
      decodeStripeForm('payment_method_types[0]=card&payment_method_types[1]=konbini&metadata[order]=1&payment_method_options[konbini][confirmation_number]=09012345678&expand[0]=latest_charge&amount=1500'),
      {
        payment_method_types: ['card', 'konbini'],
        metadata: { order: '1' },
        payment_method_options: { konbini: { confirmation_number: '09012345678' } },
        expand: ['latest_charge'],
        amount: '1500',
      },
    );
  });

  it('keeps indexed arrays in index order, objects with other keys as objects, empty strings (null) as empty', () => {
    assert.deepEqual(decodeStripeForm('a[1]=y&a[0]=x&m[2]=z&n=&o[p][0][q]=r'), { a: ['x', 'y'], m: { '2': 'z' }, n: '', o: { p: [{ q: 'r' }] } });
    assert.deepEqual(decodeStripeForm('expand[]=a&expand[]=b'), { expand: ['a', 'b'] });
    assert.deepEqual(decodeStripeForm('__proto__[x]=1&card%5Bnumber%5D=4242'), { card: { number: '4242' } });
  });
});
