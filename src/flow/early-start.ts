import type { Locale } from '../core/locale.ts';
import type { Mode, PaymentMethod } from '../core/names.ts';
import { CHALLENGE_PARAM, RETURN_PARAM, checkoutReturnUrl, hasAnyParam } from './return-url.ts';
import { endpointPayload, endpointRequestInit, resolveEndpoint, startFields } from './start-request.ts';

/**
 * The first `start` request of a checkout, sent before the flow's chunk has arrived, so that the
 * session and the chunk load side by side instead of one after the other (the script-tag build only:
 * its entry turns this on; an app's bundler ships the flow with the app).
 *
 * The flow, once loaded, sends its own `start` through `fetchWithEarlyStart`: when that request is the
 * very one sent early (same URL, byte for byte the same body), it gets the early answer instead of
 * sending a second request. When anything differs (the page changed the `context` or an attribute in
 * between), the early answer is dropped and the flow's own request goes out: correct, at the cost of
 * one unused session on the merchant's side. A page that may be a return (our return marker, which
 * every return URL a checkout hands out carries, is in the URL) or a framed challenge gets no early
 * start: the flow may resume instead. No provider's code or list is needed for that, so `kessai.js`
 * carries none.
 */

let enabled = false;

/** Turns early starts on for this page (the script-tag entry does). */
export function enableEarlyStart(): void {
  enabled = true;
}

export function earlyStartEnabled(): boolean {
  return enabled;
}

export interface EarlyStart {
  readonly url: string;
  readonly payload: string;
  readonly response: Promise<Response>;
  readonly abort: () => void;
  used: boolean;
}

export interface EarlyStartInput {
  readonly endpoint: string | null | undefined;
  readonly mode: Mode;
  readonly methods: readonly PaymentMethod[] | undefined;
  readonly locale: Locale;
  readonly context: unknown;
  readonly pageHref: string;
}

/** Sends `start` now; undefined when this page load should not start a session by itself. */
export function sendEarlyStart(input: EarlyStartInput, fetchImpl: typeof fetch): EarlyStart | undefined {
  // Every return URL a checkout hands out carries our marker: such a page may be a return.
  if (hasAnyParam(input.pageHref, [RETURN_PARAM, CHALLENGE_PARAM])) return undefined;
  const url = resolveEndpoint(input.endpoint, input.pageHref);
  if (url === null) return undefined;
  const fields = startFields({
    mode: input.mode,
    methods: input.methods,
    // The flow also strips providers' own return parameters; a page that carries one (a stale
    // bookmark) gets a different `start` from the flow, which then sends its own.
    returnUrl: checkoutReturnUrl(input.pageHref, []),
    locale: input.locale,
  });
  let payload: string;
  try {
    payload = endpointPayload({ action: 'start', ...fields }, input.context);
  } catch {
    // A context JSON cannot write (a BigInt, a cycle): the flow reports it when it starts.
    return undefined;
  }
  const controller = new AbortController();
  let response: Promise<Response>;
  try {
    response = fetchImpl(url, endpointRequestInit(payload, controller.signal));
  } catch (error) {
    response = Promise.reject(error);
  }
  // Read by the flow if it takes this answer; otherwise nobody waits for it.
  response.catch(() => undefined);
  return { url, payload, response, abort: () => controller.abort(), used: false };
}

/**
 * `fetchImpl`, except that the first request identical to `early` gets the early answer. An abort of
 * that request aborts the early one.
 */
export function fetchWithEarlyStart(early: EarlyStart | undefined, fetchImpl: typeof fetch): typeof fetch {
  return (input, init) => {
    if (
      early !== undefined &&
      !early.used &&
      input === early.url &&
      init?.method === 'POST' &&
      init.body === early.payload
    ) {
      early.used = true;
      const signal = init.signal;
      if (signal?.aborted) early.abort();
      else signal?.addEventListener('abort', early.abort, { once: true });
      return early.response;
    }
    return fetchImpl(input, init);
  };
}
