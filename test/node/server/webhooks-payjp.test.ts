import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createKessaiWebhookHandler, type KessaiWebhookEvent } from '../../../src/server/index.ts';
import { createSandbox } from '../../../src/sandbox/index.ts';

/**
 * PAY.JP's webhooks through `createKessaiWebhookHandler`: the account's token in
 * `X-Payjp-Webhook-Token` (compared whole), the Event's `data` the Payment Flow. The deliveries are the
 * sandbox emulator's own, made by a payment through PAY.JP's v2 API, as PAY.JP would send them.
 */

const TOKEN = 'whook_test_kessai_0123456789abcdef';

async function deliveriesOfAPayment() {
  const sandbox = createSandbox({ payjp: { webhookToken: TOKEN, webhooks: [{ url: 'https://shop.example/webhooks/payjp' }] }, webhookFetch: async () => new Response('ok') });
  const api = `http://127.0.0.1:5173${sandbox.payjp.basePath}/v2`;
  const auth = { Authorization: `Bearer ${sandbox.payjp.secretKey}`, 'Content-Type': 'application/json' };
  const created = await sandbox.fetch(`${api}/payment_flows`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify({ amount: 1980, currency: 'jpy', payment_method_types: ['card'], metadata: { order_id: 'ORDER-7' } }),
  });
  const flow = (await created.json()) as { id: string; client_secret: string };
  const pk = { Authorization: `Basic ${btoa(`${sandbox.payjp.publicKey}:`)}`, 'Content-Type': 'application/json' };
  const confirmed = await sandbox.fetch(`${api}/payment_flows/${flow.id}/confirm`, {
    method: 'POST',
    headers: { ...pk, Origin: 'http://localhost:5173' },
    body: JSON.stringify({
      client_secret: flow.client_secret,
      return_url: 'http://localhost:5173/checkout',
      payment_method_data: { type: 'card', card: { number: '4242424242424242', exp_month: 12, exp_year: 2030, cvc: '123' } },
    }),
  });
  assert.equal(confirmed.status, 200, await confirmed.clone().text());
  await sandbox.payjp.webhooks.idle();
  return { flow, deliveries: sandbox.payjp.inspect.deliveries() };
}

describe('PAY.JP webhooks', () => {
  it('a payment_flow.succeeded delivery with the account token reaches onEvent, normalized', async () => {
    const { flow, deliveries } = await deliveriesOfAPayment();
    const events: KessaiWebhookEvent[] = [];
    const handler = createKessaiWebhookHandler({ provider: 'payjp', webhookToken: TOKEN, onEvent: (e) => void events.push(e), onLog: () => undefined });
    const succeeded = deliveries.filter((d) => d.event === 'payment_flow.succeeded');
    assert.equal(succeeded.length, 1, JSON.stringify(deliveries.map((d) => d.event)));
    for (const delivery of deliveries) {
      const answer = await handler(new Request('https://shop.example/webhooks/payjp', { method: 'POST', headers: delivery.headers, body: delivery.body }));
      assert.equal(answer.status, 200);
    }
    const paid = events.find((e) => e.type === 'payment_flow.succeeded');
    assert.deepEqual(
      paid && { provider: paid.provider, paymentId: paid.paymentId, status: paid.status, amount: paid.amount, currency: paid.currency, orderId: paid.orderId, method: paid.method },
      { provider: 'payjp', paymentId: flow.id, status: 'succeeded', amount: 1980, currency: 'JPY', orderId: 'ORDER-7', method: 'card' },
    );
  });

  it('a missing or wrong token is refused with 401, and never reaches onEvent', async () => {
    const { deliveries } = await deliveriesOfAPayment();
    const delivery = deliveries.find((d) => d.event === 'payment_flow.succeeded')!;
    let called = 0;
    const handler = createKessaiWebhookHandler({ provider: 'payjp', webhookToken: TOKEN, onEvent: () => void (called += 1), onLog: () => undefined });
    const headers = new Headers(delivery.headers);
    headers.set('X-Payjp-Webhook-Token', `${TOKEN}x`);
    assert.equal((await handler(new Request('https://shop.example/w', { method: 'POST', headers, body: delivery.body }))).status, 401);
    headers.delete('X-Payjp-Webhook-Token');
    assert.equal((await handler(new Request('https://shop.example/w', { method: 'POST', headers, body: delivery.body }))).status, 401);
    assert.equal(called, 0);
  });

  it('an event type it does not read is acknowledged and ignored', async () => {
    let called = 0;
    const handler = createKessaiWebhookHandler({ provider: 'payjp', webhookToken: TOKEN, onEvent: () => void (called += 1), onLog: () => undefined });
    const answer = await handler(
      new Request('https://shop.example/w', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Payjp-Webhook-Token': TOKEN },
        body: JSON.stringify({ object: 'event', id: 'evt_1', type: 'customer.created', data: { id: 'cus_1' } }),
      }),
    );
    assert.equal(answer.status, 200);
    assert.equal(called, 0);
  });
});
