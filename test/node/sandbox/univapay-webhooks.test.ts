import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { createSandbox, type UnivapayEmulatorOptions } from '../../../src/sandbox/index.ts';
import { submitForm } from './helpers.ts';
import { FakeClock, Receiver, waitFor } from './webhook-helpers.ts';

/**
 * UnivaPay's webhooks from the emulator (docs/providers.md, "UnivaPay", "Webhooks"): `charge_updated`
 * and `charge_finished` as charges change, konbini charges paid or expired later included; the
 * `Authorization` header verbatim; the envelope; UnivaPay's retry rules (3xx stops, 4xx up to 10
 * tries, 3 s timeout) and the webhook stopped after them.
 */

const PAGE = 'http://localhost:5173';
const API = 'http://127.0.0.1:5173/sandbox/univapay';
const HOOK = 'http://localhost:5173/webhooks/univapay';
const AUTH = 'Bearer 6fb2a6f0-1c44-4a58-9f2e-9d3a1c0b7e21';
/** 2025-03-01 10:00 JST. */
const START = '2025-03-01T01:00:00.000Z';
/** The UnivaPay FAQ's retry rule: 10 tries including the first. */
const ALL_TRIES_MS = 4 * 3_600_000;

async function setup(options: Omit<UnivapayEmulatorOptions, 'basePath'> = {}) {
  const clock = new FakeClock(START);
  const receiver = new Receiver();
  const sandbox = createSandbox({
    webhookFetch: receiver.fetch,
    webhookTimers: clock,
    univapay: { now: clock.now, webhooks: [{ url: HOOK, authToken: AUTH }], ...options },
  });
  const univapay = sandbox.univapay;
  const { appToken, secret, storeId } = await univapay.issueAppToken({ origins: [PAGE], directCardTokens: true });

  async function call(method: 'GET' | 'POST', path: string, body?: unknown, browser = false) {
    const headers: Record<string, string> = { Accept: 'application/json', Authorization: browser ? `Bearer ${appToken}` : `Bearer ${secret}.${appToken}` };
    if (browser) headers['Origin'] = PAGE;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await sandbox.fetch(`${API}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  /** A konbini charge, created by the merchant's server; nobody reads it afterwards. */
  async function konbiniCharge(store = 'lawson'): Promise<string> {
    const token = await call(
      'POST',
      '/tokens',
      {
        payment_type: 'konbini',
        type: 'one_time',
        email: 'demo@univapay.com',
        data: { customer_name: 'テスト 太郎', convenience_store: store, phone_number: { country_code: '81', local_number: '0364413400' } },
      },
      true,
    );
    assert.equal(token.status, 201, JSON.stringify(token.body));
    const charge = await call('POST', '/charges', { transaction_token_id: token.body['id'], amount: 1500, currency: 'jpy' });
    assert.equal(charge.status, 201, JSON.stringify(charge.body));
    assert.equal(charge.body['status'], 'pending');
    return charge.body['id'] as string;
  }

  async function cardCharge(number: string): Promise<string> {
    const token = await call(
      'POST',
      '/tokens',
      {
        payment_type: 'card',
        type: 'one_time',
        email: 'taro@example.jp',
        data: { cardholder: 'TARO YAMADA', card_number: number, exp_month: 12, exp_year: 2030, cvv: '123' },
      },
      true,
    );
    assert.equal(token.status, 201, JSON.stringify(token.body));
    const charge = await call('POST', '/charges', {
      transaction_token_id: token.body['id'],
      amount: 1500,
      currency: 'jpy',
      three_ds: { mode: 'normal', redirect_endpoint: `${PAGE}/checkout` },
    });
    assert.equal(charge.status, 201, JSON.stringify(charge.body));
    return charge.body['id'] as string;
  }

  const getCharge = async (id: string) => (await call('GET', `/stores/${storeId}/charges/${id}`)).body;
  const slip = (id: string) => `${API}/konbini/${id}`;
  return { clock, receiver, sandbox, univapay, konbiniCharge, cardCharge, getCharge, slip };
}

type Delivered = { id: string; event: string; data: Record<string, unknown>; created_on: string };
const bodies = (receiver: Receiver): Delivered[] => receiver.received.map((r) => r.json as unknown as Delivered);

describe('UnivaPay sandbox: webhook deliveries', () => {
  it('a konbini charge awaiting sends charge_updated by itself, with Authorization verbatim and the charge as the API answers it', async () => {
    const { receiver, univapay, konbiniCharge, getCharge } = await setup();
    const id = await konbiniCharge('seven_eleven');
    await univapay.webhooks.idle();

    assert.equal(receiver.received.length, 1);
    const [request] = receiver.received;
    assert.ok(request);
    assert.equal(request.method, 'POST');
    assert.equal(request.url, HOOK);
    assert.deepEqual(request.headers, { authorization: AUTH, 'content-type': 'application/json' });
    const body = request.json;
    assert.deepEqual(Object.keys(body), ['id', 'event', 'data', 'created_on']);
    assert.equal(body['event'], 'charge_updated');
    assert.match(body['id'] as string, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    assert.equal(body['created_on'], '2025-03-01T01:00:00.000000Z');
    const data = body['data'] as Record<string, unknown>;
    assert.equal(data['id'], id);
    assert.equal(data['status'], 'awaiting');
    assert.match((data['metadata'] as Record<string, string>)['internal_convenience_payment_number'] ?? '', /^\d{13}$/);
    assert.deepEqual(data, await getCharge(id));

    const [delivery] = univapay.inspect.deliveries();
    assert.deepEqual(
      [delivery?.id, delivery?.event, delivery?.url, delivery?.resourceId, delivery?.status],
      [body['id'], 'charge_updated', HOOK, id, 'delivered'],
    );
  });

  it('marked paid on the slip page: charge_finished, successful', async () => {
    const { receiver, sandbox, univapay, konbiniCharge, getCharge, slip } = await setup();
    const id = await konbiniCharge();
    assert.equal((await submitForm(sandbox, slip(id), { action: 'paid' })).status, 303);
    await univapay.webhooks.idle();
    assert.deepEqual(bodies(receiver).map((b) => [b.event, b.data['status'], b.data['id']]), [
      ['charge_updated', 'awaiting', id],
      ['charge_finished', 'successful', id],
    ]);
    assert.deepEqual(bodies(receiver)[1]?.data, await getCharge(id));
  });

  it('marked expired on the slip page: charge_finished, failed', async () => {
    const { receiver, sandbox, univapay, konbiniCharge, slip } = await setup();
    const id = await konbiniCharge('family_mart');
    await submitForm(sandbox, slip(id), { action: 'expired' });
    await univapay.webhooks.idle();
    assert.deepEqual(bodies(receiver).map((b) => [b.event, b.data['status'], b.data['id']]), [
      ['charge_updated', 'awaiting', id],
      ['charge_finished', 'failed', id],
    ]);
  });

  it('a konbini deadline passing sends charge_finished (failed) when it passes, with no request', async () => {
    const { clock, receiver, univapay, konbiniCharge } = await setup({ konbini: { deadlineDays: 1 } });
    const id = await konbiniCharge();
    await univapay.webhooks.idle();
    // 23:59:59 JST the next day.
    await clock.advance(Date.parse('2025-03-02T14:59:59Z') - clock.now().getTime());
    assert.equal(receiver.received.length, 1);
    await clock.advance(1_000);
    await univapay.webhooks.idle();
    assert.deepEqual(bodies(receiver).map((b) => [b.event, b.data['status'], b.data['id']]), [
      ['charge_updated', 'awaiting', id],
      ['charge_finished', 'failed', id],
    ]);
    // Sent when the deadline has passed: the first millisecond after it.
    assert.equal(bodies(receiver)[1]?.created_on, '2025-03-02T14:59:59.001000Z');
  });

  it('cards: successful after processing, 3-D Secure awaiting then finished; no Authorization without a token', async () => {
    const { clock, receiver, sandbox, univapay, cardCharge } = await setup({ webhooks: [{ url: HOOK }], processingMs: 2_000 });
    const paid = await cardCharge('4242424242424242');
    await univapay.webhooks.idle();
    assert.equal(receiver.received.length, 0, 'still pending');
    await clock.advance(2_000);
    await univapay.webhooks.idle();
    assert.deepEqual(bodies(receiver).map((b) => [b.event, b.data['status'], b.data['id']]), [['charge_finished', 'successful', paid]]);
    assert.deepEqual(receiver.received[0]?.headers, { 'content-type': 'application/json' });

    const declined = await cardCharge('4111111111111111');
    const challenged = await cardCharge('4000000000003220');
    await clock.advance(2_000);
    await univapay.webhooks.idle();
    const form = await sandbox.fetch(`${API}/three_ds/challenge/${challenged}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: new URL(API).origin },
      body: 'result=complete',
      redirect: 'manual',
    });
    assert.equal(form.status, 303);
    await univapay.webhooks.idle();
    assert.deepEqual(bodies(receiver).slice(1).map((b) => [b.event, b.data['status'], b.data['id']]), [
      ['charge_finished', 'failed', declined],
      ['charge_updated', 'awaiting', challenged],
      ['charge_finished', 'successful', challenged],
    ]);
  });

  it('sends the older envelope {event, data} when asked', async () => {
    const { receiver, univapay, konbiniCharge } = await setup({ webhookPayload: 'event-and-data' });
    await konbiniCharge();
    await univapay.webhooks.idle();
    assert.deepEqual(Object.keys(receiver.received[0]?.json ?? {}), ['event', 'data']);
    assert.match(univapay.inspect.deliveries()[0]?.id ?? '', /^[0-9a-f-]{36}$/);
  });

  it('a 3xx answer is not retried and stops the webhook until it is enabled again', async () => {
    const { clock, receiver, sandbox, univapay, konbiniCharge, slip } = await setup();
    receiver.answer = (_request, index) => (index === 0 ? 302 : 200);
    const id = await konbiniCharge();
    await univapay.webhooks.idle();
    await submitForm(sandbox, slip(id), { action: 'paid' });
    await clock.advance(ALL_TRIES_MS);
    await univapay.webhooks.idle();
    assert.equal(receiver.received.length, 1);
    const [delivery] = univapay.inspect.deliveries();
    assert.deepEqual([delivery?.status, delivery?.givenUpReason, delivery?.attempts.map((a) => a.status)], ['given_up', 'not_retried', [302]]);
    const [webhook] = univapay.webhooks.list();
    assert.equal(webhook?.active, false);
    // A stopped webhook gets nothing (charge_finished was not even queued for it).
    assert.equal(univapay.inspect.deliveries().length, 1);

    assert.equal(univapay.webhooks.enable(webhook?.id ?? ''), true);
    await submitForm(sandbox, slip(await konbiniCharge()), { action: 'expired' });
    await univapay.webhooks.idle();
    assert.deepEqual(bodies(receiver).slice(1).map((b) => [b.event, b.data['status']]), [
      ['charge_updated', 'awaiting'],
      ['charge_finished', 'failed'],
    ]);
  });

  it('a 4xx answer is tried 10 times in all, with the same id and body, then given up and the webhook stopped', async () => {
    const { clock, receiver, sandbox, univapay, konbiniCharge, slip } = await setup();
    receiver.answer = () => 404;
    const id = await konbiniCharge();
    await waitFor(() => receiver.received.length === 1, 'the first try');
    // Marked paid while the first delivery retries: charge_finished waits behind it.
    await submitForm(sandbox, slip(id), { action: 'paid' });
    await clock.advance(ALL_TRIES_MS);
    await univapay.webhooks.idle();

    assert.equal(receiver.received.length, 10);
    assert.ok(receiver.received.every((r) => r.raw.equals(receiver.received[0]?.raw ?? Buffer.alloc(0))));
    assert.ok(receiver.received.every((r) => r.json['event'] === 'charge_updated'));
    const [updated, finished] = univapay.inspect.deliveries();
    assert.equal(updated?.attempts.length, 10);
    assert.ok(updated?.attempts.every((a) => a.status === 404));
    assert.deepEqual([updated?.status, updated?.givenUpReason], ['given_up', 'attempts_exhausted']);
    assert.deepEqual([finished?.event, finished?.status, finished?.givenUpReason, finished?.attempts.length], [
      'charge_finished',
      'given_up',
      'webhook_disabled',
      0,
    ]);
    assert.equal(univapay.webhooks.list()[0]?.active, false);
  });

  it('a 500 is retried too, and a later 200 ends it', async () => {
    const { clock, receiver, univapay, konbiniCharge } = await setup();
    receiver.answer = (_request, index) => (index < 3 ? 500 : 200);
    await konbiniCharge();
    await waitFor(() => receiver.received.length === 1);
    await clock.advance(ALL_TRIES_MS);
    await univapay.webhooks.idle();
    assert.deepEqual(univapay.inspect.deliveries()[0]?.attempts.map((a) => [a.at, a.status]), [
      ['2025-03-01T01:00:00.000Z', 500],
      ['2025-03-01T01:00:01.000Z', 500],
      ['2025-03-01T01:00:06.000Z', 500],
      ['2025-03-01T01:00:36.000Z', 200],
    ]);
    assert.equal(univapay.inspect.deliveries()[0]?.status, 'delivered');
    assert.equal(univapay.webhooks.list()[0]?.active, true);
  });

  it('no answer within 3 s counts as a failure: the request is aborted and tried again', async () => {
    const signals: AbortSignal[] = [];
    const t = await setup({
      webhookFetch: (input, init) => {
        if (init.signal) signals.push(init.signal);
        return t.receiver.fetch(input, init);
      },
    });
    const { clock, receiver, univapay, konbiniCharge } = t;
    // The first request is answered after 5 s: too late.
    receiver.answer = (_request, index) => (index > 0 ? 200 : new Promise<number>((resolve) => clock.setTimeout(() => resolve(200), 5_000)));
    await konbiniCharge();
    await waitFor(() => receiver.received.length === 1);
    await clock.advance(2_999);
    assert.equal(univapay.inspect.deliveries()[0]?.attempts.length, 0, 'still waiting at 2.999 s');
    await clock.advance(1);
    await waitFor(() => univapay.inspect.deliveries()[0]?.attempts.length === 1);
    assert.deepEqual(univapay.inspect.deliveries()[0]?.attempts[0], { at: START, status: null, error: 'timeout', message: null });
    assert.equal(signals[0]?.aborted, true);
    await clock.advance(1_000);
    await univapay.webhooks.idle();
    assert.equal(receiver.received.length, 2);
    assert.deepEqual(univapay.inspect.deliveries()[0]?.attempts.map((a) => [a.at, a.status, a.error]), [
      [START, null, 'timeout'],
      ['2025-03-01T01:00:04.000Z', 200, null],
    ]);
    assert.equal(univapay.inspect.deliveries()[0]?.status, 'delivered');
  });
});

