/**
 * The query parameter added to the return URL of a framed 3-D Secure challenge (`challenge="iframe"`):
 * the page that loads inside the frame knows by it that it is a challenge return (`challenge-frame.ts`).
 */
export const CHALLENGE_PARAM = 'kessai_challenge';

/**
 * The page URL with some query parameters taken out, everything else left exactly as it was: the
 * page's own parameters keep their order and their encoding, and the hash stays. Used for the return
 * URL handed to the provider and to clean the address bar after a return from 3-D Secure.
 */
export function withoutParams(href: string, names: readonly string[]): string {
  const hashAt = href.indexOf('#');
  const beforeHash = hashAt === -1 ? href : href.slice(0, hashAt);
  const hash = hashAt === -1 ? '' : href.slice(hashAt);
  const queryAt = beforeHash.indexOf('?');
  if (queryAt === -1) return href;
  const base = beforeHash.slice(0, queryAt);
  const kept = beforeHash
    .slice(queryAt + 1)
    .split('&')
    .filter((pair) => pair !== '' && !names.includes(decodeName(pair)));
  return `${base}${kept.length > 0 ? `?${kept.join('&')}` : ''}${hash}`;
}

/** Whether `href` carries at least one of `names` as a query parameter. */
export function hasAnyParam(href: string, names: readonly string[]): boolean {
  try {
    const params = new URL(href).searchParams;
    return names.some((name) => params.has(name));
  } catch {
    return false;
  }
}

function decodeName(pair: string): string {
  const raw = pair.split('=', 1)[0] ?? '';
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}

/** `href` with `name=value` appended to its query (before the hash); the rest is left as it was. */
export function withParam(href: string, name: string, value: string): string {
  const hashAt = href.indexOf('#');
  const beforeHash = hashAt === -1 ? href : href.slice(0, hashAt);
  const hash = hashAt === -1 ? '' : href.slice(hashAt);
  const pair = `${encodeURIComponent(name)}=${encodeURIComponent(value)}`;
  const joiner = !beforeHash.includes('?') ? '?' : beforeHash.endsWith('?') || beforeHash.endsWith('&') ? '' : '&';
  return `${beforeHash}${joiner}${pair}${hash}`;
}
