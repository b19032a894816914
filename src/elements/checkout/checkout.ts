import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
// Each decorator from its own module: the barrel would bring every decorator any chunk uses into kessai.js.
import { property } from 'lit/decorators/property.js';
import { state } from 'lit/decorators/state.js';
import { SURFACE_FIELDS, SURFACE_SLOT_PREFIX } from '../../core/card-surface.ts';
import type { PaymentError } from '../../core/errors.ts';
import { translate } from '../../core/i18n/translate.ts';
import type { Locale } from '../../core/locale.ts';
import type { NextAction } from '../../core/outcome.ts';
import type { PaymentInput } from '../../core/payment-input.ts';
import { METHODS, type Mode, type PaymentMethod } from '../../core/names.ts';
import type { ClientSession } from '../../core/protocol.ts';
import { formatAmount } from '../../core/konbini/amount.ts';
import { originOf } from '../../core/safe-url.ts';
import type { CheckoutConfig, CheckoutDeps } from '../../flow/checkout-controller.ts';
import { INITIAL_STATE, canSubmit, type FlowState } from '../../flow/state.ts';
import '../card-fields/card-fields.ts';
import type { KessaiChallenge } from '../challenge/challenge.ts';
import type { KessaiCardFields } from '../card-fields/card-fields.ts';
import type { KessaiKonbiniFields } from '../konbini-fields/konbini-fields.ts';
import type { KessaiSavedCards } from '../saved-cards/saved-cards.ts';
import { define } from '../shared/define.ts';
import { isUpgraded, loadElement, type LazyTag } from '../shared/lazy-elements.ts';
import { PageLocaleController } from '../shared/page-locale.ts';
import { themeStyles } from '../shared/theme.styles.ts';
import { emitError } from './checkout-error.ts';
import { CHECKOUT_MESSAGES, type CheckoutMessageKey } from './checkout-messages.ts';
import { checkoutStyles } from './checkout.styles.ts';
import type { ResultHost } from './checkout-results.ts';
import { FlowLoader } from './flow-loader.ts';
import { loadFlow, type FlowModule } from './load-flow.ts';
import { LazyParts } from './lazy-parts.ts';
import { METHOD_VIEWS } from './payment-methods.ts';

type CardField = 'number' | 'expiry' | 'cvc' | 'name';

/** Provider failures that are about one card field: shown under that field. */
const FIELD_OF_REASON: Readonly<Partial<Record<PaymentError['reason'], CardField>>> = {
  incorrect_number: 'number',
  incorrect_cvc: 'cvc',
  incorrect_expiry: 'expiry',
  expired_card: 'expiry',
};
const CARD_FIELD_NAMES: readonly string[] = ['number', 'expiry', 'cvc', 'name'];

const methodsConverter = {
  fromAttribute(value: string | null): PaymentMethod[] | undefined {
    if (value === null) return undefined;
    const words = value.split(/[\s,]+/).filter(Boolean);
    return METHODS.filter((method) => words.includes(method));
  },
  toAttribute(value: readonly PaymentMethod[] | undefined): string | null {
    return value === undefined ? null : value.join(' ');
  },
};

