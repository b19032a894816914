import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createEndpointClient, endpointFailure } from '../../../src/flow/endpoint-client.ts';
import { fakeFetch, json } from '../providers/fake-fetch.ts';
import { SESSION_ID, session } from './fixtures.ts';

const URL_ = 'https://shop.example/api/pay';
const signal = () => new AbortController().signal;
const START = { mode: 'payment', returnUrl: 'https://shop.example/checkout', locale: 'ja' } as const;

describe('endpoint client: requests', () => {
  it('posts protocol v1 JSON with same-origin credentials and the context', async () => {
    const { fetch, requests } = fakeFetch([['POST /api/pay', () => json(200, { session: session() })]]);
    const client = createEndpointClient({ url: URL_, fetch, context: () => ({ cart: 'c-42', items: [1, 2] }) });
    const result = await client.start({ ...START, methods: ['card'] }, signal());
    assert.deepEqual(result, { ok: true, session: session() });
    assert.equal(requests.length, 1);
    const [request] = requests;
    assert.equal(request?.method, 'POST');
    assert.equal(request?.url, URL_);
    assert.equal(request?.init?.credentials, 'same-origin');
    assert.equal(request?.headers.get('content-type'), 'application/json');
    assert.deepEqual(JSON.parse(request?.body ?? ''), {
      action: 'start',
      ...START,
      methods: ['card'],
      context: { cart: 'c-42', items: [1, 2] },
    });
  });

  it('reads the context at each request and posts it with complete and status too', async () => {
    const { fetch, requests } = fakeFetch([
      ['POST /api/pay', () => json(200, { outcome: { status: 'succeeded', method: 'card' } })],
    ]);
    let context: Record<string, unknown> | undefined = { cart: 'a' };
    const client = createEndpointClient({ url: URL_, fetch, context: () => context });
    await client.complete({ sessionId: SESSION_ID, token: 'tok_1', method: 'card' }, signal());
    context = undefined;
    await client.status({ sessionId: SESSION_ID }, signal());
    assert.deepEqual(JSON.parse(requests[0]?.body ?? ''), {
      action: 'complete', sessionId: SESSION_ID, token: 'tok_1', method: 'card', context: { cart: 'a' },
    });
    assert.deepEqual(JSON.parse(requests[1]?.body ?? ''), { action: 'status', sessionId: SESSION_ID });
  });

  it('leaves out a context that is not a JSON object', async () => {
    const { fetch, requests } = fakeFetch([['POST /api/pay', () => json(200, { session: session() })]]);
    const client = createEndpointClient({
      url: URL_,
      fetch,
      context: () => ['not', 'an', 'object'] as unknown as Record<string, unknown>,
    });
    await client.start(START, signal());
    assert.equal('context' in JSON.parse(requests[0]?.body ?? ''), false);
  });

  it('passes the abort signal to fetch', async () => {
    const { fetch, requests } = fakeFetch([['POST /api/pay', () => json(200, { session: session() })]]);
    const controller = new AbortController();
    await createEndpointClient({ url: URL_, fetch }).start(START, controller.signal);
    assert.equal(requests[0]?.init?.signal, controller.signal);
  });
});

