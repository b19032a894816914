import { createServer, type Server } from 'node:http';
import { sendWebResponse, toWebRequest } from '../../../demo/node-http.ts';
import { sandboxOriginFor, type Sandbox } from '../../../src/sandbox/index.ts';

/**
 * A small server on 127.0.0.1 for the sandbox's Chromium tests: the test's own pages, opened on
 * `http://localhost:<port>`, and the sandbox, which those pages reach on `http://127.0.0.1:<port>`:
 * another origin, as a provider's is (see `sandboxOriginFor`). Pages come from a real server, not from
 * request interception: Chromium treats an intercepted page as public and refuses its calls to the
 * loopback.
 */
export interface PageServer {
  readonly pageOrigin: string;
  readonly sandboxOrigin: string;
  close(): Promise<void>;
}

/** Answers a request for one of the test's pages, or null for a 404. */
export type PageHandler = (request: Request, url: URL) => Response | Promise<Response> | null;

export async function startPageServer(sandbox: Sandbox, pages: PageHandler): Promise<PageServer> {
  const answer = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    if (sandbox.owns(url.pathname)) return sandbox.handle(request);
    // Chromium asks for /favicon.ico after a page loads, sometimes before the test closes the page:
    // a 404 there is logged as a console error that has nothing to do with the test (it failed CI once).
    if (url.pathname === '/favicon.ico') return new Response(null, { status: 204 });
    return (await pages(request, url)) ?? new Response('Not found', { status: 404 });
  };
  const server: Server = createServer((req, res) => {
    void (async () => sendWebResponse(res, await answer(toWebRequest(req)), req.method ?? 'GET'))().catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const pageOrigin = `http://localhost:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    pageOrigin,
    sandboxOrigin: sandboxOriginFor(pageOrigin),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
