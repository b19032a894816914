import { ok } from '../shared/api-answer.ts';
import { httpUrl } from '../shared/http.ts';
import type { ApiCall, ApiHandler, ApiRoute, PayjpContext } from './context.ts';
import { customerRequired, forbidden, missingPaymentMethod, notFound, notOwned, typeNotAllowed, validationError } from './errors.ts';
import {
  cancelFlow,
  capturePaymentFlow,
  cardPaymentMethod,
  clientSecretFor,
  confirmFlow,
  flowJson,
  paymentFlowJson,
  setupFlowJson,
} from './flows.ts';
import { listOf, serializeCustomer, serializePaymentMethod } from './serialize.ts';
import { payjpId, type FlowRecord, type Metadata, type PaymentFlowRecord, type PaymentMethodRecord, type SetupFlowRecord } from './state.ts';
import { sameSecret } from '../shared/same-secret.ts';

/**
 * The routes of https://api.pay.jp/v2 the emulator answers, as the v2 SDKs call them (@payjp/payjpv2
 * 1.0.5 `url` of each operation; payjpv2-python docs/*Api.md): JSON bodies, path ids.
 *
 * `client` routes also take the public key with the flow's `client_secret` (a query parameter of a GET,
 * a body field of a POST): what payments.js needs. Their use by payments.js is the sandbox's design
 * (UNCONFIRMED: payments.js's own calls are not published): `GET /v2/payment_flows?client_secret=…`
 * (and `/v2/setup_flows?…`) finds the flow of a client secret, `GET /v2/…/{id}` reads it, `POST
 * /v2/…/{id}/confirm` confirms it with the card (`payment_method_data`) from the stand-in's form frame.
 * `POST /v2/setup_flows/{id}/confirm` is not among the SDK's operations (its README names a
 * `confirmSetupFlow()` the 1.0.5 build lacks): the sandbox's, for payments.js's `confirmSetup`.
 */

const PAYMENT_METHOD_TYPES = ['card', 'paypay', 'apple_pay'];

const body = (call: ApiCall) => call.body as Record<string, unknown>;

function optionalString(call: ApiCall, field: string, max = 1000): string | null {
  const value = body(call)[field];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || value.length > max) throw validationError(field, `${field} must be a string of at most ${max} characters.`, 'string_type');
  return value;
}

function metadataOf(call: ApiCall): Metadata {
  const value = body(call)['metadata'];
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw validationError('metadata', 'metadata must be an object.', 'dict_type');
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > 20) throw validationError('metadata', 'metadata takes at most 20 keys.', 'too_long');
  const out: Metadata = {};
  for (const [key, v] of entries) {
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') throw validationError(`metadata.${key}`, 'metadata values must be strings, numbers or booleans.', 'type_error');
    out[key] = v;
  }
  return out;
}

function typesOf(call: ApiCall, allowed: readonly string[]): string[] {
  const value = body(call)['payment_method_types'];
  if (value === undefined || value === null) return ['card'];
  if (!Array.isArray(value) || value.length === 0 || !value.every((t) => typeof t === 'string' && allowed.includes(t))) {
    throw validationError('payment_method_types', `payment_method_types must be a list of ${allowed.join(', ')}.`, 'enum');
  }
  return [...new Set(value as string[])];
}

function optionsOf(call: ApiCall): Record<string, unknown> | null {
  const value = body(call)['payment_method_options'];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'object' || Array.isArray(value)) throw validationError('payment_method_options', 'payment_method_options must be an object.', 'dict_type');
  const card = (value as Record<string, unknown>)['card'];
  const tds = card && typeof card === 'object' ? (card as Record<string, unknown>)['request_three_d_secure'] : undefined;
  if (tds !== undefined && tds !== 'any' && tds !== 'automatic') throw validationError('payment_method_options.card.request_three_d_secure', 'request_three_d_secure must be any or automatic.', 'enum');
  return { ...(value as Record<string, unknown>) };
}

