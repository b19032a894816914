import { html, pageResponse, renderPage, type SafeHtml } from '../../shared/html.ts';
import type { UnivapayContext } from '../context.ts';

/** Bits the emulator's pages share. */

/** The origin of a URL, or null (for `form-action`). */
export function originOfUrl(raw: string | null): string | null {
  if (!raw) return null;
  try {
    return new URL(raw).origin;
  } catch {
    return null;
  }
}

export function page(
  ctx: UnivapayContext,
  status: number,
  title: string,
  body: SafeHtml,
  formTargets: readonly (string | null)[] = [],
): Response {
  return pageResponse(
    status,
    renderPage({ title: `${title} — UnivaPay sandbox`, lang: 'en', stylesheet: ctx.urls.stylesheet, body }),
    formTargets.filter((origin): origin is string => origin !== null),
  );
}

export function notFoundPage(ctx: UnivapayContext, what: string): Response {
  return page(ctx, 404, 'Not found', html`<h1>Not found</h1><p>There is no such ${what} in this sandbox. It may have been reset.</p>`);
}

/**
 * Whether a button's form post comes from the emulator's own page. Browsers send `Origin` with every
 * POST; a post from another site is refused (the buttons change charges).
 */
export function fromOwnPage(ctx: UnivapayContext, request: Request): boolean {
  const origin = request.headers.get('origin');
  return origin === null || origin === ctx.urls.origin;
}

export function forbiddenPage(ctx: UnivapayContext): Response {
  return page(ctx, 403, 'Forbidden', html`<h1>Forbidden</h1><p>This form can only be sent from its own page.</p>`);
}

export function badRequestPage(ctx: UnivapayContext, message: string): Response {
  return page(ctx, 400, 'Bad request', html`<h1>Bad request</h1><p>${message}</p>`);
}
