import type { ProviderAdapter } from './adapter.ts';

/**
 * What the browser knows of a provider before its code is loaded: small, in `kessai.js`. Each provider
 * has one (`src/providers/<name>/manifest.ts`), listed in `manifest.ts`; the registry, the list of
 * return parameters and the lazy import of each provider's chunk are derived from them
 * (docs/architecture.md "Adding a provider").
 */
export interface ProviderManifest {
  /**
   * The query parameters the provider may put on the return URL. A page that carries one of them, or
   * our own return marker, while an attempt is pending is the return of that attempt.
   */
  readonly returnParams: readonly string[];
  /**
   * The return parameter in which the provider names the session it returns from (KOMOJU `session_id`),
   * if it names one: a return naming another session is not this checkout's.
   */
  readonly sessionParam?: string;
  /** The provider's browser code, a chunk of its own: a KOMOJU page never downloads UnivaPay's. */
  readonly load: () => Promise<{ readonly adapter: ProviderAdapter }>;
}
