import type { WebhookTimers } from '../../../src/sandbox/index.ts';

/**
 * What the webhook tests share: a clock with timers the test moves (injected as the emulator's `now`
 * and `webhookTimers`, so hours of retries run at once), and a receiver standing in for the merchant's
 * server (injected as `webhookFetch`), which keeps every request as it arrived, raw body included.
 */

/** A clock and timers that move only when the test says so. */
export class FakeClock implements WebhookTimers {
  private nowMs: number;
  private seq = 0;
  private readonly timers = new Map<number, { readonly at: number; readonly callback: () => void }>();

  constructor(start: string) {
    this.nowMs = Date.parse(start);
  }

  readonly now = (): Date => new Date(this.nowMs);

  readonly setTimeout = (callback: () => void, ms: number): unknown => {
    const id = ++this.seq;
    this.timers.set(id, { at: this.nowMs + Math.max(0, ms), callback });
    return id;
  };

  readonly clearTimeout = (handle: unknown): void => {
    this.timers.delete(handle as number);
  };

  /** Delays of the timers waiting, from now, soonest first. */
  pendingDelays(): number[] {
    return [...this.timers.values()].map((t) => t.at - this.nowMs).sort((a, b) => a - b);
  }

  /** Moves the clock on by `ms`, firing every timer due on the way, in order, letting work settle after each. */
  async advance(ms: number): Promise<void> {
    const end = this.nowMs + ms;
    for (;;) {
      await settle();
      let next: [number, { at: number; callback: () => void }] | null = null;
      for (const entry of this.timers) if (entry[1].at <= end && (!next || entry[1].at < next[1].at)) next = entry;
      if (!next) break;
      this.timers.delete(next[0]);
      this.nowMs = Math.max(this.nowMs, next[1].at);
      next[1].callback();
    }
    this.nowMs = end;
    await settle();
  }
}

/** A few real turns of the event loop: promises, Web Crypto and body reads get done. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** Waits (real time, at most 2 s) until `condition` holds. */
export async function waitFor(condition: () => boolean, what = 'the condition'): Promise<void> {
  const deadline = Date.now() + 2_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

/** One webhook request as the receiver got it. */
export interface Received {
  readonly url: string;
  readonly method: string;
  /** Every header, names lower-cased. */
  readonly headers: Record<string, string>;
  /** The body's bytes as they arrived. */
  readonly raw: Buffer;
  readonly json: Record<string, unknown>;
}

/** The merchant's server: keeps each request, answers what `answer` says (default 200). */
export class Receiver {
  readonly received: Received[] = [];
  /** The answer to the n-th request (0-based): a status, or a promise for a late or no answer. */
  answer: (request: Received, index: number) => number | Promise<number> = () => 200;

  readonly fetch = async (input: string, init: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const raw = Buffer.from(await request.arrayBuffer());
    const received: Received = {
      url: request.url,
      method: request.method,
      headers: Object.fromEntries(request.headers),
      raw,
      json: JSON.parse(raw.toString('utf8')) as Record<string, unknown>,
    };
    const index = this.received.push(received) - 1;
    const status = await Promise.race([
      this.answer(received, index),
      new Promise<never>((_, reject) => request.signal.addEventListener('abort', () => reject(new Error('aborted')))),
    ]);
    return new Response(status === 204 || (status >= 300 && status < 400) ? null : 'ok', {
      status,
      headers: status >= 300 && status < 400 ? { Location: 'https://elsewhere.example/' } : {},
    });
  };

  /** The events received, in order. */
  events(key: 'type' | 'event'): string[] {
    return this.received.map((r) => r.json[key] as string);
  }
}
