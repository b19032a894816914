import { html, nothing, type TemplateResult } from 'lit';
import { CARD_BRANDS, brandLabel, type CardBrand } from '../../core/card/brand.ts';
import type { PaymentError } from '../../core/errors.ts';
import { translate } from '../../core/i18n/translate.ts';
import type { Locale } from '../../core/locale.ts';
import type { NextAction } from '../../core/outcome.ts';
import type { ClientSession } from '../../core/protocol.ts';
import type { CheckoutHooks } from '../../flow/checkout-controller.ts';
import type { FlowState } from '../../flow/state.ts';
import type { LazyTag } from '../shared/lazy-elements.ts';
import { CheckoutEvents } from './checkout-events.ts';
import { RESULT_MESSAGES, type ResultMessageKey } from './result-messages.ts';

/**
 * What `<kessai-checkout>` shows and tells the page once a payment is under way: the status lines
 * (confirming, redirecting, processing), the framed challenge, the konbini slip, success and
 * cancellation, and the flow's hooks that turn into `kessai-*` events. Loaded with the flow, since none
 * of it can happen before the flow is there; the form itself stays in `checkout.ts`.
 */

/** What the results need from the checkout they are shown in. */
/** The method tabs, drawn only once a session offers a choice, which takes the flow: they load with it. */
export { renderTabs } from './method-tabs.ts';

export interface ResultHost {
  /** How 3-D Secure is shown (the `challenge` attribute). */
  challenge(): 'redirect' | 'iframe';
  locale(): Locale;
  trustedOrigins(session: ClientSession): string[];
  renderFailure(message: string, action: 'retry' | 'start_over'): TemplateResult;
  renderPartFailure(tag: LazyTag): TemplateResult | typeof nothing;
  /** Where the `kessai-*` events are dispatched (the checkout). */
  readonly target: EventTarget;
  /** Moves focus to the news that replaced the form. */
  focusResult(): void;
  /** A session is loaded (before `kessai-ready` is dispatched). */
  ready(session: ClientSession): void;
  /** A failure to show (after `kessai-error` is dispatched). */
  failed(error: PaymentError, message: string): void;
  runChallenge(action: NextAction, signal: AbortSignal): Promise<string | null>;
}

const t = (host: ResultHost, key: ResultMessageKey, params?: Record<string, string>): string =>
  translate(RESULT_MESSAGES, host.locale(), key, params);

function statusLine(host: ResultHost, key: ResultMessageKey): TemplateResult {
  return html`<div class="status-line" part="status" role="status">
    <span class="spinner" aria-hidden="true"></span>
    <span>${t(host, key)}</span>
  </div>`;
}

function success(host: ResultHost, state: Extract<FlowState, { status: 'succeeded' }>): TemplateResult {
  const brand = state.brand !== undefined && (CARD_BRANDS as readonly string[]).includes(state.brand)
    ? brandLabel(state.brand as CardBrand)
    : state.brand;
  const card = brand !== undefined && state.last4 !== undefined
    ? t(host, 'success_card', { brand, last4: state.last4 })
    : '';
  return html`<section class="result success" part="success" role="status" tabindex="-1">
    <h2>${t(host, state.session.mode === 'setup' ? 'success_setup_title' : 'success_title')}</h2>
    <p>${t(host, 'success_text')}</p>
    ${card ? html`<p>${card}</p>` : nothing}
  </section>`;
}

/** The view of a state after a submit, or null for the states the form itself shows. */
export function resultView(host: ResultHost, state: FlowState): TemplateResult | null {
  switch (state.status) {
    case 'submitting':
      return state.resumed ? statusLine(host, 'resuming') : null;
    case 'requires_action':
      return host.challenge() === 'iframe'
        ? html`${statusLine(host, 'resuming')}
            <kessai-challenge
              locale=${host.locale()}
              .trustedOrigins=${host.trustedOrigins(state.session)}
            ></kessai-challenge>`
        : statusLine(host, 'redirecting');
    case 'processing':
      return statusLine(host, 'processing');
    case 'awaiting_payment':
      return html`<section class="result pending" part="pending" tabindex="-1" aria-labelledby="pending-title">
        <h2 id="pending-title">${t(host, 'pending_title')}</h2>
        <kessai-konbini-slip
          .slip=${state.slip}
          .trustedOrigins=${host.trustedOrigins(state.session)}
          locale=${host.locale()}
        ></kessai-konbini-slip>
        ${host.renderPartFailure('kessai-konbini-slip')}
      </section>`;
    case 'succeeded':
      return success(host, state);
    case 'canceled':
      return host.renderFailure(t(host, 'canceled'), 'start_over');
    default:
      return null;
  }
}

/** The flow's hooks: each becomes one `kessai-*` event on the checkout (`checkout-events.ts`). */
export function resultHooks(host: ResultHost): CheckoutHooks {
  const events = new CheckoutEvents(host.target);
  return {
    ready: (session) => {
      host.ready(session);
      events.ready(session);
    },
    submitted: (method) => events.submitted(method),
    redirect: (detail) => events.redirect(detail),
    challenge: (action, signal) => host.runChallenge(action, signal),
    succeeded: (done) => {
      events.succeeded(done);
      host.focusResult();
    },
    pending: (slip) => {
      events.pending(slip);
      host.focusResult();
    },
    failed: (error, message) => {
      events.error(error.code, message, error.retryable);
      host.failed(error, message);
    },
    canceled: () => {
      events.error('provider', t(host, 'canceled'), true);
      host.focusResult();
    },
  };
}
