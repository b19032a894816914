/**
 * KOMOJU's idempotent requests as doc.komoju.com "Idempotent Requests" describes them: the key in
 * `X-KOMOJU-IDEMPOTENCY` on `POST`s, at most 100 ASCII characters; a repeat gets the first answer
 * without the call running again; a repeat while the first is in flight gets HTTP 409; a key is bound
 * for 24 hours. `Idempotency-Key` is not KOMOJU's header. A repeat with another body is not documented:
 * the emulator replays by default and refuses with `idempotency.otherBody: 'conflict'`.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { card, harness, komojuError } from './helpers.ts';

const KEY = 'X-KOMOJU-IDEMPOTENCY';

/** A clock the test moves. */
function clock(start = '2025-03-01T03:00:00Z') {
  let now = new Date(start);
  return { now: () => now, advance: (ms: number) => (now = new Date(now.getTime() + ms)) };
}

describe('KOMOJU sandbox: X-KOMOJU-IDEMPOTENCY', () => {
  it('answers a repeated key with the first answer, and the call does not run again', async () => {
    const h = harness();
    const id = (await h.createSession())['id'] as string;
    const first = await h.pay(id, card('4111111111111111'), { [KEY]: 'submit-1' });
    const second = await h.pay(id, card('4111111111111111'), { [KEY]: 'submit-1' });
    assert.equal(first.body['status'], 'completed');
    assert.equal(second.status, first.status);
    assert.deepEqual(second.body, first.body);
    assert.equal(h.sandbox.komoju.inspect.payments({ sessionId: id }).length, 1);
    const log = h.sandbox.komoju.inspect.payRequests(id);
    assert.deepEqual(log.map((r) => [r.idempotencyKey, r.replayed]), [['submit-1', false], ['submit-1', true]]);
    // KOMOJU documents no header telling a replay apart.
    assert.equal([...second.headers.keys()].filter((name) => /replay|idempot/i.test(name)).length, 0);
  });

  it('answers 409 to a repeat sent while the first is still in flight, and pays once', async () => {
    const h = harness();
    const id = (await h.createSession())['id'] as string;
    const answers = await Promise.all(
      Array.from({ length: 4 }, () => h.pay(id, card('4111111111111111'), { [KEY]: 'double-click' })),
    );
    assert.deepEqual(answers.map((a) => a.status), [200, 409, 409, 409]);
    assert.equal(answers[0]?.body['status'], 'completed');
    for (const conflict of answers.slice(1)) assert.equal(komojuError(conflict.body).code, 'conflict');
    assert.equal(h.sandbox.komoju.inspect.payments({ sessionId: id }).length, 1);
    // Once the first has its answer, a retry gets it.
    const retry = await h.pay(id, card('4111111111111111'), { [KEY]: 'double-click' });
    assert.deepEqual(retry.body, answers[0]?.body);
  });

  it('replays a decline as well', async () => {
    const h = harness();
    const id = (await h.createSession())['id'] as string;
    const declined = await h.pay(id, card('4123111111111000'), { [KEY]: 'k' });
    const replay = await h.pay(id, card('4123111111111000'), { [KEY]: 'k' });
    assert.equal(komojuError(declined.body).code, 'insufficient_funds');
    assert.deepEqual(replay.body, declined.body);
    assert.equal(h.sandbox.komoju.inspect.payments({ sessionId: id }).length, 1);
  });

  it('same key, other body: the first answer by default; 422 idempotency_key_reused with otherBody: conflict', async () => {
    const replaying = harness();
    const a = (await replaying.createSession())['id'] as string;
    const declined = await replaying.pay(a, card('4123111111111000'), { [KEY]: 'k' });
    const other = await replaying.pay(a, card('4111111111111111'), { [KEY]: 'k' });
    assert.deepEqual(other.body, declined.body, 'the first answer, though the card differs');
    assert.equal(replaying.sandbox.komoju.inspect.payments({ sessionId: a }).length, 1);

    const strict = harness({ komoju: { idempotency: { otherBody: 'conflict' } } });
    const b = (await strict.createSession())['id'] as string;
    await strict.pay(b, card('4123111111111000'), { [KEY]: 'k' });
    const refused = await strict.pay(b, card('4111111111111111'), { [KEY]: 'k' });
    assert.equal(refused.status, 422);
    assert.deepEqual([komojuError(refused.body).code, komojuError(refused.body).param], ['idempotency_key_reused', KEY]);
    const scenario = await strict.pay(b, card('4123111111111000'), { [KEY]: 'k', 'Komoju-Scenario': 'card_declined' });
    assert.equal(scenario.status, 422, 'the scenario header belongs to what was sent');
    assert.equal(strict.sandbox.komoju.inspect.payments({ sessionId: b }).length, 1);
  });

  it('binds a key for 24 hours, then takes it as new', async () => {
    const time = clock();
    const h = harness({ komoju: { now: time.now } });
    const token = () =>
      h.call('POST', '/tokens', { key: h.pk, body: { payment_details: card('4111111111111111') }, headers: { [KEY]: 'day-key' } });
    const first = await token();
    time.advance(24 * 3_600_000 - 1000);
    const sameDay = await token();
    time.advance(1000);
    const nextDay = await token();
    assert.equal(sameDay.body['id'], first.body['id']);
    assert.notEqual(nextDay.body['id'], first.body['id']);
    assert.deepEqual(h.sandbox.komoju.inspect.requests({ route: 'POST /tokens' }).map((r) => r.replayed), [false, true, false]);
  });

  it('ignores Idempotency-Key, which is not KOMOJU’s header', async () => {
    const h = harness();
    const id = (await h.createSession())['id'] as string;
    const first = await h.pay(id, card('4123111111111000'), { 'Idempotency-Key': 'k' });
    const second = await h.pay(id, card('4123111111111000'), { 'Idempotency-Key': 'k' });
    assert.equal(komojuError(first.body).code, 'insufficient_funds');
    assert.equal(komojuError(second.body).code, 'insufficient_funds');
    assert.equal(h.sandbox.komoju.inspect.payments({ sessionId: id }).length, 2, 'both pays ran');
    assert.deepEqual(h.sandbox.komoju.inspect.payRequests(id).map((r) => r.idempotencyKey), [null, null]);
  });

  it('takes keys on POSTs only: a GET with a key is answered afresh', async () => {
    const h = harness();
    const id = (await h.createSession())['id'] as string;
    const before = await h.call('GET', `/sessions/${id}`, { key: h.pk, headers: { [KEY]: 'g' } });
    await h.pay(id, card('4111111111111111'));
    const after = await h.call('GET', `/sessions/${id}`, { key: h.pk, headers: { [KEY]: 'g' } });
    assert.deepEqual([before.body['status'], after.body['status']], ['pending', 'completed']);
    assert.deepEqual(h.sandbox.komoju.inspect.requests({ method: 'GET' }).map((r) => r.idempotencyKey), [null, null]);
  });

  it('refuses a key over 100 characters or not ASCII with 400 before the call runs; 100 ASCII characters are fine', async () => {
    const h = harness();
    const id = (await h.createSession())['id'] as string;
    for (const bad of ['k'.repeat(101), 'clé-1']) {
      const answer = await h.pay(id, card('4111111111111111'), { [KEY]: bad });
      assert.equal(answer.status, 400, bad);
      assert.deepEqual([komojuError(answer.body).code, komojuError(answer.body).param], ['bad_request', KEY]);
    }
    assert.equal(h.sandbox.komoju.inspect.payments({ sessionId: id }).length, 0);
    const longest = await h.pay(id, card('4111111111111111'), { [KEY]: 'k'.repeat(100) });
    assert.equal(longest.body['status'], 'completed');
  });

  it('leaves a key free when the call was refused before it ran (a body that is not JSON)', async () => {
    const h = harness();
    const id = (await h.createSession())['id'] as string;
    const broken = await h.call('POST', `/sessions/${id}/pay`, { key: h.pk, body: '{not json', headers: { [KEY]: 'k' } });
    assert.equal(broken.status, 400);
    const paid = await h.pay(id, card('4111111111111111'), { [KEY]: 'k' });
    assert.equal(paid.body['status'], 'completed');
  });

  it('scopes a key to one path: the same key on another route runs that route', async () => {
    const h = harness();
    const id = (await h.createSession())['id'] as string;
    const token = await h.call('POST', '/tokens', { key: h.pk, body: { payment_details: card('4111111111111111') }, headers: { [KEY]: 'k' } });
    const paid = await h.pay(id, card('4111111111111111'), { [KEY]: 'k' });
    assert.equal(token.body['resource'], 'token');
    assert.equal(paid.body['status'], 'completed');
  });

  it('forgets its keys on reset', async () => {
    const h = harness();
    const token = () =>
      h.call('POST', '/tokens', { key: h.pk, body: { payment_details: card('4111111111111111') }, headers: { [KEY]: 'k' } });
    const first = await token();
    h.sandbox.reset();
    assert.notEqual((await token()).body['id'], first.body['id']);
  });

  it('without a key, a second pay is refused because the session is completed', async () => {
    const h = harness();
    const id = (await h.createSession())['id'] as string;
    const answers = await Promise.all([h.pay(id, card('4111111111111111')), h.pay(id, card('4111111111111111'))]);
    assert.deepEqual(answers.map((a) => a.status).sort(), [200, 422]);
    assert.equal(h.sandbox.komoju.inspect.payments({ sessionId: id, status: 'captured' }).length, 1);
  });
});
