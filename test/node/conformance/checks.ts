import { it } from 'node:test';

/**
 * The one table of conformance checks: what each provider's own client (its SDK, its official web
 * component) or its documents say about a route, and which test holds our emulator (and our server)
 * to it. Tests register through `conformance(id, …)`, which refuses an id that is not here;
 * `npm run conformance` (scripts/conformance-report.ts) runs the files named here and reports each
 * check by its test's result, so a check no test runs shows as NOT RUN, never as confirmed.
 */

export type ConformanceProvider = 'univapay' | 'komoju' | 'stripe' | 'payjp' | 'paymentoptions';
/**
 * What judges the emulator: the provider's SDK, an example or table of its documents, its own web
 * component, or its published TypeScript types (a typecheck).
 */
export type Judge = 'sdk' | 'document' | 'component' | 'sdk+server' | 'document+server' | 'types';

export interface ConformanceCheck {
  readonly id: string;
  readonly provider: ConformanceProvider;
  readonly route: string;
  readonly behaviour: string;
  readonly by: Judge;
  /** The SDK version, the component's repository and commit, or the document's URL. */
  readonly source: string;
  /** The test file that runs it, from the repository root. */
  readonly file: string;
}

const UNIVAPAY_SDK = 'univapay-node@4.0.130 (univapay/univapay-node@9fc98fb8e825d6dc6be236fd81f3c4ef212979d0)';
const KOMOJU_FIELDS =
  'KOMOJU Fields build 99ad2eb (its sources in the source maps of komoju/komoju-magento@4b5a4e608d63bb594d59f167d507c42f32bfbfd1:src/app/code/Komoju/Payments/view/frontend/web/js/) and degica/komoju-fields@f599085620a33fb849fffc092998ddaa6e4ac99e:src/types.d.ts';

const STRIPE_SDK = 'stripe (stripe-node) 23.1.0, API version 2026-10-28.endive';
const STRIPE_JS_TYPES = '@stripe/stripe-js 10.2.1 (types/stripe-js/*.d.ts)';

const PAYJP_SDK = '@payjp/payjpv2 1.0.5 (payjp/payjpv2-node, generated from PAY.JP\'s OpenAPI); statuses from payjpv2-python@968e579 docs/PaymentFlowsApi.md';
const PAYJP_SAMPLE = 'payjp/payjpv2-samples@adc40d3 server/index.js';
const PAYJP_JS_TYPES = '@payjp/payments-js 1.1.1 (types/**/*.d.ts)';
const P_API = 'test/node/sandbox/payjp-api.test.ts';
const P_HOOKS = 'test/node/sandbox/payjp-webhooks.test.ts';
const P_TYPES = 'test/node/conformance/payjp-payments-js-types.test.ts';

const U_SDK = 'test/node/conformance/univapay-sdk.test.ts';
const U_SRV = 'test/node/conformance/univapay-server.test.ts';
const K_FIELDS = 'test/node/conformance/komoju-fields.test.ts';
const K_DOCS = 'test/node/conformance/komoju-documents.test.ts';
const K_CUSTOMERS = 'test/node/conformance/komoju-customers.test.ts';
const KOMOJU_MODELS =
  'komoju/komoju-node-sdk models (generated from KOMOJU\'s OpenAPI): session.ts, create-session-request-with-customer-mode.ts @1544e52049622ae564eaeb5b0e7404f447b18105; customer.ts, create-secure-token-request-with-customer.ts @ad4cd3972742a4e0844c34790d7407d552d264da; customer-source.ts, create-payment-request-with-customer.ts @45860d954b3d2e8e081c14b7b64ef81860bca5cd; https://doc.komoju.com/docs/integration-guide-customer';
// Stripe's checks stay in the emulator's and the server module's own test files, which already judge
// by stripe-node; the report runs those files whole and reads the checks' results from them.
const S_API = 'test/node/sandbox/stripe-api.test.ts';
const S_HOOKS = 'test/node/sandbox/stripe-webhooks.test.ts';
const S_SRV = 'test/node/server/stripe-server.test.ts';
const S_SRV_HOOKS = 'test/node/server/webhooks-stripe.test.ts';
const S_TYPES = 'test/node/conformance/stripe-js-types.test.ts';
const P_DOCS = 'test/node/conformance/paymentoptions-documents.test.ts';

