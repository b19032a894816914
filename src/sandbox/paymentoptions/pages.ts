import { CHALLENGE_TITLE, cardLabel, challengeBody, challengeResult } from '../shared/challenge-page.ts';
import { html, htmlHeaders, postedFromOrigin, readForm, renderPage, seeOther, type SafeHtml } from '../shared/html.ts';
import { originOfUrl } from '../shared/http.ts';
import { formatMoney } from '../shared/money.ts';
import type { PaymentOptionsContext } from './context.ts';
import { PaymentOptionsApiError } from './errors.ts';
import { amountOf, answerChallenge, cardOf, returnTarget, runTransaction } from './payments.ts';
import type { LinkRecord } from './state.ts';

/**
 * The emulator's pages, on the sandbox's origin, standing in for PaymentOptions' checkout host
 * (`https://checkout-dev.paymentoptions.com`):
 *
 * - the hosted payment page, at the documented link's path shape `/jp/HostedPaymentPage/{slug}`: a card
 *   form (number, expiry, security code, name; the amount when the link has none), a "Save this card"
 *   box (ticked when the link asked `payment_method.store_payment_method`), "Pay" and "Cancel";
 * - the 3-D Secure page, at `/integration/3ds?_token=…` as the documented `paymentv2` answer's `url`:
 *   the shared challenge page ("Complete authentication" / "Fail authentication").
 *
 * Plain HTML forms, no script. Whether they may be framed is `frameable` (PaymentOptions does not say).
 */

const PROVIDER = 'PaymentOptions';

function page(ctx: PaymentOptionsContext, status: number, title: string, body: SafeHtml, formTargets: readonly (string | null)[] = []): Response {
  const formAction = ["'self'", ...new Set(formTargets.filter((o): o is string => o !== null))].join(' ');
  const headers = htmlHeaders([
    "default-src 'none'",
    "style-src 'self'",
    "img-src 'self' data:",
    `form-action ${formAction}`,
    "base-uri 'none'",
    "script-src 'none'",
    `frame-ancestors ${ctx.options.frameable ? '*' : "'none'"}`,
  ]);
  if (!ctx.options.frameable) headers['X-Frame-Options'] = 'DENY';
  return new Response(renderPage({ title: `${title} — ${PROVIDER} sandbox`, lang: 'en', stylesheet: ctx.urls.stylesheet, body }), { status, headers });
}

const notFoundPage = (ctx: PaymentOptionsContext, what: string): Response =>
  page(ctx, 404, 'Not found', html`<h1>Not found</h1><p>There is no such ${what} in this sandbox. It may have been reset.</p>`);
const forbiddenPage = (ctx: PaymentOptionsContext): Response =>
  page(ctx, 403, 'Forbidden', html`<h1>Forbidden</h1><p>This form can only be sent from its own page.</p>`);

const targets = (link: LinkRecord) => [originOfUrl(link.returnUrl.success_url), originOfUrl(link.returnUrl.decline_url), originOfUrl(link.returnUrl.cancel_url)];

// ---- Hosted payment page ----------------------------------------------------------------------

export const HPP_TITLE = 'Card payment';

function linkPage(ctx: PaymentOptionsContext, link: LinkRecord, status = 200, error: string | null = null): Response {
  const amount = link.amount === null ? null : formatMoney(link.amount, link.currency, 'en');
  if (link.status !== 'ACTIVE') {
    return page(ctx, 200, HPP_TITLE, html`<h1>${HPP_TITLE}</h1>
<p class="status" role="status">This payment link is no longer open (${link.status.toLowerCase()}).</p>
<dl><dt>Merchant</dt><dd>${ctx.options.legalName}</dd><dt>Reference</dt><dd>${link.merchantTxnRef}</dd></dl>`);
  }
  const body = html`<h1>${HPP_TITLE}</h1>
<p class="note">This page stands in for PaymentOptions' hosted payment page. Use the sandbox's test cards; no real card is charged.</p>
<dl>
<dt>Merchant</dt><dd>${ctx.options.legalName}</dd>
<dt>Reference</dt><dd>${link.merchantTxnRef}</dd>
${amount ? html`<dt>Amount</dt><dd>${amount}</dd>` : ''}
</dl>
${error ? html`<p class="status" role="alert">${error}</p>` : ''}
<form method="post">
${amount ? '' : html`<p><label>Amount (${link.currency})<br><input name="amount" inputmode="decimal" required></label></p>`}
<p><label>Card number<br><input name="card_number" inputmode="numeric" autocomplete="cc-number" required></label></p>
<p><label>Expiry (MM / YY)<br><input name="card_expiry" autocomplete="cc-exp" placeholder="MM / YY" required></label></p>
<p><label>Security code<br><input name="card_cvc" inputmode="numeric" autocomplete="cc-csc" required></label></p>
<p><label>Name on card<br><input name="card_name" autocomplete="cc-name" required></label></p>
<p><label><input type="checkbox" name="save_card" value="1"${link.storePaymentMethod ? html` checked` : ''}> Save this card</label></p>
<div class="actions">
<button type="submit" class="primary" name="action" value="pay">${amount ? `Pay ${amount}` : 'Pay'}</button>
<button type="submit" name="action" value="cancel" formnovalidate>Cancel</button>
</div>
</form>`;
  return page(ctx, status, HPP_TITLE, body, targets(link));
}

