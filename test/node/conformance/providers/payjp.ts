import type { ConformanceTable } from '../table.ts';

/** PAY.JP's conformance checks and what stays unconfirmed (the table: test/node/conformance/checks.ts). */

const PAYJP_SDK = '@payjp/payjpv2 1.0.5 (payjp/payjpv2-node, generated from PAY.JP\'s OpenAPI); statuses from payjpv2-python@968e579 docs/PaymentFlowsApi.md';
const PAYJP_SAMPLE = 'payjp/payjpv2-samples@adc40d3 server/index.js';
const PAYJP_JS_TYPES = '@payjp/payments-js 1.1.1 (types/**/*.d.ts)';
const P_API = 'test/node/sandbox/payjp-api.test.ts';
const P_HOOKS = 'test/node/sandbox/payjp-webhooks.test.ts';
const P_TYPES = 'test/node/conformance/payjp-payments-js-types.test.ts';

export const table: ConformanceTable = {
  provider: 'payjp',
  label: 'PAY.JP',
  checks: [
  // PAY.JP: its official v2 SDK against the emulator.
  { id: 'payjp.sdk.payment-flow', provider: 'payjp', route: 'POST /v2/customers, GET /v2/customers/{id}, POST /v2/payment_flows, GET /v2/payment_flows/{id}, GET /v2/payment_flows, GET /v2/payment_methods/{id}', behaviour: 'a customer and a Payment Flow (pfw_…, client_secret, requires_payment_method, every field of PaymentFlowResponse) created and read back by the SDK; after the browser confirm, succeeded with amount_received and a card PaymentMethod (brand, last4) not attached to the customer', by: 'sdk', source: PAYJP_SDK, file: P_API },
  { id: 'payjp.sdk.setup-flow', provider: 'payjp', route: 'POST /v2/setup_flows, GET /v2/setup_flows/{id}, GET /v2/customers/{id}/payment_methods, POST /v2/payment_flows (confirm=true)', behaviour: 'a Setup Flow (sflw_…, sflw_secret_…, usage off_session by default; customer_id or the guide\'s customer) confirmed with a card: succeeded, payment_method_id; the card listed on the customer; an off-session Payment Flow with it succeeds', by: 'sdk', source: PAYJP_SDK, file: P_API },
  { id: 'payjp.sdk.payment-failed', provider: 'payjp', route: 'POST /v2/payment_flows/{id}/confirm, POST /v2/payment_flows (confirm=true)', behaviour: "a declined card answers HTTP 402 \"Payment Failed\" as the SDK's ErrorResponse (result.error; thrown with throwOnError); the flow back at requires_payment_method with last_payment_error.code card_declined", by: 'sdk', source: PAYJP_SDK, file: P_API },
  { id: 'payjp.sdk.three-d-secure', provider: 'payjp', route: 'POST /v2/{payment_flows|setup_flows}/{id}/confirm, the 3-D Secure page', behaviour: 'a 3-D Secure card (or request_three_d_secure any) gives requires_action with next_action.redirect_to_url.url; Complete / Fail on the page ends succeeded / requires_payment_method (three_d_secure_failed) and sends the shopper to return_url with payment_flow_id and payment_flow_client_secret (setup_flow_id, setup_flow_client_secret)', by: 'sdk', source: PAYJP_SDK, file: P_API },
  { id: 'payjp.sdk.capture-cancel', provider: 'payjp', route: 'POST /v2/payment_flows/{id}/capture, …/cancel', behaviour: 'capture_method manual: requires_capture with amount_capturable, a partial capture, 400 Invalid Status on a second; cancel with cancellation_reason and canceled_at', by: 'sdk', source: PAYJP_SDK, file: P_API },
  { id: 'payjp.sdk.idempotency', provider: 'payjp', route: 'POST /v2/customers (Idempotency-Key)', behaviour: 'the same Idempotency-Key answers the first customer again (one made); with other parameters 409', by: 'sdk', source: PAYJP_SDK, file: P_API },
  { id: 'payjp.sdk.errors', provider: 'payjp', route: 'any /v2 route', behaviour: 'problem details read by the SDK: 401 for a wrong key, 404 Not Found, 422 Validation Error with errors[].field; the public key refused on a secret route and shown a flow only with its client secret', by: 'sdk', source: PAYJP_SDK, file: P_API },
  { id: 'payjp.sample.basic-auth', provider: 'payjp', route: 'POST /v2/payment_flows (Basic)', behaviour: "PAY.JP's own sample's request: Authorization Basic base64(sk:) and a JSON body", by: 'document', source: PAYJP_SAMPLE, file: P_API },
  { id: 'payjp.sample.webhooks', provider: 'payjp', route: 'webhook deliveries (X-Payjp-Webhook-Token)', behaviour: "every delivery passes the sample server's token check (timingSafeEqual on X-Payjp-Webhook-Token) and parses as the SDK's EventResponse; types payment_flow.succeeded / payment_failed / requires_action along the flows' lives", by: 'document', source: `${PAYJP_SAMPLE}; ${PAYJP_SDK}`, file: P_HOOKS },
  // PAY.JP: the payments.js stand-in against @payjp/payments-js's types.
  { id: 'payjp.types.payments-js-stand-in', provider: 'payjp', route: 'payments.js (js.pay.jp/payments.js)', behaviour: "the stand-in's PayjpPayments(), widgets(), createForm('payment'), the form's methods and change event, confirmPayment / confirmSetup / retrieve* / handleNextAction fit @payjp/payments-js's signatures and results (tsc --noEmit of test/types/payjp-payments-js-stand-in.ts)", by: 'types', source: PAYJP_JS_TYPES, file: P_TYPES },
  ],
  unconfirmed: [
    "How payments.js calls the API: its routes, how it sends the public key and the client secret (the stand-in: Basic public key; GET /v2/{payment_flows|setup_flows}?client_secret= to find the flow; POST …/{id}/confirm with client_secret and payment_method_data). PAY.JP's payments.js source is not published.",
    'POST /v2/setup_flows/{id}/confirm: not among @payjp/payjpv2 1.0.5\'s operations (its README names a confirmSetupFlow()); the sandbox\'s route for payments.js\'s confirmSetup.',
    'The value of an error body\'s `type` (the title in snake case here; the decline code on a 402), the 401 / 403 / 409 bodies and statuses, and the items of `errors` ({ field, message, error_type } here, the shape of payments.js\'s PayjpValidationError).',
    'next_action\'s shape ({ type: redirect_to_url, redirect_to_url: { url, return_url } } here: the SDK types it as an open object) and last_payment_error\'s fields ({ code, message, payment_method_id } here; the event guide reads .message).',
    'Client secret formats: sflw_secret_… is the Setup Flow guide\'s example; pfw_secret_… is by analogy (third parties show pfws_… and pflw_secret_…). Card brand spellings (PAY.JP v1\'s Visa, MasterCard, JCB…).',
    'The return URL parameters of a Payment Flow (payment_flow_id, payment_flow_client_secret: third-party code only; configurable). The setup ones are the guide\'s.',
    'Event types beyond payment_flow.succeeded / payment_failed / requires_action and payment_method.attached (the event guide): payment_flow.canceled, setup_flow.*, customer.created are the sandbox\'s. Retry waits (v1\'s 3 × 3 min) and timeout.',
    'Idempotency-Key limits, lifetime and the answer to a reuse with other parameters (409 here); the CORS headers PAY.JP allows.',
    'The Setup Flow guide\'s `customer` / `payment_method` answer fields (not in the SDK models): off by default, `guideFieldAliases: true` adds them.',
    'PAY.JP publishes no v2 test cards: every card number\'s behaviour here is the sandbox\'s (docs/providers.md, "PAY.JP › Sandbox-only test cards").',
    "Whether payments.js refuses a mount node inside a ShadowRoot (the stand-in does, as Stripe.js), and its form's look, fields and messages.",
  ],
};
