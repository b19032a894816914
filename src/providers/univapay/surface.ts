import type { CardSurface, SurfaceChange, SurfaceField, SurfaceTheme } from '../../core/card-surface.ts';
import type { SurfaceContext } from '../adapter.ts';
import { usableApiBase } from '../shared/api-base.ts';
import { loadProviderScript } from '../shared/script-loader.ts';
import { UNIVAPAY_DEFAULT_API_BASE } from './constants.ts';

/**
 * UnivaPay's inline form (インラインフォーム of `checkout.js`, docs/providers.md "UnivaPay") as a card
 * surface: what every UnivaPay merchant without PCI DSS must use. The card is typed into UnivaPay's
 * iframe; the page only ever holds the transaction token's id.
 *
 * Mounting puts, in the light-DOM node it is given, a `<form>` holding
 * `<span data-app-id data-checkout="token" data-token-type="one_time" data-inline="true" data-email …>`
 * (`data-token-type="recurring"` in setup mode and when the session `canSaveCard`),
 * which UnivaPay's script turns into its iframe (`univapay-checkout-connector`). Paying calls
 * `UnivapayCheckout.submit(iframe)`; UnivaPay then adds the hidden input `univapayTokenId` to the form,
 * whose value is the token the merchant's server charges. The resolved value of `submit` is not
 * documented, so the hidden input is what counts.
 *
 * The script comes from UnivaPay (`https://widget.univapay.com/client/checkout.js`) when the session's
 * API is UnivaPay's own, or from the sandbox the merchant's server named as API
 * (`<apiBase>/client/checkout.js`); never from any other URL.
 *
 * UnivaPay's inline form tells the page nothing while the shopper types (no documented events): this
 * surface never calls its change listeners, and its errors come back when paying.
 */

export const UNIVAPAY_WIDGET_URL = 'https://widget.univapay.com/client/checkout.js';

/** The hidden input UnivaPay's widget adds to the form with the token id (`checkout: token`). */
const TOKEN_INPUT = 'univapayTokenId';
/** How long to wait for UnivaPay's iframe, and for the token input after `submit` resolves. */
const IFRAME_TIMEOUT_MS = 15_000;
const TOKEN_INPUT_TIMEOUT_MS = 10_000;

interface UnivapayCheckoutGlobal {
  submit(iframe: HTMLIFrameElement): Promise<unknown>;
}

/** Where the widget script comes from: UnivaPay's, or the sandbox's beside its API. */
export function univapayWidgetUrl(apiBase: string): string | null {
  const base = usableApiBase(apiBase);
  if (base === null) return null;
  if (base.href.replace(/\/+$/, '') === UNIVAPAY_DEFAULT_API_BASE) return UNIVAPAY_WIDGET_URL;
  return `${base.href.replace(/\/+$/, '')}/client/checkout.js`;
}

/** The surface's own part, seen by the adapter only. */
export interface UnivapaySurfaceInternals {
  /** Submits UnivaPay's form; resolves with the transaction token id. Rejects with UnivaPay's message. */
  tokenize(): Promise<string>;
}

const internals = new WeakMap<CardSurface, UnivapaySurfaceInternals>();

export function univapaySurfaceInternals(surface: CardSurface): UnivapaySurfaceInternals | undefined {
  return internals.get(surface);
}

/** Waits until `find` returns something, watching `root`'s subtree; rejects after `ms`. */
function waitFor<T>(root: Node, find: () => T | null, ms: number, what: string): Promise<T> {
  const found = find();
  if (found !== null) return Promise.resolve(found);
  return new Promise<T>((resolve, reject) => {
    const observer = new MutationObserver(() => {
      const now = find();
      if (now === null) return;
      observer.disconnect();
      clearTimeout(timer);
      resolve(now);
    });
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`kessai-elements: UnivaPay's ${what} did not appear`));
    }, ms);
    observer.observe(root, { childList: true, subtree: true, attributes: true });
  });
}

/**
 * The rows of UnivaPay's form in our font (the inline form takes one item style). Not our colours:
 * UnivaPay's form keeps its own, on the light panel our layout gives it, and is not remade when our
 * colour scheme changes (that would lose what the shopper typed).
 */
