/**
 * The cross-origin trick of the demo and the end-to-end tests: one server listens on 127.0.0.1, the
 * page is opened at `http://localhost:<port>/` and the browser is told to reach the sandbox at
 * `http://127.0.0.1:<port>/sandbox/…`. Same server, but a different host, hence a different origin:
 * the browser treats the sandbox as a third party (CORS, `connect-src`, frames), just as it treats
 * komoju.com, and a test can prove that card data goes to the provider's origin only.
 *
 * `sandboxOriginFor('http://localhost:5173')` → `'http://127.0.0.1:5173'`, and back. Any other host
 * (a LAN address) has no twin: the sandbox is then on the page's own origin.
 */
export function sandboxOriginFor(pageOrigin: string): string {
  const url = new URL(pageOrigin);
  if (url.hostname === 'localhost') url.hostname = '127.0.0.1';
  else if (url.hostname === '127.0.0.1') url.hostname = 'localhost';
  return url.origin;
}
