import { cardNetworkOf, expiredInJapan, luhnValid, type CardNetwork } from '../shared/card-number.ts';
import { withQueryParam } from '../shared/http.ts';
import { randomString } from '../shared/ids.ts';
import type { PayjpContext } from './context.ts';
import { invalidStatus, paymentFailed, validationError } from './errors.ts';
import { serializePaymentFlow, serializePaymentMethod, serializeSetupFlow } from './serialize.ts';
import { payjpId, type BillingDetails, type FlowRecord, type PaymentFlowRecord, type PaymentMethodRecord, type SetupFlowRecord } from './state.ts';
import { testCardFor } from './test-cards.ts';

/** The state changes of Payment Flows and Setup Flows: confirm, 3-D Secure, capture, cancel. */

export const paymentFlowJson = (ctx: PayjpContext, flow: PaymentFlowRecord) => serializePaymentFlow(ctx.state, flow, ctx.urls.challenge);
export const setupFlowJson = (ctx: PayjpContext, flow: SetupFlowRecord) => serializeSetupFlow(ctx.state, flow, ctx.urls.challenge, ctx.options);
export const flowJson = (ctx: PayjpContext, flow: FlowRecord) => (flow.kind === 'payment_flow' ? paymentFlowJson(ctx, flow) : setupFlowJson(ctx, flow));

const ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
/**
 * `pfw_secret_…` / `sflw_secret_…`. The Setup Flow format is the guide's example
 * (docs.pay.jp/v2/guide/payments/setupflow: `sflw_secret_xxxxx`); the Payment Flow one follows it by
 * analogy (UNCONFIRMED: third-party notes show `pfws_…` and `pflw_secret_…`).
 */
export const clientSecretFor = (prefix: 'pfw' | 'sflw'): string => `${prefix}_secret_${randomString(32, ALPHANUMERIC)}`;

/** Brand names as PAY.JP's v1 API spells them (docs.pay.jp/v1/api, card.brand); v2's are UNCONFIRMED. */
const BRANDS: Readonly<Record<CardNetwork, string>> = {
  visa: 'Visa',
  mastercard: 'MasterCard',
  jcb: 'JCB',
  american_express: 'American Express',
  diners_club: 'Diners Club',
  discover: 'Discover',
  unionpay: 'UnionPay',
};

const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

export function billingDetailsOf(value: unknown): BillingDetails {
  const b = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  const a = (b['address'] && typeof b['address'] === 'object' ? b['address'] : {}) as Record<string, unknown>;
  return {
    name: str(b['name']),
    email: str(b['email']),
    phone: str(b['phone']),
    address: { line1: str(a['line1']), line2: str(a['line2']), city: str(a['city']), state: str(a['state']), zip: str(a['zip']), country: str(a['country']) },
  };
}

const intOf = (value: unknown): number | null => {
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) ? n : null;
};

/**
 * A card PaymentMethod from `payment_method_data: { type: 'card', card: { number, exp_month, exp_year,
 * cvc }, billing_details }`, as the stand-in's form frame sends it (the public key only). 422 for a
 * number, expiry or CVC PAY.JP would not take.
 */
export function cardPaymentMethod(ctx: PayjpContext, data: unknown): PaymentMethodRecord {
  const d = (data && typeof data === 'object' ? data : {}) as Record<string, unknown>;
  if (d['type'] !== undefined && d['type'] !== 'card') throw validationError('payment_method_data.type', 'Only card is supported by the sandbox.', 'literal_error');
  const card = (d['card'] && typeof d['card'] === 'object' ? d['card'] : {}) as Record<string, unknown>;
  const number = typeof card['number'] === 'string' ? card['number'].replace(/[\s-]/g, '') : '';
  const network = cardNetworkOf(number);
  if (!/^\d{12,19}$/.test(number) || !luhnValid(number) || !network) throw validationError('payment_method_data.card.number', 'The card number is invalid.', 'invalid_number');
  const month = intOf(card['exp_month']);
  let year = intOf(card['exp_year']);
  if (year !== null && year < 100) year += 2000;
  if (month === null || month < 1 || month > 12) throw validationError('payment_method_data.card.exp_month', 'The expiry month is invalid.', 'invalid_expiry_month');
  if (year === null || year < 2000 || year > 2100) throw validationError('payment_method_data.card.exp_year', 'The expiry year is invalid.', 'invalid_expiry_year');
  const cvc = typeof card['cvc'] === 'string' ? card['cvc'] : '';
  if (!/^\d{3,4}$/.test(cvc)) throw validationError('payment_method_data.card.cvc', 'The security code is invalid.', 'invalid_cvc');
  const pm: PaymentMethodRecord = {
    id: payjpId('pm'),
    createdAt: ctx.now,
    updatedAt: ctx.now,
    customerId: null,
    detachedAt: null,
    card: { brand: BRANDS[network], last4: number.slice(-4), exp_month: month, exp_year: year, fingerprint: fingerprintOf(number), country: 'JP' },
    billingDetails: billingDetailsOf(d['billing_details']),
    metadata: {},
    number,
  };
  ctx.state.paymentMethods.set(pm.id, pm);
  return pm;
}

