import * as z from 'zod/mini';
import { METHODS, MODES } from './names.ts';

/**
 * The requests of the merchant endpoint protocol, v1 (docs/protocol.md): what the browser sends and the
 * server handler (`src/server/handler.ts`) parses. Re-exported by `protocol.ts`. A module of their own so
 * that the browser, which only builds these requests, never carries their schemas: the checks inside a
 * schema it does not use would otherwise stay in its bundle.
 */

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
  /**
   * A card typed into our own fields, which the shopper asked to save ("Save this card", `canSaveCard`):
   * a session that charges the card and saves it (KOMOJU `customer_payment`). Refused (400 `unsupported`)
   * by a provider that cannot, or without the merchant's `onCardSaved`.
   */
  saveCard: z.optional(z.boolean()),
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
