import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMemoryTransactionStore, type KessaiHandler, type PaymentOptionsTransactionStore } from '../src/server/index.ts';
import { createSandbox, sandboxOriginFor, type Sandbox } from '../src/sandbox/index.ts';
import { merchantHandlers } from './merchant-endpoints.ts';
import { createDemoOrders, type DemoOrders } from './orders.ts';
import { createDemoShoppers, SHOPPER_COOKIE } from './shoppers.ts';
import { createDemoWebhooks, registerDemoWebhooks, type DemoWebhooks } from './webhooks.ts';
import { sendWebResponse, toWebRequest } from './node-http.ts';
import { htmlPageHeaders } from './security-headers.ts';
import { gzipped, resolveStaticPath, serveFile, textResponse } from './serve-static.ts';

/**
 * The demo server (`npm run demo`): one Node `http` server for
 * - `/` and the files of `demo/` (the designers' page, `plain.html`, their scripts and styles),
 * - `/kessai.js` and `/kessai-chunks/…`: the script-tag bundle from `dist/` (`npm run build:browser` makes it),
 * - `/api/<provider>`: the reference merchant endpoints (`merchant-endpoints.ts`),
 * - `/sandbox/…`: the provider emulators (`kessai-elements/sandbox`),
 * - `/webhooks/<provider>`: the shop's webhook receivers, which the emulators deliver to in-process, and
 *   `/demo/orders`: the shop's orders as the webhooks told them (the designers' page lists them).
 *
 * It listens on 127.0.0.1. Open the page at `http://localhost:<port>/`: the browser is then given the
 * sandbox at `http://127.0.0.1:<port>/sandbox/…`, another origin (see `sandboxOriginFor`), so the
 * demo behaves as with a real provider (CORS, CSP, frames) and tests can prove where card data goes.
 * Each request is logged as one line (method, path, status, time); bodies and query strings never.
 */

const HERE = dirname(fileURLToPath(import.meta.url));
const DEMO_ROOT = HERE;
const DIST_ROOT = resolve(HERE, '..', 'dist');

export interface DemoServerOptions {
  /** Default `PORT` from the environment, then 5173; 0 picks a free port. */
  readonly port?: number;
  /** Default `HOST` from the environment, then 127.0.0.1. */
  readonly host?: string;
  /** Where request lines go. Default `console.log`; pass `() => {}` to silence. */
  readonly log?: (line: string) => void;
  /** Where `/kessai.js` is read from. Default `<repo>/dist`. */
  readonly distRoot?: string;
}

export interface DemoServer {
  /** The page URL, on localhost: `http://localhost:<port>/`. */
  readonly url: string;
  /** The origin the page is on (`http://localhost:<port>`). */
  readonly pageOrigin: string;
  /** The origin the browser reaches the sandbox on (`http://127.0.0.1:<port>`). */
  readonly sandboxOrigin: string;
  readonly port: number;
  /** The emulators, with their inspection APIs. */
  readonly sandbox: Sandbox;
  /** The shop's orders, as its verified webhooks told them. */
  readonly orders: DemoOrders;
  /** The shop's webhook secrets (to forge nothing with in tests: a forged delivery uses another). */
  readonly webhooks: DemoWebhooks;
  close(): Promise<void>;
}

