/**
 * What every provider emulator of the sandbox is: a web-standard handler mounted at
 * `<sandbox basePath>/<provider>`, which `createSandbox` routes to by path and resets together.
 * A new emulator (`src/sandbox/<provider>/index.ts`) implements this, adds itself to the list
 * in `../index.ts`, and builds on the shared pieces beside this file:
 * - API: `routes.ts` (route types, `matchRoute`, `isUnder`), `api-answer.ts` (`ok`, `EmulatorApiError`
 *   to subclass with the provider's error body, `runRoute`), `idempotency.ts` (`IdempotencyStore`),
 *   `request-log.ts` (`RequestLog` for `inspect.requests`), `http.ts` (CORS, bodies, URLs),
 *   `same-secret.ts`, `value-at.ts`, `options.ts` (basePath, publicOrigin), `ids.ts`,
 *   `jst.ts` (konbini deadlines, dates for slips), `card-number.ts` (Luhn,
 *   networks, expiry), `money.ts`, `base64url.ts`;
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
