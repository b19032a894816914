import type { Outcome } from '../../core/outcome.ts';
import type { AttemptContext, CardPayment, ProviderAdapter, ResumeContext } from '../adapter.ts';
import { CANCELED } from '../shared/call-outcome.ts';
import { askEndpoint } from '../shared/endpoint-call.ts';
import { failed, unexpectedResponse } from '../shared/failures.ts';
import { sessionRefusal } from '../shared/session-checks.ts';
import { mapPayjpError } from './map-outcome.ts';
import { payjpPaymentsErrorSchema } from './schemas.ts';
import { createPayjpSurface, payjpSurfaceInternals } from './surface.ts';

/**
 * PAY.JP v2 in the browser (docs/providers.md "PAY.JP"). The merchant's server creates a Payment Flow (or,
 * in setup mode, a Setup Flow) and hands the page its `client_secret`; the card is typed into PAY.JP's
 * payment form (`surface.ts`), and `widgets.confirmPayment` / `confirmSetup({ return_url })` confirms
 * it. payments.js navigates away on success and for 3-D Secure, and resolves only with an error: every
 * success comes back through the return URL. So the attempt is kept for the return before confirming
 * (`ctx.leaving`), and `challenge="iframe"` does not apply to PAY.JP.
 *
 * On the return, the endpoint's `status` retrieves the flow with the secret key and decides; the URL's
 * `payment_flow_id` / `setup_flow_id` only has to name this session's flow.
 */

async function payCard(ctx: AttemptContext, payment: CardPayment): Promise<Outcome> {
  const refused = sessionRefusal(ctx.session, 'card');
  if (refused) return refused;
  // PAY.JP v2 takes card numbers in its own form only.
  if (!('surface' in payment)) return failed('configuration', 'method_unavailable', false);
  const form = payjpSurfaceInternals(payment.surface);
  if (!form) return failed('configuration', 'card_form_unavailable', true);
  const name = payment.name?.trim();
  const params = {
    return_url: ctx.pageUrl,
    ...(name ? { payment_method_data: { billing_details: { name } } } : {}),
  };
  const stay = ctx.leaving?.('card', ctx.session.sessionId);
  let result: unknown;
  try {
    result = await (ctx.session.mode === 'setup' ? form.widgets.confirmSetup(params) : form.widgets.confirmPayment(params));
  } catch {
    stay?.();
    return ctx.signal.aborted ? CANCELED : failed('internal', 'internal_error', true);
  }
  // Still here: payments.js answered an error instead of navigating.
  stay?.();
  if (ctx.signal.aborted) return CANCELED;
  const error = payjpPaymentsErrorSchema.safeParse((result as { error?: unknown } | null)?.error);
  return error.success ? mapPayjpError(error.data) : unexpectedResponse('payjp_result');
}

async function resume(ctx: ResumeContext, params: URLSearchParams): Promise<Outcome> {
  const id = ctx.session.sessionId;
  const named = params.get('payment_flow_id') ?? params.get('setup_flow_id');
  if (named !== null && named !== id) return failed('internal', 'internal_error', false, { providerCode: 'other_flow' });
  return askEndpoint(ctx, () => ctx.endpoint.status({ sessionId: id, reference: ctx.reference ?? id }, ctx.signal));
}

export const payjpAdapter: ProviderAdapter = {
  pay: { card: payCard },
  createCardSurface: createPayjpSurface,
  resume,
};
