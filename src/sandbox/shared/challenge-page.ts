import { html, type SafeHtml } from './html.ts';

/**
 * The pieces of the 3-D Secure page every emulator serves in place of the card issuer's ACS: what is
 * being paid, two buttons ("Complete authentication", "Fail authentication") posting `result`, and
 * what the page says once the challenge is over. Plain HTML forms: no script, so it works under any CSP.
 */

export const CHALLENGE_TITLE = '3-D Secure authentication';

/** Brand names as providers spell them (`master` and `mastercard` alike). */
const BRAND_NAMES: Readonly<Record<string, string>> = {
  visa: 'Visa',
  master: 'Mastercard',
  mastercard: 'Mastercard',
  jcb: 'JCB',
  american_express: 'American Express',
  diners_club: 'Diners Club',
  discover: 'Discover',
};

/** `Visa ending in 4242`; `Card ending in …` for a brand not listed. */
export function cardLabel(brand: string, last4: string): string {
  return `${(Object.hasOwn(BRAND_NAMES, brand) ? BRAND_NAMES[brand] : undefined) ?? 'Card'} ending in ${last4}`;
}

/** What the challenge page shows. */
export interface ChallengeView {
  /** The amount, formatted. */
  readonly amount: string;
  /** `cardLabel(…)`, or a dash when the card is unknown. */
  readonly card: string;
  /** Where the shopper goes back to, as the merchant sent it (or a note that there is none). */
  readonly returnsTo: string;
  /** Whether the challenge still waits for an answer (else it was answered already). */
  readonly waiting: boolean;
  /** Once answered: the link back to the shop, when there is one. */
  readonly back: string | null;
  /** Where the buttons post; the page itself when absent. */
  readonly action?: string;
  /** What this test card's challenge does, in a sentence (shown while it waits). */
  readonly note?: string;
}

/** The page's body: the buttons while the challenge waits, else that it is finished. */
export function challengeBody(view: ChallengeView): SafeHtml {
  const details = html`<dl>
<dt>Amount</dt><dd>${view.amount}</dd>
<dt>Card</dt><dd>${view.card}</dd>
<dt>Returns to</dt><dd>${view.returnsTo}</dd>
</dl>`;
  return view.waiting ? challengeForm(details, view.action, view.note) : challengeFinished(details, view.back);
}

function challengeForm(details: SafeHtml, action: string | undefined, note: string | undefined): SafeHtml {
  return html`<h1>${CHALLENGE_TITLE}</h1>
<p>This page stands in for your card issuer's check. No bank is involved: choose what the issuer answers.</p>
<p lang="ja" class="note">カード発行会社の本人認証(3-Dセキュア)の代わりの画面です。結果を選んでください。</p>
${note ? html`<p class="note">${note}</p>` : ''}
${details}
${action ? html`<form method="post" action="${action}">` : html`<form method="post">`}
<div class="actions">
<button type="submit" class="primary" name="result" value="complete">Complete authentication</button>
<button type="submit" name="result" value="fail">Fail authentication</button>
</div>
</form>`;
}

function challengeFinished(details: SafeHtml, back: string | null): SafeHtml {
  return html`<h1>${CHALLENGE_TITLE}</h1>
<p class="status" role="status">This authentication is already finished.</p>
${details}
${back ? html`<p><a href="${back}">Return to the shop</a></p>` : ''}`;
}

/** After an answer, when there is nowhere to send the shopper back to. */
export function challengeAnswered(authenticated: boolean): SafeHtml {
  return html`<h1>${CHALLENGE_TITLE}</h1><p class="status" role="status">${authenticated ? 'Authentication complete.' : 'Authentication failed.'} You can close this window.</p>`;
}

/** The `result` a challenge form posted, or null when it is neither button's. */
export function challengeResult(form: URLSearchParams): 'complete' | 'fail' | null {
  const result = form.get('result');
  return result === 'complete' || result === 'fail' ? result : null;
}
