import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * Static files for the demo server: the demo page and its assets from `demo/`, the script-tag bundle
 * from `dist/`. Only known file types are served (never the server's own `.ts` sources), never a dot
 * file, never anything outside the folder.
 */

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
  '.webmanifest': 'application/manifest+json',
};

export function contentTypeFor(path: string): string | undefined {
  return CONTENT_TYPES[extname(path).toLowerCase()];
}

/**
 * The file under `root` that a URL path names, or null when the path is not one we serve: a `..` or
 * dot segment, an encoded slash or NUL, a type not in the list. `/` and `/dir/` mean `index.html`.
 */
export function resolveStaticPath(root: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').slice(1);
  if (segments.some((s) => s.startsWith('.'))) return null;
  const relative = decoded.endsWith('/') ? `${decoded}index.html` : decoded;
  const file = resolve(root, `.${relative}`);
  const base = resolve(root);
  if (!file.startsWith(base + sep)) return null;
  return contentTypeFor(file) ? file : null;
}

/** A file as a `Response` (404 when missing), or null when the path is not one we serve. */
export async function serveFile(
  file: string | null,
  headers: Readonly<Record<string, string>> = {},
): Promise<Response | null> {
  if (!file) return null;
  try {
    const info = await stat(file);
    if (!info.isFile()) return null;
    const body = await readFile(file);
    return new Response(new Uint8Array(body), {
      status: 200,
      headers: {
        'Content-Type': contentTypeFor(file) ?? 'application/octet-stream',
        'Content-Length': String(body.byteLength),
        'Cache-Control': 'no-cache',
        'X-Content-Type-Options': 'nosniff',
        ...headers,
      },
    });
  } catch {
    return null;
  }
}

/** Types worth compressing: text. Images and fonts are compressed already. */
const COMPRESSIBLE = /^(?:text\/|application\/(?:json|manifest\+json)|image\/svg\+xml)/;

/**
 * `response` gzipped when the browser accepts it and the body is text, as a CDN would serve the
 * bundle; otherwise `response` itself. For the static files only (they are small and read whole).
 */
export async function gzipped(request: Request, response: Response): Promise<Response> {
  const type = response.headers.get('Content-Type') ?? '';
  const accepts = /\bgzip\b/.test(request.headers.get('Accept-Encoding') ?? '');
  if (response.status !== 200 || !COMPRESSIBLE.test(type) || response.headers.has('Content-Encoding')) return response;
  const headers = new Headers(response.headers);
  headers.append('Vary', 'Accept-Encoding');
  if (!accepts || request.method === 'HEAD') return new Response(response.body, { status: 200, headers });
  const body = gzipSync(new Uint8Array(await response.arrayBuffer()), { level: 9 });
  headers.set('Content-Encoding', 'gzip');
  headers.set('Content-Length', String(body.byteLength));
  return new Response(new Uint8Array(body), { status: 200, headers });
}

export function textResponse(status: number, text: string, headers: Readonly<Record<string, string>> = {}): Response {
  return new Response(text, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers },
  });
}
