import type { FailureReason } from '../../src/core/errors.ts';
import type { CardDetails, KonbiniDetails } from '../../src/core/payment-input.ts';
import type { ProviderName } from '../../src/core/protocol.ts';
import type { Sandbox, SandboxOptions } from '../../src/sandbox/index.ts';
import type { KessaiHandlerConfig } from '../../src/server/index.ts';

/**
 * What the contract suite (`contract.test.ts`) needs of one provider to run every contract against
 * it: how the merchant's handler is set up on the sandbox, the test cards, and how to count what the
 * provider charged. A new provider gets the whole suite by adding its kit to `kits/` (found by name).
 */
export interface ProviderKit {
  readonly provider: ProviderName;
  readonly sandbox?: SandboxOptions;
  /**
   * The provider part of the handler's configuration against `sandbox`, its API reached on `apiOrigin`
   * (`fetch`, `allowedOrigins` and `amount` are the suite's). Cards are taken in our own inputs here
   * unless the kit has a `providerScript` (node has no provider iframe; the real forms are tested in
   * Chromium).
   */
  handlerConfig(sandbox: Sandbox, apiOrigin: string, pageOrigin: string): Promise<KessaiHandlerConfigPart>;
  readonly cards: {
    readonly success: string;
    /** Asks for a 3-D Secure challenge that the sandbox's buttons pass or fail. */
    readonly challenge: string;
    readonly decline: string;
  };
  /** Why the decline card fails, in our words. */
  readonly declineReason: FailureReason;
  /** Konbini details the provider takes, when it offers konbini. */
  readonly konbini?: KonbiniDetails;
  /** What the provider charged or holds for the shopper (payments, charges) in any state but failed. */
  charged(sandbox: Sandbox): number;
  /**
   * For a provider that takes cards only in its own form (Stripe): its browser script as a node double
   * that does over HTTP what the script does in the page, so that the adapter runs unchanged; the suite
   * mounts the adapter's card surface and the shopper's card is typed into the double.
   */
  providerScript?(browserFetch: typeof fetch): ProviderScriptDouble;
  /** A provider whose new cards go on its hosted page: how a shopper's browser fills it in. */
  hostedPage?(sandbox: Sandbox, browserFetch: typeof fetch): HostedPageDouble;
}

export interface ProviderScriptDouble {
  /** What the shopper types into the provider's card form. */
  fill(card: CardDetails): void;
  /**
   * For a script that navigates the page itself (PAY.JP's payments.js): resolves with the URL it sends
   * the page to, for the suite to follow as a shopper's browser would.
   */
  navigation?(): Promise<string>;
}

/**
 * For a provider that takes new cards on its own hosted page (PaymentOptions): the shopper's browser on
 * that page. `fill` loads the page at `url`, types the card, presses Pay, and answers where the page sent
 * the shopper (the bank's page, or back to the shop).
 */
export interface HostedPageDouble {
  fill(url: string, card: CardDetails): Promise<string>;
  /** Waits until the provider has told the merchant's server what happened (its webhooks). */
  settled(): Promise<void>;
}

/** The handler configuration without what the suite sets (per provider: the config is a union). */
export type KessaiHandlerConfigPart = KessaiHandlerConfig extends infer C
  ? C extends unknown
    ? Omit<C, 'fetch' | 'allowedOrigins' | 'amount'>
    : never
  : never;
