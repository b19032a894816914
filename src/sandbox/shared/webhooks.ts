import type { OptionFailure } from './options.ts';

/**
 * Webhook delivery, shared by the emulators: each provider decides which state changes become which
 * events and what a request looks like (`../komoju/webhooks.ts`, `../univapay/webhooks.ts`; what the
 * providers document is in docs/providers.md, sections "KOMOJU" and "UnivaPay", "Webhooks"); this
 * module sends them. A delivery is one event for one webhook: one body, one delivery id, tried until
 * an answer 2xx or until its retry policy gives up. Deliveries never hold up the API call that caused
 * them, and each webhook gets its deliveries one after the other, in the order the events happened.
 * Time goes through the injected clock and timers, so tests can run hours of retries at once.
 */

/** The `fetch` deliveries are sent with (a server in the same process can answer them in-process). */
export type WebhookFetch = (input: string, init: RequestInit) => Promise<Response>;

/** The timers deliveries wait with (retries, timeouts, deadlines): the global ones unless injected. */
export interface WebhookTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The global timers, looked up at each call (so that a test's mocked globals are used). */
export const GLOBAL_TIMERS: WebhookTimers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as Parameters<typeof clearTimeout>[0]),
};

/** The global `fetch`, looked up at each call. */
export const globalFetch: WebhookFetch = (input, init) => globalThis.fetch(input, init);

/** What one try of a delivery got: an answer, no answer in time, or a failure to connect. */
export type WebhookAttemptResult =
  | { readonly kind: 'answer'; readonly status: number }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'network'; readonly message: string };

/** When a delivery is tried again. A 2xx answer always ends it. */
export interface WebhookRetryPolicy {
  /** Waits before the second, third… try, in milliseconds: at most `delaysMs.length + 1` tries. */
  readonly delaysMs: readonly number[];
  /** A try not answered within this many milliseconds fails as `timeout` (its request is aborted). */
  readonly timeoutMs: number;
  /** Whether a failed try (an answer other than 2xx, a timeout, a network failure) is tried again. */
  readonly retry: (result: WebhookAttemptResult) => boolean;
  /**
   * Whether giving up on a delivery disables its webhook: its other deliveries are given up too and
   * no event reaches it until it is enabled again.
   */
  readonly disableOnGiveUp: boolean;
}

/** A retry policy's settings; each one left out keeps the provider's default. */
export type WebhookRetryOptions = Partial<WebhookRetryPolicy>;

/** The provider's retry policy with the settings given, refused at startup when they could not work. */
export function resolveRetryPolicy(
  options: WebhookRetryOptions | undefined,
  defaults: WebhookRetryPolicy,
  fail: OptionFailure,
): WebhookRetryPolicy {
  const policy = { ...defaults, ...options };
  if (!policy.delaysMs.every((ms) => Number.isFinite(ms) && ms >= 0) || policy.delaysMs.length > 100) {
    fail('webhookRetry.delaysMs must be at most 100 delays of 0 ms or more.');
  }
  if (!Number.isFinite(policy.timeoutMs) || policy.timeoutMs <= 0) fail('webhookRetry.timeoutMs must be more than 0.');
  if (typeof policy.retry !== 'function') fail('webhookRetry.retry must be a function.');
  return { ...policy, delaysMs: [...policy.delaysMs] };
}

/** The webhook settings every emulator takes; each documents its own defaults. */
export interface WebhookOptions<Config> {
  readonly webhooks?: readonly Config[];
  readonly webhookFetch?: WebhookFetch;
  readonly webhookTimers?: WebhookTimers;
  readonly webhookRetry?: WebhookRetryOptions;
}

/** Those settings with every default filled in. */
export interface ResolvedWebhookOptions<Config> {
  readonly webhooks: readonly Config[];
  readonly webhookFetch: WebhookFetch;
  readonly webhookTimers: WebhookTimers;
  readonly webhookRetry: WebhookRetryPolicy;
}

