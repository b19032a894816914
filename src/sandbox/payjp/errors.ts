import { EmulatorApiError } from '../shared/api-answer.ts';

/**
 * PAY.JP v2's error body: RFC 9457 problem details, `application/problem+json` (the SDKs send
 * `Accept: application/json, application/problem+json`): `{ type, title, status, detail?, instance?,
 * errors? }` (`ErrorResponse` of @payjp/payjpv2 and payjpv2-python). The statuses are the SDKs'
 * (payjpv2-python docs/PaymentFlowsApi.md): 400 with the titles "Invalid Status", "Missing Payment
 * Method", "Payment Method Not Owned By Customer", …; 402 "Payment Failed" (create with confirm,
 * confirm, capture); 404 "Not Found"; 422 "Validation Error".
 *
 * UNCONFIRMED (docs/providers.md, "PAY.JP › Unconfirmed"): the value of `type`. The emulator uses the
 * title in snake case (`invalid_status`, `not_found`, `validation_error`), which is also the `code`
 * payments.js reports for an `api_error`; for a 402 it is the decline code (`card_declined`), the
 * `code` of payments.js's `payment_error`. The items of `errors` are `{ field, message, error_type }`,
 * the shape of payments.js's `PayjpValidationError`.
 */
export interface PayjpProblem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string | null;
  readonly instance?: string | null;
  readonly errors?: readonly Readonly<Record<string, string>>[] | null;
}

export class PayjpApiError extends EmulatorApiError {
  declare readonly body: PayjpProblem;
  constructor(problem: PayjpProblem) {
    super(problem.status, problem, problem.detail ?? problem.title);
    this.name = 'PayjpApiError';
  }
}

const problem = (status: number, type: string, title: string, detail: string, extra: Partial<PayjpProblem> = {}) =>
  new PayjpApiError({ type, title, status, detail, ...extra });

/** 422 with one `{ field, message, error_type }` per field. */
export function validationError(field: string, message: string, errorType = 'value_error'): PayjpApiError {
  return problem(422, 'validation_error', 'Validation Error', message, { errors: [{ field, message, error_type: errorType }] });
}

export const notFound = (what: string, id: string): PayjpApiError => problem(404, 'not_found', 'Not Found', `No such ${what}: ${id}`);
export const routeNotFound = (): PayjpApiError => problem(404, 'not_found', 'Not Found', 'Not Found');
export const invalidStatus = (detail: string): PayjpApiError => problem(400, 'invalid_status', 'Invalid Status', detail);
export const missingPaymentMethod = (): PayjpApiError =>
  problem(400, 'missing_payment_method', 'Missing Payment Method', 'A payment method is required to confirm this flow.');
export const customerRequired = (): PayjpApiError =>
  problem(400, 'customer_required_for_payment_method', 'Customer Required For Payment Method', 'payment_method_id requires customer_id.');
export const notOwned = (): PayjpApiError =>
  problem(400, 'payment_method_not_owned_by_customer', 'Payment Method Not Owned By Customer', 'The payment method does not belong to this customer.');
export const typeNotAllowed = (): PayjpApiError =>
  problem(400, 'payment_method_type_not_allowed', 'Payment Method Type Not Allowed', 'This payment method type is not allowed by the flow.');
export const unauthorized = (detail: string): PayjpApiError => problem(401, 'unauthorized', 'Unauthorized', detail);
export const forbidden = (detail: string): PayjpApiError => problem(403, 'forbidden', 'Forbidden', detail);
/** 402 "Payment Failed", its `type` the decline code. */
export const paymentFailed = (code: string, message: string, instance: string): PayjpApiError =>
  problem(402, code, 'Payment Failed', message, { instance });
export const idempotencyConflict = (detail: string): PayjpApiError => problem(409, 'idempotency_conflict', 'Conflict', detail);
export const badBody = (detail: string, status = 400): PayjpApiError => problem(status, 'invalid_request', 'Bad Request', detail);
export const internalError = (): PayjpApiError => problem(500, 'internal_server_error', 'Internal Server Error', 'An unknown error occurred in the sandbox.');
