import type { ConformanceTable } from '../table.ts';

/** UnivaPay's conformance checks and what stays unconfirmed (the table: test/node/conformance/checks.ts). */

const UNIVAPAY_SDK = 'univapay-node@4.0.130 (univapay/univapay-node@9fc98fb8e825d6dc6be236fd81f3c4ef212979d0)';
const U_SDK = 'test/node/conformance/univapay-sdk.test.ts';
const U_SRV = 'test/node/conformance/univapay-server.test.ts';

export const table: ConformanceTable = {
  provider: 'univapay',
  label: 'UnivaPay',
  checks: [
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
  { id: 'univapay.server.token-delete', provider: 'univapay', route: 'DELETE /stores/{storeId}/tokens/{id}', behaviour: 'same method, path, query and auth, no body (pay and save: a recurring token the shopper did not keep); the SDK takes the emulator\'s 204', by: 'sdk+server', source: UNIVAPAY_SDK, file: U_SRV },
  { id: 'univapay.server.token-and-expiry', provider: 'univapay', route: 'GET /stores/{storeId}/tokens/{id}, GET …/charges/{id}/expiry/latest', behaviour: 'same paths, same auth', by: 'sdk+server', source: UNIVAPAY_SDK, file: U_SRV },
  ],
  unconfirmed: [
    'The browser path: UnivaPay publishes no browser SDK on npm that calls POST /tokens; the inline form (checkout.js) is a stand-in (docs/providers.md, "UnivaPay › The inline form").',
    "The card token's `data.three_ds {enabled, redirect_endpoint}` (ours, from the Java SDK) versus univapay-node's top-level `three_ds {mode, redirect_endpoint}` on POST /tokens: the emulator reads both; which one UnivaPay honours is not settled by any source.",
    'The exact DIRECT_CARD_TOKEN_CREATION_DISABLED body (`errors: []`); the SDK reads code and httpCode only.',
    'Webhook deliveries (univapay-node has no receiver to judge them).',
    'The older route GET /stores/{storeId}/charges/{id}/issuer_token (univapay-node `charges.getIssuerToken`): not emulated.',
    "Error codes: 413 REQUEST_TOO_LARGE and reason NOT_SUPPORTED are the emulator's own (not in univapay-node's ResponseErrorCode); NOT_FOUND is UnivaPay's code, its 404 status is ours. The SDK takes any code.",
  ],
};