/** An emulator's webhook settings: each webhook checked, the global `fetch` and timers unless given. */
export function resolveWebhookOptions<Config>(
  options: WebhookOptions<Config>,
  check: (webhook: Config) => Config,
  retryDefaults: WebhookRetryPolicy,
  fail: OptionFailure,
): ResolvedWebhookOptions<Config> {
  return {
    webhooks: (options.webhooks ?? []).map(check),
    webhookFetch: options.webhookFetch ?? globalFetch,
    webhookTimers: options.webhookTimers ?? GLOBAL_TIMERS,
    webhookRetry: resolveRetryPolicy(options.webhookRetry, retryDefaults, fail),
  };
}

/** A webhook URL: http or https, else the emulator's option error. */
export function checkWebhookUrl(url: unknown, fail: OptionFailure): string {
  if (typeof url === 'string') {
    try {
      const parsed = new URL(url);
      if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return url;
    } catch {
      // refused below
    }
  }
  return fail(`webhook url ${JSON.stringify(url)} must be an http or https URL.`);
}

/** One try of a delivery, for `inspect.deliveries()`. */
export interface WebhookAttempt {
  /** When it was sent, by the emulator's clock. */
  readonly at: string;
  /** The answer's HTTP status; null when there was none. */
  readonly status: number | null;
  /** `timeout` (no answer within the policy's `timeoutMs`) or `network` (no connection); null with an answer. */
  readonly error: 'timeout' | 'network' | null;
  /** The network failure's message. */
  readonly message: string | null;
}

/**
 * Why a delivery was given up: its policy does not retry that failure (`not_retried`), its last try
 * failed (`attempts_exhausted`), its webhook was disabled by another delivery's failure
 * (`webhook_disabled`) or removed (`webhook_removed`).
 */
export type WebhookGiveUpReason = 'not_retried' | 'attempts_exhausted' | 'webhook_disabled' | 'webhook_removed';

/** One event sent to one webhook, as tests read it. */
export interface WebhookDelivery {
  /** The delivery id (KOMOJU's `X-Komoju-ID`, UnivaPay's payload `id`): the same on every try. */
  readonly id: string;
  readonly webhookId: string;
  readonly url: string;
  /** The event type (`payment.captured`, `charge_finished`…). */
  readonly event: string;
  /** The payment or charge it is about; null for KOMOJU's `ping`. */
  readonly resourceId: string | null;
  /** When the event happened, by the emulator's clock. */
  readonly createdAt: string;
  /** The request headers, the same on every try (empty until the first try is being made). */
  readonly headers: Readonly<Record<string, string>>;
  /** The request body, byte for byte the same on every try. */
  readonly body: string;
  readonly attempts: readonly WebhookAttempt[];
  /** `pending` (queued, being sent or waiting to retry), `delivered` (answered 2xx) or `given_up`. */
  readonly status: 'pending' | 'delivered' | 'given_up';
  readonly givenUpReason: WebhookGiveUpReason | null;
  /** When the next try is due, while it waits to retry. */
  readonly nextAttemptAt: string | null;
}

export interface WebhookDeliveryFilter {
  readonly event?: string;
  readonly url?: string;
  readonly webhookId?: string;
  readonly resourceId?: string;
  readonly status?: WebhookDelivery['status'];
}

/** A delivery the provider made: what is sent, the same on every try. */
export interface DeliveryDraft {
  readonly id: string;
  readonly event: string;
  readonly resourceId: string | null;
  readonly body: string;
  /** The request headers, made once before the first try (KOMOJU's signature is asynchronous). */
  readonly headers: () => Promise<Record<string, string>>;
}

/** A webhook as the emulator holds it: its settings (`url`, the provider's secret or token…). */
export interface WebhookEndpoint<Config> {
  readonly id: string;
  readonly config: Config;
  /** False once disabled (UnivaPay stops a webhook it gave up on) until `enable`. */
  readonly active: boolean;
}

interface MutableEndpoint<Config> extends WebhookEndpoint<Config> {
  active: boolean;
  /** The end of its queue: a delivery starts when the previous one is delivered or given up. */
  tail: Promise<void>;
}

interface DeliveryRecord {
  readonly id: string;
  readonly webhookId: string;
  readonly url: string;
  readonly event: string;
  readonly resourceId: string | null;
  readonly createdAt: Date;
  readonly body: string;
  readonly makeHeaders: () => Promise<Record<string, string>>;
  headers: Record<string, string> | null;
  readonly attempts: WebhookAttempt[];
  status: WebhookDelivery['status'];
  givenUpReason: WebhookGiveUpReason | null;
  nextAttemptAt: Date | null;
  /** Ends a wait for a retry at once (the delivery was cancelled). */
  wake: (() => void) | null;
  /** Aborts the try under way. */
  abort: AbortController | null;
}

