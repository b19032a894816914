import { html, pageResponse, postedFromOrigin, renderPage, type SafeHtml } from '../../shared/html.ts';
import type { KomojuContext } from '../context.ts';

/** Bits the emulator's pages share. */

export function formatAmount(amount: number, currency: string): string {
  try {
    return new Intl.NumberFormat(currency === 'JPY' ? 'ja-JP' : 'en-US', { style: 'currency', currency }).format(amount);
  } catch {
    return `${amount} ${currency}`;
  }
}

export function page(
  ctx: KomojuContext,
  status: number,
  title: string,
  body: SafeHtml,
  formTargets: readonly (string | null)[] = [],
): Response {
  return pageResponse(
    status,
    renderPage({ title, lang: 'en', stylesheet: ctx.urls.stylesheet, body }),
    formTargets.filter((origin): origin is string => origin !== null),
  );
}

export function notFoundPage(ctx: KomojuContext, what: string): Response {
  return page(ctx, 404, 'Not found — KOMOJU sandbox', html`<h1>Not found</h1><p>There is no such ${what} in this sandbox. It may have been reset.</p>`);
}

/** Whether a form post comes from the emulator's own page (see `postedFromOrigin`). */
export function fromOwnPage(ctx: KomojuContext, request: Request): boolean {
  return postedFromOrigin(request, ctx.urls.origin);
}

export function forbiddenPage(ctx: KomojuContext): Response {
  return page(ctx, 403, 'Forbidden — KOMOJU sandbox', html`<h1>Forbidden</h1><p>This form can only be sent from its own page.</p>`);
}
