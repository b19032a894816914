import { EmulatorApiError } from '../shared/api-answer.ts';

/**
 * UnivaPay's error bodies (docs/providers.md, "UnivaPay"): `{"status": "error", "code": "VALIDATION_ERROR",
 * "errors": [{"field": "amount", "reason": "REQUIRED_VALUE"}]}`, `errors` possibly empty, reasons
 * UPPER_SNAKE. Routes throw `UnivapayApiError`; the dispatcher turns it into the answer.
 */

export interface UnivapayFieldError {
  readonly field: string;
  readonly reason: string;
}

export interface UnivapayErrorBody {
  readonly status: 'error';
  readonly code: string;
  readonly errors: readonly UnivapayFieldError[];
}

export class UnivapayApiError extends EmulatorApiError {
  declare readonly body: UnivapayErrorBody;
  constructor(status: number, code: string, errors: readonly UnivapayFieldError[] = []) {
    const body: UnivapayErrorBody = { status: 'error', code, errors };
    super(status, body, code);
    this.name = 'UnivapayApiError';
  }
}

/** 400 `VALIDATION_ERROR` naming one field. */
export function validationError(field: string, reason: string): UnivapayApiError {
  return new UnivapayApiError(400, 'VALIDATION_ERROR', [{ field, reason }]);
}

/**
 * 404 for an id this store does not have. UnivaPay's code for it is not documented (UNCONFIRMED;
 * docs/providers.md, "UnivaPay"); `NOT_FOUND` names it plainly.
 */
export function notFound(): UnivapayApiError {
  return new UnivapayApiError(404, 'NOT_FOUND');
}

/**
 * The `error.message` of a failed charge, by code: the meanings of docs/providers.md ("UnivaPay"), in
 * UPPER_SNAKE like UnivaPay's.
 */
const CHARGE_MESSAGES: Readonly<Record<number, string>> = {
  301: 'CARD_NUMBER_ERROR',
  302: 'CARD_EXPIRATION_MONTH_ERROR',
  303: 'CARD_EXPIRATION_YEAR_ERROR',
  304: 'CARD_EXPIRED',
  305: 'CARD_CVV_ERROR',
  306: 'CARD_DECLINED',
  307: 'CARD_INVALID',
  308: 'CARD_NOT_APPROVED',
  309: 'GENERAL_ERROR',
  310: 'INVALID_USER_DATA',
  311: 'TOO_MANY_CHARGE_REQUESTS',
  315: 'CONTACT_ISSUER',
  330: 'INSUFFICIENT_FUNDS',
  336: 'CREDIT_LIMIT_EXCEEDED',
  337: 'AMOUNT_LIMIT_EXCEEDED',
  356: 'THREE_DS_NOT_ENROLLED',
  358: 'THREE_DS_AUTHENTICATION_FAILED',
  359: 'THREE_DS_ISSUER_ERROR',
  500: 'INTERNAL_ERROR',
  501: 'PROCESSOR_ERROR',
  502: 'PROCESSOR_TIMEOUT',
};

export function chargeErrorMessage(code: number): string {
  return CHARGE_MESSAGES[code] ?? `PAYMENT_ERROR_${code}`;
}
