import type { ConformanceTable } from '../table.ts';

/** PaymentOptions's conformance checks and what stays unconfirmed (the table: test/node/conformance/checks.ts). */

const P_DOCS = 'test/node/conformance/paymentoptions-documents.test.ts';

export const table: ConformanceTable = {
  provider: 'paymentoptions',
  label: 'PaymentOptions',
  checks: [
  // PaymentOptions: the documents' examples, field by field (PaymentOptions publishes no Node SDK).
  { id: 'paymentoptions.doc.payment-stored-card', provider: 'paymentoptions', route: 'POST /api/v1/server-to-server-interface/payment', behaviour: 'a payment with payment_method.stored_payment_method_id: HTTP 201 and every field of the use-token example (success, status_code, gateway_response INFO0000, merchant_details, payment_details with response_code 0 and additional_data, transaction_details.stored_payment_method_id, risk-details); the scheme is the number\'s', by: 'document', source: 'https://docs.paymentoptions.com/api-reference/en/tokenization/use-token (seed 002: …/jp/tokenization/use-token)', file: P_DOCS },
  { id: 'paymentoptions.doc.paymentv2-3ds', provider: 'paymentoptions', route: 'POST /api/v1/server-to-server-interface/paymentv2', behaviour: 'a card that needs 3-D Secure: exactly the example\'s fields { url, statusCode, success, redirect_url }', by: 'document', source: 'https://docs.paymentoptions.com/api-reference/en/server-to-server/3dsecure', file: P_DOCS },
  { id: 'paymentoptions.doc.transaction-status', provider: 'paymentoptions', route: 'GET /api/v1/server-to-server-interface/transaction/status/{transactionId}', behaviour: 'every field of the example: payment_details.responseDescription, transaction_details.billing_details {billing_address, shipping_address}, risk_details', by: 'document', source: 'https://docs.paymentoptions.com/api-reference/en/server-to-server/transaction-status', file: P_DOCS },
  { id: 'paymentoptions.doc.hpp-link', provider: 'paymentoptions', route: 'POST /api/v1/server-to-server-interface/hpp/generate/link', behaviour: 'HTTP 201 and every field of the example: id, url, amount, currency, merchant_txn_ref, merchant_id, merchant_email, return_url (with cancel_url), billing_address, shipping_address', by: 'document', source: 'https://docs.paymentoptions.com/api-reference/en/hpp/generate-link', file: P_DOCS },
  { id: 'paymentoptions.doc.webhook', provider: 'paymentoptions', route: 'webhook to return_url.webhook_url', behaviour: 'after 3-D Secure, the body has the fields of the 3-D Secure page\'s webhook sample (status_code 200) and the manual\'s return_url_details', by: 'document', source: 'https://docs.paymentoptions.com/api-reference/en/server-to-server/3dsecure (Step 4); DASGATEWAY API 統合マニュアル, "Webhook Handler"', file: P_DOCS },
  { id: 'paymentoptions.doc.statuses-and-codes', provider: 'paymentoptions', route: 'any /api/v1 route', behaviour: 'every answer\'s HTTP status is one of the documented (201, 400, 401, 404, 406, 412, 502 seen), every response_code is in the documented table with its documented wording', by: 'document', source: 'https://docs.paymentoptions.com/api-reference/en/error-and-response/httpresponse; DASGATEWAY manual "Gateway Codes"', file: P_DOCS },
  ],
  unconfirmed: [
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
