import type { ClientSession } from '../../../src/core/protocol.ts';
import type { AttemptStorage } from '../../../src/flow/pending-attempt.ts';

export const SESSION_ID = 'ses_3pwlcidjnkbn7i6d0mu3e';

/** A KOMOJU-like session as the endpoint returns it (public values only). */
export function session(overrides: Partial<ClientSession> = {}): ClientSession {
  return {
    protocol: 1,
    provider: 'komoju',
    sessionId: SESSION_ID,
    publicKey: 'pk_test_flow',
    apiBase: 'https://komoju.com/api/v1',
    amount: 1980,
    currency: 'JPY',
    mode: 'payment',
    methods: ['card', 'konbini'],
    konbiniStores: ['seven-eleven', 'family-mart', 'lawson'],
    returnUrl: 'https://shop.example/checkout',
    ...overrides,
  };
}

/** A Map-backed Storage. */
export function memoryStorage(): AttemptStorage & { readonly map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, String(value)),
    removeItem: (key) => void map.delete(key),
  };
}

