import type { KessaiHandler } from './handler.ts';
import { decodeUtf8, errorResponse, jsonResponse, readBodyBytes } from './http-json.ts';
import { webhookProviderFor, type KessaiWebhookConfig } from './providers.ts';
import { describeWebhookIssue } from './shared/webhook-parse.ts';
import type { CommonWebhookConfig, KessaiWebhookLog } from './webhook-config.ts';
import { createMemoryDedupeStore } from './webhook-dedupe.ts';
import { kessaiWebhookEventSchema, type KessaiWebhookEvent } from './webhook-event.ts';
import type { WebhookAuthentication, WebhookProvider } from './webhook-provider.ts';

const DEFAULT_MAX_BODY_BYTES = 64 * 1024;
const NO_BODY = new Uint8Array(0);

/** What a 2xx answer says: passed to `onEvent`, seen before, or not a payment notification. */
export type WebhookResult = 'delivered' | 'duplicate' | 'ignored';

/**
 * The merchant's webhook endpoint for one provider: checks the delivery's signature or token, reads
 * the notification, and calls `onEvent` once per delivery with one normalized `KessaiWebhookEvent`.
 * See `index.ts` for usage. Answers (JSON, `Cache-Control: no-store`):
 *
 * - 200 `{ ok: true, result: "delivered" }` once `onEvent` resolved; `"duplicate"` for a delivery id
 *   that already reached it; `"ignored"` for `ping` and events that are not about a payment's status;
 * - 401 a missing or wrong signature / `Authorization`; 400 a body that is not UTF-8 JSON of the
 *   provider's shape; 413 a body over `maxBodyBytes` (read no further); 405 anything but `POST`;
 * - 500 when `onEvent` (or the dedupe store's `seen`) threw: the provider sends it again later.
 *
 * Errors are `{ error: { code, message } }`; nothing in an answer or a log entry repeats a secret, a
 * signature or the body.
 */
export function createKessaiWebhookHandler(config: KessaiWebhookConfig): KessaiHandler {
  return createWebhookHandlerForProvider(webhookProviderFor(config), config);
}

/**
 * The same handler over any `WebhookProvider` (how each provider's webhook module plugs in). `config`
 * is the part every provider shares.
 */
