import type { Locale } from '../core/locale.ts';
import type { Outcome } from '../core/outcome.ts';
import type { BrowserInfo, ClientSession, Mode, PaymentMethod, ProviderName } from '../core/protocol.ts';
import type { AmountDecision, KessaiServerEvent } from './config.ts';

/**
 * The server half of one provider, in `src/server/<provider>/`. The handler does everything generic
 * (method, origin, size, JSON, schema, the merchant's amount callback, return-URL checks, error
 * answers) and hands a provider module only validated input. A module throws `EndpointRequestError`
 * for a refusal the browser caused and `ProviderCallError` when the provider failed; anything else is a
 * bug and becomes a 500.
 */
export interface ServerProvider {
  readonly name: ProviderName;
  /** The methods this provider offers as configured, before the page's own filter. */
  readonly methods: readonly PaymentMethod[];
  /** The modes it supports; `start` with another mode is refused with 400 `unsupported`. */
  readonly modes: readonly Mode[];
  /**
   * Whether `start` takes `saveCard: true` (a payment session that also saves the card, for a card typed
   * into our own fields) as configured; without it such a `start` is refused with 400 `unsupported`.
   */
  readonly payAndSave?: boolean;
  /** Creates the provider object with the secret key and returns what the browser needs. */
  start(input: StartInput, call: ProviderCall): Promise<ClientSession>;
  /** Reads the provider object (after a return from 3-D Secure) and reports. */
  status(input: StatusInput, call: ProviderCall): Promise<Outcome>;
  /** Charges a token the browser got (UnivaPay, PaymentOptions saved cards). Absent: 400 `unsupported`. */
  complete?(input: CompleteInput, call: ProviderCall): Promise<Outcome>;
}

export interface StartInput {
  readonly mode: Mode;
  /** Already intersected with the page's filter; never empty. */
  readonly methods: readonly PaymentMethod[];
  /** Checked: http(s) and on one of the allowed origins. */
  readonly returnUrl: string;
  readonly locale: Locale | undefined;
  /** The shopper ticked "Save this card" (only with `payAndSave`, in payment mode). */
  readonly saveCard?: boolean;
  /** From the merchant's callback, never from the browser. */
  readonly amount: AmountDecision;
  readonly context: Readonly<Record<string, unknown>> | undefined;
  /** The incoming request (cookies, headers), for the merchant's callbacks (Stripe's `customer`). */
  readonly request: Request;
}

export interface StatusInput {
  readonly sessionId: string;
  readonly reference: string | undefined;
  readonly context: Readonly<Record<string, unknown>> | undefined;
  /** The incoming request (cookies, headers), for the merchant's callbacks (PaymentOptions' `onCardSaved`). */
  readonly request: Request;
}

export interface CompleteInput {
  readonly sessionId: string;
  /** The provider's token or a saved card's opaque id; absent for a new card on a hosted page. */
  readonly token: string | undefined;
  /** A new card on a hosted page: the shopper ticked "Save this card". */
  readonly saveCard: boolean;
  readonly browserInfo: BrowserInfo | undefined;
  /** The incoming request (cookies, headers), for the merchant's callbacks (saved cards). */
  readonly request: Request;
  readonly method: PaymentMethod;
  /** Checked like `start`'s (http(s), an allowed origin); where a 3-D Secure step returns, if given. */
  readonly returnUrl: string | undefined;
  readonly context: Readonly<Record<string, unknown>> | undefined;
  /** The merchant's amount for this context, for providers whose charge is created here. */
  readonly amount: () => Promise<AmountDecision>;
}

/** What a provider module gets per request: the fetch to use and the logging hook. */
export interface ProviderCall {
  readonly fetch: typeof fetch;
  readonly emit: (event: KessaiServerEvent) => void;
  /** Aborts provider calls that take too long. */
  readonly signal: AbortSignal;
}

/** A refusal the browser caused: answered with `status` and this code and message. */
export class EndpointRequestError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409 | 422,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'EndpointRequestError';
  }
}

export type ProviderFailure = 'unreachable' | 'timeout' | 'http_error' | 'unexpected_response';

/**
 * The provider failed or answered something unusable: answered 502. The message is safe to show (no
 * secret, no provider body); `httpStatus` and `providerCode` go to `onEvent` for the merchant's logs.
 */
export class ProviderCallError extends Error {
  constructor(
    readonly provider: ProviderName,
    readonly failure: ProviderFailure,
    message: string,
    readonly httpStatus?: number,
    readonly providerCode?: string,
  ) {
    super(message);
    this.name = 'ProviderCallError';
  }
}
