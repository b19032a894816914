import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';

/**
 * Node `http` ↔ web `Request` / `Response` for the demo server. Unlike `toNodeListener` of
 * `kessai-elements/server` (which gives the endpoint a placeholder URL), the demo needs the real
 * origin the browser used (`Host`), because the page and the sandbox are told apart by it
 * (`localhost` vs `127.0.0.1`, see `sandboxOriginFor`) and the emulators build their links from it.
 */

/** The web `Request` for a Node request, on `http://<Host><url>`. Throws on a malformed Host. */
export function toWebRequest(req: IncomingMessage): Request {
  const host = req.headers.host;
  if (!host || /[\s/\\@?#]/.test(host)) throw new TypeError('bad Host header');
  const url = new URL(req.url ?? '/', `http://${host}`);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  const method = req.method ?? 'GET';
  const hasBody = method !== 'GET' && method !== 'HEAD';
  const init: RequestInit & { duplex?: 'half' } = {
    method,
    headers,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : null,
    duplex: 'half',
  };
  return new Request(url, init);
}

/** Writes a web `Response` to a Node response (the body streamed, nothing for `HEAD`). */
export async function sendWebResponse(res: ServerResponse, response: Response, method: string): Promise<void> {
  res.statusCode = response.status;
  const cookies = response.headers.getSetCookie();
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') res.setHeader(name, value);
  });
  if (cookies.length) res.setHeader('set-cookie', cookies);
  if (method === 'HEAD' || !response.body) {
    await response.body?.cancel();
    res.end();
    return;
  }
  const body = Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>);
  await new Promise<void>((resolve, reject) => {
    body.on('error', reject);
    res.on('close', resolve);
    body.pipe(res);
  });
}
