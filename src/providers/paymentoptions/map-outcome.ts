import type { Outcome } from '../../core/outcome.ts';
import { cardBrandFromProvider } from '../shared/card-brands.ts';
import { failed } from '../shared/failures.ts';
import { rule, type ErrorRule } from '../shared/http-status.ts';

/**
 * PaymentOptions' answers onto the normalized `Outcome` (docs/providers.md "PaymentOptions › Statuses
 * and our Outcome"). Success is `gateway_response.code` `INFO0000` with `payment_details.response_code`
 * 0 (seed 002); the other response codes are declines or gateway errors.
 */

/** The documented response codes (PaymentOptions' "Errors and responses"), by what the shopper can do. */
const RESPONSE_CODES: Readonly<Record<number, ErrorRule>> = {
  [-1]: rule('provider', 'provider_unavailable', true),
  5: rule('declined', 'card_declined', true),
  51: rule('declined', 'insufficient_funds', true),
  54: rule('declined', 'expired_card', true, 'expiry'),
  61: rule('declined', 'over_limit', true),
  65: rule('authentication', 'authentication_failed', true),
  14: rule('validation', 'incorrect_number', true, 'number'),
  82: rule('validation', 'incorrect_cvc', true, 'cvc'),
  937: rule('authentication', 'authentication_failed', true),
};

export interface PaymentOptionsAnswer {
  readonly gateway_response?: { readonly code?: string | null } | null;
  readonly payment_details?: {
    readonly response_code?: number | string | null;
    readonly scheme?: string | null;
    readonly card?: { readonly number?: string | null } | null;
  } | null;
  readonly transaction_details?: { readonly id?: string | null } | null;
}

export function responseCodeOf(answer: PaymentOptionsAnswer): number | undefined {
  const raw = answer.payment_details?.response_code;
  const code = typeof raw === 'string' ? Number(raw) : raw;
  return typeof code === 'number' && Number.isInteger(code) ? code : undefined;
}

/** A payment answer (or a webhook, or a transaction status) as an outcome. */
export function mapPaymentOptionsPayment(answer: PaymentOptionsAnswer): Outcome {
  const code = responseCodeOf(answer);
  if (answer.gateway_response?.code === 'INFO0000' && code === 0) {
    const scheme = answer.payment_details?.scheme;
    const last4 = /(\d{4})$/.exec(answer.payment_details?.card?.number ?? '')?.[1];
    const brand = scheme ? cardBrandFromProvider(scheme) : undefined;
    return {
      status: 'succeeded',
      method: 'card',
      ...(answer.transaction_details?.id ? { paymentId: answer.transaction_details.id } : {}),
      ...(brand ? { brand } : {}),
      ...(last4 ? { last4 } : {}),
    };
  }
  if (code === 578) return { status: 'processing', method: 'card' };
  const chosen = (code !== undefined ? RESPONSE_CODES[code] : undefined) ?? rule('declined', 'card_declined', true);
  return failed(chosen.code, chosen.reason, chosen.retryable, {
    ...(code !== undefined ? { providerCode: String(code) } : {}),
    ...(chosen.field ? { field: chosen.field } : {}),
  });
}
