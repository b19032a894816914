import { html, readForm, seeOther } from '../../shared/html.ts';
import { konbiniAction, konbiniActionsForm } from '../../shared/konbini-page.ts';
import { sessionReturnUrl } from '../charge.ts';
import type { KomojuContext } from '../context.ts';
import { formatJst } from '../../shared/jst.ts';
import { KOMOJU_KONBINI_STORE_NAMES } from '../konbini.ts';
import type { PaymentRecord, PaymentStatus } from '../state.ts';
import { fromOwnPage, forbiddenPage, formatAmount, notFoundPage, page } from './common.ts';

/**
 * The konbini instructions page (`<basePath>/instructions/{payment_id}`, KOMOJU's
 * `instructions_url`): store, payment number, confirmation code, amount to pay and deadline in JST,
 * and a link back to the shop (`return_url?session_id=…`). For demos and tests it has two buttons,
 * "Mark as paid" (payment `captured`, as when the shopper pays at the register) and "Mark as expired"
 * (payment `expired`); the session stays `completed` either way.
 */

const STATUS_TEXT: Readonly<Record<PaymentStatus, string>> = {
  authorized: 'Waiting for payment at the store',
  captured: 'Paid',
  expired: 'Expired: the deadline passed without payment',
  cancelled: 'Cancelled',
  pending: 'Pending',
  refunded: 'Refunded',
  failed: 'Failed',
};

function findKonbiniPayment(ctx: KomojuContext, id: string): PaymentRecord | null {
  const payment = ctx.state.payments.get(id);
  return payment?.source.type === 'konbini' ? payment : null;
}

export function renderInstructions(ctx: KomojuContext, id: string): Response {
  const payment = findKonbiniPayment(ctx, id);
  if (!payment || payment.source.type !== 'konbini') return notFoundPage(ctx, 'konbini payment');
  const { source } = payment;
  const store = source.konbini.store;
  const names = KOMOJU_KONBINI_STORE_NAMES[store];
  const session = payment.sessionId ? ctx.state.sessions.get(payment.sessionId) : undefined;
  const back = session ? sessionReturnUrl(session) : null;
  const total = payment.amount + payment.tax + payment.fee;
  return page(
    ctx,
    200,
    `How to pay at ${names.en}`,
    html`<h1>How to pay at ${names.en} <span lang="ja">(${names.ja})</span></h1>
<p class="status" role="status">${STATUS_TEXT[payment.status]}</p>
<dl>
<dt>Payment number <span lang="ja">(お支払い番号)</span></dt><dd>${source.receipt}</dd>
${source.confirmationCode ? html`<dt>Confirmation code <span lang="ja">(確認番号)</span></dt><dd>${source.confirmationCode}</dd>` : ''}
<dt>Amount <span lang="ja">(お支払い金額)</span></dt><dd>${formatAmount(total, payment.currency)}</dd>
<dt>Pay by <span lang="ja">(お支払い期限)</span></dt><dd>${payment.deadline ? html`${formatJst(payment.deadline, 'en')} <span lang="ja">(${formatJst(payment.deadline, 'ja')})</span>` : '—'}</dd>
<dt>Email</dt><dd>${source.konbini.email}</dd>
</dl>
${payment.status === 'authorized' ? konbiniActionsForm() : ''}
${back ? html`<p><a href="${back}">Return to ${new URL(back).host}</a></p>` : ''}`,
  );
}

export async function submitInstructions(ctx: KomojuContext, id: string, request: Request): Promise<Response> {
  if (!fromOwnPage(ctx, request)) return forbiddenPage(ctx);
  const action = konbiniAction(await readForm(request));
  const payment = findKonbiniPayment(ctx, id);
  if (!payment) return notFoundPage(ctx, 'konbini payment');
  if (!action) {
    return page(ctx, 400, 'Bad request', html`<h1>Choose an action</h1><p>Use one of the two buttons.</p>`);
  }
  if (payment.status === 'authorized') {
    payment.status = action === 'paid' ? 'captured' : 'expired';
    if (action === 'paid') payment.capturedAt = ctx.now;
    payment.updatedAt = ctx.now;
    ctx.paymentChanged(payment);
  }
  return seeOther(ctx.urls.instructions(id));
}
