import { stylesheetResponse } from './html.ts';
import type { ApiPipeline } from './pipeline.ts';
import { decodeSegment, isUnder } from './routes.ts';

/**
 * What every provider emulator of the sandbox is: a web-standard handler mounted at
 * `<sandbox basePath>/<provider>`, which `createSandbox` routes to by path and resets together.
 * A new emulator (`src/sandbox/<provider>/index.ts`) implements this with `mountEmulator` below, adds
 * itself to the list in `../index.ts`, and builds on the shared pieces beside this file:
 * - API: `pipeline.ts` (the one request pipeline: CORS, auth, routing, idempotency, bodies, errors,
 *   the request log; the provider plugs in its rules), `routes.ts` (route types, `matchRoute`),
 *   `api-answer.ts` (`ok`, `EmulatorApiError` to subclass with the provider's error body),
 *   `idempotency.ts`, `request-log.ts`, `http.ts` (CORS, bodies, URLs), `same-secret.ts`,
 *   `value-at.ts`, `options.ts` (basePath, publicOrigin), `webhooks.ts` (sending the provider's
 *   webhooks: queues, retries, timers), `ids.ts`, `jst.ts` (konbini deadlines,
 *   dates for slips), `card-number.ts` (Luhn, networks, expiry), `money.ts`, `base64url.ts`;
 * - pages: `html.ts` (escaped pages under a strict CSP), `pages.ts` (`emulatorPages(name)`),
 *   `challenge-page.ts` (the 3-D Secure page), `konbini-page.ts` (the slip's sandbox buttons).
 */
export interface ProviderEmulator {
  /** Where it is mounted, e.g. `/sandbox/komoju`. */
  readonly basePath: string;
  /** Whether a path belongs to it. */
  owns(pathname: string): boolean;
  /** Answers a request under `basePath`. */
  handle(request: Request): Promise<Response>;
  /** Forgets everything it holds. */
  reset(): void;
}

/** A page or script an emulator serves beside its API, by path template below its base path. */
export interface PageRoute<Context> {
  /** `/challenge/{id}`: a `{name}` segment matches any one non-empty segment, decoded. */
  readonly path: string;
  /** Handlers by method; `GET` answers `HEAD` too. */
  readonly GET?: PageHandler<Context>;
  readonly POST?: PageHandler<Context>;
}

export type PageHandler<Context> = (
  ctx: Context,
  request: Request,
  params: Readonly<Record<string, string>>,
) => Response | Promise<Response>;

export interface EmulatorMount<Context> {
  readonly basePath: string;
  /** The context of one request (the clock read once, the origin it was reached at…). */
  context(request: Request): Context;
  /** The API, below `apiPrefix` (`/api/v1`; empty when the API sits right below the base path). */
  readonly apiPrefix: string;
  readonly api: ApiPipeline<Context>;
  /** Its pages. `/assets/page.css`, the pages' stylesheet, is added. */
  readonly pages: readonly PageRoute<Context>[];
  /** The provider's "not found" page, for a path that is neither a page nor the API. */
  notFoundPage(ctx: Context): Response;
  /**
   * Called after every request, whatever its answer, before the answer leaves: the emulators report
   * the statuses it set to their webhooks.
   */
  afterRequest?(): void;
}

type Match<Context> =
  | { readonly route: PageRoute<Context>; readonly params: Readonly<Record<string, string>> }
  | 'bad-segment'
  | null;

function matchPage<Context>(pages: readonly PageRoute<Context>[], path: string): Match<Context> {
  const parts = path.split('/').slice(1);
  for (const route of pages) {
    const template = route.path.split('/').slice(1);
    if (template.length !== parts.length) continue;
    if (!template.every((want, i) => (want.startsWith('{') ? (parts[i] ?? '') !== '' : want === parts[i]))) continue;
    const params: Record<string, string> = {};
    for (const [i, want] of template.entries()) {
      if (!want.startsWith('{')) continue;
      const value = decodeSegment(parts[i] ?? '');
      if (value === null) return 'bad-segment';
      params[want.slice(1, -1)] = value;
    }
    return { route, params };
  }
  return null;
}

const STYLESHEET = '/assets/page.css';

/** `handle` and `owns` of an emulator: its pages by path, the rest to its API pipeline. */
export function mountEmulator<Context>(mount: EmulatorMount<Context>): Pick<ProviderEmulator, 'handle' | 'owns'> {
  const { basePath, apiPrefix } = mount;
  const pages: readonly PageRoute<Context>[] = [{ path: STYLESHEET, GET: () => stylesheetResponse() }, ...mount.pages];

  async function handle(request: Request): Promise<Response> {
    try {
      return await route(request);
    } finally {
      mount.afterRequest?.();
    }
  }

  async function route(request: Request): Promise<Response> {
    const url = new URL(request.url);
    if (!isUnder(basePath, url.pathname)) return new Response('Not found', { status: 404 });
    const rest = url.pathname.slice(basePath.length);
    const ctx = mount.context(request);
    if (apiPrefix && (rest === apiPrefix || rest.startsWith(`${apiPrefix}/`))) {
      return mount.api.answer(request, ctx, rest.slice(apiPrefix.length));
    }
    const match = matchPage(pages, rest);
    if (match === 'bad-segment') return mount.notFoundPage(ctx);
    if (match === null) return apiPrefix ? mount.notFoundPage(ctx) : mount.api.answer(request, ctx, rest);
    const method = request.method === 'HEAD' ? 'GET' : request.method;
    const handler = method === 'GET' || method === 'POST' ? match.route[method] : undefined;
    if (handler) return handler(ctx, request, match.params);
    const allow = [match.route.GET ? 'GET, HEAD' : '', match.route.POST ? 'POST' : ''].filter(Boolean).join(', ');
    return new Response('Method not allowed', { status: 405, headers: { Allow: allow } });
  }

  return { handle, owns: (pathname) => isUnder(basePath, pathname) };
}
