import { readBodyText } from './http.ts';

/**
 * The emulators' own HTML pages (3-D Secure challenge, konbini instructions): escaped text, one
 * stylesheet served from the emulator's origin, no script at all, and headers that keep them working
 * under the strictest CSP a test may apply.
 */

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/** Escapes text for HTML content and for quoted attribute values. */
export function escapeHtml(value: string | number): string {
  return String(value).replace(/[&<>"'`]/g, (ch) => ESCAPES[ch] ?? ch);
}

/** A piece of HTML that is already escaped (built with the `html` tag below). */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type HtmlValue = SafeHtml | string | number | null | undefined | false | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(value as string | number);
}

/** Tagged template that escapes every interpolated value unless it is `SafeHtml`. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

/** The stylesheet every emulator page links to (served by the emulator at `…/assets/page.css`). */
export const PAGE_CSS = `
:root { color-scheme: light dark; font-family: system-ui, "Hiragino Sans", "Noto Sans JP", sans-serif; }
body { margin: 0; background: Canvas; color: CanvasText; }
main { max-width: 32rem; margin: 2rem auto; padding: 1.5rem; border: 1px solid GrayText; border-radius: 12px; }
.badge { display: inline-block; font-size: .8rem; padding: .1rem .5rem; border-radius: 999px; border: 1px solid GrayText; }
h1 { font-size: 1.35rem; margin: .75rem 0; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .4rem 1rem; }
dt { font-weight: 600; }
dd { margin: 0; font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
.actions { display: flex; flex-wrap: wrap; gap: .75rem; margin-top: 1.25rem; }
button { font: inherit; padding: .6rem 1rem; border-radius: 8px; border: 1px solid GrayText; cursor: pointer; }
button.primary { background: #0b5cff; border-color: #0b5cff; color: #fff; }
button:focus-visible, a:focus-visible { outline: 3px solid #0b5cff; outline-offset: 2px; }
.note { font-size: .9rem; opacity: .85; }
.status { font-weight: 600; }
`;

export interface PageOptions {
  readonly title: string;
  readonly lang: 'en' | 'ja';
  /** Absolute path of the emulator's stylesheet (`…/assets/page.css`). */
  readonly stylesheet: string;
  readonly body: SafeHtml;
}

export function renderPage(options: PageOptions): string {
  return html`<!doctype html>
<html lang="${options.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${options.title}</title>
<link rel="stylesheet" href="${options.stylesheet}">
</head>
<body>
<main>
<span class="badge">Sandbox · no real payment</span>
${options.body}
</main>
</body>
</html>
`.value;
}

/** Headers of any HTML page of the sandbox: never cached or sniffed, under `csp` (its directives). */
export function htmlHeaders(csp: readonly string[]): Record<string, string> {
  return {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'same-origin',
    'Content-Security-Policy': csp.join('; '),
  };
}

/**
 * Headers of an emulator page. No script runs (`script-src 'none'`); forms post back to the emulator
 * and may be redirected on to `formTargets` (the merchant's return URL origin: Chromium applies
 * `form-action` to the redirect after a form post). Pages may be framed: the elements can show a
 * challenge in an iframe, as providers' ACS pages allow.
 */
export function pageHeaders(formTargets: readonly string[] = []): Record<string, string> {
  const formAction = ["'self'", ...new Set(formTargets)].join(' ');
  return htmlHeaders([
    "default-src 'none'",
    "style-src 'self'",
    "img-src 'self' data:",
    `form-action ${formAction}`,
    "base-uri 'none'",
    "script-src 'none'",
  ]);
}

export function pageResponse(
  status: number,
  page: string,
  formTargets: readonly string[] = [],
): Response {
  return new Response(page, { status, headers: pageHeaders(formTargets) });
}

export function stylesheetResponse(): Response {
  return new Response(PAGE_CSS, {
    status: 200,
    headers: {
      'Content-Type': 'text/css; charset=utf-8',
      'Cache-Control': 'public, max-age=300',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}

/** `303 See Other` to `location` (after a form post). */
export function seeOther(location: string): Response {
  return new Response(null, {
    status: 303,
    headers: { Location: location, 'Cache-Control': 'no-store', 'Referrer-Policy': 'same-origin' },
  });
}

/**
 * Whether a form post comes from a page of `origin` (the emulator's own). Browsers send `Origin` with
 * every POST, and the pages' `Referrer-Policy: same-origin` keeps it a real origin rather than `null`;
 * a post from another site is refused, since the pages' buttons change payments.
 */
export function postedFromOrigin(request: Request, origin: string): boolean {
  const sent = request.headers.get('origin');
  return sent === null || sent === origin;
}

/** Reads a small urlencoded form body (the pages' buttons). */
export async function readForm(request: Request): Promise<URLSearchParams> {
  const read = await readBodyText(request, 4096);
  return new URLSearchParams(read.ok ? read.text : '');
}
