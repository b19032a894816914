import { LitElement, html, nothing, type PropertyValues } from 'lit';
// Each decorator from its own module: the barrel would bring every decorator any chunk uses into kessai.js.
import { property } from 'lit/decorators/property.js';
import { state } from 'lit/decorators/state.js';
import { BRAND_INFO, type CardBrand } from '../../core/card/brand.ts';
import { translate, type Catalogue } from '../../core/i18n/translate.ts';
import type { Locale } from '../../core/locale.ts';
import type { ClientSession } from '../../core/protocol.ts';
import { define } from '../shared/define.ts';
import { KessaiChangeEvent } from '../shared/events.ts';
import { PageLocaleController } from '../shared/page-locale.ts';
import { fieldStyles, themeStyles } from '../shared/theme.styles.ts';
import { savedCardsStyles } from './saved-cards.styles.ts';

/** One saved card as the session lists it: brand, last four, expiry and an opaque id. */
export type SavedCard = NonNullable<ClientSession['savedCards']>[number];

/** What the shopper chose: a saved card, a new card on the provider's page, or a new card in the fields (null). */
export type SavedCardChoice = { readonly saved: string } | { readonly hosted: { readonly save: boolean } } | null;

type Key = 'legend' | 'new_card' | 'ending' | 'expires' | 'expired' | 'hosted_note' | 'save';

const MESSAGES: Catalogue<Key> = {
  legend: { ja: 'お支払いに使うカード', en: 'Card to pay with' },
  new_card: { ja: '新しいカードを使う', en: 'Use a new card' },
  ending: { ja: '{brand} 末尾 {last4}', en: '{brand} ending in {last4}' },
  expires: { ja: '有効期限 {month}/{year}', en: 'Expires {month}/{year}' },
  expired: { ja: '有効期限切れ', en: 'Expired' },
  hosted_note: {
    ja: 'カード情報は次の画面(決済サービスの安全なページ)で入力します。',
    en: "You will enter the card on the payment service's secure page next.",
  },
  save: { ja: 'このカードを保存する', en: 'Save this card' },
};

/** Year and month now in Japan: a card is valid to the end of its expiry month. */
function nowInJapan(now: Date): { year: number; month: number } {
  const jst = new Date(now.getTime() + 9 * 3600_000);
  return { year: jst.getUTCFullYear(), month: jst.getUTCMonth() + 1 };
}

export function isExpired(card: Pick<SavedCard, 'expMonth' | 'expYear'>, now: Date = new Date()): boolean {
  const { year, month } = nowInJapan(now);
  return card.expYear < year || (card.expYear === year && card.expMonth < month);
}

function brandName(brand: string): string {
  return (BRAND_INFO as Partial<Record<string, { label: string }>>)[brand as CardBrand]?.label ?? brand.toUpperCase();
}

/**
 * A returning shopper's saved cards, first in the card panel: a radio group (arrow keys move between
 * cards), each card its brand, last four and expiry, an expired card shown but not selectable, and "Use
 * a new card" last. Card data never reaches it: the session gives brand, last four, expiry and an
 * opaque id, and paying with a card sends only that id to the merchant's endpoint.
 *
 * When new cards are taken on the provider's own page (`hosted`), choosing a new card says so. If the
 * merchant allows it (`can-save`), a new card (on the provider's page, typed into our card fields, or
 * into a provider's own card form whose session says it can save it) comes with "Save this card";
 * without saved cards and with card fields, that box is all it shows.
 *
 * @tag kessai-saved-cards
 * @summary A returning shopper's saved cards as a radio group, with "Use a new card" last.
 *
 * @event kessai-change - The shopper chose another card. Detail: `{ method: 'card', complete, empty }`
 *   (`complete` when a saved card is chosen, or a new card on the provider's page).
 *
 * @csspart legend - The group's legend.
 * @csspart option - Each option (a label holding the radio and the card).
 * @csspart option-checked - The chosen option.
 * @csspart option-expired - An expired card's option.
 * @csspart radio - Each radio input.
 * @csspart hosted-note - "You will enter the card on the payment service's secure page next."
 * @csspart save - The "Save this card" label and its checkbox.
 *
 * @cssproperty --kessai-color-primary - Border of the chosen option and the radio.
 * @cssproperty --kessai-color-text - Text.
 * @cssproperty --kessai-color-text-muted - Expiry, an expired card, the note.
 * @cssproperty --kessai-color-background - Option background.
 * @cssproperty --kessai-color-surface - Background of the chosen option.
 * @cssproperty --kessai-color-border - Option borders.
 * @cssproperty --kessai-color-focus - Focus ring.
 * @cssproperty --kessai-radius - Corner radius.
 */
export class KessaiSavedCards extends LitElement {
  static override styles = [themeStyles, fieldStyles, savedCardsStyles];

