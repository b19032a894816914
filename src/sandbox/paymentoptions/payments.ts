import { ok, type ApiAnswer } from '../shared/api-answer.ts';
import { cardNetworkOf, expiredInJapan, luhnValid } from '../shared/card-number.ts';
import { httpUrl, withQueryParam } from '../shared/http.ts';
import { randomDigits, randomString } from '../shared/ids.ts';
import type { ApiCall, PaymentOptionsContext } from './context.ts';
import { badRequest, PaymentOptionsApiError, preconditionFailed, unauthorized } from './errors.ts';
import { paymentAnswer } from './serialize.ts';
import type { CardRecord, LinkRecord, ReturnUrls, TransactionRecord, TransactionSource } from './state.ts';
import { testCardFor } from './test-cards.ts';

/**
 * Payments: the request fields PaymentOptions documents (the manual's Purchase and Authorisation
 * tables; docs.paymentoptions.com's server-to-server, tokenization and 3-D Secure pages), the test-card
 * rules shared by the API and the hosted payment page, and what a finished payment does (a stored card,
 * the link's status, the webhook).
 */

type Body = Readonly<Record<string, unknown>>;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function text(body: Body, field: string, max: number, where = ''): string {
  const value = body[field];
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string' || value.trim() === '') throw badRequest(`${where}${field} is required.`);
  if (value.length > max) throw badRequest(`${where}${field} must be at most ${max} characters.`);
  return value.trim();
}

function optionalText(body: Body, field: string, max: number): string | null {
  return body[field] === undefined || body[field] === null || body[field] === '' ? null : text(body, field, max);
}

/** `amount`: "float/string/int", at most 10 characters; more than 0. */
export function amountOf(value: unknown, field = 'amount'): number {
  const raw = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  if (!/^\d{1,10}(\.\d{1,2})?$/.test(raw) || Number(raw) <= 0) throw badRequest(`${field} must be a positive amount of at most 10 digits.`);
  return Number(raw);
}

function currencyOf(body: Body): string {
  const currency = text(body, 'currency', 3);
  if (!/^[A-Za-z]{3}$/.test(currency)) throw badRequest('currency must be a three-letter currency code.');
  return currency.toUpperCase();
}

function url(body: Body, field: string, required: boolean): string | null {
  const value = body[field];
  if ((value === undefined || value === null || value === '') && !required) return null;
  if (typeof value !== 'string' || !httpUrl(value)) throw badRequest(`return_url.${field} must be an http or https URL.`);
  if (value.length > 255) throw badRequest(`return_url.${field} must be at most 255 characters.`);
  return value;
}

/** `return_url`: `webhook_url`, `success_url`, `decline_url` (each at most 255), `cancel_url` optional. */
export function returnUrlOf(body: Body): ReturnUrls {
  const value = body['return_url'];
  if (!isObject(value)) throw badRequest('return_url is required.');
  return {
    webhook_url: url(value, 'webhook_url', true) as string,
    success_url: url(value, 'success_url', true) as string,
    decline_url: url(value, 'decline_url', true) as string,
    cancel_url: url(value, 'cancel_url', false),
  };
}

function addressOf(body: Body, field: string, required: boolean): Record<string, unknown> | null {
  const value = body[field];
  if (value === undefined || value === null) {
    if (required) throw badRequest(`${field} is required.`);
    return null;
  }
  if (!isObject(value)) throw badRequest(`${field} must be an object.`);
  return { ...value };
}

/** `merchant_id`, when sent, must be the merchant's own (DASMID). */
export function checkMerchant(ctx: PaymentOptionsContext, body: Body): void {
  const sent = body['merchant_id'];
  if (sent === undefined || sent === null || sent === '') return;
  if (sent !== ctx.options.merchantId) throw unauthorized('merchant_id does not match the API key.');
}

/** The card of a request: `card { number, expiry_month, expiry_year, cvc, name }`. */
export function cardOf(value: unknown): CardRecord {
  if (!isObject(value)) throw badRequest('card is required (or payment_method.stored_payment_method_id).');
  const number = String(value['number'] ?? '').replace(/[\s-]/g, '');
  if (!/^\d{12,19}$/.test(number) || !luhnValid(number)) {
    throw new PaymentOptionsApiError(406, 'ERR_INVALID_CARD', 'Invalid card number.');
  }
  const month = String(value['expiry_month'] ?? '').trim();
  const year = String(value['expiry_year'] ?? '').trim();
  if (!/^(0?[1-9]|1[0-2])$/.test(month)) throw badRequest('card.expiry_month must be a month (01–12).');
  if (!/^(\d{2}|\d{4})$/.test(year)) throw badRequest('card.expiry_year must be two digits (24 for 2024).');
  const cvc = String(value['cvc'] ?? '').trim();
  if (!/^\d{3,4}$/.test(cvc)) throw badRequest('card.cvc must be 3 or 4 digits.');
  const name = typeof value['name'] === 'string' ? value['name'].trim() : '';
  if (name === '' || name.length > 255) throw badRequest('card.name is required (at most 255 characters).');
  return { number, expMonth: month.padStart(2, '0'), expYear: year.slice(-2), name, network: cardNetworkOf(number) };
}

