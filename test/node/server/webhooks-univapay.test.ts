import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  createKessaiWebhookHandler,
  type KessaiWebhookEvent,
  type UnivapayWebhookConfig,
} from '../../../src/server/index.ts';
import { endlessBody, fixture, LeakRecorder, recordingCallback } from './webhooks-support.ts';

/** A long random value, as UnivaPay's EC-CUBE plugin makes one (`crypto.randomUUID()`), with a scheme. */
const AUTH = 'Bearer 9b2f6c1e-4d7a-4e58-a1c3-7f0e2d9b6a44';
const URL_BASE = 'https://shop.example/webhooks/univapay';
const recorder = new LeakRecorder();
const sentBodies: string[] = [];

/**
 * The docs' example delivery (docs.univapay.com webhooks; univapay-php-sdk examples/parse_webhook_data.php):
 * `{ event, data: <charge> }`, here for a card charge our server module made (its `kessai_*` metadata).
 */
function docsExample(changes: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    event: 'charge_finished',
    data: {
      id: '11e8d04b-8b1b-4e5c-9d2f-3a4b5c6d7e8f',
      store_id: '11ec9f7f-fb01-2620-af32-af7eb1bedc1a',
      transaction_token_id: '11e8d04b-6a2c-4b1d-8e3f-1a2b3c4d5e6f',
      transaction_token_type: 'one_time',
      subscription_id: null,
      requested_amount: 1500,
      requested_currency: 'JPY',
      requested_amount_formatted: 1500,
      charged_amount: 1500,
      charged_currency: 'JPY',
      charged_amount_formatted: 1500,
      status: 'successful',
      error: null,
      metadata: { kessai_attempt: 'Zq3v0cM2bqfA1m9n8KX4Lw', kessai_method: 'card', kessai_order_id: 'ORDER-2001' },
      mode: 'test',
      created_on: '2025-03-02T09:30:00.123456Z',
      ...changes,
    },
  };
}

/** A delivery of a charge fixture (test/fixtures/univapay). */
function chargeDelivery(event: string, name: string, changes: Record<string, unknown> = {}): Record<string, unknown> {
  return { event, data: { ...fixture('univapay', name), ...changes } };
}

interface SendOptions {
  authorization?: string | null;
  method?: string;
  body?: BodyInit;
  headers?: Record<string, string>;
}

function setup(overrides: Partial<UnivapayWebhookConfig> = {}) {
  const callback = recordingCallback();
  const handler = createKessaiWebhookHandler({
    provider: 'univapay',
    authToken: AUTH,
    onEvent: callback.onEvent,
    onLog: recorder.onLog,
    ...overrides,
  } as UnivapayWebhookConfig);
  async function send(label: string, body: unknown, options: SendOptions = {}): Promise<Response> {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    const headers = new Headers({ 'Content-Type': 'application/json', ...options.headers });
    const authorization = options.authorization === undefined ? AUTH : options.authorization;
    if (authorization !== null) headers.set('Authorization', authorization);
    const method = options.method ?? 'POST';
    if (options.body === undefined) sentBodies.push(text);
    const init: RequestInit & { duplex?: 'half' } = {
      method,
      headers,
      ...(method === 'GET' ? {} : { body: options.body ?? text, duplex: 'half' }),
    };
    return recorder.record(label, await handler(new Request(URL_BASE, init)));
  }
  return { callback, send };
}