  /** The saved cards, as `session.savedCards` lists them. */
  @property({ attribute: false }) cards: readonly SavedCard[] = [];

  /** New cards are taken on the provider's own page (no card fields): say so, and offer saving. */
  @property({ type: Boolean }) hosted = false;

  /** The merchant lets the shopper save a new card: the "Save this card" box with a new card. */
  @property({ type: Boolean, attribute: 'can-save' }) canSave = false;

  /** The three above from a session (the checkout sets this). */
  @property({ attribute: false })
  set session(session: Pick<ClientSession, 'savedCards' | 'cardEntry' | 'canSaveCard'> | undefined) {
    this.cards = session?.savedCards ?? [];
    this.hosted = session?.cardEntry === 'hosted';
    // With a provider's own form (`surface`) too: the session says so only when that form can save it.
    this.canSave = session?.canSaveCard === true;
  }

  /** A new card typed into the card fields, to be saved: "Save this card" ticked. */
  get saveCard(): boolean {
    return this.canSave && this._save && this.fields;
  }

  /** Whether the card fields are wanted: a new card chosen, typed into the fields (not `hosted`). */
  get fields(): boolean {
    return this.selected === 'new' && !this.hosted;
  }

  /** `ja` or `en`. When unset: the page's `lang`, then the browser's languages, then Japanese. */
  @property() locale?: Locale;

  @property({ type: Boolean, reflect: true }) disabled = false;

  /** The chosen card's id, or `new`. */
  @state() selected = 'new';
  @state() private _save = false;

  private readonly _pageLocale = new PageLocaleController(this);
  private _touched = false;

  /** What to pay with (`method: 'card'`); `null` when a new card is typed into the card fields. */
  choice(): ({ readonly method: 'card' } & NonNullable<SavedCardChoice>) | null {
    if (this.selected !== 'new') return { method: 'card', saved: this.selected };
    return this.hosted ? { method: 'card', hosted: { save: this.canSave && this._save } } : null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('cards')) {
      const usable = this.cards.filter((card) => !isExpired(card));
      // The first usable card is chosen for a returning shopper, until they choose themselves.
      if (!this._touched || !usable.some((card) => card.id === this.selected)) this.selected = usable[0]?.id ?? 'new';
    }
  }

  private _t(key: Key, params?: Record<string, string>): string {
    return translate(MESSAGES, this._pageLocale.locale, key, params);
  }

  private _choose(id: string): void {
    this._touched = true;
    this.selected = id;
    this.dispatchEvent(new KessaiChangeEvent({ method: 'card', complete: id !== 'new' || this.hosted, empty: false }));
  }

  private _option(id: string, label: TemplateLike, expired = false): TemplateLike {
    const checked = this.selected === id;
    const parts = `option${checked ? ' option-checked' : ''}${expired ? ' option-expired' : ''}`;
    return html`<label class="option${checked ? ' checked' : ''}${expired ? ' expired' : ''}" part=${parts}>
      <input
        type="radio"
        name="saved-card"
        part="radio"
        .value=${id}
        .checked=${checked}
        ?disabled=${this.disabled || expired}
        @change=${() => this._choose(id)}
      />${label}</label
    >`;
  }

  protected override render(): TemplateLike {
    const cards = this.cards.map((card) => {
      const expired = isExpired(card);
      const month = String(card.expMonth).padStart(2, '0');
      const year = String(card.expYear % 100).padStart(2, '0');
      return this._option(
        card.id,
        html`<span class="card"
          ><span>${this._t('ending', { brand: brandName(card.brand), last4: card.last4 })}</span
          ><span class="expiry">${expired ? this._t('expired') : this._t('expires', { month, year })}</span></span
        >`,
        expired,
      );
    });
    const isNew = this.selected === 'new';
    const save =
      this.canSave && isNew
        ? html`<label class="save" part="save"
            ><input
              type="checkbox"
              .checked=${this._save}
              ?disabled=${this.disabled}
              @change=${(e: Event) => {
                this._save = (e.target as HTMLInputElement).checked;
              }}
            />${this._t('save')}</label
          >`
        : nothing;
    // A first-time shopper, the card typed into the card fields: only "Save this card" (under the fields).
    if (this.cards.length === 0 && !this.hosted) return save;
    return html`<fieldset>
      <legend part="legend">${this._t('legend')}</legend>
      <div class="options">${cards}${this._option('new', html`<span>${this._t('new_card')}</span>`)}</div>
      ${this.hosted && isNew ? html`<p class="hosted" part="hosted-note">${this._t('hosted_note')}</p>` : nothing}
      ${save}
    </fieldset>`;
  }
}

type TemplateLike = ReturnType<typeof html> | typeof nothing;

define('kessai-saved-cards', KessaiSavedCards);

declare global {
  interface HTMLElementTagNameMap {
    'kessai-saved-cards': KessaiSavedCards;
  }
}