/** Whether a card's expiry month has passed (in Japan). */
function cardExpired(card: CardRecord, now: Date): boolean {
  return expiredInJapan(Number(card.expMonth), 2000 + Number(card.expYear), now);
}

/**
 * The stored card a request names: `payment_method.stored_payment_method_id` as the documents spell it,
 * or `store_payment_method_id` as the curl example of the use-token page (seed 002) does.
 */
function storedIdOf(paymentMethod: Record<string, unknown> | null): string | null {
  if (!paymentMethod) return null;
  const id = paymentMethod['stored_payment_method_id'] ?? paymentMethod['store_payment_method_id'];
  if (id === undefined || id === null || id === '') return null;
  if (typeof id !== 'string') throw badRequest('payment_method.stored_payment_method_id must be a string.');
  return id;
}

interface NewTransaction {
  readonly source: TransactionSource;
  readonly amount: number;
  readonly currency: string;
  readonly merchantTxnRef: string;
  readonly customerIp: string | null;
  readonly returnUrl: ReturnUrls;
  readonly billing: Record<string, unknown> | null;
  readonly shipping: Record<string, unknown> | null;
  readonly browserInfo: Record<string, unknown> | null;
  readonly card: CardRecord;
  readonly storedPaymentMethodId: string | null;
  readonly storeCard: boolean;
  readonly linkId: string | null;
}

