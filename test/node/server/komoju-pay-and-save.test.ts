import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EndpointRequestError } from '../../../src/server/index.ts';
import { komojuHarness, RETURN_URL } from './komoju-harness.ts';

/**
 * KOMOJU's "pay and save" through the endpoint handler, against the KOMOJU emulator (docs/providers.md
 * "KOMOJU › Customers and saved cards"): `start` with `saveCard: true` makes a `customer_payment` session,
 * the browser pays it with the card as any session (here as the adapter does), and `status` reports the
 * payment and the saved card, telling `onCardSaved`. The KOMOJU customer id never reaches the page.
 */

const setup = komojuHarness;

describe('KOMOJU pay and save', () => {
  it('a payment session says canSaveCard when the merchant has onCardSaved, not without', async () => {
    const t = setup();
    const start = await t.post({ action: 'start', returnUrl: RETURN_URL });
    assert.equal(start.status, 200, start.text);
    assert.equal(start.body['session'].canSaveCard, true);
    assert.equal(start.body['session'].savesCard, undefined);
    const without = await setup({ onCardSaved: undefined }).post({ action: 'start', returnUrl: RETURN_URL });
    assert.equal(without.body['session'].canSaveCard, undefined);
    // Konbini only: nothing to save.
    const konbini = await t.post({ action: 'start', returnUrl: RETURN_URL, methods: ['konbini'] });
    assert.equal(konbini.body['session'].canSaveCard, undefined);
  });

  it('payAndSave: false keeps setup mode and takes "Save this card" away: no canSaveCard, start with saveCard is 400 unsupported', async () => {
    const t = setup({ payAndSave: false });
    const start = await t.post({ action: 'start', returnUrl: RETURN_URL });
    assert.equal(start.status, 200, start.text);
    assert.equal(start.body['session'].canSaveCard, undefined);
    const saving = await t.post({ action: 'start', returnUrl: RETURN_URL, saveCard: true });
    assert.equal(saving.status, 400, saving.text);
    assert.equal(saving.body['error'].code, 'unsupported');
    const setupMode = await t.post({ action: 'start', returnUrl: RETURN_URL, mode: 'setup' });
    assert.equal(setupMode.status, 200, setupMode.text);
    assert.equal(setupMode.body['session'].mode, 'setup');
    assert.throws(() => setup({ payAndSave: 'no' as unknown as boolean }), /payAndSave must be a boolean/);
  });

  it('start with saveCard makes a customer_payment session for the same amount; status reports the payment and the card, and tells onCardSaved once', async () => {
    const t = setup();
    const start = await t.post({ action: 'start', returnUrl: RETURN_URL, saveCard: true, methods: ['card', 'konbini'] });
    assert.equal(start.status, 200, start.text);
    const session = start.body['session'];
    assert.equal(session.savesCard, true);
    assert.equal(session.mode, 'payment');
    assert.deepEqual(session.methods, ['card']);
    assert.equal(session.amount, 1500);
    assert.equal(session.savedCards, undefined);
    const komoju = t.sandbox.komoju.inspect.session(session.sessionId)!;
    assert.equal(komoju['mode'], 'customer_payment');
    assert.equal(komoju['amount'], 1500);
    const customerId = String(komoju['customer_id']);
    assert.ok(customerId.length > 0);
    assert.equal(start.text.includes(customerId), false);

    const paid = await t.browserPay(session.sessionId, '5555555555554444');
    assert.equal(paid['status'], 'completed');
    assert.equal(t.saved.length, 0, 'nothing told before status');
    const status = await t.post({ action: 'status', sessionId: session.sessionId });
    assert.equal(status.status, 200, status.text);
    const outcome = status.body['outcome'];
    assert.equal(outcome.status, 'succeeded');
    assert.equal(outcome.method, 'card');
    assert.match(outcome.paymentMethodId, /^kc_[A-Za-z0-9_-]{32}$/);
    assert.equal(outcome.brand, 'mastercard');
    assert.equal(outcome.last4, '4444');
    const payment = t.sandbox.komoju.inspect.payment(outcome.paymentId);
    assert.equal(payment?.status, 'captured');
    assert.equal(payment?.amount, 1500);
    assert.equal(status.text.includes(customerId), false);
    assert.equal(t.saved.length, 1);
    assert.deepEqual(t.saved[0], { customerId, id: outcome.paymentMethodId, brand: 'mastercard', last4: '4444', expMonth: 12, expYear: 2030 });

    // The next start lists it, by the same opaque id.
    const next = await t.post({ action: 'start', returnUrl: RETURN_URL });
    assert.deepEqual(next.body['session'].savedCards.map((c: { id: string }) => c.id), [outcome.paymentMethodId]);
  });

  it('a customer_payment session left unpaid or declined saves nothing', async () => {
    const t = setup();
    const start = await t.post({ action: 'start', returnUrl: RETURN_URL, saveCard: true });
    const sessionId = start.body['session'].sessionId;
    const unpaid = await t.post({ action: 'status', sessionId });
    assert.notEqual(unpaid.body['outcome'].status, 'succeeded');
    const declined = await t.browserPay(sessionId, '4123111111111059');
    assert.equal(declined['status'], 'error');
    const after = await t.post({ action: 'status', sessionId });
    assert.notEqual(after.body['outcome'].status, 'succeeded');
    assert.equal(t.saved.length, 0);
  });

  it('an ordinary payment session saves nothing', async () => {
    const t = setup();
    const start = await t.post({ action: 'start', returnUrl: RETURN_URL });
    const sessionId = start.body['session'].sessionId;
    assert.equal(t.sandbox.komoju.inspect.session(sessionId)!['mode'] ?? 'payment', 'payment');
    assert.equal((await t.browserPay(sessionId, '4111111111111111'))['status'], 'completed');
    const status = await t.post({ action: 'status', sessionId });
    assert.equal(status.body['outcome'].status, 'succeeded');
    assert.equal(status.body['outcome'].paymentMethodId, undefined);
    assert.equal(t.saved.length, 0);
    assert.equal(t.sandbox.komoju.inspect.customers().length, 0);
  });

  it('refuses saveCard without onCardSaved, in setup mode, and for konbini only', async () => {
    const without = await setup({ onCardSaved: undefined }).post({ action: 'start', returnUrl: RETURN_URL, saveCard: true });
    assert.equal(without.status, 400);
    assert.equal(without.body['error'].code, 'unsupported');
    const t = setup();
    const inSetup = await t.post({ action: 'start', mode: 'setup', returnUrl: RETURN_URL, saveCard: true });
    assert.equal(inSetup.status, 400);
    assert.equal(inSetup.body['error'].code, 'unsupported');
    const konbini = await t.post({ action: 'start', returnUrl: RETURN_URL, saveCard: true, methods: ['konbini'] });
    assert.equal(konbini.status, 400);
    assert.equal(konbini.body['error'].code, 'no_methods');
    const notBoolean = await t.post({ action: 'start', returnUrl: RETURN_URL, saveCard: 'yes' });
    assert.equal(notBoolean.status, 400);
    assert.equal(t.sandbox.komoju.inspect.sessions().length, 0);
  });

  it("the merchant's refusal in onCardSaved (a guest) leaves the payment succeeded, without a saved card", async () => {
    const t = setup({
      onCardSaved: () => {
        throw new EndpointRequestError(403, 'no_customer', 'Saving a card needs a signed-in shopper.');
      },
    });
    const start = await t.post({ action: 'start', returnUrl: RETURN_URL, saveCard: true });
    const sessionId = start.body['session'].sessionId;
    assert.equal((await t.browserPay(sessionId, '4111111111111111'))['status'], 'completed');
    const status = await t.post({ action: 'status', sessionId });
    assert.equal(status.status, 200, status.text);
    assert.equal(status.body['outcome'].status, 'succeeded');
    assert.equal(status.body['outcome'].paymentMethodId, undefined);
  });
});
