import { html, type SafeHtml } from './html.ts';

/**
 * The sandbox-only buttons of a konbini slip page, standing in for the shopper and the clock: "Mark
 * as paid" (cash paid at the register) and "Mark as expired" (the deadline passed). They post
 * `action` to the page itself.
 */
export function konbiniActionsForm(): SafeHtml {
  return html`<form method="post">
<p class="note">Sandbox only: say what the shopper did.</p>
<div class="actions">
<button type="submit" class="primary" name="action" value="paid">Mark as paid</button>
<button type="submit" name="action" value="expired">Mark as expired</button>
</div>
</form>`;
}

/** The `action` the slip's form posted, or null when it is neither button's. */
export function konbiniAction(form: URLSearchParams): 'paid' | 'expired' | null {
  const action = form.get('action');
  return action === 'paid' || action === 'expired' ? action : null;
}
