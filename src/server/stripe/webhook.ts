import * as z from 'zod/mini';
import { stripePaymentIntentSchema } from '../../providers/stripe/schemas.ts';
import { hexToBytes, hmacSha256Key } from '../shared/webhook-crypto.ts';
import { describeWebhookIssue } from '../shared/webhook-parse.ts';
import type { WebhookPaymentStatus } from '../webhook-event.ts';
import type { WebhookProvider } from '../webhook-provider.ts';
import type { StripeWebhookConfig } from './config.ts';

/**
 * Stripe's webhooks (docs/providers.md "Stripe › Webhooks"): header `Stripe-Signature:
 * t=<unix seconds>,v1=<hex>[,v1=…][,v0=…]`, where each `v1` is the lower-case hex HMAC-SHA256 of
 * `<t>.<raw body>` keyed with the endpoint's signing secret (`whsec_…`, used as is); a signature older
 * than the tolerance (300 s, as stripe-node's `constructEvent`) is refused. Body: the Event,
 * `{ id: "evt_…", object: "event", type, created, data: { object }, … }`. The events read here are the
 * PaymentIntent's (`payment_intent.*`); the rest are acknowledged and ignored.
 */

const stripeEventSchema = z.looseObject({
  id: z.string().check(z.minLength(1), z.maxLength(255)),
  object: z.literal('event'),
  type: z.string().check(z.minLength(1), z.maxLength(100)),
  created: z.optional(z.number()),
  data: z.object({ object: z.unknown() }),
});

const webhookIntentSchema = z.extend(stripePaymentIntentSchema, {
  metadata: z.optional(z.nullable(z.record(z.string(), z.string()))),
});

/** A PaymentIntent event → our status, by the event's name (docs.stripe.com/api/events/types). */
const EVENTS: Readonly<Record<string, WebhookPaymentStatus>> = {
  'payment_intent.succeeded': 'succeeded',
  'payment_intent.processing': 'pending',
  'payment_intent.requires_action': 'pending',
  'payment_intent.amount_capturable_updated': 'pending',
  'payment_intent.payment_failed': 'failed',
  'payment_intent.canceled': 'canceled',
};

const encoder = new TextEncoder();

/** The `t` and `v1` values of a `Stripe-Signature` header. */
function parseSignature(header: string): { t: number; v1: string[] } | undefined {
  let t: number | undefined;
  const v1: string[] = [];
  for (const part of header.split(',')) {
    const [name, value] = part.split('=', 2).map((s) => s.trim());
    if (name === 't' && value && /^\d{1,12}$/.test(value)) t = Number(value);
    if (name === 'v1' && value) v1.push(value);
  }
  return t === undefined || v1.length === 0 ? undefined : { t, v1 };
}

export function createStripeWebhookProvider(config: StripeWebhookConfig, now: () => number = Date.now): WebhookProvider {
  if (typeof config.signingSecret !== 'string' || config.signingSecret.length === 0) {
    throw new TypeError("kessai-elements/server: stripe webhooks need `signingSecret`, the endpoint's whsec_… secret.");
  }
  const tolerance = config.toleranceSeconds ?? 300;
  const key = hmacSha256Key(config.signingSecret);
  key.catch(() => undefined);

  return {
    name: 'stripe',
    credential: 'Stripe-Signature',
    signsBody: true,
    async authenticate(headers, body) {
      const header = headers.get('stripe-signature');
      if (!header) return 'missing';
      const signature = parseSignature(header);
      if (!signature) return 'invalid';
      if (Math.abs(now() / 1000 - signature.t) > tolerance) return 'invalid';
      const prefix = encoder.encode(`${signature.t}.`);
      const signed = new Uint8Array(prefix.length + body.length);
      signed.set(prefix);
      signed.set(body, prefix.length);
      const secret = await key;
      for (const candidate of signature.v1) {
        const bytes = hexToBytes(candidate, 32);
        if (bytes && (await crypto.subtle.verify('HMAC', secret, bytes, signed))) return 'ok';
      }
      return 'invalid';
    },
    interpret(json) {
      const envelope = stripeEventSchema.safeParse(json);
      if (!envelope.success) {
        return { kind: 'invalid', message: describeWebhookIssue('Stripe event', envelope.error.issues[0]) };
      }
      const event = envelope.data;
      const status = Object.hasOwn(EVENTS, event.type) ? EVENTS[event.type] : undefined;
      if (!status) return { kind: 'ignored', reason: 'unhandled_event', eventType: event.type, deliveryId: event.id };
      const parsed = webhookIntentSchema.safeParse(event.data.object);
      if (!parsed.success) {
        return { kind: 'invalid', message: describeWebhookIssue('Stripe PaymentIntent', parsed.error.issues[0], 'data.object') };
      }
      const intent = parsed.data;
      const konbini = intent.payment_method_types.length === 1 && intent.payment_method_types[0] === 'konbini';
      const method =
        intent.next_action?.type === 'konbini_display_details' || konbini
          ? 'konbini'
          : intent.payment_method_types.every((type) => type === 'card')
            ? 'card'
            : undefined;
      // A konbini intent canceled after its deadline is an expired payment; so is an attempt Stripe
      // gave up on because its voucher was not paid in time (the intent back to
      // requires_payment_method with `payment_intent_payment_attempt_expired`).
      const expired =
        (status === 'canceled' && method === 'konbini') ||
        (status === 'failed' && intent.last_payment_error?.code === 'payment_intent_payment_attempt_expired');
      const orderId = intent.metadata?.['order_id'];
      return {
        kind: 'event',
        providerStatus: intent.status,
        event: {
          provider: 'stripe',
          deliveryId: event.id,
          type: event.type,
          paymentId: intent.id,
          sessionId: intent.id,
          ...(orderId ? { orderId } : {}),
          status: expired ? 'expired' : status,
          amount: intent.amount,
          currency: intent.currency.toUpperCase(),
          ...(method ? { method } : {}),
          ...(event.created !== undefined ? { occurredAt: new Date(event.created * 1000).toISOString() } : {}),
        },
      };
    },
  };
}
