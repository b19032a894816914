import type { ConformanceTable } from '../table.ts';

/** Stripe's conformance checks and what stays unconfirmed (the table: test/node/conformance/checks.ts). */

const STRIPE_SDK = 'stripe (stripe-node) 23.1.0, API version 2026-10-28.endive';
const STRIPE_JS_TYPES = '@stripe/stripe-js 10.2.1 (types/stripe-js/*.d.ts)';
// Stripe's checks stay in the emulator's and the server module's own test files, which already judge
// by stripe-node; the report runs those files whole and reads the checks' results from them.
const S_API = 'test/node/sandbox/stripe-api.test.ts';
const S_HOOKS = 'test/node/sandbox/stripe-webhooks.test.ts';
const S_SRV = 'test/node/server/stripe-server.test.ts';
const S_SRV_HOOKS = 'test/node/server/webhooks-stripe.test.ts';
const S_TYPES = 'test/node/conformance/stripe-js-types.test.ts';

export const table: ConformanceTable = {
  provider: 'stripe',
  label: 'Stripe',
  checks: [
  // Stripe: stripe-node against the emulator.
  { id: 'stripe.sdk.payment-intent', provider: 'stripe', route: 'POST /v1/payment_intents, GET /v1/payment_intents/{id}, POST …/{id}, POST …/{id}/confirm, GET /v1/payment_intents', behaviour: 'create, update, confirm (pm_card_visa, expand[] payment_method and latest_charge), retrieve, list: pi_… id, client_secret, status, amount_received, the expanded PaymentMethod and Charge as stripe-node types them', by: 'sdk', source: STRIPE_SDK, file: S_API },
  { id: 'stripe.sdk.payment-method-types', provider: 'stripe', route: 'POST /v1/payment_intents, POST /v1/setup_intents', behaviour: 'allowed_payment_method_types (API 2026-09-30.endive and later, what stripe-node 23 declares) and the legacy payment_method_types (older API versions) both taken; answers carry payment_method_types, and allowed_payment_method_types only when it was sent', by: 'sdk', source: STRIPE_SDK, file: S_API },
  { id: 'stripe.sdk.card-error', provider: 'stripe', route: 'POST /v1/payment_intents/{id}/confirm', behaviour: "declines thrown as stripe-node's StripeCardError (402) with code and decline_code, payment_intent in the error; the intent back at requires_payment_method with last_payment_error", by: 'sdk', source: STRIPE_SDK, file: S_API },
  { id: 'stripe.sdk.three-d-secure', provider: 'stripe', route: 'POST /v1/payment_intents (confirm=true)', behaviour: 'next_action redirect_to_url {url, return_url} with a return_url, use_stripe_sdk without; after the challenge, status and last_payment_error as stripe-node reads them', by: 'sdk', source: STRIPE_SDK, file: S_API },
  { id: 'stripe.sdk.setup-off-session', provider: 'stripe', route: 'POST /v1/customers, POST /v1/setup_intents, …/confirm, GET /v1/customers/{id}/payment_methods, GET /v1/payment_methods, POST /v1/payment_intents (off_session)', behaviour: 'a Customer; a SetupIntent (seti_…, client_secret) confirmed with 4000002500003155 (3-D Secure, redirect back with setup_intent, redirect_status); the saved card listed on the customer both ways; an off-session PaymentIntent with it succeeds without authentication', by: 'sdk', source: STRIPE_SDK, file: S_API },
  { id: 'stripe.sdk.customer-payment-methods', provider: 'stripe', route: 'POST /v1/payment_methods/{id}/attach, …/detach, POST /v1/payment_intents (off_session)', behaviour: 'attach gives the PaymentMethod its customer, detach clears it; an off-session payment of 4000002760003184 throws StripeCardError authentication_required', by: 'sdk', source: STRIPE_SDK, file: S_API },
  { id: 'stripe.sdk.konbini', provider: 'stripe', route: 'POST /v1/payment_intents/{id}/confirm (konbini)', behaviour: "next_action.konbini_display_details typed as stripe-node's KonbiniDisplayDetails: stores {familymart, lawson, ministop, seicomart} each {payment_code, confirmation_number}, expires_at (23:59:59 JST), hosted_voucher_url", by: 'sdk', source: STRIPE_SDK, file: S_API },
  { id: 'stripe.sdk.idempotency', provider: 'stripe', route: 'POST /v1/customers (Idempotency-Key)', behaviour: "a retry with the same Idempotency-Key answers the first object (one customer made); the key with other parameters throws stripe-node's StripeIdempotencyError", by: 'sdk', source: STRIPE_SDK, file: S_API },
  { id: 'stripe.sdk.errors', provider: 'stripe', route: 'any /v1 route', behaviour: 'StripeAuthenticationError for a wrong key (key shown as ****1234), StripeInvalidRequestError 404 resource_missing, parameter_unknown with its param, amount_too_small', by: 'sdk', source: STRIPE_SDK, file: S_API },
  { id: 'stripe.sdk.form-body', provider: 'stripe', route: 'any POST /v1 route', behaviour: "the body stripe-node encodes (bracketed keys, indexed arrays, nested objects, arrays of objects, empty strings) decodes to the params stripe-node was given", by: 'sdk', source: STRIPE_SDK, file: S_HOOKS },
  { id: 'stripe.sdk.webhooks', provider: 'stripe', route: 'webhook deliveries (Stripe-Signature)', behaviour: "every delivery accepted by stripe.webhooks.constructEvent with the endpoint's signing secret (and refused with another secret or a changed body); event fields and types along the intents' lives", by: 'sdk', source: STRIPE_SDK, file: S_HOOKS },
  // Stripe: the Stripe.js stand-in against @stripe/stripe-js's types.
  { id: 'stripe.types.stripe-js-stand-in', provider: 'stripe', route: 'Stripe.js (js.stripe.com/v3)', behaviour: "the stand-in's Stripe(), elements(), Element methods and change events, confirmCardPayment / confirmCardSetup / confirmKonbiniPayment / retrieve* / handleNextAction fit @stripe/stripe-js's signatures and results (tsc --noEmit of test/types/stripe-js-stand-in.ts)", by: 'types', source: STRIPE_JS_TYPES, file: S_TYPES },
  // Stripe: our server beside stripe-node, on the wire.
  { id: 'stripe.server.form-encoding', provider: 'stripe', route: 'any POST /v1 route', behaviour: "our server's form encoder gives the same pairs, in the same order, as stripe-node's body for the same params (bracketed keys, indexed arrays, arrays of objects)", by: 'sdk+server', source: STRIPE_SDK, file: S_SRV },
  { id: 'stripe.server.payment-intent-create', provider: 'stripe', route: 'POST /v1/payment_intents', behaviour: 'our server and stripe-node send the same method, URL, Bearer key, Stripe-Version and form fields; ours adds an Idempotency-Key (a UUID)', by: 'sdk+server', source: STRIPE_SDK, file: S_SRV },
  { id: 'stripe.server.setup-intent-create', provider: 'stripe', route: 'POST /v1/setup_intents', behaviour: 'same method, URL, Bearer key, Stripe-Version and form fields (customer, usage, allowed_payment_method_types, metadata); ours adds an Idempotency-Key', by: 'sdk+server', source: STRIPE_SDK, file: S_SRV },
  { id: 'stripe.server.payment-intent-retrieve', provider: 'stripe', route: 'GET /v1/payment_intents/{id}?expand[0]=payment_method', behaviour: 'same method, path, query, Bearer key, Stripe-Version; no Idempotency-Key, no body', by: 'sdk+server', source: STRIPE_SDK, file: S_SRV },
  { id: 'stripe.server.webhook-signature', provider: 'stripe', route: 'webhook receiver (Stripe-Signature)', behaviour: "our webhook handler accepts and refuses the same signatures as stripe-node's constructEvent (tampered body, wrong secret, stale, v0 only, garbage)", by: 'sdk+server', source: STRIPE_SDK, file: S_SRV_HOOKS },
  ],
  unconfirmed: [
    'The status of a publishable key on a secret-only route (401 here, with Stripe\'s "This API call cannot be made with a publishable API key" message), and the messages of a missing or wrong `client_secret` (400 here): stripe-node never sends a publishable key (docs/providers.md, "Stripe › Unconfirmed").',
    "`next_action.use_stripe_sdk`'s contents: only Stripe.js reads them, stripe-node types them as an open object.",
    'The konbini `payment_code` format (6 digits here; stripe-node types it as a string) and the confirmation number Stripe issues when none is given (11 random digits here).',
    'Konbini expiry: `requires_payment_method` with no `last_payment_error`, and Stripe\'s buffer period; the test confirmation numbers and emails of Stripe\'s konbini page are not emulated.',
    'The error of a konbini confirm without an email (`parameter_missing`, param `payment_method_data[billing_details][email]` here): stripe-node\'s types require the email, the exact error is not documented.',
    "The Japanese validation messages of the Stripe.js stand-in's Elements (the sandbox's wording); @stripe/stripe-js types the codes, not the messages.",
    'Webhook retry waits (5 min, 1 h, 3 h here) and timeout, and whether Stripe re-signs a retry with a new `t`; constructEvent checks each delivery, not the schedule.',
    'Whether an on-session payment with a set-up 4000002500003155 card still asks for 3-D Secure (it does here; docs.stripe.com/testing speaks of off-session payments).',
    'The CORS preflight\'s allowed headers (Accept, Authorization, Content-Type, Idempotency-Key, Stripe-Version, Stripe-Account here): Stripe.js needs no preflight and stripe-node is no browser.',
    'What a PaymentIntent retrieved with the publishable key omits (the emulator answers every field).',
  ],
};
