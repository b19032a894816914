import { installPaymentsJsDouble } from '../doubles/payments-js.ts';
import type { ProviderKit } from '../kit.ts';

/**
 * PAY.JP v2 on its emulator: cards go into PAY.JP's own form only, and payments.js navigates the page
 * itself (to the bank, or back to the shop): the suite runs the adapter with a node double of
 * payments.js (`doubles/payments-js.ts`; the stand-in the sandbox serves to browsers is tested in
 * Chromium). PAY.JP publishes no v2 test cards: these are the sandbox's own (docs/providers.md
 * "PAY.JP"). No konbini in v2.
 */
export const kit: ProviderKit = {
  provider: 'payjp',
  async handlerConfig(sandbox, apiOrigin) {
    return {
      provider: 'payjp',
      secretKey: sandbox.payjp.secretKey,
      publicKey: sandbox.payjp.publicKey,
      apiBase: `${apiOrigin}${sandbox.payjp.basePath}`,
    };
  },
  cards: { success: '4242424242424242', challenge: '4000000000003220', decline: '4000000000000002' },
  declineReason: 'card_declined',
  charged: (sandbox) =>
    sandbox.payjp.inspect
      .paymentFlows()
      .map((flow) => flow as { status?: string })
      .filter((flow) => ['succeeded', 'requires_capture', 'processing'].includes(flow.status ?? '')).length,
  providerScript: (browserFetch) => installPaymentsJsDouble(browserFetch),
};
