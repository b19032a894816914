import * as z from 'zod/mini';
import { clientSessionSchema, METHODS, MODES, PROVIDERS, type ClientSession } from '../core/protocol.ts';

/**
 * What survives the trip to 3-D Secure and back: which attempt the shopper left in the middle of, so the
 * checkout on the return page can finish it. Kept in `sessionStorage` under one key, for one hour.
 *
 * Only non-sensitive values are stored: the provider, the session id, the endpoint, the method and mode,
 * the time, and the public session the endpoint returned (publishable key, API base, amount: nothing
 * in it is secret, see `clientSessionSchema`); the adapter needs that session to finish the attempt.
 * Never card data: there is no field for it, and the record is rebuilt field by field before writing.
 */
export const PENDING_ATTEMPT_KEY = 'kessai:pending-attempt';

/** How long a pending attempt stays usable. A 3-D Secure challenge takes minutes, not hours. */
export const PENDING_ATTEMPT_TTL_MS = 60 * 60 * 1000;

export const pendingAttemptSchema = z.object({
  v: z.literal(1),
  provider: z.enum(PROVIDERS),
  sessionId: z.string().check(z.minLength(1)),
  /** The endpoint URL, resolved against the page, so that only the checkout that started it resumes. */
  endpoint: z.string().check(z.minLength(1)),
  method: z.enum(METHODS),
  mode: z.enum(MODES),
  /** Epoch milliseconds. */
  createdAt: z.number(),
  /** What the provider's return will need (a provider's charge id), from the outcome that sent the shopper away. */
  reference: z.optional(z.string().check(z.maxLength(256))),
  session: clientSessionSchema,
});
export type PendingAttempt = z.infer<typeof pendingAttemptSchema>;

/** The slice of `Storage` used here (tests pass a Map-backed one). */
export type AttemptStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** `sessionStorage`, or undefined where it is missing or blocked (sandboxed iframes, some privacy modes). */
export function defaultAttemptStorage(): AttemptStorage | undefined {
  try {
    return globalThis.sessionStorage ?? undefined;
  } catch {
    return undefined;
  }
}

export function createPendingAttempt(
  session: ClientSession,
  endpoint: string,
  method: PendingAttempt['method'],
  now: number,
  reference?: string,
): PendingAttempt {
  return {
    ...(reference !== undefined ? { reference } : {}),
    v: 1,
    provider: session.provider,
    sessionId: session.sessionId,
    endpoint,
    method,
    mode: session.mode,
    createdAt: now,
    session,
  };
}

/** Stores the attempt. Returns false when storage is unavailable or full (the flow goes on regardless). */
export function savePendingAttempt(storage: AttemptStorage | undefined, attempt: PendingAttempt): boolean {
  if (!storage) return false;
  // Re-parse so only the schema's fields are written, whatever object the caller handed in.
  const clean = pendingAttemptSchema.safeParse(attempt);
  if (!clean.success) return false;
  try {
    storage.setItem(PENDING_ATTEMPT_KEY, JSON.stringify(clean.data));
    return true;
  } catch {
    return false;
  }
}

/**
 * The stored attempt, when there is one that parses and has not expired. Garbage and expired records
 * are removed.
 */
export function readPendingAttempt(storage: AttemptStorage | undefined, now: number): PendingAttempt | null {
  if (!storage) return null;
  let raw: string | null;
  try {
    raw = storage.getItem(PENDING_ATTEMPT_KEY);
  } catch {
    return null;
  }
  if (raw === null) return null;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    json = undefined;
  }
  const parsed = pendingAttemptSchema.safeParse(json);
  const fresh =
    parsed.success &&
    parsed.data.createdAt <= now + 60_000 &&
    now - parsed.data.createdAt < PENDING_ATTEMPT_TTL_MS &&
    parsed.data.session.sessionId === parsed.data.sessionId &&
    parsed.data.session.provider === parsed.data.provider;
  if (!parsed.success || !fresh) {
    clearPendingAttempt(storage);
    return null;
  }
  return parsed.data;
}

export function clearPendingAttempt(storage: AttemptStorage | undefined): void {
  try {
    storage?.removeItem(PENDING_ATTEMPT_KEY);
  } catch {
    // Nothing to do: storage went away.
  }
}