/** Deliveries kept for inspection (a demo server may run for days); pending ones are never dropped. */
export const MAX_RECORDED_DELIVERIES = 10_000;

export interface WebhookDispatcherSettings {
  /** Called at each try, so that a replaced global `fetch` is used. */
  readonly fetch: WebhookFetch;
  readonly timers: WebhookTimers;
  readonly policy: WebhookRetryPolicy;
  readonly now: () => Date;
}

/** The webhooks of one emulator, their queues and the record of every delivery. */
export class WebhookDispatcher<Config extends { readonly url: string }> {
  private readonly endpoints: MutableEndpoint<Config>[] = [];
  private readonly records: DeliveryRecord[] = [];
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly settings: WebhookDispatcherSettings) {}

  /** Adds a webhook; its id is a random UUID. */
  add(config: Config): WebhookEndpoint<Config> {
    const endpoint: MutableEndpoint<Config> = { id: crypto.randomUUID(), config, active: true, tail: Promise.resolve() };
    this.endpoints.push(endpoint);
    return endpoint;
  }

  /** Removes the webhook with this id, or every webhook with this URL; their pending deliveries are given up. */
  remove(idOrUrl: string): boolean {
    const removed = this.endpoints.filter((e) => e.id === idOrUrl || e.config.url === idOrUrl);
    for (const endpoint of removed) {
      this.endpoints.splice(this.endpoints.indexOf(endpoint), 1);
      this.cancelPending(endpoint.id, 'webhook_removed');
    }
    return removed.length > 0;
  }

  /** Enables a disabled webhook again (UnivaPay: `PATCH …/webhooks/{id}` with `active: true`). */
  enable(id: string): boolean {
    const endpoint = this.endpoints.find((e) => e.id === id);
    if (!endpoint) return false;
    endpoint.active = true;
    return true;
  }

  list(): WebhookEndpoint<Config>[] {
    return this.endpoints.map(({ id, config, active }) => ({ id, config, active }));
  }

  /** The webhooks that take deliveries now. */
  active(): WebhookEndpoint<Config>[] {
    return this.list().filter((e) => e.active);
  }

  hasActive(): boolean {
    return this.endpoints.some((e) => e.active);
  }

  /** Queues a delivery for a webhook (nothing when it is gone or disabled); sending starts without waiting. */
  enqueue(webhookId: string, draft: DeliveryDraft): void {
    const endpoint = this.endpoints.find((e) => e.id === webhookId);
    if (!endpoint?.active) return;
    const record: DeliveryRecord = {
      id: draft.id,
      webhookId,
      url: endpoint.config.url,
      event: draft.event,
      resourceId: draft.resourceId,
      createdAt: this.settings.now(),
      body: draft.body,
      makeHeaders: draft.headers,
      headers: null,
      attempts: [],
      status: 'pending',
      givenUpReason: null,
      nextAttemptAt: null,
      wake: null,
      abort: null,
    };
    this.records.push(record);
    this.trim();
    const run = endpoint.tail.then(() => this.run(endpoint, record));
    endpoint.tail = run;
    this.running.add(run);
    void run.then(() => this.running.delete(run));
  }

  /** Copies of the deliveries, oldest first. */
  deliveries(filter: WebhookDeliveryFilter = {}): WebhookDelivery[] {
    return this.records
      .filter(
        (r) =>
          (filter.event === undefined || r.event === filter.event) &&
          (filter.url === undefined || r.url === filter.url) &&
          (filter.webhookId === undefined || r.webhookId === filter.webhookId) &&
          (filter.resourceId === undefined || r.resourceId === filter.resourceId) &&
          (filter.status === undefined || r.status === filter.status),
      )
      .map((r) => ({
        id: r.id,
        webhookId: r.webhookId,
        url: r.url,
        event: r.event,
        resourceId: r.resourceId,
        createdAt: r.createdAt.toISOString(),
        headers: { ...r.headers },
        body: r.body,
        attempts: r.attempts.map((a) => ({ ...a })),
        status: r.status,
        givenUpReason: r.givenUpReason,
        nextAttemptAt: r.nextAttemptAt ? r.nextAttemptAt.toISOString() : null,
      }));
  }

  /** Resolves once every delivery queued so far, and any queued meanwhile, is delivered or given up. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }

  /** Forgets every delivery (pending ones are stopped) and enables every webhook again. */
  reset(): void {
    for (const record of this.records) this.cancel(record, 'webhook_removed');
    this.records.length = 0;
    for (const endpoint of this.endpoints) endpoint.active = true;
  }

  private async run(endpoint: MutableEndpoint<Config>, record: DeliveryRecord): Promise<void> {
    const { policy } = this.settings;
    try {
      if (record.status !== 'pending') return;
      record.headers ??= await record.makeHeaders();
      for (let tried = 0; ; tried++) {
        if (record.status !== 'pending') return;
        const result = await this.attempt(record, record.headers);
        if (record.status !== 'pending') return;
        if (result.kind === 'answer' && result.status >= 200 && result.status < 300) {
          record.status = 'delivered';
          return;
        }
        const again = policy.retry(result);
        if (!again || tried >= policy.delaysMs.length) {
          this.giveUp(endpoint, record, again ? 'attempts_exhausted' : 'not_retried');
          return;
        }
        await this.wait(record, policy.delaysMs[tried] ?? 0);
      }
    } catch {
      // Only a broken policy or header maker gets here: the delivery cannot be made.
      if (record.status === 'pending') this.giveUp(endpoint, record, 'not_retried');
    }
  }

  private async attempt(record: DeliveryRecord, headers: Record<string, string>): Promise<WebhookAttemptResult> {
    const { timers, policy } = this.settings;
    const at = this.settings.now();
    const controller = new AbortController();
    record.abort = controller;
    let timer: unknown = null;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = timers.setTimeout(() => resolve('timeout'), policy.timeoutMs);
    });
    let result: WebhookAttemptResult;
    try {
      const sending = this.settings.fetch(record.url, {
        method: 'POST',
        headers,
        body: record.body,
        // A 3xx is an answer of the webhook, not a place to go (UnivaPay stops on it).
        redirect: 'manual',
        signal: controller.signal,
      });
      sending.catch(() => undefined);
      const outcome = await Promise.race([sending, timedOut]);
      if (outcome === 'timeout') {
        controller.abort();
        result = { kind: 'timeout' };
      } else {
        result = { kind: 'answer', status: outcome.status };
        // Only the status counts; the body is not read.
        outcome.body?.cancel().catch(() => undefined);
      }
    } catch (error) {
      result = { kind: 'network', message: error instanceof Error ? error.message : String(error) };
    } finally {
      timers.clearTimeout(timer);
      record.abort = null;
    }
    record.attempts.push({
      at: at.toISOString(),
      status: result.kind === 'answer' ? result.status : null,
      error: result.kind === 'answer' ? null : result.kind,
      message: result.kind === 'network' ? result.message : null,
    });
    return result;
  }

  private wait(record: DeliveryRecord, ms: number): Promise<void> {
    const { timers } = this.settings;
    return new Promise((resolve) => {
      record.nextAttemptAt = new Date(this.settings.now().getTime() + ms);
      const done = (): void => {
        record.wake = null;
        record.nextAttemptAt = null;
        resolve();
      };
      const handle = timers.setTimeout(done, ms);
      record.wake = () => {
        timers.clearTimeout(handle);
        done();
      };
    });
  }

  private giveUp(endpoint: MutableEndpoint<Config>, record: DeliveryRecord, reason: WebhookGiveUpReason): void {
    record.status = 'given_up';
    record.givenUpReason = reason;
    if (!this.settings.policy.disableOnGiveUp) return;
    endpoint.active = false;
    this.cancelPending(endpoint.id, 'webhook_disabled');
  }

  private cancelPending(webhookId: string, reason: WebhookGiveUpReason): void {
    for (const record of this.records) if (record.webhookId === webhookId) this.cancel(record, reason);
  }

  private cancel(record: DeliveryRecord, reason: WebhookGiveUpReason): void {
    if (record.status !== 'pending') return;
    record.status = 'given_up';
    record.givenUpReason = reason;
    record.wake?.();
    record.abort?.abort();
  }

  private trim(): void {
    let excess = this.records.length - MAX_RECORDED_DELIVERIES;
    for (let i = 0; excess > 0 && i < this.records.length; ) {
      if (this.records[i]?.status === 'pending') {
        i++;
      } else {
        this.records.splice(i, 1);
        excess--;
      }
    }
  }
}

