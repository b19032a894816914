import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { KessaiWebhookEvent, KessaiWebhookLog } from '../../../src/server/index.ts';

/**
 * Helpers of the webhook tests: the signature computed independently of the code under test (as
 * KOMOJU's plugins do, `hash_hmac('sha256', $body, $secret)`), fixtures, a callback recorder, and a
 * record of every answer and log entry for the closing leak scan.
 */

/** Lower-case hex HMAC-SHA256 of the body with the secret: PHP's `hash_hmac('sha256', $body, $secret)`. */
export function komojuSignature(body: string | Uint8Array, secret: string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

export function fixture(provider: 'komoju' | 'univapay', name: string): Record<string, unknown> {
  return JSON.parse(
    readFileSync(new URL(`../../fixtures/${provider}/${name}.json`, import.meta.url), 'utf8'),
  ) as Record<string, unknown>;
}

/** A promise with its resolve and reject, to hold a callback open. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: unknown) => void } {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

export interface Seen {
  readonly label: string;
  readonly status: number;
  readonly headers: string;
  readonly text: string;
}

/**
 * Every answer and every log entry of a suite, for the check that none repeats a secret, a
 * signature, a body or card data.
 */
export class LeakRecorder {
  readonly answers: Seen[] = [];
  readonly logs: KessaiWebhookLog[] = [];

  readonly onLog = (entry: KessaiWebhookLog): void => {
    this.logs.push(entry);
  };

  async record(label: string, response: Response): Promise<Response> {
    this.answers.push({
      label,
      status: response.status,
      headers: JSON.stringify([...response.headers.entries()]),
      text: await response.clone().text(),
    });
    return response;
  }

  /** The log entries as text, errors with their message and stack. */
  logText(): string {
    return JSON.stringify(this.logs, (_key, value: unknown) =>
      value instanceof Error ? { message: value.message, stack: value.stack } : value,
    );
  }

  /** Fails when any answer or log entry contains one of `needles`. */
  assertNone(needles: readonly string[]): void {
    const logs = this.logText();
    for (const needle of needles) {
      if (needle.length < 4) throw new Error(`needle too short to mean anything: ${needle}`);
      if (logs.includes(needle)) throw new Error(`a log entry contains ${JSON.stringify(needle.slice(0, 24))}…`);
      for (const answer of this.answers) {
        if (answer.text.includes(needle) || answer.headers.includes(needle)) {
          throw new Error(`the answer "${answer.label}" contains ${JSON.stringify(needle.slice(0, 24))}…`);
        }
      }
    }
  }
}

/** A callback that records each event and can be told to fail or to wait. */
export function recordingCallback(): {
  events: KessaiWebhookEvent[];
  onEvent: (event: KessaiWebhookEvent) => Promise<void>;
  failNext: (times?: number) => void;
  hold: () => { release: () => void };
} {
  const events: KessaiWebhookEvent[] = [];
  let failures = 0;
  let gate: Promise<void> | undefined;
  return {
    events,
    async onEvent(event) {
      events.push(event);
      if (gate) await gate;
      if (failures > 0) {
        failures -= 1;
        throw new Error('the order database is down');
      }
    },
    failNext(times = 1) {
      failures = times;
    },
    hold() {
      const d = deferred();
      gate = d.promise;
      return {
        release: () => {
          gate = undefined;
          d.resolve();
        },
      };
    },
  };
}

/** A body stream of `chunkBytes`-byte chunks that never ends, counting what was pulled from it. */
export function endlessBody(chunkBytes: number): { stream: ReadableStream<Uint8Array>; pulled: () => number } {
  let pulled = 0;
  const chunk = new TextEncoder().encode('x'.repeat(chunkBytes));
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulled += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { stream, pulled: () => pulled };
}
