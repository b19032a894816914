import { chargeErrorMessage } from './errors.ts';
import { THREE_DS_FAILED_CODE } from './test-cards.ts';
import type { ChargeRecord, TokenRecord } from './state.ts';
import { SLIP_METADATA } from './konbini.ts';

/**
 * Records → the JSON UnivaPay answers (docs/providers.md, "UnivaPay"). Card
 * data shows as brand, BIN and last four only; ids are UUIDs; times are ISO 8601 UTC with microseconds,
 * as UnivaPay writes them.
 */

/** The sandbox's emulated merchant and platform (fixed, made up). */
export const SANDBOX_MERCHANT_ID = '11efd00d-4d2e-4f10-9a61-6d65726368e1';
export const SANDBOX_PLATFORM_ID = '11efd00d-3c1f-4e20-8b72-706c6174666d';

export function timestamp(date: Date): string {
  return date.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

export function serializeToken(token: TokenRecord): Record<string, unknown> {
  const source = token.source;
  const data =
    source.paymentType === 'card'
      ? {
          card: {
            cardholder: source.card.cardholder,
            exp_month: source.card.expMonth,
            exp_year: source.card.expYear,
            card_bin: source.card.bin,
            last_four: source.card.last4,
            brand: source.card.brand,
            card_type: 'credit',
            country: 'JP',
            category: null,
            issuer: null,
            sub_brand: 'none',
          },
          billing: { line1: null, line2: null, state: null, city: null, country: null, zip: null, phone_number: null },
          cvv_authorize: { enabled: false, status: null, charge_id: null, credentials_id: null, currency: null },
          cvv_authorize_check: null,
          three_ds:
            source.threeDs || token.threeDsStatus
              ? {
                  enabled: source.threeDs?.enabled ?? true,
                  status: token.threeDsStatus,
                  ...(source.threeDs?.mode ? { mode: source.threeDs.mode } : {}),
                  redirect_endpoint: source.threeDs?.redirectEndpoint ?? null,
                  redirect_id: null,
                  error: token.threeDsStatus === 'failed' ? { code: THREE_DS_FAILED_CODE, message: chargeErrorMessage(THREE_DS_FAILED_CODE), details: null } : null,
                  exempted: null,
                }
              : null,
        }
      : {
          customer_name: source.konbini.customerName,
          convenience_store: source.konbini.convenienceStore,
          expiration_period: source.konbini.expirationPeriod,
          expiration_time_shift: source.konbini.expirationTimeShift,
          phone_number: {
            country_code: source.konbini.phone.countryCode,
            local_number: source.konbini.phone.localNumber,
          },
        };
  return {
    id: token.id,
    store_id: token.storeId,
    platform_id: SANDBOX_PLATFORM_ID,
    merchant_id: SANDBOX_MERCHANT_ID,
    email: token.email,
    payment_type: source.paymentType,
    active: token.type === 'recurring' ? token.threeDsStatus !== 'failed' : token.chargeId === null,
    mode: 'test',
    type: token.type,
    usage_limit: token.usageLimit,
    confirmed: null,
    metadata: token.metadata,
    ip_address: token.ipAddress,
    created_on: timestamp(token.createdAt),
    updated_on: timestamp(token.lastUsedOn ?? token.createdAt),
    last_used_on: token.lastUsedOn ? timestamp(token.lastUsedOn) : null,
    data,
  };
}

/**
 * A charge. Konbini slip keys (`internal_convenience_payment_*`) are in `metadata` from `awaiting` on,
 * and stay there after (docs/providers.md, "UnivaPay": "once the charge is awaiting").
 */
export function serializeCharge(charge: ChargeRecord): Record<string, unknown> {
  const slip = charge.slip;
  const charged = charge.status === 'successful' || charge.status === 'authorized';
  const metadata: Record<string, unknown> = { ...charge.metadata };
  if (slip && charge.status !== 'pending') {
    metadata[SLIP_METADATA.paymentNumber] = slip.number;
    if (slip.url) metadata[SLIP_METADATA.slipUrl] = slip.url;
  }
  return {
    id: charge.id,
    store_id: charge.storeId,
    merchant_id: SANDBOX_MERCHANT_ID,
    platform_id: SANDBOX_PLATFORM_ID,
    ledger_id: null,
    transaction_token_id: charge.tokenId,
    transaction_token_type: charge.tokenType,
    subscription_id: null,
    merchant_transaction_id: null,
    requested_amount: charge.amount,
    requested_currency: charge.currency,
    requested_amount_formatted: charge.amount,
    charged_amount: charged ? charge.amount : null,
    charged_currency: charged ? charge.currency : null,
    charged_amount_formatted: charged ? charge.amount : null,
    fee_amount: null,
    fee_currency: null,
    fee_amount_formatted: null,
    only_direct_currency: false,
    capture_at: charge.captureAt,
    capture_status: charge.status === 'authorized' ? 'pending' : null,
    descriptor: null,
    descriptor_phone_number: null,
    status: charge.status,
    error: charge.error ? { code: charge.error.code, message: charge.error.message, details: null } : null,
    metadata,
    mode: 'test',
    created_on: timestamp(charge.createdAt),
    updated_on: timestamp(charge.updatedAt),
    redirect: charge.redirect
      ? { endpoint: charge.redirect.endpoint, redirect_id: charge.redirect.redirectId }
      : { endpoint: null, redirect_id: null },
    three_ds: charge.threeDs
      ? { mode: charge.threeDs.mode, redirect_endpoint: charge.threeDs.redirectEndpoint, redirect_id: charge.threeDs.redirectId }
      : null,
    client_metadata_id: null,
    type: 'normal',
  };
}