/** The longest wait one timer may take (about 24.8 days); a later alarm is set again when it rings. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * One timer for the next moment the emulator's state changes by itself (a konbini deadline, a charge
 * done processing), so that its webhook is sent then, not at the next request. The timer does not keep
 * a Node process alive.
 */
export class Alarm {
  private handle: unknown = null;
  private armed = false;
  private at: number | null = null;

  constructor(
    private readonly timers: WebhookTimers,
    private readonly now: () => Date,
    private readonly ring: () => void,
  ) {}

  /** Rings at `at` (epoch milliseconds by the emulator's clock), or never for null. */
  set(at: number | null): void {
    if (this.armed && at === this.at) return;
    this.clear();
    if (at === null) return;
    const delay = Math.min(Math.max(at - this.now().getTime(), 0), MAX_TIMER_MS);
    this.at = at;
    this.armed = true;
    const handle = this.timers.setTimeout(() => {
      if (this.handle !== handle) return;
      this.armed = false;
      this.handle = null;
      this.at = null;
      this.ring();
    }, delay);
    this.handle = handle;
    const unref = (handle as { unref?: unknown } | null)?.unref;
    if (typeof unref === 'function') unref.call(handle);
  }

  clear(): void {
    if (this.armed) this.timers.clearTimeout(this.handle);
    this.armed = false;
    this.handle = null;
    this.at = null;
  }
}

