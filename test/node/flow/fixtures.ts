import type { ClientSession } from '../../../src/core/protocol.ts';

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
