import { cardNetworkOf, expiredInJapan, japanYearMonth, luhnValid, type CardNetwork } from '../shared/card-number.ts';
import { httpUrl } from '../shared/http.ts';
import { endOfDayJst, konbiniDeadline } from '../shared/jst.ts';
import type { UnivapayContext } from './context.ts';
import { chargeErrorMessage, notFound, UnivapayApiError, validationError } from './errors.ts';
import { convenienceStoreOf, issuePaymentNumber, periodDays } from './konbini.ts';
import {
  cardDataSchema,
  konbiniDataSchema,
  parseBody,
  type CreateChargeBody,
  type CreateTokenBody,
} from './schemas.ts';
import type { CardRecord, ChargePlan, ChargeRecord, KonbiniRecord, TokenRecord } from './state.ts';
import { cardResult, forcedFailureCode, THREE_DS_FAILED_CODE } from './test-cards.ts';

/**
 * What the emulator does with tokens and charges (docs/providers.md, "UnivaPay"): checks a token's
 * card or konbini data, decides at charge creation what the charge will become (test cards, email
 * rule, 3-D Secure mode), keeps it `pending` for `processingMs`, then moves it on; the challenge page
 * and the konbini slip page finish the `awaiting` ones.
 */

/** A time-ordered-looking UUID like UnivaPay's (`11efdfaf-…`), random past its prefix. */
export function univapayId(): string {
  return `11ef${crypto.randomUUID().slice(4)}`;
}

/** UnivaPay's `brand` values (the widget's card brand filters), by network. */
const UNIVAPAY_BRAND: Readonly<Record<CardNetwork, string>> = {
  visa: 'visa',
  mastercard: 'mastercard',
  jcb: 'jcb',
  american_express: 'american_express',
  diners_club: 'diners_club',
  discover: 'discover',
  unionpay: 'unionpay',
};

function cardFrom(data: unknown, now: Date): CardRecord {
  const d = parseBody(cardDataSchema, data, ['data']);
  const number = d.card_number.replace(/[\s-]/g, '');
  if (!/^\d{12,19}$/.test(number) || !luhnValid(number)) throw validationError('data.card_number', 'INVALID_CARD_NUMBER');
  if (d.exp_month < 1 || d.exp_month > 12) throw validationError('data.exp_month', 'INVALID_FORMAT');
  const year = d.exp_year >= 0 && d.exp_year < 100 ? 2000 + d.exp_year : d.exp_year;
  if (year < 2000 || year > 2100) throw validationError('data.exp_year', 'INVALID_FORMAT');
  if (expiredInJapan(d.exp_month, year, now)) {
    throw validationError(year < japanYearMonth(now).year ? 'data.exp_year' : 'data.exp_month', 'CARD_EXPIRED');
  }
  if (!/^\d{3,4}$/.test(d.cvv)) throw validationError('data.cvv', 'INVALID_FORMAT');
  const redirect = d.three_ds?.redirect_endpoint;
  if (redirect && !httpUrl(redirect)) throw validationError('data.three_ds.redirect_endpoint', 'INVALID_FORMAT');
  const network = cardNetworkOf(number);
  return {
    number,
    expMonth: d.exp_month,
    expYear: year,
    cvv: d.cvv,
    cardholder: d.cardholder,
    brand: network ? UNIVAPAY_BRAND[network] : 'unknown',
    bin: number.slice(0, 6),
    last4: number.slice(-4),
  };
}

function konbiniFrom(ctx: UnivapayContext, data: unknown): KonbiniRecord {
  const d = parseBody(konbiniDataSchema, data, ['data']);
  const store = convenienceStoreOf(d.convenience_store);
  if (!store) throw validationError('data.convenience_store', 'INVALID_FORMAT');
  if (!ctx.options.convenienceStores.includes(store)) throw validationError('data.convenience_store', 'NOT_SUPPORTED');
  // UnivaPay's SDKs allow Japanese numbers only (docs/providers.md, "UnivaPay").
  if (d.phone_number.country_code !== '81') {
    throw validationError('data.phone_number.country_code', 'ONLY_JAPANESE_PHONE_NUMBER_ALLOWED');
  }
  if (!/^(?:0\d{9,10}|[1-9]\d{8,9})$/.test(d.phone_number.local_number)) {
    throw validationError('data.phone_number.local_number', 'INVALID_PHONE_NUMBER');
  }
  const period = d.expiration_period ?? null;
  if (period !== null && periodDays(period) === null) throw validationError('data.expiration_period', 'INVALID_FORMAT');
  return {
    customerName: d.customer_name,
    convenienceStore: d.convenience_store,
    store,
    phone: { countryCode: '81', localNumber: d.phone_number.local_number },
    expirationPeriod: period,
    expirationTimeShift: d.expiration_time_shift ?? null,
  };
}

