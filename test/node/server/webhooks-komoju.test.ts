import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it, mock } from 'node:test';
import {
  createKessaiWebhookHandler,
  toNodeListener,
  type KessaiWebhookEvent,
  type KomojuWebhookConfig,
} from '../../../src/server/index.ts';
import { hmacSha256Key, verifyHmacSha256Hex } from '../../../src/server/shared/webhook-crypto.ts';
import {
  deferred,
  fixture,
  komojuSignature,
  LeakRecorder,
  recordingCallback,
} from './webhooks-support.ts';

const SECRET = 'whsec_kessai_test_7f3a9c21d4e8b605';
const URL_BASE = 'https://shop.example/webhooks/komoju';
const recorder = new LeakRecorder();
/** Every body and signature the suite sent, for the closing leak scan. */
const sentBodies: string[] = [];
const sentSignatures: string[] = [];

/**
 * KOMOJU's own WooCommerce plugin test posts this `payment.refunded` delivery
 * (degica/komoju-woocommerce tests/cypress/e2e/refunded-webhook.cy.js), with `X-Komoju-ID`,
 * `X-Komoju-Signature`, `X-Komoju-Event`, `User-Agent: Komoju-Webhook`; the order id filled in.
 */
const WOOCOMMERCE_REFUNDED = {
  id: 'dummy',
  type: 'payment.refunded',
  resource: 'event',
  data: {
    id: 'dummy',
    resource: 'payment',
    status: 'refunded',
    amount: 1200,
    tax: 0,
    customer: null,
    payment_deadline: '2023-02-19T14:59:59Z',
    payment_details: {
      type: 'credit_card',
      email: 'dummy@dummy.com',
      brand: 'master',
      last_four_digits: '3795',
      month: 9,
      year: 2024,
    },
    payment_method_fee: 0,
    total: 1200,
    currency: 'EUR',
    description: null,
    captured_at: '2023-02-17T11:57:05Z',
    external_order_num: 'WC-255095-A49R0D',
    metadata: { woocommerce_order_id: '255095' },
    created_at: '2023-02-17T11:57:01Z',
    amount_refunded: 1200,
    locale: 'ja',
    session: 'dummy',
    customer_family_name: null,
    customer_given_name: null,
    mcc: null,
    statement_descriptor: null,
    refunds: [
      {
        id: 'dummy',
        resource: 'refund',
        amount: 1200,
        currency: 'EUR',
        payment: 'dummy',
        description: 'Bulk Chargeback 2023-08-28',
        created_at: '2023-08-28T02:13:46Z',
        chargeback: true,
      },
    ],
    refund_requests: [],
  },
  created_at: '2023-08-28T02:13:48Z',
  reason: null,
};

/** A KOMOJU event around a payment fixture (test/fixtures/komoju), with overrides of the payment. */
function paymentEvent(
  type: string,
  payment: string,
  id: string,
  changes: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    id,
    type,
    resource: 'event',
    data: { ...fixture('komoju', payment), ...changes },
    created_at: '2025-03-02T09:30:01Z',
    reason: null,
  };
}

interface SendOptions {
  /** Default: the body's own signature with SECRET. */
  signature?: string | null;
  deliveryId?: string | null;
  method?: string;
  /** Send these bytes instead of the text (after signing the text). */
  raw?: string;
}