export function createWebhookHandlerForProvider(
  provider: WebhookProvider,
  config: CommonWebhookConfig,
): KessaiHandler {
  if (typeof config.onEvent !== 'function') {
    throw new TypeError('kessai-elements/server: webhooks need `onEvent`, the function that handles each event.');
  }
  const maxBodyBytes = config.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!Number.isInteger(maxBodyBytes) || maxBodyBytes < 1) {
    throw new TypeError('kessai-elements/server: webhook `maxBodyBytes` must be a positive integer.');
  }
  const dedupe = config.dedupe ?? createMemoryDedupeStore();
  if (typeof dedupe.seen !== 'function' || typeof dedupe.remember !== 'function') {
    throw new TypeError('kessai-elements/server: webhook `dedupe` needs `seen` and `remember`.');
  }
  const onLog = config.onLog ?? defaultWebhookLog;
  const log = (entry: KessaiWebhookLog): void => {
    try {
      onLog(entry);
    } catch {
      // A logging hook must not change the answer.
    }
  };
  const credential = provider.credential;
  /** Keys of deliveries being handled now, so a concurrent copy waits for the first to finish. */
  const inflight = new Map<string, Promise<void>>();

  function refuse(
    status: 400 | 401 | 405 | 413,
    code: string,
    message: string,
    headers: Record<string, string> = {},
  ): Response {
    log({ type: 'webhook_rejected', provider: provider.name, status, code, message });
    return errorResponse(status, code, message, headers);
  }

  function unauthorized(result: Exclude<WebhookAuthentication, 'ok'>): Response {
    return result === 'missing'
      ? refuse(401, 'unauthorized', `${credential} is missing.`)
      : refuse(401, 'unauthorized', `${credential} does not match.`);
  }

  const answer = (result: WebhookResult): Response => jsonResponse(200, { ok: true, result });

  async function deliver(event: KessaiWebhookEvent, record?: () => Promise<void>): Promise<Response> {
    const key = `${provider.name}:${event.deliveryId}`;
    const facts = {
      provider: provider.name,
      deliveryId: event.deliveryId,
      eventType: event.type,
      paymentId: event.paymentId,
    } as const;
    // One delivery of a key at a time: a copy arriving meanwhile waits, then finds it remembered (or,
    // when the first failed, tries itself). Nothing may run between the check and the `set`.
    for (let running = inflight.get(key); running; running = inflight.get(key)) await running;
    let release = (): void => undefined;
    inflight.set(key, new Promise<void>((resolve) => (release = resolve)));
    try {
      let seen: boolean;
      try {
        seen = (await dedupe.seen(key)) === true;
      } catch (error) {
        log({ type: 'webhook_dedupe_error', provider: provider.name, deliveryId: event.deliveryId, phase: 'seen', error });
        return errorResponse(500, 'internal_error', 'The delivery could not be checked; send it again.');
      }
      if (seen) {
        log({ type: 'webhook_duplicate', ...facts, status: event.status });
        return answer('duplicate');
      }
      try {
        // What the provider's module keeps of the delivery first (PaymentOptions: its transaction).
        await record?.();
        await config.onEvent(event);
      } catch (error) {
        log({ type: 'webhook_callback_error', ...facts, error });
        return errorResponse(500, 'callback_failed', 'The shop could not handle this event; send it again.');
      }
      try {
        await dedupe.remember(key, event);
      } catch (error) {
        // The event was handled: answering 500 would only make the provider send it again.
        log({ type: 'webhook_dedupe_error', provider: provider.name, deliveryId: event.deliveryId, phase: 'remember', error });
      }
      log({ type: 'webhook_delivered', ...facts, status: event.status });
      return answer('delivered');
    } finally {
      inflight.delete(key);
      release();
    }
  }

  return async function kessaiWebhookHandler(request: Request): Promise<Response> {
    try {
      if (request.method !== 'POST') {
        return refuse(405, 'method_not_allowed', 'Use POST.', { Allow: 'POST' });
      }
      if (!provider.signsBody) {
        const result = await provider.authenticate(request.headers, NO_BODY);
        if (result !== 'ok') return unauthorized(result);
      }
      const read = await readBodyBytes(request, maxBodyBytes);
      if (!read.ok) return refuse(read.status, read.code, read.message);
      if (provider.signsBody) {
        const result = await provider.authenticate(request.headers, read.bytes);
        if (result !== 'ok') return unauthorized(result);
      }

      const text = decodeUtf8(read.bytes);
      if (text === undefined) return refuse(400, 'bad_request', 'The body is not UTF-8.');
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        return refuse(400, 'bad_request', 'The body is not valid JSON.');
      }

      const found = provider.interpret(json, request.headers);
      switch (found.kind) {
        case 'invalid':
          return refuse(400, 'bad_request', found.message);
        case 'ignored':
          log({
            type: 'webhook_ignored',
            provider: provider.name,
            reason: found.reason,
            eventType: found.eventType,
            ...(found.deliveryId !== undefined ? { deliveryId: found.deliveryId } : {}),
            ...(found.providerStatus !== undefined ? { providerStatus: found.providerStatus } : {}),
          });
          return answer('ignored');
        case 'event': {
          const checked = kessaiWebhookEventSchema.safeParse(found.event);
          if (!checked.success) {
            return refuse(400, 'bad_request', describeWebhookIssue('payment event', checked.error.issues[0]));
          }
          return await deliver(checked.data, found.record);
        }
      }
    } catch (error) {
      log({ type: 'webhook_internal_error', provider: provider.name, error });
      return errorResponse(500, 'internal_error', 'Something went wrong on the server.');
    }
  };
}

/**
 * The default `onLog`: one line per refusal or unknown status (`console.warn`) and per failure
 * (`console.error`, with what the merchant's callback or store threw); deliveries are not logged.
 */
export function defaultWebhookLog(entry: KessaiWebhookLog): void {
  const prefix = `kessai-elements/server webhook ${entry.provider}:`;
  switch (entry.type) {
    case 'webhook_rejected':
      console.warn(`${prefix} refused ${entry.status} ${entry.code}: ${entry.message}`);
      return;
    case 'webhook_ignored':
      if (entry.reason === 'unknown_status') {
        console.warn(
          `${prefix} ${entry.eventType} delivery ${entry.deliveryId ?? '?'} has the unknown status ${JSON.stringify(entry.providerStatus)}; not passed to onEvent.`,
        );
      }
      return;
    case 'webhook_callback_error':
      console.error(
        `${prefix} onEvent failed for ${entry.eventType} delivery ${entry.deliveryId} (payment ${entry.paymentId}); answered 500.`,
        entry.error,
      );
      return;
    case 'webhook_dedupe_error':
      console.error(`${prefix} dedupe.${entry.phase} failed for delivery ${entry.deliveryId}.`, entry.error);
      return;
    case 'webhook_internal_error':
      console.error(`${prefix} internal error; answered 500.`, entry.error);
      return;
    case 'webhook_delivered':
    case 'webhook_duplicate':
      return;
  }
}
