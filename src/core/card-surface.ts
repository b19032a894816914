import type { CardErrorReason } from './i18n/card-messages.ts';

/**
 * A provider's own card form (its iframes, mounted by its own script) as `<kessai-card-fields>` hosts
 * it, behind one interface whatever the provider: Stripe's split card elements, PAY.JP's payments.js
 * form, UnivaPay's inline form. The element draws our labels, hints, errors and layout around the
 * mount points and never learns which provider it is; a provider's browser code
 * (`src/providers/<name>/surface.ts`) implements this. Types only: see docs/architecture.md
 * "Card surfaces".
 */

/**
 * The mount points a surface asks for, each under our own label: `number`, `expiry`, `cvc` for a split
 * form (one iframe each), or `card` for a form that is one iframe for the whole card.
 */
export const SURFACE_FIELDS = ['number', 'expiry', 'cvc', 'card'] as const;
export type SurfaceField = (typeof SURFACE_FIELDS)[number];

/**
 * The mount node of field `f` is `<div slot="kessai-surface-f">` in the page's light DOM; an element
 * holding `<kessai-card-fields>` in its shadow root forwards slots of these names.
 */
export const SURFACE_SLOT_PREFIX = 'kessai-surface-';

/** What a surface tells about one of its fields after each edit. Never card data. */
export interface SurfaceChange {
  readonly field: SurfaceField;
  readonly complete: boolean;
  readonly empty: boolean;
  /** The brand as far as the provider tells it, in our names (`visa`, `mastercard`, …). */
  readonly brand?: string;
  /** Why the field is not valid, in our reasons (shown in our words), or a provider message as is. */
  readonly error?: { readonly reason: CardErrorReason } | { readonly message: string };
}

/** Our theme, read from the `--kessai-*` custom properties, for the provider's appearance options. */
export interface SurfaceTheme {
  readonly color: string;
  readonly placeholder: string;
  readonly danger: string;
  readonly background: string;
  readonly primary: string;
  readonly fontFamily: string;
  readonly fontSize: string;
  readonly locale: 'ja' | 'en';
}

export interface CardSurface {
  /** The mount points wanted, in order. */
  readonly fields: readonly SurfaceField[];
  /** Whether the provider's form takes the cardholder's name itself (else our name input is shown). */
  readonly collectsName: boolean;
  /**
   * Whether the provider tells each edit (Stripe and PAY.JP do; UnivaPay's inline form does not). When
   * it does, a field it never reported is empty, and Pay shows our errors before anything is sent.
   */
  readonly reportsChanges: boolean;
  /**
   * How "Save this card" (a session with `canSaveCard`) is done with this form. `session`: the card pays
   * a session asked for with `saveCard: true` right before paying, as with our own card fields (the form
   * is bound to no session: Stripe's card elements confirm any intent). Absent: paying the session
   * shown saves it (UnivaPay's recurring token).
   */
  readonly savesCardBy?: 'session';
  /**
   * Mounts the provider's form into `nodes`, which are in the page's light DOM (provider iframes refuse
   * shadow roots) and projected into the element's layout. Rejects when the provider's script cannot
   * be loaded or refuses to mount; the element then offers Try again.
   */
  mount(nodes: Readonly<Partial<Record<SurfaceField, HTMLElement>>>, theme: SurfaceTheme): Promise<void>;
  /** Takes the provider's form out; the nodes may be removed afterwards. */
  unmount(): void;
  /** Focuses one field (a click on our label). */
  focus(field: SurfaceField): void;
  /** Empties every field. */
  clear(): void;
  /** Follows a theme change (`prefers-color-scheme`, the designers' controls). */
  update(theme: SurfaceTheme): void;
  /** Calls `listener` after each edit; returns the function that stops it. */
  onChange(listener: (change: SurfaceChange) => void): () => void;
}
