import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Outcome } from '../../../src/core/outcome.ts';
import { CHALLENGE_CARD, RETURN_URL, outcomeOf, refusal, setup } from './univapay-saved-cards-harness.ts';

/**
 * UnivaPay's "pay and save" on the server (docs/providers.md "UnivaPay › Recurring tokens"), against the
 * emulator: with `onCardSaved`, a payment session says `canSaveCard` and its new cards are recurring
 * tokens made in UnivaPay's inline form; `complete` with `saveCard: true` charges the token and hands it to
 * `onCardSaved` once, the outcome naming the merchant's id; unticked, declined or failed, the token is
 * deleted at UnivaPay once the charge is final.
 */

type Succeeded = Extract<Outcome, { status: 'succeeded' }>;
type Failed = Extract<Outcome, { status: 'failed' }>;

const VISA = '4000020000000000';

/** An outcome without the charge id (`paymentId`), which each run names anew. */
function shown(outcome: Outcome): Record<string, unknown> {
  const { paymentId, ...rest } = outcome as Outcome & { paymentId?: string };
  assert.equal(typeof paymentId, 'string');
  return rest;
}
const DECLINED = '4111111111111111';

describe('UnivaPay server module: pay and save', () => {
  it('offers "Save this card" with onCardSaved only, for cards in UnivaPay’s inline form', async () => {
    const t = await setup();
    const session = await t.start('payment');
    assert.equal(session.canSaveCard, true);
    assert.equal(session.cardEntry, 'surface');
    assert.equal(session.savesCard, undefined);
    assert.equal((await t.start('setup')).canSaveCard, undefined);
    assert.equal((await (await setup({ onCardSaved: undefined })).start('payment')).canSaveCard, undefined);
    // Our own card inputs (`directCardTokens`) do not save while paying.
    assert.equal((await (await setup({ directCardTokens: true })).start('payment')).canSaveCard, undefined);
    const konbiniOnly = await t.post({ action: 'start', mode: 'payment', methods: ['konbini'], returnUrl: RETURN_URL });
    assert.equal((konbiniOnly.body['session'] as { canSaveCard?: boolean }).canSaveCard, undefined);
  });

  it('payAndSave: false keeps setup mode only: no canSaveCard while paying', async () => {
    const t = await setup({ payAndSave: false });
    assert.equal((await t.start('payment')).canSaveCard, undefined);
    assert.equal((await t.start('setup')).mode, 'setup');
    await assert.rejects(async () => setup({ payAndSave: 'no' as unknown as boolean }), /payAndSave must be a boolean/);
  });

  it('ticked: charges the recurring token (three_ds normal), calls onCardSaved once, reports the merchant’s id; the next visit pays it by that id', async () => {
    const t = await setup();
    const session = await t.start('payment');
    const token = await t.inlineToken(CHALLENGE_CARD, 'recurring');
    const answer = await t.complete(session, token, 'taro', { saveCard: true });
    const outcome = outcomeOf(answer) as Succeeded;
    assert.deepEqual(shown(outcome), { status: 'succeeded', method: 'card', paymentMethodId: 'card_1', brand: 'visa', last4: '3220' });
    assert.deepEqual(t.saves, [{ transactionTokenId: token, brand: 'visa', last4: '3220', expMonth: 11, expYear: 2031 }]);
    const body = t.chargeBodies.at(-1)!;
    assert.equal(body['transaction_token_id'], token);
    assert.equal(body['amount'], 2400);
    assert.deepEqual(body['three_ds'], { mode: 'normal', redirect_endpoint: RETURN_URL });
    assert.equal((body['metadata'] as Record<string, string>)['kessai_save_card'], '1');
    assert.equal(JSON.stringify(answer.body).includes(token), false, 'the token is not sent back to the page');
    assert.equal(t.emulator.inspect.tokens().find((x) => x.id === token)?.deleted, false);
    assert.equal(t.emulator.inspect.requests({ method: 'DELETE' }).length, 0);

    const next = await t.start('payment');
    assert.deepEqual(next.savedCards, [{ id: 'card_1', brand: 'visa', last4: '3220', expMonth: 11, expYear: 2031 }]);
    assert.equal(outcomeOf(await t.complete(next, 'card_1')).status, 'succeeded');
    assert.equal(t.emulator.inspect.charges({ status: 'successful' }).length, 2);
  });

  it('a retried complete answers the same charge and the same id: the card is saved once', async () => {
    const t = await setup();
    const session = await t.start('payment');
    const token = await t.inlineToken(VISA, 'recurring');
    const first = outcomeOf(await t.complete(session, token, 'taro', { saveCard: true })) as Succeeded;
    const again = outcomeOf(await t.complete(session, token, 'taro', { saveCard: true })) as Succeeded;
    assert.equal(first.paymentMethodId, 'card_1');
    assert.equal(again.paymentMethodId, 'card_1');
    assert.equal(t.saves.length, 1);
    assert.equal(t.emulator.inspect.charges().length, 1);
  });

  it('a card the shopper already saved is never deleted: its token sent again unticked in the same attempt', async () => {
    const t = await setup();
    const session = await t.start('payment');
    const token = await t.inlineToken(VISA, 'recurring');
    assert.equal((outcomeOf(await t.complete(session, token, 'taro', { saveCard: true })) as Succeeded).paymentMethodId, 'card_1');
    // The same charge's idempotency key with another body: UnivaPay refuses it; nothing is charged or deleted.
    const again = outcomeOf(await t.complete(session, token, 'taro', { saveCard: false }));
    assert.notEqual(again.status, 'succeeded');
    assert.equal(t.emulator.inspect.charges().length, 1);
    assert.equal(t.emulator.inspect.tokens().find((x) => x.id === token)?.deleted, false);
    assert.equal(t.emulator.inspect.requests({ method: 'DELETE' }).length, 0);
    assert.equal(outcomeOf(await t.complete(await t.start('payment'), 'card_1')).status, 'succeeded');
  });

  it('unticked: pays, calls no onCardSaved, and deletes the recurring token, which cannot be charged again', async () => {
    const t = await setup();
    const session = await t.start('payment');
    const token = await t.inlineToken(VISA, 'recurring');
    const outcome = outcomeOf(await t.complete(session, token, 'taro', { saveCard: false }));
    assert.deepEqual(shown(outcome), { status: 'succeeded', method: 'card', brand: 'visa', last4: '0000' });
    assert.equal(t.saves.length, 0);
    assert.equal((t.chargeBodies.at(-1)!['metadata'] as Record<string, string>)['kessai_save_card'], '0');
    const deletes = t.emulator.inspect.requests({ method: 'DELETE' });
    assert.equal(deletes.length, 1);
    assert.equal(deletes[0]!.status, 204);
    assert.equal(t.emulator.inspect.tokens().find((x) => x.id === token)?.deleted, true);
    // Gone at UnivaPay: sent again, it is no token of this store.
    refusal(await t.complete(await t.start('payment'), token, 'taro', { saveCard: false }), 400, 'unknown_token');
    assert.equal(t.emulator.inspect.charges().length, 1);
    assert.equal((await t.start('payment')).savedCards, undefined);
  });

  it('no saveCard at all (an older page) counts as unticked', async () => {
    const t = await setup();
    const token = await t.inlineToken(VISA, 'recurring');
    assert.equal(outcomeOf(await t.complete(await t.start('payment'), token)).status, 'succeeded');
    assert.equal(t.saves.length, 0);
    assert.equal(t.emulator.inspect.tokens().find((x) => x.id === token)?.deleted, true);
  });

  it('declined: nothing saved, the token deleted; the shopper’s next try is a new token', async () => {
    const t = await setup();
    const session = await t.start('payment');
    const token = await t.inlineToken(DECLINED, 'recurring');
    const outcome = outcomeOf(await t.complete(session, token, 'taro', { saveCard: true })) as Failed;
    assert.equal(outcome.status, 'failed');
    assert.equal(outcome.error.code, 'declined');
    assert.equal(t.saves.length, 0);
    assert.equal(t.emulator.inspect.tokens().find((x) => x.id === token)?.deleted, true);
    const retry = await t.inlineToken(VISA, 'recurring');
    assert.equal((outcomeOf(await t.complete(session, retry, 'taro', { saveCard: true })) as Succeeded).paymentMethodId, 'card_1');
  });

  it('a token whose own 3-D Secure failed is not charged, not saved, and deleted', async () => {
    const t = await setup();
    const token = await t.inlineToken(CHALLENGE_CARD, 'recurring', false);
    const outcome = outcomeOf(await t.complete(await t.start('payment'), token, 'taro', { saveCard: true })) as Failed;
    assert.equal(outcome.error.reason, 'authentication_failed');
    assert.equal(t.emulator.inspect.charges().length, 0);
    assert.equal(t.saves.length, 0);
    assert.equal(t.emulator.inspect.tokens().find((x) => x.id === token)?.deleted, true);
  });

  it('a charge still pending when complete answers: status saves the card once, when it settles', async () => {
    const t = await setup({ polling: { attempts: 1, intervalMs: 1 } }, { processingMs: 300, maxPollMs: 10 });
    const session = await t.start('payment');
    const token = await t.inlineToken(VISA, 'recurring');
    const pending = outcomeOf(await t.complete(session, token, 'taro', { saveCard: true }));
    assert.equal(pending.status, 'processing');
    assert.equal(t.saves.length, 0);
    await new Promise((resolve) => setTimeout(resolve, 350));
    const reference = (pending as Extract<Outcome, { status: 'processing' }>).reference!;
    const status = () => t.post({ action: 'status', sessionId: session.sessionId, reference });
    const settled = outcomeOf(await status()) as Succeeded;
    assert.equal(settled.status, 'succeeded');
    assert.deepEqual([settled.paymentMethodId, settled.brand, settled.last4], ['card_1', 'visa', '0000']);
    assert.equal((outcomeOf(await status()) as Succeeded).paymentMethodId, 'card_1');
    assert.equal(t.saves.length, 1);
  });

  it('unticked and pending: status deletes the token once the charge is final', async () => {
    const t = await setup({ polling: { attempts: 1, intervalMs: 1 } }, { processingMs: 300, maxPollMs: 10 });
    const session = await t.start('payment');
    const token = await t.inlineToken(VISA, 'recurring');
    const pending = outcomeOf(await t.complete(session, token, 'taro', { saveCard: false }));
    assert.equal(pending.status, 'processing');
    assert.equal(t.emulator.inspect.tokens().find((x) => x.id === token)?.deleted, false);
    await new Promise((resolve) => setTimeout(resolve, 350));
    const reference = (pending as Extract<Outcome, { status: 'processing' }>).reference!;
    assert.equal(outcomeOf(await t.post({ action: 'status', sessionId: session.sessionId, reference })).status, 'succeeded');
    assert.equal(t.emulator.inspect.tokens().find((x) => x.id === token)?.deleted, true);
    // Asked again: the token is already gone, the payment still reads as paid.
    assert.equal(outcomeOf(await t.post({ action: 'status', sessionId: session.sessionId, reference })).status, 'succeeded');
    assert.equal(t.saves.length, 0);
  });

  it('a merchant whose onCardSaved throws (a guest) gets the payment without a saved card; the token is deleted', async () => {
    const t = await setup({
      onCardSaved: () => {
        throw new Error('guest');
      },
    });
    const token = await t.inlineToken(VISA, 'recurring');
    const outcome = outcomeOf(await t.complete(await t.start('payment'), token, 'taro', { saveCard: true }));
    assert.deepEqual(shown(outcome), { status: 'succeeded', method: 'card', brand: 'visa', last4: '0000' });
    assert.equal(t.emulator.inspect.tokens().find((x) => x.id === token)?.deleted, true);
    assert.ok(t.events.some((event) => event.type === 'callback_error'));
  });

  it('refuses a recurring token made before the attempt (beyond 10 s of clock difference), and one charged for another shopper', async () => {
    // UnivaPay's clock a minute behind the merchant's: the token predates the attempt.
    const behind = await setup({}, { now: () => new Date(Date.now() - 60_000) });
    const session = await behind.start('payment');
    const old = await behind.inlineToken(VISA, 'recurring');
    refusal(await behind.complete(session, old, 'taro', { saveCard: true }), 400, 'unknown_token');
    assert.equal(behind.emulator.inspect.charges().length, 0);
    // A few seconds behind: clocks differ, the token is this attempt's.
    const near = await setup({}, { now: () => new Date(Date.now() - 5_000) });
    const nearSession = await near.start('payment');
    assert.equal(outcomeOf(await near.complete(nearSession, await near.inlineToken(VISA, 'recurring'), 'taro', { saveCard: true })).status, 'succeeded');

    // Taro's card, saved while paying: its token sent by Hanako's page is no new card of hers.
    const t = await setup();
    const taros = await t.inlineToken(VISA, 'recurring');
    const hanako = await t.start('payment', 'hanako');
    assert.equal(outcomeOf(await t.complete(await t.start('payment'), taros, 'taro', { saveCard: true })).status, 'succeeded');
    refusal(await t.complete(hanako, taros, 'hanako', { saveCard: true }), 400, 'unknown_token');
    assert.equal(t.emulator.inspect.charges().length, 1);
  });

  it('saveCard with a one-time token is refused; without the box a one-time token still pays', async () => {
    const t = await setup();
    const session = await t.start('payment');
    refusal(await t.complete(session, await t.inlineToken(VISA, 'one_time'), 'taro', { saveCard: true }), 400, 'unsupported');
    assert.equal(outcomeOf(await t.complete(session, await t.inlineToken(VISA, 'one_time'))).status, 'succeeded');
    assert.equal(t.saves.length, 0);
  });
});
