import type { KonbiniStore } from './konbini-stores.ts';

/**
 * Card details as the card fields hand them to the flow, already normalized: digits only, full year.
 * This object lives only in memory between the fields and the adapter's one request to the provider;
 * it is never put in an event, an attribute, a URL, a log or storage.
 */
export interface CardDetails {
  readonly number: string;
  readonly expMonth: number;
  /** Four-digit year. */
  readonly expYear: number;
  readonly cvc: string;
  readonly name: string;
}

/** What the konbini fields hand to the flow. `phone` is digits only, national format (`09012345678`). */
export interface KonbiniDetails {
  readonly store: KonbiniStore;
  readonly name: string;
  readonly email: string;
  readonly phone?: string;
}

/**
 * A card typed into the provider's own form (a card surface): the details stay in the provider's
 * iframes; what our own inputs add is here (the name, when the provider's form takes none).
 */
export interface SurfaceCardInput {
  readonly name?: string;
}

export type PaymentInput =
  /** `save`: the shopper ticked "Save this card" (a session with `canSaveCard`). */
  | { readonly method: 'card'; readonly card: CardDetails; readonly save?: boolean | undefined }
  /** `save`: "Save this card" ticked under a provider's own form that can save it (`canSaveCard`). */
  | { readonly method: 'card'; readonly surface: SurfaceCardInput; readonly save?: boolean | undefined }
  /** A saved card, by the opaque id of `session.savedCards`. */
  | { readonly method: 'card'; readonly saved: string }
  /** A new card on the provider's hosted page; `save`: the shopper ticked "Save this card". */
  | { readonly method: 'card'; readonly hosted: { readonly save: boolean } }
  | { readonly method: 'konbini'; readonly konbini: KonbiniDetails };
