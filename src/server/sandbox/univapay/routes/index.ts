import type { ApiRoute } from '../context.ts';
import { chargeRoutes } from './charges.ts';
import { tokenRoutes } from './tokens.ts';

/**
 * The UnivaPay API the emulator answers, right below its base path (README 2.2–2.7). `access: 'any'`
 * routes take the app token alone (from an allowed origin) or with the secret; `secret` routes the
 * secret only.
 */
export const UNIVAPAY_ROUTES: readonly ApiRoute[] = [...tokenRoutes, ...chargeRoutes];

export interface MatchedRoute {
  readonly route: ApiRoute;
  readonly params: Readonly<Record<string, string>>;
}

/** The route for a method and a path below the base path, with its `{params}` decoded. */
export function matchRoute(method: string, path: string): MatchedRoute | null {
  const parts = path.split('/').slice(1);
  for (const route of UNIVAPAY_ROUTES) {
    if (route.method !== method) continue;
    const template = route.path.split('/').slice(1);
    if (template.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const matched = template.every((want, i) => {
      const got = parts[i] ?? '';
      if (!want.startsWith('{')) return want === got;
      let value: string;
      try {
        value = decodeURIComponent(got);
      } catch {
        return false;
      }
      params[want.slice(1, -1)] = value;
      return value !== '';
    });
    if (matched) return { route, params };
  }
  return null;
}