describe('UnivaPay webhooks: events', () => {
  it("the docs' charge_finished example: one normalized event, its id made of event, charge, status and updated_on", async () => {
    const { send, callback } = setup();
    const response = await send('docs example', docsExample());
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { ok: true, result: 'delivered' });
    assert.deepEqual(callback.events, [
      {
        provider: 'univapay',
        deliveryId: 'charge_finished:11e8d04b-8b1b-4e5c-9d2f-3a4b5c6d7e8f:successful:',
        type: 'charge_finished',
        paymentId: '11e8d04b-8b1b-4e5c-9d2f-3a4b5c6d7e8f',
        orderId: 'ORDER-2001',
        status: 'succeeded',
        amount: 1500,
        currency: 'JPY',
        method: 'card',
      },
    ] satisfies KessaiWebhookEvent[]);
    // The same notification again (no delivery id: the derived one) reaches the callback once.
    assert.deepEqual(await (await send('docs example again', docsExample())).json(), { ok: true, result: 'duplicate' });
    // The charge updated later is another notification.
    await send('docs example updated', docsExample({ updated_on: '2025-03-02T09:31:00Z' }));
    assert.equal(callback.events[1]?.deliveryId, 'charge_finished:11e8d04b-8b1b-4e5c-9d2f-3a4b5c6d7e8f:successful:2025-03-02T09:31:00Z');
    assert.equal(callback.events.length, 2);
  });

  it('the newest envelope: the top-level id is the delivery id, created_on is occurredAt', async () => {
    const { send, callback } = setup();
    const body = {
      id: '11ef0000-0000-4000-8000-000000000001',
      ...docsExample(),
      created_on: '2026-04-09T07:35:50.000000Z',
    };
    assert.equal((await send('envelope', body)).status, 200);
    assert.equal(callback.events[0]?.deliveryId, '11ef0000-0000-4000-8000-000000000001');
    assert.equal(callback.events[0]?.occurredAt, '2026-04-09T07:35:50.000000Z');
    assert.equal((await (await send('envelope again', body)).json() as { result: string }).result, 'duplicate');
  });

  it('konbini: awaiting (charge_updated) is pending, paid is succeeded, failed at the deadline is expired', async () => {
    const { send, callback } = setup();
    const cases: [Record<string, unknown>, Partial<KessaiWebhookEvent>][] = [
      [chargeDelivery('charge_updated', 'charge-konbini-awaiting-lawson'), { status: 'pending', method: 'konbini', amount: 1500 }],
      [
        chargeDelivery('charge_finished', 'charge-konbini-awaiting-lawson', { status: 'successful', charged_amount: 1500, charged_currency: 'JPY' }),
        { status: 'succeeded', method: 'konbini' },
      ],
      [chargeDelivery('charge_finished', 'charge-konbini-failed-expired'), { status: 'expired', method: 'konbini', amount: 100 }],
      // A konbini charge refused with a payment error code failed; it did not run out of time.
      [
        chargeDelivery('charge_finished', 'charge-konbini-failed-expired', {
          id: '11ed07f5-345d-4308-a4c9-9f6b3663e190',
          error: { code: 327, message: 'processing error' },
        }),
        { status: 'failed', method: 'konbini' },
      ],
      // UnivaPay's own seed charge: no kessai_* metadata, but its konbini payment number says konbini.
      [chargeDelivery('charge_updated', 'seed-charge-konbini-awaiting'), { status: 'pending', method: 'konbini' }],
    ];
    for (const [index, [body]] of cases.entries()) {
      assert.equal((await send(`konbini ${index}`, body)).status, 200, `case ${index}`);
    }
    assert.equal(callback.events.length, cases.length);
    for (const [index, [, expected]] of cases.entries()) {
      const event = callback.events[index];
      for (const [key, value] of Object.entries(expected)) {
        assert.deepEqual(event?.[key as keyof KessaiWebhookEvent], value, `case ${index} ${key}`);
      }
    }
  });

  it('card charges: failed and error are failed, canceled is canceled, authorized is pending', async () => {
    const { send, callback } = setup();
    const names: [string, string, string][] = [
      ['charge_finished', 'charge-card-failed-306', 'failed'],
      ['charge_finished', 'charge-card-error-502', 'failed'],
      ['charge_finished', 'charge-card-canceled', 'canceled'],
      ['charge_updated', 'charge-card-authorized', 'pending'],
      ['charge_finished', 'charge-card-successful', 'succeeded'],
    ];
    for (const [event, name] of names) assert.equal((await send(name, chargeDelivery(event, name))).status, 200, name);
    assert.deepEqual(
      callback.events.map((e) => e.status),
      names.map(([, , status]) => status),
    );
    // A charge without an error code and without a konbini mark is a card failure, not an expiry.
    await send('plain failed', docsExample({ status: 'failed', metadata: {} }));
    assert.equal(callback.events.at(-1)?.status, 'failed');
    assert.equal(callback.events.at(-1)?.method, undefined);
  });

  it('the seed charge with a numeric metadata value and no kessai order id', async () => {
    const { send, callback } = setup();
    assert.equal((await send('seed', chargeDelivery('charge_finished', 'seed-charge-konbini-successful'))).status, 200);
    const event = callback.events[0];
    assert.equal(event?.status, 'succeeded');
    assert.equal(event?.orderId, undefined);
    assert.equal(event?.amount, 100);
  });

  it('a numeric kessai_order_id is read as text', async () => {
    const { send, callback } = setup();
    await send('numeric order', docsExample({ metadata: { kessai_order_id: 123456 } }));
    assert.equal(callback.events[0]?.orderId, '123456');
  });

  it('other events are answered 200 and not passed on; an unknown charge status too, with a log entry', async () => {
    const { send, callback } = setup();
    const token = await send('token event', { event: 'token_created', data: { id: 'tok_1', payment_type: 'card' } });
    assert.equal(token.status, 200);
    assert.deepEqual(await token.json(), { ok: true, result: 'ignored' });
    assert.equal((await send('refund event', { event: 'refund_finished', data: {} })).status, 200);
    assert.equal((await send('event without data', { event: 'recurring_token_deleted' })).status, 200);
    assert.equal((await send('charge event without data', { event: 'charge_finished' })).status, 400);
    assert.equal((await send('unknown status', docsExample({ status: 'disputed' }))).status, 200);
    assert.equal(callback.events.length, 0);
    assert.ok(recorder.logs.some((e) => e.type === 'webhook_ignored' && e.reason === 'unknown_status' && e.providerStatus === 'disputed'));
  });
});

