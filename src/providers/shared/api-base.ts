const LOOPBACK = /^(localhost|.+\.localhost|127(?:\.\d{1,3}){3}|\[::1\])$/;

/**
 * The API base card data may go to: `https:`, or plain `http:` on a loopback host (the embedded
 * sandbox during development). Anything else (another scheme, credentials, a query) is refused.
 */
export function usableApiBase(raw: string): URL | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.username || url.password || url.search || url.hash) return null;
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && LOOPBACK.test(url.hostname)) return url;
  return null;
}
