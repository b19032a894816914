import { ok } from '../shared/api-answer.ts';
import type { ApiCall, ApiRoute, StripeContext } from './context.ts';
import { invalidRequest, missingParam, noSuch, unknownParam } from './errors.ts';
import { listParam, stringParam, stripeParams, stripeQuery } from './form.ts';
import {
  cancelPaymentIntent,
  cancelSetupIntent,
  capturePaymentIntent,
  checkClientSecret,
  confirmPaymentIntent,
  confirmSetupIntent,
  createPaymentIntent,
  createSetupIntent,
  refreshPaymentIntent,
  updatePaymentIntent,
  updateSetupIntent,
} from './intents.ts';
import { attachPaymentMethod, createCustomer, createPaymentMethod, customerById, metadataParam, paymentMethodById } from './payment-methods.ts';
import { expandFields, list, serializeCustomer, serializePaymentIntent, serializePaymentMethod, serializeSetupIntent } from './serialize.ts';
import type { PaymentIntentRecord, SetupIntentRecord } from './state.ts';

/**
 * The routes of Stripe's API the emulator has (docs/providers.md, "Stripe", "API"), as stripe-node
 * calls them (`src/resources/PaymentIntents.ts`: `POST /v1/payment_intents`, `GET
 * /v1/payment_intents/{intent}`, `POST /v1/payment_intents/{intent}/confirm`…). Access `secret`: the
 * secret key only; `client`: the publishable key too, as Stripe.js calls them (an intent then needs
 * its `client_secret`).
 */

/** Parameters Stripe.js adds to its calls (`key`, `client_secret`, telemetry…), taken on `client` routes. */
const STRIPE_JS_PARAMS = ['key', 'client_secret', 'is_stripe_sdk', 'use_stripe_sdk', 'expected_payment_method_type', '_stripe_version', '_stripe_account', 'payment_user_agent', 'time_on_page', 'guid', 'muid', 'sid', 'referrer', 'return_url_disabled'];

/** Every top-level parameter must be one the route takes: Stripe answers `parameter_unknown` otherwise. */
function only(params: Record<string, unknown>, allowed: readonly string[], client = false): Record<string, unknown> {
  for (const key of Object.keys(params)) {
    if (!allowed.includes(key) && !(client && STRIPE_JS_PARAMS.includes(key))) throw unknownParam(key);
  }
  return params;
}

const bodyOf = (call: ApiCall) => stripeParams(call.body);
const queryOf = (call: ApiCall) => stripeQuery(call.query);

function paymentIntentOf(ctx: StripeContext, call: ApiCall): PaymentIntentRecord {
  const id = call.params['id'] ?? '';
  const pi = ctx.state.paymentIntents.get(id);
  if (!pi) throw noSuch('payment_intent', id, 'intent');
  refreshPaymentIntent(ctx, pi);
  return pi;
}

function setupIntentOf(ctx: StripeContext, call: ApiCall): SetupIntentRecord {
  const id = call.params['id'] ?? '';
  const si = ctx.state.setupIntents.get(id);
  if (!si) throw noSuch('setupintent', id, 'intent');
  return si;
}

const piAnswer = (ctx: StripeContext, pi: PaymentIntentRecord, params: Record<string, unknown>) =>
  ok(expandFields(ctx, serializePaymentIntent(pi), listParam(params, 'expand')));
const siAnswer = (ctx: StripeContext, si: SetupIntentRecord, params: Record<string, unknown>) =>
  ok(expandFields(ctx, serializeSetupIntent(si), listParam(params, 'expand')));