/**
 * `POST /tokens`: a one-time card or konbini token. `rawCardData`: whether this caller may send card
 * data (the account or its app token is allowed, or the data comes from UnivaPay's own inline form).
 */
export function createToken(ctx: UnivapayContext, body: CreateTokenBody, rawCardData: boolean): TokenRecord {
  const { options, now } = ctx;
  if (body.payment_type !== 'card' && body.payment_type !== 'konbini') {
    throw validationError('payment_type', 'NOT_SUPPORTED');
  }
  if (!options.paymentTypes.includes(body.payment_type)) {
    throw new UnivapayApiError(400, body.payment_type === 'konbini' ? 'CONVENIENCE_PROCESSING_DISABLED' : 'NOT_SUPPORTED_BY_PROCESSOR');
  }
  // One-time and recurring tokens (docs/providers.md, "UnivaPay › Recurring tokens"); subscription
  // tokens (UnivaPay's own subscriptions) are not emulated.
  if (body.type === 'subscription') throw validationError('type', 'NOT_SUPPORTED');
  const recurring = body.type === 'recurring';
  if (!recurring && body.usage_limit) throw new UnivapayApiError(400, 'USAGE_LIMIT_NOT_APPLICABLE');
  if (recurring) {
    if (body.payment_type !== 'card') throw validationError('type', 'NOT_SUPPORTED');
    if (options.recurringTokens === 'none') throw new UnivapayApiError(400, 'RECURRING_TOKEN_NOT_ALLOWED');
    if (options.recurringTokens === 'bounded' && !body.usage_limit) throw new UnivapayApiError(400, 'RECURRING_USAGE_LIMIT_REQUIRED');
  }
  const base = {
    id: univapayId(),
    storeId: options.storeId,
    createdAt: now,
    email: body.email ?? null,
    type: recurring ? ('recurring' as const) : ('one_time' as const),
    usageLimit: body.usage_limit ?? null,
    threeDsStatus: null,
    metadata: body.metadata ?? {},
    ipAddress: body.ip_address ?? null,
    chargeId: null,
    lastUsedOn: null,
    deletedAt: null,
  };
  if (body.payment_type === 'card') {
    if (!rawCardData) throw new UnivapayApiError(401, 'DIRECT_CARD_TOKEN_CREATION_DISABLED');
    if (!body.email && options.cardTokenEmail === 'required') throw validationError('email', 'REQUIRED_VALUE');
    const card = cardFrom(body.data, now);
    // `data.three_ds {enabled, redirect_endpoint}` (UnivaPay's Java SDK) or the top-level `three_ds {mode,
    // redirect_endpoint}` (univapay-node); the data's wins where both are set.
    const inData = body.data['three_ds'] as { enabled?: boolean; redirect_endpoint?: string | null } | null | undefined;
    const topLevel = body.three_ds ?? null;
    const redirectEndpoint =
      checkedRedirect('data.three_ds.redirect_endpoint', inData?.redirect_endpoint) ??
      checkedRedirect('three_ds.redirect_endpoint', topLevel?.redirect_endpoint);
    const threeDs =
      inData || topLevel
        ? { enabled: inData?.enabled ?? (topLevel ? topLevel.mode !== 'skip' : false), mode: topLevel?.mode ?? null, redirectEndpoint }
        : null;
    // A recurring token runs 3-D Secure when it is made, not at its charges (docs/providers.md,
    // "UnivaPay › Recurring tokens"): a challenge card waits for the shopper, any other passes.
    const tokenThreeDs = recurring
      ? options.challengeCards.has(card.number) && topLevel?.mode !== 'skip'
        ? ('awaiting' as const)
        : ('successful' as const)
      : null;
    return remember({ ...base, threeDsStatus: tokenThreeDs, source: { paymentType: 'card', card, threeDs } });
  }
  // Konbini tokens need the email ("required for most types"; docs/providers.md, "UnivaPay").
  if (!body.email) throw validationError('email', 'REQUIRED_VALUE');
  return remember({ ...base, source: { paymentType: 'konbini', konbini: konbiniFrom(ctx, body.data) } });

  function remember(token: TokenRecord): TokenRecord {
    ctx.state.tokens.set(token.id, token);
    return token;
  }
}

