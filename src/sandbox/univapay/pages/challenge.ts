import { formatMoney } from '../../shared/money.ts';
import { CHALLENGE_TITLE, cardLabel, challengeAnswered, challengeBody, challengeResult } from '../../shared/challenge-page.ts';
import { readForm, seeOther } from '../../shared/html.ts';
import { originOfUrl, withQueryParam } from '../../shared/http.ts';
import { awaitingChallenge, finishChallenge, refreshCharge } from '../charge.ts';
import type { UnivapayContext } from '../context.ts';
import type { ChargeRecord } from '../state.ts';
import { badRequestPage, forbiddenPage, fromOwnPage, notFoundPage, page } from './common.ts';

/**
 * The 3-D Secure page, standing in for the issuer's ACS (docs/providers.md, "UnivaPay"). A charge `awaiting`
 * its challenge hands out `issuer_token` = `<basePath>/three_ds/challenge` with `payload {resource_id,
 * resource_type}`; the browser posts that payload there (`http_post`, the default) or opens it with the
 * payload in the query (`http_get`). Two buttons, "Complete authentication" and "Fail authentication", post
 * to `<basePath>/three_ds/challenge/{chargeId}`: the charge becomes `successful` (`authorized` when not
 * captured) or `failed` with `error.code` 358, and the shopper is sent (303) to the charge's
 * `redirect_endpoint` with `univapayChargeId=<id>` added (the name is configurable: UNCONFIRMED). Plain HTML
 * forms: no script, so the page works under any CSP. Every value shown is escaped.
 */

function findCharge(ctx: UnivapayContext, id: string | null): ChargeRecord | null {
  const charge = id ? ctx.state.charges.get(id) : undefined;
  if (!charge || charge.paymentType !== 'card') return null;
  refreshCharge(charge, ctx.now, ctx.chargeChanged);
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
  const waiting = awaitingChallenge(charge);
  const body = challengeBody({
    amount: formatMoney(charge.amount, charge.currency, 'en'),
    card: card ? cardLabel(card.brand, card.last4) : '—',
    returnsTo: charge.threeDs?.redirectEndpoint ?? 'no redirect endpoint',
    waiting,
    back,
    action: ctx.urls.challengeResult(charge.id),
  });
  return page(ctx, 200, CHALLENGE_TITLE, body, waiting ? [originOfUrl(charge.threeDs?.redirectEndpoint ?? null)] : []);
}

/** A button of the challenge page. */
export async function submitChallenge(ctx: UnivapayContext, id: string, request: Request): Promise<Response> {
  if (!fromOwnPage(ctx, request)) return forbiddenPage(ctx);
  const result = challengeResult(await readForm(request));
  // Look the charge up after the body is read: from here on nothing yields.
  const charge = findCharge(ctx, id);
  if (!charge) return notFoundPage(ctx, 'charge to authenticate');
  if (!result) return badRequestPage(ctx, 'Use one of the two buttons.');
  const passed = result === 'complete';
  // A second post (back button, double click) changes nothing and sends the shopper back again.
  finishChallenge(charge, passed, ctx.now);
  ctx.chargeChanged(charge);
  const back = returnUrlOf(ctx, charge);
  if (back) return seeOther(back);
  return page(ctx, 200, CHALLENGE_TITLE, challengeAnswered(passed));
}
