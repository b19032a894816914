import { LitElement, html, nothing } from 'lit';
import type { PropertyValues } from 'lit';
// Each decorator from its own module: the barrel would bring every decorator any chunk uses into kessai.js.
import { property } from 'lit/decorators/property.js';
import { state } from 'lit/decorators/state.js';
import { toHalfWidth } from '../../core/card/normalize.ts';
import {
  KONBINI_MESSAGES,
  type KonbiniErrorReason,
  type KonbiniMessageKey,
} from '../../core/i18n/konbini-messages.ts';
import { translate } from '../../core/i18n/translate.ts';
import {
  KONBINI_FIELDS,
  validateKonbini,
  type FieldRequirement,
  type KonbiniField,
  type KonbiniValues,
} from '../../core/konbini/validate.ts';
import {
  KONBINI_STORES,
  KONBINI_STORE_NAMES,
  isKonbiniStore,
  type KonbiniStore,
} from '../../core/konbini-stores.ts';
import type { Locale } from '../../core/locale.ts';
import type { KonbiniDetails } from '../../core/payment-input.ts';
import { formatAmount } from '../../core/konbini/amount.ts';
import { define } from '../shared/define.ts';
import { PageLocaleController } from '../shared/page-locale.ts';
import { KessaiChangeEvent } from '../shared/events.ts';
import { fieldStyles, themeStyles } from '../shared/theme.styles.ts';
import { konbiniFieldsStyles } from './konbini-fields.styles.ts';

export type { FieldRequirement, KonbiniField } from '../../core/konbini/validate.ts';

type TextField = Exclude<KonbiniField, 'store'>;

const REQUIREMENTS: readonly FieldRequirement[] = ['required', 'optional', 'hidden'];

/** `stores="lawson family-mart"` ⇄ `['lawson', 'family-mart']`; unknown names are dropped. */
const storesConverter = {
  fromAttribute(value: string | null): KonbiniStore[] {
    if (value === null) return [...KONBINI_STORES];
    const names = value.split(/\s+/).filter((name) => name !== '');
    const unknown = names.filter((name) => !isKonbiniStore(name));
    if (unknown.length > 0) console.warn(`<kessai-konbini-fields>: unknown stores ignored: ${unknown.join(' ')}`);
    return [...new Set(names.filter(isKonbiniStore))];
  },
  toAttribute(value: readonly KonbiniStore[]): string {
    return value.join(' ');
  },
};

const requirementConverter = (fallback: FieldRequirement) => ({
  fromAttribute(value: string | null): FieldRequirement {
    return REQUIREMENTS.find((r) => r === value?.trim().toLowerCase()) ?? fallback;
  },
});