/** The dispatcher of an emulator's resolved settings, with the webhooks it starts with. */
export function dispatcherFor<Config extends { readonly url: string }>(
  config: ResolvedWebhookOptions<Config> & { readonly now: () => Date },
): WebhookDispatcher<Config> {
  const dispatcher = new WebhookDispatcher<Config>({
    fetch: config.webhookFetch,
    timers: config.webhookTimers,
    policy: config.webhookRetry,
    now: config.now,
  });
  for (const webhook of config.webhooks) dispatcher.add(webhook);
  return dispatcher;
}

/**
 * Remembers the last status seen of each payment or charge and calls `changed` when it differs: the
 * emulators tell it after each change they make, and look over every record after each request, so a
 * change is reported once, in the order it happened.
 */
export class StatusWatch<T> {
  private readonly seen = new Map<string, string>();

  constructor(private readonly changed: (record: T, status: string) => void) {}

  note(id: string, status: string, record: T): void {
    if (this.seen.get(id) === status) return;
    this.seen.set(id, status);
    this.changed(record, status);
  }

  reset(): void {
    this.seen.clear();
  }
}

/** What every emulator's `webhooks` offers beside `add`: the same over one dispatcher. */
export interface WebhookControls<View> {
  /** Removes a webhook by id or URL; its pending deliveries are given up. */
  remove(idOrUrl: string): boolean;
  /** Turns a stopped webhook back on. */
  enable(id: string): boolean;
  list(): View[];
  /** Applies the clock, then waits until every delivery so far is delivered or given up. */
  idle(): Promise<void>;
}

/**
 * `remove`, `enable`, `list` and `idle` of an emulator's webhooks, over its dispatcher: each change is
 * followed by `sweep` (the emulator brings its objects up to the clock and sends what is due).
 */
export function webhookControls<Config extends { readonly url: string }, View>(
  dispatcher: WebhookDispatcher<Config>,
  sweep: () => void,
  view: (webhook: WebhookEndpoint<Config>) => View,
): WebhookControls<View> {
  return {
    remove(idOrUrl) {
      const removed = dispatcher.remove(idOrUrl);
      sweep();
      return removed;
    },
    enable(id) {
      const enabled = dispatcher.enable(id);
      sweep();
      return enabled;
    },
    list: () => dispatcher.list().map(view),
    async idle() {
      sweep();
      await dispatcher.idle();
    },
  };
}