function returnUrlOf(call: ApiCall): string | null {
  const value = optionalString(call, 'return_url', 2048);
  if (value === null) return null;
  if (!httpUrl(value)) throw validationError('return_url', 'return_url must be an absolute http(s) URL.', 'url_parsing');
  return value;
}

/** `customer_id` (the SDK), or `customer` (docs.pay.jp/v2/guide/payments/setupflow's example). */
function customerOf(ctx: PayjpContext, call: ApiCall): string | null {
  const id = optionalString(call, 'customer_id', 100) ?? optionalString(call, 'customer', 100);
  if (id !== null && !ctx.state.customers.has(id)) throw notFound('customer', id);
  return id;
}

function paymentMethodFor(ctx: PayjpContext, id: string, customerId: string | null): PaymentMethodRecord {
  const pm = ctx.state.paymentMethods.get(id);
  if (!pm) throw notFound('payment_method', id);
  if (!customerId) throw customerRequired();
  if (pm.customerId !== customerId) throw notOwned();
  return pm;
}

function limitOf(call: ApiCall): number {
  const raw = call.query.get('limit');
  const limit = raw === null ? 10 : Number(raw);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw validationError('limit', 'limit must be 1–100.', 'less_than_equal');
  return limit;
}

/** The flow a call may see: any with the secret key; with the public key, only with its client secret. */
function flowFor<F extends FlowRecord>(call: ApiCall, flow: F | undefined, what: string, id: string): F {
  if (!flow) throw notFound(what, id);
  if (call.caller.kind === 'secret') return flow;
  const secret = call.query.get('client_secret') ?? (typeof body(call)['client_secret'] === 'string' ? (body(call)['client_secret'] as string) : '');
  if (!secret || !sameSecret(secret, flow.clientSecret)) throw notFound(what, id);
  return flow;
}

const instanceOf = (path: string) => `/v2${path}`;

// ---- Customers ----

const createCustomer: ApiHandler = (ctx, call) => {
  const id = optionalString(call, 'id', 100);
  if (id !== null && (!/^[A-Za-z0-9_-]{1,100}$/.test(id) || ctx.state.customers.has(id))) throw validationError('id', 'id must be unique: letters, digits, - and _.', 'value_error');
  const email = optionalString(call, 'email', 255);
  if (email !== null && !/^[^@\s]+@[^@\s]+$/.test(email)) throw validationError('email', 'email is not a valid email address.', 'value_error');
  const customer = {
    id: id ?? payjpId('cus'),
    createdAt: ctx.now,
    updatedAt: ctx.now,
    email,
    description: optionalString(call, 'description'),
    defaultPaymentMethodId: null as string | null,
    metadata: metadataOf(call),
  };
  const pmId = optionalString(call, 'payment_method_id', 100);
  ctx.state.customers.set(customer.id, customer);
  if (pmId !== null) {
    const pm = ctx.state.paymentMethods.get(pmId);
    if (!pm) throw notFound('payment_method', pmId);
    pm.customerId = customer.id;
    customer.defaultPaymentMethodId = pm.id;
  }
  ctx.emit('customer.created', serializeCustomer(customer));
  return ok(serializeCustomer(customer));
};

const getCustomer: ApiHandler = (ctx, call) => {
  const customer = ctx.state.customers.get(call.params['id'] ?? '');
  if (!customer) throw notFound('customer', call.params['id'] ?? '');
  return ok(serializeCustomer(customer));
};

const listCustomers: ApiHandler = (ctx, call) =>
  ok(listOf('/v2/customers', [...ctx.state.customers.values()].reverse().map(serializeCustomer), limitOf(call)));

const customerPaymentMethods: ApiHandler = (ctx, call) => {
  const id = call.params['id'] ?? '';
  if (!ctx.state.customers.has(id)) throw notFound('customer', id);
  const data = [...ctx.state.paymentMethods.values()].filter((pm) => pm.customerId === id).reverse().map(serializePaymentMethod);
  return ok(listOf(`/v2/customers/${id}/payment_methods`, data, limitOf(call)));
};