/**
 * The shopper's details for a convenience-store (konbini) payment: which chain they will pay at, as a
 * radio group showing only the chains the provider offers, then their name, email and phone as the
 * provider needs them (KOMOJU: email required, phone optional; UnivaPay: phone required). Full-width
 * digits and any kind of hyphen are accepted in the phone number (`090-1234-5678`, `０９０１２３４５６７８`).
 *
 * Errors appear when the shopper leaves a field with something wrong in it, or on `collect()`; each is
 * announced (polite live region), marks its input `aria-invalid` and is linked by `aria-describedby`.
 *
 * @tag kessai-konbini-fields
 * @summary Konbini store picker (the chains the provider supports), name, email and phone. Usable alone.
 *
 * @event kessai-change - A person edited a field or picked a store. Detail:
 *   `{ method: 'konbini', complete, empty, total? }`; `total` is `{ amount, currency, fee? }`, what the
 *   shopper pays at the store (the fee included) when `amount` is set.
 * @event change - A field lost focus after a person changed it, or a store was picked (bubbles).
 *
 * @csspart fee - The line with the konbini fee and the total, when the provider tells the fee.
 * @csspart stores - The fieldset of the store picker.
 * @csspart stores-legend - Its legend ("Choose a store").
 * @csspart store-option - Each chain's option (a label holding the radio and the names).
 * @csspart store-option-checked - The option of the chain picked.
 * @csspart store-radio - Each chain's radio input.
 * @csspart store-name - The chain's name in the shopper's language.
 * @csspart store-name-secondary - The chain's name in the other language, smaller.
 * @csspart store-error - The store picker's error.
 * @csspart name-label - The label of the name.
 * @csspart name-input - The name input.
 * @csspart name-error - The name's error.
 * @csspart email-label - The label of the email.
 * @csspart email-input - The email input.
 * @csspart email-hint - The hint under the email.
 * @csspart email-error - The email's error.
 * @csspart phone-label - The label of the phone number.
 * @csspart phone-input - The phone input.
 * @csspart phone-hint - The hint under the phone number.
 * @csspart phone-error - The phone number's error.
 * @csspart label - Every label (with the field-specific part).
 * @csspart input - Every text input and radio (with the field-specific part).
 * @csspart hint - Every hint.
 * @csspart error - Every error (an always-present polite live region).
 *
 * @cssstate complete - Every required field is filled in and valid.
 * @cssstate empty - Nothing typed and no store picked.
 * @cssstate invalid - An error is showing.
 *
 * @cssproperty --kessai-color-primary - Border of the picked store and the radio.
 * @cssproperty --kessai-color-text - Text and input text.
 * @cssproperty --kessai-color-text-muted - Hints, placeholders, the secondary store name.
 * @cssproperty --kessai-color-background - Input and option background.
 * @cssproperty --kessai-color-surface - Background of the picked store.
 * @cssproperty --kessai-color-border - Input and option borders.
 * @cssproperty --kessai-color-danger - Errors and the border of an invalid input.
 * @cssproperty --kessai-color-focus - Focus ring.
 * @cssproperty --kessai-radius - Corner radius.
 * @cssproperty --kessai-spacing - Space between fields.
 * @cssproperty --kessai-font-family - Font.
 * @cssproperty --kessai-font-size - Base font size.
 */
export class KessaiKonbiniFields extends LitElement {
  static override styles = [themeStyles, fieldStyles, konbiniFieldsStyles];

  /**
   * The chains the shopper may pick, in the order shown. Attribute: space-separated ids
   * (`stores="lawson family-mart seven-eleven"`). Default: all six.
   */
  @property({ converter: storesConverter }) stores: KonbiniStore[] = [...KONBINI_STORES];

  /** Whether to ask for the email: `required` (default, KOMOJU), `optional` or `hidden`. */
  @property({ converter: requirementConverter('required') }) email: FieldRequirement = 'required';

  /** Whether to ask for the phone: `required` (UnivaPay), `optional` (default, KOMOJU) or `hidden`. */
  @property({ converter: requirementConverter('optional') }) phone: FieldRequirement = 'optional';

  /** `ja` or `en`. When unset: the page's `lang`, then the browser's languages, then Japanese. */
  @property() locale?: Locale;

  /** Disables every input (while a payment is being submitted, for instance). */
  @property({ type: Boolean, reflect: true }) disabled = false;

  /**
   * The fee the shopper pays on top for konbini, where the provider tells it (KOMOJU: ¥190), in minor
   * units of `currency`: shown with the total before paying. With `amount` and `currency`.
   */
  @property({ type: Number }) fee?: number;
  /** The amount of the order, without the fee, in minor units of `currency`. */
  @property({ type: Number }) amount?: number;
  @property() currency = 'JPY';

  @state() private _store: KonbiniStore | null = null;
  @state() private _errors: Readonly<Partial<Record<KonbiniField, KonbiniErrorReason>>> = {};

  /** Fields whose error has been shown once: from then on it follows every edit. */
  private readonly _live = new Set<KonbiniField>();
  /** The shopper picked a store themselves (an only store is picked for them). */
  private _picked = false;
  private _composing = false;
  private readonly _pageLocale = new PageLocaleController(this);
  private readonly _internals: ElementInternals = this.attachInternals();

  /** Every required field is filled in and valid, and a store is picked. */
  get complete(): boolean {
    return validateKonbini(this._values(), this._rules()).ok;
  }