/**
 * The all-in-one checkout: starts a session at the merchant's `endpoint`, shows the methods the session
 * allows as tabs, collects card or konbini details, pays, follows 3-D Secure by a redirect, shows the
 * konbini slip, and finishes the payment when the shopper comes back from their bank.
 *
 * Card data goes from the card fields straight to the payment provider: never to the endpoint, never
 * into an event, an attribute, the URL or storage.
 *
 * With `challenge="iframe"` the 3-D Secure page opens in a modal frame (`<kessai-challenge>`) and the
 * payment finishes without leaving the page; the page must then allow being framed by itself.
 *
 * @summary Card and konbini checkout against the merchant's endpoint, with 3-D Secure and the konbini slip.
 * @tag kessai-checkout
 *
 * @event kessai-ready - A session was loaded and the form is shown. Detail: `{ methods, amount, currency, fees? }`
 *   (`fees`: what a method adds on top, where the provider tells it before paying).
 * @event kessai-change - The shopper edited a field (from the card or konbini fields, one per edit).
 *   Detail: `{ method, complete, empty, brand?, total }`; `total` is `{ amount, currency, fee? }`, what
 *   the shopper pays with that method, its fee included (`fee`, where the provider tells it).
 * @event kessai-submit - A payment request is being sent. Detail: `{ method }`.
 * @event kessai-redirect - The shopper is about to be sent to 3-D Secure. Cancelable: `preventDefault()`
 *   stops the element's navigation so the page can redirect itself. Detail: `{ url, method }`.
 * @event kessai-success - The payment (or the saved card, in setup mode) succeeded.
 *   Detail: `{ method, paymentId?, paymentMethodId?, brand?, last4? }` (`paymentMethodId`: setup mode).
 * @event kessai-pending - Konbini: the slip was issued, the shopper pays at the store. Detail: `{ method, slip }`.
 * @event kessai-error - Something failed. Detail: `{ code, message, retryable }`; `message` is localized.
 *
 * @csspart base - The wrapper of everything.
 * @csspart tabs - The list of payment method tabs.
 * @csspart tab - Each method tab (also `tab-card`, `tab-konbini`; `tab-selected` on the chosen one).
 * @csspart panel - The panel of a method's fields.
 * @csspart button - Every button (Pay, Try again, Start over).
 * @csspart pay-button - The Pay button.
 * @csspart retry-button - The Try again / Start over button.
 * @csspart spinner - The busy indicator inside the Pay button.
 * @csspart error - The error banner (role="alert").
 * @csspart success - The success panel.
 * @csspart pending - The konbini panel with the slip.
 * @csspart status - The status line while loading, confirming or redirecting.
 * @csspart skeleton - The placeholder shown while the session loads.
 *
 * @cssproperty --kessai-checkout-gap - Space between the parts of the checkout (default `--kessai-spacing`).
 * @cssproperty --kessai-color-primary - Pay button and the selected tab.
 * @cssproperty --kessai-color-on-primary - Text on the Pay button.
 * @cssproperty --kessai-color-text - Text.
 * @cssproperty --kessai-color-text-muted - Status lines and unselected tabs.
 * @cssproperty --kessai-color-background - Background of banners.
 * @cssproperty --kessai-color-surface - Result panels and the loading placeholder.
 * @cssproperty --kessai-color-border - Tab rule and placeholder shimmer.
 * @cssproperty --kessai-color-danger - Error banner.
 * @cssproperty --kessai-color-success - Success title.
 * @cssproperty --kessai-color-focus - Focus ring.
 * @cssproperty --kessai-radius - Corner radius.
 * @cssproperty --kessai-spacing - Base spacing.
 * @cssproperty --kessai-font-family - Font.
 * @cssproperty --kessai-font-size - Base font size.
 */
export class KessaiCheckout extends LitElement {
  static override styles = [themeStyles, checkoutStyles];

  /** URL of the merchant endpoint (protocol v1). Required. */
  @property() endpoint = '';

  /** `payment` takes money now (the default); `setup` saves a card for later. */
  @property() mode: Mode = 'payment';

  /** `ja` or `en`. When unset: the page's `lang`, then the browser's languages, then Japanese. */
  @property() locale?: Locale;

  /** How 3-D Secure is shown: `redirect` (the default, the whole page) or `iframe` (a modal frame). */
  @property() challenge: 'redirect' | 'iframe' = 'redirect';

  /** Which methods to offer, space-separated (`card konbini`); unset: all the session allows. */
  @property({ converter: methodsConverter }) methods?: PaymentMethod[];

  /** Any JSON object the merchant wants posted to its endpoint with every request (a cart id). */
  @property({ attribute: false }) context?: Record<string, unknown>;

  @state() private _method: PaymentMethod = 'card';
  /** A provider error shown under a card field instead of in the banner. */
  @state() private _fieldError = false;
  /** The shopper moved to another method since the last failure: its banner is out of place. */
  @state() private _bannerHidden = false;

