import * as z from 'zod/mini';
import type { CompleteRequest, StatusRequest } from './endpoint-requests.ts';
import { CARD_BRANDS } from './card/brand.ts';
import { KONBINI_STORES } from './konbini-stores.ts';
import { METHODS, MODES, PROVIDERS } from './names.ts';
import { outcomeSchema, type Outcome } from './outcome.ts';
import { matching, recordOf, safeInteger } from './schema-checks.ts';

/**
 * The merchant endpoint protocol, v1 (docs/protocol.md). One JSON POST to one merchant URL,
 * `{ action: "start" | "complete" | "status", … }`. These schemas are used by the browser
 * (`src/flow/endpoint-client.ts`) and by the server handler (`src/server/handler.ts`) alike; the
 * requests' own are in `endpoint-requests.ts`.
 */
export { METHODS, MODES, PROVIDERS } from './names.ts';
export type { Mode, PaymentMethod, ProviderName } from './names.ts';
export {
  browserInfoSchema,
  completeRequestSchema,
  endpointRequestSchema,
  startRequestSchema,
  statusRequestSchema,
  type BrowserInfo,
  type CompleteRequest,
  type EndpointRequest,
  type StartRequest,
  type StatusRequest,
} from './endpoint-requests.ts';

/**
 * What the browser needs to take the payment: everything here is public. Secret keys never appear.
 */
export const clientSessionSchema = z.object({
  protocol: z.literal(1),
  provider: z.enum(PROVIDERS),
  /** The provider's session / intent / flow id, or the server's own attempt id for token providers. */
  sessionId: z.string().check(z.minLength(1)),
  /** Publishable key, public key or app token (JWT) the browser uses with the provider. */
  publicKey: z.string().check(z.minLength(1)),
  /** Base URL of the provider API the browser calls (the real host, or the sandbox). */
  apiBase: z.string().check(z.minLength(1)),
  /** Decided by the server, never by the browser. Minor units of `currency` (yen have none). */
  amount: z.number().check(safeInteger(), z.nonnegative()),
  currency: z.string().check(z.length(3)),
  mode: z.enum(MODES),
  methods: z.array(z.enum(METHODS)).check(z.minLength(1)),
  konbiniStores: z.array(z.enum(KONBINI_STORES)),
  returnUrl: z.string(),
  /**
   * Which shopper details the konbini form asks for, as the provider requires them (KOMOJU: email
   * required, phone optional; UnivaPay: phone required). Name is always asked.
   */
  konbiniFields: z.optional(
    z.object({
      email: z.enum(['required', 'optional', 'hidden']),
      phone: z.enum(['required', 'optional', 'hidden']),
    }),
  ),
  /**
   * How card details are taken (docs/architecture.md "Card surfaces"): `fields`, our own inputs, the card
   * sent from the browser straight to the provider (the default); `surface`, the provider's own form in
   * its iframes (Stripe, PAY.JP, UnivaPay's inline form); `hosted`, on the provider's own page, where Pay
   * sends the shopper (PaymentOptions).
   */
  cardEntry: z.optional(z.enum(['fields', 'surface', 'hosted'])),
  /**
   * The shopper's saved cards, when the provider and the merchant's server know them: shown first, paid
   * with one click (`complete` with the card's `id`). The `id` is opaque: only the merchant's server maps
   * it to the provider's stored card, for this shopper.
   */
  savedCards: z.optional(
    z
      .array(
        z.object({
          id: z.string().check(z.minLength(1), z.maxLength(128)),
          brand: z.string().check(z.maxLength(32)),
          last4: z.string().check(matching(/^\d{4}$/)),
          expMonth: z.number().check(safeInteger(), z.minimum(1), z.maximum(12)),
          expYear: z.number().check(safeInteger(), z.minimum(2000), z.maximum(2200)),
        }),
      )
      .check(z.maxLength(20)),
  ),
  /**
   * What the shopper pays on top of `amount` for a method, where the provider says so before paying
   * (KOMOJU's `customer_fee` of the session's payment method), in minor units of `currency`. Absent: no
   * fee, or the provider does not tell.
   */
  fees: z.optional(z.object({ card: z.optional(z.number().check(safeInteger(), z.nonnegative())), konbini: z.optional(z.number().check(safeInteger(), z.nonnegative())) })),
  /**
   * The card brands the session accepts, where the provider tells it (KOMOJU: the session's card
   * `payment_methods[].brands`), in our ids: shown as marks under the card number. Absent: every brand.
   */
  cardBrands: z.optional(z.array(z.enum(CARD_BRANDS)).check(z.minLength(1), z.maxLength(CARD_BRANDS.length))),
  /** Whether the shopper may save a new card (the element then offers "Save this card"). */
  canSaveCard: z.optional(z.boolean()),
  /**
   * This session saves the card it is paid with (a `start` with `saveCard: true`): the merchant's server
   * reports the payment and the saved card (`status`); a failed attempt does not keep it for a retry.
   */
  savesCard: z.optional(z.boolean()),
  /** Provider-specific public values (UnivaPay store id, Stripe client_secret…), all strings. */
  extra: z.optional(recordOf(z.string())),
});
export type ClientSession = z.infer<typeof clientSessionSchema>;

export const startResponseSchema = z.object({ session: clientSessionSchema });
export type StartResponse = z.infer<typeof startResponseSchema>;

/** `complete` and `status` answer with one normalized outcome. */
export const outcomeResponseSchema = z.object({ outcome: outcomeSchema });
export type OutcomeResponse = { outcome: Outcome };

/** Any 4xx/5xx from the endpoint carries this body. */
export const endpointErrorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});
export type EndpointError = z.infer<typeof endpointErrorSchema>;

/**
 * The browser side of the endpoint, as adapters see it: they may post `complete` / `status` through it
 * (token providers) but never learn the URL or touch fetch themselves for it.
 */
export interface EndpointClient {
  complete(
    body: Omit<CompleteRequest, 'action' | 'context'>,
    signal: AbortSignal,
  ): Promise<Outcome>;
  status(body: Omit<StatusRequest, 'action' | 'context'>, signal: AbortSignal): Promise<Outcome>;
}
