import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An ephemeral Node HTTP server in front of a web-standard handler (an emulator), recording every
 * request exactly as it arrived on the wire: method, path with query, headers (lower-case names), body
 * text. A provider's own client (its SDK, which calls the global `fetch` itself) is pointed at `origin`;
 * our server modules get `fetch` and reach the same server, so both are recorded the same way.
 */
export interface WireRequest {
  readonly method: string;
  /** Path and query, as sent (`/sandbox/univapay/stores/…/charges/…?polling=true`). */
  readonly url: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface RecordingServer {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  readonly requests: WireRequest[];
  /** Requests since the last `take()` (or the start), and forgets them. */
  take(): WireRequest[];
  close(): Promise<void>;
}

async function readBody(message: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of message) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function startRecordingServer(handle: (request: Request) => Promise<Response>): Promise<RecordingServer> {
  const requests: WireRequest[] = [];
  let taken = 0;
  let origin = '';
  const server: Server = createServer((message, reply) => {
    void (async () => {
      const body = await readBody(message);
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(message.headers)) {
        if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
      }
      const url = new URL(message.url ?? '/', origin);
      requests.push({
        method: message.method ?? 'GET',
        url: `${url.pathname}${url.search}`,
        path: url.pathname,
        query: url.searchParams,
        headers,
        body: body.toString('utf8'),
      });
      const forwarded = new Headers();
      for (const [name, value] of Object.entries(headers)) forwarded.set(name, value);
      const hasBody = message.method !== 'GET' && message.method !== 'HEAD' && body.length > 0;
      const response = await handle(
        new Request(url, { method: message.method, headers: forwarded, ...(hasBody ? { body: new Uint8Array(body) } : {}) }),
      );
      const answer = Buffer.from(await response.arrayBuffer());
      reply.writeHead(response.status, Object.fromEntries(response.headers.entries()));
      reply.end(answer);
    })().catch((error: unknown) => {
      reply.writeHead(599, { 'Content-Type': 'text/plain' });
      reply.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    requests,
    take() {
      const fresh = requests.slice(taken);
      taken = requests.length;
      return fresh;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** The JSON body of a recorded request. */
export function jsonBody(request: WireRequest): Record<string, unknown> {
  return JSON.parse(request.body) as Record<string, unknown>;
}

/** The last recorded request of a method whose path ends with `suffix`. */
export function lastRequest(server: RecordingServer, method: string, suffix: string): WireRequest | undefined {
  return [...server.requests].reverse().find((r) => r.method === method && r.path.endsWith(suffix));
}
