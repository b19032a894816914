import { EmulatorApiError } from '../shared/api-answer.ts';

/**
 * PaymentOptions' refusals. Its documents list the HTTP statuses (docs.paymentoptions.com "Error and
 * Response › HTTP Response"; the DASGATEWAY manual's "Gateway Codes"): 400 Bad Request, 401
 * Unauthorized, 404 Not Found, 406 Not Acceptable (invalid card), 412 Precondition Failed, 500 Server
 * Error, 502 Bad Gateway, 504 Gateway Time-out. They show no error body. The emulator answers the
 * fields every PaymentOptions answer starts with (`success`, `status_code`) and a `gateway_response` in
 * the shape of the documented one (`version`, `type`, `message`, `code`), with `type: "ERROR"` and
 * codes of its own (`ERR_…`): UNCONFIRMED (docs/providers.md, "PaymentOptions › Unconfirmed").
 */

export interface PaymentOptionsErrorBody {
  readonly success: false;
  readonly status_code: number;
  readonly message: string;
  readonly gateway_response: { readonly version: '1'; readonly type: 'ERROR'; readonly message: string; readonly code: string };
}

export class PaymentOptionsApiError extends EmulatorApiError {
  declare readonly body: PaymentOptionsErrorBody;
  constructor(status: number, code: string, message: string) {
    super(status, { success: false, status_code: status, message, gateway_response: { version: '1', type: 'ERROR', message, code } }, message);
    this.name = 'PaymentOptionsApiError';
  }
}

/** 400: a field missing or of the wrong kind. */
export const badRequest = (message: string): PaymentOptionsApiError => new PaymentOptionsApiError(400, 'ERR_BAD_REQUEST', message);
/** 401: no key, a wrong key, or another merchant's id. */
export const unauthorized = (message: string): PaymentOptionsApiError => new PaymentOptionsApiError(401, 'ERR_UNAUTHORIZED', message);
/** 404: no such route or transaction. */
export const notFound = (message: string): PaymentOptionsApiError => new PaymentOptionsApiError(404, 'ERR_NOT_FOUND', message);
/** 412: the request names something the merchant does not have (a stored card). */
export const preconditionFailed = (message: string): PaymentOptionsApiError => new PaymentOptionsApiError(412, 'ERR_PRECONDITION_FAILED', message);
/** 500. */
export const serverError = (): PaymentOptionsApiError => new PaymentOptionsApiError(500, 'ERR_SERVER', 'An internal error occurred in the sandbox.');
