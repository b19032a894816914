/**
 * The Stripe emulator's webhooks, judged by stripe-node's `stripe.webhooks.constructEvent`: every
 * delivery's raw body and `Stripe-Signature` header must verify with the endpoint's secret, and the
 * events follow the PaymentIntent's life (created, requires_action, succeeded / payment_failed).
 * Plus focused tests of the form decoder.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Stripe from 'stripe';
import { decodeStripeForm } from '../../../src/sandbox/index.ts';
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
  it('signs each event as Stripe does: constructEvent of stripe-node accepts it, and refuses another secret', async () => {
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
