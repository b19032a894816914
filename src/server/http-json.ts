/**
 * Small web-standard helpers shared by the endpoint handler and the per-provider server modules:
 * JSON answers that are never cached, the protocol's error body, and a size-limited body reader.
 */

/** Headers on every answer of the endpoint. */
export const BASE_HEADERS: Readonly<Record<string, string>> = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
};

export function jsonResponse(
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { ...BASE_HEADERS, 'Content-Type': 'application/json; charset=utf-8', ...headers },
  });
}

/** `{ error: { code, message } }`: the protocol's error body (`endpointErrorSchema`). */
export function errorResponse(
  status: number,
  code: string,
  message: string,
  headers: Readonly<Record<string, string>> = {},
): Response {
  return jsonResponse(status, { error: { code, message } }, headers);
}

/** `application/json`, with or without parameters (`; charset=utf-8`). */
export function isJsonContentType(value: string | null): boolean {
  if (!value) return false;
  const essence = value.split(';')[0]?.trim().toLowerCase();
  return essence === 'application/json';
}

export type BodyReadResult =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly status: 400 | 413; readonly code: string; readonly message: string };

export type BodyBytesResult =
  | { readonly ok: true; readonly bytes: Uint8Array<ArrayBuffer> }
  | { readonly ok: false; readonly status: 400 | 413; readonly code: string; readonly message: string };

/**
 * Reads the body as bytes, refusing more than `limit` bytes (by `Content-Length` first, then by
 * counting, since a chunked body has no length): the reading stops at the first byte over the limit.
 * For bodies whose exact bytes matter (a webhook signature is computed over them).
 */
export async function readBodyBytes(request: Request, limit: number): Promise<BodyBytesResult> {
  const tooLarge: BodyBytesResult = {
    ok: false,
    status: 413,
    code: 'payload_too_large',
    message: `The request body is larger than ${limit} bytes.`,
  };
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > limit) return tooLarge;
  if (!request.body) return { ok: true, bytes: new Uint8Array(0) };

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
    return { ok: false, status: 400, code: 'bad_request', message: 'The request body could not be read.' };
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { ok: true, bytes };
}

/** Strict UTF-8 decoding: undefined for bytes that are not UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Reads the body as UTF-8 text, with the size limit of `readBodyBytes`. */
export async function readBodyText(request: Request, limit: number): Promise<BodyReadResult> {
  const read = await readBodyBytes(request, limit);
  if (!read.ok) return read;
  const text = decodeUtf8(read.bytes);
  if (text === undefined) {
    return { ok: false, status: 400, code: 'bad_request', message: 'The request body is not UTF-8.' };
  }
  return { ok: true, text };
}
