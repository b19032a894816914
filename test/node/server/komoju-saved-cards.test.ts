import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KomojuHandlerConfig } from '../../../src/server/index.ts';
import { API, komojuHarness, RETURN_URL } from './komoju-harness.ts';

/**
 * KOMOJU's setup mode and saved cards through the endpoint handler, against the KOMOJU emulator
 * (docs/providers.md "KOMOJU › Customers and saved cards"): the browser's own calls to KOMOJU (paying
 * the customer session with the card, the challenge page) are made here as the adapter makes them.
 */

function setup(overrides: Partial<KomojuHandlerConfig> = {}) {
  const t = komojuHarness(overrides);
  /** Saves `number` through setup mode, as the checkout does; answers the setup outcome. */
  async function saveCard(number: string) {
    const start = await t.post({ action: 'start', mode: 'setup', returnUrl: RETURN_URL });
    assert.equal(start.status, 200, start.text);
    const session = start.body['session'];
    const paid = await t.browserPay(session.sessionId, number);
    assert.equal(paid['status'], 'completed');
    return t.post({ action: 'status', sessionId: session.sessionId });
  }
  return { ...t, saveCard };
}

describe('KOMOJU setup mode', () => {
  it('saves a card on a KOMOJU customer: a customer session, no amount; the page gets an opaque id only', async () => {
    const t = setup();
    const start = await t.post({ action: 'start', mode: 'setup', returnUrl: RETURN_URL, methods: ['card', 'konbini'] });
    assert.equal(start.status, 200, start.text);
    const session = start.body['session'];
    assert.equal(session.mode, 'setup');
    assert.equal(session.amount, 0);
    assert.deepEqual(session.methods, ['card']);
    // The brands KOMOJU lists for the customer session's cards, as for a payment (no Discover here).
    assert.deepEqual(session.cardBrands, ['visa', 'mastercard', 'jcb', 'amex', 'diners']);
    const komoju = t.sandbox.komoju.inspect.session(session.sessionId)!;
    assert.equal(komoju['mode'], 'customer');
    const customerId = String(komoju['customer_id']);
    assert.equal(start.text.includes(customerId), false);

    await (async () => {
      const response = await t.sandbox.fetch(`${API}/sessions/${session.sessionId}/pay`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Basic ${btoa(`${t.sandbox.komoju.publishableKey}:`)}` },
        body: JSON.stringify({ payment_details: { type: 'credit_card', number: '3530111333300000', month: '09', year: '31', verification_value: '123' } }),
      });
      assert.equal(response.status, 200);
    })();
    const status = await t.post({ action: 'status', sessionId: session.sessionId });
    assert.equal(status.status, 200, status.text);
    const outcome = status.body['outcome'];
    assert.equal(outcome.status, 'succeeded');
    assert.equal(outcome.method, 'card');
    assert.match(outcome.paymentMethodId, /^kc_[A-Za-z0-9_-]{32}$/);
    assert.equal(outcome.brand, 'jcb');
    assert.equal(outcome.last4, '0000');
    assert.equal(status.text.includes(customerId), false);
    assert.deepEqual(t.saved.map((s) => s.customerId), [customerId]);
    assert.deepEqual(t.saved[0], { customerId, id: outcome.paymentMethodId, brand: 'jcb', last4: '0000', expMonth: 9, expYear: 2031 });
    assert.equal(t.sandbox.komoju.inspect.payments().length, 0);
  });

  it('a customer session the shopper left unpaid is not a saved card', async () => {
    const t = setup();
    const start = await t.post({ action: 'start', mode: 'setup', returnUrl: RETURN_URL });
    const status = await t.post({ action: 'status', sessionId: start.body['session'].sessionId });
    assert.equal(status.body['outcome'].status, 'failed');
    assert.equal(t.saved.length, 0);
  });

  it('is unsupported without onCardSaved (nowhere to keep the customer), and needs card', async () => {
    const t = setup({ onCardSaved: undefined });
    const start = await t.post({ action: 'start', mode: 'setup', returnUrl: RETURN_URL });
    assert.equal(start.status, 400);
    assert.equal(start.body['error'].code, 'unsupported');
    const konbiniOnly = await setup().post({ action: 'start', mode: 'setup', returnUrl: RETURN_URL, methods: ['konbini'] });
    assert.equal(konbiniOnly.status, 400);
  });
});

describe('KOMOJU saved cards', () => {
  it('lists a returning shopper\'s cards first, by opaque id, and pays one in one click', async () => {
    const t = setup();
    const savedOutcome = (await t.saveCard('4111111111111111')).body['outcome'];
    const start = await t.post({ action: 'start', returnUrl: RETURN_URL });
    const session = start.body['session'];
    assert.deepEqual(session.savedCards, [{ id: savedOutcome.paymentMethodId, brand: 'visa', last4: '1111', expMonth: 12, expYear: 2030 }]);
    assert.equal(start.text.includes(t.saved[0]!.customerId), false);

    const paid = await t.post({ action: 'complete', sessionId: session.sessionId, token: savedOutcome.paymentMethodId, method: 'card', returnUrl: RETURN_URL });
    assert.equal(paid.status, 200, paid.text);
    assert.equal(paid.body['outcome'].status, 'succeeded');
    assert.equal(paid.body['outcome'].last4, '1111');
    assert.equal(paid.text.includes(t.saved[0]!.customerId), false);
    const payments = t.sandbox.komoju.inspect.payments();
    assert.equal(payments.length, 1);
    assert.equal(payments[0]!['customer'], t.saved[0]!.customerId);
    assert.equal(payments[0]!['external_order_num'], 'order-7');
    assert.equal(payments[0]!.amount, 1500);
  });

  it('refuses an id that is not one of this shopper\'s cards', async () => {
    const t = setup();
    const savedOutcome = (await t.saveCard('4111111111111111')).body['outcome'];
    const start = await t.post({ action: 'start', returnUrl: RETURN_URL });
    t.setCustomers([]);
    const other = await t.post({ action: 'complete', sessionId: start.body['session'].sessionId, token: savedOutcome.paymentMethodId, method: 'card', returnUrl: RETURN_URL });
    assert.equal(other.status, 400);
    assert.equal(other.body['error'].code, 'unknown_token');
    const made = await t.post({ action: 'complete', sessionId: start.body['session'].sessionId, token: 'kc_' + 'A'.repeat(32), method: 'card', returnUrl: RETURN_URL });
    assert.equal(made.status, 400);
    assert.equal(t.sandbox.komoju.inspect.payments().length, 0);
  });

  for (const [label, press, expected] of [
    ['passes', 'complete', 'succeeded'],
    ['fails', 'fail', 'failed'],
  ] as const) {
    it(`a saved card that needs 3-D Secure: the challenge ${label}`, async () => {
      const t = setup();
      const savedOutcome = (await t.saveCard('4100000000005000')).body['outcome'];
      const start = await t.post({ action: 'start', returnUrl: RETURN_URL });
      const sessionId = start.body['session'].sessionId;
      const step = await t.post({ action: 'complete', sessionId, token: savedOutcome.paymentMethodId, method: 'card', returnUrl: RETURN_URL });
      const outcome = step.body['outcome'];
      assert.equal(outcome.status, 'requires_action', step.text);
      assert.equal(outcome.action.type, 'redirect');
      assert.match(outcome.reference, /^st\./);
      assert.equal(step.text.includes(t.saved[0]!.customerId), false);
      assert.equal(t.sandbox.komoju.inspect.payments().length, 0);

      // Coming back without finishing the challenge: not paid.
      const early = await t.post({ action: 'status', sessionId, reference: outcome.reference });
      assert.equal(early.body['outcome'].error.reason, 'authentication_canceled');

      const form = await t.sandbox.fetch(outcome.action.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: new URL(outcome.action.url).origin },
        body: new URLSearchParams({ result: press }).toString(),
        redirect: 'manual',
      });
      assert.equal(form.status, 303);
      const back = new URL(form.headers.get('location')!);
      assert.equal(back.searchParams.get('session_id'), sessionId);
      assert.equal(back.searchParams.get('kessai_return'), '1');

      const done = await t.post({ action: 'status', sessionId, reference: outcome.reference });
      assert.equal(done.body['outcome'].status, expected, done.text);
      // Asked again (the same return opened twice): the same answer, one payment at most.
      const again = await t.post({ action: 'status', sessionId, reference: outcome.reference });
      assert.equal(again.body['outcome'].status, expected);
      assert.equal(t.sandbox.komoju.inspect.payments().length, expected === 'succeeded' ? 1 : 0);
    });
  }

  it('refuses a reference made for another session, or forged', async () => {
    const t = setup();
    const savedOutcome = (await t.saveCard('4100000000005000')).body['outcome'];
    const first = (await t.post({ action: 'start', returnUrl: RETURN_URL })).body['session'].sessionId;
    const second = (await t.post({ action: 'start', returnUrl: RETURN_URL })).body['session'].sessionId;
    const step = await t.post({ action: 'complete', sessionId: first, token: savedOutcome.paymentMethodId, method: 'card', returnUrl: RETURN_URL });
    const reference = step.body['outcome'].reference as string;
    const foreign = await t.post({ action: 'status', sessionId: second, reference });
    assert.equal(foreign.status, 403);
    const forged = await t.post({ action: 'status', sessionId: first, reference: reference.slice(0, -2) + 'xx' });
    assert.equal(forged.status, 403);
  });
});