describe('endpoint client: answers', () => {
  it('parses outcomes', async () => {
    const outcome = {
      status: 'requires_action',
      method: 'card',
      action: { type: 'post', url: 'https://acs.example/3ds', fields: { PaReq: 'x' } },
    };
    const { fetch } = fakeFetch([['POST /api/pay', () => json(200, { outcome })]]);
    const result = await createEndpointClient({ url: URL_, fetch }).status({ sessionId: SESSION_ID }, signal());
    assert.deepEqual(result, outcome);
  });

  const failures: ReadonlyArray<readonly [string, () => Response | Promise<Response>, Record<string, unknown>]> = [
    ['a 400 with the error body', () => json(400, { error: { code: 'no_methods', message: 'None offered.' } }),
      { code: 'configuration', reason: 'endpoint_error', retryable: false, providerCode: 'no_methods', providerMessage: 'None offered.' }],
    ['a 403 forbidden origin', () => json(403, { error: { code: 'forbidden_origin', message: 'No.' } }),
      { code: 'configuration', reason: 'configuration_error', retryable: false, providerCode: 'forbidden_origin', providerMessage: 'No.' }],
    ['a 429', () => json(429, { error: { code: 'rate_limited', message: 'Slow down.' } }),
      { code: 'network', reason: 'too_many_attempts', retryable: true, providerCode: 'rate_limited', providerMessage: 'Slow down.' }],
    ['a 500 with the error body', () => json(500, { error: { code: 'internal_error', message: 'Oops.' } }),
      { code: 'internal', reason: 'endpoint_error', retryable: true, providerCode: 'internal_error', providerMessage: 'Oops.' }],
    ['a 500 configuration error', () => json(500, { error: { code: 'configuration_error', message: 'Priced wrongly.' } }),
      { code: 'configuration', reason: 'configuration_error', retryable: false, providerCode: 'configuration_error', providerMessage: 'Priced wrongly.' }],
    ['a 502 provider unreachable', () => json(502, { error: { code: 'provider_unreachable', message: 'Timeout.' } }),
      { code: 'provider', reason: 'provider_unavailable', retryable: true, providerCode: 'provider_unreachable', providerMessage: 'Timeout.' }],
    ['a 500 with an HTML page', () => new Response('<h1>Internal Server Error</h1>', { status: 500 }),
      { code: 'internal', reason: 'endpoint_error', retryable: true, providerCode: 'http_500' }],
    ['a 404 without a body', () => new Response(null, { status: 404 }),
      { code: 'configuration', reason: 'endpoint_error', retryable: false, providerCode: 'http_404' }],
    ['a 200 that is not JSON', () => new Response('<!doctype html><p>login</p>', { status: 200 }),
      { code: 'network', reason: 'unexpected_response', retryable: true, providerCode: 'not_json' }],
    ['a 200 of the wrong shape', () => json(200, { session: { provider: 'komoju' } }),
      { code: 'configuration', reason: 'unexpected_response', retryable: false, providerCode: 'bad_session' }],
    ['a 200 naming a provider we do not know', () => json(200, { session: session({ provider: 'evil' as never }) }),
      { code: 'configuration', reason: 'unexpected_response', retryable: false, providerCode: 'bad_session' }],
    ['a network failure', () => Promise.reject(new TypeError('Failed to fetch')),
      { code: 'network', reason: 'network_unreachable', retryable: true }],
    ['a body that cannot be read', () => ({ ok: true, status: 200, text: () => Promise.reject(new Error('reset')) }) as unknown as Response,
      { code: 'network', reason: 'network_unreachable', retryable: true }],
  ];

  for (const [name, respond, error] of failures) {
    it(`start: ${name} is a failed result, not an exception`, async () => {
      const { fetch } = fakeFetch([['POST /api/pay', respond]]);
      const result = await createEndpointClient({ url: URL_, fetch }).start(START, signal());
      assert.deepEqual(result, { ok: false, error });
    });
  }

  it('status: a wrong outcome shape is a failed outcome', async () => {
    const { fetch } = fakeFetch([['POST /api/pay', () => json(200, { outcome: { status: 'paid' } })]]);
    const result = await createEndpointClient({ url: URL_, fetch }).status({ sessionId: SESSION_ID }, signal());
    assert.deepEqual(result, {
      status: 'failed',
      error: { code: 'configuration', reason: 'unexpected_response', retryable: false, providerCode: 'bad_outcome' },
    });
  });

  it('complete: an abort resolves canceled', async () => {
    const controller = new AbortController();
    const fetch = ((_input: RequestInfo | URL, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      })) as typeof globalThis.fetch;
    const pending = createEndpointClient({ url: URL_, fetch }).complete(
      { sessionId: SESSION_ID, token: 't', method: 'card' },
      controller.signal,
    );
    controller.abort();
    assert.deepEqual(await pending, { status: 'canceled' });
  });

  it('endpointFailure keeps the HTTP status when the body has no code', () => {
    assert.equal(endpointFailure(418).providerCode, 'http_418');
  });
});
