import type { ProviderName } from '../core/protocol.ts';
import type { KessaiWebhookEvent } from './webhook-event.ts';

/** The result of checking a delivery's credentials. Neither failure says more than which one. */
export type WebhookAuthentication = 'ok' | 'missing' | 'invalid';

/**
 * What a provider's delivery is, once authenticated and parsed:
 * - `event`: a payment notification for `onEvent` (not yet checked against the event schema);
 * - `ignored`: a delivery that is answered 200 and not passed on (`ping`, events not about a
 *   payment's status, a status this version does not know);
 * - `invalid`: not the provider's shape, answered 400. `message` names at most a field, never a value.
 */
export type WebhookInterpretation =
  | {
      readonly kind: 'event';
      readonly event: KessaiWebhookEvent;
      readonly providerStatus: string;
      /**
       * What the provider's module keeps of this delivery before the merchant hears of it (PaymentOptions:
       * the transaction, by the merchant's reference, for the endpoint's `status`). A failure answers 500.
       */
      readonly record?: () => Promise<void>;
    }
  | {
      readonly kind: 'ignored';
      readonly reason: 'ping' | 'unhandled_event' | 'unknown_status';
      readonly eventType: string;
      readonly deliveryId?: string;
      readonly providerStatus?: string;
    }
  | { readonly kind: 'invalid'; readonly message: string };

/**
 * The webhook half of one provider, in `src/server/<provider>/webhook.ts`. The handler
 * (`webhook-handler.ts`) does everything generic: method, size limit, the order of the checks, JSON,
 * deduplication, the callback, answers and logs.
 */
export interface WebhookProvider {
  readonly name: ProviderName;
  /** What a 401 names as missing or wrong, never its value: `X-Komoju-Signature`. */
  readonly credential: string;
  /**
   * Whether the credential covers the body (a signature): then the body is read first and
   * `authenticate` gets its exact bytes. Otherwise the credential is checked before the body is read.
   */
  readonly signsBody: boolean;
  /** Checks the delivery's credentials, in constant time. Never throws for a bad credential. */
  authenticate(headers: Headers, body: Uint8Array<ArrayBuffer>): Promise<WebhookAuthentication>;
  /** The parsed JSON body (any JSON value) and the headers → what the delivery is. */
  interpret(json: unknown, headers: Headers): WebhookInterpretation;
}
