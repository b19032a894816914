import { CHALLENGE_TITLE, cardLabel, challengeAnswered, challengeBody, challengeResult } from '../shared/challenge-page.ts';
import { html, readForm, seeOther } from '../shared/html.ts';
import { originOfUrl } from '../shared/http.ts';
import { formatJst } from '../shared/jst.ts';
import { konbiniAction, konbiniActionsForm } from '../shared/konbini-page.ts';
import { formatMoney } from '../shared/money.ts';
import { emulatorPages } from '../shared/pages.ts';
import type { StripeContext } from './context.ts';
import { answerChallenge, konbiniExpired, konbiniPaid, refreshPaymentIntent } from './intents.ts';
import type { ChallengeRecord } from './state.ts';

/**
 * The emulator's pages: the 3-D Secure challenge (`<basePath>/3d_secure/{id}`, the `url` of
 * `next_action.redirect_to_url` and the `stripe_js` page of `use_stripe_sdk`), standing in for the
 * issuer's page, and the konbini voucher (`<basePath>/konbini/voucher/{id}`, `hosted_voucher_url`),
 * standing in for Stripe's hosted voucher page. Plain HTML forms: no script, so they work under any CSP.
 */

export const pages = emulatorPages('Stripe');

function intentOf(ctx: StripeContext, challenge: ChallengeRecord) {
  if (challenge.intent.kind === 'payment_intent') {
    const pi = ctx.state.paymentIntents.get(challenge.intent.id);
    return pi ? { amount: formatMoney(pi.amount, pi.currency.toUpperCase(), 'en'), pm: pi.paymentMethod, waiting: pi.challenge === challenge && pi.status === 'requires_action' } : null;
  }
  const si = ctx.state.setupIntents.get(challenge.intent.id);
  return si ? { amount: 'Setting up the card for later payments (no charge)', pm: si.paymentMethod, waiting: si.challenge === challenge && si.status === 'requires_action' } : null;
}

export function renderChallenge(ctx: StripeContext, id: string): Response {
  const challenge = ctx.state.challenges.get(id);
  const intent = challenge ? intentOf(ctx, challenge) : null;
  if (!challenge || !intent) return pages.notFoundPage(ctx, '3-D Secure authentication');
  const card = intent.pm ? ctx.state.paymentMethods.get(intent.pm)?.card : undefined;
  const body = challengeBody({
    amount: intent.amount,
    card: card ? cardLabel(card.brand, card.last4) : '—',
    returnsTo: challenge.returnUrl ?? 'the shop’s page (Stripe.js)',
    waiting: intent.waiting,
    back: null,
  });
  return pages.page(ctx, 200, CHALLENGE_TITLE, body, intent.waiting ? [originOfUrl(challenge.returnUrl)] : []);
}

export async function submitChallenge(ctx: StripeContext, id: string, request: Request): Promise<Response> {
  if (!pages.fromOwnPage(ctx, request)) return pages.forbiddenPage(ctx);
  const result = challengeResult(await readForm(request));
  const challenge = ctx.state.challenges.get(id);
  const intent = challenge ? intentOf(ctx, challenge) : null;
  if (!challenge || !intent) return pages.notFoundPage(ctx, '3-D Secure authentication');
  if (!result) return pages.badRequestPage(ctx, 'Use one of the two buttons.');
  if (!intent.waiting) return renderChallenge(ctx, id);
  const back = answerChallenge(ctx, challenge, result);
  if (back) return seeOther(back);
  return pages.page(ctx, 200, CHALLENGE_TITLE, challengeAnswered(result === 'complete'));
}

const STORE_NAMES = {
  familymart: ['FamilyMart', 'ファミリーマート'],
  lawson: ['Lawson', 'ローソン'],
  ministop: ['Ministop', 'ミニストップ'],
  seicomart: ['Seicomart', 'セイコーマート'],
} as const;

function voucherOf(ctx: StripeContext, id: string) {
  const entry = ctx.state.vouchers.get(id);
  const pi = entry ? ctx.state.paymentIntents.get(entry.paymentIntent) : undefined;
  if (!entry || !pi) return null;
  refreshPaymentIntent(ctx, pi);
  return { voucher: entry.voucher, pi };
}

export function renderVoucher(ctx: StripeContext, id: string): Response {
  const found = voucherOf(ctx, id);
  if (!found) return pages.notFoundPage(ctx, 'konbini voucher');
  const { voucher, pi } = found;
  const expires = new Date(voucher.expiresAt * 1000).toISOString();
  const status = voucher.outcome === 'paid' ? 'Paid' : voucher.outcome === 'expired' ? 'Expired: not paid in time' : pi.status === 'requires_action' ? 'Waiting for payment at the store' : 'No longer payable';
  const stores = (Object.keys(STORE_NAMES) as (keyof typeof STORE_NAMES)[]).map(
    (store) => html`<dt>${STORE_NAMES[store][0]} <span lang="ja">(${STORE_NAMES[store][1]})</span></dt><dd>Payment code <span lang="ja">(お支払い受付番号)</span>: ${voucher.stores[store].payment_code}<br>Confirmation number <span lang="ja">(確認番号)</span>: ${voucher.stores[store].confirmation_number}</dd>`,
  );
  return pages.page(
    ctx,
    200,
    'Konbini voucher',
    html`<h1>Pay at a convenience store <span lang="ja">(コンビニでのお支払い)</span></h1>
<p class="status" role="status">${status}</p>
<dl>
<dt>Amount <span lang="ja">(お支払い金額)</span></dt><dd>${formatMoney(pi.amount, pi.currency.toUpperCase(), 'en')}</dd>
<dt>Pay by <span lang="ja">(お支払い期限)</span></dt><dd>${formatJst(expires, 'en')} <span lang="ja">(${formatJst(expires, 'ja')})</span></dd>
${stores}
</dl>
${!voucher.outcome && pi.status === 'requires_action' ? konbiniActionsForm() : ''}`,
  );
}

export async function submitVoucher(ctx: StripeContext, id: string, request: Request): Promise<Response> {
  if (!pages.fromOwnPage(ctx, request)) return pages.forbiddenPage(ctx);
  const action = konbiniAction(await readForm(request));
  const found = voucherOf(ctx, id);
  if (!found) return pages.notFoundPage(ctx, 'konbini voucher');
  if (!action) return pages.badRequestPage(ctx, 'Use one of the two buttons.');
  if (action === 'paid') konbiniPaid(ctx, found.pi, null);
  else konbiniExpired(ctx, found.pi);
  return seeOther(ctx.urls.voucher(id));
}