describe('UnivaPay webhooks: the Authorization header', () => {
  it('wrong or missing is 401 and reaches no callback', async () => {
    const { send, callback } = setup();
    const missing = await send('missing auth', docsExample(), { authorization: null });
    assert.equal(missing.status, 401);
    assert.deepEqual(await missing.json(), {
      error: { code: 'unauthorized', message: 'The Authorization header is missing.' },
    });
    const wrong = await send('wrong auth', docsExample(), { authorization: 'Bearer 9b2f6c1e-4d7a-4e58-a1c3-7f0e2d9b6a45' });
    assert.equal(wrong.status, 401);
    assert.deepEqual(await wrong.json(), {
      error: { code: 'unauthorized', message: 'The Authorization header does not match.' },
    });
    // The whole value is compared: without its scheme, or with another one, it is wrong.
    assert.equal((await send('no scheme', docsExample(), { authorization: AUTH.slice('Bearer '.length) })).status, 401);
    assert.equal((await send('other scheme', docsExample(), { authorization: `Token ${AUTH.slice(7)}` })).status, 401);
    assert.equal((await send('prefix', docsExample(), { authorization: AUTH.slice(0, -1) })).status, 401);
    assert.equal((await send('longer', docsExample(), { authorization: `${AUTH}0` })).status, 401);
    assert.equal(callback.events.length, 0);
  });

  it('an authToken without a scheme is compared as it is', async () => {
    const { send, callback } = setup({ authToken: '6f1d0c3b2a49e8f7' });
    assert.equal((await send('bare token', docsExample(), { authorization: '6f1d0c3b2a49e8f7' })).status, 200);
    assert.equal((await send('bare token with scheme', docsExample(), { authorization: 'Bearer 6f1d0c3b2a49e8f7' })).status, 401);
    assert.equal(callback.events.length, 1);
  });

  it('authorization as a function: two values during a rotation; null when the header is absent', async () => {
    const headers: (string | null)[] = [];
    const { send, callback } = setup({
      authToken: undefined,
      authorization: (header) => {
        headers.push(header);
        return header === 'Bearer old-value-0001' || header === 'Bearer new-value-0002';
      },
    });
    assert.equal((await send('old', docsExample({ id: 'ch_old' }), { authorization: 'Bearer old-value-0001' })).status, 200);
    assert.equal((await send('new', docsExample({ id: 'ch_new' }), { authorization: 'Bearer new-value-0002' })).status, 200);
    assert.equal((await send('neither', docsExample(), { authorization: 'Bearer other' })).status, 401);
    assert.equal((await send('absent', docsExample(), { authorization: null })).status, 401);
    assert.deepEqual(headers, ['Bearer old-value-0001', 'Bearer new-value-0002', 'Bearer other', null]);
    assert.equal(callback.events.length, 2);
  });

  it('refuses a configuration with neither or both, or an empty token', () => {
    const onEvent = () => undefined;
    assert.throws(() => createKessaiWebhookHandler({ provider: 'univapay', onEvent } as unknown as UnivapayWebhookConfig), /authToken/);
    assert.throws(() => createKessaiWebhookHandler({ provider: 'univapay', authToken: '  ', onEvent }), /authToken/);
    assert.throws(
      () =>
        createKessaiWebhookHandler({
          provider: 'univapay',
          authToken: 'x',
          authorization: () => true,
          onEvent,
        } as unknown as UnivapayWebhookConfig),
      /not both/,
    );
    assert.throws(
      () => createKessaiWebhookHandler({ provider: 'nosuchpay', onEvent } as unknown as UnivapayWebhookConfig),
      /no webhooks for provider "nosuchpay"/,
    );
  });

  it('the token is checked before the body is read', async () => {
    const { send } = setup();
    const endless = endlessBody(4096);
    const response = await send('unauthorized endless', '', { authorization: 'Bearer nope', body: endless.stream });
    assert.equal(response.status, 401);
    assert.ok(endless.pulled() <= 4096 * 2, `pulled ${endless.pulled()} bytes`);
  });
});

