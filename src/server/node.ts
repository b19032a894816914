import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KessaiHandler } from './handler.ts';

/**
 * Adapts the web-standard handler to Node's `http` (and Express / Connect, mounted before any body
 * parser: the handler reads the raw body itself, with its size limit). Only types come from `node:`,
 * so importing `kessai-elements/server` stays safe on edge runtimes.
 */
export function toNodeListener(
  handler: KessaiHandler,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value === undefined) continue;
      for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
    }
    const method = req.method ?? 'GET';
    const hasBody = method !== 'GET' && method !== 'HEAD';
    const iterator = req[Symbol.asyncIterator]();
    const body = hasBody
      ? new ReadableStream<Uint8Array>({
          async pull(controller) {
            const { done, value } = (await iterator.next()) as IteratorResult<Uint8Array | string>;
            if (done) controller.close();
            else controller.enqueue(typeof value === 'string' ? new TextEncoder().encode(value) : value);
          },
          async cancel() {
            await iterator.return?.();
          },
        })
      : null;
    // Only the method, headers and body matter to the handler; the URL is a placeholder.
    const init: RequestInit & { duplex?: 'half' } = { method, headers, body, duplex: 'half' };
    let response: Response;
    try {
      response = await handler(new Request(`http://localhost${req.url ?? '/'}`, init));
    } catch {
      response = new Response('{"error":{"code":"internal_error","message":"Something went wrong on the server."}}', {
        status: 500,
        headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
      });
    }
    res.statusCode = response.status;
    response.headers.forEach((value, name) => res.setHeader(name, value));
    res.end(new Uint8Array(await response.arrayBuffer()));
  };
}