function itemStyle(theme: SurfaceTheme): string {
  return `padding: 0 2px; font-family: ${theme.fontFamily}; font-size: ${theme.fontSize}`;
}

export function createUnivapaySurface(ctx: SurfaceContext): CardSurface {
  const { session } = ctx;
  let form: HTMLFormElement | null = null;
  let node: HTMLElement | null = null;
  let lastTheme: SurfaceTheme | null = null;

  function build(theme: SurfaceTheme): HTMLFormElement {
    const doc = node!.ownerDocument;
    const built = doc.createElement('form');
    built.className = 'kessai-univapay-inline-form';
    built.noValidate = true;
    // UnivaPay's widget may submit its form (`data-auto-submit`); the page must never navigate.
    built.addEventListener('submit', (event) => event.preventDefault());
    const span = doc.createElement('span');
    span.dataset['appId'] = session.publicKey;
    span.dataset['checkout'] = 'token';
    // Setup mode saves the card, and "pay and save" (`canSaveCard`) may: a recurring token from the start
    // (the form's token type is fixed when it is mounted), whose 3-D Secure UnivaPay's form runs when making it.
    span.dataset['tokenType'] = session.mode === 'setup' || session.canSaveCard ? 'recurring' : 'one_time';
    span.dataset['inline'] = 'true';
    span.dataset['locale'] = ctx.locale === 'ja' ? 'ja-jp' : 'en-us';
    span.dataset['inlineItemStyle'] = itemStyle(theme);
    const email = session.extra?.['email'];
    // UnivaPay requires an email on card tokens: the merchant's server gives it, or UnivaPay's form asks.
    if (email) span.dataset['email'] = email;
    built.append(span);
    return built;
  }

  const iframeOf = (): HTMLIFrameElement | null => form?.querySelector('iframe') ?? null;

  const surface: CardSurface = {
    fields: ['card'] satisfies SurfaceField[],
    collectsName: true,
    reportsChanges: false,
    async mount(nodes, theme) {
      const target = nodes.card;
      if (!target) throw new Error('kessai-elements: UnivaPay needs one mount node for the whole card');
      const url = univapayWidgetUrl(session.apiBase);
      if (url === null) throw new Error('kessai-elements: the session names no usable UnivaPay API');
      node = target;
      lastTheme = theme;
      form = build(theme);
      target.replaceChildren(form);
      const mounted = form;
      await loadProviderScript(url, target.ownerDocument);
      await waitFor(mounted, () => mounted.querySelector('iframe'), IFRAME_TIMEOUT_MS, 'form');
    },
    unmount() {
      form?.remove();
      form = null;
    },
    focus() {
      iframeOf()?.focus();
    },
    clear() {
      // The inline form has no way to empty itself: a new one replaces it.
      if (node === null || lastTheme === null) return;
      const theme = lastTheme;
      const target = node;
      surface.unmount();
      void surface.mount({ card: target }, theme).catch(() => undefined);
    },
    update(theme) {
      // The inline form takes its look when it is made; it is not remade under the shopper's typing.
      lastTheme = theme;
    },
    onChange(_listener: (change: SurfaceChange) => void) {
      return () => undefined;
    },
  };

  internals.set(surface, {
    async tokenize() {
      const iframe = iframeOf();
      const checkout = (globalThis as { UnivapayCheckout?: UnivapayCheckoutGlobal }).UnivapayCheckout;
      const submitting = form;
      if (!iframe || !checkout || !submitting) throw new Error('kessai-elements: UnivaPay\'s form is not ready');
      submitting.querySelector<HTMLInputElement>(`input[name="${TOKEN_INPUT}"]`)?.remove();
      await checkout.submit(iframe);
      // UnivaPay adds the input when the token exists, possibly just after `submit` resolves.
      const input = await waitFor(
        submitting,
        () => submitting.querySelector<HTMLInputElement>(`input[name="${TOKEN_INPUT}"]`),
        TOKEN_INPUT_TIMEOUT_MS,
        'token',
      );
      return input.value;
    },
  });
  return surface;
}
