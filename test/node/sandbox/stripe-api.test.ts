/**
 * The Stripe emulator judged by Stripe's own Node SDK (stripe-node): every call goes through
 * `new Stripe(secretKey, { host, port, protocol: 'http' })` to an ephemeral server, so the SDK's
 * encoding, its error classes (`StripeCardError`, `StripeIdempotencyError`…) and its TypeScript types
 * (`Stripe.PaymentIntent.NextAction.KonbiniDisplayDetails`) are the judge of what the emulator answers.
 * The tests registered with `conformance(id, …)` are checks of test/node/conformance/checks.ts, reported
 * by `npm run conformance`.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import Stripe from 'stripe';
import { conformance } from '../conformance/checks.ts';
import { answerChallenge, startStripe, type StripeHarness } from './stripe-helpers.ts';

let h: StripeHarness;
let stripe: Stripe;
const RETURN_URL = 'http://localhost:5173/checkout?cart=42';

before(async () => {
  h = await startStripe();
  stripe = h.stripe;
});
after(async () => {
  await h?.close();
});
beforeEach(() => h.sandbox.reset());

async function cardError(promise: Promise<unknown>): Promise<InstanceType<typeof Stripe.errors.StripeCardError>> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof Stripe.errors.StripeCardError, `expected a StripeCardError, got ${String(error)}`);
    return error;
  }
  assert.fail('the call succeeded');
}

describe('Stripe emulator, PaymentIntents (stripe-node)', () => {
  conformance('stripe.sdk.payment-intent', async () => {
    const created = await stripe.paymentIntents.create({ amount: 1500, currency: 'jpy', allowed_payment_method_types: ['card'], metadata: { order: '1' } });
    assert.match(created.id, /^pi_[A-Za-z0-9]{24}$/);
    assert.equal(created.object, 'payment_intent');
    assert.match(created.client_secret ?? '', new RegExp(`^${created.id}_secret_[A-Za-z0-9]+$`));
    assert.equal(created.status, 'requires_payment_method');
    assert.equal(created.livemode, false);
    assert.equal(typeof created.created, 'number');
    assert.deepEqual(created.payment_method_types, ['card']);
    assert.deepEqual(created.allowed_payment_method_types, ['card']);
    assert.deepEqual(created.metadata, { order: '1' });
    assert.equal(created.amount, 1500);
    assert.equal(created.currency, 'jpy');

    const updated = await stripe.paymentIntents.update(created.id, { metadata: { order: '2', gone: '' }, description: 'Tea' });
    assert.deepEqual(updated.metadata, { order: '2' });
    assert.equal(updated.description, 'Tea');

    const confirmed = await stripe.paymentIntents.confirm(created.id, { payment_method: 'pm_card_visa', expand: ['payment_method', 'latest_charge'] });
    assert.equal(confirmed.status, 'succeeded');
    assert.equal(confirmed.amount_received, 1500);
    const pm = confirmed.payment_method as Stripe.PaymentMethod;
    assert.equal(pm.object, 'payment_method');
    assert.equal(pm.card?.brand, 'visa');
    assert.equal(pm.card?.last4, '4242');
    const charge = confirmed.latest_charge as Stripe.Charge;
    assert.match(charge.id, /^ch_/);
    assert.equal(charge.status, 'succeeded');

    const again = await stripe.paymentIntents.retrieve(created.id);
    assert.equal(again.status, 'succeeded');
    assert.equal(again.payment_method, pm.id);
    const listed = await stripe.paymentIntents.list({ limit: 3 });
    assert.deepEqual(listed.data.map((pi) => pi.id), [created.id]);
  });

  conformance('stripe.sdk.payment-method-types', async () => {
    // API 2026-09-30.endive and later (stripe-node 23): allowed_payment_method_types.
    const allowed = await stripe.paymentIntents.create({ amount: 1500, currency: 'jpy', allowed_payment_method_types: ['card', 'konbini'] });
    assert.deepEqual(allowed.allowed_payment_method_types, ['card', 'konbini']);
    assert.deepEqual(allowed.payment_method_types, ['card', 'konbini']);
    const allowedSetup = await stripe.setupIntents.create({ allowed_payment_method_types: ['card'] });
    assert.deepEqual(allowedSetup.allowed_payment_method_types, ['card']);
    assert.deepEqual(allowedSetup.payment_method_types, ['card']);
    // Older API versions: payment_method_types, which stripe-node 23 no longer declares on create (the
    // cast); stripe-node still encodes it as payment_method_types[0]=…
    const legacy = await stripe.paymentIntents.create({ amount: 1500, currency: 'jpy', payment_method_types: ['konbini'] } as Stripe.PaymentIntentCreateParams);
    assert.deepEqual(legacy.payment_method_types, ['konbini']);
    assert.equal(legacy.allowed_payment_method_types, null);
    const legacySetup = await stripe.setupIntents.create({ payment_method_types: ['card'] } as Stripe.SetupIntentCreateParams);
    assert.deepEqual(legacySetup.payment_method_types, ['card']);
    assert.equal(legacySetup.allowed_payment_method_types, null);
    // Each confirms with a payment method of its types.
    assert.equal((await stripe.paymentIntents.confirm(allowed.id, { payment_method: 'pm_card_visa' })).status, 'succeeded');
    const slip = await stripe.paymentIntents.confirm(legacy.id, { payment_method_data: { type: 'konbini', billing_details: { name: 'Taro', email: 'taro@example.jp' } } });
    assert.equal(slip.next_action?.type, 'konbini_display_details');
    assert.equal((await stripe.setupIntents.confirm(legacySetup.id, { payment_method: 'pm_card_visa' })).status, 'succeeded');
  });

  it('holds a manual capture at requires_capture until captured; cancels an unpaid one', async () => {
    const pi = await stripe.paymentIntents.create({ amount: 2000, currency: 'jpy', payment_method: 'pm_card_mastercard', capture_method: 'manual', confirm: true });
    assert.equal(pi.status, 'requires_capture');
    assert.equal(pi.amount_capturable, 2000);
    assert.equal((await stripe.paymentIntents.capture(pi.id)).status, 'succeeded');
    const open = await stripe.paymentIntents.create({ amount: 2000, currency: 'jpy' });
    const canceled = await stripe.paymentIntents.cancel(open.id, { cancellation_reason: 'abandoned' });
    assert.equal(canceled.status, 'canceled');
    assert.equal(canceled.cancellation_reason, 'abandoned');
    await assert.rejects(stripe.paymentIntents.confirm(open.id, { payment_method: 'pm_card_visa' }), (error: unknown) => {
      assert.ok(error instanceof Stripe.errors.StripeInvalidRequestError);
      assert.equal(error.code, 'payment_intent_unexpected_state');
      return true;
    });
  });

  conformance('stripe.sdk.card-error', async () => {
    const cases: [string, string, string | undefined][] = [
      ['pm_card_visa_chargeDeclined', 'card_declined', 'generic_decline'],
      ['pm_card_visa_chargeDeclinedInsufficientFunds', 'card_declined', 'insufficient_funds'],
      ['pm_card_visa_chargeDeclinedExpiredCard', 'expired_card', undefined],
      ['pm_card_visa_chargeDeclinedIncorrectCvc', 'incorrect_cvc', undefined],
    ];
    for (const [pm, code, declineCode] of cases) {
      const pi = await stripe.paymentIntents.create({ amount: 1500, currency: 'jpy', allowed_payment_method_types: ['card'] });
      const error = await cardError(stripe.paymentIntents.confirm(pi.id, { payment_method: pm }));
      assert.equal(error.statusCode, 402);
      assert.equal(error.type, 'StripeCardError');
      assert.equal(error.code, code, pm);
      assert.equal(error.decline_code || undefined, declineCode, pm);
      assert.equal(error.payment_intent?.id, pi.id);
      assert.equal(error.payment_intent?.status, 'requires_payment_method');
      const after = await stripe.paymentIntents.retrieve(pi.id);
      assert.equal(after.status, 'requires_payment_method');
      assert.equal(after.last_payment_error?.code, code);
      assert.equal(after.last_payment_error?.type, 'card_error');
      assert.match(String(after.latest_charge), /^ch_/);
    }
  });

  conformance('stripe.sdk.three-d-secure', async () => {
    const redirected = await stripe.paymentIntents.create({ amount: 1500, currency: 'jpy', payment_method: 'pm_card_threeDSecure2Required', confirm: true, return_url: RETURN_URL });
    assert.equal(redirected.status, 'requires_action');
    assert.equal(redirected.next_action?.type, 'redirect_to_url');
    const redirect = redirected.next_action?.redirect_to_url;
    assert.equal(redirect?.return_url, RETURN_URL);
    assert.ok(redirect?.url?.startsWith(`${h.origin}/sandbox/stripe/3d_secure/`));
    const page = await fetch(redirect.url ?? '');
    const text = await page.text();
    assert.ok(text.includes('Complete authentication') && text.includes('Fail authentication'));
    const answered = await answerChallenge(h, redirected.id, 'complete');
    assert.equal(answered.status, 303);
    const back = new URL(answered.headers.get('location') ?? '');
    assert.equal(back.origin + back.pathname, 'http://localhost:5173/checkout');
    assert.equal(back.searchParams.get('cart'), '42');
    assert.equal(back.searchParams.get('payment_intent'), redirected.id);
    assert.equal(back.searchParams.get('payment_intent_client_secret'), redirected.client_secret);
    assert.equal(back.searchParams.get('redirect_status'), 'succeeded');
    assert.equal((await stripe.paymentIntents.retrieve(redirected.id)).status, 'succeeded');

    const sdk = await stripe.paymentIntents.create({ amount: 1500, currency: 'jpy', payment_method: 'pm_card_authenticationRequired', confirm: true });
    assert.equal(sdk.next_action?.type, 'use_stripe_sdk');
    const failed = await answerChallenge(h, sdk.id, 'fail');
    assert.equal(failed.status, 200);
    const after = await stripe.paymentIntents.retrieve(sdk.id);
    assert.equal(after.status, 'requires_payment_method');
    assert.equal(after.last_payment_error?.code, 'payment_intent_authentication_failure');
    assert.equal(after.last_payment_error?.type, 'invalid_request_error');
  });

  it('declines 4000008260003178 for insufficient funds once authenticated (redirect_status=failed)', async () => {
    const pi = await stripe.paymentIntents.create({ amount: 1500, currency: 'jpy', payment_method: 'pm_card_authenticationRequiredChargeDeclinedInsufficientFunds', confirm: true, return_url: RETURN_URL });
    assert.equal(pi.status, 'requires_action');
    const answered = await answerChallenge(h, pi.id, 'complete');
    assert.equal(new URL(answered.headers.get('location') ?? '').searchParams.get('redirect_status'), 'failed');
    const after = await stripe.paymentIntents.retrieve(pi.id);
    assert.equal(after.status, 'requires_payment_method');
    assert.equal(after.last_payment_error?.decline_code, 'insufficient_funds');
  });
});

describe('Stripe emulator, Customers, SetupIntents and off-session payments (stripe-node)', () => {
  conformance('stripe.sdk.setup-off-session', async () => {
    const customer = await stripe.customers.create({ email: 'taro@example.jp', name: 'Taro Yamada' });
    assert.match(customer.id, /^cus_/);
    assert.equal((await stripe.customers.retrieve(customer.id) as Stripe.Customer).email, 'taro@example.jp');
    const si = await stripe.setupIntents.create({ customer: customer.id, allowed_payment_method_types: ['card'], usage: 'off_session' });
    assert.match(si.id, /^seti_/);
    assert.match(si.client_secret ?? '', new RegExp(`^${si.id}_secret_`));
    const confirmed = await stripe.setupIntents.confirm(si.id, { payment_method: 'pm_card_authenticationRequiredOnSetup', return_url: RETURN_URL });
    assert.equal(confirmed.status, 'requires_action');
    const answered = await answerChallenge(h, si.id, 'complete');
    const back = new URL(answered.headers.get('location') ?? '');
    assert.deepEqual([back.searchParams.get('setup_intent'), back.searchParams.get('setup_intent_client_secret'), back.searchParams.get('redirect_status')], [si.id, si.client_secret, 'succeeded']);
    const done = await stripe.setupIntents.retrieve(si.id);
    assert.equal(done.status, 'succeeded');
    const pmId = done.payment_method as string;

    const listed = await stripe.customers.listPaymentMethods(customer.id, { type: 'card' });
    assert.deepEqual(listed.data.map((pm) => pm.id), [pmId]);
    const listedToo = await stripe.paymentMethods.list({ customer: customer.id, type: 'card' });
    assert.deepEqual(listedToo.data.map((pm) => [pm.id, pm.customer, pm.card?.last4]), [[pmId, customer.id, '3155']]);

    const offSession = await stripe.paymentIntents.create({ amount: 3000, currency: 'jpy', customer: customer.id, payment_method: pmId, off_session: true, confirm: true });
    assert.equal(offSession.status, 'succeeded');
    // On-session, the same card still asks for authentication.
    const onSession = await stripe.paymentIntents.create({ amount: 3000, currency: 'jpy', customer: customer.id, payment_method: pmId, confirm: true });
    assert.equal(onSession.status, 'requires_action');
  });

  conformance('stripe.sdk.customer-payment-methods', async () => {
    const customer = await stripe.customers.create({ email: 'hanako@example.jp' });
    const pm = await stripe.paymentMethods.attach('pm_card_authenticationRequired', { customer: customer.id });
    assert.equal(pm.customer, customer.id);
    const error = await cardError(stripe.paymentIntents.create({ amount: 3000, currency: 'jpy', customer: customer.id, payment_method: pm.id, off_session: true, confirm: true }));
    assert.equal(error.code, 'authentication_required');
    assert.equal(error.decline_code, 'authentication_required');
    assert.equal(error.payment_intent?.status, 'requires_payment_method');
    const detached = await stripe.paymentMethods.detach(pm.id);
    assert.equal(detached.customer, null);
  });

  it('pay and save: a PaymentIntent with customer and setup_future_usage off_session attaches its card to the Customer when it succeeds, set up for off-session payments', async () => {
    const customer = await stripe.customers.create({ email: 'taro@example.jp' });
    const pi = await stripe.paymentIntents.create({ amount: 2000, currency: 'jpy', customer: customer.id, setup_future_usage: 'off_session', allowed_payment_method_types: ['card'] });
    assert.equal(pi.setup_future_usage, 'off_session');
    const confirmed = await stripe.paymentIntents.confirm(pi.id, { payment_method: 'pm_card_authenticationRequiredOnSetup', return_url: RETURN_URL });
    assert.equal(confirmed.status, 'requires_action');
    // Not saved before the payment went through.
    assert.deepEqual((await stripe.customers.listPaymentMethods(customer.id, { type: 'card' })).data, []);
    await answerChallenge(h, pi.id, 'complete');
    const done = await stripe.paymentIntents.retrieve(pi.id, { expand: ['payment_method'] });
    assert.equal(done.status, 'succeeded');
    const pm = done.payment_method as Stripe.PaymentMethod;
    assert.equal(pm.customer, customer.id);
    assert.deepEqual((await stripe.customers.listPaymentMethods(customer.id, { type: 'card' })).data.map((card) => [card.id, card.card?.last4]), [[pm.id, '3155']]);
    assert.deepEqual(h.sandbox.stripe.inspect.paymentMethods({ customer: customer.id }).map((card) => card.setUp), [true]);
    // Set up: a later payment without the shopper goes through without authentication.
    const later = await stripe.paymentIntents.create({ amount: 500, currency: 'jpy', customer: customer.id, payment_method: pm.id, off_session: true, confirm: true });
    assert.equal(later.status, 'succeeded');
  });

  it('pay and save: nothing is attached without setup_future_usage, nor when the payment is declined', async () => {
    const customer = await stripe.customers.create({ email: 'taro@example.jp' });
    const plain = await stripe.paymentIntents.create({ amount: 2000, currency: 'jpy', customer: customer.id, allowed_payment_method_types: ['card'] });
    assert.equal((await stripe.paymentIntents.confirm(plain.id, { payment_method: 'pm_card_visa' })).status, 'succeeded');
    const saving = await stripe.paymentIntents.create({ amount: 2000, currency: 'jpy', customer: customer.id, setup_future_usage: 'off_session', allowed_payment_method_types: ['card'] });
    await cardError(stripe.paymentIntents.confirm(saving.id, { payment_method: 'pm_card_visa_chargeDeclined' }));
    assert.deepEqual((await stripe.customers.listPaymentMethods(customer.id, { type: 'card' })).data, []);
  });

  it('pay and save: a card that asks for 3-D Secure every time, or setup_future_usage on_session, is attached but not set up for off-session payments', async () => {
    for (const [card, usage] of [['pm_card_authenticationRequired', 'off_session'], ['pm_card_authenticationRequiredOnSetup', 'on_session']] as const) {
      const customer = await stripe.customers.create({ email: 'taro@example.jp' });
      const pi = await stripe.paymentIntents.create({ amount: 2000, currency: 'jpy', customer: customer.id, setup_future_usage: usage, allowed_payment_method_types: ['card'] });
      await stripe.paymentIntents.confirm(pi.id, { payment_method: card, return_url: RETURN_URL });
      await answerChallenge(h, pi.id, 'complete');
      const done = await stripe.paymentIntents.retrieve(pi.id);
      assert.equal(done.status, 'succeeded', card);
      assert.deepEqual(h.sandbox.stripe.inspect.paymentMethods({ customer: customer.id }).map((saved) => saved.setUp), [false], card);
      const error = await cardError(stripe.paymentIntents.create({ amount: 500, currency: 'jpy', customer: customer.id, payment_method: done.payment_method as string, off_session: true, confirm: true }));
      assert.equal(error.code, 'authentication_required', card);
    }
  });

  it('fails a SetupIntent with a declined card (402, setup_intent in the error)', async () => {
    const si = await stripe.setupIntents.create({ allowed_payment_method_types: ['card'] });
    const error = await cardError(stripe.setupIntents.confirm(si.id, { payment_method: 'pm_card_visa_chargeDeclined' }));
    assert.equal(error.decline_code, 'generic_decline');
    assert.equal(error.setup_intent?.id, si.id);
    assert.equal((await stripe.setupIntents.retrieve(si.id)).last_setup_error?.code, 'card_declined');
  });
});

describe('Stripe emulator, konbini (stripe-node)', () => {
  conformance('stripe.sdk.konbini', async () => {
    const pi = await stripe.paymentIntents.create({ amount: 2500, currency: 'jpy', allowed_payment_method_types: ['konbini'] });
    const confirmed = await stripe.paymentIntents.confirm(pi.id, {
      payment_method_data: { type: 'konbini', billing_details: { name: 'Taro Yamada', email: 'taro@example.jp' } },
      payment_method_options: { konbini: { confirmation_number: '09012345678' } },
    });
    assert.equal(confirmed.status, 'requires_action');
    assert.equal(confirmed.next_action?.type, 'konbini_display_details');
    const details: Stripe.PaymentIntent.NextAction.KonbiniDisplayDetails | undefined = confirmed.next_action?.konbini_display_details;
    assert.ok(details);
    assert.deepEqual(Object.keys(details).sort(), ['expires_at', 'hosted_voucher_url', 'stores']);
    assert.deepEqual(Object.keys(details.stores).sort(), ['familymart', 'lawson', 'ministop', 'seicomart']);
    const stores: (keyof Stripe.PaymentIntent.NextAction.KonbiniDisplayDetails.Stores)[] = ['familymart', 'lawson', 'ministop', 'seicomart'];
    for (const store of stores) {
      const slip: Stripe.PaymentIntent.NextAction.KonbiniDisplayDetails.Stores.Familymart | null = details.stores[store];
      assert.ok(slip);
      assert.deepEqual(Object.keys(slip).sort(), ['confirmation_number', 'payment_code'], store);
      assert.match(slip.payment_code, /^\d+$/);
      assert.equal(slip.confirmation_number, '09012345678');
    }
    // Three days by default, at 23:59:59 JST (14:59:59 UTC).
    const expires = new Date(details.expires_at * 1000);
    assert.equal(expires.getUTCHours(), 14);
    assert.equal(expires.getUTCMinutes(), 59);
    assert.ok(details.expires_at * 1000 - Date.now() > 2 * 86_400_000 && details.expires_at * 1000 - Date.now() < 4 * 86_400_000);
    assert.ok(details.hosted_voucher_url?.startsWith(`${h.origin}/sandbox/stripe/konbini/voucher/`));

    const voucher = await fetch(details.hosted_voucher_url ?? '');
    assert.ok((await voucher.text()).includes('Mark as paid'));
    const paid = await fetch(details.hosted_voucher_url ?? '', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: h.origin }, body: 'action=paid', redirect: 'manual' });
    assert.equal(paid.status, 303);
    assert.equal((await stripe.paymentIntents.retrieve(pi.id)).status, 'succeeded');
  });

  it('refuses a konbini confirm without email, with a bad confirmation number, or in another currency', async () => {
    const pi = await stripe.paymentIntents.create({ amount: 2500, currency: 'jpy', allowed_payment_method_types: ['konbini'] });
    await assert.rejects(stripe.paymentIntents.confirm(pi.id, { payment_method_data: { type: 'konbini', billing_details: { name: 'Taro' } } }), (error: unknown) => {
      assert.ok(error instanceof Stripe.errors.StripeInvalidRequestError);
      assert.equal(error.param, 'payment_method_data[billing_details][email]');
      assert.equal(error.code, 'parameter_missing');
      return true;
    });
    await assert.rejects(
      stripe.paymentIntents.confirm(pi.id, {
        payment_method_data: { type: 'konbini', billing_details: { name: 'Taro', email: 'taro@example.jp' } },
        payment_method_options: { konbini: { confirmation_number: '0000000000' } },
      }),
      (error: unknown) => error instanceof Stripe.errors.StripeInvalidRequestError && error.param === 'payment_method_options[konbini][confirmation_number]',
    );
    const usd = await stripe.paymentIntents.create({ amount: 2500, currency: 'usd', allowed_payment_method_types: ['konbini'] });
    await assert.rejects(stripe.paymentIntents.confirm(usd.id, { payment_method_data: { type: 'konbini', billing_details: { name: 'Taro', email: 'taro@example.jp' } } }), Stripe.errors.StripeInvalidRequestError);
  });

  it('an expired voucher sends the PaymentIntent back to requires_payment_method', async () => {
    const pi = await stripe.paymentIntents.create({ amount: 2500, currency: 'jpy', allowed_payment_method_types: ['konbini'], payment_method_options: { konbini: { expires_after_days: 1 } } });
    const confirmed = await stripe.paymentIntents.confirm(pi.id, { payment_method_data: { type: 'konbini', billing_details: { name: 'Taro', email: 'taro@example.jp' } } });
    const url = confirmed.next_action?.konbini_display_details?.hosted_voucher_url ?? '';
    await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: h.origin }, body: 'action=expired', redirect: 'manual' });
    const after = await stripe.paymentIntents.retrieve(pi.id);
    assert.equal(after.status, 'requires_payment_method');
    assert.equal(after.next_action, null);
  });
});

describe('Stripe emulator, keys, idempotency and errors', () => {
  conformance('stripe.sdk.idempotency', async () => {
    const first = await stripe.customers.create({ email: 'a@example.jp' }, { idempotencyKey: 'order-42' });
    const again = await stripe.customers.create({ email: 'a@example.jp' }, { idempotencyKey: 'order-42' });
    assert.equal(again.id, first.id);
    assert.equal(h.sandbox.stripe.inspect.customers().length, 1);
    assert.equal(h.sandbox.stripe.inspect.requests({ route: 'POST /v1/customers' }).filter((r) => r.replayed).length, 1);
    await assert.rejects(stripe.customers.create({ email: 'b@example.jp' }, { idempotencyKey: 'order-42' }), Stripe.errors.StripeIdempotencyError);
  });

  it('takes the publishable key only where Stripe.js uses it, with the intent’s client_secret', async () => {
    const pk = h.sandbox.stripe.publishableKey;
    const pi = await stripe.paymentIntents.create({ amount: 1500, currency: 'jpy', allowed_payment_method_types: ['card'] });
    const secret = pi.client_secret ?? '';
    // Stripe.js: the key and client secret as parameters, no Authorization header.
    const retrieved = await h.raw('GET', `/v1/payment_intents/${pi.id}?key=${pk}&client_secret=${secret}`);
    assert.equal(retrieved.status, 200);
    assert.equal(retrieved.body['id'], pi.id);
    const noSecret = await h.raw('GET', `/v1/payment_intents/${pi.id}?key=${pk}`);
    assert.equal(noSecret.status, 400);
    const wrongSecret = await h.raw('GET', `/v1/payment_intents/${pi.id}?key=${pk}&client_secret=${pi.id}_secret_nope`);
    assert.equal(wrongSecret.status, 400);
    // Bearer with the publishable key is taken too.
    const bearer = await h.raw('GET', `/v1/payment_intents/${pi.id}?client_secret=${secret}`, { headers: { Authorization: `Bearer ${pk}` } });
    assert.equal(bearer.status, 200);
    const listed = await h.raw('GET', `/v1/payment_intents?key=${pk}`);
    assert.equal(listed.status, 401);
    const confirmed = await h.raw('POST', `/v1/payment_intents/${pi.id}/confirm`, {
      body: `payment_method=pm_card_visa&expected_payment_method_type=card&use_stripe_sdk=true&key=${pk}&client_secret=${secret}`,
    });
    assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
    assert.equal(confirmed.body['status'], 'succeeded');
    // The same card data from Stripe.js (publishable key) makes a PaymentMethod; from the server it is refused.
    const card = 'type=card&card[number]=4242424242424242&card[exp_month]=12&card[exp_year]=2031&card[cvc]=123';
    const fromBrowser = await h.raw('POST', '/v1/payment_methods', { body: `${card}&key=${pk}` });
    assert.equal(fromBrowser.status, 200);
    assert.match(String(fromBrowser.body['id']), /^pm_/);
    assert.ok(!JSON.stringify(fromBrowser.body).includes('4242424242424242'));
    const fromServer = await h.raw('POST', '/v1/payment_methods', { body: card, headers: { Authorization: `Bearer ${h.sandbox.stripe.secretKey}` } });
    assert.equal(fromServer.status, 400);
    const bad = await h.raw('POST', '/v1/payment_methods', { body: `type=card&card[number]=4242424242424241&card[exp_month]=12&card[exp_year]=2031&key=${pk}` });
    assert.equal(bad.status, 402);
    assert.equal((bad.body['error'] as { code: string }).code, 'incorrect_number');
  });

  conformance('stripe.sdk.errors', async () => {
    const none = await h.raw('GET', '/v1/customers');
    assert.equal(none.status, 401);
    assert.equal((none.body['error'] as { type: string }).type, 'invalid_request_error');
    const wrong = new Stripe('sk_test_wrongwrongwrong1234', { host: '127.0.0.1', port: Number(new URL(h.origin).port), protocol: 'http', telemetry: false });
    await assert.rejects(wrong.customers.list(), (error: unknown) => error instanceof Stripe.errors.StripeAuthenticationError && /\*{4}1234/.test(error.message));
    await assert.rejects(stripe.paymentIntents.retrieve('pi_missing'), (error: unknown) => {
      assert.ok(error instanceof Stripe.errors.StripeInvalidRequestError);
      assert.equal(error.statusCode, 404);
      assert.equal(error.code, 'resource_missing');
      return true;
    });
    await assert.rejects(
      stripe.paymentIntents.create({ amount: 1500, currency: 'jpy', colour: 'red' } as Stripe.PaymentIntentCreateParams),
      (error: unknown) => error instanceof Stripe.errors.StripeInvalidRequestError && error.code === 'parameter_unknown' && error.param === 'colour',
    );
    await assert.rejects(stripe.paymentIntents.create({ amount: 10, currency: 'jpy' }), (error: unknown) => error instanceof Stripe.errors.StripeInvalidRequestError && error.code === 'amount_too_small');
    const basic = await h.raw('GET', '/v1/customers', { headers: { Authorization: `Basic ${btoa(`${h.sandbox.stripe.secretKey}:`)}` } });
    assert.equal(basic.status, 200);
    assert.equal(basic.body['object'], 'list');
    const unknown = await h.raw('GET', '/v1/charges', { headers: { Authorization: `Bearer ${h.sandbox.stripe.secretKey}` } });
    assert.equal(unknown.status, 404);
    assert.match((unknown.body['error'] as { message: string }).message, /Unrecognized request URL \(GET: \/v1\/charges\)/);
  });

  it('lets a browser on another origin call it: CORS on answers and preflights', async () => {
    const pre = await h.raw('OPTIONS', '/v1/payment_methods', { headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' } });
    assert.equal(pre.headers.get('access-control-allow-origin'), 'http://localhost:5173');
    const answer = await h.raw('GET', `/v1/payment_intents/pi_x?key=${h.sandbox.stripe.publishableKey}`, { headers: { Origin: 'http://localhost:5173' } });
    assert.equal(answer.headers.get('access-control-allow-origin'), 'http://localhost:5173');
  });
});
