import { createServer, type Server } from 'node:http';
import Stripe from 'stripe';
import { sendWebResponse, toWebRequest } from '../../../demo/node-http.ts';
import { createSandbox, type Sandbox, type SandboxOptions } from '../../../src/sandbox/index.ts';

/**
 * The Stripe emulator on an ephemeral Node http server, with stripe-node pointed at it as at
 * api.stripe.com (`host`, `port`, `protocol: 'http'`). stripe-node has no base path (it calls
 * `/v1/…` at the host's root), so the server forwards `/v1/…` to the emulator's `<basePath>/v1/…`;
 * every other path goes to the sandbox as it is (pages, the Stripe.js stand-in).
 */
export interface StripeHarness {
  readonly sandbox: Sandbox;
  readonly stripe: Stripe;
  /** `http://127.0.0.1:<port>`: the API's origin (`/v1`) and the sandbox's (`/sandbox/stripe/…`). */
  readonly origin: string;
  /** A raw call, for what the SDK cannot send (a publishable key, a missing key, a bad body). */
  raw(method: 'GET' | 'POST' | 'OPTIONS', path: string, options?: { body?: string; headers?: Record<string, string> }): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }>;
  close(): Promise<void>;
}

export async function startStripe(options: SandboxOptions = {}): Promise<StripeHarness> {
  const sandbox = createSandbox(options);
  const prefix = `${sandbox.basePath}/stripe`;
  const server: Server = createServer((req, res) => {
    void (async () => {
      const request = toWebRequest(req);
      const url = new URL(request.url);
      if (url.pathname === '/v1' || url.pathname.startsWith('/v1/')) {
        url.pathname = `${prefix}${url.pathname}`;
        const forwarded = new Request(url, { method: request.method, headers: request.headers, body: request.body, duplex: 'half' } as RequestInit);
        return sendWebResponse(res, await sandbox.handle(forwarded), req.method ?? 'GET');
      }
      return sendWebResponse(res, await sandbox.handle(request), req.method ?? 'GET');
    })().catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const origin = `http://127.0.0.1:${port}`;
  const stripe = new Stripe(sandbox.stripe.secretKey, { host: '127.0.0.1', port, protocol: 'http', telemetry: false, maxNetworkRetries: 0 });
  return {
    sandbox,
    stripe,
    origin,
    async raw(method, path, { body, headers = {} } = {}) {
      const response = await fetch(`${origin}${path}`, {
        method,
        headers: { ...(body !== undefined ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}), ...headers },
        body,
      });
      const text = await response.text();
      return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Answers the 3-D Secure page of an intent like the shopper's click: `complete` or `fail`. */
export async function answerChallenge(harness: StripeHarness, intentId: string, result: 'complete' | 'fail'): Promise<Response> {
  const url = harness.sandbox.stripe.inspect.challengeUrl(intentId);
  if (!url) throw new Error(`no challenge for ${intentId}`);
  const page = new URL(url);
  return fetch(`${harness.origin}${page.pathname}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: harness.origin },
    body: `result=${result}`,
    redirect: 'manual',
  });
}
