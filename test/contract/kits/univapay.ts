import type { ProviderKit } from '../kit.ts';

/**
 * UnivaPay on its emulator, as a PCI DSS merchant UnivaPay allows to send raw card data (node has no
 * iframe; the inline form, the default, is tested in Chromium); konbini at Lawson (UnivaPay wants the
 * phone number).
 */
export const kit: ProviderKit = {
  provider: 'univapay',
  async handlerConfig(sandbox, apiOrigin, pageOrigin) {
    const { appToken, secret, storeId } = await sandbox.univapay.issueAppToken({
      origins: [pageOrigin],
      directCardTokens: true,
    });
    return {
      provider: 'univapay',
      appToken,
      secret,
      storeId,
      directCardTokens: true,
      apiBase: `${apiOrigin}${sandbox.univapay.basePath}`,
      polling: { attempts: 3, intervalMs: 5 },
    };
  },
  // UnivaPay documents success cards; the challenge card is the sandbox's (docs/providers.md "UnivaPay").
  cards: { success: '4000020000000000', challenge: '4000000000003220', decline: '4111111111111111' },
  declineReason: 'card_declined',
  konbini: { store: 'lawson', name: '山田 花子', email: 'hanako@example.jp', phone: '09012345678' },
  charged: (sandbox) => sandbox.univapay.inspect.charges().filter((c) => c.status !== 'failed').length,
};
