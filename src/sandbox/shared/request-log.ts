/** The request log keeps this many calls (a demo server may run for days). */
export const MAX_RECORDED_REQUESTS = 10_000;

/** One answered API call, for tests: never a body, never a key. Each emulator records a little more. */
export interface RecordedApiCall {
  /** Counts up from 1 for the emulator's lifetime (a reset empties the log but does not restart it). */
  readonly seq: number;
  readonly at: string;
  readonly method: string;
  /** The path below the API root, as requested (`/sessions/abc/pay`). */
  readonly path: string;
  /** The route template (`POST /sessions/{id}/pay`), or null for an unknown path. */
  readonly route: string | null;
  readonly status: number;
  readonly origin: string | null;
  readonly idempotencyKey: string | null;
  /** The answer was a stored one, replayed for a repeated `Idempotency-Key`. */
  readonly replayed: boolean;
}

/** What the dispatcher knows of a call once it answered it. */
export interface AnsweredCall {
  readonly request: Request;
  readonly at: Date;
  readonly path: string;
  readonly route: string | null;
  readonly status: number;
  readonly idempotencyKey: string | null;
  readonly replayed: boolean;
}

/** The API calls an emulator answered, oldest first, for its `inspect` API. */
export class RequestLog<T extends RecordedApiCall> {
  private readonly entries: T[] = [];
  private seq = 0;

  /** Logs a call with the emulator's own fields (`extra`: which key, which scenario…). */
  record(call: AnsweredCall, extra: Omit<T, keyof RecordedApiCall>): void {
    const common: RecordedApiCall = {
      seq: ++this.seq,
      at: call.at.toISOString(),
      method: call.request.method,
      path: call.path,
      route: call.route,
      status: call.status,
      origin: call.request.headers.get('origin'),
      idempotencyKey: call.idempotencyKey,
      replayed: call.replayed,
    };
    this.entries.push({ ...common, ...extra } as T);
    if (this.entries.length > MAX_RECORDED_REQUESTS) this.entries.splice(0, this.entries.length - MAX_RECORDED_REQUESTS);
  }

  /** Copies of the calls, of one route and method when asked. */
  list(filter: { readonly route?: string; readonly method?: string } = {}): T[] {
    return this.entries
      .filter((r) => (!filter.route || r.route === filter.route) && (!filter.method || r.method === filter.method))
      .map((r) => ({ ...r }));
  }

  /** Empties the log; `seq` goes on counting. */
  clear(): void {
    this.entries.length = 0;
  }
}
