/**
 * Headers of the demo's HTML pages: a strict Content-Security-Policy that proves the elements need
 * no inline script or style, and Trusted Types for DOM sinks.
 *
 * - `script-src 'self'` and the sandbox: `/kessai.js` and `/demo.js`, and the provider scripts a card
 *   surface loads from the sandbox (UnivaPay's `checkout.js` stand-in); no inline script, no eval. A
 *   merchant's own CSP names the providers' script origins instead (`widget.univapay.com`, …).
 * - `style-src 'self'`: the page's stylesheet; Lit's styles go through `adoptedStyleSheets`, which CSP
 *   does not govern, and theme changes use the CSSOM (`style.setProperty`), also allowed.
 * - `connect-src` / `frame-src` / `form-action`: the page's origin and the sandbox's (the other host
 *   of the localhost ↔ 127.0.0.1 trick), where the elements send card data, show a challenge in a
 *   frame, and post a form to a 3-D Secure page.
 * - `frame-ancestors 'self'`: a challenge framed by the page may come back to the page's return URL
 *   inside that frame.
 * - `require-trusted-types-for 'script'`: string-to-HTML sinks must take TrustedHTML; Lit brings its
 *   own policy, and no `trusted-types` directive restricts policy names.
 */
export function demoCsp(sandboxOrigin: string | null): string {
  const extra = sandboxOrigin ? ` ${sandboxOrigin}` : '';
  return [
    "default-src 'self'",
    `script-src 'self'${extra}`,
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self'${extra}`,
    `frame-src 'self'${extra}`,
    `form-action 'self'${extra}`,
    "base-uri 'none'",
    "object-src 'none'",
    "frame-ancestors 'self'",
    "require-trusted-types-for 'script'",
  ].join('; ');
}

export function htmlPageHeaders(sandboxOrigin: string | null): Record<string, string> {
  return {
    'Content-Security-Policy': demoCsp(sandboxOrigin),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
}
