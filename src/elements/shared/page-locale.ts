import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { resolveLocale, type Locale } from '../../core/locale.ts';

/**
 * The language an element speaks: its own `locale` attribute, else the page's `lang`, else the
 * browser's languages. A page may change its `lang` at any time (a language switcher), so the
 * controller watches it while the element is connected and re-renders the host when it changes.
 */
export class PageLocaleController implements ReactiveController {
  private _observer?: MutationObserver;

  constructor(private readonly _host: ReactiveControllerHost & { locale?: Locale | undefined }) {
    _host.addController(this);
  }

  get locale(): Locale {
    return resolveLocale(this._host.locale ?? null, document.documentElement.lang, navigator.languages);
  }

  hostConnected(): void {
    this._observer = new MutationObserver(() => this._host.requestUpdate());
    this._observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
  }

  hostDisconnected(): void {
    this._observer?.disconnect();
    this._observer = undefined;
  }
}
