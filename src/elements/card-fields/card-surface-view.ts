import { css, html, type nothing, type TemplateResult } from 'lit';
import {
  SURFACE_SLOT_PREFIX,
  type CardSurface,
  type SurfaceChange,
  type SurfaceField,
  type SurfaceTheme,
} from '../../core/card-surface.ts';
import { CARD_MESSAGES, type CardErrorReason } from '../../core/i18n/card-messages.ts';
import { translate, type Catalogue } from '../../core/i18n/translate.ts';
import type { Locale } from '../../core/locale.ts';

/**
 * `<kessai-card-fields>` around a provider's own card form (a card surface, `src/core/card-surface.ts`):
 * our labels, hints, errors and layout, with the provider's iframes in between. Loaded only when a
 * session takes cards in the provider's form, so `kessai.js` does not carry it.
 *
 * The provider's iframes refuse shadow roots, so their mount nodes are made in the light DOM of
 * `mountHost` (the card fields themselves, or the checkout that holds them) as
 * `<div slot="kessai-surface-<field>">`, and projected here through slots of the same names.
 */

/** The view's own styles, adopted by the element's shadow root when the view is first shown. */
export const surfaceViewStyles = css`
  .label {
    font-size: 0.875em;
    font-weight: 600;
    color: var(--_text);
    cursor: default;
  }
  .surface-slot {
    display: block;
    min-height: 44px;
  }
  .surface-number,
  .surface-expiry,
  .surface-cvc {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    padding: 11px 12px;
  }
  .surface-slot:focus-within {
    outline: 2px solid var(--_focus);
    outline-offset: 1px;
  }
  .surface-slot.invalid {
    border-color: var(--_danger);
  }
  /* A provider's whole-card form keeps its own colours: it sits on a light panel whatever our scheme. */
  .surface-card {
    background: #ffffff;
    color-scheme: light;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 8px;
  }
  .surface-card ::slotted(*) {
    display: block;
    width: 100%;
  }
  .surface-failed {
    color: var(--_danger);
  }
  .retry {
    font: inherit;
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 8px 14px;
    min-height: 44px;
    cursor: pointer;
  }
  .retry:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
`;

type ViewMessageKey = 'card_label' | 'card_hint' | 'load_failed' | 'retry' | 'loading';

const VIEW_MESSAGES: Catalogue<ViewMessageKey> = {
  card_label: { ja: 'カード情報', en: 'Card details' },
  card_hint: {
    ja: 'カード情報は決済サービスの入力欄に直接入力され、ショップには送られません',
    en: 'Your card goes straight to the payment service, never to the shop',
  },
  load_failed: {
    ja: 'カード入力欄を読み込めませんでした。通信環境をご確認ください。',
    en: 'The card form could not be loaded. Check your connection.',
  },
  retry: { ja: 'もう一度読み込む', en: 'Load again' },
  loading: { ja: 'カード入力欄を読み込み中…', en: 'Loading the card form…' },
};

/** What the view needs from the element that shows it. */
export interface SurfaceViewHost {
  /** Where the mount nodes go: the page's light DOM. */
  mountHost(): HTMLElement;
  /** The element whose theme tokens (`--_text`…) are read. */
  themeSource(): HTMLElement;
  locale(): Locale;
  /** The accepted brands' names, listed for `locale` (for `number_unsupported`). */
  brands(locale: Locale): string;
  requestUpdate(): void;
  /** After a shopper's edit in the provider's form. */
  changed(): void;
}

/**
 * Shows `surface` in `element`: adopts the view's styles into its shadow root, makes the view and
 * attaches it when the element is on the page.
 */
