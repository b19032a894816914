import { KONBINI_STORES, isKonbiniStore, type KonbiniStore } from '../../core/konbini-stores.ts';
import { METHODS, type PaymentMethod, type ProviderName } from '../../core/protocol.ts';
import { originOf } from '../../core/safe-url.ts';

/** The settings every provider's handler configuration has beside its keys. */
export interface ProviderEndpointConfig {
  readonly apiBase?: string;
  readonly browserApiBase?: string;
  readonly methods?: readonly PaymentMethod[];
  readonly konbiniStores?: readonly KonbiniStore[];
  /** "Save this card" while paying, where the provider offers it (KOMOJU, UnivaPay, Stripe). */
  readonly payAndSave?: boolean;
}

function checkUrl(name: string, value: string): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new TypeError(`kessai-elements/server: ${name} is not a URL.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError(`kessai-elements/server: ${name} must be an http(s) URL.`);
  }
}

/**
 * Refuses, at startup, API bases that are no http(s) URLs, an empty or unknown method list,
 * unknown konbini chains and a `payAndSave` that is no boolean. Messages name the provider's setting (`komoju apiBase`).
 */
export function checkEndpointConfig(provider: ProviderName, config: ProviderEndpointConfig): void {
  if (config.apiBase !== undefined) checkUrl(`${provider} apiBase`, config.apiBase);
  if (config.browserApiBase !== undefined) checkUrl(`${provider} browserApiBase`, config.browserApiBase);
  if (config.methods !== undefined) {
    if (config.methods.length === 0 || !config.methods.every((m) => METHODS.includes(m))) {
      throw new TypeError(`kessai-elements/server: ${provider} methods must be some of ${METHODS.join(', ')}.`);
    }
  }
  if (config.konbiniStores !== undefined && !config.konbiniStores.every(isKonbiniStore)) {
    throw new TypeError(
      `kessai-elements/server: ${provider} konbiniStores must be some of ${KONBINI_STORES.join(', ')}.`,
    );
  }
  if (config.payAndSave !== undefined && typeof config.payAndSave !== 'boolean') {
    throw new TypeError(`kessai-elements/server: ${provider} payAndSave must be a boolean.`);
  }
}

/**
 * Origins trusted beside `https:` for the links and challenge pages a provider answers: those of the
 * API bases, since the sandbox runs on plain http.
 */
export function apiOrigins(apiBase: string, browserApiBase: string): string[] {
  return [originOf(apiBase), originOf(browserApiBase)].filter((origin): origin is string => origin !== null);
}
