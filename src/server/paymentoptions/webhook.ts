import * as z from 'zod/mini';
import { mapPaymentOptionsPayment, responseCodeOf, type PaymentOptionsAnswer } from '../../providers/paymentoptions/map-outcome.ts';
import { hmacSha256Key, verifyHmacSha256Hex } from '../shared/webhook-crypto.ts';
import { describeWebhookIssue } from '../shared/webhook-parse.ts';
import type { WebhookProvider } from '../webhook-provider.ts';
import type { PaymentOptionsWebhookConfig } from './config.ts';

/**
 * PaymentOptions' webhooks (docs/providers.md "PaymentOptions › Webhooks"): the payment's answer (with
 * `return_url_details`) posted to the `webhook_url` of the request, once the payment is final. The
 * documents show no signature: the handler checks a hex HMAC-SHA256 of the raw body (UNCONFIRMED, the
 * sandbox's scheme). Each verified delivery is kept in `transactions` by its `merchant_txn_ref`, for the
 * endpoint's `status`, before `onEvent` hears of it.
 */

const bodySchema = z.looseObject({
  gateway_response: z.optional(z.nullable(z.looseObject({ code: z.optional(z.nullable(z.string())) }))),
  payment_details: z.looseObject({
    amount: z.union([z.number(), z.string()]),
    currency: z.string().check(z.regex(/^[A-Za-z]{3}$/)),
    response_code: z.optional(z.nullable(z.union([z.number(), z.string()]))),
  }),
  transaction_details: z.looseObject({
    id: z.string().check(z.minLength(1), z.maxLength(255)),
    merchant_txn_ref: z.string().check(z.minLength(1), z.maxLength(45)),
    timestamp: z.optional(z.nullable(z.string())),
  }),
});

export const DEFAULT_PAYMENTOPTIONS_SIGNATURE_HEADER = 'X-Sandbox-Webhook-Signature';

export function createPaymentOptionsWebhookProvider(config: PaymentOptionsWebhookConfig): WebhookProvider {
  if (typeof config.secret !== 'string' || config.secret.length === 0) {
    throw new TypeError('kessai-elements/server: paymentoptions webhooks need `secret`.');
  }
  if (!config.transactions) throw new TypeError('kessai-elements/server: paymentoptions webhooks need `transactions`.');
  const header = config.signatureHeader ?? DEFAULT_PAYMENTOPTIONS_SIGNATURE_HEADER;
  const key = hmacSha256Key(config.secret);
  key.catch(() => undefined);
  return {
    name: 'paymentoptions',
    credential: header,
    signsBody: true,
    async authenticate(headers, body) {
      const signature = headers.get(header);
      if (!signature) return 'missing';
      return (await verifyHmacSha256Hex(await key, body, signature.trim().toLowerCase())) ? 'ok' : 'invalid';
    },
    interpret(json) {
      const parsed = bodySchema.safeParse(json);
      if (!parsed.success) return { kind: 'invalid', message: describeWebhookIssue('PaymentOptions payment', parsed.error.issues[0]) };
      const body = parsed.data;
      const outcome = mapPaymentOptionsPayment(body as PaymentOptionsAnswer);
      const code = responseCodeOf(body as PaymentOptionsAnswer);
      const status = outcome.status === 'succeeded' ? 'succeeded' : outcome.status === 'processing' ? 'pending' : 'failed';
      const amount = Math.round(Number(body.payment_details.amount));
      const tx = body.transaction_details;
      return {
        kind: 'event',
        providerStatus: String(code ?? body.gateway_response?.code ?? 'unknown'),
        record: async () => {
          const known = await config.transactions.get(tx.merchant_txn_ref);
          await config.transactions.set({ ...known, merchantTxnRef: tx.merchant_txn_ref, transactionId: tx.id, result: json });
        },
        event: {
          provider: 'paymentoptions',
          deliveryId: `${tx.id}:${code ?? 'x'}`,
          type: 'payment',
          paymentId: tx.id,
          orderId: tx.merchant_txn_ref,
          status,
          amount: Number.isFinite(amount) && amount >= 0 ? amount : 0,
          currency: body.payment_details.currency.toUpperCase(),
          method: 'card',
          ...(tx.timestamp ? { occurredAt: tx.timestamp } : {}),
        },
      };
    },
  };
}