export const CONFORMANCE_CHECKS: readonly ConformanceCheck[] = [
  // UnivaPay: its Node SDK against the emulator.
  { id: 'univapay.sdk.konbini-token', provider: 'univapay', route: 'POST /tokens', behaviour: 'konbini transaction token created by the SDK (snake_case body); typed result with data.convenienceStore, data.phoneNumber', by: 'sdk', source: UNIVAPAY_SDK, file: U_SDK },
  { id: 'univapay.sdk.get-token', provider: 'univapay', route: 'GET /stores/{storeId}/tokens/{id}', behaviour: 'the SDK reads a token back', by: 'sdk', source: UNIVAPAY_SDK, file: U_SDK },
  { id: 'univapay.sdk.konbini-charge', provider: 'univapay', route: 'POST /charges', behaviour: 'konbini charge created (pending), Idempotency-Key replays the same charge; metadata keys untouched', by: 'sdk', source: UNIVAPAY_SDK, file: U_SDK },
  { id: 'univapay.sdk.poll', provider: 'univapay', route: 'GET /stores/{storeId}/charges/{id}?polling=true', behaviour: "charges.poll (the SDK's own polling helper) ends once the charge leaves pending: awaiting with the slip number in metadata", by: 'sdk', source: UNIVAPAY_SDK, file: U_SDK },
  { id: 'univapay.sdk.konbini-expiry', provider: 'univapay', route: 'GET /stores/{storeId}/charges/{id}/expiry/latest', behaviour: 'konbini expiry fields: token data.expirationPeriod / expirationTimeShift, charge captureAt, ChargeExpiry {id, chargeId, expirationDate, extensionCount, createdOn, updatedOn}', by: 'sdk', source: UNIVAPAY_SDK, file: U_SDK },
  { id: 'univapay.sdk.issuer-token', provider: 'univapay', route: 'GET /stores/{storeId}/charges/{id}/three_ds/issuer_token', behaviour: '3-D Secure issuer token: issuerToken, callMethod, payload (keys unformatted: resource_id, resource_type), paymentType, contentType', by: 'sdk', source: UNIVAPAY_SDK, file: U_SDK },
  { id: 'univapay.sdk.card-token-refused', provider: 'univapay', route: 'POST /tokens', behaviour: 'raw card data refused: the SDK throws its ResponseError, code DIRECT_CARD_TOKEN_CREATION_DISABLED, httpCode 401', by: 'sdk', source: UNIVAPAY_SDK, file: U_SDK },
  { id: 'univapay.sdk.card-token-allowed', provider: 'univapay', route: 'POST /tokens', behaviour: 'raw card data taken when allowed (account or app token): data.card {brand, lastFour, cardBin, expMonth, expYear}', by: 'sdk', source: UNIVAPAY_SDK, file: U_SDK },
  { id: 'univapay.sdk.token-three-ds', provider: 'univapay', route: 'POST /tokens, POST /charges', behaviour: "the SDK's top-level token three_ds {mode, redirect_endpoint} is kept on the token and used by a charge that names no redirect endpoint of its own", by: 'sdk', source: UNIVAPAY_SDK, file: U_SDK },
  { id: 'univapay.sdk.card-charge', provider: 'univapay', route: 'POST /charges', behaviour: 'card charge successful; a declined card fails with error {code, message, details}', by: 'sdk', source: UNIVAPAY_SDK, file: U_SDK },
  { id: 'univapay.sdk.validation-error', provider: 'univapay', route: 'POST /tokens', behaviour: 'a wrong body: ResponseError VALIDATION_ERROR, httpCode 400, errors [{field, reason}]', by: 'sdk', source: UNIVAPAY_SDK, file: U_SDK },
  { id: 'univapay.sdk.app-token-origin', provider: 'univapay', route: 'POST /tokens', behaviour: "the app token alone with the SDK's origin option: taken from a token domain, INVALID_DOMAIN from another", by: 'sdk', source: UNIVAPAY_SDK, file: U_SDK },
  { id: 'univapay.sdk.recurring-token', provider: 'univapay', route: 'POST /tokens, POST /charges', behaviour: 'a recurring card token (type recurring, usageLimit) read back by the SDK as TransactionTokenType.RECURRING with data.threeDs.status; charged twice, each charge transactionTokenType recurring, threeDs.mode as sent (ChargeThreeDsMode)', by: 'sdk', source: UNIVAPAY_SDK, file: U_SDK },
  { id: 'univapay.sdk.recurring-refusals', provider: 'univapay', route: 'POST /tokens', behaviour: "usage_limit on a one-time token and recurring tokens a store may not make: the SDK's ResponseError with its own codes USAGE_LIMIT_NOT_APPLICABLE, RECURRING_TOKEN_NOT_ALLOWED, RECURRING_USAGE_LIMIT_REQUIRED (ResponseErrorCode)", by: 'sdk', source: UNIVAPAY_SDK, file: U_SDK },
  // UnivaPay: our server beside the SDK, on the wire.
  { id: 'univapay.server.charge-create', provider: 'univapay', route: 'POST /charges', behaviour: 'our server and the SDK send the same path, method, Content-Type, Bearer {secret}.{jwt}, Idempotency-Key, body field names (card: three_ds.mode/redirect_endpoint; konbini: capture_at)', by: 'sdk+server', source: UNIVAPAY_SDK, file: U_SRV },
  { id: 'univapay.server.charge-poll', provider: 'univapay', route: 'GET /stores/{storeId}/charges/{id}?polling=true', behaviour: 'same path and query (polling=true), same auth', by: 'sdk+server', source: UNIVAPAY_SDK, file: U_SRV },
  { id: 'univapay.server.issuer-token', provider: 'univapay', route: 'GET /stores/{storeId}/charges/{id}/three_ds/issuer_token', behaviour: 'same path, same auth', by: 'sdk+server', source: UNIVAPAY_SDK, file: U_SRV },
  { id: 'univapay.server.token-and-expiry', provider: 'univapay', route: 'GET /stores/{storeId}/tokens/{id}, GET …/charges/{id}/expiry/latest', behaviour: 'same paths, same auth', by: 'sdk+server', source: UNIVAPAY_SDK, file: U_SRV },
  // KOMOJU: KOMOJU Fields' requests against the emulator.
  { id: 'komoju.fields.preflight', provider: 'komoju', route: 'OPTIONS *', behaviour: "a browser preflight for the four headers KOMOJU Fields sends (accept, content-type, authorization, komoju-via) is allowed", by: 'component', source: KOMOJU_FIELDS, file: K_FIELDS },
  { id: 'komoju.fields.session', provider: 'komoju', route: 'GET /sessions/{id}', behaviour: "publishable key; fields read id, mode, amount, currency, session_url, default_locale, status, payment_methods[].type/brands/customer_fee/offsite", by: 'component', source: KOMOJU_FIELDS, file: K_FIELDS },
  { id: 'komoju.fields.secure-token', provider: 'komoju', route: 'POST /secure_tokens', behaviour: "body {amount, currency, payment_details (month/year two-digit strings of MM / YY), return_url}; answer id, verification_status (OK|SKIPPED|NEEDS_VERIFY|ERRORED), authentication_url when NEEDS_VERIFY", by: 'component', source: KOMOJU_FIELDS, file: K_FIELDS },
  { id: 'komoju.fields.secure-token-get', provider: 'komoju', route: 'GET /secure_tokens/{id}', behaviour: 'answer id, verification_status', by: 'component', source: KOMOJU_FIELDS, file: K_FIELDS },
  { id: 'komoju.fields.pay-card', provider: 'komoju', route: 'POST /sessions/{id}/pay', behaviour: "body {payment_details: <secure token id>, api_locale}; answer status (pending|completed|error), redirect_url, error", by: 'component', source: KOMOJU_FIELDS, file: K_FIELDS },
  { id: 'komoju.fields.pay-konbini', provider: 'komoju', route: 'POST /sessions/{id}/pay', behaviour: "body {payment_details: {type: konbini, store, email, name}, api_locale}; answer status, redirect_url", by: 'component', source: KOMOJU_FIELDS, file: K_FIELDS },
  { id: 'komoju.fields.token', provider: 'komoju', route: 'POST /tokens', behaviour: "body {payment_details}; answer {id, resource: token, created_at, payment_details: {type}}", by: 'component', source: KOMOJU_FIELDS, file: K_FIELDS },
  { id: 'komoju.fields.errors', provider: 'komoju', route: 'POST /secure_tokens, POST /tokens', behaviour: "status >= 400 answers {error: {code, message, param, details}} (KomojuApiError)", by: 'component', source: KOMOJU_FIELDS, file: K_FIELDS },
  // KOMOJU: the documents' examples, field by field.
  { id: 'komoju.doc.session', provider: 'komoju', route: 'GET /sessions/{id}', behaviour: "the emulator's session has every field of the documented example, with its type and nesting; status among the documented values", by: 'document', source: 'https://docs.komoju.com/ja/api/resources/sessions/ (Show Sessions); https://ja.doc.komoju.com/docs/sessions-1', file: K_DOCS },
  { id: 'komoju.doc.payment-konbini', provider: 'komoju', route: 'GET /payments/{id}', behaviour: "a konbini payment has every field of the documented example (payment_details.store/receipt/confirmation_code/instructions_url, payment_deadline, total…)", by: 'document', source: 'https://docs.komoju.com/ja/api/resources/payments/ (Show a payment)', file: K_DOCS },
  { id: 'komoju.doc.secure-token-show', provider: 'komoju', route: 'GET /secure_tokens/{id}', behaviour: 'every field of the documented example: id, verification_status, created_at', by: 'document', source: 'https://docs.komoju.com/en/api/resources/secure_tokens/show/', file: K_DOCS },
  { id: 'komoju.doc.secure-token-create', provider: 'komoju', route: 'POST /secure_tokens', behaviour: "the documented response table (id, verification_status ∈ OK|NEEDS_VERIFY|SKIPPED|ERRORED, authentication_url); the example's `secure_token` key is recorded as a disagreement of the document with itself", by: 'document', source: 'https://doc.komoju.com/docs/3d-secure (3D Secure Without a Session)', file: K_DOCS },
  { id: 'komoju.doc.error', provider: 'komoju', route: 'any', behaviour: 'error body {error: {code, message, param, details}} and the documented HTTP statuses of a missing key (401) and an unknown id (404)', by: 'document', source: 'https://doc.komoju.com/docs/errors; https://docs.komoju.com/en/api/overview/', file: K_DOCS },
  { id: 'komoju.server.create-session', provider: 'komoju', route: 'POST /sessions', behaviour: 'our server: Basic base64("sk_…:"), X-KOMOJU-IDEMPOTENCY (a fresh key per call, ≤ 100 ASCII), JSON with documented fields only', by: 'document+server', source: 'https://docs.komoju.com/ja/api/resources/sessions/create/; https://doc.komoju.com/docs/idempotent-requests; https://docs.komoju.com/en/api/overview/', file: K_DOCS },
  { id: 'komoju.model.customer-session', provider: 'komoju', route: 'POST /sessions, GET /sessions/{id}', behaviour: 'mode customer: customer_id given at once; once paid the session is completed with no payment; a payment session has no customer_id', by: 'document', source: KOMOJU_MODELS, file: K_CUSTOMERS },
  { id: 'komoju.model.customer', provider: 'komoju', route: 'GET /customers/{id}', behaviour: 'Customer {id, resource: customer, email, source {type, brand, last_four_digits, month, year}, metadata, created_at}; never the card number', by: 'document', source: KOMOJU_MODELS, file: K_CUSTOMERS },
  { id: 'komoju.model.secure-token-customer', provider: 'komoju', route: 'POST /secure_tokens', behaviour: "body {amount, currency, customer, return_url} (secret key): the customer's saved card, verification_status and authentication_url as for card details", by: 'document', source: KOMOJU_MODELS, file: K_CUSTOMERS },
  { id: 'komoju.model.payment-customer', provider: 'komoju', route: 'POST /payments', behaviour: 'body {amount, currency, customer} instead of payment_details (not both): a Payment, captured, naming its customer', by: 'document', source: KOMOJU_MODELS, file: K_CUSTOMERS },
  { id: 'komoju.server.get-session', provider: 'komoju', route: 'GET /sessions/{id}', behaviour: 'our server: Basic auth, no body, no idempotency header', by: 'document+server', source: 'https://docs.komoju.com/ja/api/resources/sessions/; https://docs.komoju.com/en/api/overview/', file: K_DOCS },
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
  // PaymentOptions: the documents' examples, field by field (PaymentOptions publishes no Node SDK).
  { id: 'paymentoptions.doc.payment-stored-card', provider: 'paymentoptions', route: 'POST /api/v1/server-to-server-interface/payment', behaviour: 'a payment with payment_method.stored_payment_method_id: HTTP 201 and every field of the use-token example (success, status_code, gateway_response INFO0000, merchant_details, payment_details with response_code 0 and additional_data, transaction_details.stored_payment_method_id, risk-details); the scheme is the number\'s', by: 'document', source: 'https://docs.paymentoptions.com/api-reference/en/tokenization/use-token (seed 002: …/jp/tokenization/use-token)', file: P_DOCS },
  { id: 'paymentoptions.doc.paymentv2-3ds', provider: 'paymentoptions', route: 'POST /api/v1/server-to-server-interface/paymentv2', behaviour: 'a card that needs 3-D Secure: exactly the example\'s fields { url, statusCode, success, redirect_url }', by: 'document', source: 'https://docs.paymentoptions.com/api-reference/en/server-to-server/3dsecure', file: P_DOCS },
  { id: 'paymentoptions.doc.transaction-status', provider: 'paymentoptions', route: 'GET /api/v1/server-to-server-interface/transaction/status/{transactionId}', behaviour: 'every field of the example: payment_details.responseDescription, transaction_details.billing_details {billing_address, shipping_address}, risk_details', by: 'document', source: 'https://docs.paymentoptions.com/api-reference/en/server-to-server/transaction-status', file: P_DOCS },
  { id: 'paymentoptions.doc.hpp-link', provider: 'paymentoptions', route: 'POST /api/v1/server-to-server-interface/hpp/generate/link', behaviour: 'HTTP 201 and every field of the example: id, url, amount, currency, merchant_txn_ref, merchant_id, merchant_email, return_url (with cancel_url), billing_address, shipping_address', by: 'document', source: 'https://docs.paymentoptions.com/api-reference/en/hpp/generate-link', file: P_DOCS },
  { id: 'paymentoptions.doc.webhook', provider: 'paymentoptions', route: 'webhook to return_url.webhook_url', behaviour: 'after 3-D Secure, the body has the fields of the 3-D Secure page\'s webhook sample (status_code 200) and the manual\'s return_url_details', by: 'document', source: 'https://docs.paymentoptions.com/api-reference/en/server-to-server/3dsecure (Step 4); DASGATEWAY API 統合マニュアル, "Webhook Handler"', file: P_DOCS },
  { id: 'paymentoptions.doc.statuses-and-codes', provider: 'paymentoptions', route: 'any /api/v1 route', behaviour: 'every answer\'s HTTP status is one of the documented (201, 400, 401, 404, 406, 412, 502 seen), every response_code is in the documented table with its documented wording', by: 'document', source: 'https://docs.paymentoptions.com/api-reference/en/error-and-response/httpresponse; DASGATEWAY manual "Gateway Codes"', file: P_DOCS },
];

