import { installStripeJsDouble } from '../doubles/stripe-js.ts';
import type { ProviderKit } from '../kit.ts';

/**
 * Stripe on its emulator: cards go into Stripe's own fields only, so the suite runs the adapter with a
 * node double of Stripe.js (`doubles/stripe-js.ts`; the stand-in the sandbox serves to browsers is
 * tested in Chromium). Test cards as Stripe documents them (docs.stripe.com/testing); konbini at Lawson,
 * the phone number as the confirmation number.
 */
export const kit: ProviderKit = {
  provider: 'stripe',
  async handlerConfig(sandbox, apiOrigin) {
    return {
      provider: 'stripe',
      secretKey: sandbox.stripe.secretKey,
      publishableKey: sandbox.stripe.publishableKey,
      apiBase: `${apiOrigin}${sandbox.stripe.basePath}`,
    };
  },
  cards: { success: '4242424242424242', challenge: '4000002760003184', decline: '4000000000000002' },
  declineReason: 'card_declined',
  konbini: { store: 'lawson', name: '山田 花子', email: 'hanako@example.jp', phone: '09012345678' },
  // Intents paid, held or waiting for cash at the store; a failed attempt leaves the intent unpaid.
  charged: (sandbox) =>
    sandbox.stripe.inspect
      .paymentIntents()
      .map((intent) => intent as { status?: string; next_action?: { type?: string } | null })
      .filter(
        (intent) =>
          ['succeeded', 'requires_capture', 'processing'].includes(intent.status ?? '') ||
          intent.next_action?.type === 'konbini_display_details',
      ).length,
  providerScript: (browserFetch) => installStripeJsDouble(browserFetch),
};
