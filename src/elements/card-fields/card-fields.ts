import { LitElement, html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
// Each decorator from its own module: the barrel would bring every decorator any chunk uses into kessai.js.
import { property } from 'lit/decorators/property.js';
import { state } from 'lit/decorators/state.js';
import {
  CARD_BRANDS,
  brandLabel,
  cardLengths,
  cvcLength,
  detectBrand,
  type CardBrand,
} from '../../core/card/brand.ts';
import { formatExpiry, formatExpiryAsTyped, parseExpiry } from '../../core/card/expiry.ts';
import { formatCardNumberAsTyped, type EditKind, type TypedValue } from '../../core/card/format.ts';
import { toHalfWidth } from '../../core/card/normalize.ts';
import {
  CARD_FIELDS,
  toCardDetails,
  validateCardNumber,
  validateCvc,
  validateExpiry,
  validateName,
  type CardField,
  type CardFieldValues,
} from '../../core/card/validate.ts';
import { CARD_MESSAGES, type CardErrorReason, type CardMessageKey } from '../../core/i18n/card-messages.ts';
import { translate } from '../../core/i18n/translate.ts';
import type { CardSurface } from '../../core/card-surface.ts';
import type { Locale } from '../../core/locale.ts';
import type { CardDetails, SurfaceCardInput } from '../../core/payment-input.ts';
import { define } from '../shared/define.ts';
import { PageLocaleController } from '../shared/page-locale.ts';
import { KessaiChangeEvent, type Total } from '../shared/events.ts';
import { fieldStyles, themeStyles } from '../shared/theme.styles.ts';
import { cardFieldsStyles } from './card-fields.styles.ts';
import { editKindOf, formatCvcAsTyped } from './caret.ts';
import type * as MarksModule from './brand-marks.ts';
import type { CardSurfaceView } from './card-surface-view.ts';

type Marks = typeof MarksModule;
/** The brands' marks (`brand-marks.ts`), a chunk loaded when the first card form is drawn. */
let marks: Marks | undefined;
let marksLoading: Promise<Marks> | undefined;

export type { CardField } from '../../core/card/validate.ts';

/** What `collectPayment()` hands over: the card from our inputs, or what goes with the provider's form. */
export type CollectedCard = { readonly card: CardDetails } | { readonly surface: SurfaceCardInput };

/** An error shown under a field: one of our own rules, or a message the provider sent back. */
type ShownError = { readonly reason: CardErrorReason } | { readonly message: string };

/**
 * Card number, expiry, security code and name on card, in four labelled inputs that format as the
 * shopper types (full-width digits accepted), show the card brand, and check each field when the shopper
 * leaves it.
 *
 * The card data never leaves the element except through `collect()`: the `kessai-change` event carries
 * completeness and brand only. The element is deliberately **not form-associated**: its inputs live in
 * its shadow root and have no `name`, so a surrounding `<form>` never posts card data to the merchant.
 *
 * Where the provider takes cards only in its own form (Stripe, PAY.JP, most UnivaPay merchants), the
 * element hosts that form instead (`surface`, a card surface made by the checkout's flow): our labels,
 * errors and layout around the provider's iframes, which are mounted in the page's light DOM and
 * projected into the element through slots named `kessai-surface-<field>`.
 *
 * @summary Card number (brand shown as typed), expiry, security code and holder name.
 * @tag kessai-card-fields
 *
 * @event kessai-change - A person edited a field. Detail: `{ method: 'card', complete, empty, brand?,
 *   total? }`, never any card digits; `total` (`{ amount, currency, fee? }`) is the `total` property.
 * @event change - A field lost focus after a person changed it (bubbles, like a native `change`).
 *
 * @csspart number-label - The label of the card number.
 * @csspart number-input - The card number input.
 * @csspart number-hint - The accepted brands under the card number, as text (visually hidden once
 *   their marks are shown: it stays the number's description).
 * @csspart brands - The accepted brands' marks under the card number (or under a provider's card form),
 *   a list labelled "Accepted cards"; loaded as a chunk of its own when the form is first drawn.
 * @csspart number-error - The card number's error (an always-present polite live region).
 * @csspart brand - The detected brand, in the number field: its mark (an image named by the brand), or
 *   its name until the marks are loaded.
 * @csspart expiry-label - The label of the expiry date.
 * @csspart expiry-input - The expiry input (`MM / YY`).
 * @csspart expiry-hint - The hint under the expiry.
 * @csspart expiry-error - The expiry's error.
 * @csspart cvc-label - The label of the security code.
 * @csspart cvc-input - The security code input.
 * @csspart cvc-hint - Where the security code is printed (3 digits, 4 for American Express).
 * @csspart cvc-error - The security code's error.
 * @csspart name-label - The label of the name on the card.
 * @csspart name-input - The name input.
 * @csspart name-hint - The hint under the name (Latin letters, as printed).
 * @csspart name-error - The name's error.
 * @csspart number-surface - Around the provider's card number frame (also `expiry-surface`, `cvc-surface`,
 *   `card-surface` for a provider form that is one frame).
 * @csspart surface-hint - The line under a provider's card form.
 * @csspart surface-error - The message when the provider's card form could not be loaded.
 * @csspart surface-retry-button - Its button to load the form again.
 *
 * @slot kessai-surface-number - Where a provider's card number frame is mounted (likewise `-expiry`,
 *   `-cvc`, `-card`); the element fills these itself.
 *
 * @cssproperty --kessai-color-text - Text and input text.
 * @cssproperty --kessai-color-text-muted - Hints and placeholders.
 * @cssproperty --kessai-color-background - Input background.
 * @cssproperty --kessai-color-surface - Brand badge background.
 * @cssproperty --kessai-color-border - Input and badge borders.
 * @cssproperty --kessai-color-danger - Errors and the border of an invalid input.
 * @cssproperty --kessai-color-focus - Focus ring.
 * @cssproperty --kessai-radius - Corner radius of inputs.
 * @cssproperty --kessai-spacing - Space between fields.
 * @cssproperty --kessai-font-family - Font.
 * @cssproperty --kessai-font-size - Base font size.
 */
export class KessaiCardFields extends LitElement {
  static override styles = [themeStyles, fieldStyles, cardFieldsStyles];

  /** `ja` or `en`. When unset: the page's `lang`, then the browser's languages, then Japanese. */
  @property() locale?: Locale;

  /** Disables every input (while a payment is being submitted, for instance). */
  @property({ type: Boolean, reflect: true }) disabled = false;

  /**
   * The provider's own card form to host instead of our card inputs (set by `<kessai-checkout>` when
   * the session takes cards there). Unset: our own inputs.
   */
  @property({ attribute: false }) surface?: CardSurface;

  /**
   * Where the provider form's mount nodes are put, in the page's light DOM: this element (default), or
   * the element whose shadow root holds this one and forwards the `kessai-surface-*` slots.
   */
  surfaceHost?: HTMLElement;

  /**
   * The brands the session accepts (`cardBrands` of the session, set by a checkout), shown as marks under
   * the number. Unset: every brand we know.
   */
  @property({ attribute: false }) brands?: readonly CardBrand[];

  /** What the shopper pays by card (`{ amount, currency, fee? }`), told in `kessai-change`; a checkout sets it. */
  @property({ attribute: false }) total?: Total;

  /** The layout around `surface`, loaded with it. */
  private _view: CardSurfaceView | undefined;

  @state() private _errors: Readonly<Partial<Record<CardField, ShownError>>> = {};
  @state() private _brand: CardBrand | null = null;
  @state() private _announcement = '';

  /** Fields whose error has been shown once: from then on it follows every keystroke. */
  private readonly _live = new Set<CardField>();
  private _composing = false;
  private readonly _pageLocale = new PageLocaleController(this);
  private readonly _internals: ElementInternals = this.attachInternals();

  /** Every field is filled in and valid. */
  get complete(): boolean {
    if (this.surface) return this._view?.complete(this._check('name') === null) ?? false;
    return toCardDetails(this._values(), undefined, { brands: this.brands }).ok;
  }

  /** No field has anything in it. */
  get empty(): boolean {
    const values = this._values();
    if (this.surface) return this._view?.empty(values.name) ?? true;
    return CARD_FIELDS.every((field) => values[field].trim() === '');
  }

  /** The brand detected from the number typed so far (`visa`, `amex`, …), or `undefined`. */
  get brand(): CardBrand | undefined {
    return ((this.surface ? this._view?.brand : this._brand) ?? undefined) as CardBrand | undefined;
  }

  /**
   * What Pay sends: the card from our inputs, or (with a provider form) our name input's value, once
   * every field the provider reports on is complete. Shows the errors and returns `null` otherwise.
   */
  collectPayment(): CollectedCard | null {
    if (this.surface) return this._view?.collect(() => this._checkNameForSubmit(), this._values().name) ?? null;
    const card = this.collect();
    return card === null ? null : { card };
  }

  /**
   * Checks every field and shows every error. Returns the normalized card details when all are valid;
   * otherwise moves focus to the first invalid field and returns `null`.
   */
  collect(): CardDetails | null {
    if (this.surface) return null;
    const result = toCardDetails(this._values(), undefined, { brands: this.brands });
    const errors: Partial<Record<CardField, ShownError>> = {};
    if (!result.ok) {
      for (const field of CARD_FIELDS) {
        const reason = result.errors[field];
        if (reason !== undefined) errors[field] = { reason };
      }
    }
    for (const field of CARD_FIELDS) this._live.add(field);
    this._errors = errors;
    if (result.ok) return result.value;
    const first = CARD_FIELDS.find((field) => errors[field] !== undefined);
    if (first !== undefined) this._input(first)?.focus();
    return null;
  }

  /**
   * Shows an error the provider returned (an incorrect security code, say) under one field and focuses
   * it. The message is shown as plain text; it is cleared when the shopper edits that field.
   */
  setFieldError(field: CardField, message: string): void {
    this._errors = { ...this._errors, [field]: { message } };
    this._live.add(field);
    this._input(field)?.focus();
  }

  /** Empties every field and hides every error. Fires no event. */
  clear(): void {
    this._view?.clear();
    for (const field of CARD_FIELDS) {
      const input = this._input(field);
      if (input) input.value = '';
    }
    this._live.clear();
    this._errors = {};
    this._brand = null;
    this._announcement = '';
  }

  /** Focuses the card number input. */
  override focus(options?: FocusOptions): void {
    if (this._view) {
      this._view.focus();
      return;
    }
    const input = this._input('number');
    if (input) input.focus(options);
    else void this.updateComplete.then(() => this._input('number')?.focus(options));
  }

  /** Takes focus away from whichever input has it. */
  override blur(): void {
    const active = this.shadowRoot?.activeElement;
    if (active instanceof HTMLElement) active.blur();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (changed.has('surface')) void this._hostSurface();
    // The session's brands may arrive after the shopper typed a number and left it: it is checked again.
    const number = this._input('number');
    if (changed.has('brands') && number?.value.trim() && this.shadowRoot?.activeElement !== number) {
      this._live.add('number');
      this._showCheck('number');
    }
    this._syncStates();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this._view?.attach();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._view?.detach();
  }

  /** Shows `surface` in its layout (loaded on first use), taking any earlier one out. */
  private async _hostSurface(): Promise<void> {
    const surface = this.surface;
    if (this._view?.surface === surface) return;
    this._view?.detach();
    this._view = undefined;
    if (!surface) return;
    const { hostSurface } = await import('./card-surface-view.ts');
    if (this.surface !== surface) return;
    this.requestUpdate();
    this._view = hostSurface(surface, this, {
      mountHost: () => this.surfaceHost ?? this,
      locale: () => this._locale(),
      brands: (locale) => this._brandList(locale),
      changed: () => this._dispatchChange(),
    });
  }

  /** The name input's check on Pay, as `collect()` does for all four. */
  private _checkNameForSubmit(): boolean {
    this._live.add('name');
    this._showCheck('name');
    const ok = this._errors.name === undefined;
    if (!ok) this._input('name')?.focus();
    return ok;
  }

  protected override render() {
    const locale = this._locale();
    const t = (key: CardMessageKey, params?: Record<string, string>): string =>
      translate(CARD_MESSAGES, locale, key, params);
    const m = this._marks();
    const list = m?.accepted(this._accepted(), locale);
    if (this.surface) {
      const name = this.surface.collectsName ? nothing : this._nameField(locale, t);
      return html`<div class="wrap" lang=${locale}>
        ${m?.sprite}${this._view ? this._view.render(name) : html`<div class="grid" aria-busy="true"></div>`}${list}
      </div>`;
    }
    const brand = this._brand;
    const brands = this._brandList(locale);
    const cvcHint = brand === 'amex' ? t('cvc_hint_amex') : t('cvc_hint');
    const cvcPlaceholder = brand !== null && cvcLength(brand) === 4 ? '1234' : t('cvc_placeholder');

    return html`
      <div class="wrap" lang=${locale}>
        ${m?.sprite}
        <div class="grid" role="group" aria-label=${t('card_details')}>
          ${this._field('number', locale, {
            label: html`<label for="number" part="number-label">${t('number_label')}</label>`,
            // The detected brand, in the field: its mark (an image named by the brand), else its name.
            inside: html`<span id="number-brand" part="brand" class="brand" ?hidden=${brand === null}
              >${brand === null ? '' : m ? m.mark(brand) : brandLabel(brand)}</span
            >`,
            autocomplete: 'cc-number',
            placeholder: t('number_placeholder'),
            hint: t('accepted_brands', { brands }),
            // With the marks, the accepted list is theirs to show; the text stays the input's description.
            after: list,
            describedBy: 'number-error number-brand number-hint',
            full: true,
          })}
          ${this._field('expiry', locale, {
            label: html`<label for="expiry" part="expiry-label">${t('expiry_label')}</label>`,
            autocomplete: 'cc-exp',
            placeholder: t('expiry_placeholder'),
            hint: t('expiry_hint'),
          })}
          ${this._field('cvc', locale, {
            label: html`<label for="cvc" part="cvc-label">${t('cvc_label')}</label>`,
            autocomplete: 'cc-csc',
            placeholder: cvcPlaceholder,
            hint: cvcHint,
          })}
          ${this._nameField(locale, t)}
        </div>
        <div class="visually-hidden" aria-live="polite" aria-atomic="true">${this._announcement}</div>
      </div>
    `;
  }

  /** The marks' chunk, loaded on first use; its styles added to this shadow root once it is here. */
  private _marks(): Marks | undefined {
    if (marks) marks.adopt(this.renderRoot as ShadowRoot);
    // Failed (offline): the names stay, and the next drawing tries again.
    else (marksLoading ??= import('./brand-marks.ts')).then((m) => ((marks = m), this.requestUpdate()), () => (marksLoading = undefined));
    return marks;
  }

  private _nameField(locale: Locale, t: (key: CardMessageKey) => string): TemplateResult {
    return this._field('name', locale, {
      label: html`<label for="name" part="name-label">${t('name_label')}</label>`,
      autocomplete: 'cc-name',
      placeholder: t('name_placeholder'),
      hint: t('name_hint'),
      text: true,
      full: true,
    });
  }

  /**
   * One labelled input with its hint and its always-present polite error region. Card inputs are
   * numeric (`inputmode`); the name is text in capitals as printed. No `name` attribute: a host form
   * must not be able to submit card data.
   */
  private _field(
    field: CardField,
    locale: Locale,
    o: {
      label: TemplateResult;
      inside?: TemplateResult;
      after?: unknown;
      autocomplete: string;
      placeholder: string;
      hint: string;
      describedBy?: string;
      text?: boolean;
      full?: boolean;
    },
  ): TemplateResult {
    const input = html`<input
      id=${field}
      part=${`${field}-input`}
      type="text"
      inputmode=${o.text ? 'text' : 'numeric'}
      autocomplete=${o.autocomplete}
      autocapitalize=${o.text ? 'characters' : 'off'}
      autocorrect="off"
      spellcheck="false"
      placeholder=${o.placeholder}
      aria-describedby=${o.describedBy ?? `${field}-error ${field}-hint`}
      aria-invalid=${this._errors[field] !== undefined ? 'true' : 'false'}
      ?disabled=${this.disabled}
      @input=${this._onInput}
      @compositionstart=${this._onCompositionStart}
      @compositionend=${this._onCompositionEnd}
      @blur=${this._onBlur}
      @change=${this._onChange}
    />`;
    return html`
      <div class=${o.full ? 'field full' : 'field'}>
        ${o.label} ${o.inside ? html`<div class="in">${input}${o.inside}</div>` : input}
        <div id=${`${field}-hint`} part=${`${field}-hint`} class=${o.after ? 'visually-hidden' : 'hint'}>${o.hint}</div>
        ${o.after}
        <div id=${`${field}-error`} part=${`${field}-error`} class="error" aria-live="polite" aria-atomic="true"
          >${this._message(field, locale)}</div
        >
      </div>
    `;
  }

  private _locale(): Locale {
    return this._pageLocale.locale;
  }

  private _input(field: CardField): HTMLInputElement | null {
    return this.renderRoot?.querySelector<HTMLInputElement>(`#${field}`) ?? null;
  }

  private _values(): CardFieldValues {
    return {
      number: this._input('number')?.value ?? '',
      expiry: this._input('expiry')?.value ?? '',
      cvc: this._input('cvc')?.value ?? '',
      name: this._input('name')?.value ?? '',
    };
  }

  private _message(field: CardField, locale: Locale): string {
    const error = this._errors[field];
    if (error === undefined) return '';
    return 'reason' in error ? translate(CARD_MESSAGES, locale, error.reason, { brands: this._brandList(locale) }) : error.message;
  }

  /** The brands the session takes, in our order (every brand we know when `brands` is unset). */
  private _accepted(): CardBrand[] {
    return CARD_BRANDS.filter((b) => !this.brands || this.brands.includes(b));
  }

  /** The accepted brands' names as a list in `locale`. */
  private _brandList(locale: Locale): string {
    return this._accepted().map(brandLabel).join(locale === 'ja' ? '、' : ', ');
  }

  /** Why `field` is not valid now, or `null` when it is. */
  private _check(field: CardField): CardErrorReason | null {
    const values = this._values();
    let result: { readonly ok: true } | { readonly ok: false; readonly reason: CardErrorReason };
    switch (field) {
      case 'number':
        result = validateCardNumber(values.number, this.brands);
        break;
      case 'expiry':
        result = validateExpiry(values.expiry);
        break;
      case 'cvc':
        result = validateCvc(values.cvc, detectBrand(values.number));
        break;
      case 'name':
        result = validateName(values.name);
        break;
    }
    return result.ok ? null : result.reason;
  }

  /** Shows the current error of `field`, or hides it when the field is now valid. */
  private _showCheck(field: CardField): void {
    const reason = this._check(field);
    const current = this._errors[field];
    if (reason === null) {
      if (current !== undefined) {
        const { [field]: _removed, ...rest } = this._errors;
        this._errors = rest;
      }
      return;
    }
    if (current !== undefined && 'reason' in current && current.reason === reason) return;
    this._errors = { ...this._errors, [field]: { reason } };
  }

  private _onCompositionStart(): void {
    this._composing = true;
  }

  private _onCompositionEnd(event: CompositionEvent): void {
    this._composing = false;
    const input = event.currentTarget as HTMLInputElement;
    this._edited(input.id as CardField, input, 'insert');
  }

  private _onInput(event: Event): void {
    // Rewriting the value in the middle of an IME composition breaks it: wait for `compositionend`.
    if ((event instanceof InputEvent && event.isComposing) || this._composing) return;
    const input = event.currentTarget as HTMLInputElement;
    this._edited(input.id as CardField, input, editKindOf(event));
  }

  /** A person changed `field`: reformat, update errors that are showing, maybe move on, tell the page. */
  private _edited(field: CardField, input: HTMLInputElement, edit: EditKind): void {
    this._format(field, input, edit);

    const error = this._errors[field];
    if (error !== undefined && 'message' in error) {
      const { [field]: _removed, ...rest } = this._errors;
      this._errors = rest;
    }
    if (this._live.has(field)) this._showCheck(field);
    // The security code's length follows the brand, so a brand change re-checks it.
    if (field === 'number' && this._live.has('cvc') && this._errors.cvc !== undefined) this._showCheck('cvc');

    this._dispatchChange();
    this._autoAdvance(field, input, edit);
  }

  /** One `kessai-change` per edit, ours or in the provider's form: completeness and brand, no card data. */
  private _dispatchChange(): void {
    this._syncStates();
    const { brand, total } = this;
    this.dispatchEvent(
      new KessaiChangeEvent({ method: 'card', complete: this.complete, empty: this.empty, ...(brand ? { brand } : {}), ...(total ? { total } : {}) }),
    );
  }

  private _format(field: CardField, input: HTMLInputElement, edit: EditKind): void {
    const raw = input.value;
    const caret = input.selectionStart ?? raw.length;
    let next: TypedValue;
    switch (field) {
      case 'number': {
        const typed = formatCardNumberAsTyped(raw, caret, edit);
        this._setBrand(typed.brand);
        next = typed;
        break;
      }
      case 'expiry':
        next = formatExpiryAsTyped(raw, caret, edit);
        break;
      case 'cvc':
        next = formatCvcAsTyped(raw, caret, this._brand === null ? 4 : cvcLength(this._brand));
        break;
      case 'name':
        // Full-width Latin letters and the ideographic space become ASCII; the length does not change.
        next = { value: toHalfWidth(raw), caret };
        break;
    }
    if (next.value === raw && next.caret === caret) return;
    input.value = next.value;
    if (this.shadowRoot?.activeElement === input) input.setSelectionRange(next.caret, next.caret);
  }

  private _setBrand(brand: CardBrand | null): void {
    if (brand === this._brand) return;
    this._brand = brand;
    this._announcement =
      brand === null
        ? ''
        : translate(CARD_MESSAGES, this._locale(), 'brand_detected', { brand: brandLabel(brand) });
  }

  /**
   * Moves focus on when a person finished typing a field: a valid number to the expiry, a valid expiry
   * to the security code. Only when typing at the end of the field, never while editing in the middle.
   * A number is taken as finished at its brand's shortest or longest length (Visa 16 or 19), so a
   * 19-digit card whose first 16 digits happen to pass the Luhn check moves on early; rare, and the
   * shopper can go back.
   */
  private _autoAdvance(field: CardField, input: HTMLInputElement, edit: EditKind): void {
    if (edit !== 'insert' || this.shadowRoot?.activeElement !== input) return;
    const end = input.value.length;
    if (input.selectionStart !== end || input.selectionEnd !== end) return;
    let next: CardField | null = null;
    if (field === 'number') {
      const result = validateCardNumber(input.value, this.brands);
      if (result.ok) {
        const lengths = cardLengths(result.value.brand);
        const length = result.value.number.length;
        if (length === lengths[0] || length === lengths[lengths.length - 1]) next = 'expiry';
      }
    } else if (field === 'expiry') {
      if (validateExpiry(input.value).ok) next = 'cvc';
    }
    if (next !== null) this._input(next)?.focus();
  }

  private _onBlur(event: FocusEvent): void {
    const input = event.currentTarget as HTMLInputElement;
    const field = input.id as CardField;
    if (field === 'expiry') {
      // `12 / 2027` reads back as `12 / 27` once the shopper has left the field.
      const parsed = parseExpiry(input.value);
      if (parsed.ok) input.value = formatExpiry(parsed.month, parsed.year);
    }
    const error = this._errors[field];
    if (error !== undefined && 'message' in error) return; // the provider's word stands until an edit
    const reason = this._check(field);
    if (reason === null) {
      this._showCheck(field);
    } else if (this._live.has(field) || input.value.trim() !== '') {
      // Leaving an empty field untouched is not a mistake; leaving something wrong in it is.
      this._live.add(field);
      this._showCheck(field);
    }
  }

  private _onChange(): void {
    // A native `change` does not cross the shadow boundary; re-fire one from the host.
    this.dispatchEvent(new Event('change', { bubbles: true }));
  }

  /** `:state(complete)`, `:state(empty)`, `:state(invalid)` for styling from outside. */
  private _syncStates(): void {
    this._setState('invalid', CARD_FIELDS.some((field) => this._errors[field] !== undefined));
    this._setState('complete', this.complete);
    this._setState('empty', this.empty);
  }

  private _setState(name: string, on: boolean): void {
    const states = this._internals.states;
    try {
      if (on) states.add(name);
      else states.delete(name);
    } catch {
      // Browsers that only accept the older `--name` syntax: the states are a nicety, skip them.
    }
  }
}

define('kessai-card-fields', KessaiCardFields);

declare global {
  interface HTMLElementTagNameMap {
    'kessai-card-fields': KessaiCardFields;
  }
}
