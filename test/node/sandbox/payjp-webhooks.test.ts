/**
 * The PAY.JP emulator's webhooks, received the way PAY.JP's own sample server receives them
 * (payjp/payjpv2-samples `server/index.js`: the `X-Payjp-Webhook-Token` header compared with the
 * account's token by `crypto.timingSafeEqual`, then the raw body parsed as JSON and `event.type` read),
 * each body checked against @payjp/payjpv2's `EventResponse`.
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { describe } from 'node:test';
import { createPaymentFlow, getEvent, type EventResponse } from '@payjp/payjpv2';
import { conformance } from '../conformance/checks.ts';
import { browserConfirm, newSandbox, sdkClient } from './payjp-helpers.ts';

const EVENT_KEYS = ['object', 'id', 'livemode', 'type', 'pending_webhooks', 'data', 'created_at', 'updated_at'] as const satisfies readonly (keyof EventResponse)[];

/** The sample server's check, as it is written there. */
function sampleAccepts(headers: Headers, expectedToken: string): boolean {
  const tokenBuf = Buffer.from(String(headers.get('x-payjp-webhook-token') ?? ''), 'utf8');
  const expectedBuf = Buffer.from(expectedToken, 'utf8');
  return tokenBuf.length === expectedBuf.length && crypto.timingSafeEqual(tokenBuf, expectedBuf);
}

describe('PAY.JP emulator webhooks', () => {
  conformance('payjp.sample.webhooks', async () => {
    const received: { headers: Headers; body: string }[] = [];
    const sandbox = newSandbox({
      webhookFetch: async (_url, init) => {
        received.push({ headers: new Headers(init.headers), body: String(init.body) });
        return new Response('{"received":true}', { status: 200 });
      },
      payjp: { webhookToken: 'whook_shop_token_0001', webhooks: [{ url: 'https://shop.example/webhook' }] },
    });
    const client = sdkClient(sandbox);
    const ok = (await createPaymentFlow({ client, body: { amount: 1000, currency: 'jpy', metadata: { order_id: 'A-1' } }, throwOnError: true })).data;
    assert.equal((await browserConfirm(sandbox, 'payment_flows', ok.id, ok.client_secret, '4242424242424242')).status, 200);
    const bad = (await createPaymentFlow({ client, body: { amount: 1000, currency: 'jpy' }, throwOnError: true })).data;
    assert.equal((await browserConfirm(sandbox, 'payment_flows', bad.id, bad.client_secret, '4000000000000002')).status, 402);
    const tds = (await createPaymentFlow({ client, body: { amount: 1000, currency: 'jpy' }, throwOnError: true })).data;
    assert.equal((await browserConfirm(sandbox, 'payment_flows', tds.id, tds.client_secret, '4000000000003220')).status, 200);
    await sandbox.payjp.webhooks.idle();

    assert.deepEqual(received.map((r) => (JSON.parse(r.body) as EventResponse).type), ['payment_flow.succeeded', 'payment_flow.payment_failed', 'payment_flow.requires_action']);
    for (const delivery of received) {
      assert.ok(sampleAccepts(delivery.headers, 'whook_shop_token_0001'), 'the sample server accepts the token');
      assert.ok(!sampleAccepts(delivery.headers, 'whook_other_token_0001'), 'and refuses another account');
      const event = JSON.parse(delivery.body) as EventResponse;
      for (const key of EVENT_KEYS) assert.ok(Object.hasOwn(event, key), key);
      assert.equal(event.object, 'event');
      assert.equal(event.livemode, false);
      assert.equal(event.pending_webhooks, 1);
    }
    const succeeded = JSON.parse(received[0]?.body ?? '{}') as EventResponse;
    // docs.pay.jp/v2/guide/developers/event-webhook: `const paymentFlow = event.data; paymentFlow.metadata.order_id`.
    assert.equal((succeeded.data as { id: string; metadata: { order_id: string } }).id, ok.id);
    assert.equal((succeeded.data as { metadata: { order_id: string } }).metadata.order_id, 'A-1');
    const failed = JSON.parse(received[1]?.body ?? '{}') as EventResponse;
    assert.equal(typeof (failed.data as { last_payment_error: { message: string } }).last_payment_error.message, 'string');
    // The same event through the SDK's GET /v2/events/{id}.
    const read = (await getEvent({ client, path: { event_id: succeeded.id }, throwOnError: true })).data;
    assert.equal(read.type, 'payment_flow.succeeded');
    assert.deepEqual(sandbox.payjp.inspect.deliveries().map((d) => d.status), ['delivered', 'delivered', 'delivered']);
  });
});
