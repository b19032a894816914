/** The request log keeps this many calls (a demo server may run for days). */
export const MAX_RECORDED_REQUESTS = 10_000;

/** What the log filters on; each emulator records more (never a body, never a key). */
export interface LoggedRequest {
  readonly method: string;
  /** The route template (`POST /sessions/{id}/pay`), or null for an unknown path. */
  readonly route: string | null;
}

/** The API calls an emulator answered, oldest first, for its `inspect` API. */
export class RequestLog<T extends LoggedRequest> {
  private readonly entries: T[] = [];

  record(request: T): void {
    this.entries.push(request);
    if (this.entries.length > MAX_RECORDED_REQUESTS) this.entries.splice(0, this.entries.length - MAX_RECORDED_REQUESTS);
  }

  /** Copies of the calls, of one route and method when asked. */
  list(filter: { readonly route?: string; readonly method?: string } = {}): T[] {
    return this.entries
      .filter((r) => (!filter.route || r.route === filter.route) && (!filter.method || r.method === filter.method))
      .map((r) => ({ ...r }));
  }

  clear(): void {
    this.entries.length = 0;
  }
}
