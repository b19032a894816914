import { CHALLENGE_TITLE, cardLabel, challengeAnswered, challengeBody, challengeResult } from '../../shared/challenge-page.ts';
import { html, readForm, seeOther } from '../../shared/html.ts';
import { originOfUrl, withQueryParam } from '../../shared/http.ts';
import { sessionReturnUrl, settlePendingCardPayment } from '../charge.ts';
import type { KomojuContext } from '../context.ts';
import { newThreeDsAuthResult } from '../serialize.ts';
import type { CardRecord, PaymentRecord, SecureTokenRecord } from '../state.ts';
import { fromOwnPage, forbiddenPage, formatAmount, notFoundPage, page } from './common.ts';

/**
 * The 3-D Secure challenge page (`<basePath>/challenge/{id}`), standing in for the card issuer's ACS.
 * `{id}` is a secure token (`NEEDS_VERIFY`) or a card payment left `pending` by a pay with a challenge
 * card. Two buttons, "Complete authentication" and "Fail authentication", post back here; then:
 * - secure token: `OK` or `ERRORED`, and a 303 to its `return_url` with `secure_token_id=<id>` added
 *   (the return URL's own query kept, README 1.7);
 * - payment: charged (test-card rules) or failed with `three_d_secure_failed`, and a 303 to the
 *   session's `return_url?session_id=…` (README 1.2).
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

export function renderChallenge(ctx: KomojuContext, id: string, _request?: Request): Response {
  const challenge = findChallenge(ctx, id);
  if (!challenge) return notFoundPage(ctx, 'authentication');
  const info = describe(ctx, challenge);
  const returnOrigin = originOfUrl(info.returnUrl);
  const body = challengeBody({
    amount: formatAmount(info.amount, info.currency),
    card: cardLabel(info.card.brand, info.card.last4),
    returnsTo: info.returnUrl ?? 'no return URL',
    waiting: info.waiting,
    back: info.next,
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
  const authenticated = result === 'complete';
  if (challenge.kind === 'token') {
    const { token } = challenge;
    if (token.status === 'NEEDS_VERIFY') {
      token.status = authenticated ? 'OK' : 'ERRORED';
      token.authResult = authenticated ? newThreeDsAuthResult() : null;
    }
  } else {
    settlePendingCardPayment(ctx, challenge.payment, authenticated);
  }
  const next = describe(ctx, findChallenge(ctx, id) ?? challenge).next;
  if (next) return seeOther(next);
  return page(ctx, 200, CHALLENGE_TITLE, challengeAnswered(authenticated));
}
