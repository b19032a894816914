import * as z from 'zod/mini';
import { komojuPaymentSchema } from '../../providers/komoju/schemas.ts';
import { methodFromKomojuType } from '../../providers/komoju/stores.ts';
import { hmacSha256Key, verifyHmacSha256Hex } from '../shared/webhook-crypto.ts';
import { describeWebhookIssue, headerId } from '../shared/webhook-parse.ts';
import type { WebhookPaymentStatus } from '../webhook-event.ts';
import type { WebhookProvider } from '../webhook-provider.ts';
import type { KomojuWebhookConfig } from './config.ts';

/**
 * KOMOJU's webhooks (docs/providers.md "KOMOJU", webhooks): headers `X-Komoju-ID` (the delivery's
 * id), `X-Komoju-Signature` (lower-case hex HMAC-SHA256 of the raw body with the webhook's secret
 * token, no prefix, no timestamp, as KOMOJU's WooCommerce and EC-CUBE plugins check it),
 * `X-Komoju-Event`; body `{ id, type, resource: "event", created_at, reason, data: <Payment> }`.
 */

/** The event envelope: loose, KOMOJU adds fields. `id` is the event's own id. */
const komojuEventSchema = z.looseObject({
  id: z.optional(z.string().check(z.minLength(1), z.maxLength(255))),
  type: z.string().check(z.minLength(1), z.maxLength(100)),
  resource: z.nullish(z.string()),
  created_at: z.nullish(z.string()),
  reason: z.nullish(z.string()),
  data: z.optional(z.unknown()),
});

/** The Payment of a payment event: the shared Payment schema plus what the event needs of it. */
const komojuWebhookPaymentSchema = z.extend(komojuPaymentSchema, {
  id: z.string().check(z.minLength(1), z.maxLength(255)),
  /** The session the payment was made in (absent for payments made without one). */
  session: z.nullish(z.string()),
  /** The merchant's order reference (`payment_data.external_order_num` of the session). */
  external_order_num: z.nullish(z.string()),
});

/**
 * The events about a payment's status. The first six say it by their name; `payment.updated` and
 * `payment.refund.created` (a refund, possibly partial) are read by the payment's status like the rest.
 */
const PAYMENT_EVENTS: ReadonlySet<string> = new Set([
  'payment.captured',
  'payment.authorized',
  'payment.expired',
  'payment.cancelled',
  'payment.failed',
  'payment.refunded',
  'payment.updated',
  'payment.refund.created',
]);

/**
 * A KOMOJU payment status → ours. `authorized` is pending: a konbini payment waiting for the cash, or
 * a card waiting for a manual capture.
 */
const STATUSES: Readonly<Record<string, WebhookPaymentStatus>> = {
  captured: 'succeeded',
  authorized: 'pending',
  pending: 'pending',
  expired: 'expired',
  cancelled: 'canceled',
  failed: 'failed',
  refunded: 'refunded',
};

/** The webhook module of KOMOJU: the signature check and the event reading. */
export function createKomojuWebhookProvider(config: KomojuWebhookConfig): WebhookProvider {
  if (typeof config.secret !== 'string' || config.secret.length === 0) {
    throw new TypeError("kessai-elements/server: komoju webhooks need `secret`, the webhook's secret token.");
  }
  const key = hmacSha256Key(config.secret);
  // An import failure surfaces on the first delivery (answered 500), not as an unhandled rejection.
  key.catch(() => undefined);

  return {
    name: 'komoju',
    credential: 'X-Komoju-Signature',
    signsBody: true,
    async authenticate(headers, body) {
      const signature = headers.get('x-komoju-signature');
      if (!signature) return 'missing';
      return (await verifyHmacSha256Hex(await key, body, signature)) ? 'ok' : 'invalid';
    },
    interpret(json, headers) {
      const envelope = komojuEventSchema.safeParse(json);
      if (!envelope.success) {
        return { kind: 'invalid', message: describeWebhookIssue('KOMOJU event', envelope.error.issues[0]) };
      }
      const event = envelope.data;
      const deliveryId = headerId(headers.get('x-komoju-id')) ?? event.id;
      if (event.type === 'ping') {
        return { kind: 'ignored', reason: 'ping', eventType: event.type, ...(deliveryId ? { deliveryId } : {}) };
      }
      if (!PAYMENT_EVENTS.has(event.type)) {
        return {
          kind: 'ignored',
          reason: 'unhandled_event',
          eventType: event.type,
          ...(deliveryId ? { deliveryId } : {}),
        };
      }
      const parsed = komojuWebhookPaymentSchema.safeParse(event.data);
      if (!parsed.success) {
        return {
          kind: 'invalid',
          message: describeWebhookIssue('KOMOJU payment', parsed.error.issues[0], 'data'),
        };
      }
      const payment = parsed.data;
      if (!deliveryId) return { kind: 'invalid', message: 'The delivery has neither X-Komoju-ID nor an event id.' };
      const status = Object.hasOwn(STATUSES, payment.status) ? STATUSES[payment.status] : undefined;
      if (!status) {
        return {
          kind: 'ignored',
          reason: 'unknown_status',
          eventType: event.type,
          deliveryId,
          providerStatus: payment.status.slice(0, 40),
        };
      }
      const method = methodFromKomojuType(payment.payment_details?.type);
      return {
        kind: 'event',
        providerStatus: payment.status,
        event: {
          provider: 'komoju',
          deliveryId,
          type: event.type,
          paymentId: payment.id,
          ...(payment.session ? { sessionId: payment.session } : {}),
          ...(payment.external_order_num ? { orderId: payment.external_order_num } : {}),
          status,
          amount: payment.amount,
          currency: payment.currency.toUpperCase(),
          ...(method ? { method } : {}),
          ...(event.created_at ? { occurredAt: event.created_at } : {}),
        },
      };
    },
  };
}
