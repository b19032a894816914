/**
 * Type test (run by `npm run typecheck`, and on its own by the conformance check
 * `[payjp.types.payments-js-stand-in]` in test/node/conformance/payjp-payments-js-types.test.ts): the
 * sandbox's payments.js stand-in, as `PayjpPaymentsStandIn` describes it, against `@payjp/payments-js`.
 * Each line fails to compile when a signature drifts:
 * - every argument list payments.js's method takes is one the stand-in's declares (`Accepts`);
 * - what the stand-in resolves fits what payments.js's types resolve (`Fits`), and the other way for the
 *   confirm results (`{ error }` only) and the change event;
 * - the constructor takes payments.js's arguments.
 * Nothing here runs.
 */
import type {
  ConfirmPaymentParams,
  ConfirmSetupParams,
  PayjpPayments,
  PayjpPaymentsConstructor,
  PayjpPaymentsError,
  PayjpPaymentForm,
  PayjpPaymentFormOptions,
  PayjpWidgets,
  PayjpWidgetsOptionsClientSecret,
  PaymentFlowResult,
  SetupFlowResult,
} from '@payjp/payments-js';
import type { PayjpPaymentsStandIn, PayjpPaymentsStandInConstructor } from '../../src/sandbox/index.ts';
import type { StandInChangeEvent, StandInError, StandInPaymentForm, StandInWidgets } from '../../src/sandbox/payjp/js/types.ts';

type Fn = (...args: never[]) => unknown;
type Assert<T extends true> = T;
type Accepts<Ours extends Fn, Theirs extends Fn> = Parameters<Theirs> extends Parameters<Ours> ? true : false;
type Fits<A, B> = [A] extends [B] ? true : false;

// PayjpPayments(publicKey) and its methods.
export type ConstructorOk = Assert<Accepts<PayjpPaymentsStandInConstructor, (publicKey: string, options?: { jsOrigin?: string }) => ReturnType<PayjpPaymentsConstructor>>>;
export type WidgetsOk = Assert<Accepts<PayjpPaymentsStandIn['widgets'], PayjpPayments['widgets']>>;
export type WidgetsOptionsOk = Assert<Fits<PayjpWidgetsOptionsClientSecret, NonNullable<Parameters<PayjpPaymentsStandIn['widgets']>[0]>>>;
export type RetrievePaymentFlowOk = Assert<Accepts<PayjpPaymentsStandIn['retrievePaymentFlow'], PayjpPayments['retrievePaymentFlow']>>;
export type RetrieveSetupFlowOk = Assert<Accepts<PayjpPaymentsStandIn['retrieveSetupFlow'], PayjpPayments['retrieveSetupFlow']>>;
export type HandleNextActionOk = Assert<Accepts<PayjpPaymentsStandIn['handleNextAction'], PayjpPayments['handleNextAction']>>;
export type HandleNextActionResult = Assert<Fits<Awaited<ReturnType<PayjpPaymentsStandIn['handleNextAction']>>, Awaited<ReturnType<PayjpPayments['handleNextAction']>>>>;
export type RetrievedIdOk = Assert<Fits<Pick<Awaited<ReturnType<PayjpPayments['retrievePaymentFlow']>>, 'id' | 'client_secret' | 'status'>, Pick<Awaited<ReturnType<PayjpPaymentsStandIn['retrievePaymentFlow']>>, 'id' | 'client_secret'>>>;

// Widgets.
type CreatePayment = (type: 'payment', options?: PayjpPaymentFormOptions) => PayjpPaymentForm;
export type CreateFormOk = Assert<Accepts<StandInWidgets['createForm'], CreatePayment>>;
export type GetFormOk = Assert<Accepts<StandInWidgets['getForm'], (formType: 'payment') => PayjpPaymentForm | null>>;
export type UpdateOk = Assert<Accepts<StandInWidgets['update'], PayjpWidgets['update']>>;
export type FetchUpdatesOk = Assert<Fits<ReturnType<StandInWidgets['fetchUpdates']>, ReturnType<PayjpWidgets['fetchUpdates']>>>;
export type ConfirmPaymentOk = Assert<Accepts<StandInWidgets['confirmPayment'], (params: ConfirmPaymentParams) => Promise<PaymentFlowResult>>>;
export type ConfirmSetupOk = Assert<Accepts<StandInWidgets['confirmSetup'], (params: ConfirmSetupParams) => Promise<SetupFlowResult>>>;
export type ConfirmPaymentResult = Assert<Fits<Awaited<ReturnType<StandInWidgets['confirmPayment']>>, PaymentFlowResult>>;
export type ConfirmSetupResult = Assert<Fits<Awaited<ReturnType<StandInWidgets['confirmSetup']>>, SetupFlowResult>>;
export type ErrorOk = Assert<Fits<StandInError, PayjpPaymentsError>>;
export type ErrorKeysOk = Assert<Fits<keyof PayjpPaymentsError, keyof StandInError>>;

// The payment form.
export type MountOk = Assert<Accepts<StandInPaymentForm['mount'], PayjpPaymentForm['mount']>>;
export type UnmountOk = Assert<Accepts<StandInPaymentForm['unmount'], PayjpPaymentForm['unmount']>>;
export type CollapseOk = Assert<Accepts<StandInPaymentForm['collapse'], PayjpPaymentForm['collapse']>>;
export type FormUpdateOk = Assert<Accepts<StandInPaymentForm['update'], PayjpPaymentForm['update']>>;
type OverloadedChange<T> = T extends {
  (event: 'change', handler: (event: infer E) => void): void;
  (event: 'ready', handler: () => void): void;
  (event: 'focus', handler: () => void): void;
  (event: 'blur', handler: () => void): void;
}
  ? E
  : never;
type TheirChange = OverloadedChange<PayjpPaymentForm['on']>;
export type ChangeEventOk = Assert<Fits<StandInChangeEvent, TheirChange>>;
export type ChangeEventBackOk = Assert<Fits<TheirChange, StandInChangeEvent>>;
declare const form: StandInPaymentForm;
// The stand-in's `on` / `off` (every overload) stand where payments.js's are expected.
export const onFits: PayjpPaymentForm['on'] = form.on;
export const offFits: PayjpPaymentForm['off'] = form.off;