function setup(overrides: Partial<KomojuWebhookConfig> = {}) {
  const callback = recordingCallback();
  const handler = createKessaiWebhookHandler({
    provider: 'komoju',
    secret: SECRET,
    onEvent: callback.onEvent,
    onLog: recorder.onLog,
    ...overrides,
  });
  async function send(label: string, body: unknown, options: SendOptions = {}): Promise<Response> {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    const signature = options.signature === undefined ? komojuSignature(text, SECRET) : options.signature;
    const headers = new Headers({
      'Content-Type': 'application/json',
      'User-Agent': 'Komoju-Webhook',
    });
    const eventType = (body as { type?: unknown } | null)?.type;
    if (typeof eventType === 'string') headers.set('X-Komoju-Event', eventType);
    if (signature !== null) headers.set('X-Komoju-Signature', signature);
    if (options.deliveryId !== null) headers.set('X-Komoju-ID', options.deliveryId ?? `dlv_${label.replace(/\W+/g, '_')}`);
    const sent = options.raw ?? text;
    sentBodies.push(sent);
    if (signature) sentSignatures.push(signature);
    const method = options.method ?? 'POST';
    const response = await handler(
      new Request(URL_BASE, { method, headers, ...(method === 'GET' || method === 'HEAD' ? {} : { body: sent }) }),
    );
    return recorder.record(label, response);
  }
  return { callback, handler, send };
}

describe('KOMOJU webhooks: the signature', () => {
  it('the test vector of docs/providers.md is what node:crypto computes, and what the verifier accepts', async () => {
    const body = '{"type":"payment.captured","data":{"id":"pay_cap_1"}}';
    const expected = 'a71d97154c04b400994ea7960ae1c4fbc7519cdfcd9055267fe73a31f5da5f29';
    assert.equal(komojuSignature(body, 'test_webhook_secret'), expected);
    const key = await hmacSha256Key('test_webhook_secret');
    const bytes = new TextEncoder().encode(body);
    assert.equal(await verifyHmacSha256Hex(key, bytes, expected), true);
    assert.equal(await verifyHmacSha256Hex(key, bytes, expected.toUpperCase()), true);
    assert.equal(await verifyHmacSha256Hex(key, bytes, expected.replace(/.$/, '0')), false);
    assert.equal(await verifyHmacSha256Hex(key, bytes, expected.slice(0, 62)), false);
    assert.equal(await verifyHmacSha256Hex(key, bytes, `sha256=${expected}`), false);
    const other = await hmacSha256Key('test_webhook_secret2');
    assert.equal(await verifyHmacSha256Hex(other, bytes, expected), false);
  });

  it('the handler lets the test vector through the signature check (its minimal body then fails the shape)', async () => {
    const body = '{"type":"payment.captured","data":{"id":"pay_cap_1"}}';
    const signature = 'a71d97154c04b400994ea7960ae1c4fbc7519cdfcd9055267fe73a31f5da5f29';
    const { send, callback } = setup({ secret: 'test_webhook_secret' });
    const accepted = await send('vector', body, { signature });
    assert.equal(accepted.status, 400, 'signature accepted; no status or amount in data');
    const refused = await send('vector, another secret', body, { signature: komojuSignature(body, 'test_webhook_secret_') });
    assert.equal(refused.status, 401);
    assert.equal(callback.events.length, 0);
  });

  it('a forged signature is 401 and reaches no callback', async () => {
    const { send, callback } = setup();
    const text = JSON.stringify(WOOCOMMERCE_REFUNDED);
    const forged = await send('forged', WOOCOMMERCE_REFUNDED, { signature: komojuSignature(text, 'not-the-secret') });
    assert.equal(forged.status, 401);
    assert.deepEqual(await forged.json(), {
      error: { code: 'unauthorized', message: 'X-Komoju-Signature does not match.' },
    });
    assert.equal(forged.headers.get('cache-control'), 'no-store');
    const garbage = await send('garbage signature', WOOCOMMERCE_REFUNDED, { signature: 'zz'.repeat(32) });
    assert.equal(garbage.status, 401);
    assert.equal(callback.events.length, 0);
  });

  it('one byte changed after signing is 401', async () => {
    const { send, callback } = setup();
    const text = JSON.stringify(WOOCOMMERCE_REFUNDED);
    const signature = komojuSignature(text, SECRET);
    // 1200 → 1300: still valid JSON of the right shape, only the signature can tell.
    const altered = text.replace('"amount":1200', '"amount":1300');
    assert.equal(altered.length, text.length);
    assert.notEqual(altered, text);
    const response = await send('altered', WOOCOMMERCE_REFUNDED, { signature, raw: altered });
    assert.equal(response.status, 401);
    // And a trailing newline is a different body too.
    assert.equal((await send('newline', WOOCOMMERCE_REFUNDED, { signature, raw: `${text}\n` })).status, 401);
    assert.equal(callback.events.length, 0);
  });

  it('a missing X-Komoju-Signature is 401', async () => {
    const { send, callback } = setup();
    const response = await send('missing', WOOCOMMERCE_REFUNDED, { signature: null });
    assert.equal(response.status, 401);
    assert.deepEqual(await response.json(), {
      error: { code: 'unauthorized', message: 'X-Komoju-Signature is missing.' },
    });
    assert.equal(callback.events.length, 0);
    assert.ok(
      recorder.logs.some(
        (entry) => entry.type === 'webhook_rejected' && entry.status === 401 && entry.message.includes('missing'),
      ),
    );
  });

  it('refuses an empty secret when the handler is made', () => {
    assert.throws(
      () => createKessaiWebhookHandler({ provider: 'komoju', secret: '', onEvent: () => undefined }),
      /secret/,
    );
    assert.throws(
      () => createKessaiWebhookHandler({ provider: 'komoju', secret: 'x' } as unknown as KomojuWebhookConfig),
      /onEvent/,
    );
  });
});