  // Looked up, not `@query`-decorated: the decorator's code would be in kessai.js for these alone.
  private get _cardFields(): KessaiCardFields | null {
    return this.renderRoot.querySelector('kessai-card-fields');
  }
  private get _konbiniFields(): KessaiKonbiniFields | null {
    return this.renderRoot.querySelector('kessai-konbini-fields');
  }

  private readonly _parts = new LazyParts(this);
  private readonly _pageLocale = new PageLocaleController(this);

  private readonly _flowConfig: CheckoutConfig = {
    endpoint: () => this.endpoint,
    mode: () => (this.mode === 'setup' ? 'setup' : 'payment'),
    methods: () => this.methods,
    locale: () => this._locale(),
    context: () => this.context,
    challenge: () => this._challengeMode(),
    // A provider's iframes need the page's light DOM: not there when a shadow root holds this element.
    canHostCardSurface: () => this.getRootNode() instanceof Document,
  };

  /** What the views of a payment under way (`checkout-results.ts`) use of this element. */
  private readonly _resultHost: ResultHost = {
    challenge: () => this._challengeMode(),
    locale: () => this._locale(),
    trustedOrigins: (session) => this._trustedOrigins(session),
    renderFailure: (message, action) => this._renderFailure(message, action),
    renderPartFailure: (tag) => this._renderPartFailure(tag),
    target: this,
    focusResult: () => this._focusResult(),
    ready: (session) => this._onReady(session),
    failed: (error, message) => this._onFailed(error, message),
    runChallenge: (action, signal) => this._runChallenge(action, signal),
  };

  private readonly _loader = new FlowLoader(this, {
    load: () => this.loadFlowModule(),
    create: ({ flow, results }, deps) =>
      new flow.CheckoutController(this, this._flowConfig, results.resultHooks(this._resultHost), {
        ...deps,
        ...this.flowDeps(),
      }),
    earlyStart: () => ({
      endpoint: this.endpoint,
      mode: this._flowConfig.mode(),
      methods: this.methods,
      locale: this._locale(),
      context: this.context,
    }),
    failed: () => emitError(this, 'network', this._t('load_failed'), true),
  });

  /** What the flow started with; a change of any of these starts over with a new session. */
  private _flowKey = '';

  constructor() {
    super();
    this._loader.load();
  }

  /** The flow's state (`idle`, `loading`, `ready`, `submitting`, …, `succeeded`, `failed`). Read-only. */
  get status(): FlowState['status'] {
    return this._state().status;
  }

  /**
   * Pays with what the shopper entered, as pressing Pay does. Does nothing while a payment is in flight
   * or when a field is invalid (the errors are then shown and the first invalid field is focused).
   */
  submit(): void {
    const flow = this._loader.flow;
    if (flow === undefined || !canSubmit(flow.state)) return;
    const input = this._collect();
    if (input === null) return;
    this._fieldError = false;
    flow.submit(input);
  }

  /** Clears every field and starts over with a new session. */
  reset(): void {
    this._cardFields?.clear();
    if (isUpgraded(this._konbiniFields)) this._konbiniFields.clear();
    this._fieldError = false;
    this._parts.clear();
    if (this._loader.failed) this._loader.load();
    this._loader.flow?.restart();
  }

  /**
   * Dependencies of the flow. The defaults use the real window, `fetch`, `sessionStorage` and adapters;
   * a subclass may replace them (tests).
   * @internal
   */
  protected flowDeps(): Partial<CheckoutDeps> {
    return {};
  }

  /**
   * Loads the module of the payment flow (a chunk of its own in the script-tag build); a subclass may
   * replace it (tests of a failed load).
   * @internal
   */
  protected loadFlowModule(): Promise<FlowModule> {
    return loadFlow();
  }

  override connectedCallback(): void {
    this._flowKey = this._currentKey();
    super.connectedCallback();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const context: unknown = this.context;
    if (changed.has('context') && context != null && (typeof context !== 'object' || Array.isArray(context))) {
      console.warn('<kessai-checkout>: `context` must be a JSON object; it is not posted to the endpoint.');
    }
    const key = this._currentKey();
    if (this.isConnected && key !== this._flowKey) {
      this._flowKey = key;
      this._fieldError = false;
      this._loader.flow?.restart();
    }
    const session = this._session();
    if (session && !session.methods.includes(this._method)) this._method = session.methods[0] ?? 'card';
    for (const tag of this._partsFor(this._state())) this._parts.load(tag);
  }

