import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CheckoutController, CheckoutDeps } from '../../flow/checkout-controller.ts';
import {
  earlyStartEnabled,
  fetchWithEarlyStart,
  sendEarlyStart,
  type EarlyStart,
  type EarlyStartInput,
} from '../../flow/early-start.ts';
import type { FlowModule } from './load-flow.ts';

/** The page's `fetch` as it is when called (tests and pages may replace it after this module loads). */
const pageFetch: typeof fetch = (input, init) => globalThis.fetch(input, init);

export interface FlowLoaderOptions {
  /** Loads the flow's chunk (the checkout's `loadFlowModule`, which tests replace). */
  load(): Promise<FlowModule>;
  /** Makes the flow's controller once the chunk is there. */
  create(module: FlowModule, deps: Partial<CheckoutDeps>): CheckoutController;
  /** What the early start asks for, read when it is sent. */
  earlyStart(): Omit<EarlyStartInput, 'pageHref'>;
  /** The chunk could not be loaded. */
  failed(): void;
}

/**
 * Loads the payment flow of a checkout (a chunk of its own in the script-tag build) as soon as the
 * element is created, and, meanwhile, asks the endpoint for the session (the early start: script tag
 * only, once the page's own scripts have run, so a `context` they set is in it). A chunk that fails to
 * load is told to the shopper; `retry` loads it again.
 */
export class FlowLoader implements ReactiveController {
  /** Set once the flow's chunk has loaded. */
  flow: CheckoutController | undefined;
  results: FlowModule['results'] | undefined;
  /** The flow's chunk could not be loaded (offline, a missing file). */
  failed = false;
  private _early: EarlyStart | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: FlowLoaderOptions,
  ) {
    host.addController(this);
  }

  /** Loads the chunk and makes the controller, which starts the session once connected. */
  load(): void {
    this.failed = false;
    this.options.load().then(
      (module) => {
        if (this.flow !== undefined) return;
        this.results = module.results;
        this.flow = this.options.create(module, { fetch: fetchWithEarlyStart(this._early, pageFetch) });
        this.host.requestUpdate();
      },
      () => {
        this.failed = true;
        this.host.requestUpdate();
        this.options.failed();
      },
    );
  }

  hostConnected(): void {
    // Enabled by the script-tag entry after its elements are defined (and so connected): ask later.
    if (this.flow === undefined) this._afterPageScripts(() => this._sendEarlyStart());
  }

  /** Once the page's own scripts have run (they may set `context` or attributes): parsing done, one more task. */
  private _afterPageScripts(run: () => void): void {
    const later = (): void => void setTimeout(run);
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', later, { once: true });
    else later();
  }

  private _sendEarlyStart(): void {
    if (!earlyStartEnabled() || this.flow !== undefined || this._early !== undefined || !this.host.isConnected) return;
    this._early = sendEarlyStart({ ...this.options.earlyStart(), pageHref: globalThis.location.href }, pageFetch);
  }
}
