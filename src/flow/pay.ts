import { failed } from '../core/errors.ts';
import type { Outcome } from '../core/outcome.ts';
import type { PaymentInput } from '../core/payment-input.ts';
import type { AttemptContext, ProviderAdapter } from '../providers/adapter.ts';
import type { FlowCore } from './flow-core.ts';

/**
 * One submit: the adapter's payer of the method, with our card, the provider's card form, or the
 * konbini details. Never throws: an adapter that does (against its contract) still ends in a failure
 * the shopper can read.
 */
export async function pay(
  core: FlowCore,
  adapter: ProviderAdapter,
  ctx: AttemptContext,
  input: PaymentInput,
): Promise<Outcome> {
  const unavailable: Outcome = failed('configuration', 'method_unavailable', false);
  try {
    switch (input.method) {
      case 'card': {
        const payCard = adapter.pay.card;
        if (payCard === undefined) return unavailable;
        if ('card' in input) return await payCard(ctx, { card: input.card });
        if ('saved' in input) return await payCard(ctx, { saved: input.saved });
        if ('hosted' in input) return await payCard(ctx, { hosted: input.hosted });
        const surface = core.currentCardSurface();
        if (surface === undefined) return unavailable;
        return await payCard(ctx, { surface, name: input.surface.name, ...(input.save ? { save: true } : {}) });
      }
      case 'konbini': {
        const payKonbini = adapter.pay.konbini;
        return payKonbini === undefined ? unavailable : await payKonbini(ctx, input.konbini);
      }
    }
  } catch {
    return failed('internal', 'internal_error', true);
  }
}