  protected override render(): TemplateResult {
    const state = this._state();
    const failed = this._loader.failed;
    const busy = !failed && (state.status === 'idle' || state.status === 'loading');
    return html`<div class="checkout" part="base" lang=${this._locale()} aria-busy=${busy ? 'true' : 'false'}>
      ${failed ? this._renderFailure(this._t('load_failed'), 'retry') : this._renderState(state)}
    </div>`;
  }

  private _renderState(state: FlowState): TemplateResult | typeof nothing {
    switch (state.status) {
      case 'idle':
      case 'loading':
        return this._renderSkeleton();
      case 'ready':
        return this._renderForm(state.session, false, null);
      case 'failed':
        return state.session !== undefined
          ? this._renderForm(state.session, false, state.error)
          : this._renderFailure(this._failureText(state.error), state.error.retryable ? 'retry' : 'start_over');
      default:
        // A payment under way or done: its views came with the flow.
        return (
          this._loader.results?.resultView(this._resultHost, state) ??
          (state.status === 'submitting' ? this._renderForm(state.session, true, null) : nothing)
        );
    }
  }

  private _renderSkeleton(): TemplateResult {
    return html`<div class="skeleton" part="skeleton" role="status">
      <span class="visually-hidden">${this._t('loading')}</span>
      <div class="bone short" aria-hidden="true"></div>
      <div class="bone" aria-hidden="true"></div>
      <div class="bone" aria-hidden="true"></div>
      <div class="bone" aria-hidden="true"></div>
    </div>`;
  }

  /** One method's fields, in a tabpanel labelled by its tab when the session offers a choice. */
  private _panel(method: PaymentMethod, tabbed: boolean, session: ClientSession, busy: boolean): TemplateResult {
    return html`<div
      class="panel"
      part="panel"
      id=${`panel-${method}`}
      role=${tabbed ? 'tabpanel' : nothing}
      aria-labelledby=${tabbed ? `tab-${method}` : nothing}
      ?hidden=${this._method !== method}
    >
      ${method === 'card' ? this._cardPanel(session, busy) : this._konbiniPanel(session, busy)}
      ${this._renderPartFailure(METHOD_VIEWS[method].lazy)}
    </div>`;
  }

  /** Our card inputs, or the provider's own card form (its mount nodes are this element's light DOM). */
  private _cardPanel(session: ClientSession, busy: boolean): TemplateResult {
    const surface = this._loader.flow?.cardSurface;
    // A returning shopper's saved cards first (the list reads them from the session); a provider that
    // takes new cards on its own page has no fields.
    // Without saved cards, the list is only "Save this card" (`canSaveCard`), under the card fields.
    const cards = !!session.savedCards?.length;
    const decides = cards || session.cardEntry === 'hosted';
    const list = decides || session.canSaveCard
      ? (this._parts.load('kessai-saved-cards'),
        html`<kessai-saved-cards locale=${this._locale()} ?disabled=${busy} .session=${session} @kessai-change=${() => this.requestUpdate()}></kessai-saved-cards>`)
      : nothing;
    // Until the list is loaded it decides nothing: no card fields under a saved card the shopper may pay with.
    if (decides && this._savedCards()?.fields !== true) return html`${list}`;
    return html`${cards ? list : nothing}<kessai-card-fields
      locale=${this._locale()}
      ?disabled=${busy}
      .total=${{ amount: session.amount + (session.fees?.card ?? 0), currency: session.currency, ...(session.fees?.card ? { fee: session.fees.card } : {}) }}
      .brands=${session.cardBrands}
      .surface=${surface}
      .surfaceHost=${this}
      >${surface
        ? SURFACE_FIELDS.map(
            (field) => html`<slot name=${SURFACE_SLOT_PREFIX + field} slot=${SURFACE_SLOT_PREFIX + field}></slot>`,
          )
        : nothing}</kessai-card-fields
    >${cards ? nothing : list}`;
  }

