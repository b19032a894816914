/**
 * Opaque ids the server makes and later recognizes, without keeping state: an HMAC-SHA256 of a
 * provider's id under a key derived from the provider's secret and a label (Web Crypto only). The page
 * sees the MAC, never the id; the server maps it back by recomputing it for the ids it knows (a
 * shopper's saved cards), or checks a `<value>.<mac>` pair it handed out (a reference bound to a session).
 */

const encoder = new TextEncoder();

export function base64urlOf(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export interface Sealer {
  /** base64url of HMAC-SHA256(key, text), cut to `length` characters (default 32: 192 bits). */
  mac(text: string, length?: number): Promise<string>;
  /** Whether `candidate` is `mac(text)`, compared without an early exit. */
  matches(text: string, candidate: string, length?: number): Promise<boolean>;
}

/** A sealer keyed with HMAC-SHA256(secret, label): one label per use, so MACs of one use mean nothing to another. */
export function createSealer(secret: string, label: string): Sealer {
  const key = (async () => {
    const master = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    const derived = await crypto.subtle.sign('HMAC', master, encoder.encode(label));
    return crypto.subtle.importKey('raw', derived, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  })();
  // An import failure surfaces on first use, not as an unhandled rejection.
  key.catch(() => undefined);
  const mac = async (text: string, length = 32): Promise<string> =>
    base64urlOf(new Uint8Array(await crypto.subtle.sign('HMAC', await key, encoder.encode(text)))).slice(0, length);
  return {
    mac,
    async matches(text, candidate, length = 32) {
      const expected = await mac(text, length);
      if (candidate.length !== expected.length) return false;
      let diff = 0;
      for (let i = 0; i < expected.length; i += 1) diff |= expected.charCodeAt(i) ^ candidate.charCodeAt(i);
      return diff === 0;
    },
  };
}