/** The same value for the same number, never the number (FNV-1a: routes are synchronous). */
function fingerprintOf(number: string): string {
  let hash = 0x811c9dc5;
  for (const ch of `kessai-payjp:${number}`) hash = Math.imul(hash ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, '0') + number.length.toString(16);
}

const eventName = (flow: FlowRecord, what: 'succeeded' | 'failed' | 'requires_action' | 'canceled'): string =>
  flow.kind === 'payment_flow'
    ? `payment_flow.${what === 'failed' ? 'payment_failed' : what}`
    : `setup_flow.${what === 'failed' ? 'setup_failed' : what}`;

function touch(ctx: PayjpContext, flow: FlowRecord): void {
  flow.updatedAt = ctx.now;
}

/** The flow has its card: done (payment: succeeded or requires_capture; setup: the card saved on the customer). */
function succeed(ctx: PayjpContext, flow: FlowRecord): void {
  flow.challengeId = null;
  flow.lastError = null;
  touch(ctx, flow);
  if (flow.kind === 'payment_flow') {
    if (flow.captureMethod === 'manual') {
      flow.status = 'requires_capture';
      flow.amountCapturable = flow.amount;
      return;
    }
    flow.status = 'succeeded';
    flow.amountReceived = flow.amount;
    ctx.emit(eventName(flow, 'succeeded'), paymentFlowJson(ctx, flow));
    return;
  }
  flow.status = 'succeeded';
  const pm = flow.paymentMethodId ? ctx.state.paymentMethods.get(flow.paymentMethodId) : undefined;
  if (pm && flow.customerId && pm.customerId !== flow.customerId) {
    pm.customerId = flow.customerId;
    pm.updatedAt = ctx.now;
    ctx.emit('payment_method.attached', serializePaymentMethod(pm));
  }
  ctx.emit(eventName(flow, 'succeeded'), setupFlowJson(ctx, flow));
}

function fail(ctx: PayjpContext, flow: FlowRecord, code: string, message: string): void {
  flow.lastError = { code, message, payment_method_id: flow.paymentMethodId };
  flow.status = 'requires_payment_method';
  flow.challengeId = null;
  touch(ctx, flow);
  ctx.emit(eventName(flow, 'failed'), flowJson(ctx, flow));
}

const CONFIRMABLE = ['requires_payment_method', 'requires_confirmation', 'requires_action'];

/**
 * Confirms a flow with a card: a decline fails it (HTTP 402, the flow back at
 * `requires_payment_method` with its last error), a card or an option that asks for 3-D Secure sends it
 * to `requires_action` with the challenge page, anything else succeeds.
 */