  /** Nothing typed in any field and no store picked by the shopper. */
  get empty(): boolean {
    const v = this._values();
    return !this._picked && v.name.trim() === '' && v.email.trim() === '' && v.phone.trim() === '';
  }

  /**
   * Checks every field and shows every error. Returns the details for the flow (phone as national
   * digits, `09012345678`) when all are valid; otherwise focuses the first invalid field and returns
   * `null`.
   */
  collect(): KonbiniDetails | null {
    const result = validateKonbini(this._values(), this._rules());
    for (const field of KONBINI_FIELDS) this._live.add(field);
    this._errors = result.ok ? {} : result.errors;
    this._syncStates();
    if (result.ok) return result.details;
    const first = KONBINI_FIELDS.find((field) => this._errors[field] !== undefined);
    if (first !== undefined) void this.updateComplete.then(() => this._focusField(first));
    return null;
  }

  /** Empties every field, unpicks the store (unless only one is offered) and hides every error. No event. */
  clear(): void {
    for (const field of ['name', 'email', 'phone'] as const) {
      const input = this._input(field);
      if (input) input.value = '';
    }
    this._store = null;
    this._picked = false;
    this._live.clear();
    this._errors = {};
    this._autoPick();
    this._syncStates();
  }

  /** Focuses the store picker (the picked chain, or the first). */
  override focus(options?: FocusOptions): void {
    if (this.hasUpdated) this._focusField('store', options);
    else void this.updateComplete.then(() => this._focusField('store', options));
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('stores')) {
      if (this._store !== null && !this._offered().includes(this._store)) {
        this._store = null;
        this._picked = false;
      }
      this._autoPick();
    }
    // A field the provider no longer asks for cannot hold an error.
    if ((changed.has('email') || changed.has('phone')) && Object.keys(this._errors).length > 0) {
      const errors = { ...this._errors };
      if (this.email === 'hidden') delete errors.email;
      if (this.phone === 'hidden') delete errors.phone;
      this._errors = errors;
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this._syncStates();
  }

  protected override render() {
    const locale = this._locale();
    const t = (key: KonbiniMessageKey): string => translate(KONBINI_MESSAGES, locale, key);
    return html`
      <div class="wrap" lang=${locale}>
        ${this.fee !== undefined && this.fee > 0 && this.amount !== undefined
          ? html`<p class="fee" part="fee">
              ${translate(KONBINI_MESSAGES, locale, 'fee_line', {
                fee: formatAmount(this.fee, this.currency, locale),
                total: formatAmount(this.amount + this.fee, this.currency, locale),
              })}
            </p>`
          : nothing}
        ${this._renderStores(locale, t)}
        ${this._renderText('name', locale, t, {
          label: t('name_label'),
          placeholder: t('name_placeholder'),
          autocomplete: 'name',
          requirement: 'required',
        })}
        ${this.email === 'hidden'
          ? nothing
          : this._renderText('email', locale, t, {
              label: t('email_label'),
              placeholder: t('email_placeholder'),
              hint: t('email_hint'),
              autocomplete: 'email',
              inputmode: 'email',
              requirement: this.email,
            })}
        ${this.phone === 'hidden'
          ? nothing
          : this._renderText('phone', locale, t, {
              label: t('phone_label'),
              placeholder: t('phone_placeholder'),
              hint: t('phone_hint'),
              autocomplete: 'tel',
              inputmode: 'tel',
              type: 'tel',
              requirement: this.phone,
            })}
      </div>
    `;
  }

