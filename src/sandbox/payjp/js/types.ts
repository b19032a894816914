/**
 * The payments.js stand-in (`payments-js.ts`) as TypeScript sees it: what `window.PayjpPayments`
 * offers in a page that loaded `<basePath>/payments.js`. Written from @payjp/payments-js 1.1.1's
 * `types/` (no import of it here: the sandbox depends on nothing); `test/types/payjp-payments-js-stand-in.ts`
 * checks these against that package with `tsc`.
 */

export type StandInLocale = 'ja' | 'en';
export type StandInPaymentMethodType = 'card' | 'paypay' | 'apple_pay';

export interface StandInAppearance {
  readonly theme: 'payjp' | 'dark';
  readonly variables?: {
    readonly colorPrimary?: string;
    readonly colorBackground?: string;
    readonly colorText?: string;
    readonly colorDanger?: string;
    readonly fontFamily?: string;
    readonly fontSizeBase?: string;
  };
}

export interface StandInWidgetsOptions {
  readonly clientSecret: string;
  readonly locale?: StandInLocale;
  readonly appearance?: StandInAppearance;
}

export interface StandInError {
  type: string;
  code: string;
  message?: string;
  validationErrors?: { field: string; message: string; error_type: string }[];
}

export interface StandInAddress {
  line1: string;
  line2: string;
  city: string;
  state: string;
  zip: string;
  country: string;
}

export interface StandInConfirmParams {
  return_url: string;
  payment_method_data?: {
    billing_details?: { name?: string; email?: string; phone?: string; address?: StandInAddress };
  };
}

export interface StandInChangeEvent {
  elementType: 'payment';
  empty: boolean;
  complete: boolean;
  value: { type: StandInPaymentMethodType | null };
}

type BillingDetailsOption = 'auto' | 'never';

export interface StandInPaymentFormOptions {
  layout?: 'tab' | 'accordion' | { type: 'tab' | 'accordion'; defaultCollapsed: boolean };
  defaultValues?: { billingDetails?: { name?: string; email?: string; phone?: string } };
  fields?: { billingDetails?: BillingDetailsOption | { name?: BillingDetailsOption; email?: BillingDetailsOption; phone?: BillingDetailsOption } };
  paymentMethodOrder?: StandInPaymentMethodType[];
}

export interface StandInPaymentForm {
  mount(selector: string | HTMLElement): void;
  unmount(): void;
  collapse(): void;
  update(options: Partial<Omit<StandInPaymentFormOptions, 'layout'>>): void;
  on(event: 'change', handler: (event: StandInChangeEvent) => void): void;
  on(event: 'ready' | 'focus' | 'blur', handler: () => void): void;
  off(event: 'change', handler: (event: StandInChangeEvent) => void): void;
  off(event: 'ready' | 'focus' | 'blur', handler: () => void): void;
}

/** A Payment Flow or Setup Flow as the API answers it (the stand-in resolves what the sandbox answered). */
export interface StandInFlow {
  id: string;
  object: 'payment_flow' | 'setup_flow';
  status: string;
  client_secret: string;
  [field: string]: unknown;
}

export interface StandInWidgets {
  createForm(type: 'payment', options?: StandInPaymentFormOptions): StandInPaymentForm;
  getForm(formType: 'payment'): StandInPaymentForm | null;
  update(options: { locale?: StandInLocale; appearance?: StandInAppearance }): void;
  fetchUpdates(): Promise<void>;
  confirmPayment(params: StandInConfirmParams): Promise<{ error: StandInError }>;
  confirmSetup(params: StandInConfirmParams): Promise<{ error: StandInError }>;
}

export interface PayjpPaymentsStandIn {
  widgets(options?: StandInWidgetsOptions): StandInWidgets;
  retrievePaymentFlow(clientSecret: string): Promise<StandInFlow>;
  retrieveSetupFlow(clientSecret: string): Promise<StandInFlow>;
  handleNextAction(options: { clientSecret: string }): Promise<void>;
}

export type PayjpPaymentsStandInConstructor = (publicKey: string, options?: { jsOrigin?: string }) => PayjpPaymentsStandIn;
