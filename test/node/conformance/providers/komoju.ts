import type { ConformanceTable } from '../table.ts';

/** KOMOJU's conformance checks and what stays unconfirmed (the table: test/node/conformance/checks.ts). */

const KOMOJU_FIELDS =
  'KOMOJU Fields build 99ad2eb (its sources in the source maps of komoju/komoju-magento@4b5a4e608d63bb594d59f167d507c42f32bfbfd1:src/app/code/Komoju/Payments/view/frontend/web/js/) and degica/komoju-fields@f599085620a33fb849fffc092998ddaa6e4ac99e:src/types.d.ts';
const K_FIELDS = 'test/node/conformance/komoju-fields.test.ts';
const K_DOCS = 'test/node/conformance/komoju-documents.test.ts';
const K_CUSTOMERS = 'test/node/conformance/komoju-customers.test.ts';
const KOMOJU_MODELS =
  'komoju/komoju-node-sdk models (generated from KOMOJU\'s OpenAPI): session.ts, create-session-request-with-customer-mode.ts @1544e52049622ae564eaeb5b0e7404f447b18105; customer.ts, create-secure-token-request-with-customer.ts @ad4cd3972742a4e0844c34790d7407d552d264da; customer-source.ts, create-payment-request-with-customer.ts @45860d954b3d2e8e081c14b7b64ef81860bca5cd; https://doc.komoju.com/docs/integration-guide-customer';

const KOMOJU_PAY_MODELS =
  'komoju/komoju-node-sdk@1544e52049622ae564eaeb5b0e7404f447b18105 models/session.ts (customer_id "only present when mode includes customer"), models/payment.ts (customer "Customer UUID if associated with a customer, otherwise null"), models/pay-session-response.ts, models/create-session-request-with-customer-payment-mode.ts; https://doc.komoju.com/reference/createsession (customer_payment: "A payment will be created, and customer will be created or updated")';

export const table: ConformanceTable = {
  provider: 'komoju',
  label: 'KOMOJU',
  checks: [
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
  { id: 'komoju.model.customer-payment-session', provider: 'komoju', route: 'POST /sessions, POST /sessions/{id}/pay', behaviour: 'mode customer_payment: customer_id on the session; paid with a secure token id, the pay answer {status, redirect_url, payment} whose payment names its customer (Payment.customer); the card saved on that customer', by: 'document', source: KOMOJU_PAY_MODELS, file: K_CUSTOMERS },
  { id: 'komoju.model.payment-customer', provider: 'komoju', route: 'POST /payments', behaviour: 'body {amount, currency, customer} instead of payment_details (not both): a Payment, captured, naming its customer', by: 'document', source: KOMOJU_MODELS, file: K_CUSTOMERS },
  { id: 'komoju.server.get-session', provider: 'komoju', route: 'GET /sessions/{id}', behaviour: 'our server: Basic auth, no body, no idempotency header', by: 'document+server', source: 'https://docs.komoju.com/ja/api/resources/sessions/; https://docs.komoju.com/en/api/overview/', file: K_DOCS },
  ],
  unconfirmed: [
    'KOMOJU\'s node SDK (komoju/komoju-node-sdk) is not run here: the emulator is judged by KOMOJU Fields (its requests and the fields it reads), by document examples and by the SDK\'s models as read, not by a client that parses every field.',
    'POST /sessions and POST /sessions/{id}/pay answers: no example reached here shows them whole (the session create example is cut; the pay answer table of KD1 lists status and redirect_url only; the SDK\'s PaySessionResponse model adds payment, app_url and customer, a SubscriptionCustomer, without saying when customer is present: never here).',
    'POST /tokens answer: no document example reached; checked against KOMOJU Fields\' KomojuToken type only.',
    'Customers: the answer of POST /sessions/{id}/pay for a customer session (completed, payment null here), whether a customer session asks for 3-D Secure (not here), and how POST /payments answers a declined saved card (HTTP 402 with the error body here) are not in any model or document reached. A customer_payment session: that its payment is associated with the session\'s customer (so that Payment.customer names it) is read from the mode\'s description, and that it takes a secure token id as payment_details from KOMOJU Fields\' pay call (the model types payment_details as an object); neither is shown by an example.',
    'The secure token create example answers `secure_token`, the table and the show example `id`: which key POST /secure_tokens really answers (the emulator: `id`, as KOMOJU Fields reads).',
    'Webhooks, idempotency replay details, Komoju-Scenario on pay, CORS beyond the four headers (docs/providers.md, "KOMOJU › Unconfirmed").',
  ],
};
