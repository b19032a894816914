/**
 * The query parameter added to the return URL of a framed 3-D Secure challenge (`challenge="iframe"`):
 * the page that loads inside the frame knows by it that it is a challenge return (`challenge-frame.ts`).
 */
export const CHALLENGE_PARAM = 'kessai_challenge';

/**
 * The query parameter on every return URL the checkout hands out (`start`'s `returnUrl`, and through it
 * each provider's): a page that carries it while an attempt is pending is that attempt's return, even
 * from a provider that adds nothing of its own to the URL. A page reached with Back does not carry it.
 */
export const RETURN_PARAM = 'kessai_return';

/** The marker's value. */
export const RETURN_VALUE = '1';

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

/**
 * The URL a checkout on `href` asks to come back to: the page's own URL without any return parameter
 * of an earlier attempt (`returnParams`: every provider's, ours), with our return marker. One function
 * for the flow and the early start, whose `start` requests must be byte for byte the same.
 */
export function checkoutReturnUrl(href: string, providerReturnParams: readonly string[]): string {
  const clean = withoutParams(href, [RETURN_PARAM, CHALLENGE_PARAM, ...providerReturnParams]);
  return withParam(clean, RETURN_PARAM, RETURN_VALUE);
}