  private _renderStores(locale: Locale, t: (key: KonbiniMessageKey) => string) {
    const other: Locale = locale === 'ja' ? 'en' : 'ja';
    const offered = this._offered();
    const invalid = this._errors.store !== undefined;
    return html`
      <fieldset part="stores" class=${invalid ? 'fieldset-invalid' : ''} aria-describedby="store-error">
        <legend part="stores-legend label">${t('store_label')}</legend>
        ${offered.length === 0 ? html`<p class="empty-stores">${t('no_stores')}</p>` : nothing}
        <div class="stores">
          ${offered.map((store) => {
            const checked = this._store === store;
            const names = KONBINI_STORE_NAMES[store];
            return html`
              <label
                part=${checked ? 'store-option store-option-checked' : 'store-option'}
                class="store ${checked ? 'checked' : ''} ${this.disabled ? 'disabled' : ''}"
              >
                <input
                  type="radio"
                  name="store"
                  part="store-radio input"
                  .value=${store}
                  .checked=${checked}
                  ?disabled=${this.disabled}
                  required
                  aria-invalid=${invalid ? 'true' : 'false'}
                  @change=${this._onStoreChange}
                />
                <span class="names">
                  <span part="store-name" class="primary" lang=${locale}>${names[locale]}</span>
                  <span part="store-name-secondary" class="secondary" lang=${other}>${names[other]}</span>
                </span>
              </label>
            `;
          })}
        </div>
        <div id="store-error" part="store-error error" class="error" aria-live="polite" aria-atomic="true"
          >${this._message('store', locale)}</div
        >
      </fieldset>
    `;
  }

  private _renderText(
    field: TextField,
    locale: Locale,
    t: (key: KonbiniMessageKey) => string,
    o: {
      label: string;
      placeholder: string;
      hint?: string;
      autocomplete: string;
      inputmode?: 'email' | 'tel';
      type?: 'tel';
      requirement: 'required' | 'optional';
    },
  ) {
    const required = o.requirement === 'required';
    const describedBy = o.hint === undefined ? `${field}-error` : `${field}-error ${field}-hint`;
    return html`
      <div class="field">
        <div class="label-row">
          <label for=${field} part="${field}-label label">${o.label}</label>
          ${required
            ? html`<span class="tag required" aria-hidden="true">${t('field_required')}</span>`
            : html`<span class="tag">${t('field_optional')}</span>`}
        </div>
        <input
          id=${field}
          part="${field}-input input"
          type=${o.type ?? 'text'}
          inputmode=${o.inputmode ?? nothing}
          autocomplete=${o.autocomplete}
          autocapitalize=${field === 'name' ? nothing : 'off'}
          spellcheck="false"
          placeholder=${o.placeholder}
          ?required=${required}
          aria-describedby=${describedBy}
          aria-invalid=${this._errors[field] !== undefined ? 'true' : 'false'}
          ?disabled=${this.disabled}
          @input=${this._onInput}
          @compositionstart=${this._onCompositionStart}
          @compositionend=${this._onCompositionEnd}
          @blur=${this._onBlur}
          @change=${this._onChange}
        />
        ${o.hint === undefined
          ? nothing
          : html`<div id="${field}-hint" part="${field}-hint hint" class="hint">${o.hint}</div>`}
        <div id="${field}-error" part="${field}-error error" class="error" aria-live="polite" aria-atomic="true"
          >${this._message(field, locale)}</div
        >
      </div>
    `;
  }

  private _locale(): Locale {
    return this._pageLocale.locale;
  }

  private _offered(): readonly KonbiniStore[] {
    return this.stores.filter(isKonbiniStore);
  }

  private _rules() {
    return { stores: this._offered(), email: this.email, phone: this.phone };
  }

  /** With only one chain offered there is nothing to choose: it is picked. */
  private _autoPick(): void {
    const offered = this._offered();
    if (this._store === null && offered.length === 1) this._store = offered[0] ?? null;
  }

  private _input(field: TextField): HTMLInputElement | null {
    return this.renderRoot?.querySelector<HTMLInputElement>(`#${field}`) ?? null;
  }

  private _values(): KonbiniValues {
    return {
      store: this._store,
      name: this._input('name')?.value ?? '',
      email: this.email === 'hidden' ? '' : (this._input('email')?.value ?? ''),
      phone: this.phone === 'hidden' ? '' : (this._input('phone')?.value ?? ''),
    };
  }

  private _focusField(field: KonbiniField, options?: FocusOptions): void {
    if (field !== 'store') {
      this._input(field)?.focus(options);
      return;
    }
    const radios = [...this.renderRoot.querySelectorAll<HTMLInputElement>('input[type="radio"]')];
    (radios.find((radio) => radio.checked) ?? radios[0])?.focus(options);
  }