/** The demo as one web-standard handler (the Node server below only adapts it). */
export function createDemoHandler(options: {
  sandbox: Sandbox;
  distRoot?: string;
  /** The shop's orders and webhook receivers; without them, `/webhooks/…` and `/demo/orders` answer 404. */
  orders?: DemoOrders;
  webhooks?: DemoWebhooks;
  /** Where PaymentOptions' results wait for the shopper's return (shared with `webhooks`). */
  paymentoptionsTransactions?: PaymentOptionsTransactionStore;
}): (request: Request) => Promise<Response> {
  const { sandbox, orders, webhooks } = options;
  const shoppers = createDemoShoppers(sandbox);
  const paymentoptionsTransactions = options.paymentoptionsTransactions ?? createMemoryTransactionStore();
  const distRoot = options.distRoot ?? DIST_ROOT;
  const endpoints = new Map<string, Readonly<Record<string, KessaiHandler>>>();

  function endpointsFor(pageOrigin: string): Readonly<Record<string, KessaiHandler>> {
    let handlers = endpoints.get(pageOrigin);
    if (!handlers) {
      handlers = merchantHandlers({ pageOrigin, sandboxOrigin: sandboxOriginFor(pageOrigin), sandbox, shoppers, paymentoptionsTransactions });
      endpoints.set(pageOrigin, handlers);
    }
    return handlers;
  }

  return async function demoHandler(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const { pathname } = url;
    if (sandbox.owns(pathname)) return sandbox.handle(request);

    const hook = /^\/webhooks\/([a-z]+)$/.exec(pathname);
    const receiver = hook ? webhooks?.handlers[hook[1] as string] : undefined;
    if (receiver) return receiver(request);
    if (pathname === '/demo/orders' && orders) {
      return new Response(JSON.stringify({ orders: orders.list(), received: orders.received() }), {
        headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
      });
    }

    const api = /^\/api\/([a-z]+(?:-[a-z]+)?)$/.exec(pathname);
    if (api) {
      const handler = endpointsFor(url.origin)[api[1] as string];
      if (handler) return handler(request);
      return new Response(JSON.stringify({ error: { code: 'not_found', message: 'No endpoint for this provider yet.' } }), {
        status: 404,
        headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
      });
    }

    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return textResponse(405, 'Method not allowed.', { Allow: 'GET, HEAD' });
    }
    if (pathname.startsWith('/kessai-chunks/')) {
      // The chunks kessai.js loads when first needed: hashed names, so cached for good.
      const served = await serveFile(resolveStaticPath(distRoot, pathname), {
        'Cache-Control': 'public, max-age=31536000, immutable',
      });
      return served ? gzipped(request, served) : textResponse(404, 'Not found.');
    }
    if (pathname === '/kessai.js' || pathname === '/kessai.js.map') {
      const file = resolve(distRoot, pathname.slice(1));
      const served = await serveFile(existsSync(file) ? file : null);
      if (served) return gzipped(request, served);
      return textResponse(
        500,
        `dist${pathname} is missing: build it with \`npm run build:browser\` (\`npm run demo\` does that first).\n`,
      );
    }
    // Browsers ask for it unasked; an empty answer keeps their consoles free of 404s.
    if (pathname === '/favicon.ico') return new Response(null, { status: 204, headers: { 'Cache-Control': 'max-age=86400' } });
    const html = pathname === '/' || pathname.endsWith('.html') || pathname.endsWith('/');
    const served = await serveFile(
      resolveStaticPath(DEMO_ROOT, pathname),
      html ? htmlPageHeaders(sandboxOriginFor(url.origin)) : {},
    );
    if (!served) return textResponse(404, 'Not found.');
    // The demo's shopper: a cookie, as a shop's login session (its saved cards are kept by it).
    if (html && shoppers.idOf(request) === undefined) {
      served.headers.append('Set-Cookie', `${SHOPPER_COOKIE}=${crypto.randomUUID()}; Path=/; SameSite=Lax; HttpOnly`);
    }
    return gzipped(request, served);
  };
}

/** Starts the demo server; resolves once it listens. */
export async function startDemoServer(options: DemoServerOptions = {}): Promise<DemoServer> {
  const port = options.port ?? (process.env['PORT'] ? Number(process.env['PORT']) : 5173);
  const host = options.host ?? process.env['HOST'] ?? '127.0.0.1';
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new TypeError(`Bad port: ${String(port)}`);
  const log = options.log ?? ((line: string) => console.log(line));
  const orders = createDemoOrders();
  const paymentoptionsTransactions = createMemoryTransactionStore();
  const webhooks = createDemoWebhooks(orders, paymentoptionsTransactions);
  // The emulators deliver their webhooks to the shop in this process, through the demo's own handler.
  let route: (request: Request) => Promise<Response> = () => Promise.resolve(new Response(null, { status: 503 }));
  const sandbox = createSandbox({
    webhookFetch: (input, init) => route(new Request(input, init)),
    payjp: { webhookToken: webhooks.payjpWebhookToken },
    paymentoptions: { webhookSigning: { secret: webhooks.paymentoptionsSecret } },
  });
  const handler = createDemoHandler({ sandbox, orders, webhooks, paymentoptionsTransactions, ...(options.distRoot ? { distRoot: options.distRoot } : {}) });
  route = handler;

  const server: Server = createServer((req, res) => {
    const started = performance.now();
    const method = req.method ?? 'GET';
    // The path only: a query may carry ids, and bodies are never read here.
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    res.on('finish', () => log(`${method} ${path} ${res.statusCode} ${Math.round(performance.now() - started)}ms`));
    void (async () => {
      let response: Response;
      try {
        response = await handler(toWebRequest(req));
      } catch (error) {
        const bad = error instanceof TypeError && error.message === 'bad Host header';
        response = textResponse(bad ? 400 : 500, bad ? 'Bad Host header.' : 'Internal error.');
        if (!bad) console.error('demo server:', error instanceof Error ? error.message : 'unknown error');
      }
      try {
        await sendWebResponse(res, response, method);
      } catch {
        res.destroy();
      }
    })();
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const pageOrigin = `http://localhost:${actualPort}`;
  registerDemoWebhooks(sandbox, webhooks, pageOrigin);
  return {
    url: `${pageOrigin}/`,
    pageOrigin,
    sandboxOrigin: sandboxOriginFor(pageOrigin),
    port: actualPort,
    sandbox,
    orders,
    webhooks,
    close: () =>
      new Promise<void>((resolveClose, reject) => {
        server.close((error) => (error ? reject(error) : resolveClose()));
        server.closeAllConnections();
      }),
  };
}

// `tsx demo/server.ts` (npm run demo) starts it; importing the module does not.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  startDemoServer().then(
    (demo) => {
      console.log(`Kessai Elements demo: ${demo.url}`);
      console.log(`  sandbox (another origin): ${demo.sandboxOrigin}/sandbox/komoju/api/v1`);
      if (!existsSync(resolve(DIST_ROOT, 'kessai.js'))) {
        console.warn('  dist/kessai.js is missing: run `npm run build:browser` (npm run demo does it).');
      }
    },
    (error: unknown) => {
      console.error(`demo server: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    },
  );
}
