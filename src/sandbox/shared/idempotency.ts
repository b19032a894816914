import type { ApiAnswer } from './api-answer.ts';

/**
 * Idempotent requests as a provider keeps them, its rules plugged in: which header carries the key,
 * how long a key may be, how long it stays bound to its answer, what a repeat that arrives while the
 * first is still being answered gets, and what a repeat with another body gets.
 */
export interface IdempotencyRules {
  /** The request header (`X-KOMOJU-IDEMPOTENCY`, `Idempotency-Key`). Read on `POST`s only. */
  readonly header: string;
  /** The longest key taken, in characters. */
  readonly maxLength: number;
  /** Whether a key must be printable ASCII. */
  readonly asciiOnly: boolean;
  /** How long a key stays bound to its first answer, in milliseconds; null for the emulator's lifetime. */
  readonly ttlMs: number | null;
  /** A repeat while the first is still being answered: refused (`conflict`), or answered once the first is (`wait`). */
  readonly inFlight: 'conflict' | 'wait';
  /** A repeat with another body: the first answer again (`replay`), or refused (`conflict`). */
  readonly otherBody: 'replay' | 'conflict';
}

/** The most keys a store holds (a demo server may run for days): the oldest go first. */
export const MAX_IDEMPOTENCY_KEYS = 10_000;

interface StoredAnswer {
  readonly kind: 'stored';
  /** A hash of what was sent: the body itself is never kept. */
  readonly fingerprint: string;
  readonly answer: ApiAnswer;
  readonly at: number;
}

interface Running {
  readonly kind: 'running';
  readonly at: number;
  /** Settles when the first request has its answer (stored or not). */
  readonly settled: Promise<void>;
}

/** What a request finds for its key. */
export type IdempotencySlot =
  /** Nobody used the key (or it expired): this request runs, then `finish`es or `release`s it. */
  | { readonly kind: 'claimed'; finish(fingerprint: string, answer: ApiAnswer): void; release(): void }
  /** A request with this key is still being answered; `settled` resolves when it is. */
  | { readonly kind: 'running'; readonly settled: Promise<void> }
  /** The key has an answer: replay it (or refuse, when the body differs and the rules say so). */
  | { readonly kind: 'stored'; readonly fingerprint: string; readonly answer: ApiAnswer };

/**
 * The keys of one emulator and their answers. `claim` is synchronous: between a request's lookup and
 * its claim nothing can slip in, and a claim is held from the moment the request is authenticated
 * until its answer is stored, so a repeat that arrives meanwhile sees it `running`.
 */
export class IdempotencyStore {
  private readonly entries = new Map<string, StoredAnswer | Running>();

  /** What `scope` (the provider's scope of a key: account, route and key) holds at `now` (ms). */
  claim(scope: string, now: number, ttlMs: number | null): IdempotencySlot {
    const entry = this.entries.get(scope);
    if (entry && (ttlMs === null || now - entry.at < ttlMs)) {
      return entry.kind === 'running'
        ? { kind: 'running', settled: entry.settled }
        : { kind: 'stored', fingerprint: entry.fingerprint, answer: entry.answer };
    }
    if (entry) this.entries.delete(scope);
    let settle!: () => void;
    const running: Running = { kind: 'running', at: now, settled: new Promise<void>((resolve) => (settle = resolve)) };
    this.entries.set(scope, running);
    this.trim();
    const mine = () => this.entries.get(scope) === running;
    return {
      kind: 'claimed',
      finish: (fingerprint, answer) => {
        if (mine()) this.entries.set(scope, { kind: 'stored', fingerprint, answer, at: now });
        settle();
      },
      release: () => {
        if (mine()) this.entries.delete(scope);
        settle();
      },
    };
  }

  clear(): void {
    this.entries.clear();
  }

  private trim(): void {
    for (const key of this.entries.keys()) {
      if (this.entries.size <= MAX_IDEMPOTENCY_KEYS) break;
      this.entries.delete(key);
    }
  }
}

/** Why a key was refused before its request ran, or null when it is fine. */
export function badIdempotencyKey(key: string, rules: IdempotencyRules): string | null {
  if (key.length === 0 || key.length > rules.maxLength) return `must be 1 to ${rules.maxLength} characters`;
  if (rules.asciiOnly && !/^[\x20-\x7e]+$/.test(key)) return 'must be printable ASCII';
  return null;
}
