/**
 * Constant-time checks of webhook credentials with Web Crypto only (`crypto.subtle`: Node 20, Deno, Bun,
 * edge runtimes). `crypto.subtle.verify` compares MACs in constant time; nothing here compares a secret
 * with `===`.
 */

const encoder = new TextEncoder();

/** Bytes of a hex string of exactly `length` bytes (either case), or undefined. */
export function hexToBytes(hex: string, length: number): Uint8Array<ArrayBuffer> | undefined {
  if (hex.length !== length * 2 || !/^[0-9a-fA-F]*$/.test(hex)) return undefined;
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i += 1) bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

/** An HMAC-SHA256 key from a secret, as PHP's `hash_hmac('sha256', $body, $secret)` uses it (UTF-8 bytes). */
export function hmacSha256Key(secret: string): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
    'verify',
  ]);
}

/**
 * Whether `signatureHex` is the hex HMAC-SHA256 of `body` under `key`. A signature that is not 64 hex
 * characters is simply wrong (its length says nothing of the secret).
 */
export async function verifyHmacSha256Hex(
  key: CryptoKey,
  body: Uint8Array<ArrayBuffer>,
  signatureHex: string,
): Promise<boolean> {
  const signature = hexToBytes(signatureHex, 32);
  if (!signature) return false;
  return crypto.subtle.verify('HMAC', key, signature, body);
}

/**
 * A constant-time equality check against one expected string: the expected value's MAC under a random
 * key made once, and `crypto.subtle.verify` of each candidate against it (so neither the length nor a
 * common prefix of the expected value shows in the timing).
 */
export function constantTimeMatcher(expected: string): (candidate: string) => Promise<boolean> {
  const ready = (async () => {
    const key = await crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256', length: 256 }, false, [
      'sign',
      'verify',
    ]);
    const mac = await crypto.subtle.sign('HMAC', key, encoder.encode(expected));
    return { key, mac };
  })();
  return async (candidate) => {
    const { key, mac } = await ready;
    return crypto.subtle.verify('HMAC', key, mac, encoder.encode(candidate));
  };
}
