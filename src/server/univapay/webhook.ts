import * as z from 'zod/mini';
import type { PaymentMethod } from '../../core/protocol.ts';
import { UNIVAPAY_METADATA, UNIVAPAY_SLIP_METADATA } from '../../providers/univapay/constants.ts';
import { univapayChargeSchema, type UnivapayCharge } from '../../providers/univapay/schemas.ts';
import { constantTimeMatcher } from '../shared/webhook-crypto.ts';
import { describeWebhookIssue, headerId } from '../shared/webhook-parse.ts';
import type { WebhookPaymentStatus } from '../webhook-event.ts';
import type { WebhookProvider } from '../webhook-provider.ts';
import type { UnivapayWebhookConfig } from './config.ts';

/**
 * UnivaPay's webhooks (docs/providers.md "UnivaPay", webhooks): a POST of
 * `{ event, data: <Charge> }` (the newest API reference adds a top-level delivery `id` and
 * `created_on`), authenticated only by the `Authorization` header, which carries the webhook's
 * `auth_token` verbatim. `charge_updated` is sent when a charge becomes `authorized` or `awaiting`,
 * `charge_finished` when it becomes `successful`, `failed`, `error` or `canceled`.
 */

const univapayWebhookSchema = z.looseObject({
  event: z.string().check(z.minLength(1), z.maxLength(100)),
  data: z.optional(z.unknown()),
  /** The delivery's id (the 2026 API reference; older deliveries have none). */
  id: z.nullish(z.string()),
  /** When the event fired (same reference). */
  created_on: z.nullish(z.string()),
});

/** The charge of a charge event: the shared Charge schema plus `updated_on`. */
const univapayWebhookChargeSchema = z.extend(univapayChargeSchema, {
  id: z.string().check(z.minLength(1), z.maxLength(255)),
  updated_on: z.nullish(z.string()),
});

const CHARGE_EVENTS: ReadonlySet<string> = new Set(['charge_finished', 'charge_updated']);

/**
 * A charge status → ours. `failed` is decided in `statusOf`: UnivaPay fails a konbini charge when its
 * payment deadline passes (docs/providers.md, konbini), which is `expired` here.
 */
const STATUSES: Readonly<Record<string, WebhookPaymentStatus>> = {
  successful: 'succeeded',
  awaiting: 'pending',
  authorized: 'pending',
  pending: 'pending',
  failed: 'failed',
  error: 'failed',
  canceled: 'canceled',
};

function metadataText(charge: UnivapayCharge, key: string): string | undefined {
  const value = charge.metadata?.[key];
  if (typeof value === 'string' && value.trim()) return value.trim().slice(0, 255);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/**
 * The method of a charge. UnivaPay's charge does not say it (its token does): ours carry
 * `kessai_method` in their metadata; a charge made elsewhere is konbini when UnivaPay put a konbini
 * payment number in its metadata, and of no known method otherwise.
 */
function methodOf(charge: UnivapayCharge): PaymentMethod | undefined {
  const marked = metadataText(charge, UNIVAPAY_METADATA.method);
  if (marked === 'card' || marked === 'konbini') return marked;
  if (metadataText(charge, UNIVAPAY_SLIP_METADATA.paymentNumber)) return 'konbini';
  return undefined;
}

/**
 * A konbini charge that failed without a payment error code ran out of time (UnivaPay fails it when
 * the deadline passes and gives no code for that); with a code it was refused, as a card would be.
 */
function statusOf(charge: UnivapayCharge, method: PaymentMethod | undefined): WebhookPaymentStatus | undefined {
  const status = Object.hasOwn(STATUSES, charge.status) ? STATUSES[charge.status] : undefined;
  if (charge.status === 'failed' && method === 'konbini') {
    const code = charge.error?.code;
    return code === null || code === undefined || code === '' ? 'expired' : 'failed';
  }
  return status;
}

/** The webhook module of UnivaPay: the `Authorization` check and the charge events. */
export function createUnivapayWebhookProvider(config: UnivapayWebhookConfig): WebhookProvider {
  let authorized: (header: string | null) => boolean | Promise<boolean>;
  if (typeof config.authorization === 'function') {
    if (config.authToken !== undefined) {
      throw new TypeError('kessai-elements/server: univapay webhooks take `authToken` or `authorization`, not both.');
    }
    authorized = config.authorization;
  } else if (typeof config.authToken === 'string' && config.authToken.trim().length > 0) {
    // Header values reach us trimmed (fetch's Headers strips surrounding whitespace), so compare trimmed.
    const matches = constantTimeMatcher(config.authToken.trim());
    authorized = (header) => (header === null ? false : matches(header));
  } else {
    throw new TypeError(
      'kessai-elements/server: univapay webhooks need `authToken` (the webhook\'s Authorization header value) or `authorization`.',
    );
  }

  return {
    name: 'univapay',
    credential: 'The Authorization header',
    signsBody: false,
    async authenticate(headers) {
      const header = headers.get('authorization');
      if ((await authorized(header)) === true) return 'ok';
      return header === null ? 'missing' : 'invalid';
    },
    interpret(json) {
      const envelope = univapayWebhookSchema.safeParse(json);
      if (!envelope.success) {
        return { kind: 'invalid', message: describeWebhookIssue('UnivaPay webhook', envelope.error.issues[0]) };
      }
      const delivery = envelope.data;
      const givenId = headerId(delivery.id ?? null);
      if (!CHARGE_EVENTS.has(delivery.event)) {
        return {
          kind: 'ignored',
          reason: 'unhandled_event',
          eventType: delivery.event,
          ...(givenId ? { deliveryId: givenId } : {}),
        };
      }
      const parsed = univapayWebhookChargeSchema.safeParse(delivery.data);
      if (!parsed.success) {
        return {
          kind: 'invalid',
          message: describeWebhookIssue('UnivaPay charge', parsed.error.issues[0], 'data'),
        };
      }
      const charge = parsed.data;
      // Without a delivery id, one made of what identifies this notification: the same charge in the
      // same state sent again gets the same id.
      const deliveryId =
        givenId ?? `${delivery.event}:${charge.id}:${charge.status}:${charge.updated_on ?? ''}`.slice(0, 255);
      const method = methodOf(charge);
      const status = statusOf(charge, method);
      if (!status) {
        return {
          kind: 'ignored',
          reason: 'unknown_status',
          eventType: delivery.event,
          deliveryId,
          providerStatus: charge.status.slice(0, 40),
        };
      }
      const orderId = metadataText(charge, UNIVAPAY_METADATA.orderId);
      return {
        kind: 'event',
        providerStatus: charge.status,
        event: {
          provider: 'univapay',
          deliveryId,
          type: delivery.event,
          paymentId: charge.id,
          ...(orderId ? { orderId } : {}),
          status,
          amount: charge.requested_amount,
          currency: charge.requested_currency.toUpperCase(),
          ...(method ? { method } : {}),
          ...(delivery.created_on ? { occurredAt: delivery.created_on } : {}),
        },
      };
    },
  };
}
