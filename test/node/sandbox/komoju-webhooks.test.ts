import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { komojuSignature, type KomojuEmulatorOptions } from '../../../src/sandbox/index.ts';
import { card, harness, submitForm } from './helpers.ts';
import { FakeClock, Receiver, settle, waitFor } from './webhook-helpers.ts';

/**
 * KOMOJU's webhooks from the emulator (docs/providers.md, "KOMOJU", "Webhooks"): the headers, the
 * signature a merchant verifies with node:crypto over the raw body, the event per payment status,
 * retries keeping the delivery id and body, order per webhook, and the run-time API.
 */

const HOOK = 'http://localhost:5173/webhooks/komoju';
const SECRET = 'whsec_kessai_test';
/** 2025-03-01 12:14:10 JST. */
const START = '2025-03-01T03:14:10.250Z';

function konbini(store = 'lawson'): Record<string, unknown> {
  return { type: 'konbini', store, email: 'hanako@example.jp', phone: '09012345678', name: '山田 花子' };
}

function setup(options: Omit<KomojuEmulatorOptions, 'basePath'> = {}) {
  const clock = new FakeClock(START);
  const receiver = new Receiver();
  const h = harness({
    komoju: { now: clock.now, webhookTimers: clock, webhookFetch: receiver.fetch, webhooks: [{ url: HOOK, secret: SECRET }], ...options },
  });
  const komoju = h.sandbox.komoju;
  async function konbiniPayment(store = 'lawson') {
    const sessionId = (await h.createSession())['id'] as string;
    const answer = await h.pay(sessionId, konbini(store));
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    const payment = answer.body['payment'] as { id: string; payment_details: Record<string, string> };
    return { sessionId, paymentId: payment.id, instructions: payment.payment_details['instructions_url'] as string };
  }
  return { clock, receiver, h, komoju, konbiniPayment };
}

