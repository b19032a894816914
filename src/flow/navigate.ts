import type { NextAction } from '../core/outcome.ts';
import type { ClientSession } from '../core/protocol.ts';
import { originOf, safeUrl } from '../core/safe-url.ts';
import { createPostForm } from './post-form.ts';

/**
 * Performs a `NextAction` in the top window: a `redirect` navigates to its URL, a `post` submits a form
 * with the provider's fields (a 3-D Secure issuer's payload). Only to `https:` URLs, or to the session's own
 * API origin when that is plain `http:` (the embedded sandbox on localhost); anything else is refused
 * and nothing happens.
 */

/** Performs `action`; false when its URL is not safe (nothing was done). Injected in tests. */
export type Navigate = (action: NextAction, session: ClientSession) => boolean;

/** The origins trusted beside `https:`: the session's API origin when it is plain http (the sandbox). */
export function trustedOriginsOf(session: ClientSession): string[] {
  const origin = originOf(session.apiBase);
  return origin !== null && origin.startsWith('http:') ? [origin] : [];
}

/** The URL of `action` when it may be navigated to, else null. */
export function safeActionUrl(action: NextAction, session: ClientSession): URL | null {
  return safeUrl(action.url, trustedOriginsOf(session));
}

export interface NavigateDeps {
  readonly document?: Document;
  readonly assign?: (url: string) => void;
}

export function createNavigate(deps: NavigateDeps = {}): Navigate {
  return (action, session) => {
    const url = safeActionUrl(action, session);
    if (url === null) return false;
    switch (action.type) {
      case 'redirect': {
        const assign = deps.assign ?? ((href: string) => globalThis.location.assign(href));
        assign(url.href);
        return true;
      }
      case 'post': {
        const doc = deps.document ?? globalThis.document;
        const form = createPostForm(doc, url, action.fields);
        doc.body.append(form);
        form.submit();
        return true;
      }
    }
  };
}

/** Navigates the real window. */
export const navigate: Navigate = createNavigate();
