import { ok } from '../shared/api-answer.ts';
import type { ApiHandler, ApiRoute } from './context.ts';
import { notFound } from './errors.ts';
import { createLink, pay } from './payments.ts';
import { linkAnswer, statusAnswer } from './serialize.ts';

/**
 * PaymentOptions' routes the emulator answers, below `<basePath>/api/v1` (docs/providers.md,
 * "PaymentOptions › Calls the emulator answers"). Each is also answered with the prefix doubled
 * (`/api/v1/api/v1/…`): the curl examples of docs.paymentoptions.com and PaymentOptions' own Android app
 * (`baseUrl = "https://api-dev.paymentoptions.com/api/v1/api/v1/"`) call it so.
 */

const link: ApiHandler = (ctx, call) => ok(linkAnswer(ctx, createLink(ctx, call)), 201);

const status: ApiHandler = (ctx, call) => {
  const id = call.params['transactionId'] ?? '';
  const tx = ctx.state.transactions.get(id);
  if (!tx) throw notFound('Transaction not found.');
  return ok(statusAnswer(ctx, tx), 200);
};

const ROUTES: readonly ApiRoute[] = [
  { method: 'POST', path: '/server-to-server-interface/hpp/generate/link', access: 'merchant', handler: link },
  // The manual's older path of the same call.
  { method: 'POST', path: '/hpp/generate/link', access: 'merchant', handler: link },
  { method: 'POST', path: '/server-to-server-interface/payment', access: 'merchant', handler: (ctx, call) => pay(ctx, call, false) },
  { method: 'POST', path: '/server-to-server-interface/paymentv2', access: 'merchant', handler: (ctx, call) => pay(ctx, call, true) },
  { method: 'GET', path: '/server-to-server-interface/transaction/status/{transactionId}', access: 'merchant', handler: status },
];

export const PAYMENTOPTIONS_ROUTES: readonly ApiRoute[] = [...ROUTES, ...ROUTES.map((route) => ({ ...route, path: `/api/v1${route.path}` }))];