/** Records a transaction and runs its card: `pending_3ds` when a challenge is due (`withChallenge`), else finished. */
export function runTransaction(ctx: PaymentOptionsContext, input: NewTransaction, withChallenge: boolean): TransactionRecord {
  const tx: TransactionRecord = {
    ...input,
    id: crypto.randomUUID(),
    ref: ctx.state.ref(),
    status: 'pending_3ds',
    responseCode: 578,
    authCode: null,
    createdAt: ctx.now,
    challengeId: null,
  };
  ctx.state.transactions.set(tx.id, tx);
  const card = testCardFor(tx.card.number, ctx.options.testCards);
  if (cardExpired(tx.card, ctx.now)) finish(ctx, tx, 54);
  else if (!card.threeDSecure) finish(ctx, tx, card.responseCode);
  else if (!withChallenge) finish(ctx, tx, 65);
  else {
    tx.challengeId = randomString(32, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789');
    ctx.state.challenges.set(tx.challengeId, tx.id);
  }
  return tx;
}

/** Ends a transaction with a response code: the card stored on success when asked, its link updated. */
export function finish(ctx: PaymentOptionsContext, tx: TransactionRecord, responseCode: number): void {
  tx.responseCode = responseCode;
  tx.status = responseCode === 0 ? 'success' : 'declined';
  if (tx.status === 'success') {
    tx.authCode = randomDigits(6);
    if (tx.storeCard && !tx.storedPaymentMethodId) {
      const id = crypto.randomUUID();
      ctx.state.storedCards.set(id, { ...tx.card, id, createdAt: ctx.now });
      tx.storedPaymentMethodId = id;
    }
  }
  const link = tx.linkId ? ctx.state.links.get(tx.linkId) : undefined;
  if (link && link.status === 'ACTIVE') link.status = tx.status === 'success' ? 'PAID' : 'DECLINED';
}

/** The 3-D Secure answer of `paymentv2`: the documented `{ url, statusCode, success, redirect_url }`. */
function challengeAnswer(ctx: PaymentOptionsContext, tx: TransactionRecord): ApiAnswer {
  const url = ctx.urls.challenge(tx.challengeId as string);
  return ok({ url, statusCode: 200, success: true, redirect_url: url }, 200);
}

/** The HTTP status of a finished payment's answer. */
export function paymentStatus(ctx: PaymentOptionsContext, tx: TransactionRecord): number {
  if (tx.status === 'success') return 201;
  return tx.responseCode === -1 ? 502 : ctx.options.declineStatus;
}

/** `POST …/server-to-server-interface/payment` and `…/paymentv2`. */
export function pay(ctx: PaymentOptionsContext, call: ApiCall, v2: boolean): ApiAnswer {
  const body = call.body;
  checkMerchant(ctx, body);
  const amount = amountOf(body['amount']);
  const currency = currencyOf(body);
  const merchantTxnRef = text(body, 'merchant_txn_ref', 45);
  const customerIp = text(body, 'customer_ip', 45);
  const returnUrl = returnUrlOf(body);
  const billing = addressOf(body, 'billing_address', true);
  const shipping = addressOf(body, 'shipping_address', false);
  optionalText(body, 'time_zone', 128);
  const paymentMethod = body['payment_method'] === undefined || body['payment_method'] === null ? null : body['payment_method'];
  if (paymentMethod !== null && !isObject(paymentMethod)) throw badRequest('payment_method must be an object.');
  const browserInfo = body['browser_info'] === undefined || body['browser_info'] === null ? null : body['browser_info'];
  if (browserInfo !== null && !isObject(browserInfo)) throw badRequest('browser_info must be an object.');

  const storedId = storedIdOf(paymentMethod);
  let card: CardRecord;
  if (storedId !== null) {
    const stored = ctx.state.storedCards.get(storedId);
    if (!stored) throw preconditionFailed('No stored payment method with this stored_payment_method_id.');
    card = stored;
  } else {
    card = cardOf(body['card']);
  }
  const tx = runTransaction(
    ctx,
    {
      source: v2 ? 'paymentv2' : 'payment',
      amount,
      currency,
      merchantTxnRef,
      customerIp,
      returnUrl,
      billing,
      shipping,
      browserInfo: browserInfo ? { ...browserInfo } : null,
      card,
      storedPaymentMethodId: storedId,
      storeCard: storedId === null && paymentMethod?.['store_payment_method'] === true,
      linkId: null,
    },
    v2,
  );
  if (tx.status === 'pending_3ds') return challengeAnswer(ctx, tx);
  if (ctx.options.webhookOnDirectPayments) ctx.notify(tx);
  const status = paymentStatus(ctx, tx);
  return ok(paymentAnswer(ctx, tx, status), status);
}

/** Where the shopper goes once a transaction is over (or the page cancelled). */
export function returnTarget(ctx: PaymentOptionsContext, urls: ReturnUrls, outcome: 'success' | 'declined' | 'cancelled', tx: TransactionRecord | null, merchantTxnRef: string): string {
  const base = outcome === 'success' ? urls.success_url : outcome === 'declined' ? urls.decline_url : (urls.cancel_url ?? urls.decline_url);
  if (ctx.options.returnParams === 'none') return base;
  let target = base;
  if (tx) target = withQueryParam(target, 'transaction_id', tx.id);
  target = withQueryParam(target, 'merchant_txn_ref', merchantTxnRef);
  return withQueryParam(target, 'status', outcome);
}

/** The answer to the 3-D Secure page: finishes the payment, posts the webhook, says where the shopper goes. */
export function answerChallenge(ctx: PaymentOptionsContext, tx: TransactionRecord, result: 'complete' | 'fail'): string {
  const card = testCardFor(tx.card.number, ctx.options.testCards);
  finish(ctx, tx, result === 'complete' ? card.responseCode : 937);
  ctx.notify(tx);
  return returnTarget(ctx, tx.returnUrl, tx.status === 'success' ? 'success' : 'declined', tx, tx.merchantTxnRef);
}

/** `POST …/hpp/generate/link`. */
export function createLink(ctx: PaymentOptionsContext, call: ApiCall): LinkRecord {
  const body = call.body;
  checkMerchant(ctx, body);
  const amount = body['amount'] === null || body['amount'] === undefined ? null : amountOf(body['amount']);
  const paymentMethod = body['payment_method'] === undefined || body['payment_method'] === null ? null : body['payment_method'];
  if (paymentMethod !== null && !isObject(paymentMethod)) throw badRequest('payment_method must be an object.');
  const slug = randomString(24, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789');
  const link: LinkRecord = {
    id: crypto.randomUUID(),
    slug,
    amount,
    currency: currencyOf(body),
    merchantTxnRef: text(body, 'merchant_txn_ref', 45),
    merchantEmail: optionalText(body, 'merchant_email', 45),
    returnUrl: returnUrlOf(body),
    billing: addressOf(body, 'billing_address', false),
    shipping: addressOf(body, 'shipping_address', false),
    paymentMethod: paymentMethod ? { ...paymentMethod } : null,
    storePaymentMethod: paymentMethod?.['store_payment_method'] === true,
    status: 'ACTIVE',
    transactionId: null,
    createdAt: ctx.now,
  };
  ctx.state.links.set(link.id, link);
  ctx.state.linksBySlug.set(slug, link);
  return link;
}
