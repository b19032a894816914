import type { ApiAnswer } from './api-answer.ts';

interface StoredAnswer extends ApiAnswer {
  /** A hash of what was sent: the body itself is never kept. */
  readonly fingerprint: string;
}

/** What `IdempotencyStore.answer` gives: the answer and whether it was a stored one. */
export type IdempotentAnswer = { readonly answer: ApiAnswer; readonly replayed: boolean } | 'conflict';

/**
 * The answers of `POST`s sent with an `Idempotency-Key`, as providers keep them: the same key with the
 * same request gets the stored answer again (a double click pays once); with another request it is a
 * `conflict`, which each emulator answers with its provider's error.
 */
export class IdempotencyStore {
  private readonly answers = new Map<string, StoredAnswer>();

  /**
   * The stored answer for `key`, or `run()`'s, stored under `key`. No key: `run()` alone. Synchronous
   * on purpose: nothing can slip in between the lookup and the store.
   */
  answer(key: string | null, fingerprint: string, run: () => ApiAnswer): IdempotentAnswer {
    const stored = key ? this.answers.get(key) : undefined;
    if (stored) {
      if (stored.fingerprint !== fingerprint) return 'conflict';
      return { answer: { status: stored.status, body: stored.body }, replayed: true };
    }
    const answer = run();
    if (key) this.answers.set(key, { fingerprint, status: answer.status, body: answer.body });
    return { answer, replayed: false };
  }

  clear(): void {
    this.answers.clear();
  }
}