describe('UnivaPay webhooks: bad deliveries', () => {
  it('a huge body is 413 (by Content-Length, and by counting a body without one, reading no further)', async () => {
    const { send, callback } = setup();
    const huge = docsExample({ metadata: { kessai_method: 'card', note: 'x'.repeat(70 * 1024) } });
    const response = await send('huge', huge);
    assert.equal(response.status, 413);
    assert.deepEqual(await response.json(), {
      error: { code: 'payload_too_large', message: 'The request body is larger than 65536 bytes.' },
    });
    const endless = endlessBody(4096);
    const streamed = await send('endless', '', { body: endless.stream });
    assert.equal(streamed.status, 413);
    assert.ok(endless.pulled() <= 64 * 1024 + 4096 * 3, `pulled ${endless.pulled()} bytes`);
    // Just under the limit is read.
    const { send: sendSmall } = setup({ maxBodyBytes: 512 });
    assert.equal((await sendSmall('over 512', docsExample())).status, 413);
    assert.equal(callback.events.length, 0);
  });

  it('not JSON is 400; not UTF-8 is 400', async () => {
    const { send, callback } = setup();
    const response = await send('not json', '{"event": "charge_finished", ');
    assert.equal(response.status, 400);
    assert.deepEqual(await response.json(), { error: { code: 'bad_request', message: 'The body is not valid JSON.' } });
    const latin1 = await send('not utf-8', '', { body: new Uint8Array([0x7b, 0xe9, 0x7d]) });
    assert.equal(latin1.status, 400);
    assert.equal(callback.events.length, 0);
  });

  it('the wrong shape is 400, naming the field and not its value', async () => {
    const { send, callback } = setup();
    assert.equal((await send('no event', { data: docsExample()['data'] })).status, 400);
    assert.equal((await send('string', '"charge_finished"')).status, 400);
    const noAmount = docsExample();
    delete (noAmount['data'] as Record<string, unknown>)['requested_amount'];
    const response = await send('no amount', noAmount);
    assert.equal(response.status, 400);
    assert.deepEqual(await response.json(), {
      error: {
        code: 'bad_request',
        message: 'The body is not a UnivaPay charge: "data.requested_amount" is missing or invalid.',
      },
    });
    const badCurrency = await send('bad currency', docsExample({ requested_currency: 'yen!' }));
    assert.equal(badCurrency.status, 400);
    assert.equal(callback.events.length, 0);
  });

  it('anything but POST is 405', async () => {
    const { send } = setup();
    for (const method of ['GET', 'PUT', 'OPTIONS']) {
      const response = await send(`method ${method}`, '', { method });
      assert.equal(response.status, 405, method);
      assert.equal(response.headers.get('allow'), 'POST');
    }
  });

  it('a failing callback is 500, then the retry is delivered', async () => {
    const { send, callback } = setup();
    callback.failNext(1);
    assert.equal((await send('fails', docsExample())).status, 500);
    assert.equal((await send('retried', docsExample())).status, 200);
    assert.equal(callback.events.length, 2);
  });
});

describe('UnivaPay webhooks: nothing secret in answers or logs', () => {
  it('no answer or log entry contains the Authorization value or a body', () => {
    assert.ok(recorder.answers.length > 30, 'the scan saw the suite');
    assert.ok(recorder.logs.some((e) => e.type === 'webhook_rejected' && e.status === 401));
    recorder.assertNone([
      AUTH,
      AUTH.slice('Bearer '.length),
      '6f1d0c3b2a49e8f7',
      'old-value-0001',
      ...sentBodies.filter((body) => body.length >= 24), // short ones are words any log has
      '30010-482913650274', // a konbini payment number in the metadata
    ]);
  });
});
