import type { WebhookDedupeStore } from './webhook-config.ts';

export interface MemoryDedupeOptions {
  /** Keys kept at most; the oldest are forgotten first. Default 10 000. */
  readonly maxEntries?: number;
  /** How long a key is kept, in milliseconds. Default 7 days. */
  readonly ttlMs?: number;
  /** The clock (tests). Default `Date.now`. */
  readonly now?: () => number;
}

const DEFAULT_MAX_ENTRIES = 10_000;
const DEFAULT_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * The default `dedupe` of the webhook handler: the keys of the deliveries that reached `onEvent`, in
 * this process's memory, bounded in number and age. Lost on a restart and not shared between
 * instances: see `WebhookDedupeStore` for a durable one.
 */
export function createMemoryDedupeStore(options: MemoryDedupeOptions = {}): WebhookDedupeStore {
  const maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
  const ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
  const now = options.now ?? Date.now;
  if (!Number.isInteger(maxEntries) || maxEntries < 1) {
    throw new TypeError('kessai-elements/server: dedupe maxEntries must be a positive integer.');
  }
  if (!(ttlMs > 0)) throw new TypeError('kessai-elements/server: dedupe ttlMs must be positive.');
  /** Key → expiry time; a Map keeps insertion order, so the first entries are the oldest. */
  const expiries = new Map<string, number>();

  function prune(at: number): void {
    for (const [key, expiry] of expiries) {
      if (expiry > at && expiries.size <= maxEntries) break;
      expiries.delete(key);
    }
  }

  return {
    seen(key) {
      const expiry = expiries.get(key);
      if (expiry === undefined) return false;
      if (expiry <= now()) {
        expiries.delete(key);
        return false;
      }
      return true;
    },
    remember(key) {
      const at = now();
      expiries.delete(key);
      expiries.set(key, at + ttlMs);
      prune(at);
    },
  };
}