const getPaymentMethod: ApiHandler = (ctx, call) => {
  const pm = ctx.state.paymentMethods.get(call.params['id'] ?? '');
  if (!pm) throw notFound('payment_method', call.params['id'] ?? '');
  return ok(serializePaymentMethod(pm));
};

const listPaymentMethods: ApiHandler = (ctx, call) =>
  ok(listOf('/v2/payment_methods', [...ctx.state.paymentMethods.values()].reverse().map(serializePaymentMethod), limitOf(call)));

// ---- Payment Flows ----

const createPaymentFlow: ApiHandler = (ctx, call) => {
  const b = body(call);
  const amount = b['amount'];
  if (typeof amount !== 'number' || !Number.isInteger(amount)) throw validationError('amount', 'amount is required (an integer).', 'int_type');
  if (amount < 50 || amount > 9_999_999) throw validationError('amount', 'amount must be between 50 and 9,999,999.', amount < 50 ? 'greater_than_equal' : 'less_than_equal');
  if (b['currency'] !== undefined && b['currency'] !== 'jpy') throw validationError('currency', "currency must be 'jpy'.", 'enum');
  const captureMethod = b['capture_method'] ?? 'automatic';
  if (captureMethod !== 'automatic' && captureMethod !== 'manual') throw validationError('capture_method', 'capture_method must be automatic or manual.', 'enum');
  const confirm = b['confirm'] === true;
  const returnUrl = returnUrlOf(call);
  if (returnUrl !== null && !confirm) throw validationError('return_url', 'return_url can only be given with confirm=true.', 'value_error');
  const customerId = customerOf(ctx, call);
  const pmId = optionalString(call, 'payment_method_id', 100);
  const pm = pmId !== null ? paymentMethodFor(ctx, pmId, customerId) : null;
  const flow: PaymentFlowRecord = {
    kind: 'payment_flow',
    id: payjpId('pfw'),
    clientSecret: clientSecretFor('pfw'),
    createdAt: ctx.now,
    updatedAt: ctx.now,
    customerId,
    description: optionalString(call, 'description'),
    metadata: metadataOf(call),
    paymentMethodId: pm?.id ?? null,
    paymentMethodOptions: optionsOf(call),
    paymentMethodTypes: typesOf(call, PAYMENT_METHOD_TYPES),
    returnUrl,
    lastError: null,
    challengeId: null,
    amount,
    status: pm ? 'requires_confirmation' : 'requires_payment_method',
    captureMethod,
    amountCapturable: 0,
    amountReceived: 0,
    cancellationReason: null,
    canceledAt: null,
  };
  ctx.state.paymentFlows.set(flow.id, flow);
  ctx.state.bySecret.set(flow.clientSecret, flow);
  if (confirm) {
    const chosen = pm ?? defaultPaymentMethod(ctx, customerId);
    if (!chosen) throw missingPaymentMethod();
    confirmFlow(ctx, flow, chosen, returnUrl, instanceOf('/payment_flows'));
  }
  return ok(paymentFlowJson(ctx, flow));
};

function defaultPaymentMethod(ctx: PayjpContext, customerId: string | null): PaymentMethodRecord | null {
  const id = customerId ? ctx.state.customers.get(customerId)?.defaultPaymentMethodId : null;
  return id ? (ctx.state.paymentMethods.get(id) ?? null) : null;
}

/** GET list; with the public key, `?client_secret=` finds the one flow of that secret (the stand-in's lookup). */
function listFlows(kind: FlowRecord['kind']): ApiHandler {
  return (ctx, call) => {
    const url = `/v2/${kind}s`;
    const json = (flow: FlowRecord) => flowJson(ctx, flow);
    if (call.caller.kind === 'public') {
      const secret = call.query.get('client_secret') ?? '';
      const flow = ctx.state.bySecret.get(secret);
      return ok(listOf(url, flow && flow.kind === kind ? [json(flow)] : [], 1));
    }
    const all: FlowRecord[] = kind === 'payment_flow' ? [...ctx.state.paymentFlows.values()] : [...ctx.state.setupFlows.values()];
    return ok(listOf(url, all.reverse().map(json), limitOf(call)));
  };
}

