import { z } from 'zod';
import { KONBINI_STORES, type KonbiniStore } from '../../core/konbini-stores.ts';
import { METHODS, type PaymentMethod } from '../../core/protocol.ts';

/**
 * The server's own attempt id for UnivaPay (which has no server object before the charge): a
 * stateless, tamper-proof token, `<payload>.<mac>`, both base64url, where the payload is the JSON of
 * what `start` decided (attempt id, amount, currency, return URL, methods, stores, expiry) and the MAC
 * is HMAC-SHA-256 over it with a key only the server knows.
 *
 * Why stateless rather than an attempt store: the handler then runs unchanged on several instances,
 * serverless functions and edge workers, with no database to set up and nothing to expire; the browser
 * cannot change the amount or the return URL without breaking the MAC. What it cannot do alone is
 * refuse a second charge of the same attempt with another token; the browser makes one token per
 * submit, and `complete` derives the charge's idempotency key from attempt + token, so a retried
 * `complete` of the same token never charges twice. The payload is readable by whoever holds the id
 * (the shopper's own browser): it carries nothing the shopper's session does not show anyway.
 *
 * Web Crypto only (`crypto.subtle`): works on Node 20, Deno, Bun and edge runtimes.
 */
export interface Attempt {
  /** Random id, 128 bits: written to the charge's metadata to bind it to this attempt. */
  readonly id: string;
  readonly amount: number;
  readonly currency: string;
  readonly returnUrl: string;
  readonly methods: readonly PaymentMethod[];
  readonly stores: readonly KonbiniStore[];
  /** Unix seconds after which `complete` refuses to charge. */
  readonly expiresAt: number;
  /** `setup`: saves a recurring token, charges nothing. Absent in the payload: `payment`. */
  readonly mode: 'payment' | 'setup';
  /**
   * Pay and save (a payment whose new cards are recurring tokens, the handler's `onCardSaved`): when the
   * attempt started, Unix milliseconds. A new recurring token is paid only when it was made after it.
   * Absent: new cards are one-time tokens.
   */
  readonly savesFrom?: number;
}

const payloadSchema = z.object({
  v: z.literal(1),
  a: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
  amt: z.number().int().nonnegative(),
  cur: z.string().regex(/^[A-Z]{3}$/),
  ret: z.url(),
  m: z.array(z.enum(METHODS)).min(1),
  s: z.array(z.enum(KONBINI_STORES)),
  exp: z.number().int().positive(),
  md: z.optional(z.literal('setup')),
  sv: z.optional(z.number().int().positive()),
});

const encoder = new TextEncoder();

export function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64url(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return null;
  }
}

async function hmacKey(raw: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
}

/** Signs and reads attempt ids, and derives idempotency keys, with one server key. */
export interface AttemptSigner {
  sign(attempt: Omit<Attempt, 'id'>): Promise<{ readonly sessionId: string; readonly attempt: Attempt }>;
  /** The attempt of a session id, or null when it was not made by this key (tampered, foreign). */
  verify(sessionId: string): Promise<Attempt | null>;
  /**
   * The `Idempotency-Key` of the one charge an attempt may create with one token: a UUID (the form
   * UnivaPay's SDKs send) derived with the key, so that it cannot be guessed from outside.
   */
  chargeKey(attempt: Attempt, tokenId: string): Promise<string>;
}

/**
 * `signingKey` when given (32+ characters), else a key derived from the UnivaPay secret with a fixed
 * label (rotating the secret then also ends the attempts in flight, which is what one expects).
 */
export function createAttemptSigner(options: { readonly secret: string; readonly signingKey?: string }): AttemptSigner {
  const keyPromise: Promise<CryptoKey> = (async () => {
    if (options.signingKey) return hmacKey(encoder.encode(options.signingKey));
    const master = await hmacKey(encoder.encode(options.secret));
    const derived = await crypto.subtle.sign('HMAC', master, encoder.encode('kessai-elements/univapay attempt v1'));
    return hmacKey(new Uint8Array(derived));
  })();

  async function mac(data: string): Promise<Uint8Array> {
    return new Uint8Array(await crypto.subtle.sign('HMAC', await keyPromise, encoder.encode(data)));
  }

  return {
    async sign(fields) {
      const attempt: Attempt = { id: base64url(crypto.getRandomValues(new Uint8Array(16))), ...fields };
      const payload = base64url(
        encoder.encode(
          JSON.stringify({
            v: 1,
            a: attempt.id,
            amt: attempt.amount,
            cur: attempt.currency,
            ret: attempt.returnUrl,
            m: attempt.methods,
            s: attempt.stores,
            exp: attempt.expiresAt,
            ...(attempt.mode === 'setup' ? { md: 'setup' } : {}),
            ...(attempt.savesFrom !== undefined ? { sv: attempt.savesFrom } : {}),
          }),
        ),
      );
      return { sessionId: `${payload}.${base64url(await mac(payload))}`, attempt };
    },

    async verify(sessionId) {
      if (sessionId.length > 4096) return null;
      const [payload, signature, ...rest] = sessionId.split('.');
      if (!payload || !signature || rest.length > 0) return null;
      const signatureBytes = fromBase64url(signature);
      if (!signatureBytes) return null;
      // crypto.subtle.verify compares in constant time.
      const valid = await crypto.subtle.verify('HMAC', await keyPromise, signatureBytes, encoder.encode(payload));
      if (!valid) return null;
      const bytes = fromBase64url(payload);
      if (!bytes) return null;
      let json: unknown;
      try {
        json = JSON.parse(new TextDecoder().decode(bytes));
      } catch {
        return null;
      }
      const parsed = payloadSchema.safeParse(json);
      if (!parsed.success) return null;
      const p = parsed.data;
      return {
        id: p.a,
        amount: p.amt,
        currency: p.cur,
        returnUrl: p.ret,
        methods: p.m,
        stores: p.s,
        expiresAt: p.exp,
        mode: p.md ?? 'payment',
        ...(p.sv !== undefined ? { savesFrom: p.sv } : {}),
      };
    },

    async chargeKey(attempt, tokenId) {
      const bytes = (await mac(`charge\n${attempt.id}\n${tokenId}`)).slice(0, 16);
      bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x80; // version 8: custom
      bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80; // RFC 9562 variant
      const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    },
  };
}
