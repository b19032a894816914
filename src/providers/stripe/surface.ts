import type {
  Stripe,
  StripeCardCvcElement,
  StripeCardExpiryElement,
  StripeCardNumberElement,
  StripeElementChangeEvent,
  StripeElementStyle,
} from '@stripe/stripe-js';
import type { CardSurface, SurfaceChange, SurfaceField, SurfaceTheme } from '../../core/card-surface.ts';
import type { CardErrorReason } from '../../core/i18n/card-messages.ts';
import type { SurfaceContext } from '../adapter.ts';
import { brandFromStripe } from './stores.ts';
import { stripeFor } from './stripe-js.ts';

/**
 * Stripe's split card elements (`cardNumber`, `cardExpiry`, `cardCvc` of Stripe.js; docs/providers.md
 * "Stripe") as a card surface: each of Stripe's iframes sits under our own label, with our hint, our
 * error text and our layout; the cardholder's name is our own input. Stripe.js refuses a shadow root,
 * so the nodes are in the page's light DOM, slotted into our layout (docs/architecture.md "Card
 * surfaces").
 *
 * Our `--kessai-*` tokens become the elements' `style` option (colour, font, placeholder, invalid
 * colour) and follow theme changes through `update`. Stripe's change events (`complete`, `empty`,
 * `brand`, `error`) become our changes; Stripe's error codes become our reasons, shown in our words.
 */

type StripeCardElement = StripeCardNumberElement | StripeCardExpiryElement | StripeCardCvcElement;

const ELEMENT_TYPES = { number: 'cardNumber', expiry: 'cardExpiry', cvc: 'cardCvc' } as const;
type SplitField = keyof typeof ELEMENT_TYPES;
const SPLIT_FIELDS = Object.keys(ELEMENT_TYPES) as SplitField[];

/** How long to wait for Stripe's iframes to be ready. */
const READY_TIMEOUT_MS = 15_000;

/** Stripe.js's validation codes (`StripeElementChangeEvent.error.code`) as our reasons. */
const REASONS: Readonly<Record<string, CardErrorReason>> = {
  incomplete_number: 'number_incomplete',
  invalid_number: 'number_invalid',
  incorrect_number: 'number_invalid',
  card_not_supported: 'number_unsupported',
  incomplete_expiry: 'expiry_invalid',
  invalid_expiry_month: 'expiry_invalid',
  invalid_expiry_year: 'expiry_invalid',
  invalid_expiry_month_past: 'expiry_past',
  invalid_expiry_year_past: 'expiry_past',
  incomplete_cvc: 'cvc_incomplete',
  invalid_cvc: 'cvc_invalid',
  incorrect_cvc: 'cvc_invalid',
};

/** Our theme as Stripe's element style (the Card Element takes `style`, not the Appearance API). */
export function stripeStyle(theme: SurfaceTheme): StripeElementStyle {
  return {
    base: {
      color: theme.color,
      fontFamily: theme.fontFamily,
      fontSize: theme.fontSize,
      iconColor: theme.primary,
      '::placeholder': { color: theme.placeholder },
    },
    invalid: { color: theme.danger, iconColor: theme.danger },
  };
}

/** Stripe's change event as our change. Never card data: Stripe tells none. */
export function changeFromStripe(field: SplitField, event: StripeElementChangeEvent & { brand?: string }): SurfaceChange {
  const brand = field === 'number' ? brandFromStripe(event.brand) : undefined;
  const error = event.error;
  const reason = error?.code ? REASONS[error.code] : undefined;
  return {
    field,
    complete: event.complete,
    empty: event.empty,
    ...(brand ? { brand } : {}),
    ...(error ? { error: reason ? { reason } : { message: error.message ?? '' } } : {}),
  };
}

/** The surface's own part, seen by the adapter only. */
export interface StripeSurfaceInternals {
  readonly stripe: Stripe;
  /** The number element, which Stripe.js confirms a card payment or setup with. */
  readonly cardNumber: StripeCardNumberElement;
}

const internals = new WeakMap<CardSurface, () => StripeSurfaceInternals | undefined>();

/** What the adapter pays with: the Stripe object and the mounted number element, once mounted. */
export function stripeSurfaceInternals(surface: CardSurface): StripeSurfaceInternals | undefined {
  return internals.get(surface)?.();
}

function whenReady(element: StripeCardElement): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("kessai-elements: Stripe's card fields did not load")), READY_TIMEOUT_MS);
    (element as StripeCardNumberElement).once('ready', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

export function createStripeSurface(ctx: SurfaceContext): CardSurface {
  let stripe: Stripe | null = null;
  let elements: Partial<Record<SplitField, StripeCardElement>> = {};
  const listeners = new Set<(change: SurfaceChange) => void>();

  const surface: CardSurface = {
    fields: SPLIT_FIELDS,
    collectsName: false,
    reportsChanges: true,
    // Elements made without a client secret confirm any intent: "Save this card" pays a saving session.
    savesCardBy: 'session',
    async mount(nodes, theme) {
      for (const field of SPLIT_FIELDS) {
        if (!nodes[field]) throw new Error(`kessai-elements: Stripe needs a mount node for ${field}`);
      }
      const doc = nodes.number!.ownerDocument;
      const loaded = await stripeFor(ctx.session, ctx.locale, doc);
      surface.unmount();
      const group = loaded.elements({ locale: ctx.locale });
      const style = stripeStyle(theme);
      const made: Partial<Record<SplitField, StripeCardElement>> = {
        number: group.create('cardNumber', { style, showIcon: true }),
        expiry: group.create('cardExpiry', { style }),
        cvc: group.create('cardCvc', { style }),
      };
      stripe = loaded;
      elements = made;
      const ready: Promise<void>[] = [];
      for (const field of SPLIT_FIELDS) {
        const element = made[field]!;
        (element as StripeCardNumberElement).on('change', (event) => {
          const change = changeFromStripe(field, event);
          for (const listener of listeners) listener(change);
        });
        ready.push(whenReady(element));
        element.mount(nodes[field]!);
      }
      await Promise.all(ready);
    },
    unmount() {
      for (const element of Object.values(elements)) element.destroy();
      elements = {};
    },
    focus(field: SurfaceField) {
      if (field !== 'card') elements[field]?.focus();
    },
    clear() {
      for (const element of Object.values(elements)) element.clear();
    },
    update(theme) {
      const style = stripeStyle(theme);
      for (const element of Object.values(elements)) (element as StripeCardNumberElement).update({ style });
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  internals.set(surface, () =>
    stripe && elements.number ? { stripe, cardNumber: elements.number as StripeCardNumberElement } : undefined,
  );
  return surface;
}
