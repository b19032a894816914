import { LitElement, html, nothing } from 'lit';
import type { PropertyValues } from 'lit';
// Each decorator from its own module: the barrel would bring every decorator any chunk uses into kessai.js.
import { property } from 'lit/decorators/property.js';
import { state } from 'lit/decorators/state.js';
import { SLIP_MESSAGES, type SlipMessageKey } from '../../core/i18n/slip-messages.ts';
import { translate } from '../../core/i18n/translate.ts';
import { formatAmount } from '../../core/konbini/amount.ts';
import {
  formatDeadlineJst,
  formatTimeLeft,
  msUntilTimeLeftChanges,
  timeLeft,
} from '../../core/konbini/deadline.ts';
import { groupDigits, spellDigits } from '../../core/konbini/digits.ts';
import { STORE_NUMBER_NAMES, storeSteps } from '../../core/konbini/steps.ts';
import { KONBINI_STORE_NAMES } from '../../core/konbini-stores.ts';
import type { Locale } from '../../core/locale.ts';
import { safeUrl } from '../../core/safe-url.ts';
import { slipSchema, type Slip } from '../../core/slip.ts';
import { define } from '../shared/define.ts';
import { PageLocaleController } from '../shared/page-locale.ts';
import { themeStyles } from '../shared/theme.styles.ts';
import { konbiniSlipStyles } from './konbini-slip.styles.ts';

/** What the element has to show: nothing yet, a slip, or why it cannot show one. */
type View =
  | { readonly kind: 'none' }
  | { readonly kind: 'slip'; readonly slip: Slip }
  | { readonly kind: 'invalid'; readonly reason: 'json' | 'schema' };

type Copyable = 'payment' | 'confirmation';

/** How long the Copy button says "Copied". */
const COPIED_MS = 3000;

/** `trusted-origins="http://localhost:5173 http://127.0.0.1:5173"` ⇄ `['http://localhost:5173', …]`. */
const originsConverter = {
  fromAttribute(value: string | null): string[] {
    return (value ?? '').split(/\s+/).filter((origin) => origin !== '');
  },
  toAttribute(value: readonly string[]): string {
    return value.join(' ');
  },
};

/**
 * A konbini payment slip: everything a shopper standing in the store needs to pay from their phone.
 * The store, the payment number (large, grouped for reading, read digit by digit to screen readers)
 * and the confirmation number when there is one, each with a Copy button; the amount; the deadline in
 * JST with the time left (kept current while the page is open, then an expired state); the store's own
 * steps; a link to the provider's printable slip (https only) and a Print button.
 *
 * Give it the slip as the `slip` property (a `Slip` object, e.g. the detail of `kessai-pending`) or as
 * the `slip` attribute holding the same object as JSON (an order-complete page rendered by a server).
 * Either is checked against the slip schema; a slip that does not parse shows an inline error, never a
 * blank element. Everything the provider sent is shown as text, never as HTML.
 *
 * @tag kessai-konbini-slip
 * @summary The konbini payment slip: store, numbers with Copy, amount, deadline in JST, steps, print.
 *
 * @attr {string} slip - The slip as JSON (the same object as the `slip` property); checked like it.
 *
 * @csspart slip - The slip's frame.
 * @csspart store - The store row (label and chain name).
 * @csspart payment-number - The payment number row.
 * @csspart confirmation-number - The confirmation number row (only when the slip has one).
 * @csspart number - Each number's grouped digits.
 * @csspart copy-button - Each Copy button.
 * @csspart copy-status - The live message after a copy ("Copied" or how to copy by hand).
 * @csspart amount - The amount row.
 * @csspart deadline - The deadline row.
 * @csspart time-left - The time left (or "Expired") after the deadline.
 * @csspart expired - The notice shown once the deadline has passed.
 * @csspart steps - The store's steps (heading and ordered list).
 * @csspart actions - The row holding the slip link and the Print button.
 * @csspart slip-link - The link to the provider's slip page (opens in a new tab).
 * @csspart print-button - The Print button.
 * @csspart error - The message shown when the slip cannot be read.
 * @csspart empty - The message shown when no slip was given.
 *
 * @cssstate expired - The deadline has passed.
 * @cssstate invalid - The slip given could not be read.
 *
 * @cssproperty --kessai-color-primary - Buttons and the slip link.
 * @cssproperty --kessai-color-on-primary - Text of the slip link.
 * @cssproperty --kessai-color-text - Text.
 * @cssproperty --kessai-color-text-muted - Labels and the time left.
 * @cssproperty --kessai-color-background - Slip background.
 * @cssproperty --kessai-color-border - Slip border.
 * @cssproperty --kessai-color-danger - The expired state and the error message.
 * @cssproperty --kessai-color-success - The Copy button once copied.
 * @cssproperty --kessai-color-focus - Focus ring.
 * @cssproperty --kessai-radius - Corner radius.
 * @cssproperty --kessai-spacing - Space between rows.
 * @cssproperty --kessai-font-family - Font (numbers use a monospace face).
 * @cssproperty --kessai-font-size - Base font size.
 */