describe('KOMOJU sandbox: webhook deliveries', () => {
  it('signs the raw body with HMAC-SHA256 of the secret, verifiable with node:crypto, and sends exactly KOMOJU\'s headers', async () => {
    const { receiver, h, komoju, konbiniPayment } = setup();
    const { paymentId } = await konbiniPayment();
    await komoju.webhooks.idle();

    assert.equal(receiver.received.length, 1);
    const [request] = receiver.received;
    assert.ok(request);
    assert.equal(request.method, 'POST');
    assert.equal(request.url, HOOK);
    assert.deepEqual(Object.keys(request.headers).sort(), ['content-type', 'user-agent', 'x-komoju-event', 'x-komoju-id', 'x-komoju-signature']);
    assert.equal(request.headers['content-type'], 'application/json');
    assert.equal(request.headers['user-agent'], 'Komoju-Webhook');
    assert.equal(request.headers['x-komoju-event'], 'payment.authorized');
    const expected = createHmac('sha256', SECRET).update(request.raw).digest('hex');
    assert.equal(request.headers['x-komoju-signature'], expected);
    assert.match(expected, /^[0-9a-f]{64}$/);
    // Another secret does not verify.
    assert.notEqual(createHmac('sha256', 'other').update(request.raw).digest('hex'), request.headers['x-komoju-signature']);

    const event = request.json;
    assert.deepEqual(Object.keys(event), ['id', 'type', 'resource', 'data', 'created_at', 'reason']);
    assert.match(event['id'] as string, /^[a-z0-9]{25}$/);
    assert.equal(event['type'], 'payment.authorized');
    assert.equal(event['resource'], 'event');
    assert.equal(event['reason'], null);
    assert.equal(event['created_at'], '2025-03-01T03:14:10Z');
    // `data` is the Payment exactly as the API answers it.
    const read = await h.call('GET', `/payments/${paymentId}`);
    assert.deepEqual(event['data'], read.body);

    const [delivery] = komoju.inspect.deliveries();
    assert.ok(delivery);
    assert.equal(delivery.id, request.headers['x-komoju-id']);
    assert.equal(delivery.url, HOOK);
    assert.equal(delivery.event, 'payment.authorized');
    assert.equal(delivery.resourceId, paymentId);
    assert.equal(delivery.status, 'delivered');
    assert.equal(delivery.body, request.raw.toString('utf8'));
    assert.deepEqual(delivery.attempts, [{ at: START, status: 200, error: null, message: null }]);
  });

  it('computes the signature of the documented test vector', async () => {
    assert.equal(
      await komojuSignature('{"type":"payment.captured","data":{"id":"pay_cap_1"}}', 'test_webhook_secret'),
      'a71d97154c04b400994ea7960ae1c4fbc7519cdfcd9055267fe73a31f5da5f29',
    );
  });

  it('a konbini payment marked paid on its instructions page: payment.authorized, then payment.captured, same payment', async () => {
    const { receiver, h, komoju, konbiniPayment } = setup();
    const { paymentId, instructions } = await konbiniPayment('family-mart');
    const page = await submitForm(h.sandbox, instructions, { action: 'paid' });
    assert.equal(page.status, 303);
    await komoju.webhooks.idle();

    assert.deepEqual(receiver.events('type'), ['payment.authorized', 'payment.captured']);
    const [authorized, captured] = receiver.received.map((r) => r.json as { id: string; data: Record<string, unknown> });
    assert.equal(authorized?.data['id'], paymentId);
    assert.equal(captured?.data['id'], paymentId);
    assert.equal(authorized?.data['status'], 'authorized');
    assert.equal(captured?.data['status'], 'captured');
    assert.ok(captured?.data['captured_at']);
    assert.notEqual(authorized?.id, captured?.id);
    assert.deepEqual(receiver.received.map((r) => r.headers['x-komoju-event']), ['payment.authorized', 'payment.captured']);
    assert.notEqual(receiver.received[0]?.headers['x-komoju-id'], receiver.received[1]?.headers['x-komoju-id']);
    assert.deepEqual(captured?.data, (await h.call('GET', `/payments/${paymentId}`)).body);
  });

  it('"Mark as expired" sends payment.expired', async () => {
    const { receiver, h, komoju, konbiniPayment } = setup();
    const { paymentId, instructions } = await konbiniPayment();
    await submitForm(h.sandbox, instructions, { action: 'expired' });
    await komoju.webhooks.idle();
    assert.deepEqual(receiver.events('type'), ['payment.authorized', 'payment.expired']);
    assert.equal((receiver.received[1]?.json['data'] as { id: string; status: string }).status, 'expired');
    assert.equal((receiver.received[1]?.json['data'] as { id: string }).id, paymentId);
  });

  it('a konbini deadline passing sends payment.expired when it passes, with no request', async () => {
    const { clock, receiver, komoju, konbiniPayment } = setup();
    const { paymentId } = await konbiniPayment();
    await komoju.webhooks.idle();
    // Deadline: 3 days later at 23:59:59 JST (2025-03-04T14:59:59Z).
    await clock.advance(Date.parse('2025-03-04T14:59:59Z') - clock.now().getTime());
    assert.deepEqual(receiver.events('type'), ['payment.authorized']);
    await clock.advance(1_000);
    await komoju.webhooks.idle();
    assert.deepEqual(receiver.events('type'), ['payment.authorized', 'payment.expired']);
    const data = receiver.received[1]?.json['data'] as { id: string; status: string };
    assert.deepEqual([data.id, data.status], [paymentId, 'expired']);
    assert.equal(receiver.received[1]?.json['created_at'], '2025-03-04T14:59:59Z');
  });

  it('cards: captured, failed, and with manual capture authorized → captured, or cancelled', async () => {
    const { receiver, h, komoju } = setup();
    const paid = (await h.createSession())['id'] as string;
    await h.pay(paid, card('4111111111111111'));
    const declined = (await h.createSession())['id'] as string;
    await h.pay(declined, card('4123111111111000'));
    await komoju.webhooks.idle();
    assert.deepEqual(receiver.events('type'), ['payment.captured', 'payment.failed']);
    assert.equal((receiver.received[1]?.json['data'] as { status: string }).status, 'failed');

    const manual = (await h.createSession({ payment_data: { capture: 'manual' } }))['id'] as string;
    const first = ((await h.pay(manual, card('4111111111111111'))).body['payment'] as { id: string }).id;
    assert.equal((await h.call('POST', `/payments/${first}/capture`)).status, 200);
    const another = (await h.createSession({ payment_data: { capture: 'manual' } }))['id'] as string;
    const second = ((await h.pay(another, card('4111111111111111'))).body['payment'] as { id: string }).id;
    assert.equal((await h.call('POST', `/payments/${second}/cancel`)).status, 200);
    await komoju.webhooks.idle();
    assert.deepEqual(receiver.events('type').slice(2), ['payment.authorized', 'payment.captured', 'payment.authorized', 'payment.cancelled']);
    assert.deepEqual(
      receiver.received.slice(2).map((r) => (r.json['data'] as { id: string }).id),
      [first, first, second, second],
    );
  });

  it('retries an answer 500 with the same X-Komoju-ID, signature and body, and stops after a 200', async () => {
    const { clock, receiver, komoju, konbiniPayment } = setup();
    receiver.answer = (_request, index) => (index < 2 ? 500 : 200);
    await konbiniPayment();
    await waitFor(() => komoju.inspect.deliveries()[0]?.attempts.length === 1, 'the first try');
    assert.equal(receiver.received.length, 1);
    assert.equal(komoju.inspect.deliveries()[0]?.status, 'pending');
    assert.equal(komoju.inspect.deliveries()[0]?.nextAttemptAt, '2025-03-01T03:14:11.250Z');

    await clock.advance(999);
    assert.equal(receiver.received.length, 1, 'not before 1 s');
    await clock.advance(1);
    await waitFor(() => receiver.received.length === 2, 'the second try');
    await clock.advance(5_000);
    await waitFor(() => receiver.received.length === 3, 'the third try');
    await komoju.webhooks.idle();
    await clock.advance(3_600_000);
    assert.equal(receiver.received.length, 3, 'nothing after the 200');

    const [a, b, c] = receiver.received;
    assert.ok(a && b && c);
    for (const retry of [b, c]) {
      assert.deepEqual(retry.headers, a.headers);
      assert.ok(retry.raw.equals(a.raw));
    }
    const [delivery] = komoju.inspect.deliveries();
    assert.equal(delivery?.status, 'delivered');
    assert.deepEqual(
      delivery?.attempts.map((t) => [t.at, t.status]),
      [
        [START, 500],
        ['2025-03-01T03:14:11.250Z', 500],
        ['2025-03-01T03:14:16.250Z', 200],
      ],
    );
  });

  it('gives up on a 4xx at once, and on a 5xx after 7 tries (the sandbox\'s policy: KOMOJU documents none)', async () => {
    const { clock, receiver, komoju, h } = setup();
    receiver.answer = (request) => (request.json['type'] === 'payment.captured' ? 400 : 503);
    const session = (await h.createSession({ payment_data: { capture: 'manual' } }))['id'] as string;
    const id = ((await h.pay(session, card('4111111111111111'))).body['payment'] as { id: string }).id;
    await h.call('POST', `/payments/${id}/capture`);
    await waitFor(() => receiver.received.length === 1);
    await clock.advance(3 * 3_600_000);
    await komoju.webhooks.idle();
    const [authorized, captured] = komoju.inspect.deliveries();
    assert.equal(authorized?.attempts.length, 7);
    assert.deepEqual([authorized?.status, authorized?.givenUpReason], ['given_up', 'attempts_exhausted']);
    // Ordered per webhook: the capture waited for the authorization to be given up.
    assert.deepEqual(receiver.events('type'), [...Array<string>(7).fill('payment.authorized'), 'payment.captured']);
    assert.equal(captured?.attempts.length, 1);
    assert.deepEqual([captured?.status, captured?.givenUpReason], ['given_up', 'not_retried']);
    assert.equal(komoju.webhooks.list()[0]?.active, true);
  });

  it('retries a timeout (10 s) and a network failure', async () => {
    const { clock, receiver, komoju, konbiniPayment } = setup();
    let calls = 0;
    receiver.answer = () => (++calls === 1 ? new Promise<number>(() => undefined) : 200);
    await konbiniPayment();
    await waitFor(() => receiver.received.length === 1);
    await clock.advance(10_000);
    await waitFor(() => komoju.inspect.deliveries()[0]?.attempts.length === 1);
    assert.deepEqual(komoju.inspect.deliveries()[0]?.attempts[0], { at: START, status: null, error: 'timeout', message: null });
    await clock.advance(1_000);
    await komoju.webhooks.idle();
    assert.equal(komoju.inspect.deliveries()[0]?.status, 'delivered');

    const failing = setup({ webhookFetch: () => Promise.reject(new TypeError('fetch failed')) });
    await failing.konbiniPayment();
    await waitFor(() => failing.komoju.inspect.deliveries()[0]?.attempts.length === 1);
    assert.deepEqual(failing.komoju.inspect.deliveries()[0]?.attempts[0], { at: START, status: null, error: 'network', message: 'fetch failed' });
    assert.ok(failing.clock.pendingDelays().includes(1_000));
  });

  it('does not hold up the API call, and keeps deliveries in order per webhook', async () => {
    const { receiver, h, komoju, konbiniPayment } = setup();
    let release: (status: number) => void = () => undefined;
    receiver.answer = (_request, index) => (index === 0 ? new Promise<number>((resolve) => (release = resolve)) : 200);
    const { instructions } = await konbiniPayment();
    await waitFor(() => receiver.received.length === 1);
    // The pay answered while its webhook waits; marking it paid answers too.
    assert.equal((await submitForm(h.sandbox, instructions, { action: 'paid' })).status, 303);
    await settle();
    assert.equal(receiver.received.length, 1, 'payment.captured waits for payment.authorized');
    release(200);
    await komoju.webhooks.idle();
    assert.deepEqual(receiver.events('type'), ['payment.authorized', 'payment.captured']);
  });

  it('takes webhooks at run time: add sends ping, events filters, remove stops, reset clears deliveries', async () => {
    const { receiver, komoju, konbiniPayment, h } = setup({ webhooks: [] });
    await konbiniPayment();
    await komoju.webhooks.idle();
    assert.equal(receiver.received.length, 0);

    const other = 'http://localhost:5173/webhooks/captured-only';
    const all = komoju.webhooks.add({ url: HOOK, secret: SECRET });
    const filtered = komoju.webhooks.add({ url: other, secret: 'another secret', events: ['payment.captured'] });
    assert.match(all.id, /^[0-9a-f-]{36}$/);
    assert.deepEqual(komoju.webhooks.list(), [
      { id: all.id, url: HOOK, events: null, active: true },
      { id: filtered.id, url: other, events: ['payment.captured'], active: true },
    ]);
    await komoju.webhooks.idle();
    assert.deepEqual(receiver.received.map((r) => [r.url, r.json['type']]), [
      [HOOK, 'ping'],
      [other, 'ping'],
    ]);
    const ping = receiver.received[1];
    assert.equal(ping?.headers['x-komoju-event'], 'ping');
    assert.equal(ping?.headers['x-komoju-signature'], createHmac('sha256', 'another secret').update(ping.raw).digest('hex'));
    assert.deepEqual(Object.keys(ping?.json ?? {}), ['id', 'type', 'resource', 'data', 'created_at', 'reason']);

    const { instructions } = await konbiniPayment();
    await submitForm(h.sandbox, instructions, { action: 'paid' });
    await komoju.webhooks.idle();
    // Each webhook has its own queue: the order is kept per webhook, not across them.
    const to = (url: string) => receiver.received.slice(2).filter((r) => r.url === url);
    assert.deepEqual(to(HOOK).map((r) => r.json['type']), ['payment.authorized', 'payment.captured']);
    assert.deepEqual(to(other).map((r) => r.json['type']), ['payment.captured']);
    // One event: the same body to both webhooks, each signed with its own secret, each its own delivery id.
    const [mine, theirs] = [to(HOOK)[1], to(other)[0]];
    assert.ok(mine && theirs);
    assert.ok(mine.raw.equals(theirs.raw));
    assert.notEqual(mine.headers['x-komoju-id'], theirs.headers['x-komoju-id']);
    assert.notEqual(mine.headers['x-komoju-signature'], theirs.headers['x-komoju-signature']);

    assert.equal(komoju.webhooks.remove(other), true);
    assert.equal(komoju.webhooks.remove(other), false);
    await konbiniPayment();
    await komoju.webhooks.idle();
    assert.deepEqual(receiver.received.slice(5).map((r) => r.url), [HOOK]);
    assert.equal(komoju.inspect.deliveries().length, 6);
    assert.deepEqual(komoju.inspect.deliveries({ event: 'ping' }).map((d) => d.url), [HOOK, other]);

    h.sandbox.reset();
    assert.deepEqual(komoju.inspect.deliveries(), []);
    assert.equal(komoju.webhooks.list().length, 1);
    assert.throws(() => komoju.webhooks.add({ url: 'ftp://example.com/', secret: 's' }), TypeError);
    assert.throws(() => komoju.webhooks.add({ url: HOOK, secret: '' }), TypeError);
  });
});

describe('KOMOJU sandbox: webhooks over the network', () => {
  it('reaches a real server with the global fetch, the five headers on the wire', async () => {
    const got: { headers: IncomingHttpHeaders; body: Buffer }[] = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        got.push({ headers: req.headers, body: Buffer.concat(chunks) });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/komoju`;
      const h = harness({ komoju: { webhooks: [{ url, secret: SECRET }] } });
      const session = (await h.createSession())['id'] as string;
      await h.pay(session, card('4111111111111111'));
      await h.sandbox.komoju.webhooks.idle();
      assert.equal(got.length, 1);
      const [request] = got;
      assert.ok(request);
      assert.equal(request.headers['content-type'], 'application/json');
      assert.equal(request.headers['user-agent'], 'Komoju-Webhook');
      assert.equal(request.headers['x-komoju-event'], 'payment.captured');
      assert.equal(request.headers['x-komoju-id'], h.sandbox.komoju.inspect.deliveries()[0]?.id);
      assert.equal(request.headers['x-komoju-signature'], createHmac('sha256', SECRET).update(request.body).digest('hex'));
    } finally {
      server.close();
    }
  });
});
