/**
 * What every provider emulator of the sandbox is: a web-standard handler mounted at
 * `<sandbox basePath>/<provider>`, which `createSandbox` routes to by path and resets together.
 * A new emulator (`src/server/sandbox/<provider>/index.ts`) implements this, uses the shared helpers
 * beside it (`http.ts`: CORS, bodies; `html.ts`: escaped pages under a strict CSP; `ids.ts`), and adds
 * itself to the list in `../index.ts`.
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
