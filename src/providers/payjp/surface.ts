import type { Appearance, PayjpPaymentForm, PayjpWidgets } from '@payjp/payments-js';
import type { CardSurface, SurfaceChange, SurfaceField, SurfaceTheme } from '../../core/card-surface.ts';
import type { SurfaceContext } from '../adapter.ts';
import { PAYJP_CLIENT_SECRET_KEY } from './constants.ts';
import { payjpFor } from './payments-js.ts';

/**
 * PAY.JP's payment form (payments.js v2 `widgets().createForm('payment')`, docs/providers.md "PAY.JP") as
 * a card surface: one iframe for the whole card, under our label, in the page's light DOM. Card only
 * (the flow allows `card` alone); the form's own billing fields are off (`billingDetails: 'never'`):
 * the name is our own input and goes in `payment_method_data.billing_details`.
 *
 * Our tokens become the widgets' `appearance` (`theme` plus `colorPrimary`, `colorBackground`,
 * `colorText`, `colorDanger`, `fontFamily`, `fontSizeBase`; PAY.JP has no radius variable) and follow
 * theme changes through `widgets.update`. The form's `change` events (`complete`, `empty`) are our
 * changes; PAY.JP tells no brand and shows its own validation messages inside its frame.
 */

const READY_TIMEOUT_MS = 15_000;

/** Our theme as PAY.JP's appearance. */
export function payjpAppearance(theme: SurfaceTheme, dark: boolean): Appearance {
  return {
    theme: dark ? 'dark' : 'payjp',
    variables: {
      colorPrimary: theme.primary,
      colorBackground: theme.background,
      colorText: theme.color,
      colorDanger: theme.danger,
      fontFamily: theme.fontFamily,
      fontSizeBase: theme.fontSize,
    },
  };
}

/** Whether a CSS colour is dark (PAY.JP's `dark` theme then), from its rgb()/hex value. */
function isDark(colour: string): boolean {
  const hex = /^#([0-9a-f]{6})$/i.exec(colour.trim());
  const rgb = /^rgba?\((\d+)[,\s]+(\d+)[,\s]+(\d+)/i.exec(colour.trim());
  const [r, g, b] = hex
    ? [0, 2, 4].map((i) => Number.parseInt(hex[1]!.slice(i, i + 2), 16))
    : rgb
      ? [rgb[1], rgb[2], rgb[3]].map(Number)
      : [255, 255, 255];
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b! < 128;
}

export interface PayjpSurfaceInternals {
  readonly widgets: PayjpWidgets;
}

const internals = new WeakMap<CardSurface, () => PayjpSurfaceInternals | undefined>();

export function payjpSurfaceInternals(surface: CardSurface): PayjpSurfaceInternals | undefined {
  return internals.get(surface)?.();
}

export function createPayjpSurface(ctx: SurfaceContext): CardSurface {
  let widgets: PayjpWidgets | null = null;
  let form: PayjpPaymentForm | null = null;
  let node: HTMLElement | null = null;
  const listeners = new Set<(change: SurfaceChange) => void>();

  function makeForm(target: HTMLElement, made: PayjpWidgets): Promise<void> {
    const created = made.createForm('payment', { fields: { billingDetails: 'never' }, paymentMethodOrder: ['card'] });
    form = created;
    created.on('change', (event) => {
      const change: SurfaceChange = { field: 'card', complete: event.complete, empty: event.empty };
      for (const listener of listeners) listener(change);
    });
    const ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("kessai-elements: PAY.JP's form did not load")), READY_TIMEOUT_MS);
      created.on('ready', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    created.mount(target);
    return ready;
  }

  const surface: CardSurface = {
    fields: ['card'] satisfies SurfaceField[],
    collectsName: false,
    reportsChanges: true,
    async mount(nodes, theme) {
      const target = nodes.card;
      if (!target) throw new Error('kessai-elements: PAY.JP needs one mount node for the whole card');
      const clientSecret = ctx.session.extra?.[PAYJP_CLIENT_SECRET_KEY];
      if (!clientSecret) throw new Error('kessai-elements: the PAY.JP session has no client secret');
      const payments = await payjpFor(ctx.session, target.ownerDocument);
      surface.unmount();
      node = target;
      widgets = payments.widgets({
        clientSecret,
        locale: ctx.locale,
        appearance: payjpAppearance(theme, isDark(theme.background)),
      });
      await makeForm(target, widgets);
    },
    unmount() {
      form?.unmount();
      form = null;
    },
    focus() {
      node?.querySelector('iframe')?.focus();
    },
    clear() {
      // The form has no way to empty itself: a new one replaces it.
      if (!widgets || !node) return;
      form?.unmount();
      void makeForm(node, widgets).catch(() => undefined);
    },
    update(theme) {
      widgets?.update({ appearance: payjpAppearance(theme, isDark(theme.background)) });
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  internals.set(surface, () => (widgets && form ? { widgets } : undefined));
  return surface;
}
