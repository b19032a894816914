import * as z from 'zod/mini';
import { CARD_BRANDS } from './card/brand.ts';
import { KONBINI_STORES } from './konbini-stores.ts';
import { METHODS, MODES, PROVIDERS } from './names.ts';
import { outcomeSchema, type Outcome } from './outcome.ts';

/**
 * The merchant endpoint protocol, v1 (docs/protocol.md). One JSON POST to one merchant URL,
 * `{ action: "start" | "complete" | "status", … }`. These schemas are used by the browser
 * (`src/flow/endpoint-client.ts`) and by the server handler (`src/server/handler.ts`) alike.
 */
export { METHODS, MODES, PROVIDERS } from './names.ts';
export type { Mode, PaymentMethod, ProviderName } from './names.ts';

/** Free JSON the merchant attaches (`context` property): a cart id, an order reference. */
const jsonContext = z.optional(z.record(z.string(), z.unknown()));

export const startRequestSchema = z.object({
  action: z.literal('start'),
  mode: z.optional(z.enum(MODES)),
  /** Methods the page wants to offer; the server intersects them with what it allows. */
  methods: z.optional(z.array(z.enum(METHODS))),
  /** Where the provider sends the shopper back; the server accepts it only on its allowed origins. */
  returnUrl: z.string(),
  locale: z.optional(z.enum(['ja', 'en'])),
  context: jsonContext,
});

/**
 * What only the shopper's browser knows, for a provider's 3-D Secure on a saved card (PaymentOptions
 * `paymentv2`'s `browser_info`; the server adds the Accept header and the IP it sees).
 */
export const browserInfoSchema = z.object({
  screenWidth: z.number().check(z.int(), z.nonnegative(), z.maximum(100_000)),
  screenHeight: z.number().check(z.int(), z.nonnegative(), z.maximum(100_000)),
  colorDepth: z.number().check(z.int(), z.nonnegative(), z.maximum(64)),
  /** Minutes, as `Date#getTimezoneOffset` (JST: -540). */
  timeZoneOffset: z.number().check(z.int(), z.minimum(-900), z.maximum(900)),
  language: z.string().check(z.minLength(1), z.maxLength(35)),
  javaEnabled: z.boolean(),
  javascriptEnabled: z.boolean(),
});
export type BrowserInfo = z.infer<typeof browserInfoSchema>;

export const completeRequestSchema = z.object({
  action: z.literal('complete'),
  sessionId: z.string().check(z.minLength(1)),
  /**
   * A provider token id (UnivaPay transaction token) or a saved card's opaque id (`session.savedCards`).
   * Absent for a new card taken on the provider's hosted page (`cardEntry: "hosted"`). Never card data.
   */
  token: z.optional(z.string().check(z.minLength(1), z.maxLength(256))),
  /** A new card on the provider's hosted page: whether the shopper ticked "Save this card". */
  saveCard: z.optional(z.boolean()),
  browserInfo: z.optional(browserInfoSchema),
  method: z.enum(METHODS),
  /**
   * Where the provider sends the shopper back after a step of this payment (3-D Secure), when it differs
   * from `start`'s: the page of a challenge shown in a frame carries `kessai_challenge=1`. The server
   * accepts it only on its allowed origins, as `start`'s.
   */
  returnUrl: z.optional(z.string()),
  context: jsonContext,
});

export const statusRequestSchema = z.object({
  action: z.literal('status'),
  sessionId: z.string().check(z.minLength(1)),
  /** Provider-specific ids from the return URL (e.g. UnivaPay charge id). Never card data. */
  reference: z.optional(z.string()),
  context: jsonContext,
});

export const endpointRequestSchema = z.discriminatedUnion('action', [
  startRequestSchema,
  completeRequestSchema,
  statusRequestSchema,
]);
export type StartRequest = z.infer<typeof startRequestSchema>;
export type CompleteRequest = z.infer<typeof completeRequestSchema>;
export type StatusRequest = z.infer<typeof statusRequestSchema>;
export type EndpointRequest = z.infer<typeof endpointRequestSchema>;

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
  amount: z.number().check(z.int(), z.nonnegative()),
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
          last4: z.string().check(z.regex(/^\d{4}$/)),
          expMonth: z.number().check(z.int(), z.minimum(1), z.maximum(12)),
          expYear: z.number().check(z.int(), z.minimum(2000), z.maximum(2200)),
        }),
      )
      .check(z.maxLength(20)),
  ),
  /**
   * What the shopper pays on top of `amount` for a method, where the provider says so before paying
   * (KOMOJU's `customer_fee` of the session's payment method), in minor units of `currency`. Absent: no
   * fee, or the provider does not tell.
   */
  fees: z.optional(z.object({ card: z.optional(z.number().check(z.int(), z.nonnegative())), konbini: z.optional(z.number().check(z.int(), z.nonnegative())) })),
  /**
   * The card brands the session accepts, where the provider tells it (KOMOJU: the session's card
   * `payment_methods[].brands`), in our ids: shown as marks under the card number. Absent: every brand.
   */
  cardBrands: z.optional(z.array(z.enum(CARD_BRANDS)).check(z.minLength(1), z.maxLength(CARD_BRANDS.length))),
  /** Whether the shopper may save a new card (the element then offers "Save this card"). */
  canSaveCard: z.optional(z.boolean()),
  /** Provider-specific public values (UnivaPay store id, Stripe client_secret…), all strings. */
  extra: z.optional(z.record(z.string(), z.string())),
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
