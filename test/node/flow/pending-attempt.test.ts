import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  PENDING_ATTEMPT_KEY,
  PENDING_ATTEMPT_TTL_MS,
  clearPendingAttempt,
  createPendingAttempt,
  readPendingAttempt,
  savePendingAttempt,
  type AttemptStorage,
} from '../../../src/flow/pending-attempt.ts';
import { SESSION_ID, memoryStorage, session } from './fixtures.ts';

const ENDPOINT = 'https://shop.example/api/pay';
const NOW = Date.UTC(2030, 0, 1, 3, 0, 0);

describe('pending attempt', () => {
  it('round-trips under one key', () => {
    const storage = memoryStorage();
    const attempt = createPendingAttempt(session(), ENDPOINT, 'card', NOW);
    assert.equal(savePendingAttempt(storage, attempt), true);
    assert.deepEqual([...storage.map.keys()], [PENDING_ATTEMPT_KEY]);
    assert.deepEqual(readPendingAttempt(storage, NOW + 1000), attempt);
    assert.deepEqual(
      Object.keys(attempt).sort(),
      ['createdAt', 'endpoint', 'method', 'mode', 'provider', 'session', 'sessionId', 'v'],
    );
  });

  it('writes only the schema fields, never anything else handed in (no card data)', () => {
    const storage = memoryStorage();
    const attempt = createPendingAttempt(session(), ENDPOINT, 'card', NOW);
    const polluted = { ...attempt, card: { number: '4111111111111111', cvc: '123' }, session: { ...attempt.session, cvc: '123' } };
    savePendingAttempt(storage, polluted);
    const raw = storage.map.get(PENDING_ATTEMPT_KEY) ?? '';
    assert.doesNotMatch(raw, /4111|cvc|123"/);
    assert.equal(raw.includes(SESSION_ID), true);
  });

  it('expires after the TTL and is then removed', () => {
    const storage = memoryStorage();
    savePendingAttempt(storage, createPendingAttempt(session(), ENDPOINT, 'card', NOW));
    assert.notEqual(readPendingAttempt(storage, NOW + PENDING_ATTEMPT_TTL_MS - 1), null);
    assert.equal(readPendingAttempt(storage, NOW + PENDING_ATTEMPT_TTL_MS), null);
    assert.equal(storage.map.size, 0);
  });

  it('refuses a record from the future (clock games)', () => {
    const storage = memoryStorage();
    savePendingAttempt(storage, createPendingAttempt(session(), ENDPOINT, 'card', NOW + 10 * 60_000));
    assert.equal(readPendingAttempt(storage, NOW), null);
  });

  const garbage: ReadonlyArray<readonly [string, string]> = [
    ['not JSON', '{oops'],
    ['JSON null', 'null'],
    ['a wrong version', JSON.stringify({ ...createPendingAttempt(session(), ENDPOINT, 'card', NOW), v: 2 })],
    ['an unknown provider', JSON.stringify({ ...createPendingAttempt(session(), ENDPOINT, 'card', NOW), provider: 'evil' })],
    ['a session that is not the one named', JSON.stringify({ ...createPendingAttempt(session(), ENDPOINT, 'card', NOW), sessionId: 'other' })],
    ['a session without its key', JSON.stringify({ ...createPendingAttempt(session(), ENDPOINT, 'card', NOW), session: { provider: 'komoju' } })],
  ];
  for (const [name, raw] of garbage) {
    it(`ignores and removes ${name}`, () => {
      const storage = memoryStorage();
      storage.setItem(PENDING_ATTEMPT_KEY, raw);
      assert.equal(readPendingAttempt(storage, NOW), null);
      assert.equal(storage.map.has(PENDING_ATTEMPT_KEY), false);
    });
  }

  it('survives storage that is missing or throws', () => {
    const attempt = createPendingAttempt(session(), ENDPOINT, 'konbini', NOW);
    assert.equal(savePendingAttempt(undefined, attempt), false);
    assert.equal(readPendingAttempt(undefined, NOW), null);
    const broken: AttemptStorage = {
      getItem: () => { throw new Error('SecurityError'); },
      setItem: () => { throw new Error('QuotaExceededError'); },
      removeItem: () => { throw new Error('SecurityError'); },
    };
    assert.equal(savePendingAttempt(broken, attempt), false);
    assert.equal(readPendingAttempt(broken, NOW), null);
    clearPendingAttempt(broken);
  });
});
