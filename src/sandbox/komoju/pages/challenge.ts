import { CHALLENGE_TITLE, cardLabel, challengeAnswered, challengeBody, challengeResult } from '../../shared/challenge-page.ts';
import { html, readForm, seeOther } from '../../shared/html.ts';
import { originOfUrl, withQueryParam } from '../../shared/http.ts';
import { sessionReturnUrl, settlePendingCardPayment } from '../charge.ts';
import type { KomojuContext } from '../context.ts';
import { newThreeDsAuthResult } from '../serialize.ts';
import type { CardRecord, PaymentRecord, SecureTokenRecord } from '../state.ts';
import { challengePassed, threeDsPlanOf, type ThreeDsPlan } from '../test-cards.ts';
import { fromOwnPage, forbiddenPage, formatAmount, notFoundPage, page } from './common.ts';

/**
 * The 3-D Secure challenge page (`<basePath>/challenge/{id}`), standing in for the card issuer's ACS.
 * `{id}` is a secure token (`NEEDS_VERIFY`) or a card payment left `pending` by a pay with a 3-D Secure
 * card's details. What it does follows the card (`test-cards.ts`):
 * - a challenge card: two buttons, "Complete authentication" (KOMOJU's test page: password 123456)
 *   and "Fail authentication", post back here;
 * - a failing-challenge card: the same buttons, and either fails (KOMOJU's test page: password 111111);
 * - a fail-on-redirect card: no challenge; opening the page fails the authentication and sends the
 *   shopper straight back.
 * Then:
 * - secure token: `OK` or `ERRORED`, and a 303 to its `return_url` with `secure_token_id=<id>` added
 *   (the return URL's own query kept; docs/providers.md, section "KOMOJU");
 * - payment: charged (test-card rules) or failed with `three_d_secure_failed`, and a 303 to the
 *   session's `return_url?session_id=…`.
 * Plain HTML forms: no script, so the page works under any CSP. Every value shown is escaped.
 */

type Challenge =
  | { readonly kind: 'token'; readonly token: SecureTokenRecord }
  | { readonly kind: 'payment'; readonly payment: PaymentRecord };

function findChallenge(ctx: KomojuContext, id: string): Challenge | null {
  const token = ctx.state.secureTokens.get(id);
  if (token?.authenticationUrl) return { kind: 'token', token };
  const payment = ctx.state.payments.get(id);
  if (payment?.authenticationUrl && payment.source.type === 'credit_card') return { kind: 'payment', payment };
  return null;
}

function describe(ctx: KomojuContext, challenge: Challenge) {
  if (challenge.kind === 'token') {
    const { token } = challenge;
    return {
      card: token.card,
      amount: token.amount,
      currency: token.currency,
      waiting: token.status === 'NEEDS_VERIFY',
      returnUrl: token.returnUrl as string | null,
      next: withQueryParam(token.returnUrl, 'secure_token_id', token.id),
    };
  }
  const { payment } = challenge;
  const session = payment.sessionId ? ctx.state.sessions.get(payment.sessionId) : undefined;
  return {
    card: (payment.source as { card: CardRecord }).card,
    amount: payment.amount,
    currency: payment.currency,
    waiting: payment.status === 'pending',
    returnUrl: session?.returnUrl ?? null,
    next: session ? sessionReturnUrl(session) : null,
  };
}

/** The issuer's answer, applied once: a second answer (back button, double click) changes nothing. */
function finish(ctx: KomojuContext, challenge: Challenge, authenticated: boolean): void {
  if (challenge.kind === 'payment') {
    settlePendingCardPayment(ctx, challenge.payment, authenticated);
    return;
  }
  const { token } = challenge;
  if (token.status !== 'NEEDS_VERIFY') return;
  token.status = authenticated ? 'OK' : 'ERRORED';
  token.authResult = authenticated ? newThreeDsAuthResult() : null;
}

const NOTES: Partial<Record<ThreeDsPlan, string>> = {
  challenge: 'Test card with a challenge: KOMOJU’s test page asks for the password 123456 here, which “Complete authentication” stands for.',
  failing_challenge: 'Test card whose challenge fails (KOMOJU’s test page: password 111111): either button fails the authentication.',
};

export function renderChallenge(ctx: KomojuContext, id: string, request: Request): Response {
  const challenge = findChallenge(ctx, id);
  if (!challenge) return notFoundPage(ctx, 'authentication');
  const info = describe(ctx, challenge);
  const plan = threeDsPlanOf(info.card.number, ctx.options);
  if (info.waiting && plan === 'fail_on_redirect') {
    // No challenge: the authentication fails as the shopper is sent back (a HEAD changes nothing).
    if (request.method !== 'HEAD') finish(ctx, challenge, false);
    return info.next ? seeOther(info.next) : page(ctx, 200, CHALLENGE_TITLE, challengeAnswered(false));
  }
  const returnOrigin = originOfUrl(info.returnUrl);
  const note = NOTES[plan];
  const body = challengeBody({
    amount: formatAmount(info.amount, info.currency),
    card: cardLabel(info.card.brand, info.card.last4),
    returnsTo: info.returnUrl ?? 'no return URL',
    waiting: info.waiting,
    back: info.next,
    ...(note ? { note } : {}),
  });
  return page(ctx, 200, CHALLENGE_TITLE, body, info.waiting ? [returnOrigin] : []);
}

export async function submitChallenge(ctx: KomojuContext, id: string, request: Request): Promise<Response> {
  if (!fromOwnPage(ctx, request)) return forbiddenPage(ctx);
  const result = challengeResult(await readForm(request));
  // Look the challenge up after the body is read: from here on nothing yields.
  const challenge = findChallenge(ctx, id);
  if (!challenge) return notFoundPage(ctx, 'authentication');
  if (!result) {
    return page(ctx, 400, 'Bad request', html`<h1>Choose an answer</h1><p>Use one of the two buttons.</p>`);
  }
  const authenticated = challengePassed(threeDsPlanOf(describe(ctx, challenge).card.number, ctx.options), result);
  finish(ctx, challenge, authenticated);
  const next = describe(ctx, findChallenge(ctx, id) ?? challenge).next;
  if (next) return seeOther(next);
  return page(ctx, 200, CHALLENGE_TITLE, challengeAnswered(authenticated));
}
