/**
 * Loads a provider's own browser script (Stripe.js, payments.js, UnivaPay's checkout.js) once per page:
 * one shared promise per URL, forgotten when the load fails so that Try again loads it anew. Never at
 * import time (importing the package in Node touches no `window`); only URLs the adapter derived itself
 * (the provider's official URL, or the sandbox the merchant's server configured), never a URL a session
 * names. Works under `require-trusted-types-for 'script'`: the URL goes through a Trusted Types policy
 * of its own that only passes what this module was asked to load.
 */

interface TrustedTypesLike {
  createPolicy(name: string, rules: { createScriptURL(url: string): string }): { createScriptURL(url: string): unknown };
}

const loads = new Map<string, Promise<void>>();
let policy: { createScriptURL(url: string): unknown } | null | undefined;
const allowed = new Set<string>();

/** The script URL as the page's Trusted Types enforcement wants it (a plain string where there is none). */
function scriptUrl(url: string): unknown {
  if (policy === undefined) {
    const trustedTypes = (globalThis as { trustedTypes?: TrustedTypesLike }).trustedTypes;
    try {
      policy = trustedTypes?.createPolicy('kessai-provider-script', {
        createScriptURL: (value) => {
          if (!allowed.has(value)) throw new TypeError(`kessai-elements: ${value} is not a provider script`);
          return value;
        },
      }) ?? null;
    } catch {
      // A page whose CSP names its allowed policies and not this one: let the browser decide below.
      policy = null;
    }
  }
  return policy ? policy.createScriptURL(url) : url;
}

/** Loads `url` as a classic script in `doc` once; resolves when it ran. */
export function loadProviderScript(url: string, doc: Document = globalThis.document): Promise<void> {
  let promise = loads.get(url);
  if (promise === undefined) {
    promise = new Promise<void>((resolve, reject) => {
      allowed.add(url);
      const script = doc.createElement('script');
      script.async = true;
      script.addEventListener('load', () => resolve(), { once: true });
      script.addEventListener(
        'error',
        () => {
          script.remove();
          reject(new Error(`kessai-elements: could not load ${url}`));
        },
        { once: true },
      );
      try {
        (script as unknown as { src: unknown }).src = scriptUrl(url);
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      doc.head.append(script);
    }).catch((error: unknown) => {
      loads.delete(url);
      throw error;
    });
    loads.set(url, promise);
  }
  return promise;
}
