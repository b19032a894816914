import type { Outcome } from '../../core/outcome.ts';
import type { AttemptContext, CardPayment, ProviderAdapter, ResumeContext } from '../adapter.ts';
import { browserInfo } from './browser-info.ts';
import { askEndpoint } from '../shared/endpoint-call.ts';
import { failed } from '../shared/failures.ts';
import { checkedRedirect } from '../shared/redirect-outcome.ts';
import { sessionRefusal } from '../shared/session-checks.ts';
import { PAYMENTOPTIONS_REF_PARAM } from './manifest.ts';

/**
 * PaymentOptions in the browser (docs/providers.md "PaymentOptions"). Its card API is server to server, so
 * the page never sends a card anywhere:
 * - a new card: `complete` without a token (and the shopper's "Save this card"); the merchant's server
 *   creates a hosted-page link and answers the redirect to it, which the flow follows (or frames);
 * - a saved card: `complete` with the list's opaque id and what only the browser knows for 3-D Secure;
 *   the server pays the stored card and answers the outcome, or the 3-D Secure step;
 * - the return (hosted page or 3-D Secure): `status` with the reference recorded before leaving (or the
 *   one our return URL carries); the server decides from its webhook record or the transaction's status.
 */

async function payCard(ctx: AttemptContext, payment: CardPayment): Promise<Outcome> {
  const refused = sessionRefusal(ctx.session, 'card');
  if (refused) return refused;
  const base = { sessionId: ctx.session.sessionId, method: 'card' as const, returnUrl: ctx.pageUrl };
  if ('saved' in payment) {
    if (!ctx.session.savedCards?.some((card) => card.id === payment.saved)) {
      return failed('validation', 'invalid_card', true, { providerCode: 'unknown_saved_card' });
    }
    const info = browserInfo();
    const outcome = await askEndpoint(ctx, () =>
      ctx.endpoint.complete({ ...base, token: payment.saved, ...(info ? { browserInfo: info } : {}) }, ctx.signal),
    );
    return checkedRedirect(outcome, ctx.session.apiBase);
  }
  if ('hosted' in payment) {
    const outcome = await askEndpoint(ctx, () => ctx.endpoint.complete({ ...base, saveCard: payment.hosted.save }, ctx.signal));
    return checkedRedirect(outcome, ctx.session.apiBase);
  }
  // Card numbers never go to PaymentOptions from the page: it has no browser API.
  return failed('configuration', 'method_unavailable', false);
}

async function resume(ctx: ResumeContext, params: URLSearchParams): Promise<Outcome> {
  const reference = (ctx.reference ?? params.get(PAYMENTOPTIONS_REF_PARAM) ?? '').trim();
  if (!reference || reference.length > 256) return failed('internal', 'internal_error', false);
  return askEndpoint(ctx, () => ctx.endpoint.status({ sessionId: ctx.session.sessionId, reference }, ctx.signal));
}

export const paymentoptionsAdapter: ProviderAdapter = {
  pay: { card: payCard },
  resume,
};
