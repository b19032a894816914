import type { ProviderKit } from '../kit.ts';

/** KOMOJU on its emulator: cards in our own inputs (as always with KOMOJU), konbini at Lawson. */
export const kit: ProviderKit = {
  provider: 'komoju',
  async handlerConfig(sandbox, apiOrigin) {
    return {
      provider: 'komoju',
      secretKey: sandbox.komoju.secretKey,
      publishableKey: sandbox.komoju.publishableKey,
      apiBase: `${apiOrigin}${sandbox.komoju.basePath}/api/v1`,
    };
  },
  // KOMOJU's documented test cards (docs/providers.md "KOMOJU").
  cards: { success: '4111111111111111', challenge: '4100000000005000', decline: '4123111111111059' },
  declineReason: 'card_declined',
  konbini: { store: 'lawson', name: '山田 花子', email: 'hanako@example.jp', phone: '09012345678' },
  charged: (sandbox) => sandbox.komoju.inspect.payments().filter((p) => p.status !== 'failed').length,
};
