import { awaitingChallenge, createCharge, refreshCharge } from '../charge.ts';
import { ok } from '../../shared/api-answer.ts';
import type { ApiCall, ApiRoute, UnivapayContext } from '../context.ts';
import { notFound } from '../errors.ts';
import { createChargeSchema, parseBody } from '../schemas.ts';
import { serializeCharge, timestamp } from '../serialize.ts';
import type { ChargeRecord } from '../state.ts';

/**
 * Charges (docs/providers.md, "UnivaPay"): `POST /charges` (secret only), the charge by id (with
 * `?polling=true` the dispatcher holds the answer while it is `pending`), its 3-D Secure issuer token while
 * it awaits the challenge, and the konbini deadline.
 */

function chargeOf(ctx: UnivapayContext, call: ApiCall): ChargeRecord {
  const charge = ctx.state.charges.get(call.params['id'] ?? '');
  if (!charge || charge.storeId !== call.params['storeId']) throw notFound();
  refreshCharge(charge, ctx.now, ctx.chargeChanged);
  return charge;
}

export const chargeRoutes: readonly ApiRoute[] = [
  {
    method: 'POST',
    path: '/charges',
    access: 'secret',
    handler: (ctx, call) => ok(serializeCharge(createCharge(ctx, parseBody(createChargeSchema, call.body))), 201),
  },
  {
    method: 'GET',
    path: '/stores/{storeId}/charges/{id}',
    access: 'any',
    handler: (ctx, call) => ok(serializeCharge(chargeOf(ctx, call))),
  },
  {
    method: 'GET',
    path: '/stores/{storeId}/charges/{id}/three_ds/issuer_token',
    access: 'any',
    handler: (ctx, call) => {
      const charge = chargeOf(ctx, call);
      // Only a charge awaiting its challenge has one.
      if (!awaitingChallenge(charge)) throw notFound();
      const payload = { resource_id: charge.id, resource_type: 'charge' };
      return ok({
        issuer_token: ctx.urls.challenge,
        call_method: ctx.options.issuerCallMethod,
        payload,
        payment_type: 'card',
        content_type: 'application/x-www-form-urlencoded; charset=UTF-8',
      });
    },
  },
  {
    method: 'GET',
    path: '/stores/{storeId}/charges/{id}/expiry/latest',
    access: 'any',
    handler: (ctx, call) => {
      const charge = chargeOf(ctx, call);
      if (charge.paymentType !== 'konbini' || !charge.expiresAt || !charge.expiryId) throw notFound();
      // One expiry per charge: the sandbox does not extend deadlines.
      return ok({
        id: charge.expiryId,
        charge_id: charge.id,
        expiration_date: charge.expiresAt,
        extension_count: 0,
        created_on: timestamp(charge.createdAt),
        updated_on: timestamp(charge.createdAt),
      });
    },
  },
];