  private _konbiniPanel(session: ClientSession, busy: boolean): TemplateResult {
    return html`<kessai-konbini-fields
      locale=${this._locale()}
      ?disabled=${busy}
      .stores=${session.konbiniStores}
      email=${session.konbiniFields?.email ?? 'required'}
      phone=${session.konbiniFields?.phone ?? 'optional'}
      .fee=${session.fees?.konbini}
      .amount=${session.amount}
      currency=${session.currency}
    ></kessai-konbini-fields>`;
  }

  /** Tabs (when there is a choice), each method's panel, the error banner and the Pay button. */
  private _renderForm(session: ClientSession, busy: boolean, error: PaymentError | null): TemplateResult {
    const methods = session.methods;
    const tabbed = methods.length > 1;
    const bannerText = error !== null && !this._fieldError && !this._bannerHidden ? this._failureText(error) : '';
    return html`
      ${tabbed
        ? // The tabs come with the flow's chunk (checkout-results.ts): a session, and so a choice, needs it.
          this._loader.results?.renderTabs({
            methods,
            selected: this._method,
            label: this._t('payment_methods'),
            text: (method) => this._t(METHOD_VIEWS[method].label),
            select: (method, focusTab) => void this._select(method, focusTab),
          })
        : nothing}
      <div class="panels" @keydown=${this._onFieldKeydown}>
        ${methods.map((method) => this._panel(method, tabbed, session, busy))}
      </div>
      <div class="error-banner" part="error" role="alert">${bannerText}</div>
      <button
        class="button"
        part="button pay-button"
        type="button"
        ?disabled=${busy}
        aria-busy=${busy ? 'true' : 'false'}
        @click=${this._onPay}
      >
        ${busy
          ? html`<span class="spinner" part="spinner" aria-hidden="true"></span>${this._t('busy')}`
          : this._payLabel(session)}
      </button>
    `;
  }

  private _renderFailure(message: string, action: 'retry' | 'start_over'): TemplateResult {
    return html`<div class="error-banner result" part="error" role="alert" tabindex="-1">${message}</div>
      <button class="button secondary" part="button retry-button" type="button" @click=${this._onRetry}>
        ${this._t(action)}
      </button>`;
  }

  /** In place of a lazy element whose chunk could not be loaded, with a button to load it again. */
  private _renderPartFailure(tag: LazyTag | undefined): TemplateResult | typeof nothing {
    if (tag === undefined || !this._parts.failed(tag)) return nothing;
    return html`<div class="error-banner" part="error" role="alert">${this._t('load_failed')}</div>
      <button class="button secondary" part="button retry-button" type="button" @click=${() => this._parts.retry(tag)}>
        ${this._t('retry')}
      </button>`;
  }

  // ---- behaviour -------------------------------------------------------------------------------------

  /** The `challenge` attribute, anything but `iframe` meaning `redirect`. */
  private _challengeMode(): 'redirect' | 'iframe' {
    return this.challenge === 'iframe' ? 'iframe' : 'redirect';
  }

  private _locale(): Locale {
    return this._pageLocale.locale;
  }

  private _t(key: CheckoutMessageKey, params?: Record<string, string>): string {
    return translate(CHECKOUT_MESSAGES, this._locale(), key, params);
  }

  private _failureText(error: PaymentError): string {
    return this._loader.flow?.messageFor(error) ?? '';
  }

  /** The flow's state; `idle` until its chunk has loaded. */
  private _state(): FlowState {
    return this._loader.flow?.state ?? INITIAL_STATE;
  }

  private _session(): ClientSession | undefined {
    const state = this._state();
    return 'session' in state ? state.session : undefined;
  }

  /** The lazy elements `state` shows. */
  private _partsFor(state: FlowState): LazyTag[] {
    switch (state.status) {
      case 'ready':
      case 'submitting':
      case 'failed':
        return (state.session?.methods ?? []).flatMap((method) => METHOD_VIEWS[method].lazy ?? []);
      case 'requires_action':
        return this._challengeMode() === 'iframe' ? ['kessai-challenge'] : [];
      case 'awaiting_payment':
        return ['kessai-konbini-slip'];
      default:
        return [];
    }
  }