describe('UnivaPay sandbox: webhooks over the network', () => {
  it('does not follow a redirect: a real 302 stops the webhook', async () => {
    let hits = 0;
    const server = createServer((req, res) => {
      hits++;
      req.resume();
      res.writeHead(302, { Location: '/elsewhere' }).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/univapay`;
      const sandbox = createSandbox({ univapay: { webhooks: [{ url, authToken: AUTH }] } });
      const univapay = sandbox.univapay;
      const { secret, appToken: token } = await univapay.issueAppToken({ origins: [PAGE] });
      const tokenAnswer = await sandbox.fetch(`${API}/tokens`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, Origin: PAGE, 'Content-Type': 'application/json' },
        body: JSON.stringify({
          payment_type: 'konbini',
          type: 'one_time',
          email: 'demo@univapay.com',
          data: { customer_name: 'テスト 太郎', convenience_store: 'lawson', phone_number: { country_code: '81', local_number: '0364413400' } },
        }),
      });
      const tokenId = ((await tokenAnswer.json()) as { id: string }).id;
      await sandbox.fetch(`${API}/charges`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${secret}.${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ transaction_token_id: tokenId, amount: 1500, currency: 'jpy' }),
      });
      await univapay.webhooks.idle();
      assert.equal(hits, 1);
      assert.deepEqual(univapay.inspect.deliveries()[0]?.attempts.map((a) => a.status), [302]);
      assert.equal(univapay.webhooks.list()[0]?.active, false);
    } finally {
      server.close();
    }
  });
});
