import { formatMoney } from '../../shared/money.ts';
import { html } from '../../shared/html.ts';
import { refreshCharge } from '../charge.ts';
import type { UnivapayContext } from '../context.ts';
import { page } from './common.ts';

/**
 * `<basePath>/dashboard`: the charges of the sandbox, newest first, with a link to each konbini slip
 * page (UnivaPay advertises a slip URL for 7-Eleven only; designers and tests reach the others here).
 */
export function renderDashboard(ctx: UnivapayContext): Response {
  const charges = [...ctx.state.charges.values()].reverse().slice(0, 100);
  for (const charge of charges) refreshCharge(charge, ctx.now, ctx.chargeChanged);
  return page(
    ctx,
    200,
    'Charges',
    html`<h1>Charges</h1>
${charges.length === 0
  ? html`<p>No charges yet.</p>`
  : html`<dl>${charges.map(
      (charge) => html`<dt>${charge.paymentType} · ${formatMoney(charge.amount, charge.currency, 'en')}</dt>
<dd>${charge.status}${charge.error ? ` (${charge.error.code})` : ''} · <code>${charge.id}</code>${charge.paymentType === 'konbini' ? html` · <a href="${ctx.urls.slip(charge.id)}">slip</a>` : ''}</dd>`,
    )}</dl>`}`,
  );
}
