/** A recorded request, as the fake fetch saw it. */
export interface RecordedRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly body: string | undefined;
  readonly init: RequestInit | undefined;
}

export type Responder = (request: RecordedRequest) => Response | Promise<Response>;

/** One route: `METHOD /path` (pathname only, exact) or a predicate. */
export type Route = readonly [key: string | ((request: RecordedRequest) => boolean), respond: Responder];

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(typeof body === 'string' ? body : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

/**
 * A `fetch` that answers from `routes` and records every request. A request no route matches fails
 * the test loudly (an answer of 599), so an adapter cannot call something unexpected unnoticed.
 */
export function fakeFetch(routes: readonly Route[]): {
  fetch: typeof fetch;
  requests: RecordedRequest[];
} {
  const requests: RecordedRequest[] = [];
  const fetchImpl = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const recorded: RecordedRequest = {
      url,
      method: (init?.method ?? 'GET').toUpperCase(),
      headers: new Headers(init?.headers),
      body: typeof init?.body === 'string' ? init.body : undefined,
      init,
    };
    requests.push(recorded);
    const key = `${recorded.method} ${new URL(url).pathname}`;
    const route = routes.find(([match]) => (typeof match === 'string' ? match === key : match(recorded)));
    if (!route) return json(599, { error: { code: 'no_route', message: key } });
    return route[1](recorded);
  };
  return { fetch: fetchImpl as typeof fetch, requests };
}
