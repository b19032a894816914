/**
 * Redirect and link targets are accepted only when they are `https:` URLs, or on one of the explicitly
 * trusted origins (the embedded sandbox, which runs on plain http on localhost). `javascript:`, `data:`
 * and every other scheme are refused (docs/protocol.md "5. The normalized Outcome").
 */
export function safeUrl(raw: string, trustedOrigins: readonly string[] = []): URL | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && trustedOrigins.includes(url.origin)) return url;
  return null;
}

/** The origin of a base URL, or null when it is not a URL. */
export function originOf(raw: string): string | null {
  try {
    return new URL(raw).origin;
  } catch {
    return null;
  }
}
