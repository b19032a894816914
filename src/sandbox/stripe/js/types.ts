/**
 * The Stripe.js stand-in's surface (`stripe-js.ts`) as TypeScript: what `window.Stripe` of the sandbox
 * takes and gives. Hand-written from the stand-in (the sandbox imports no package but zod);
 * `test/types/stripe-js-stand-in.ts` checks it against `@stripe/stripe-js` with `tsc`, so that a
 * signature that drifts from Stripe.js's fails `npm run typecheck`.
 */

export type StandInElementType = 'cardNumber' | 'cardExpiry' | 'cardCvc';

export interface StandInCssProperties {
  backgroundColor?: string;
  color?: string;
  fontFamily?: string;
  fontSize?: string;
  fontSmoothing?: string;
  fontStyle?: string;
  fontVariant?: string;
  fontWeight?: string | number;
  iconColor?: string;
  lineHeight?: string;
  letterSpacing?: string;
  textAlign?: string;
  padding?: string;
  textDecoration?: string;
  textShadow?: string;
  textTransform?: string;
}

export interface StandInStyleVariant extends StandInCssProperties {
  ':hover'?: StandInCssProperties;
  ':focus'?: StandInCssProperties;
  '::placeholder'?: StandInCssProperties;
}

/** `style: { base, complete, empty, invalid }` of the card Elements. */
export interface StandInElementStyle {
  base?: StandInStyleVariant;
  complete?: StandInStyleVariant;
  empty?: StandInStyleVariant;
  invalid?: StandInStyleVariant;
}

export interface StandInElementOptions {
  style?: StandInElementStyle;
  placeholder?: string;
  showIcon?: boolean;
  disabled?: boolean;
}

export type StandInBrand = 'visa' | 'mastercard' | 'amex' | 'jcb' | 'diners' | 'discover' | 'unionpay' | 'unknown';

export interface StandInValidationError {
  type: 'validation_error';
  code: string;
  message: string;
}

export interface StandInChangeEvent<T extends StandInElementType = StandInElementType> {
  elementType: T;
  empty: boolean;
  complete: boolean;
  error: undefined | StandInValidationError;
  /** `cardNumber` only. */
  brand: T extends 'cardNumber' ? StandInBrand : undefined;
}

export interface StandInElement<T extends StandInElementType = StandInElementType> {
  mount(domElement: string | HTMLElement): void;
  unmount(): void;
  destroy(): void;
  focus(): void;
  blur(): void;
  clear(): void;
  update(options: Partial<StandInElementOptions>): void;
  on(eventType: 'change', handler: (event: StandInChangeEvent<T>) => unknown): StandInElement<T>;
  on(eventType: 'ready' | 'focus' | 'blur' | 'escape', handler: (event: { elementType: T }) => unknown): StandInElement<T>;
  once(eventType: 'change', handler: (event: StandInChangeEvent<T>) => unknown): StandInElement<T>;
  once(eventType: 'ready' | 'focus' | 'blur' | 'escape', handler: (event: { elementType: T }) => unknown): StandInElement<T>;
  off(eventType: 'change' | 'ready' | 'focus' | 'blur' | 'escape', handler?: (event: never) => unknown): StandInElement<T>;
}

export interface StandInElements {
  create<T extends StandInElementType>(elementType: T, options?: StandInElementOptions): StandInElement<T>;
  getElement<T extends StandInElementType>(elementType: T): StandInElement<T> | null;
}

export interface StandInBillingDetails {
  name?: string | null;
  email?: string | null;
  phone?: string | null;
  address?: { city?: string | null; country?: string | null; line1?: string | null; line2?: string | null; postal_code?: string | null; state?: string | null };
}

/** An API error as Stripe.js resolves it (`StripeError`). */
export interface StandInStripeError {
  type: 'api_connection_error' | 'api_error' | 'authentication_error' | 'card_error' | 'idempotency_error' | 'invalid_request_error' | 'rate_limit_error' | 'validation_error';
  code?: string;
  decline_code?: string;
  message?: string;
  param?: string;
  doc_url?: string;
}

/** The fields of an intent the stand-in's callers read. */
export interface StandInIntent<O extends 'payment_intent' | 'setup_intent', S extends string> {
  id: string;
  object: O;
  client_secret: string | null;
  status: S;
  payment_method: string | null;
  livemode: boolean;
  created: number;
}

export type StandInPaymentIntent = StandInIntent<
  'payment_intent',
  'requires_payment_method' | 'requires_confirmation' | 'requires_action' | 'processing' | 'requires_capture' | 'canceled' | 'succeeded'
> & { amount: number; currency: string };
export type StandInSetupIntent = StandInIntent<
  'setup_intent',
  'requires_payment_method' | 'requires_confirmation' | 'requires_action' | 'processing' | 'canceled' | 'succeeded'
>;

export type StandInPaymentIntentResult =
  | { paymentIntent: StandInPaymentIntent; error?: undefined }
  | { paymentIntent?: undefined; error: StandInStripeError };
export type StandInSetupIntentResult =
  | { setupIntent: StandInSetupIntent; error?: undefined }
  | { setupIntent?: undefined; error: StandInStripeError };

/** `payment_method`: an id, or `{ card: <cardNumber Element>, billing_details? }` (any other object is refused). */
export interface StandInConfirmCardData {
  payment_method?: string | { card: object; billing_details?: StandInBillingDetails };
  return_url?: string;
  setup_future_usage?: 'off_session' | 'on_session' | null;
  receipt_email?: string;
}

export interface StandInConfirmKonbiniData {
  payment_method?: string | { billing_details: StandInBillingDetails };
  payment_method_options?: { konbini?: { confirmation_number?: string } };
  return_url?: string;
}

export interface StandInConfirmOptions {
  handleActions?: boolean;
}

/** What `Stripe(publishableKey)` of the sandbox gives. */
export interface StripeJsStandIn {
  elements(options?: { locale?: string }): StandInElements;
  confirmCardPayment(clientSecret: string, data?: StandInConfirmCardData, options?: StandInConfirmOptions): Promise<StandInPaymentIntentResult>;
  confirmCardSetup(clientSecret: string, data?: Omit<StandInConfirmCardData, 'setup_future_usage' | 'receipt_email'>, options?: StandInConfirmOptions): Promise<StandInSetupIntentResult>;
  confirmKonbiniPayment(clientSecret: string, data?: StandInConfirmKonbiniData, options?: StandInConfirmOptions): Promise<StandInPaymentIntentResult>;
  retrievePaymentIntent(clientSecret: string): Promise<StandInPaymentIntentResult>;
  retrieveSetupIntent(clientSecret: string): Promise<StandInSetupIntentResult>;
  handleNextAction(options: { clientSecret: string }): Promise<
    | { paymentIntent: StandInPaymentIntent; setupIntent?: undefined; error?: undefined }
    | { paymentIntent?: undefined; setupIntent: StandInSetupIntent; error?: undefined }
    | { paymentIntent?: undefined; setupIntent?: undefined; error: StandInStripeError }
  >;
}

export type StripeJsStandInConstructor = (publishableKey: string, options?: { locale?: string; stripeAccount?: string; apiVersion?: string }) => StripeJsStandIn;