export function hostSurface(
  surface: CardSurface,
  element: LitElementLike,
  host: Pick<SurfaceViewHost, 'mountHost' | 'locale' | 'brands' | 'changed'>,
): CardSurfaceView {
  const root = element.shadowRoot;
  const sheet = surfaceViewStyles.styleSheet;
  if (root && sheet && !root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  const view = new CardSurfaceView(surface, {
    ...host,
    themeSource: () => element,
    requestUpdate: () => element.requestUpdate(),
  });
  if (element.isConnected) view.attach();
  return view;
}

type LitElementLike = HTMLElement & { requestUpdate(): void };

const LABEL_KEY: Readonly<Record<SurfaceField, 'number_label' | 'expiry_label' | 'cvc_label' | null>> = {
  number: 'number_label',
  expiry: 'expiry_label',
  cvc: 'cvc_label',
  card: null,
};

/** Our reason for a field the provider reported incomplete or never reported, on Pay. */
const MISSING: Readonly<Record<SurfaceField, { empty: CardErrorReason; incomplete: CardErrorReason }>> = {
  number: { empty: 'number_required', incomplete: 'number_incomplete' },
  expiry: { empty: 'expiry_required', incomplete: 'expiry_invalid' },
  cvc: { empty: 'cvc_required', incomplete: 'cvc_incomplete' },
  card: { empty: 'number_required', incomplete: 'number_incomplete' },
};

type ShownError = SurfaceChange['error'];

export class CardSurfaceView {
  private readonly _nodes = new Map<SurfaceField, HTMLElement>();
  private readonly _changes = new Map<SurfaceField, SurfaceChange>();
  private readonly _errors = new Map<SurfaceField, ShownError>();
  private _phase: 'mounting' | 'mounted' | 'failed' = 'mounting';
  private _stop: (() => void) | undefined;
  private _themeWatch: MutationObserver | undefined;
  private _colorScheme: MediaQueryList | undefined;
  private _theme = '';
  private _attached = false;

  constructor(
    readonly surface: CardSurface,
    private readonly host: SurfaceViewHost,
  ) {}

  /** Makes the mount nodes and mounts the provider's form (again after a failure). */
  attach(): void {
    if (this._attached) return;
    this._attached = true;
    this._phase = 'mounting';
    const mountHost = this.host.mountHost();
    const doc = mountHost.ownerDocument;
    for (const field of this.surface.fields) {
      const node = doc.createElement('div');
      node.slot = `${SURFACE_SLOT_PREFIX}${field}`;
      node.className = `kessai-surface-mount kessai-surface-${field}`;
      mountHost.append(node);
      this._nodes.set(field, node);
    }
    this._stop = this.surface.onChange((change) => this._onChange(change));
    const theme = this._readTheme();
    this.surface.mount(Object.fromEntries(this._nodes), theme).then(
      () => {
        if (!this._attached) return;
        this._phase = 'mounted';
        this._watchTheme();
        this.host.requestUpdate();
      },
      () => {
        if (!this._attached) return;
        this._phase = 'failed';
        this.host.requestUpdate();
      },
    );
    this.host.requestUpdate();
  }

  /** Takes the provider's form out and removes the mount nodes. */
  detach(): void {
    if (!this._attached) return;
    this._attached = false;
    this._stop?.();
    this._themeWatch?.disconnect();
    this._colorScheme?.removeEventListener('change', this._onThemeMaybeChanged);
    this.surface.unmount();
    for (const node of this._nodes.values()) node.remove();
    this._nodes.clear();
  }

  /**
   * Every field the provider reports complete (a surface that reports nothing is taken as complete once
   * mounted), and our name input valid where it is shown.
   */
  complete(nameValid: boolean): boolean {
    if (!this.surface.collectsName && !nameValid) return false;
    if (!this.surface.reportsChanges) return this._phase === 'mounted';
    return this.surface.fields.every((field) => this._changes.get(field)?.complete === true);
  }

  /** Nothing typed in the provider's form, nor in our name input where it is shown. */
  empty(name: string): boolean {
    const ours = this.surface.collectsName || name.trim() === '';
    return ours && this.surface.fields.every((field) => this._changes.get(field)?.empty !== false);
  }

  /**
   * What Pay sends with the provider's form: our name where we take it. Shows what is missing (our name
   * through `checkName`) and returns null when something is.
   */
  collect(checkName: () => boolean, name: string): { readonly surface: { readonly name?: string } } | null {
    const nameOk = this.surface.collectsName || checkName();
    if (!this.check() || !nameOk) return null;
    return { surface: this.surface.collectsName ? {} : { name: name.trim() } };
  }

  get brand(): string | undefined {
    for (const change of this._changes.values()) if (change.brand) return change.brand;
    return undefined;
  }

  /**
   * On Pay: shows what is missing where the provider tells, and focuses the first such field. True
   * when the provider's form may be submitted.
   */
  check(): boolean {
    if (this._phase !== 'mounted') return false;
    if (!this.surface.reportsChanges) return true;
    let first: SurfaceField | null = null;
    for (const field of this.surface.fields) {
      const change = this._changes.get(field);
      if (change?.complete) continue;
      const reason = change === undefined || change.empty ? MISSING[field].empty : MISSING[field].incomplete;
      this._errors.set(field, change?.error ?? { reason });
      first ??= field;
    }
    this.host.requestUpdate();
    if (first !== null) this.surface.focus(first);
    return first === null;
  }

  clear(): void {
    this._changes.clear();
    this._errors.clear();
    this.surface.clear();
    this.host.requestUpdate();
  }

  focus(): void {
    const first = this.surface.fields[0];
    if (first !== undefined) this.surface.focus(first);
  }

  /** Our layout around the provider's mount points; `nameField` is our own name input, if shown. */
  render(nameField: TemplateResult | typeof nothing): TemplateResult {
    const locale = this.host.locale();
    const t = (key: ViewMessageKey): string => translate(VIEW_MESSAGES, locale, key);
    if (this._phase === 'failed') {
      return html`<div class="surface-failed" part="surface-error" role="alert">
        <p>${t('load_failed')}</p>
        <button class="retry" part="surface-retry-button" type="button" @click=${this._retry}>${t('retry')}</button>
      </div>`;
    }
    const busy = this._phase === 'mounting';
    return html`<div class="grid" role="group" aria-label=${translate(CARD_MESSAGES, locale, 'card_details')} aria-busy=${busy ? 'true' : 'false'}>
      ${this.surface.fields.map((field) => this._renderField(field, locale))}
      ${nameField}
      <div class="hint full" part="surface-hint">${busy ? t('loading') : t('card_hint')}</div>
    </div>`;
  }

  // The label is not focusable: keyboard users reach the provider's field itself by Tab, and a click on
  // the label focuses that field, as a <label> does for an input.
  /* eslint-disable lit-a11y/click-events-have-key-events */
  private _renderField(field: SurfaceField, locale: Locale): TemplateResult {
    const labelKey = LABEL_KEY[field];
    const label = labelKey === null ? translate(VIEW_MESSAGES, locale, 'card_label') : translate(CARD_MESSAGES, locale, labelKey);
    const error = this._errors.get(field);
    const message =
      error === undefined ? '' : 'reason' in error ? translate(CARD_MESSAGES, locale, error.reason, { brands: this.host.brands(locale) }) : error.message;
    const full = field === 'number' || field === 'card';
    return html`<div class=${full ? 'field full' : 'field'}>
      <span class="label" part=${`${field}-label`} id=${`${field}-label`} @click=${() => this.surface.focus(field)}
        >${label}</span
      >
      <div
        class=${`surface-slot surface-${field}${error !== undefined ? ' invalid' : ''}`}
        part=${`${field}-surface`}
        role="group"
        aria-labelledby=${`${field}-label`}
      >
        <slot name=${`${SURFACE_SLOT_PREFIX}${field}`}></slot>
      </div>
      <div id=${`${field}-error`} part=${`${field}-error`} class="error" aria-live="polite" aria-atomic="true"
        >${message}</div
      >
    </div>`;
  }

  /* eslint-enable lit-a11y/click-events-have-key-events */

  private readonly _retry = (): void => {
    this.detach();
    this.attach();
  };

  private _onChange(change: SurfaceChange): void {
    this._changes.set(change.field, change);
    if (change.error !== undefined) this._errors.set(change.field, change.error);
    else this._errors.delete(change.field);
    this.host.requestUpdate();
    this.host.changed();
  }

  /** Our theme tokens as they resolve now on the element (dark mode and the merchant's values included). */
  private _readTheme(): SurfaceTheme {
    const style = getComputedStyle(this.host.themeSource());
    const token = (name: string, fallback: string): string => style.getPropertyValue(name).trim() || fallback;
    return {
      color: token('--_text', '#1a1f36'),
      placeholder: token('--_muted', '#5b6275'),
      danger: token('--_danger', '#c4262e'),
      background: token('--_bg', '#ffffff'),
      primary: token('--_primary', '#0b5cff'),
      fontFamily: token('--_font', 'system-ui, sans-serif'),
      fontSize: token('--_font-size', '16px'),
      locale: this.host.locale(),
    };
  }

  /**
   * Follows theme changes while mounted: the colour scheme, and the page changing `--kessai-*` (a
   * `style` or `class` attribute anywhere) — each re-read once per frame and passed on only when it
   * changed.
   */
  private _watchTheme(): void {
    this._theme = JSON.stringify(this._readTheme());
    const doc = this.host.mountHost().ownerDocument;
    this._themeWatch = new MutationObserver(this._onThemeMaybeChanged);
    this._themeWatch.observe(doc.documentElement, { attributes: true, attributeFilter: ['style', 'class'], subtree: true });
    this._colorScheme = doc.defaultView?.matchMedia('(prefers-color-scheme: dark)');
    this._colorScheme?.addEventListener('change', this._onThemeMaybeChanged);
  }

  private _themeFrame = 0;
  private readonly _onThemeMaybeChanged = (): void => {
    if (this._themeFrame !== 0) return;
    this._themeFrame = requestAnimationFrame(() => {
      this._themeFrame = 0;
      if (!this._attached) return;
      const theme = this._readTheme();
      const json = JSON.stringify(theme);
      if (json === this._theme) return;
      this._theme = json;
      this.surface.update(theme);
    });
  };
}
