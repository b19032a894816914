import { CHALLENGE_TITLE, challengeAnswered, challengeBody, challengeResult } from '../shared/challenge-page.ts';
import { readForm, seeOther } from '../shared/html.ts';
import { originOfUrl } from '../shared/http.ts';
import { formatMoney } from '../shared/money.ts';
import { emulatorPages } from '../shared/pages.ts';
import type { PayjpContext } from './context.ts';
import { answerChallenge, flowOfChallenge } from './flows.ts';

/**
 * The 3-D Secure page (`<basePath>/three_d_secure/{id}`, the flow's `next_action.redirect_to_url.url`),
 * standing in for the issuer's page PAY.JP sends the shopper to. "Complete authentication" ends the
 * flow `succeeded` (or `requires_capture`), "Fail authentication" sends it back to
 * `requires_payment_method` with `three_d_secure_failed`; then the shopper goes to the confirm's
 * `return_url` with the flow's id and client secret.
 */
export const pages = emulatorPages('PAY.JP');

function view(ctx: PayjpContext, id: string) {
  const challenge = ctx.state.challenges.get(id);
  const flow = flowOfChallenge(ctx, id);
  if (!challenge || !flow) return null;
  const pm = flow.paymentMethodId ? ctx.state.paymentMethods.get(flow.paymentMethodId) : undefined;
  return {
    challenge,
    flow,
    amount: flow.kind === 'payment_flow' ? formatMoney(flow.amount, 'JPY', 'en') : 'Saving the card for later payments (no charge)',
    card: pm ? `${pm.card.brand} ending in ${pm.card.last4}` : '—',
    waiting: !challenge.answered && flow.challengeId === id && flow.status === 'requires_action',
  };
}

export function renderChallenge(ctx: PayjpContext, id: string): Response {
  const v = view(ctx, id);
  if (!v) return pages.notFoundPage(ctx, '3-D Secure authentication');
  const body = challengeBody({ amount: v.amount, card: v.card, returnsTo: v.challenge.returnUrl ?? 'nowhere (a confirm without return_url)', waiting: v.waiting, back: null });
  return pages.page(ctx, 200, CHALLENGE_TITLE, body, v.waiting ? [originOfUrl(v.challenge.returnUrl)] : []);
}

export async function submitChallenge(ctx: PayjpContext, id: string, request: Request): Promise<Response> {
  if (!pages.fromOwnPage(ctx, request)) return pages.forbiddenPage(ctx);
  const result = challengeResult(await readForm(request));
  const v = view(ctx, id);
  if (!v) return pages.notFoundPage(ctx, '3-D Secure authentication');
  if (!result) return pages.badRequestPage(ctx, 'Use one of the two buttons.');
  if (!v.waiting) return renderChallenge(ctx, id);
  const back = answerChallenge(ctx, id, result);
  if (back) return seeOther(back);
  return pages.page(ctx, 200, CHALLENGE_TITLE, challengeAnswered(result === 'complete'));
}