const PI_CREATE = [
  'amount', 'currency', 'customer', 'description', 'metadata', 'payment_method', 'payment_method_types', 'allowed_payment_method_types', 'excluded_payment_method_types', 'automatic_payment_methods',
  'setup_future_usage', 'capture_method', 'confirmation_method', 'confirm', 'off_session', 'return_url', 'receipt_email',
  'payment_method_options', 'payment_method_data', 'expand', 'use_stripe_sdk', 'statement_descriptor', 'statement_descriptor_suffix', 'mandate_data', 'error_on_requires_action',
];
const PI_UPDATE = ['amount', 'currency', 'customer', 'description', 'metadata', 'payment_method', 'payment_method_types', 'allowed_payment_method_types', 'excluded_payment_method_types', 'setup_future_usage', 'receipt_email', 'payment_method_options', 'expand', 'statement_descriptor', 'statement_descriptor_suffix'];
const PI_CONFIRM = ['allowed_payment_method_types', 'excluded_payment_method_types', 'payment_method', 'payment_method_data', 'payment_method_options', 'return_url', 'off_session', 'setup_future_usage', 'receipt_email', 'expand', 'mandate_data', 'error_on_requires_action', 'use_stripe_sdk', 'capture_method'];
const SI_CREATE = ['customer', 'description', 'metadata', 'payment_method', 'payment_method_types', 'allowed_payment_method_types', 'excluded_payment_method_types', 'automatic_payment_methods', 'usage', 'confirm', 'return_url', 'payment_method_options', 'payment_method_data', 'expand', 'use_stripe_sdk', 'mandate_data'];
const SI_UPDATE = ['customer', 'description', 'metadata', 'payment_method', 'payment_method_types', 'allowed_payment_method_types', 'excluded_payment_method_types', 'payment_method_options', 'expand'];
const SI_CONFIRM = ['payment_method', 'payment_method_data', 'payment_method_options', 'return_url', 'expand', 'mandate_data', 'use_stripe_sdk'];