export function renderHostedPage(ctx: PaymentOptionsContext, slug: string): Response {
  const link = ctx.state.linksBySlug.get(slug);
  return link ? linkPage(ctx, link) : notFoundPage(ctx, 'payment link');
}

/** `MM/YY`, `MM / YY`, `MMYY`, `MM/YYYY` → month and year strings, or null. */
function expiryOf(raw: string): { month: string; year: string } | null {
  const match = /^\s*(\d{1,2})\s*\/?\s*(\d{2}|\d{4})\s*$/.exec(raw);
  return match ? { month: match[1] as string, year: match[2] as string } : null;
}

export async function submitHostedPage(ctx: PaymentOptionsContext, slug: string, request: Request): Promise<Response> {
  if (!postedFromOrigin(request, ctx.urls.origin)) return forbiddenPage(ctx);
  const form = await readForm(request);
  const link = ctx.state.linksBySlug.get(slug);
  if (!link) return notFoundPage(ctx, 'payment link');
  if (link.status !== 'ACTIVE') return linkPage(ctx, link);
  const action = form.get('action');
  if (action === 'cancel') {
    link.status = 'CANCELLED';
    return seeOther(returnTarget(ctx, link.returnUrl, 'cancelled', null, link.merchantTxnRef));
  }
  if (action !== 'pay') return linkPage(ctx, link, 400, 'Use one of the buttons.');
  let amount = link.amount;
  let card;
  try {
    if (amount === null) amount = amountOf(form.get('amount') ?? '', 'The amount');
    const expiry = expiryOf(form.get('card_expiry') ?? '');
    if (!expiry) return linkPage(ctx, link, 400, 'Enter the expiry as MM / YY.');
    card = cardOf({ number: form.get('card_number') ?? '', expiry_month: expiry.month, expiry_year: expiry.year, cvc: form.get('card_cvc') ?? '', name: form.get('card_name') ?? '' });
  } catch (error) {
    if (error instanceof PaymentOptionsApiError) return linkPage(ctx, link, 400, error.body.message);
    throw error;
  }
  const tx = runTransaction(
    ctx,
    {
      source: 'hpp',
      amount,
      currency: link.currency,
      merchantTxnRef: link.merchantTxnRef,
      customerIp: null,
      returnUrl: link.returnUrl,
      billing: link.billing,
      shipping: link.shipping,
      browserInfo: null,
      card,
      storedPaymentMethodId: null,
      storeCard: form.get('save_card') === '1',
      linkId: link.id,
    },
    true,
  );
  link.transactionId = tx.id;
  if (tx.status === 'pending_3ds') return seeOther(ctx.urls.challenge(tx.challengeId as string));
  ctx.notify(tx);
  return seeOther(returnTarget(ctx, link.returnUrl, tx.status === 'success' ? 'success' : 'declined', tx, link.merchantTxnRef));
}

// ---- 3-D Secure page --------------------------------------------------------------------------

function challengeOf(ctx: PaymentOptionsContext, request: Request) {
  const token = new URL(request.url).searchParams.get('_token') ?? '';
  const id = ctx.state.challenges.get(token);
  const tx = id ? ctx.state.transactions.get(id) : undefined;
  return tx ? { token, tx } : null;
}

function challengePage(ctx: PaymentOptionsContext, token: string, tx: NonNullable<ReturnType<typeof challengeOf>>['tx']): Response {
  const waiting = tx.status === 'pending_3ds';
  const body = challengeBody({
    amount: formatMoney(tx.amount, tx.currency, 'en'),
    card: cardLabel(tx.card.network ?? '', tx.card.number.slice(-4)),
    returnsTo: waiting ? tx.returnUrl.success_url : tx.status === 'success' ? tx.returnUrl.success_url : tx.returnUrl.decline_url,
    waiting,
    back: waiting ? null : tx.status === 'success' ? tx.returnUrl.success_url : tx.returnUrl.decline_url,
    action: `${ctx.options.basePath}/integration/3ds?_token=${encodeURIComponent(token)}`,
    note: 'After either button the shopper goes to the merchant’s success_url or decline_url, and the result is posted to its webhook_url.',
  });
  return page(ctx, 200, CHALLENGE_TITLE, body, waiting ? [originOfUrl(tx.returnUrl.success_url), originOfUrl(tx.returnUrl.decline_url)] : []);
}

export function renderChallenge(ctx: PaymentOptionsContext, request: Request): Response {
  const found = challengeOf(ctx, request);
  return found ? challengePage(ctx, found.token, found.tx) : notFoundPage(ctx, '3-D Secure authentication');
}

export async function submitChallenge(ctx: PaymentOptionsContext, request: Request): Promise<Response> {
  if (!postedFromOrigin(request, ctx.urls.origin)) return forbiddenPage(ctx);
  const result = challengeResult(await readForm(request));
  const found = challengeOf(ctx, request);
  if (!found) return notFoundPage(ctx, '3-D Secure authentication');
  if (!result) return page(ctx, 400, 'Bad request', html`<h1>Bad request</h1><p>Use one of the two buttons.</p>`);
  if (found.tx.status !== 'pending_3ds') return challengePage(ctx, found.token, found.tx);
  return seeOther(answerChallenge(ctx, found.tx, result));
}

export { notFoundPage };