/**
 * The konbini deadline: the charge's `capture_at` (its time of day ignored for 7-Eleven and Seicomart,
 * which end at 23:59:59 JST: docs/providers.md, "UnivaPay"), else the token's `expiration_period` in days,
 * else the account default, at 23:59:59 JST (docs/providers.md, "UnivaPay").
 */
function konbiniExpiry(ctx: UnivapayContext, konbini: KonbiniRecord, captureAt: string | null): string {
  if (captureAt) {
    const at = new Date(captureAt);
    if (konbini.store === 'seven_eleven' || konbini.store === 'seico_mart') return endOfDayJst(at);
    return at.toISOString().replace('.000Z', 'Z');
  }
  const days = periodDays(konbini.expirationPeriod) ?? ctx.options.konbiniDeadlineDays;
  return konbiniDeadline(ctx.now, days);
}

function checkedRedirect(field: string, value: string | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (!httpUrl(value)) throw validationError(field, 'INVALID_FORMAT');
  return value;
}

/** `POST /charges` on a token of this store (the secret was checked by the dispatcher). */
export function createCharge(ctx: UnivapayContext, body: CreateChargeBody): ChargeRecord {
  const { options, state, now } = ctx;
  const token = state.tokens.get(body.transaction_token_id);
  if (!token || token.storeId !== options.storeId || token.deletedAt !== null) throw notFound();
  if (token.type === 'one_time' && token.chargeId !== null) throw new UnivapayApiError(400, 'TRANSACTION_ALREADY_PROCESSED');
  // A recurring token whose own 3-D Secure did not pass cannot be charged (the emulator's reading:
  // docs/providers.md, "UnivaPay › Recurring tokens").
  if (token.type === 'recurring' && token.threeDsStatus !== 'successful') throw new UnivapayApiError(400, 'INVALID_THREE_DS_STATUS');
  const currency = body.currency.toUpperCase();
  const source = token.source;
  if (source.paymentType === 'konbini' && currency !== 'JPY') throw validationError('currency', 'NOT_SUPPORTED');

  const threeDsEndpoint = checkedRedirect('three_ds.redirect_endpoint', body.three_ds?.redirect_endpoint);
  const redirectEndpoint = checkedRedirect('redirect.endpoint', body.redirect?.endpoint);

  if (source.paymentType === 'card' && options.chargeTooQuickSeconds > 0) {
    const since = now.getTime() - options.chargeTooQuickSeconds * 1000;
    for (const other of state.charges.values()) {
      const otherToken = state.tokens.get(other.tokenId);
      if (
        other.amount === body.amount &&
        other.createdAt.getTime() >= since &&
        otherToken?.source.paymentType === 'card' &&
        otherToken.source.card.number === source.card.number
      ) {
        throw new UnivapayApiError(400, 'CHARGE_TOO_QUICK');
      }
    }
  }

  const id = univapayId();
  const capture = body.capture ?? true;
  let plan: ChargePlan;
  let expiresAt: string | null = null;
  let slip: ChargeRecord['slip'] = null;
  let threeDs: ChargeRecord['threeDs'] = null;
  if (source.paymentType === 'card') {
    const mode = body.three_ds?.mode ?? 'normal';
    // The charge's redirect endpoint, else the one the browser registered on the card token.
    const endpoint = threeDsEndpoint ?? source.threeDs?.redirectEndpoint ?? null;
    threeDs = { mode, redirectEndpoint: endpoint, redirectId: endpoint ? univapayId() : null };
    // A recurring token already passed 3-D Secure when it was made: a `normal` or `if_available` charge
    // skips it; `force` and `require` run it again, where the sandbox's challenge cards ask the shopper
    // and any other card passes without a challenge (the sandbox's reading: docs/providers.md,
    // "UnivaPay › Recurring tokens").
    const recurringMode = mode === 'normal' || mode === 'if_available' ? 'skip' : mode === 'force' || mode === 'require' ? 'normal' : mode;
    const effective = mode === 'provided' ? 'skip' : token.type === 'recurring' ? recurringMode : mode;
    const result = cardResult(source.card.number, token.email, effective, {
      challengeCards: options.challengeCards,
      declineCards: options.declineCards,
      declineSuffix: options.declineSuffix,
      declineCode: options.declineCode,
    });
    plan =
      result.kind === 'failure'
        ? { status: 'failed', code: result.code }
        : result.kind === 'challenge'
          ? { status: 'awaiting', reason: 'three_ds' }
          : { status: capture ? 'successful' : 'authorized' };
  } else {
    const forced = forcedFailureCode(token.email);
    plan = forced !== null ? { status: 'failed', code: forced } : { status: 'awaiting', reason: 'konbini' };
    expiresAt = konbiniExpiry(ctx, source.konbini, body.capture_at ?? null);
    slip = {
      number: issuePaymentNumber(options.paymentNumbers[source.konbini.store]),
      // Issued for 7-Eleven only (docs/providers.md, "UnivaPay": the konbini example).
      url: source.konbini.store === 'seven_eleven' ? ctx.urls.slip(id) : null,
    };
  }

  const charge: ChargeRecord = {
    id,
    storeId: options.storeId,
    tokenId: token.id,
    tokenType: token.type,
    paymentType: source.paymentType,
    createdAt: now,
    amount: body.amount,
    currency,
    capture,
    captureAt: body.capture_at ?? null,
    metadata: { ...(body.metadata ?? {}) },
    threeDs,
    redirect: redirectEndpoint ? { endpoint: redirectEndpoint, redirectId: univapayId() } : null,
    settleAt: new Date(now.getTime() + options.processingMs),
    plan,
    expiresAt,
    expiryId: expiresAt ? univapayId() : null,
    slip,
    status: 'pending',
    error: null,
    updatedAt: now,
  };
  state.charges.set(id, charge);
  token.chargeId = id;
  token.lastUsedOn = now;
  return charge;
}