export const STRIPE_ROUTES: readonly ApiRoute[] = [
  // PaymentIntents
  {
    method: 'POST',
    path: '/v1/payment_intents',
    access: 'secret',
    handler(ctx, call) {
      const params = only(bodyOf(call), PI_CREATE);
      const pi = createPaymentIntent(ctx, params);
      if (params['confirm'] === 'true') confirmPaymentIntent(ctx, pi, params, call.caller);
      return piAnswer(ctx, pi, params);
    },
  },
  {
    method: 'GET',
    path: '/v1/payment_intents',
    access: 'secret',
    handler(ctx, call) {
      const params = only(queryOf(call), ['customer', 'limit', 'expand', 'created', 'starting_after', 'ending_before']);
      const customer = stringParam(params, 'customer');
      const limit = Math.min(Math.max(Number(stringParam(params, 'limit') ?? 10) || 10, 1), 100);
      const data = [...ctx.state.paymentIntents.values()]
        .filter((pi) => !customer || pi.customer === customer)
        .reverse()
        .slice(0, limit)
        .map((pi) => (refreshPaymentIntent(ctx, pi), serializePaymentIntent(pi)));
      return ok(list('/v1/payment_intents', data));
    },
  },
  {
    method: 'GET',
    path: '/v1/payment_intents/{id}',
    access: 'client',
    handler(ctx, call) {
      const params = only(queryOf(call), ['client_secret', 'expand'], true);
      const pi = paymentIntentOf(ctx, call);
      checkClientSecret(call.caller, params, pi, 'PaymentIntent');
      return piAnswer(ctx, pi, params);
    },
  },
  {
    method: 'POST',
    path: '/v1/payment_intents/{id}',
    access: 'secret',
    handler(ctx, call) {
      const params = only(bodyOf(call), PI_UPDATE);
      const pi = paymentIntentOf(ctx, call);
      updatePaymentIntent(ctx, pi, params);
      return piAnswer(ctx, pi, params);
    },
  },
  {
    method: 'POST',
    path: '/v1/payment_intents/{id}/confirm',
    access: 'client',
    handler(ctx, call) {
      const params = only(bodyOf(call), PI_CONFIRM, true);
      const pi = paymentIntentOf(ctx, call);
      checkClientSecret(call.caller, params, pi, 'PaymentIntent');
      confirmPaymentIntent(ctx, pi, params, call.caller);
      return piAnswer(ctx, pi, params);
    },
  },
  {
    method: 'POST',
    path: '/v1/payment_intents/{id}/capture',
    access: 'secret',
    handler(ctx, call) {
      const params = only(bodyOf(call), ['amount_to_capture', 'expand', 'metadata']);
      const pi = paymentIntentOf(ctx, call);
      capturePaymentIntent(ctx, pi, params);
      return piAnswer(ctx, pi, params);
    },
  },
  {
    method: 'POST',
    path: '/v1/payment_intents/{id}/cancel',
    access: 'secret',
    handler(ctx, call) {
      const params = only(bodyOf(call), ['cancellation_reason', 'expand']);
      const pi = paymentIntentOf(ctx, call);
      cancelPaymentIntent(ctx, pi, params);
      return piAnswer(ctx, pi, params);
    },
  },
  // SetupIntents
  {
    method: 'POST',
    path: '/v1/setup_intents',
    access: 'secret',
    handler(ctx, call) {
      const params = only(bodyOf(call), SI_CREATE);
      const si = createSetupIntent(ctx, params);
      if (params['confirm'] === 'true') confirmSetupIntent(ctx, si, params, call.caller);
      return siAnswer(ctx, si, params);
    },
  },
  {
    method: 'GET',
    path: '/v1/setup_intents',
    access: 'secret',
    handler(ctx, call) {
      const params = only(queryOf(call), ['customer', 'payment_method', 'limit', 'expand', 'created', 'starting_after', 'ending_before']);
      const customer = stringParam(params, 'customer');
      const data = [...ctx.state.setupIntents.values()]
        .filter((si) => !customer || si.customer === customer)
        .reverse()
        .map(serializeSetupIntent);
      return ok(list('/v1/setup_intents', data));
    },
  },
  {
    method: 'GET',
    path: '/v1/setup_intents/{id}',
    access: 'client',
    handler(ctx, call) {
      const params = only(queryOf(call), ['client_secret', 'expand'], true);
      const si = setupIntentOf(ctx, call);
      checkClientSecret(call.caller, params, si, 'SetupIntent');
      return siAnswer(ctx, si, params);
    },
  },
  {
    method: 'POST',
    path: '/v1/setup_intents/{id}',
    access: 'secret',
    handler(ctx, call) {
      const params = only(bodyOf(call), SI_UPDATE);
      const si = setupIntentOf(ctx, call);
      updateSetupIntent(ctx, si, params);
      return siAnswer(ctx, si, params);
    },
  },
  {
    method: 'POST',
    path: '/v1/setup_intents/{id}/confirm',
    access: 'client',
    handler(ctx, call) {
      const params = only(bodyOf(call), SI_CONFIRM, true);
      const si = setupIntentOf(ctx, call);
      checkClientSecret(call.caller, params, si, 'SetupIntent');
      confirmSetupIntent(ctx, si, params, call.caller);
      return siAnswer(ctx, si, params);
    },
  },
  {
    method: 'POST',
    path: '/v1/setup_intents/{id}/cancel',
    access: 'secret',
    handler(ctx, call) {
      const params = only(bodyOf(call), ['cancellation_reason', 'expand']);
      const si = setupIntentOf(ctx, call);
      cancelSetupIntent(ctx, si, params);
      return siAnswer(ctx, si, params);
    },
  },
  // PaymentMethods
  {
    method: 'POST',
    path: '/v1/payment_methods',
    access: 'client',
    handler(ctx, call) {
      const params = only(bodyOf(call), ['type', 'card', 'billing_details', 'metadata', 'konbini', 'expand', 'allow_redisplay'], true);
      return ok(serializePaymentMethod(createPaymentMethod(ctx, params, call.caller)));
    },
  },
  {
    method: 'GET',
    path: '/v1/payment_methods',
    access: 'secret',
    handler(ctx, call) {
      const params = only(queryOf(call), ['customer', 'type', 'limit', 'expand', 'starting_after', 'ending_before']);
      const customer = stringParam(params, 'customer');
      if (customer) customerById(ctx, customer, 'customer');
      const type = stringParam(params, 'type');
      const data = [...ctx.state.paymentMethods.values()]
        .filter((pm) => (!customer || pm.customer === customer) && (!type || pm.type === type) && (customer || pm.customer))
        .reverse()
        .map(serializePaymentMethod);
      return ok(list('/v1/payment_methods', data));
    },
  },
  {
    method: 'GET',
    path: '/v1/payment_methods/{id}',
    access: 'secret',
    handler(ctx, call) {
      only(queryOf(call), ['expand']);
      const pm = ctx.state.paymentMethods.get(call.params['id'] ?? '');
      if (!pm) throw noSuch('PaymentMethod', call.params['id'] ?? '', 'payment_method');
      return ok(serializePaymentMethod(pm));
    },
  },
  {
    method: 'POST',
    path: '/v1/payment_methods/{id}',
    access: 'secret',
    handler(ctx, call) {
      const params = only(bodyOf(call), ['metadata', 'billing_details', 'expand', 'allow_redisplay']);
      const pm = ctx.state.paymentMethods.get(call.params['id'] ?? '');
      if (!pm) throw noSuch('PaymentMethod', call.params['id'] ?? '', 'payment_method');
      pm.metadata = metadataParam(pm.metadata, params['metadata']);
      return ok(serializePaymentMethod(pm));
    },
  },
  {
    method: 'POST',
    path: '/v1/payment_methods/{id}/attach',
    access: 'secret',
    handler(ctx, call) {
      const params = only(bodyOf(call), ['customer', 'expand']);
      const customer = stringParam(params, 'customer');
      if (!customer) throw missingParam('customer');
      const pm = paymentMethodById(ctx, call.params['id'] ?? '', 'payment_method');
      return ok(serializePaymentMethod(attachPaymentMethod(ctx, pm, customer)));
    },
  },
  {
    method: 'POST',
    path: '/v1/payment_methods/{id}/detach',
    access: 'secret',
    handler(ctx, call) {
      only(bodyOf(call), ['expand']);
      const pm = ctx.state.paymentMethods.get(call.params['id'] ?? '');
      if (!pm) throw noSuch('PaymentMethod', call.params['id'] ?? '', 'payment_method');
      if (!pm.customer) {
        throw invalidRequest('The payment method you provided is not attached to a customer so detachment is impossible.', { code: 'payment_method_unexpected_state' });
      }
      pm.customer = null;
      pm.setUp = false;
      return ok(serializePaymentMethod(pm));
    },
  },
  // Customers
  {
    method: 'POST',
    path: '/v1/customers',
    access: 'secret',
    handler(ctx, call) {
      const params = only(bodyOf(call), ['email', 'name', 'description', 'phone', 'metadata', 'payment_method', 'expand', 'preferred_locales', 'address']);
      return ok(serializeCustomer(createCustomer(ctx, params)));
    },
  },
  {
    method: 'GET',
    path: '/v1/customers',
    access: 'secret',
    handler(ctx, call) {
      const params = only(queryOf(call), ['email', 'limit', 'expand', 'created', 'starting_after', 'ending_before']);
      const email = stringParam(params, 'email');
      const data = [...ctx.state.customers.values()]
        .filter((c) => !email || c.email === email)
        .reverse()
        .map(serializeCustomer);
      return ok(list('/v1/customers', data));
    },
  },
  {
    method: 'GET',
    path: '/v1/customers/{id}',
    access: 'secret',
    handler(ctx, call) {
      only(queryOf(call), ['expand']);
      return ok(serializeCustomer(customerById(ctx, call.params['id'] ?? '')));
    },
  },
  {
    method: 'POST',
    path: '/v1/customers/{id}',
    access: 'secret',
    handler(ctx, call) {
      const params = only(bodyOf(call), ['email', 'name', 'description', 'phone', 'metadata', 'expand']);
      const customer = customerById(ctx, call.params['id'] ?? '');
      for (const field of ['email', 'name', 'description', 'phone'] as const) {
        const value = stringParam(params, field);
        if (value !== undefined) customer[field] = value;
      }
      customer.metadata = metadataParam(customer.metadata, params['metadata']);
      return ok(serializeCustomer(customer));
    },
  },
  {
    method: 'GET',
    path: '/v1/customers/{id}/payment_methods',
    access: 'secret',
    handler(ctx, call) {
      const params = only(queryOf(call), ['type', 'limit', 'expand', 'allow_redisplay', 'starting_after', 'ending_before']);
      const customer = customerById(ctx, call.params['id'] ?? '', 'customer');
      const type = stringParam(params, 'type');
      const data = [...ctx.state.paymentMethods.values()]
        .filter((pm) => pm.customer === customer.id && (!type || pm.type === type))
        .reverse()
        .map(serializePaymentMethod);
      return ok(list(`/v1/customers/${customer.id}/payment_methods`, data));
    },
  },
];