describe('KOMOJU webhooks: events', () => {
  it("the WooCommerce test's payment.refunded: one normalized event, no card data", async () => {
    const { send, callback } = setup();
    const response = await send('refunded', WOOCOMMERCE_REFUNDED, { deliveryId: '7xk2m9q4c1d8e5f0a3b6h2j7n' });
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { ok: true, result: 'delivered' });
    assert.deepEqual(callback.events, [
      {
        provider: 'komoju',
        deliveryId: '7xk2m9q4c1d8e5f0a3b6h2j7n',
        type: 'payment.refunded',
        paymentId: 'dummy',
        sessionId: 'dummy',
        orderId: 'WC-255095-A49R0D',
        status: 'refunded',
        amount: 1200,
        currency: 'EUR',
        method: 'card',
        occurredAt: '2023-08-28T02:13:48Z',
      },
    ] satisfies KessaiWebhookEvent[]);
  });

  it('a konbini payment.captured (paid at Lawson) is succeeded, with the amount asked, not the total with the fee', async () => {
    const { send, callback } = setup();
    const body = paymentEvent('payment.captured', 'payment-konbini-captured', 'evt_konbini_captured_1');
    const response = await send('konbini captured', body, { deliveryId: 'dlv_konbini_captured_1' });
    assert.equal(response.status, 200);
    assert.deepEqual(callback.events, [
      {
        provider: 'komoju',
        deliveryId: 'dlv_konbini_captured_1',
        type: 'payment.captured',
        paymentId: 'dy9e1bjo86xc7d6362gkb7jkx',
        sessionId: '3pwlcidjnkbn7i6d0mu3e5rjd',
        orderId: 'ORDER-1001',
        status: 'succeeded',
        amount: 1500,
        currency: 'JPY',
        method: 'konbini',
        occurredAt: '2025-03-02T09:30:01Z',
      },
    ]);
  });

  it('maps every payment status; payment.updated and payment.refund.created by the payment', async () => {
    const { send, callback } = setup();
    const cases: [string, string, Record<string, unknown>, string][] = [
      ['payment.authorized', 'payment-konbini-captured', { status: 'authorized' }, 'pending'],
      ['payment.authorized', 'pay-card-captured', { status: 'authorized' }, 'pending'],
      ['payment.updated', 'payment-konbini-seicomart-pending', {}, 'pending'],
      ['payment.expired', 'payment-expired', {}, 'expired'],
      ['payment.cancelled', 'payment-cancelled', {}, 'canceled'],
      ['payment.failed', 'payment-failed', {}, 'failed'],
      ['payment.refunded', 'payment-refunded', {}, 'refunded'],
      ['payment.updated', 'payment-konbini-captured', {}, 'succeeded'],
      // A partial refund: the payment is still captured.
      ['payment.refund.created', 'payment-konbini-captured', { amount_refunded: 500 }, 'succeeded'],
    ];
    for (const [index, [type, name, changes]] of cases.entries()) {
      const data = name.startsWith('pay-') ? (fixture('komoju', name)['payment'] as Record<string, unknown>) : fixture('komoju', name);
      const body = { id: `evt_${index}`, type, resource: 'event', data: { ...data, ...changes }, created_at: null, reason: null };
      const response = await send(`status ${index}`, body, { deliveryId: `dlv_status_${index}` });
      assert.equal(response.status, 200, `${type} ${name}`);
    }
    assert.deepEqual(
      callback.events.map((event) => [event.type, event.status]),
      cases.map(([type, , , status]) => [type, status]),
    );
    assert.ok(callback.events.every((event) => event.occurredAt === undefined));
  });

  it('ping and events about other things are answered 200 and not passed on', async () => {
    const { send, callback } = setup();
    const ping = await send('ping', { id: 'evt_ping', type: 'ping', resource: 'event', data: {}, created_at: '2025-03-01T00:00:00Z', reason: null });
    assert.equal(ping.status, 200);
    assert.deepEqual(await ping.json(), { ok: true, result: 'ignored' });
    const customer = await send('customer', {
      id: 'evt_customer',
      type: 'customer.created',
      resource: 'event',
      data: { id: 'cus_1', resource: 'customer' },
      created_at: '2025-03-01T00:00:00Z',
      reason: null,
    });
    assert.equal(customer.status, 200);
    // A ping of another shape (KOMOJU does not document its body) is still only a ping.
    assert.equal((await send('bare ping', { type: 'ping' })).status, 200);
    assert.equal((await send('payment event without data', { id: 'evt_nodata', type: 'payment.captured' })).status, 400);
    assert.equal(callback.events.length, 0);
    assert.ok(recorder.logs.some((e) => e.type === 'webhook_ignored' && e.reason === 'ping'));
    assert.ok(recorder.logs.some((e) => e.type === 'webhook_ignored' && e.reason === 'unhandled_event' && e.eventType === 'customer.created'));
  });

  it('a payment status this version does not know is answered 200, logged, and not passed on', async () => {
    const { send, callback } = setup();
    const response = await send('unknown status', paymentEvent('payment.updated', 'payment-konbini-captured', 'evt_u', { status: 'disputed' }));
    assert.equal(response.status, 200);
    assert.equal(callback.events.length, 0);
    assert.ok(recorder.logs.some((e) => e.type === 'webhook_ignored' && e.reason === 'unknown_status' && e.providerStatus === 'disputed'));
  });

  it('the delivery id is X-Komoju-ID, else the event id; without either it is 400', async () => {
    const { send, callback } = setup();
    await send('no header', paymentEvent('payment.captured', 'payment-konbini-captured', 'evt_fallback_1'), { deliveryId: null });
    assert.equal(callback.events[0]?.deliveryId, 'evt_fallback_1');
    const body = paymentEvent('payment.captured', 'payment-konbini-captured', 'evt_x');
    delete body['id'];
    assert.equal((await send('no id at all', body, { deliveryId: null })).status, 400);
    assert.equal(callback.events.length, 1);
  });

  it('bodies that are not JSON or not a KOMOJU event are 400 (once signed)', async () => {
    const { send, callback } = setup();
    const notJson = await send('not json', 'type=payment.captured');
    assert.equal(notJson.status, 400);
    assert.equal(((await notJson.json()) as { error: { message: string } }).error.message, 'The body is not valid JSON.');
    assert.equal((await send('array', '[]')).status, 400);
    assert.equal((await send('no type', { id: 'evt', data: {} })).status, 400);
    const noAmount = paymentEvent('payment.captured', 'payment-konbini-captured', 'evt_no_amount');
    delete (noAmount['data'] as Record<string, unknown>)['amount'];
    const shape = await send('no amount', noAmount);
    assert.equal(shape.status, 400);
    assert.deepEqual(await shape.json(), {
      error: { code: 'bad_request', message: 'The body is not a KOMOJU payment: "data.amount" is missing or invalid.' },
    });
    const fraction = await send('fractional amount', paymentEvent('payment.captured', 'payment-konbini-captured', 'evt_f', { amount: 12.5 }));
    assert.equal(fraction.status, 400);
    assert.equal(callback.events.length, 0);
  });

  it('anything but POST is 405', async () => {
    const { send } = setup();
    const response = await send('get', '', { method: 'GET' });
    assert.equal(response.status, 405);
    assert.equal(response.headers.get('allow'), 'POST');
  });
});