const getPaymentFlow: ApiHandler = (ctx, call) =>
  ok(paymentFlowJson(ctx, flowFor(call, ctx.state.paymentFlows.get(call.params['id'] ?? ''), 'payment_flow', call.params['id'] ?? '')));

/** The card of a confirm: `payment_method_data` (public key: the form frame), else `payment_method_id`, else the customer's default. */
function confirmCard(ctx: PayjpContext, call: ApiCall, flow: FlowRecord): PaymentMethodRecord {
  const data = body(call)['payment_method_data'];
  if (data !== undefined && data !== null) {
    if (call.caller.kind !== 'public') throw forbidden('Card data is taken with the public key only (payments.js).');
    return cardPaymentMethod(ctx, data);
  }
  const pmId = optionalString(call, 'payment_method_id', 100);
  if (pmId !== null) return paymentMethodFor(ctx, pmId, flow.customerId);
  const chosen = (flow.paymentMethodId ? ctx.state.paymentMethods.get(flow.paymentMethodId) : null) ?? defaultPaymentMethod(ctx, flow.customerId);
  if (!chosen) throw missingPaymentMethod();
  return chosen;
}

function confirmRoute(kind: FlowRecord['kind']): ApiHandler {
  return (ctx, call) => {
    const id = call.params['id'] ?? '';
    const record = kind === 'payment_flow' ? ctx.state.paymentFlows.get(id) : ctx.state.setupFlows.get(id);
    const flow = flowFor(call, record, kind, id);
    if (body(call)['payment_method_types'] !== undefined && flow.kind === 'payment_flow') flow.paymentMethodTypes = typesOf(call, PAYMENT_METHOD_TYPES);
    if (!flow.paymentMethodTypes.includes('card')) throw typeNotAllowed();
    if (flow.kind === 'payment_flow') {
      const capture = body(call)['capture_method'];
      if (capture === 'automatic' || capture === 'manual') flow.captureMethod = capture;
      const options = optionsOf(call);
      if (options) flow.paymentMethodOptions = options;
    }
    const pm = confirmCard(ctx, call, flow);
    confirmFlow(ctx, flow, pm, returnUrlOf(call), instanceOf(`/${kind}s/${id}/confirm`));
    return ok(flowJson(ctx, flow));
  };
}

const capture: ApiHandler = (ctx, call) => {
  const id = call.params['id'] ?? '';
  const flow = ctx.state.paymentFlows.get(id);
  if (!flow) throw notFound('payment_flow', id);
  const amount = body(call)['amount_to_capture'];
  if (amount !== undefined && amount !== null && (typeof amount !== 'number' || !Number.isInteger(amount))) throw validationError('amount_to_capture', 'amount_to_capture must be an integer.', 'int_type');
  capturePaymentFlow(ctx, flow, typeof amount === 'number' ? amount : null);
  return ok(paymentFlowJson(ctx, flow));
};

function cancelRoute(kind: FlowRecord['kind'], reasons: readonly string[]): ApiHandler {
  return (ctx, call) => {
    const id = call.params['id'] ?? '';
    const flow = kind === 'payment_flow' ? ctx.state.paymentFlows.get(id) : ctx.state.setupFlows.get(id);
    if (!flow) throw notFound(kind, id);
    const reason = optionalString(call, 'cancellation_reason', 100);
    if (reason !== null && !reasons.includes(reason)) throw validationError('cancellation_reason', `cancellation_reason must be one of ${reasons.join(', ')}.`, 'enum');
    cancelFlow(ctx, flow, reason);
    return ok(flowJson(ctx, flow));
  };
}

// ---- Setup Flows ----

