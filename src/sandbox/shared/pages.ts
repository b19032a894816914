import { html, pageResponse, postedFromOrigin, renderPage, type SafeHtml } from './html.ts';

/** What an emulator's pages need of its context: the origin and stylesheet they are served with. */
export interface PageContext {
  readonly urls: { readonly origin: string; readonly stylesheet: string };
}

/** The page helpers of one emulator, its name in every title (`… — KOMOJU sandbox`). */
export interface EmulatorPages {
  /**
   * A page titled `<title> — <provider> sandbox`. Its forms may be redirected on to `formTargets`
   * (origins; null ones are dropped).
   */
  page(
    ctx: PageContext,
    status: number,
    title: string,
    body: SafeHtml,
    formTargets?: readonly (string | null)[],
  ): Response;
  notFoundPage(ctx: PageContext, what: string): Response;
  forbiddenPage(ctx: PageContext): Response;
  badRequestPage(ctx: PageContext, message: string): Response;
  /** Whether a form post comes from the emulator's own page (see `postedFromOrigin`). */
  fromOwnPage(ctx: PageContext, request: Request): boolean;
}

export function emulatorPages(provider: string): EmulatorPages {
  const page: EmulatorPages['page'] = (ctx, status, title, body, formTargets = []) =>
    pageResponse(
      status,
      renderPage({ title: `${title} — ${provider} sandbox`, lang: 'en', stylesheet: ctx.urls.stylesheet, body }),
      formTargets.filter((origin): origin is string => origin !== null),
    );
  return {
    page,
    notFoundPage: (ctx, what) =>
      page(ctx, 404, 'Not found', html`<h1>Not found</h1><p>There is no such ${what} in this sandbox. It may have been reset.</p>`),
    forbiddenPage: (ctx) =>
      page(ctx, 403, 'Forbidden', html`<h1>Forbidden</h1><p>This form can only be sent from its own page.</p>`),
    badRequestPage: (ctx, message) => page(ctx, 400, 'Bad request', html`<h1>Bad request</h1><p>${message}</p>`),
    fromOwnPage: (ctx, request) => postedFromOrigin(request, ctx.urls.origin),
  };
}
