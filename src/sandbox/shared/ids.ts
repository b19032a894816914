/**
 * Random identifiers for the emulators, from the platform's CSPRNG (Web Crypto, so that the sandbox
 * also runs on edge runtimes). Ids double as capabilities (a challenge page is reached by the secure
 * token's id), so they must not be guessable.
 */

const LOWER_ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** `length` characters of `alphabet`, without modulo bias. */
export function randomString(length: number, alphabet: string = LOWER_ALPHANUMERIC): string {
  if (alphabet.length < 2 || alphabet.length > 256) throw new RangeError('alphabet must have 2–256 characters');
  const limit = 256 - (256 % alphabet.length);
  let out = '';
  while (out.length < length) {
    const bytes = crypto.getRandomValues(new Uint8Array(length * 2));
    for (const byte of bytes) {
      if (byte >= limit) continue;
      out += alphabet[byte % alphabet.length];
      if (out.length === length) break;
    }
  }
  return out;
}

/** `length` random decimal digits (payment numbers, confirmation codes). */
export function randomDigits(length: number): string {
  return randomString(length, '0123456789');
}

/**
 * Fills a pattern: every `#` becomes a random digit, anything else is kept.
 * `'20020-############'` → `'20020-483920174628'`.
 */
export function fillDigitPattern(pattern: string): string {
  return pattern.replace(/#/g, () => randomDigits(1));
}
