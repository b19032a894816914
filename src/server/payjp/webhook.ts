import * as z from 'zod/mini';
import { payjpPaymentFlowSchema } from '../../providers/payjp/schemas.ts';
import { constantTimeMatcher } from '../shared/webhook-crypto.ts';
import { describeWebhookIssue } from '../shared/webhook-parse.ts';
import type { WebhookPaymentStatus } from '../webhook-event.ts';
import type { WebhookProvider } from '../webhook-provider.ts';
import type { PayjpWebhookConfig } from './config.ts';

/**
 * PAY.JP's webhooks (docs/providers.md "PAY.JP › Webhooks"): PAY.JP signs nothing; each delivery carries
 * the account's webhook token in `X-Payjp-Webhook-Token`, compared whole in constant time. The body is
 * an Event (`{ object: "event", id, type, data, created_at, … }`, @payjp/payjpv2 `EventResponse`), `data`
 * the Payment Flow. The Payment Flow events are read; the rest are acknowledged and ignored.
 */

const payjpEventSchema = z.looseObject({
  id: z.string().check(z.minLength(1), z.maxLength(255)),
  object: z.optional(z.literal('event')),
  type: z.string().check(z.minLength(1), z.maxLength(100)),
  created_at: z.optional(z.nullable(z.string())),
  data: z.optional(z.unknown()),
});

const webhookFlowSchema = z.extend(payjpPaymentFlowSchema, {
  metadata: z.optional(z.nullable(z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])))),
});

/** A Payment Flow event → our status, by its name (PAY.JP's event list; `canceled` UNCONFIRMED). */
const EVENTS: Readonly<Record<string, WebhookPaymentStatus>> = {
  'payment_flow.succeeded': 'succeeded',
  'payment_flow.requires_action': 'pending',
  'payment_flow.processing': 'pending',
  'payment_flow.payment_failed': 'failed',
  'payment_flow.canceled': 'canceled',
};

export function createPayjpWebhookProvider(config: PayjpWebhookConfig): WebhookProvider {
  if (typeof config.webhookToken !== 'string' || config.webhookToken.length === 0) {
    throw new TypeError("kessai-elements/server: payjp webhooks need `webhookToken`, the account's webhook token.");
  }
  const matches = constantTimeMatcher(config.webhookToken);
  return {
    name: 'payjp',
    credential: 'X-Payjp-Webhook-Token',
    signsBody: false,
    async authenticate(headers) {
      const token = headers.get('x-payjp-webhook-token');
      if (token === null) return 'missing';
      return (await matches(token)) ? 'ok' : 'invalid';
    },
    interpret(json) {
      const envelope = payjpEventSchema.safeParse(json);
      if (!envelope.success) return { kind: 'invalid', message: describeWebhookIssue('PAY.JP event', envelope.error.issues[0]) };
      const event = envelope.data;
      const status = Object.hasOwn(EVENTS, event.type) ? EVENTS[event.type] : undefined;
      if (!status) return { kind: 'ignored', reason: 'unhandled_event', eventType: event.type, deliveryId: event.id };
      const parsed = webhookFlowSchema.safeParse(event.data);
      if (!parsed.success) return { kind: 'invalid', message: describeWebhookIssue('PAY.JP Payment Flow', parsed.error.issues[0], 'data') };
      const flow = parsed.data;
      const orderId = flow.metadata?.['order_id'];
      return {
        kind: 'event',
        providerStatus: flow.status,
        event: {
          provider: 'payjp',
          deliveryId: event.id,
          type: event.type,
          paymentId: flow.id,
          sessionId: flow.id,
          ...(typeof orderId === 'string' && orderId ? { orderId } : {}),
          status,
          amount: flow.amount,
          currency: (flow.currency ?? 'jpy').toUpperCase(),
          method: 'card',
          ...(event.created_at ? { occurredAt: event.created_at } : {}),
        },
      };
    },
  };
}
