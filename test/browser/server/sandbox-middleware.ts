/**
 * The browser tests' working backend, mounted in web-test-runner's own server
 * (`web-test-runner.config.mjs`): the demo's reference merchant endpoints at `/api/<provider>` and the
 * provider emulators under `/sandbox/…`, exactly as `npm run demo` serves them. The test page is opened
 * on `http://localhost:<port>` and told to reach the sandbox on `http://127.0.0.1:<port>`, another
 * origin, as a real provider's API is (see `sandboxOriginFor`); so a browser test can pay through the
 * real endpoint handler and the real emulator, and prove where every byte went.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createDemoHandler } from '../../../demo/server.ts';
import { sendWebResponse, toWebRequest } from '../../../demo/node-http.ts';
import { createSandbox } from '../../../src/sandbox/index.ts';

/** The part of a Koa context this middleware uses (web-test-runner's server is Koa). */
interface KoaContext {
  readonly path: string;
  readonly method: string;
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  respond?: boolean;
}

export function sandboxMiddleware(): (ctx: KoaContext, next: () => Promise<unknown>) => Promise<unknown> {
  const sandbox = createSandbox();
  const demo = createDemoHandler({ sandbox });
  return async (ctx, next) => {
    if (!sandbox.owns(ctx.path) && !/^\/api\/[a-z]+(-[a-z]+)?$/.test(ctx.path)) return next();
    ctx.respond = false;
    const response = await demo(toWebRequest(ctx.req));
    await sendWebResponse(ctx.res, response, ctx.method);
    return undefined;
  };
}
