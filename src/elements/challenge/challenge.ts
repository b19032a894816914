import { LitElement, css, html, type TemplateResult } from 'lit';
import { property } from 'lit/decorators/property.js';
import { query } from 'lit/decorators/query.js';
import { translate, type Catalogue } from '../../core/i18n/translate.ts';
import { resolveLocale, type Locale } from '../../core/locale.ts';
import type { NextAction } from '../../core/outcome.ts';
import { safeUrl } from '../../core/safe-url.ts';
import { CHALLENGE_MESSAGE_TYPE, challengeMessageSchema } from '../../flow/challenge-frame.ts';
import { createPostForm } from '../../flow/post-form.ts';
import { define } from '../shared/define.ts';
import { themeStyles } from '../shared/theme.styles.ts';

const MESSAGES = {
  title: { ja: 'カード会社による本人認証', en: 'Confirm it is you' },
  text: {
    ja: 'カード会社の画面で認証を完了してください。',
    en: "Complete the check in your card issuer's window.",
  },
  frame_title: { ja: '3Dセキュア本人認証', en: '3-D Secure authentication' },
  cancel: { ja: 'キャンセル', en: 'Cancel' },
} as const satisfies Catalogue<string>;

let frameCount = 0;

/**
 * The 3-D Secure challenge in a modal frame over the page (`<kessai-checkout challenge="iframe">`).
 * A native modal `<dialog>`: the rest of the page is inert while it is open, so focus stays inside (the
 * frame and the Cancel button, which has focus first); Escape or Cancel closes it. The provider sends the frame back to the
 * checkout page, whose checkout posts the return to this element; a message is accepted only from this
 * page's own origin and from this element's own frame.
 *
 * The checkout page must allow being framed by itself (`frame-ancestors 'self'`), and the provider's
 * challenge page must allow being framed; where either does not, use the default redirect.
 *
 * @summary The 3-D Secure challenge in a modal frame, with Cancel.
 * @tag kessai-challenge
 *
 * @csspart dialog - The modal dialog.
 * @csspart title - Its heading.
 * @csspart frame - The iframe of the challenge page.
 * @csspart button - The Cancel button.
 * @csspart cancel-button - The Cancel button.
 *
 * @cssproperty --kessai-challenge-width - Width of the dialog (default `min(440px, 100vw - 32px)`).
 * @cssproperty --kessai-challenge-height - Height of the frame (default `min(600px, 100vh - 180px)`).
 */
export class KessaiChallenge extends LitElement {
  static override styles = [
    themeStyles,
    css`
      dialog {
        width: var(--kessai-challenge-width, min(440px, calc(100vw - 32px)));
        max-width: none;
        padding: var(--_space);
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        background: var(--_bg);
        color: var(--_text);
        font: inherit;
      }
      dialog::backdrop {
        background: rgb(0 0 0 / 0.5);
      }
      h2 {
        margin: 0 0 4px;
        font-size: 1.0625em;
      }
      p {
        margin: 0 0 var(--_space);
        color: var(--_muted);
        font-size: 0.875em;
      }
      iframe {
        display: block;
        width: 100%;
        height: var(--kessai-challenge-height, min(600px, calc(100vh - 180px)));
        border: 1px solid var(--_border);
        border-radius: calc(var(--_radius) / 2);
        background: #fff;
      }
      button {
        margin-top: var(--_space);
        width: 100%;
        min-height: 44px;
        font: inherit;
        font-weight: 600;
        color: var(--_primary);
        background: transparent;
        border: 1px solid var(--_primary);
        border-radius: var(--_radius);
        cursor: pointer;
      }
      button:focus-visible,
      iframe:focus-visible {
        outline: 2px solid var(--_focus);
        outline-offset: 2px;
      }
    `,
  ];

  /** `ja` or `en`. When unset: the page's `lang`, then the browser's languages, then Japanese. */
  @property() locale?: Locale;

  /** Origins trusted beside `https:` for the challenge page (the sandbox on plain http). */
  @property({ attribute: false }) trustedOrigins: readonly string[] = [];

  @query('dialog') private _dialog!: HTMLDialogElement;
  @query('iframe') private _frame!: HTMLIFrameElement;
  @query('button') private _cancelButton!: HTMLButtonElement;

  private readonly _frameName = `kessai-challenge-${++frameCount}`;
  private _finish?: (search: string | null) => void;

  /** Whether the challenge is showing. */
  get open(): boolean {
    return this._finish !== undefined;
  }

  /**
   * Shows `action` in the frame and resolves with the query string of the return, or null when the
   * shopper canceled, `signal` was aborted, or the URL is not safe.
   */
  async run(action: NextAction, signal: AbortSignal): Promise<string | null> {
    this._finish?.(null);
    const url = safeUrl(action.url, this.trustedOrigins);
    if (url === null || signal.aborted) return null;
    await this.updateComplete;
    return new Promise<string | null>((resolve) => {
      const onMessage = (event: MessageEvent): void => {
        if (event.origin !== location.origin || event.source !== this._frame.contentWindow) return;
        const parsed = challengeMessageSchema.safeParse(event.data);
        if (parsed.success && parsed.data.type === CHALLENGE_MESSAGE_TYPE) finish(parsed.data.search);
      };
      const onAbort = (): void => finish(null);
      const finish = (search: string | null): void => {
        if (this._finish !== finish) return;
        this._finish = undefined;
        window.removeEventListener('message', onMessage);
        signal.removeEventListener('abort', onAbort);
        if (this._dialog.open) this._dialog.close();
        this._frame.src = 'about:blank';
        resolve(search);
      };
      this._finish = finish;
      window.addEventListener('message', onMessage);
      signal.addEventListener('abort', onAbort, { once: true });
      this._dialog.showModal();
      this._load(action, url);
      // Focus stays in this document (on Cancel) so that Escape works; the frame is one Tab away.
      this._cancelButton.focus();
    });
  }

  /** Closes the challenge as if the shopper pressed Cancel. */
  cancel(): void {
    this._finish?.(null);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.cancel();
  }

  protected override render(): TemplateResult {
    const locale = resolveLocale(this.locale ?? null, document.documentElement.lang, navigator.languages);
    const t = (key: keyof typeof MESSAGES): string => translate(MESSAGES, locale, key);
    return html`<dialog
      part="dialog"
      lang=${locale}
      aria-labelledby="title"
      aria-describedby="text"
      @cancel=${this._onEscape}
    >
      <h2 id="title" part="title">${t('title')}</h2>
      <p id="text">${t('text')}</p>
      <iframe
        part="frame"
        name=${this._frameName}
        title=${t('frame_title')}
        src="about:blank"
        sandbox="allow-scripts allow-forms allow-same-origin allow-popups"
      ></iframe>
      <button part="button cancel-button" type="button" @click=${this.cancel}>${t('cancel')}</button>
    </dialog>`;
  }

  private _onEscape(event: Event): void {
    event.preventDefault();
    this.cancel();
  }

  private _load(action: NextAction, url: URL): void {
    if (action.type === 'redirect') {
      this._frame.src = url.href;
      return;
    }
    // A POST into the frame, through a form of hidden inputs that is removed once submitted.
    const form = createPostForm(document, url, action.fields, this._frameName);
    this.renderRoot.append(form);
    form.submit();
    form.remove();
  }
}

define('kessai-challenge', KessaiChallenge);

declare global {
  interface HTMLElementTagNameMap {
    'kessai-challenge': KessaiChallenge;
  }
}
