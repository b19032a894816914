/**
 * Kessai Elements, the browser entry: of the npm build (`import 'kessai-elements'`) and of the
 * `<script>` bundle (`kessai.js`). Importing it registers every element (once, however often it is
 * loaded) and exports their classes, the event classes and the public types.
 */
import './elements/card-fields/card-fields.ts';
import './elements/konbini-fields/konbini-fields.ts';
import './elements/konbini-slip/konbini-slip.ts';
import './elements/challenge/challenge.ts';
import './elements/checkout/checkout.ts';

export { KessaiCheckout, formatAmount } from './elements/checkout/checkout.ts';
export { KessaiCardFields } from './elements/card-fields/card-fields.ts';
export type { CardField } from './elements/card-fields/card-fields.ts';
export { KessaiKonbiniFields } from './elements/konbini-fields/konbini-fields.ts';
export { KessaiKonbiniSlip } from './elements/konbini-slip/konbini-slip.ts';
export { KessaiChallenge } from './elements/challenge/challenge.ts';

export {
  KessaiChangeEvent,
  KessaiErrorEvent,
  KessaiPendingEvent,
  KessaiReadyEvent,
  KessaiRedirectEvent,
  KessaiSubmitEvent,
  KessaiSuccessEvent,
} from './elements/shared/events.ts';
export type {
  ChangeDetail,
  ErrorDetail,
  PendingDetail,
  ReadyDetail,
  RedirectDetail,
  SubmitDetail,
  SuccessDetail,
} from './elements/shared/events.ts';

export { resolveLocale, LOCALES } from './core/locale.ts';
export type { Locale } from './core/locale.ts';
export { KONBINI_STORES, KONBINI_STORE_NAMES } from './core/konbini-stores.ts';
export type { KonbiniStore } from './core/konbini-stores.ts';
export { ERROR_CODES, FAILURE_REASONS } from './core/errors.ts';
export type { ErrorCode, FailureReason, PaymentError } from './core/errors.ts';
export type { Slip } from './core/slip.ts';
export type { NextAction, Outcome, OutcomeStatus } from './core/outcome.ts';
export type { CardDetails, KonbiniDetails, PaymentInput } from './core/payment-input.ts';
export type { ClientSession, Mode, PaymentMethod, ProviderName } from './core/protocol.ts';
export type { FlowState, FlowStatus } from './flow/state.ts';