export function confirmFlow(ctx: PayjpContext, flow: FlowRecord, pm: PaymentMethodRecord, returnUrl: string | null, instance: string): void {
  if (!CONFIRMABLE.includes(flow.status)) throw invalidStatus(`This ${flow.kind} is ${flow.status} and cannot be confirmed.`);
  if (flow.challengeId) ctx.state.challenges.delete(flow.challengeId);
  flow.paymentMethodId = pm.id;
  if (returnUrl !== null) flow.returnUrl = returnUrl;
  const card = testCardFor(ctx.options.testCards, pm.number);
  const expired = expiredInJapan(pm.card.exp_month, pm.card.exp_year, new Date(ctx.now));
  const decline = expired
    ? { code: 'expired_card', message: 'カードの有効期限が切れています。(Your card has expired.)' }
    : card.decline?.paymentsOnly && flow.kind === 'setup_flow'
      ? undefined
      : card.decline;
  if (decline) {
    fail(ctx, flow, decline.code, decline.message);
    throw paymentFailed(decline.code, decline.message, instance);
  }
  const options = flow.paymentMethodOptions?.['card'] as { request_three_d_secure?: unknown } | undefined;
  if (card.threeDSecure === 'always' || options?.request_three_d_secure === 'any') {
    const id = payjpId('tds');
    ctx.state.challenges.set(id, { id, flow: { kind: flow.kind, id: flow.id }, returnUrl: flow.returnUrl, url: ctx.urls.challenge(id), answered: null });
    flow.challengeId = id;
    flow.status = 'requires_action';
    flow.lastError = null;
    touch(ctx, flow);
    ctx.emit(eventName(flow, 'requires_action'), flowJson(ctx, flow));
    return;
  }
  succeed(ctx, flow);
}

/** The query the shopper comes back to `return_url` with: the flow's id and client secret. */
export function returnUrlFor(ctx: PayjpContext, flow: FlowRecord, returnUrl: string): string {
  const p = ctx.options.returnParams;
  const [idName, secretName] = flow.kind === 'payment_flow' ? [p.paymentFlowId, p.paymentFlowClientSecret] : [p.setupFlowId, p.setupFlowClientSecret];
  return withQueryParam(withQueryParam(returnUrl, idName, flow.id), secretName, flow.clientSecret);
}

export function flowOfChallenge(ctx: PayjpContext, challengeId: string): FlowRecord | undefined {
  const challenge = ctx.state.challenges.get(challengeId);
  if (!challenge) return undefined;
  return challenge.flow.kind === 'payment_flow' ? ctx.state.paymentFlows.get(challenge.flow.id) : ctx.state.setupFlows.get(challenge.flow.id);
}

/** The challenge page's answer: where the shopper goes next (the return URL with the flow's parameters), or null. */
export function answerChallenge(ctx: PayjpContext, challengeId: string, result: 'complete' | 'fail'): string | null {
  const challenge = ctx.state.challenges.get(challengeId);
  const flow = flowOfChallenge(ctx, challengeId);
  if (!challenge || !flow || challenge.answered || flow.challengeId !== challengeId || flow.status !== 'requires_action') return null;
  challenge.answered = result;
  if (result === 'complete') succeed(ctx, flow);
  else fail(ctx, flow, 'three_d_secure_failed', '3Dセキュア認証に失敗しました。(3-D Secure authentication failed.)');
  return challenge.returnUrl ? returnUrlFor(ctx, flow, challenge.returnUrl) : null;
}

export function capturePaymentFlow(ctx: PayjpContext, flow: PaymentFlowRecord, amount: number | null): void {
  if (flow.status !== 'requires_capture') throw invalidStatus(`This payment_flow is ${flow.status} and cannot be captured.`);
  const capture = amount ?? flow.amountCapturable;
  if (capture < 1 || capture > flow.amountCapturable) throw validationError('amount_to_capture', 'amount_to_capture must be at most amount_capturable.', 'less_than_equal');
  flow.amountReceived = capture;
  flow.amountCapturable = 0;
  flow.status = 'succeeded';
  touch(ctx, flow);
  ctx.emit('payment_flow.succeeded', paymentFlowJson(ctx, flow));
}

const CANCELABLE = ['requires_payment_method', 'requires_confirmation', 'requires_action', 'requires_capture', 'processing'];

export function cancelFlow(ctx: PayjpContext, flow: FlowRecord, reason: string | null): void {
  if (!CANCELABLE.includes(flow.status)) throw invalidStatus(`This ${flow.kind} is ${flow.status} and cannot be canceled.`);
  if (flow.challengeId) ctx.state.challenges.delete(flow.challengeId);
  flow.challengeId = null;
  flow.status = 'canceled';
  flow.cancellationReason = reason;
  if (flow.kind === 'payment_flow') {
    flow.canceledAt = ctx.now;
    flow.amountCapturable = 0;
  }
  touch(ctx, flow);
  ctx.emit(eventName(flow, 'canceled'), flowJson(ctx, flow));
}
