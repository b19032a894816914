import { formatMoney } from '../../shared/money.ts';
import { formatJst } from '../../shared/jst.ts';
import { html, readForm, seeOther } from '../../shared/html.ts';
import { konbiniAction, konbiniActionsForm } from '../../shared/konbini-page.ts';
import { finishKonbini, refreshCharge } from '../charge.ts';
import type { UnivapayContext } from '../context.ts';
import { STORE_NAMES } from '../konbini.ts';
import type { ChargeRecord, ChargeStatus } from '../state.ts';
import { badRequestPage, forbiddenPage, fromOwnPage, notFoundPage, page } from './common.ts';

/**
 * The konbini slip page (`<basePath>/konbini/{chargeId}`): store, payment number, amount, deadline in
 * JST and the charge's status. It is the `internal_convenience_payment_url` of 7-Eleven charges (UnivaPay
 * issues that URL for 7-Eleven only, docs/providers.md, "UnivaPay"), and reachable for the other chains too
 * from the sandbox dashboard. Two buttons stand in for the shopper and the clock: "Mark as paid" (charge
 * `successful`, as when cash is paid at the register) and "Mark as expired" (charge `failed`, as when the
 * deadline passes: docs/providers.md, "UnivaPay").
 */

const STATUS_TEXT: Readonly<Record<ChargeStatus, string>> = {
  pending: 'Being processed',
  awaiting: 'Waiting for payment at the store',
  authorized: 'Authorized',
  successful: 'Paid',
  failed: 'Failed: the deadline passed without payment',
  error: 'Error',
  canceled: 'Canceled',
};

function findKonbiniCharge(ctx: UnivapayContext, id: string): ChargeRecord | null {
  const charge = ctx.state.charges.get(id);
  if (!charge || charge.paymentType !== 'konbini') return null;
  refreshCharge(charge, ctx.now, ctx.chargeChanged);
  return charge;
}

export function renderSlip(ctx: UnivapayContext, id: string): Response {
  const charge = findKonbiniCharge(ctx, id);
  const token = charge ? ctx.state.tokens.get(charge.tokenId) : undefined;
  if (!charge || token?.source.paymentType !== 'konbini') return notFoundPage(ctx, 'konbini charge');
  const names = STORE_NAMES[token.source.konbini.store];
  const number = charge.status === 'pending' ? null : charge.slip?.number;
  return page(
    ctx,
    200,
    `Payment slip: ${names.en}`,
    html`<h1>Pay at ${names.en} <span lang="ja">(${names.ja})</span></h1>
<p class="status" role="status">${STATUS_TEXT[charge.status]}</p>
<dl>
<dt>Payment number <span lang="ja">(支払い番号)</span></dt><dd>${number ?? '—'}</dd>
<dt>Amount <span lang="ja">(お支払い金額)</span></dt><dd>${formatMoney(charge.amount, charge.currency, 'en')}</dd>
<dt>Pay by <span lang="ja">(お支払い期限)</span></dt><dd>${charge.expiresAt ? html`${formatJst(charge.expiresAt, 'en')} <span lang="ja">(${formatJst(charge.expiresAt, 'ja')})</span>` : '—'}</dd>
<dt>Name</dt><dd>${token.source.konbini.customerName}</dd>
</dl>
${charge.status === 'awaiting' ? konbiniActionsForm() : ''}`,
  );
}

export async function submitSlip(ctx: UnivapayContext, id: string, request: Request): Promise<Response> {
  if (!fromOwnPage(ctx, request)) return forbiddenPage(ctx);
  const action = konbiniAction(await readForm(request));
  const charge = findKonbiniCharge(ctx, id);
  if (!charge) return notFoundPage(ctx, 'konbini charge');
  if (!action) return badRequestPage(ctx, 'Use one of the two buttons.');
  finishKonbini(charge, action === 'paid', ctx.now);
  ctx.chargeChanged(charge);
  return seeOther(ctx.urls.slip(charge.id));
}
