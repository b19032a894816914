import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Outcome } from '../../../src/core/outcome.ts';
import { API, CHALLENGE_CARD, PAGE, RETURN_URL, outcomeOf, refusal, setup } from './univapay-saved-cards-harness.ts';

/**
 * UnivaPay's setup mode and saved cards on the server (docs/providers.md "UnivaPay › Recurring tokens"),
 * against the emulator: setup saves a recurring token through `onCardSaved` and answers the merchant's
 * own id; a payment lists the shopper's cards and charges one by that id with the configured
 * `three_ds.mode`; a recurring token never reaches the page and is charged only as the shopper's own card.
 */

describe('UnivaPay server module: setup mode', () => {
  it('a setup session offers cards only, no amount, in UnivaPay’s inline form', async () => {
    const t = await setup();
    const session = await t.start('setup');
    assert.deepEqual([session.mode, session.amount, session.methods, session.cardEntry], ['setup', 0, ['card'], 'surface']);
    assert.deepEqual(session.cardBrands, ['visa', 'mastercard', 'jcb', 'amex', 'diners']);
    assert.equal(session.savedCards, undefined);
  });

  it('saves a recurring token: onCardSaved gets it, the page gets the merchant’s id, brand and last four; nothing is charged', async () => {
    const t = await setup();
    const session = await t.start('setup');
    const token = await t.inlineToken('4000020000000000', 'recurring');
    const answer = await t.complete(session, token);
    const outcome = outcomeOf(answer);
    assert.deepEqual(outcome, { status: 'succeeded', method: 'card', paymentMethodId: 'card_1', brand: 'visa', last4: '0000' });
    assert.deepEqual(t.saves, [{ transactionTokenId: token, brand: 'visa', last4: '0000', expMonth: 11, expYear: 2031 }]);
    assert.equal(t.emulator.inspect.charges().length, 0);
    assert.equal(JSON.stringify(answer.body).includes(token), false, 'the token stays on the server');
    // The same token again (a retried complete): the same id, not a second card.
    assert.equal((outcomeOf(await t.complete(session, token)) as { paymentMethodId?: string }).paymentMethodId, 'card_1');
    assert.equal(t.saves.length, 1);
  });

  it('refuses a one-time token in setup mode, and a token of a failed 3-D Secure is not saved', async () => {
    const t = await setup();
    const session = await t.start('setup');
    refusal(await t.complete(session, await t.inlineToken('4000020000000000', 'one_time')), 400, 'unknown_token');
    const failedToken = await t.inlineToken(CHALLENGE_CARD, 'recurring', false);
    const outcome = outcomeOf(await t.complete(session, failedToken));
    assert.equal(outcome.status, 'failed');
    assert.equal((outcome as Extract<Outcome, { status: 'failed' }>).error.reason, 'authentication_failed');
    assert.equal(t.saves.length, 0);
  });

  it('directCardTokens: a recurring token still awaiting its own 3-D Secure is not saved (authentication_canceled)', async () => {
    const t = await setup({ directCardTokens: true });
    const session = await t.start('setup');
    assert.equal(session.cardEntry, 'fields');
    const response = await t.emulator.handle(
      new Request(`${API}/tokens`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${session.publicKey}`, 'Content-Type': 'application/json', Origin: PAGE },
        body: JSON.stringify({ payment_type: 'card', type: 'recurring', email: 'taro@example.jp', data: { cardholder: 'TARO', card_number: CHALLENGE_CARD, exp_month: 11, exp_year: 2031, cvv: '123' } }),
      }),
    );
    const token = (await response.json()) as { id: string };
    const outcome = outcomeOf(await t.complete(session, token.id));
    assert.equal(outcome.status, 'failed');
    assert.equal((outcome as Extract<Outcome, { status: 'failed' }>).error.reason, 'authentication_canceled');
    assert.equal(t.saves.length, 0);
  });

  it('without onCardSaved, setup mode is unsupported', async () => {
    const t = await setup({ onCardSaved: undefined });
    refusal(await t.post({ action: 'start', mode: 'setup', returnUrl: RETURN_URL }), 400, 'unsupported');
  });
});

describe('UnivaPay server module: saved cards', () => {
  it('lists the shopper’s own cards (never the token) and charges one by its id, three_ds normal by default', async () => {
    const t = await setup();
    const id = await t.save('4000020000000000');
    const session = await t.start('payment');
    assert.deepEqual(session.savedCards, [{ id, brand: 'visa', last4: '0000', expMonth: 11, expYear: 2031 }]);
    assert.equal(JSON.stringify(session).includes(t.cards.get('taro')![0]!.transactionTokenId), false);
    assert.equal((await t.start('payment', 'hanako')).savedCards, undefined);

    const outcome = outcomeOf(await t.complete(session, id));
    assert.equal(outcome.status, 'succeeded', JSON.stringify(outcome));
    assert.deepEqual([(outcome as { brand?: string }).brand, (outcome as { last4?: string }).last4], ['visa', '0000']);
    const body = t.chargeBodies.at(-1)!;
    assert.equal(body['transaction_token_id'], t.cards.get('taro')![0]!.transactionTokenId);
    assert.equal(body['amount'], 2400);
    assert.deepEqual(body['three_ds'], { mode: 'normal', redirect_endpoint: RETURN_URL });
    // Paid again in a new attempt: a recurring token is charged again and again.
    assert.equal(outcomeOf(await t.complete(await t.start('payment'), id)).status, 'succeeded');
    assert.equal(t.emulator.inspect.charges().length, 2);
  });

  it('a saved challenge card with savedCardThreeDsMode force: 3-D Secure again, then status reads the charge', async () => {
    const t = await setup({ savedCardThreeDsMode: 'force' });
    const id = await t.save(CHALLENGE_CARD);
    const session = await t.start('payment');
    const outcome = outcomeOf(await t.complete(session, id));
    assert.equal(outcome.status, 'requires_action', JSON.stringify(outcome));
    assert.equal((t.chargeBodies.at(-1)!['three_ds'] as { mode: string }).mode, 'force');
    const reference = (outcome as Extract<Outcome, { status: 'requires_action' }>).reference!;
    assert.equal(outcomeOf(await t.post({ action: 'status', sessionId: session.sessionId, reference })).status, 'failed');
  });

  it('with normal, a saved challenge card is not challenged again (its token passed 3-D Secure when made)', async () => {
    const t = await setup();
    const id = await t.save(CHALLENGE_CARD);
    assert.equal(outcomeOf(await t.complete(await t.start('payment'), id)).status, 'succeeded');
  });

  it('refuses another shopper’s card id, and a recurring token id sent by the page', async () => {
    const t = await setup();
    const id = await t.save('4000020000000000');
    refusal(await t.complete(await t.start('payment', 'hanako'), id, 'hanako'), 400, 'unknown_token');
    const token = t.cards.get('taro')![0]!.transactionTokenId;
    refusal(await t.complete(await t.start('payment'), token), 400, 'unknown_token');
    assert.equal(t.emulator.inspect.charges().length, 0);
  });

  it('a new card still pays with a one-time token beside the saved ones', async () => {
    const t = await setup();
    await t.save('4000020000000000');
    const outcome = outcomeOf(await t.complete(await t.start('payment'), await t.inlineToken('4242424242424242', 'one_time')));
    assert.equal(outcome.status, 'succeeded');
  });
});