/**
 * Moves a charge on by the clock: `pending` → its plan once processed; konbini past its deadline →
 * `failed`. `changed` hears of each step (webhooks: `awaiting`, then `failed`, when both are due).
 */
export function refreshCharge(charge: ChargeRecord, now: Date, changed: (charge: ChargeRecord) => void): void {
  if (charge.status === 'pending' && now.getTime() >= charge.settleAt.getTime()) {
    const plan = charge.plan;
    charge.status = plan.status;
    if (plan.status === 'failed') charge.error = { code: plan.code, message: chargeErrorMessage(plan.code) };
    charge.updatedAt = now;
    changed(charge);
  }
  if (
    charge.status === 'awaiting' &&
    charge.paymentType === 'konbini' &&
    charge.expiresAt &&
    now.getTime() > new Date(charge.expiresAt).getTime()
  ) {
    // Deadline passed → failed (docs/providers.md, "UnivaPay"); UnivaPay gives no error code for it.
    charge.status = 'failed';
    charge.updatedAt = now;
    changed(charge);
  }
}

export function awaitingChallenge(charge: ChargeRecord): boolean {
  return charge.status === 'awaiting' && charge.plan.status === 'awaiting' && charge.plan.reason === 'three_ds';
}

/** The inline form's own 3-D Secure of a recurring token: passed or failed, once. */
export function finishTokenChallenge(token: TokenRecord, passed: boolean): void {
  if (token.threeDsStatus !== 'awaiting') return;
  token.threeDsStatus = passed ? 'successful' : 'failed';
}

/** The challenge page's buttons: `successful` (or `authorized`), or `failed` with 358. */
export function finishChallenge(charge: ChargeRecord, passed: boolean, now: Date): void {
  if (!awaitingChallenge(charge)) return;
  if (passed) {
    charge.status = charge.capture ? 'successful' : 'authorized';
  } else {
    charge.status = 'failed';
    charge.error = { code: THREE_DS_FAILED_CODE, message: chargeErrorMessage(THREE_DS_FAILED_CODE) };
  }
  charge.updatedAt = now;
}

/** The slip page's buttons: paid at the store → `successful`; deadline passed → `failed`. */
export function finishKonbini(charge: ChargeRecord, paid: boolean, now: Date): void {
  if (charge.status !== 'awaiting' || charge.paymentType !== 'konbini') return;
  charge.status = paid ? 'successful' : 'failed';
  charge.updatedAt = now;
}