describe('KOMOJU webhooks: delivery', () => {
  it('a replayed delivery reaches the callback once and is answered 200 duplicate', async () => {
    const { send, callback } = setup();
    const body = paymentEvent('payment.captured', 'payment-konbini-captured', 'evt_replay');
    const first = await send('replay 1', body, { deliveryId: 'dlv_replay' });
    const second = await send('replay 2', body, { deliveryId: 'dlv_replay' });
    assert.deepEqual(await first.json(), { ok: true, result: 'delivered' });
    assert.equal(second.status, 200);
    assert.deepEqual(await second.json(), { ok: true, result: 'duplicate' });
    assert.equal(callback.events.length, 1);
    // Another delivery id is another delivery.
    await send('replay 3', body, { deliveryId: 'dlv_replay_other' });
    assert.equal(callback.events.length, 2);
  });

  it('two copies arriving at once: the callback runs once, the second waits and answers duplicate', async () => {
    const { send, callback } = setup();
    const held = callback.hold();
    const body = paymentEvent('payment.captured', 'payment-konbini-captured', 'evt_concurrent');
    const one = send('concurrent 1', body, { deliveryId: 'dlv_concurrent' });
    const two = send('concurrent 2', body, { deliveryId: 'dlv_concurrent' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(callback.events.length, 1, 'the second copy is waiting, not in the callback');
    held.release();
    const results = await Promise.all([one, two].map(async (p) => ((await (await p).json()) as { result: string }).result));
    assert.deepEqual(results.sort(), ['delivered', 'duplicate']);
    assert.equal(callback.events.length, 1);
  });

  it('two copies at once when the first fails: the first answers 500, the second then runs and succeeds', async () => {
    const { send, callback } = setup();
    const held = callback.hold();
    callback.failNext(1);
    const body = paymentEvent('payment.captured', 'payment-konbini-captured', 'evt_concurrent_fail');
    const one = send('concurrent fail 1', body, { deliveryId: 'dlv_concurrent_fail' });
    const two = send('concurrent fail 2', body, { deliveryId: 'dlv_concurrent_fail' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    held.release();
    assert.equal((await one).status, 500);
    assert.equal((await two).status, 200);
    assert.equal(callback.events.length, 2);
  });

  it('a failing callback is 500 with a log line; the retry reaches the callback and succeeds; then duplicate', async () => {
    const { send, callback } = setup();
    callback.failNext(1);
    const body = paymentEvent('payment.expired', 'payment-expired', 'evt_retry');
    const failed = await send('callback fails', body, { deliveryId: 'dlv_retry' });
    assert.equal(failed.status, 500);
    assert.deepEqual(await failed.json(), {
      error: { code: 'callback_failed', message: 'The shop could not handle this event; send it again.' },
    });
    const logged = recorder.logs.find((e) => e.type === 'webhook_callback_error' && e.deliveryId === 'dlv_retry');
    assert.ok(logged && logged.type === 'webhook_callback_error');
    assert.equal((logged.error as Error).message, 'the order database is down');
    const retry = await send('retry', body, { deliveryId: 'dlv_retry' });
    assert.equal(retry.status, 200);
    assert.deepEqual(await retry.json(), { ok: true, result: 'delivered' });
    assert.equal(callback.events.length, 2);
    assert.deepEqual(callback.events[0], callback.events[1]);
    assert.deepEqual(await (await send('again', body, { deliveryId: 'dlv_retry' })).json(), { ok: true, result: 'duplicate' });
    assert.equal(callback.events.length, 2);
  });

  it('answers only after the callback resolved', async () => {
    const { send } = setup({
      onEvent: async () => {
        await gate.promise;
      },
    });
    const gate = deferred();
    let answered = false;
    const pending = send('slow', paymentEvent('payment.captured', 'payment-konbini-captured', 'evt_slow')).then((r) => {
      answered = true;
      return r;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(answered, false);
    gate.resolve();
    assert.equal((await pending).status, 200);
  });

  it('a custom dedupe store: seen skips, remember comes after the callback, a failing seen is 500', async () => {
    const calls: string[] = [];
    const known = new Set(['komoju:dlv_known']);
    let seenFails = false;
    const { send, callback } = setup({
      dedupe: {
        async seen(key) {
          calls.push(`seen ${key}`);
          if (seenFails) throw new Error('database unreachable');
          return known.has(key);
        },
        async remember(key, event) {
          calls.push(`remember ${key} ${event.paymentId}`);
          known.add(key);
        },
      },
      onEvent: (event) => {
        calls.push(`onEvent ${event.deliveryId}`);
      },
    });
    const body = paymentEvent('payment.captured', 'payment-konbini-captured', 'evt_store');
    assert.equal((await (await send('known', body, { deliveryId: 'dlv_known' })).json() as { result: string }).result, 'duplicate');
    assert.equal((await send('new', body, { deliveryId: 'dlv_new' })).status, 200);
    seenFails = true;
    assert.equal((await send('store down', body, { deliveryId: 'dlv_down' })).status, 500);
    assert.deepEqual(calls, [
      'seen komoju:dlv_known',
      'seen komoju:dlv_new',
      'onEvent dlv_new',
      'remember komoju:dlv_new dy9e1bjo86xc7d6362gkb7jkx',
      'seen komoju:dlv_down',
    ]);
    assert.equal(callback.events.length, 0, 'the recording callback was replaced');
    assert.ok(recorder.logs.some((e) => e.type === 'webhook_dedupe_error' && e.phase === 'seen'));
  });

  it('a failing remember is logged; the delivery is still answered 200', async () => {
    const { send, callback } = setup({
      dedupe: {
        seen: () => false,
        remember: () => {
          throw new Error('disk full');
        },
      },
    });
    const response = await send('remember fails', paymentEvent('payment.captured', 'payment-konbini-captured', 'evt_rf'), {
      deliveryId: 'dlv_remember_fails',
    });
    assert.equal(response.status, 200);
    assert.equal(callback.events.length, 1);
    assert.ok(recorder.logs.some((e) => e.type === 'webhook_dedupe_error' && e.phase === 'remember' && e.deliveryId === 'dlv_remember_fails'));
  });

  it('over maxBodyBytes is 413', async () => {
    const { send, callback } = setup({ maxBodyBytes: 1024 });
    const body = paymentEvent('payment.captured', 'payment-konbini-captured', 'evt_big', { description: 'x'.repeat(2048) });
    const response = await send('too large', body);
    assert.equal(response.status, 413);
    assert.equal(callback.events.length, 0);
  });
});

describe('KOMOJU webhooks through node:http (toNodeListener): the signature is over the raw bytes', () => {
  let server: Server;
  let url: string;
  const callback = recordingCallback();
  before(async () => {
    const listener = toNodeListener(
      createKessaiWebhookHandler({ provider: 'komoju', secret: SECRET, onEvent: callback.onEvent, onLog: recorder.onLog }),
    );
    server = createServer((req, res) => void listener(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/komoju`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('verifies a body with Japanese text and unusual spacing exactly as sent', async () => {
    const body = paymentEvent('payment.captured', 'payment-konbini-captured', 'evt_node', { description: 'コンビニ払い（ローソン）' });
    // Spacing and key order as a server other than JSON.stringify might write them: re-serializing would break the signature.
    const text = JSON.stringify(body, null, 1).replace(/\n/g, '\r\n');
    const bytes = new TextEncoder().encode(text);
    const signature = komojuSignature(bytes, SECRET);
    sentBodies.push(text);
    sentSignatures.push(signature);
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Komoju-Signature': signature, 'X-Komoju-ID': 'dlv_node_1' },
      body: bytes,
    });
    assert.equal(response.status, 200);
    assert.equal(callback.events[0]?.paymentId, 'dy9e1bjo86xc7d6362gkb7jkx');
    const wrong = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Komoju-Signature': komojuSignature(JSON.stringify(body), SECRET), 'X-Komoju-ID': 'dlv_node_2' },
      body: bytes,
    });
    assert.equal(wrong.status, 401);
    assert.equal(callback.events.length, 1);
  });
});

describe('KOMOJU webhooks: nothing secret in answers or logs', () => {
  it('the default log lines name the refusal, never the secret, the signature or the body', async () => {
    const warn = mock.method(console, 'warn', () => undefined);
    const error = mock.method(console, 'error', () => undefined);
    try {
      const handler = createKessaiWebhookHandler({
        provider: 'komoju',
        secret: SECRET,
        onEvent: () => {
          throw new Error('cannot reach the orders table');
        },
      });
      const text = JSON.stringify(WOOCOMMERCE_REFUNDED);
      const wrongSignature = komojuSignature(text, 'guess');
      const goodSignature = komojuSignature(text, SECRET);
      sentSignatures.push(wrongSignature, goodSignature);
      const post = (signature: string) =>
        handler(
          new Request(URL_BASE, {
            method: 'POST',
            headers: { 'X-Komoju-Signature': signature, 'X-Komoju-ID': 'dlv_console' },
            body: text,
          }),
        );
      assert.equal((await post(wrongSignature)).status, 401);
      assert.equal((await post(goodSignature)).status, 500);
      assert.equal(warn.mock.callCount(), 1);
      assert.equal(error.mock.callCount(), 1);
      const lines = [...warn.mock.calls, ...error.mock.calls]
        .map((call) => call.arguments.map((a) => (a instanceof Error ? `${a.message} ${a.stack ?? ''}` : String(a))).join(' '))
        .join('\n');
      assert.match(lines, /komoju: refused 401 unauthorized: X-Komoju-Signature does not match\./);
      assert.match(lines, /onEvent failed for payment\.refunded delivery dlv_console \(payment dummy\); answered 500\./);
      for (const needle of [SECRET, wrongSignature, goodSignature, text, '3795', 'dummy@dummy.com']) {
        assert.ok(!lines.includes(needle), `a console line contains ${needle.slice(0, 12)}…`);
      }
    } finally {
      warn.mock.restore();
      error.mock.restore();
    }
  });

  it('no answer or log entry of this suite contains the secret, a signature, a body or card data', () => {
    assert.ok(recorder.answers.length > 30, 'the scan saw the suite');
    assert.ok(recorder.logs.length > 10);
    recorder.assertNone([
      SECRET,
      ...sentSignatures,
      ...sentBodies.filter((body) => body.length >= 24), // short ones are words any log has
      '3795',
      'dummy@dummy.com',
      'hanako@example.jp',
      '12345678901', // the konbini receipt
    ]);
  });
});
