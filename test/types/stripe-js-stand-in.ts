/**
 * Type test (run by `npm run typecheck`, and on its own by the conformance check
 * `[stripe.types.stripe-js-stand-in]` in test/node/conformance/stripe-js-types.test.ts): the sandbox's
 * Stripe.js stand-in, as `StripeJsStandIn`
 * describes it, against `@stripe/stripe-js`. Each line fails to compile when a signature drifts:
 * - every argument list Stripe.js's method takes is one the stand-in's declares (`Accepts`);
 * - what the stand-in resolves is what Stripe.js's types resolve: the same result keys, and its
 *   intent, error and change-event fields assignable to Stripe.js's (`Returns`, `Fits`);
 * - the factory takes Stripe.js's constructor arguments.
 * Nothing here runs.
 */
import type {
  PaymentIntent,
  SetupIntent,
  Stripe as StripeJs,
  StripeCardNumberElement,
  StripeCardNumberElementChangeEvent,
  StripeCardNumberElementOptions,
  StripeCardExpiryElementChangeEvent,
  StripeCardCvcElementChangeEvent,
  StripeConstructor,
  StripeError,
} from '@stripe/stripe-js';
import type { StripeJsStandIn, StripeJsStandInConstructor } from '../../src/sandbox/index.ts';
import type {
  StandInChangeEvent,
  StandInElement,
  StandInElementOptions,
  StandInElements,
  StandInPaymentIntent,
  StandInSetupIntent,
  StandInStripeError,
} from '../../src/sandbox/stripe/js/types.ts';

type Fn = (...args: never[]) => unknown;
type Assert<T extends true> = T;
/** Every argument list of `Theirs` is one `Ours` takes. */
type Accepts<Ours extends Fn, Theirs extends Fn> = Parameters<Theirs> extends Parameters<Ours> ? true : false;
/** `A` fits where `B` is expected. */
type Fits<A, B> = [A] extends [B] ? true : false;
/** Both resolve to unions with the same keys (`paymentIntent` / `setupIntent` / `error`). */
type KeysOf<T> = T extends unknown ? keyof T : never;
type Returns<Ours extends Fn, Theirs extends Fn> = Fits<KeysOf<Awaited<ReturnType<Ours>>>, KeysOf<Awaited<ReturnType<Theirs>>>> extends true
  ? Fits<KeysOf<Awaited<ReturnType<Theirs>>>, KeysOf<Awaited<ReturnType<Ours>>>>
  : false;

type Methods = 'confirmCardPayment' | 'confirmCardSetup' | 'confirmKonbiniPayment' | 'retrievePaymentIntent' | 'retrieveSetupIntent';
type MethodChecks = { [M in Methods]: [Accepts<StripeJsStandIn[M], StripeJs[M]>, Returns<StripeJsStandIn[M], StripeJs[M]>] };
export type MethodsOk = Assert<MethodChecks[Methods] extends [true, true] ? true : false>;

type HandleNextActionTheirs = (options: { clientSecret: string }) => ReturnType<StripeJs['handleNextAction']>;
export type HandleNextActionOk = Assert<Accepts<StripeJsStandIn['handleNextAction'], HandleNextActionTheirs>>;
export type HandleNextActionResult = Assert<Returns<StripeJsStandIn['handleNextAction'], HandleNextActionTheirs>>;

// What the stand-in resolves fits Stripe.js's objects, field for field.
type PiFields = keyof StandInPaymentIntent;
type SiFields = keyof StandInSetupIntent;
export type IntentFieldsOk = Assert<Fits<StandInPaymentIntent, Pick<PaymentIntent, PiFields>>>;
export type SetupFieldsOk = Assert<Fits<StandInSetupIntent, Pick<SetupIntent, SiFields>>>;
export type ErrorFieldsOk = Assert<Fits<StandInStripeError, Pick<StripeError, keyof StandInStripeError>>>;

// The factory: Stripe(publishableKey, options?).
export type FactoryOk = Assert<Fits<[string], Parameters<StripeJsStandInConstructor>>>;
export type FactoryOptionsOk = Assert<Fits<Pick<NonNullable<Parameters<StripeConstructor>[1]>, 'locale' | 'stripeAccount' | 'apiVersion'>, NonNullable<Parameters<StripeJsStandInConstructor>[1]>>>;

// Elements: create's options, the element's methods and its change events.
export type CreateOptionsOk = Assert<Fits<Pick<StripeCardNumberElementOptions, 'style' | 'placeholder' | 'showIcon' | 'disabled'>, StandInElementOptions>>;
export type MountOk = Assert<Accepts<StandInElement['mount'], StripeCardNumberElement['mount']>>;
export type BaseMethodsOk = Assert<Fits<Pick<StandInElement, 'unmount' | 'destroy' | 'focus' | 'blur' | 'clear'>, Pick<StripeCardNumberElement, 'unmount' | 'destroy' | 'focus' | 'blur' | 'clear'>>>;
export type NumberEventOk = Assert<Fits<StandInChangeEvent<'cardNumber'>, Pick<StripeCardNumberElementChangeEvent, 'elementType' | 'empty' | 'complete' | 'error' | 'brand'>>>;
export type ExpiryEventOk = Assert<Fits<Omit<StandInChangeEvent<'cardExpiry'>, 'brand'>, Pick<StripeCardExpiryElementChangeEvent, 'elementType' | 'empty' | 'complete' | 'error'>>>;
export type CvcEventOk = Assert<Fits<Omit<StandInChangeEvent<'cardCvc'>, 'brand'>, Pick<StripeCardCvcElementChangeEvent, 'elementType' | 'empty' | 'complete' | 'error'>>>;
export type GetElementOk = Assert<Fits<ReturnType<StandInElements['getElement']>, StandInElement | null>>;
// Each method on its own, so that a failure names it.
export type D1 = Assert<Accepts<StripeJsStandIn['confirmCardPayment'], StripeJs['confirmCardPayment']>>;
export type D2 = Assert<Accepts<StripeJsStandIn['confirmCardSetup'], StripeJs['confirmCardSetup']>>;
export type D3 = Assert<Accepts<StripeJsStandIn['confirmKonbiniPayment'], StripeJs['confirmKonbiniPayment']>>;
export type D4 = Assert<Returns<StripeJsStandIn['confirmCardPayment'], StripeJs['confirmCardPayment']>>;
export type D5 = Assert<Returns<StripeJsStandIn['retrieveSetupIntent'], StripeJs['retrieveSetupIntent']>>;
export type D6 = Assert<Accepts<StripeJsStandIn['retrievePaymentIntent'], StripeJs['retrievePaymentIntent']>>;
