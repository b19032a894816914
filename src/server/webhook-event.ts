import { z } from 'zod';
import { METHODS, PROVIDERS } from '../core/protocol.ts';

/**
 * Where a payment stands after a provider's notification, the same words for every provider:
 *
 * - `succeeded`: paid (card captured; konbini cash received).
 * - `pending`: not decided yet (a konbini payment waiting for cash, a card authorized and waiting for
 *   a manual capture, a charge still processing).
 * - `failed`: refused or failed (a decline, a processing error).
 * - `expired`: the shopper did not pay in time (a konbini deadline passed).
 * - `canceled`: cancelled by the merchant or the provider.
 * - `refunded`: fully refunded.
 */
export const WEBHOOK_STATUSES = ['succeeded', 'pending', 'failed', 'expired', 'canceled', 'refunded'] as const;
export type WebhookPaymentStatus = (typeof WEBHOOK_STATUSES)[number];

/**
 * The one event `createKessaiWebhookHandler` hands to `onEvent`, whatever the provider: checked with
 * this schema before the callback sees it. Strict: nothing else of the provider's body gets through
 * (no card data, no customer data, never the raw body).
 */
export const kessaiWebhookEventSchema = z.strictObject({
  provider: z.enum(PROVIDERS),
  /**
   * The delivery's id: KOMOJU's `X-Komoju-ID` header (else the event's `id`); UnivaPay's top-level
   * `id` (else one derived from the event, the charge id, its status and `updated_on`). The same
   * notification sent again carries the same id: use it to deduplicate.
   */
  deliveryId: z.string().min(1).max(255),
  /** The provider's own event type: `payment.captured` (KOMOJU), `charge_finished` (UnivaPay). */
  type: z.string().min(1).max(100),
  /** The provider's payment id: KOMOJU payment `id`, UnivaPay charge `id`. */
  paymentId: z.string().min(1).max(255),
  /** KOMOJU: the session the payment belongs to (the `sessionId` the checkout had). */
  sessionId: z.string().min(1).max(255).optional(),
  /**
   * The merchant's order reference, as the `amount` callback gave it: KOMOJU `external_order_num`,
   * UnivaPay metadata `kessai_order_id`.
   */
  orderId: z.string().min(1).max(255).optional(),
  status: z.enum(WEBHOOK_STATUSES),
  /** Minor units of `currency` (yen have none), as the merchant asked for it (before fees and tax). */
  amount: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  /** ISO 4217, upper case. */
  currency: z.string().regex(/^[A-Z]{3}$/),
  /** `card` or `konbini` when the provider's payment says so; absent for other methods. */
  method: z.enum(METHODS).optional(),
  /** When the provider fired the event (ISO 8601, as the provider wrote it), when it says. */
  occurredAt: z.string().min(1).max(64).optional(),
});

/** See `kessaiWebhookEventSchema`. */
export type KessaiWebhookEvent = z.infer<typeof kessaiWebhookEventSchema>;