/** What no SDK, component or document example checks here, per provider. */
export const UNCONFIRMED: Readonly<Record<ConformanceProvider, readonly string[]>> = {
  univapay: [
    'The browser path: UnivaPay publishes no browser SDK on npm that calls POST /tokens; the inline form (checkout.js) is a stand-in (docs/providers.md, "UnivaPay › The inline form").',
    "The card token's `data.three_ds {enabled, redirect_endpoint}` (ours, from the Java SDK) versus univapay-node's top-level `three_ds {mode, redirect_endpoint}` on POST /tokens: the emulator reads both; which one UnivaPay honours is not settled by any source.",
    'The exact DIRECT_CARD_TOKEN_CREATION_DISABLED body (`errors: []`); the SDK reads code and httpCode only.',
    'Webhook deliveries (univapay-node has no receiver to judge them).',
    'The older route GET /stores/{storeId}/charges/{id}/issuer_token (univapay-node `charges.getIssuerToken`): not emulated.',
    'Error codes the emulator invents (404 NOT_FOUND, 413 REQUEST_TOO_LARGE): the SDK takes any code.',
  ],
  komoju: [
    'KOMOJU\'s node SDK (komoju/komoju-node-sdk) is not run here: the emulator is judged by KOMOJU Fields (its requests and the fields it reads), by document examples and by the SDK\'s models as read, not by a client that parses every field.',
    'POST /sessions and POST /sessions/{id}/pay answers: no example reached here shows them whole (the session create example is cut; the pay answer table of KD1 lists status and redirect_url only).',
    'POST /tokens answer: no document example reached; checked against KOMOJU Fields\' KomojuToken type only.',
    'Customers: the answer of POST /sessions/{id}/pay for a customer session (completed, payment null here), whether a customer session asks for 3-D Secure (not here), and how POST /payments answers a declined saved card (HTTP 402 with the error body here) are not in any model or document reached.',
    'The secure token create example answers `secure_token`, the table and the show example `id`: which key POST /secure_tokens really answers (the emulator: `id`, as KOMOJU Fields reads).',
    'Webhooks, idempotency replay details, Komoju-Scenario on pay, CORS beyond the four headers (docs/providers.md, "KOMOJU › Unconfirmed").',
  ],
  stripe: [
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
  payjp: [
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
  paymentoptions: [
    'PaymentOptions has no SDK on npm and no public client that parses its answers: the emulator is judged by its documents\' examples only, several of them cut short in the stored copies (the HPP link example inside shipping_address, the 3-D Secure webhook sample after response_code).',
    'Which Authorization form the gateway checks: Basic base64(key), Basic base64(key:) and Basic <key> are all taken here; whether x-api-key is a second credential (here) or the API key again (a third-party integration sends the key in both).',
    'Error bodies (no document shows one): { success: false, status_code, message, gateway_response { type: ERROR, code: ERR_… } } here; the HTTP status of a decline (406 here, configurable) and of a gateway error (502 here); gateway_response.code of a decline (DECLINED here).',
    'The HTTP status of the HPP link answer (201 here); status, isValid and inprogress_url of the manual\'s table (status and isValid here, no inprogress_url).',
    'Webhook authentication: the documents ask the merchant to verify a secret or signature but show none; the sandbox signs with its own HMAC-SHA256 header (X-Sandbox-Webhook-Signature by default). Webhook retries, and whether a direct (non-3-D Secure) payment is also posted to webhook_url (yes here).',
    'Query parameters on success_url / decline_url / cancel_url after the hosted page or 3-D Secure (none here; returnParams adds transaction_id, merchant_txn_ref, status).',
    'Test cards: none published; the emulator\'s are its own (docs/providers.md, "PaymentOptions › Test cards"). A 3-D Secure card on `payment` (no browser): declined 65 here.',
    'The scheme / payment_method pairs other than MASTERCARD / ECMC-SSL (VISA / VISA-SSL, AMEX-SSL, JCB-SSL… here), and whether answers mask the card number (masked here, as the manual\'s status example; the newer examples show test numbers whole).',
  ],
};

const byId = new Map(CONFORMANCE_CHECKS.map((check) => [check.id, check]));

/** The test title of a check: its id in brackets (the report finds it by that), its route and behaviour. */
export function checkTitle(id: string): string {
  const check = byId.get(id);
  if (!check) throw new Error(`No conformance check ${id} in test/node/conformance/checks.ts`);
  return `[${check.id}] ${check.route}: ${check.behaviour}`;
}

/** A `node:test` test for one check of the table. */
export function conformance(id: string, fn: () => Promise<void>): void {
  it(checkTitle(id), fn);
}
