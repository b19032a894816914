/**
 * HTTP plumbing the emulators share: JSON answers, CORS for calls from a merchant page on another
 * origin, and request bodies as providers accept them (JSON, or form encoding with `a[b][c]=…`
 * brackets), read with a size limit. The sandbox's own: it shares no code with the merchant endpoint.
 */

/** A JSON answer, never cached. */
export function jsonResponse(
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): Response {
  // 204 No Content carries no body, and so no type (UnivaPay's `DELETE` of a token).
  const empty = status === 204;
  return new Response(empty ? null : JSON.stringify(body), {
    status,
    headers: {
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      ...(empty ? {} : { 'Content-Type': 'application/json; charset=utf-8' }),
      ...headers,
    },
  });
}

/** `application/json`, with or without parameters (`; charset=utf-8`). */
export function isJsonContentType(value: string | null): boolean {
  return value?.split(';')[0]?.trim().toLowerCase() === 'application/json';
}

export type BodyText =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly status: 400 | 413; readonly message: string };

/**
 * The body as UTF-8 text, refusing more than `limit` bytes (by `Content-Length` first, then by
 * counting, since a chunked body has no length).
 */
export async function readBodyText(request: Request, limit: number): Promise<BodyText> {
  const tooLarge: BodyText = { ok: false, status: 413, message: `The request body is larger than ${limit} bytes.` };
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > limit) return tooLarge;
  if (!request.body) return { ok: true, text: '' };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel().catch(() => undefined);
        return tooLarge;
      }
      chunks.push(value);
    }
  } catch {
    return { ok: false, status: 400, message: 'The request body could not be read.' };
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, status: 400, message: 'The request body is not UTF-8.' };
  }
}

/**
 * CORS answer headers for a request: the page's own `Origin` echoed back (providers' browser APIs are
 * called from any merchant origin; no cookies are involved, so no `Allow-Credentials`).
 */
export function corsHeaders(request: Request): Record<string, string> {
  const origin = request.headers.get('origin');
  const headers: Record<string, string> = { Vary: 'Origin' };
  if (origin) headers['Access-Control-Allow-Origin'] = origin;
  return headers;
}

/**
 * The answer to a CORS preflight (`OPTIONS`), for a provider that lets browsers send `allowedHeaders`
 * (besides the CORS-safelisted ones). A preflight that asks for any other header gets no CORS headers
 * at all, as a server that refuses it answers, so the browser never sends the request: the emulator is
 * as strict as the provider, and a test without a browser can see the refusal too.
 */
export function preflightResponse(request: Request, allowedHeaders: readonly string[]): Response {
  const allowed = new Set(allowedHeaders.map((name) => name.toLowerCase()));
  const asked = (request.headers.get('access-control-request-headers') ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  const refused = asked.some((name) => !allowed.has(name));
  return new Response(null, {
    status: 204,
    headers: {
      Vary: 'Origin',
      'Cache-Control': 'no-store',
      ...(refused
        ? {}
        : {
            ...corsHeaders(request),
            'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
            'Access-Control-Allow-Headers': allowedHeaders.join(', '),
            'Access-Control-Max-Age': '600',
          }),
    },
  });
}

export type ParsedBody =
  | { readonly ok: true; readonly value: Record<string, unknown>; readonly text: string }
  | { readonly ok: false; readonly status: 400 | 413 | 415; readonly message: string };

/** Largest body an emulator accepts. Requests carry a card or a session, never more. */
export const MAX_BODY_BYTES = 64 * 1024;

function isFormContentType(value: string | null): boolean {
  return value?.split(';')[0]?.trim().toLowerCase() === 'application/x-www-form-urlencoded';
}

/**
 * Reads and parses a request body: JSON (an object), or `application/x-www-form-urlencoded` with
 * bracket keys. An empty body is `{}`. `text` is the raw body, for idempotency fingerprints only.
 */
export async function readRequestBody(request: Request): Promise<ParsedBody> {
  const read = await readBodyText(request, MAX_BODY_BYTES);
  if (!read.ok) return { ok: false, status: read.status, message: read.message };
  const text = read.text;
  if (text.trim() === '') return { ok: true, value: {}, text };
  const type = request.headers.get('content-type');
  if (isFormContentType(type)) return { ok: true, value: parseBracketForm(text), text };
  if (type === null || isJsonContentType(type)) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return { ok: false, status: 400, message: 'The request body is not valid JSON.' };
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json)) {
      return { ok: false, status: 400, message: 'The request body must be a JSON object.' };
    }
    return { ok: true, value: json as Record<string, unknown>, text };
  }
  return { ok: false, status: 415, message: 'Send the body as application/json or form encoded.' };
}

/** The body of an API route's request: parsed for a `POST`, empty for anything else. */
export async function readRouteBody(request: Request, method: string): Promise<ParsedBody> {
  return method === 'POST' ? readRequestBody(request) : { ok: true, value: {}, text: '' };
}

const UNSAFE_KEYS = new Set(['__proto__', 'prototype', 'constructor']);
const MAX_DEPTH = 6;

/**
 * `a=1&b[c]=2&d[]=3&d[]=4&e[0][f]=5` → `{a:'1', b:{c:'2'}, d:['3','4'], e:{'0':{f:'5'}}}` (Rack's
 * nesting, as KOMOJU's form examples use). Values stay strings; schemas accept numeric strings where
 * the API takes integers. Keys that could pollute prototypes are dropped.
 */
export function parseBracketForm(text: string): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [rawKey, value] of new URLSearchParams(text)) {
    const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(rawKey);
    if (!match) continue;
    const path = [match[1] as string, ...[...(match[2] ?? '').matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1] ?? '')];
    if (path.length > MAX_DEPTH || path.some((key) => UNSAFE_KEYS.has(key))) continue;
    let node: Record<string, unknown> | unknown[] = root;
    for (let i = 0; i < path.length; i++) {
      const key = path[i] as string;
      const last = i === path.length - 1;
      const nextIsArray = !last && path[i + 1] === '';
      if (Array.isArray(node)) {
        if (key !== '') break; // `a[][b]` and the like: not used by the APIs emulated here
        if (last) node.push(value);
        else break;
        continue;
      }
      if (key === '') break;
      if (last) {
        node[key] = value;
        continue;
      }
      const existing: unknown = node[key];
      if (nextIsArray) {
        if (!Array.isArray(existing)) node[key] = [];
      } else if (typeof existing !== 'object' || existing === null || Array.isArray(existing)) {
        node[key] = {};
      }
      node = node[key] as Record<string, unknown> | unknown[];
    }
  }
  return root;
}

/** A hex SHA-256 of a string (idempotency fingerprints: the body itself is never kept). */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Adds `name=value` to a URL's query, keeping its existing query and fragment as they are. */
export function withQueryParam(rawUrl: string, name: string, value: string): string {
  const url = new URL(rawUrl);
  const pair = `${encodeURIComponent(name)}=${encodeURIComponent(value)}`;
  url.search = url.search && url.search !== '?' ? `${url.search}&${pair}` : `?${pair}`;
  return url.href;
}

/** The origin of a URL, or null (for `form-action` targets and for naming a shop). */
export function originOfUrl(raw: string | null): string | null {
  if (!raw) return null;
  try {
    return new URL(raw).origin;
  } catch {
    return null;
  }
}

/** An absolute `http:` / `https:` URL without credentials, or null. */
export function httpUrl(raw: string): URL | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username || url.password) return null;
  return url;
}