export class KessaiKonbiniSlip extends LitElement {
  static override styles = [themeStyles, konbiniSlipStyles];

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'slip'];
  }

  /** `ja` or `en`. When unset: the page's `lang`, then the browser's languages, then Japanese. */
  @property() locale?: Locale;

  /**
   * Origins whose plain-http slip links are allowed (the local sandbox). Any `https:` link is allowed;
   * every other link is left out. Attribute `trusted-origins`: space-separated origins.
   */
  @property({ attribute: 'trusted-origins', converter: originsConverter }) trustedOrigins: string[] = [];

  /** A fixed "now" for the time left, for tests and demos; unset, the element follows the clock. */
  @property({ attribute: false }) now?: Date;

  @state() private _view: View = { kind: 'none' };
  @state() private _clock = new Date();
  @state() private _copied: Copyable | null = null;
  @state() private _copyStatus = '';

  private _tickTimer?: ReturnType<typeof setTimeout>;
  private _copiedTimer?: ReturnType<typeof setTimeout>;
  private readonly _pageLocale = new PageLocaleController(this);
  private readonly _internals: ElementInternals = this.attachInternals();
  private readonly _onVisibility = (): void => {
    if (document.visibilityState === 'visible') this._tick();
  };

  /**
   * The slip to show (`Slip` from `src/core/slip.ts`). Set it to anything: it is checked with the slip
   * schema, and reads back as the parsed slip, or `undefined` when it did not parse.
   */
  @property({ attribute: false, noAccessor: true })
  get slip(): Slip | undefined {
    return this._view.kind === 'slip' ? this._view.slip : undefined;
  }
  set slip(value: Slip | undefined) {
    const old = this.slip;
    this._view = value === undefined || value === null ? { kind: 'none' } : this._parse(value);
    this.requestUpdate('slip', old);
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    if (name !== 'slip') {
      super.attributeChangedCallback(name, old, value);
      return;
    }
    if (value === null) {
      this.slip = undefined;
      return;
    }
    const previous = this.slip;
    try {
      // Even `null` here is a mistake: an attribute that is present must hold a slip.
      this._view = this._parse(JSON.parse(value));
    } catch (error) {
      console.warn('<kessai-konbini-slip>: the slip attribute is not JSON.', error);
      this._view = { kind: 'invalid', reason: 'json' };
    }
    this.requestUpdate('slip', previous);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Background tabs throttle timers: catch up as soon as the shopper looks again.
    document.addEventListener('visibilitychange', this._onVisibility);
    this._tick();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this._onVisibility);
    clearTimeout(this._tickTimer);
    this._tickTimer = undefined;
    clearTimeout(this._copiedTimer);
    this._copiedTimer = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // A new slip starts with no "Copied" left over from the previous one.
    if (changed.has('slip')) {
      this._copied = null;
      this._copyStatus = '';
      if (this.isConnected) this._tick();
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this._setState('invalid', this._view.kind === 'invalid');
    this._setState('expired', this._view.kind === 'slip' && this._left(this._view.slip).expired);
  }

  protected override render() {
    const locale = this._locale();
    const t = (key: SlipMessageKey): string => translate(SLIP_MESSAGES, locale, key);
    const view = this._view;
    switch (view.kind) {
      case 'none':
        return html`<p part="empty" class="empty" lang=${locale}>${t('no_slip')}</p>`;
      case 'invalid':
        return html`<p part="error" class="problem" role="alert" lang=${locale}>
          ${t(view.reason === 'json' ? 'invalid_slip_json' : 'invalid_slip')}
        </p>`;
      case 'slip':
        return this._renderSlip(view.slip, locale, t);
    }
  }

  private _renderSlip(slip: Slip, locale: Locale, t: (key: SlipMessageKey) => string) {
    const other: Locale = locale === 'ja' ? 'en' : 'ja';
    const names = KONBINI_STORE_NAMES[slip.store];
    const left = this._left(slip);
    const link = slip.slipUrl === undefined ? null : safeUrl(slip.slipUrl, this.trustedOrigins);
    const confirmation = slip.confirmationNumber?.trim() || undefined;
    const steps = storeSteps(slip.store, locale, {
      confirmationNumber: confirmation !== undefined,
      slipUrl: link !== null,
    });
    const alias = STORE_NUMBER_NAMES[slip.store]?.[locale];

    return html`
      <div part="slip" class="slip ${left.expired ? 'expired' : ''}" lang=${locale}>
        <div part="store" class="store">
          <span class="label">${t('store')}</span>
          <h2>${names[locale]}<span class="secondary" lang=${other}>${names[other]}</span></h2>
        </div>

        <div class="status" role="status">
          ${left.expired
            ? html`<p part="expired" class="expired-banner">${t('expired_message')}</p>`
            : nothing}
        </div>

        <dl>
          ${this._renderNumber('payment', slip.paymentNumber.trim(), locale, t, left.expired, alias)}
          ${confirmation === undefined
            ? nothing
            : this._renderNumber('confirmation', confirmation, locale, t, left.expired)}
          <div part="amount">
            <dt>${t('amount')}</dt>
            <dd class="amount">${formatAmount(slip.amount, slip.currency, locale)}</dd>
          </div>
          <div part="deadline">
            <dt>${t('pay_by')}</dt>
            <dd>
              <time class="deadline" datetime=${new Date(slip.expiresAt).toISOString()}
                >${formatDeadlineJst(slip.expiresAt, locale)}</time
              >
              <span part="time-left" class="time-left ${left.expired ? 'expired' : ''}"
                >${formatTimeLeft(left, locale)}</span
              >
            </dd>
          </div>
        </dl>
        <p part="copy-status" class="copy-status" aria-live="polite" aria-atomic="true">${this._copyStatus}</p>

        ${left.expired
          ? nothing
          : html`
              <section part="steps" class="steps" aria-labelledby="steps-title">
                <h3 id="steps-title">${t('how_to_pay')}</h3>
                <ol>
                  ${steps.map((step) => html`<li>${step}</li>`)}
                </ol>
                <p>${t('pay_in_cash')}</p>
              </section>
              <div part="actions" class="actions">
                ${link === null
                  ? nothing
                  : html`<a
                      part="slip-link"
                      class="link"
                      href=${link.href}
                      target="_blank"
                      rel="noopener noreferrer"
                      >${t('open_slip')}<span class="visually-hidden">${t('opens_in_new_tab')}</span></a
                    >`}
                <button part="print-button" type="button" @click=${this._print}>${t('print')}</button>
              </div>
            `}
      </div>
    `;
  }

  private _renderNumber(
    which: Copyable,
    value: string,
    locale: Locale,
    t: (key: SlipMessageKey) => string,
    expired: boolean,
    alias?: string,
  ) {
    const copied = this._copied === which;
    const label = which === 'payment' ? t('payment_number') : t('confirmation_number');
    const buttonLabel = copied
      ? t(which === 'payment' ? 'copied_payment_number' : 'copied_confirmation_number')
      : t(which === 'payment' ? 'copy_payment_number' : 'copy_confirmation_number');
    // Groups are separated by margins and <wbr>, not spaces, so that selecting the number by hand
    // copies it as the provider wrote it; a part boundary shows the hyphen.
    const groups = groupDigits(value).flatMap((part, i) => (i > 0 ? ['-', ...part] : part));
    return html`
      <div part=${which === 'payment' ? 'payment-number' : 'confirmation-number'}>
        <dt>${label}${alias === undefined ? nothing : html`<span class="alias">(${alias})</span>`}</dt>
        <dd class="number-line">
          <span part="number" class="number ${which === 'confirmation' ? 'small' : ''}" aria-hidden="true"
            >${groups.map((group, i) => html`${i > 0 ? html`<wbr />` : nothing}<span class="group">${group}</span>`)}</span
          ><span class="visually-hidden">${spellDigits(value, locale)}</span>
          ${expired
            ? nothing
            : html`<button
                part="copy-button copy-${which}-number"
                class="copy ${copied ? 'copied' : ''}"
                type="button"
                aria-label=${buttonLabel}
                @click=${() => void this._copy(which, value)}
              >
                ${copied ? t('copied') : t('copy')}
              </button>`}
        </dd>
      </div>
    `;
  }

  private _locale(): Locale {
    return this._pageLocale.locale;
  }

  private _left(slip: Slip) {
    return timeLeft(slip.expiresAt, this.now ?? this._clock);
  }

  private _parse(value: unknown): View {
    const parsed = slipSchema.safeParse(value);
    if (parsed.success) return { kind: 'slip', slip: parsed.data };
    console.warn('<kessai-konbini-slip>: the slip does not match the slip schema.', parsed.error.issues);
    return { kind: 'invalid', reason: 'schema' };
  }

  /** Reads the clock and sleeps until the time left next changes (or stops once expired). */
  private _tick(): void {
    clearTimeout(this._tickTimer);
    this._tickTimer = undefined;
    this._clock = new Date();
    if (this._view.kind !== 'slip' || !this.isConnected) return;
    const wait = msUntilTimeLeftChanges(this._view.slip.expiresAt, this._clock);
    // Browsers cap timers at 2^31-1 ms (about 24.8 days); a long wait simply wakes up early.
    if (wait !== null) this._tickTimer = setTimeout(() => this._tick(), Math.min(wait + 50, 2 ** 31 - 1));
  }

  private async _copy(which: Copyable, value: string): Promise<void> {
    const locale = this._locale();
    try {
      if (!navigator.clipboard?.writeText) throw new Error('Clipboard API unavailable');
      await navigator.clipboard.writeText(value);
    } catch {
      // Denied, or no clipboard (plain http, an old WebView): select the number so that the shopper
      // can copy it with the system menu, and say so.
      this._copied = null;
      this._copyStatus = translate(SLIP_MESSAGES, locale, 'copy_failed');
      this._selectNumber(which);
      return;
    }
    this._copied = which;
    this._copyStatus = translate(
      SLIP_MESSAGES,
      locale,
      which === 'payment' ? 'copied_payment_number' : 'copied_confirmation_number',
    );
    clearTimeout(this._copiedTimer);
    this._copiedTimer = setTimeout(() => {
      this._copied = null;
      this._copyStatus = '';
    }, COPIED_MS);
  }

  private _selectNumber(which: Copyable): void {
    const row = which === 'payment' ? 'payment-number' : 'confirmation-number';
    const number = this.renderRoot.querySelector(`[part~="${row}"] [part~="number"]`);
    const selection = window.getSelection();
    if (number && selection) selection.selectAllChildren(number);
  }

  private _print(): void {
    window.print();
  }

  private _setState(name: string, on: boolean): void {
    try {
      if (on) this._internals.states.add(name);
      else this._internals.states.delete(name);
    } catch {
      // Browsers that only accept the older `--name` syntax: the states are a nicety, skip them.
    }
  }
}

define('kessai-konbini-slip', KessaiKonbiniSlip);

declare global {
  interface HTMLElementTagNameMap {
    'kessai-konbini-slip': KessaiKonbiniSlip;
  }
}
