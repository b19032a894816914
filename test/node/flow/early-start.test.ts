import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createEndpointClient } from '../../../src/flow/endpoint-client.ts';
import { fetchWithEarlyStart, sendEarlyStart, type EarlyStartInput } from '../../../src/flow/early-start.ts';
import { startFields } from '../../../src/flow/start-request.ts';
import { PROVIDER_RETURN_PARAMS } from '../../../src/providers/return-params.ts';
import { manifestOf } from '../../../src/providers/registry.ts';
import { PROVIDERS } from '../../../src/core/protocol.ts';

interface Call {
  readonly url: string;
  readonly init: RequestInit | undefined;
}

function recordingFetch(answer: () => Response = () => new Response('{}')): { fetch: typeof fetch; calls: Call[] } {
  const calls: Call[] = [];
  return {
    calls,
    fetch: async (input, init) => {
      calls.push({ url: String(input), init });
      return answer();
    },
  };
}

const PAGE = 'https://shop.example/checkout?cart=7#top';
/** Where the checkout asks to come back: the page with its return marker. */
const RETURN_URL = 'https://shop.example/checkout?cart=7&kessai_return=1#top';
const INPUT: EarlyStartInput = {
  endpoint: '/api/pay',
  mode: 'payment',
  methods: ['card', 'konbini'],
  locale: 'ja',
  context: { cartId: 'c_1' },
  pageHref: PAGE,
};

describe('sendEarlyStart', () => {
  it('sends exactly the request the endpoint client sends for the same start', async () => {
    const early = recordingFetch();
    assert.ok(sendEarlyStart(INPUT, early.fetch));
    const flow = recordingFetch();
    const client = createEndpointClient({ url: 'https://shop.example/api/pay', context: () => ({ cartId: 'c_1' }), fetch: flow.fetch });
    await client.start(
      startFields({ mode: 'payment', methods: ['card', 'konbini'], returnUrl: RETURN_URL, locale: 'ja' }),
      new AbortController().signal,
    );
    const [a] = early.calls;
    const [b] = flow.calls;
    assert.equal(a?.url, b?.url);
    assert.equal(a?.init?.body, b?.init?.body);
    assert.deepEqual({ ...a?.init, signal: undefined }, { ...b?.init, signal: undefined });
    assert.deepEqual(JSON.parse(String(a?.init?.body)), {
      action: 'start',
      mode: 'payment',
      methods: ['card', 'konbini'],
      returnUrl: RETURN_URL,
      locale: 'ja',
      context: { cartId: 'c_1' },
    });
  });

  it('leaves out a context that is not a plain object, as the endpoint client does', () => {
    const early = recordingFetch();
    sendEarlyStart({ ...INPUT, context: ['not', 'an', 'object'], methods: undefined }, early.fetch);
    assert.deepEqual(JSON.parse(String(early.calls[0]?.init?.body)), {
      action: 'start',
      mode: 'payment',
      returnUrl: RETURN_URL,
      locale: 'ja',
    });
  });

  it('sends nothing on a page that may be a provider return or a framed challenge, or without an endpoint', () => {
    // Every return URL a checkout hands out carries `kessai_return`, a framed challenge's `kessai_challenge`.
    for (const param of ['kessai_challenge', 'kessai_return']) {
      const early = recordingFetch();
      assert.equal(sendEarlyStart({ ...INPUT, pageHref: `${PAGE.split('#')[0]}&${param}=x` }, early.fetch), undefined, param);
      assert.equal(early.calls.length, 0, param);
    }
    for (const endpoint of ['', '   ', null, undefined]) {
      assert.equal(sendEarlyStart({ ...INPUT, endpoint }, recordingFetch().fetch), undefined);
    }
  });

  it('a provider parameter without our marker (a stale bookmark) starts, cleaned of nothing: the flow sends its own', () => {
    for (const param of PROVIDER_RETURN_PARAMS) {
      const early = recordingFetch();
      const sent = sendEarlyStart({ ...INPUT, pageHref: `${PAGE.split('#')[0]}&${param}=x` }, early.fetch);
      assert.notEqual(sent, undefined, param);
      const returnUrl = String(JSON.parse(String(early.calls[0]?.init?.body))['returnUrl']);
      assert.ok(returnUrl.includes(`${param}=x`), returnUrl);
    }
  });

  it('sends nothing, and does not throw, for a context JSON cannot write', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    for (const context of [{ amount: 10n }, cyclic]) {
      const early = recordingFetch();
      assert.equal(sendEarlyStart({ ...INPUT, context }, early.fetch), undefined);
      assert.equal(early.calls.length, 0);
    }
  });

  it('knows every return parameter of every provider manifest', () => {
    const fromManifests = PROVIDERS.flatMap((provider) => [...(manifestOf(provider)?.returnParams ?? [])]);
    assert.deepEqual([...PROVIDER_RETURN_PARAMS].sort(), [...new Set(fromManifests)].sort());
    assert.ok(PROVIDER_RETURN_PARAMS.includes('secure_token_id') && PROVIDER_RETURN_PARAMS.includes('univapayChargeId'));
  });
});

describe('fetchWithEarlyStart', () => {
  it('answers the first identical request with the early answer, and only that one', async () => {
    const network = recordingFetch(() => new Response('{"early":true}'));
    const early = sendEarlyStart(INPUT, network.fetch);
    assert.ok(early);
    const later = recordingFetch(() => new Response('{"later":true}'));
    const wrapped = fetchWithEarlyStart(early, later.fetch);
    const init = { method: 'POST', body: early.payload, signal: new AbortController().signal };
    assert.deepEqual(await (await wrapped(early.url, init)).json(), { early: true });
    assert.equal(later.calls.length, 0);
    assert.deepEqual(await (await wrapped(early.url, init)).json(), { later: true }, 'a second start is sent');
    assert.deepEqual(await (await wrapped(early.url, { ...init, body: '{"action":"status"}' })).json(), { later: true });
    assert.equal(network.calls.length, 1);
  });

  it('lets a different request through and keeps the early answer for an identical one', async () => {
    const early = sendEarlyStart(INPUT, recordingFetch().fetch);
    assert.ok(early);
    const later = recordingFetch();
    const wrapped = fetchWithEarlyStart(early, later.fetch);
    await wrapped(early.url, { method: 'POST', body: early.payload.replace('c_1', 'c_2') });
    assert.equal(later.calls.length, 1);
    assert.equal(early.used, false);
  });

  it("aborts the early request when the flow aborts the request that took it", async () => {
    let earlySignal: AbortSignal | undefined;
    const early = sendEarlyStart(INPUT, async (_input, init) => {
      earlySignal = init?.signal ?? undefined;
      return new Response('{}');
    });
    assert.ok(early);
    const controller = new AbortController();
    const wrapped = fetchWithEarlyStart(early, recordingFetch().fetch);
    await wrapped(early.url, { method: 'POST', body: early.payload, signal: controller.signal });
    assert.equal(earlySignal?.aborted, false);
    controller.abort();
    assert.equal(earlySignal?.aborted, true);
  });

  it('without an early start is the plain fetch', async () => {
    const later = recordingFetch();
    await fetchWithEarlyStart(undefined, later.fetch)('https://x.example/', { method: 'POST', body: '{}' });
    assert.equal(later.calls.length, 1);
  });
});