  private _currentKey(): string {
    return JSON.stringify([this.endpoint, this.mode, this.methods ?? null]);
  }

  private _payLabel(session: ClientSession): string {
    if (session.mode === 'setup') return this._t('save_card');
    // The total of the chosen method, its fee included (KOMOJU's konbini fee).
    return this._t('pay', { amount: formatAmount(session.amount + (session.fees?.[this._method] ?? 0), session.currency, this._locale()) });
  }

  private _trustedOrigins(session: ClientSession): string[] {
    const origin = originOf(session.apiBase);
    return origin !== null && origin.startsWith('http:') ? [origin] : [];
  }

  private _savedCards(): KessaiSavedCards | null {
    const list = this.renderRoot.querySelector('kessai-saved-cards');
    return isUpgraded(list) ? list : null;
  }

  private _collect(): PaymentInput | null {
    if (this._method === 'konbini') {
      // Not upgraded yet: its chunk is still loading, and it has shown the shopper nothing to fill in.
      const konbini = isUpgraded(this._konbiniFields) ? this._konbiniFields.collect() : null;
      return konbini === null ? null : { method: 'konbini', konbini };
    }
    const list = this._savedCards();
    if (list && !list.fields) return list.choice();
    const collected = this._cardFields?.collectPayment() ?? null;
    if (collected === null) return null;
    const save = list?.saveCard;
    return 'card' in collected ? { method: 'card', card: collected.card, save } : { method: 'card', surface: collected.surface, save };
  }

  private _onPay = (): void => {
    this.submit();
  };

  private _onRetry = (): void => {
    this._fieldError = false;
    if (this._loader.failed) {
      this._loader.load();
      return;
    }
    this._loader.flow?.retry();
  };

  /** Enter in a field pays, as it would in a form (not while an IME is composing Japanese text). */
  private _onFieldKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Enter' || event.isComposing || event.keyCode === 229) return;
    if (!(event.composedPath()[0] instanceof HTMLInputElement)) return;
    event.preventDefault();
    this.submit();
  };

  private async _select(method: PaymentMethod, focusTab: boolean): Promise<void> {
    if (method !== this._method) this._bannerHidden = true;
    this._method = method;
    await this.updateComplete;
    if (focusTab) this.renderRoot.querySelector<HTMLElement>(`#tab-${method}`)?.focus();
  }

  private async _runChallenge(action: NextAction, signal: AbortSignal): Promise<string | null> {
    await loadElement('kessai-challenge');
    await this.updateComplete;
    const challenge = this.renderRoot.querySelector<KessaiChallenge>('kessai-challenge');
    return challenge ? challenge.run(action, signal) : null;
  }

  private _onReady(session: ClientSession): void {
    if (!session.methods.includes(this._method)) this._method = session.methods[0] ?? 'card';
  }

  private _onFailed(error: PaymentError, message: string): void {
    this._bannerHidden = false;
    const state = this._state();
    const field = this._cardFieldOf(error);
    if (state.status === 'failed' && state.session !== undefined && field !== null && this._method === 'card') {
      this._fieldError = true;
      void this.updateComplete.then(() => this._cardFields?.setFieldError(field, message));
      return;
    }
    this._fieldError = false;
    if (state.status === 'failed' && state.session === undefined) this._focusResult();
  }

  private _cardFieldOf(error: PaymentError): CardField | null {
    if (error.field !== undefined && CARD_FIELD_NAMES.includes(error.field)) return error.field as CardField;
    return FIELD_OF_REASON[error.reason] ?? null;
  }

  /** The content was replaced under the shopper's focus: move it to the news. */
  private _focusResult(): void {
    void this.updateComplete.then(() => {
      this.renderRoot.querySelector<HTMLElement>('.result')?.focus();
    });
  }
}

/** `¥1,980` in English, `￥1,980` in Japanese (one formatter for the button, the konbini panel and the slip). */
export { formatAmount };

define('kessai-checkout', KessaiCheckout);

declare global {
  interface HTMLElementTagNameMap {
    'kessai-checkout': KessaiCheckout;
  }
}
