import type { ApiAnswer } from './api-answer.ts';

/** What the matcher needs of an emulator's route: its method and its path template. */
export interface RouteTemplate {
  readonly method: string;
  /** With `{name}` segments: `/sessions/{id}/pay`. */
  readonly path: string;
}

/**
 * A route handler. Synchronous on purpose: once the body is read and the caller authenticated, a call
 * runs to its end without yielding, so two requests with one `Idempotency-Key` (a double click) can
 * never both pay.
 */
export type RouteHandler<Context, Call> = (ctx: Context, call: Call) => ApiAnswer;

/** One route of an emulator's API: who may call it (`access`, the emulator's own kinds) and its handler. */
export interface EmulatorRoute<Context, Call, Access extends string> extends RouteTemplate {
  readonly method: 'GET' | 'POST' | 'DELETE';
  readonly access: Access;
  readonly handler: RouteHandler<Context, Call>;
}

export interface MatchedRoute<R extends RouteTemplate> {
  readonly route: R;
  readonly params: Readonly<Record<string, string>>;
}

/**
 * The first route for a method and a path (below the emulator's API root), with its `{params}`
 * decoded. A parameter that is empty or not valid percent-encoding matches nothing.
 */
export function matchRoute<R extends RouteTemplate>(
  routes: readonly R[],
  method: string,
  path: string,
): MatchedRoute<R> | null {
  const parts = path.split('/').slice(1);
  for (const route of routes) {
    if (route.method !== method) continue;
    const template = route.path.split('/').slice(1);
    if (template.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const matched = template.every((want, i) => {
      const got = parts[i] ?? '';
      if (!want.startsWith('{')) return want === got;
      const value = decodeSegment(got);
      if (!value) return false;
      params[want.slice(1, -1)] = value;
      return true;
    });
    if (matched) return { route, params };
  }
  return null;
}

/** A percent-encoded path segment, decoded; null when it is not valid encoding. */
export function decodeSegment(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

/** Whether a path is `basePath` or below it. */
export function isUnder(basePath: string, pathname: string): boolean {
  return pathname === basePath || pathname.startsWith(`${basePath}/`);
}
