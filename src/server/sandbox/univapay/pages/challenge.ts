import { formatAmount } from '../../../../core/konbini/amount.ts';
import { html, readForm, seeOther } from '../../shared/html.ts';
import { withQueryParam } from '../../shared/http.ts';
import { awaitingChallenge, finishChallenge, refreshCharge } from '../charge.ts';
import type { UnivapayContext } from '../context.ts';
import type { ChargeRecord } from '../state.ts';
import { badRequestPage, forbiddenPage, fromOwnPage, notFoundPage, originOfUrl, page } from './common.ts';

/**
 * The 3-D Secure page, standing in for the issuer's ACS (README 2.6). A charge `awaiting` its challenge
 * hands out `issuer_token` = `<basePath>/three_ds/challenge` with `payload {resource_id, resource_type}`;
 * the browser posts that payload there (`http_post`, the default) or opens it with the payload in the
 * query (`http_get`). Two buttons, "Complete authentication" and "Fail authentication", post to
 * `<basePath>/three_ds/challenge/{chargeId}`: the charge becomes `successful` (`authorized` when not
 * captured) or `failed` with `error.code` 358, and the shopper is sent (303) to the charge's
 * `redirect_endpoint` with `univapayChargeId=<id>` added (the name is configurable: UNCONFIRMED).
 * Plain HTML forms: no script, so the page works under any CSP. Every value shown is escaped.
 */

const BRAND_NAMES: Readonly<Record<string, string>> = {
  visa: 'Visa',
  mastercard: 'Mastercard',
  jcb: 'JCB',
  american_express: 'American Express',
  diners_club: 'Diners Club',
  discover: 'Discover',
};

function findCharge(ctx: UnivapayContext, id: string | null): ChargeRecord | null {
  const charge = id ? ctx.state.charges.get(id) : undefined;
  if (!charge || charge.paymentType !== 'card') return null;
  refreshCharge(charge, ctx.now);
  return charge;
}

/** Where the shopper goes back to, with the charge id added; null when the charge registered none. */
function returnUrlOf(ctx: UnivapayContext, charge: ChargeRecord): string | null {
  const endpoint = charge.threeDs?.redirectEndpoint;
  return endpoint ? withQueryParam(endpoint, ctx.options.chargeIdParam, charge.id) : null;
}

/** The challenge page, for the charge named by `resource_id` (form body, or query for `http_get`). */
export async function renderChallenge(ctx: UnivapayContext, request: Request): Promise<Response> {
  const params = request.method === 'POST' ? await readForm(request) : new URL(request.url).searchParams;
  if (params.get('resource_type') !== null && params.get('resource_type') !== 'charge') {
    return badRequestPage(ctx, 'Only charges are authenticated here.');
  }
  const charge = findCharge(ctx, params.get('resource_id'));
  if (!charge) return notFoundPage(ctx, 'charge to authenticate');
  const token = ctx.state.tokens.get(charge.tokenId);
  const card = token?.source.paymentType === 'card' ? token.source.card : null;
  const back = returnUrlOf(ctx, charge);
  const details = html`<dl>
<dt>Amount</dt><dd>${formatAmount(charge.amount, charge.currency, 'en')}</dd>
<dt>Card</dt><dd>${card ? `${BRAND_NAMES[card.brand] ?? 'Card'} ending in ${card.last4}` : '—'}</dd>
<dt>Returns to</dt><dd>${charge.threeDs?.redirectEndpoint ?? 'no redirect endpoint'}</dd>
</dl>`;
  if (!awaitingChallenge(charge)) {
    return page(
      ctx,
      200,
      '3-D Secure authentication',
      html`<h1>3-D Secure authentication</h1>
<p class="status" role="status">This authentication is already finished.</p>
${details}
${back ? html`<p><a href="${back}">Return to the shop</a></p>` : ''}`,
    );
  }
  return page(
    ctx,
    200,
    '3-D Secure authentication',
    html`<h1>3-D Secure authentication</h1>
<p>This page stands in for your card issuer's check. No bank is involved: choose what the issuer answers.</p>
<p lang="ja" class="note">カード発行会社の本人認証(3-Dセキュア)の代わりの画面です。結果を選んでください。</p>
${details}
<form method="post" action="${ctx.urls.challengeResult(charge.id)}">
<div class="actions">
<button type="submit" class="primary" name="result" value="complete">Complete authentication</button>
<button type="submit" name="result" value="fail">Fail authentication</button>
</div>
</form>`,
    [originOfUrl(charge.threeDs?.redirectEndpoint ?? null)],
  );
}

/** A button of the challenge page. */
export async function submitChallenge(ctx: UnivapayContext, id: string, request: Request): Promise<Response> {
  if (!fromOwnPage(ctx, request)) return forbiddenPage(ctx);
  const form = await readForm(request);
  const result = form.get('result');
  // Look the charge up after the body is read: from here on nothing yields.
  const charge = findCharge(ctx, id);
  if (!charge) return notFoundPage(ctx, 'charge to authenticate');
  if (result !== 'complete' && result !== 'fail') return badRequestPage(ctx, 'Use one of the two buttons.');
  const passed = result === 'complete';
  // A second post (back button, double click) changes nothing and sends the shopper back again.
  finishChallenge(charge, passed, ctx.now);
  const back = returnUrlOf(ctx, charge);
  if (back) return seeOther(back);
  return page(
    ctx,
    200,
    '3-D Secure authentication',
    html`<h1>3-D Secure authentication</h1><p class="status" role="status">${passed ? 'Authentication complete.' : 'Authentication failed.'} You can close this window.</p>`,
  );
}
