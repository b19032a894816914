import { ok } from '../../shared/api-answer.ts';
import type { ApiHandler } from '../context.ts';
import { notFound } from '../errors.ts';
import { customerJson } from '../serialize.ts';

/**
 * `GET /customers/{id}` (secret key; docs/providers.md "KOMOJU › Customers and saved cards"): the
 * customer with its saved `source` (brand, last four, expiry), never the card number.
 */
export const getCustomer: ApiHandler = (ctx, call) => {
  const customer = ctx.state.customers.get(call.params['id'] ?? '');
  if (!customer) throw notFound();
  return ok(customerJson(customer));
};
