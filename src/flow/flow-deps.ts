import type { PaymentError } from '../core/errors.ts';
import type { Locale } from '../core/locale.ts';
import type { NextAction } from '../core/outcome.ts';
import type { ClientSession, Mode, PaymentMethod, ProviderName } from '../core/protocol.ts';
import type { Slip } from '../core/slip.ts';
import type { ProviderAdapter } from '../providers/adapter.ts';
import { loadAdapter, manifestOf } from '../providers/registry.ts';
import type { ProviderManifest } from '../providers/provider-manifest.ts';
import { browserChallengeFrame, type ChallengeFrame } from './challenge-frame.ts';
import type { FlowState } from './state.ts';
import { navigate as realNavigate, type Navigate } from './navigate.ts';
import { defaultAttemptStorage, type AttemptStorage } from './pending-attempt.ts';

/**
 * What the checkout flow reads from its element, tells it, and uses of the world: the element's
 * configuration (live), the hooks that become `kessai-*` events, and the dependencies tests replace.
 */

type SucceededState = Extract<FlowState, { status: 'succeeded' }>;

/** What the checkout reads from its element, live, whenever a run starts. */
export interface CheckoutConfig {
  /** The `endpoint` attribute (may be relative). Empty or missing: a configuration error is shown. */
  endpoint(): string | null | undefined;
  mode(): Mode;
  /** The `methods` filter, or undefined for "whatever the session allows". */
  methods(): readonly PaymentMethod[] | undefined;
  locale(): Locale;
  /** The `context` property, posted with every request. */
  context(): Readonly<Record<string, unknown>> | undefined;
  /** How 3-D Secure is shown: `redirect` (the default) or `iframe` (needs the `challenge` hook). */
  challenge?(): 'redirect' | 'iframe';
  /**
   * Whether a provider's own card form can be mounted: its nodes must be in the page's light DOM, which
   * a shadow root above the checkout makes impossible. Default true.
   */
  canHostCardSurface?(): boolean;
}

/** Where the flow tells its element what happened; each becomes one `kessai-*` event. */
export interface CheckoutHooks {
  ready(session: ClientSession): void;
  submitted(method: PaymentMethod): void;
  /**
   * The shopper is about to be sent to `url`. Return false to stop the flow's own navigation (the page
   * called `preventDefault()` on `kessai-redirect`; the attempt stays pending for the return).
   */
  redirect(detail: { readonly url: string; readonly method: 'get' | 'post' }): boolean;
  /**
   * Shows the challenge in a frame over the page (`challenge="iframe"`). Resolves with the query
   * string the provider sent the frame back with, or null when the shopper canceled.
   */
  challenge?(action: NextAction, signal: AbortSignal): Promise<string | null>;
  succeeded(state: SucceededState): void;
  pending(slip: Slip): void;
  /** A failure, with its message already in the shopper's language. */
  failed(error: PaymentError, message: string): void;
  canceled(): void;
}

/** The page's address, read and rewritten (tests pass their own). */
export interface PageLocation {
  href(): string;
  /** `history.replaceState` to `url` (same document, no navigation). */
  replace(url: string): void;
}

export interface CheckoutDeps {
  /** The browser code of a provider (its own chunk); undefined for a provider the browser lacks. */
  readonly loadAdapter: (provider: ProviderName) => Promise<ProviderAdapter | undefined>;
  /** What is known of a provider before its code loads (return parameters). */
  readonly manifestOf: (provider: ProviderName) => ProviderManifest | undefined;
  readonly fetch?: typeof fetch;
  readonly navigate: Navigate;
  readonly storage: AttemptStorage | undefined;
  readonly page: PageLocation;
  readonly now: () => number;
  readonly randomUUID: () => string;
  /** Waits between `status` checks while a payment is `processing`. */
  readonly pollDelaysMs: readonly number[];
  readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Whether this page is the return of a framed challenge, and how it tells the checkout above. */
  readonly frame: ChallengeFrame;
  /** Where `pageshow` is heard (the window; tests pass their own target). */
  readonly pageEvents: Pick<EventTarget, 'addEventListener' | 'removeEventListener'> | undefined;
}

const browserPage: PageLocation = {
  href: () => globalThis.location.href,
  replace: (url) => globalThis.history.replaceState(globalThis.history.state, '', url),
};

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}

export function defaultCheckoutDeps(): CheckoutDeps {
  return {
    loadAdapter,
    manifestOf,
    navigate: realNavigate,
    storage: defaultAttemptStorage(),
    page: browserPage,
    now: () => Date.now(),
    randomUUID: () => globalThis.crypto.randomUUID(),
    pollDelaysMs: [2000, 3000, 5000, 10000],
    sleep: abortableSleep,
    frame: browserChallengeFrame,
    pageEvents: typeof globalThis.addEventListener === 'function' ? globalThis : undefined,
  };
}
