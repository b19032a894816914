import type { ResolvedPayjpOptions } from './options.ts';
import type { CustomerRecord, PaymentFlowRecord, PaymentMethodRecord, SetupFlowRecord, PayjpState, FlowRecord } from './state.ts';

/**
 * The objects as PAY.JP v2 answers them: field for field the response models of the v2 SDKs
 * (@payjp/payjpv2 1.0.5 `PaymentFlowResponse`, `SetupFlowResponse`, `CustomerResponse`,
 * `PaymentMethodCardResponse`, `EventResponse`; payjpv2-python's models), times as ISO 8601 UTC
 * strings (`created_at`, `updated_at`), `livemode: false`.
 */

function nextAction(state: PayjpState, flow: FlowRecord, challengeUrl: (id: string) => string): Record<string, unknown> | null {
  if (flow.status !== 'requires_action' || !flow.challengeId) return null;
  const challenge = state.challenges.get(flow.challengeId);
  // The shape is UNCONFIRMED: the SDKs type next_action as an open object.
  return { type: 'redirect_to_url', redirect_to_url: { url: challenge?.url ?? challengeUrl(flow.challengeId), return_url: challenge?.returnUrl ?? null } };
}

export function serializePaymentFlow(state: PayjpState, flow: PaymentFlowRecord, challengeUrl: (id: string) => string): Record<string, unknown> {
  return {
    object: 'payment_flow',
    id: flow.id,
    livemode: false,
    amount: flow.amount,
    currency: 'jpy',
    amount_capturable: flow.amountCapturable,
    amount_received: flow.amountReceived,
    client_secret: flow.clientSecret,
    customer_id: flow.customerId,
    description: flow.description,
    payment_method_id: flow.paymentMethodId,
    payment_method_options: flow.paymentMethodOptions,
    payment_method_types: [...flow.paymentMethodTypes],
    status: flow.status,
    next_action: nextAction(state, flow, challengeUrl),
    return_url: flow.returnUrl,
    capture_method: flow.captureMethod,
    last_payment_error: flow.lastError ? { ...flow.lastError } : null,
    cancellation_reason: flow.cancellationReason,
    canceled_at: flow.canceledAt,
    metadata: { ...flow.metadata },
    created_at: flow.createdAt,
    updated_at: flow.updatedAt,
  };
}

export function serializeSetupFlow(
  state: PayjpState,
  flow: SetupFlowRecord,
  challengeUrl: (id: string) => string,
  options: Pick<ResolvedPayjpOptions, 'guideFieldAliases'>,
): Record<string, unknown> {
  return {
    object: 'setup_flow',
    id: flow.id,
    livemode: false,
    client_secret: flow.clientSecret,
    customer_id: flow.customerId,
    ...(options.guideFieldAliases ? { customer: flow.customerId, payment_method: flow.paymentMethodId } : {}),
    description: flow.description,
    metadata: { ...flow.metadata },
    payment_method_id: flow.paymentMethodId,
    payment_method_options: flow.paymentMethodOptions,
    payment_method_types: [...flow.paymentMethodTypes],
    status: flow.status,
    usage: flow.usage,
    next_action: nextAction(state, flow, challengeUrl),
    return_url: flow.returnUrl,
    last_setup_error: flow.lastError ? { ...flow.lastError } : null,
    cancellation_reason: flow.cancellationReason,
    created_at: flow.createdAt,
    updated_at: flow.updatedAt,
  };
}

export function serializeCustomer(customer: CustomerRecord): Record<string, unknown> {
  return {
    object: 'customer',
    id: customer.id,
    livemode: false,
    email: customer.email,
    description: customer.description,
    default_payment_method_id: customer.defaultPaymentMethodId,
    metadata: { ...customer.metadata },
    created_at: customer.createdAt,
    updated_at: customer.updatedAt,
  };
}

export function serializePaymentMethod(pm: PaymentMethodRecord): Record<string, unknown> {
  return {
    object: 'payment_method',
    id: pm.id,
    livemode: false,
    type: 'card',
    customer_id: pm.customerId,
    detached_at: pm.detachedAt,
    metadata: { ...pm.metadata },
    created_at: pm.createdAt,
    updated_at: pm.updatedAt,
    billing_details: { ...pm.billingDetails, address: { ...pm.billingDetails.address } },
    card: { ...pm.card },
  };
}

/** `{ object: 'list', url, has_more, data }`, as the SDKs' `…ListResponse`. */
export function listOf(url: string, data: readonly unknown[], limit: number): Record<string, unknown> {
  return { object: 'list', url, has_more: data.length > limit, data: data.slice(0, limit) };
}
