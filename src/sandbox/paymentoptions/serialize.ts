import type { CardNetwork } from '../shared/card-number.ts';
import type { PaymentOptionsContext } from './context.ts';
import type { CardRecord, LinkRecord, TransactionRecord } from './state.ts';
import { responseDescription } from './test-cards.ts';

/**
 * PaymentOptions' answers, in the shapes of its documents' examples (docs/providers.md,
 * "PaymentOptions › Answers"): the payment answer of `payment` / `paymentv2` (seed 002, the
 * tokenisation pages, the manual's Purchase), the transaction status answer, the webhook body (the
 * payment answer with `return_url_details`), the hosted payment page link.
 */

/** `scheme` and `payment_method` of a card network. `ECMC-SSL` / `MASTERCARD` are documented; the other pairs follow the same naming (UNCONFIRMED). */
const SCHEMES: Readonly<Record<CardNetwork, readonly [string, string]>> = {
  visa: ['VISA', 'VISA-SSL'],
  mastercard: ['MASTERCARD', 'ECMC-SSL'],
  american_express: ['AMEX', 'AMEX-SSL'],
  jcb: ['JCB', 'JCB-SSL'],
  diners_club: ['DINERS', 'DINERS-SSL'],
  discover: ['DISCOVER', 'DISCOVER-SSL'],
  unionpay: ['CHINAUNIONPAY', 'CHINAUNIONPAY-SSL'],
};

export function schemeOf(card: Pick<CardRecord, 'network'>): { readonly scheme: string; readonly paymentMethod: string } {
  const pair = card.network ? SCHEMES[card.network] : null;
  return { scheme: pair?.[0] ?? 'UNKNOWN', paymentMethod: pair?.[1] ?? 'CARD-SSL' };
}

/** `545454******5454`, as the manual's status example masks the number. */
export function maskedNumber(number: string): string {
  return `${number.slice(0, 6)}${'*'.repeat(Math.max(0, number.length - 10))}${number.slice(-4)}`;
}

const SUCCESS_RESPONSE = { version: '1', type: 'INFO', message: 'Payment Successful.', code: 'INFO0000' } as const;

function gatewayResponse(tx: TransactionRecord): Record<string, string> {
  if (tx.status === 'success') return { ...SUCCESS_RESPONSE };
  if (tx.status === 'pending_3ds') return { version: '1', type: 'INFO', message: responseDescription(578), code: 'PENDING' };
  return { version: '1', type: 'ERROR', message: responseDescription(tx.responseCode), code: 'DECLINED' };
}

function cardJson(card: CardRecord): Record<string, string> {
  return { name: card.name, number: maskedNumber(card.number), exp_month: card.expMonth, exp_year: card.expYear };
}

function paymentDetails(tx: TransactionRecord, withDescription: boolean): Record<string, unknown> {
  const { scheme, paymentMethod } = schemeOf(tx.card);
  return {
    amount: tx.amount,
    response_code: tx.status === 'pending_3ds' ? 578 : tx.responseCode,
    ...(withDescription ? { responseDescription: responseDescription(tx.status === 'pending_3ds' ? 578 : tx.responseCode) } : {}),
    auth_code: tx.authCode,
    currency: tx.currency,
    payment_method: paymentMethod,
    scheme,
    card: cardJson(tx.card),
    additional_data: { payment_data_source: { type: 'card' } },
  };
}

function billingDetails(tx: TransactionRecord): Record<string, unknown> {
  return {
    billing_address: tx.billing ?? {},
    ...(tx.shipping ? { shipping_address: tx.shipping } : {}),
  };
}

/** The answer of `payment` / `paymentv2` (and, with `return_url_details`, the webhook body). */
export function paymentAnswer(ctx: PaymentOptionsContext, tx: TransactionRecord, statusCode: number): Record<string, unknown> {
  return {
    success: tx.status === 'success',
    status_code: statusCode,
    is_live: false,
    transaction_type: 'CAPTURE',
    gateway_response: gatewayResponse(tx),
    merchant_details: {
      legal_name: ctx.options.legalName,
      mid: ctx.options.merchantId,
      merchant_txn_ref: tx.merchantTxnRef,
      billing_details: billingDetails(tx),
      device_details: { visited_ip: tx.customerIp, customer_ip: tx.customerIp },
    },
    payment_details: paymentDetails(tx, false),
    transaction_details: {
      id: tx.id,
      ref: tx.ref,
      timestamp: tx.createdAt.toISOString(),
      merchant_txn_ref: tx.merchantTxnRef,
      ...(tx.storedPaymentMethodId ? { stored_payment_method_id: tx.storedPaymentMethodId } : {}),
    },
    'risk-details': { risk_score: null },
  };
}

/** The webhook body: the payment answer with `return_url_details` (the manual's "Webhook Handler"). */
export function webhookBody(ctx: PaymentOptionsContext, tx: TransactionRecord): Record<string, unknown> {
  const answer = paymentAnswer(ctx, tx, 200);
  return {
    ...answer,
    return_url_details: {
      webhook_url: tx.returnUrl.webhook_url,
      success_url: tx.returnUrl.success_url,
      decline_url: tx.returnUrl.decline_url,
      ...(tx.returnUrl.cancel_url ? { cancel_url: tx.returnUrl.cancel_url } : {}),
    },
  };
}

/** `GET …/transaction/status/{transactionId}` (docs.paymentoptions.com "Transaction Status"). */
export function statusAnswer(ctx: PaymentOptionsContext, tx: TransactionRecord): Record<string, unknown> {
  return {
    success: tx.status === 'success',
    status_code: 200,
    is_live: false,
    transaction_type: 'CAPTURE',
    gateway_response: gatewayResponse(tx),
    merchant_details: { legal_name: ctx.options.legalName, mid: ctx.options.merchantId, merchant_txn_ref: tx.merchantTxnRef },
    payment_details: paymentDetails(tx, true),
    transaction_details: {
      id: tx.id,
      ref: tx.ref,
      timestamp: tx.createdAt.toISOString(),
      merchant_txn_ref: tx.merchantTxnRef,
      ...(tx.storedPaymentMethodId ? { stored_payment_method_id: tx.storedPaymentMethodId } : {}),
      billing_details: billingDetails(tx),
    },
    risk_details: { risk_score: null },
  };
}

/** The answer of `hpp/generate/link` (docs.paymentoptions.com "Generate Link"; the manual's sample). */
export function linkAnswer(ctx: PaymentOptionsContext, link: LinkRecord): Record<string, unknown> {
  return {
    id: link.id,
    url: ctx.urls.hostedPage(link.slug),
    amount: link.amount,
    currency: link.currency,
    merchant_txn_ref: link.merchantTxnRef,
    merchant_id: ctx.options.merchantId,
    merchant_email: link.merchantEmail,
    return_url: { ...link.returnUrl },
    billing_address: link.billing,
    shipping_address: link.shipping,
    ...(link.paymentMethod ? { payment_method: link.paymentMethod } : {}),
    status: link.status,
    isValid: link.status === 'ACTIVE',
  };
}