const createSetupFlow: ApiHandler = (ctx, call) => {
  const usage = body(call)['usage'] ?? 'off_session';
  if (usage !== 'off_session' && usage !== 'on_session') throw validationError('usage', 'usage must be on_session or off_session.', 'enum');
  const flow: SetupFlowRecord = {
    kind: 'setup_flow',
    id: payjpId('sflw'),
    clientSecret: clientSecretFor('sflw'),
    createdAt: ctx.now,
    updatedAt: ctx.now,
    customerId: customerOf(ctx, call),
    description: optionalString(call, 'description'),
    metadata: metadataOf(call),
    paymentMethodId: null,
    paymentMethodOptions: optionsOf(call),
    paymentMethodTypes: typesOf(call, ['card']),
    returnUrl: null,
    lastError: null,
    challengeId: null,
    status: 'requires_payment_method',
    usage,
    cancellationReason: null,
  };
  ctx.state.setupFlows.set(flow.id, flow);
  ctx.state.bySecret.set(flow.clientSecret, flow);
  return ok(setupFlowJson(ctx, flow));
};

const getSetupFlow: ApiHandler = (ctx, call) =>
  ok(setupFlowJson(ctx, flowFor(call, ctx.state.setupFlows.get(call.params['id'] ?? ''), 'setup_flow', call.params['id'] ?? '')));

// ---- Events ----

const eventJson = (e: { id: string; type: string; createdAt: string; data: Record<string, unknown>; pendingWebhooks: number }) => ({
  object: 'event',
  id: e.id,
  livemode: false,
  type: e.type,
  pending_webhooks: e.pendingWebhooks,
  data: e.data,
  created_at: e.createdAt,
  updated_at: e.createdAt,
});

export { eventJson };

const getEvent: ApiHandler = (ctx, call) => {
  const event = ctx.state.events.find((e) => e.id === call.params['id']);
  if (!event) throw notFound('event', call.params['id'] ?? '');
  return ok(eventJson(event));
};
const listEvents: ApiHandler = (ctx, call) => ok(listOf('/v2/events', [...ctx.state.events].reverse().map(eventJson), limitOf(call)));

export const PAYJP_ROUTES: readonly ApiRoute[] = [
  { method: 'POST', path: '/v2/customers', access: 'secret', handler: createCustomer },
  { method: 'GET', path: '/v2/customers', access: 'secret', handler: listCustomers },
  { method: 'GET', path: '/v2/customers/{id}', access: 'secret', handler: getCustomer },
  { method: 'GET', path: '/v2/customers/{id}/payment_methods', access: 'secret', handler: customerPaymentMethods },
  { method: 'GET', path: '/v2/payment_methods', access: 'secret', handler: listPaymentMethods },
  { method: 'GET', path: '/v2/payment_methods/{id}', access: 'secret', handler: getPaymentMethod },
  { method: 'POST', path: '/v2/payment_flows', access: 'secret', handler: createPaymentFlow },
  { method: 'GET', path: '/v2/payment_flows', access: 'client', handler: listFlows('payment_flow') },
  { method: 'GET', path: '/v2/payment_flows/{id}', access: 'client', handler: getPaymentFlow },
  { method: 'POST', path: '/v2/payment_flows/{id}/confirm', access: 'client', handler: confirmRoute('payment_flow') },
  { method: 'POST', path: '/v2/payment_flows/{id}/capture', access: 'secret', handler: capture },
  { method: 'POST', path: '/v2/payment_flows/{id}/cancel', access: 'secret', handler: cancelRoute('payment_flow', ['duplicate', 'fraudulent', 'requested_by_customer', 'abandoned']) },
  { method: 'POST', path: '/v2/setup_flows', access: 'secret', handler: createSetupFlow },
  { method: 'GET', path: '/v2/setup_flows', access: 'client', handler: listFlows('setup_flow') },
  { method: 'GET', path: '/v2/setup_flows/{id}', access: 'client', handler: getSetupFlow },
  { method: 'POST', path: '/v2/setup_flows/{id}/confirm', access: 'client', handler: confirmRoute('setup_flow') },
  { method: 'POST', path: '/v2/setup_flows/{id}/cancel', access: 'secret', handler: cancelRoute('setup_flow', ['abandoned', 'duplicate', 'requested_by_customer']) },
  { method: 'GET', path: '/v2/events', access: 'secret', handler: listEvents },
  { method: 'GET', path: '/v2/events/{id}', access: 'secret', handler: getEvent },
];

