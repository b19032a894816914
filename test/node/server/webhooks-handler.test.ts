import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  createMemoryDedupeStore,
  createWebhookHandlerForProvider,
  kessaiWebhookEventSchema,
  type KessaiWebhookEvent,
  type KessaiWebhookLog,
  type WebhookProvider,
} from '../../../src/server/index.ts';

const EVENT: KessaiWebhookEvent = {
  provider: 'komoju',
  deliveryId: 'dlv_1',
  type: 'payment.captured',
  paymentId: 'pay_1',
  status: 'succeeded',
  amount: 1500,
  currency: 'JPY',
};

describe('createMemoryDedupeStore', () => {
  it('remembers keys for ttlMs', () => {
    let now = 1_000;
    const store = createMemoryDedupeStore({ ttlMs: 100, now: () => now });
    assert.equal(store.seen('a'), false);
    void store.remember('a', EVENT);
    assert.equal(store.seen('a'), true);
    now += 99;
    assert.equal(store.seen('a'), true);
    now += 1;
    assert.equal(store.seen('a'), false);
  });

  it('keeps at most maxEntries, forgetting the oldest first', () => {
    const store = createMemoryDedupeStore({ maxEntries: 3 });
    for (const key of ['a', 'b', 'c', 'd']) void store.remember(key, EVENT);
    assert.deepEqual(['a', 'b', 'c', 'd'].map((key) => store.seen(key)), [false, true, true, true]);
    void store.remember('b', EVENT); // remembered again: now the newest
    void store.remember('e', EVENT);
    assert.deepEqual(['b', 'c', 'd', 'e'].map((key) => store.seen(key)), [true, false, true, true]);
  });

  it('defaults to 10 000 keys', () => {
    const store = createMemoryDedupeStore();
    for (let i = 0; i <= 10_000; i += 1) void store.remember(`k${i}`, EVENT);
    assert.equal(store.seen('k0'), false);
    assert.equal(store.seen('k1'), true);
    assert.equal(store.seen('k10000'), true);
  });

  it('refuses nonsense limits', () => {
    assert.throws(() => createMemoryDedupeStore({ maxEntries: 0 }), /maxEntries/);
    assert.throws(() => createMemoryDedupeStore({ ttlMs: -1 }), /ttlMs/);
  });
});

describe('kessaiWebhookEventSchema', () => {
  it('takes the normalized event and nothing more', () => {
    assert.equal(kessaiWebhookEventSchema.safeParse(EVENT).success, true);
    assert.equal(kessaiWebhookEventSchema.safeParse({ ...EVENT, last4: '4242' }).success, false);
    assert.equal(kessaiWebhookEventSchema.safeParse({ ...EVENT, status: 'captured' }).success, false);
    assert.equal(kessaiWebhookEventSchema.safeParse({ ...EVENT, currency: 'jpy' }).success, false);
    assert.equal(kessaiWebhookEventSchema.safeParse({ ...EVENT, amount: -1 }).success, false);
  });
});

describe('createWebhookHandlerForProvider', () => {
  /** A provider whose interpretation the test decides. */
  function provider(interpret: WebhookProvider['interpret']): WebhookProvider {
    return { name: 'komoju', credential: 'X-Test', signsBody: false, authenticate: async () => 'ok', interpret };
  }
  const post = (body = '{}') => new Request('https://shop.example/hook', { method: 'POST', body });

  it('an event that breaks the normalized schema (a card number slipped in) is 400 and not passed on', async () => {
    const events: KessaiWebhookEvent[] = [];
    const handler = createWebhookHandlerForProvider(
      provider(() => ({
        kind: 'event',
        providerStatus: 'captured',
        event: { ...EVENT, cardNumber: '4242424242424242' } as KessaiWebhookEvent,
      })),
      { onEvent: (e) => void events.push(e), onLog: () => undefined },
    );
    const response = await handler(post());
    assert.equal(response.status, 400);
    assert.ok(!(await response.text()).includes('4242424242424242'));
    assert.equal(events.length, 0);
  });

  it('a provider module that throws is 500 internal_error, logged; a throwing onLog changes nothing', async () => {
    const logs: KessaiWebhookLog[] = [];
    const handler = createWebhookHandlerForProvider(
      provider(() => {
        throw new Error('bug');
      }),
      {
        onEvent: () => undefined,
        onLog: (entry) => {
          logs.push(entry);
          throw new Error('the logger is broken too');
        },
      },
    );
    const response = await handler(post());
    assert.equal(response.status, 500);
    assert.deepEqual(await response.json(), { error: { code: 'internal_error', message: 'Something went wrong on the server.' } });
    assert.equal(logs[0]?.type, 'webhook_internal_error');
  });

  it('different keys do not wait for each other', async () => {
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const seen: string[] = [];
    let n = 0;
    const handler = createWebhookHandlerForProvider(
      provider(() => ({ kind: 'event', providerStatus: 'captured', event: { ...EVENT, deliveryId: `dlv_${(n += 1)}` } })),
      {
        onLog: () => undefined,
        onEvent: async (event) => {
          seen.push(event.deliveryId);
          if (event.deliveryId === 'dlv_1') await gate;
        },
      },
    );
    const first = handler(post());
    const second = await handler(post());
    assert.equal(second.status, 200, 'answered while the first is still held');
    assert.deepEqual(seen, ['dlv_1', 'dlv_2']);
    release();
    assert.equal((await first).status, 200);
  });

  it('checks its configuration', () => {
    const p = provider(() => ({ kind: 'invalid', message: 'x' }));
    assert.throws(() => createWebhookHandlerForProvider(p, { onEvent: () => undefined, maxBodyBytes: 0 }), /maxBodyBytes/);
    assert.throws(
      () =>
        createWebhookHandlerForProvider(p, {
          onEvent: () => undefined,
          dedupe: { seen: () => false } as never,
        }),
      /dedupe/,
    );
  });
});