  private _message(field: KonbiniField, locale: Locale): string {
    const reason = this._errors[field];
    return reason === undefined ? '' : translate(KONBINI_MESSAGES, locale, reason);
  }

  private _check(field: KonbiniField): KonbiniErrorReason | null {
    const result = validateKonbini(this._values(), this._rules());
    return result.ok ? null : (result.errors[field] ?? null);
  }

  /** Shows the current error of `field`, or hides it when the field is now valid. */
  private _showCheck(field: KonbiniField): void {
    const reason = this._check(field);
    if (reason === this._errors[field] || (reason === null && this._errors[field] === undefined)) return;
    const { [field]: _old, ...rest } = this._errors;
    this._errors = reason === null ? rest : { ...rest, [field]: reason };
  }

  private _onStoreChange(event: Event): void {
    const radio = event.currentTarget as HTMLInputElement;
    if (!radio.checked || !isKonbiniStore(radio.value)) return;
    this._store = radio.value;
    this._picked = true;
    this._showCheck('store');
    this._changed();
    this._onChange();
  }

  private _onCompositionStart(): void {
    this._composing = true;
  }

  private _onCompositionEnd(event: CompositionEvent): void {
    this._composing = false;
    this._edited(event.currentTarget as HTMLInputElement);
  }

  private _onInput(event: Event): void {
    // Rewriting the value in the middle of an IME composition breaks it: wait for `compositionend`.
    if ((event instanceof InputEvent && event.isComposing) || this._composing) return;
    this._edited(event.currentTarget as HTMLInputElement);
  }

  /** A person typed in a text field: tidy it, update an error that is showing, tell the page. */
  private _edited(input: HTMLInputElement): void {
    const field = input.id as TextField;
    if (field === 'email' || field === 'phone') {
      // Full-width letters, digits, `＠` and `－` become ASCII as typed; the length never changes, so
      // the caret stays where it was.
      const half = toHalfWidth(input.value);
      if (half !== input.value) {
        const caret = input.selectionStart;
        input.value = half;
        if (caret !== null && this.shadowRoot?.activeElement === input) input.setSelectionRange(caret, caret);
      }
    }
    if (this._live.has(field)) this._showCheck(field);
    this._changed();
  }

  private _onBlur(event: FocusEvent): void {
    const input = event.currentTarget as HTMLInputElement;
    const field = input.id as TextField;
    const reason = this._check(field);
    // Leaving an empty field untouched is not a mistake; leaving something wrong in it is.
    if (reason !== null && !this._live.has(field) && input.value.trim() === '') return;
    this._live.add(field);
    this._showCheck(field);
  }

  private _onChange(): void {
    // A native `change` does not cross the shadow boundary; re-fire one from the host.
    this.dispatchEvent(new Event('change', { bubbles: true }));
  }

  private _changed(): void {
    this._syncStates();
    // Built apart from dispatchEvent so that the manifest analyzer keeps the documented `@event` only.
    const { amount, currency } = this;
    const fee = this.fee !== undefined && this.fee > 0 ? this.fee : undefined;
    const change = new KessaiChangeEvent({
      method: 'konbini',
      complete: this.complete,
      empty: this.empty,
      // The total of konbini, its fee included, when the checkout (or the page) told the amount.
      ...(amount !== undefined ? { total: { amount: amount + (fee ?? 0), currency, ...(fee ? { fee } : {}) } } : {}),
    });
    this.dispatchEvent(change);
  }

  /** `:state(complete)`, `:state(empty)`, `:state(invalid)` for styling from outside. */
  private _syncStates(): void {
    this._setState('invalid', KONBINI_FIELDS.some((field) => this._errors[field] !== undefined));
    this._setState('complete', this.complete);
    this._setState('empty', this.empty);
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

define('kessai-konbini-fields', KessaiKonbiniFields);

declare global {
  interface HTMLElementTagNameMap {
    'kessai-konbini-fields': KessaiKonbiniFields;
  }
}
