import type { Locale } from '../core/locale.ts';
import type { Mode, PaymentMethod } from '../core/names.ts';
import type { StartRequest } from '../core/protocol.ts';

/**
 * How a request to the merchant endpoint is written: its URL, its JSON body (fields in a fixed order)
 * and its fetch options. One place for both the endpoint client and the early start (`early-start.ts`),
 * whose request is used only when it is byte for byte the one the flow would send.
 */

/** The `start` fields the flow sends, in this order. */
export function startFields(input: {
  readonly mode: Mode;
  readonly methods: readonly PaymentMethod[] | undefined;
  readonly returnUrl: string;
  readonly locale: Locale;
}): Omit<StartRequest, 'action' | 'context'> {
  return {
    mode: input.mode,
    ...(input.methods !== undefined ? { methods: [...input.methods] } : {}),
    returnUrl: input.returnUrl,
    locale: input.locale,
  };
}

/** The JSON body: `body`, then the merchant's `context` when it is a plain object (else left out). */
export function endpointPayload(body: Readonly<Record<string, unknown>>, context: unknown): string {
  const usable = context !== null && typeof context === 'object' && !Array.isArray(context);
  return JSON.stringify(usable ? { ...body, context } : body);
}

export function endpointRequestInit(payload: string, signal: AbortSignal): RequestInit {
  return {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: payload,
    signal,
  };
}

/** The `endpoint` attribute as an absolute URL against the page, or null when empty or not a URL. */
export function resolveEndpoint(raw: string | null | undefined, pageHref: string): string | null {
  const trimmed = raw?.trim();
  if (!trimmed) return null;
  try {
    return new URL(trimmed, pageHref).href;
  } catch {
    return null;
  }
}
