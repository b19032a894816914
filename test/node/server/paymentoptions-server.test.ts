/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers read field by field in assertions */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSandbox } from '../../../src/sandbox/index.ts';
import {
  createKessaiHandler,
  createKessaiWebhookHandler,
  createMemoryTransactionStore,
  type PaymentOptionsSavedCard,
} from '../../../src/server/index.ts';

/**
 * PaymentOptions' server module against its emulator, as the merchant's endpoint and webhook receiver
 * run it: what it sends PaymentOptions (recorded by the emulator), what the page gets, and that the
 * stored card id never reaches the page.
 */

const PAGE = 'http://localhost:5173';
const API = 'http://127.0.0.1:5173';
const RETURN_URL = `${PAGE}/checkout?kessai_return=1`;

function world(options: { savedCards?: PaymentOptionsSavedCard[]; save?: boolean } = {}) {
  const transactions = createMemoryTransactionStore();
  const savedByHook: unknown[] = [];
  const secret = 'po_test_secret';
  let webhooks: (request: Request) => Promise<Response> = async () => new Response(null, { status: 503 });
  const sandbox = createSandbox({ webhookFetch: (url, init) => webhooks(new Request(url, init)), paymentoptions: { webhookSigning: { secret } } });
  webhooks = createKessaiWebhookHandler({ provider: 'paymentoptions', secret, transactions, onEvent: () => undefined, onLog: () => undefined });
  const po = sandbox.paymentoptions;
  /** What the merchant's server sent PaymentOptions, as sent. */
  const sent: Array<{ path: string; headers: Headers; body: Record<string, any> }> = [];
  const spy = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    sent.push({ path: new URL(request.url).pathname, headers: request.headers, body: request.method === 'POST' ? await request.clone().json() : {} });
    return sandbox.fetch(request);
  }) as typeof fetch;
  const handler = createKessaiHandler({
    provider: 'paymentoptions',
    apiKey: po.apiKey,
    xApiKey: po.xApiKey,
    merchantId: po.merchantId,
    apiBase: `${API}${po.basePath}`,
    webhookUrl: `${PAGE}/webhooks/paymentoptions`,
    transactions,
    fetch: spy,
    allowedOrigins: [PAGE],
    amount: () => ({ amount: 2400, currency: 'JPY' }),
    savedCards: () => options.savedCards ?? [],
    ...(options.save === false ? {} : { onCardSaved: (_ctx: unknown, card: unknown) => void savedByHook.push(card) }),
  });
  const post = async (body: Record<string, unknown>) => {
    const response = await handler(
      new Request(`${PAGE}/api/pay`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: PAGE, 'X-Forwarded-For': '203.0.113.9' }, body: JSON.stringify(body) }),
    );
    return { status: response.status, json: (await response.json()) as Record<string, any> };
  };
  return { sandbox, po, post, savedByHook, transactions, sent };
}

describe('PaymentOptions server module', () => {
  it('start: hosted card entry, the saved cards without PaymentOptions\' stored ids, Save this card when onCardSaved is given', async () => {
    const w = world({ savedCards: [{ id: 'card_1', storedPaymentMethodId: 'stored-secret-id', brand: 'visa', last4: '1091', expMonth: 12, expYear: 2031 }] });
    const { status, json } = await w.post({ action: 'start', returnUrl: RETURN_URL });
    assert.equal(status, 200);
    assert.equal(json.session.cardEntry, 'hosted');
    assert.deepEqual(json.session.savedCards, [{ id: 'card_1', brand: 'visa', last4: '1091', expMonth: 12, expYear: 2031 }]);
    assert.equal(json.session.canSaveCard, true);
    assert.doesNotMatch(JSON.stringify(json), /stored-secret-id/);
    assert.equal(w.po.inspect.requests().length, 0, 'start calls PaymentOptions for nothing');
  });

  it('start with saveCard (pay and save with our card fields) is not PaymentOptions\'s: 400 unsupported, even with onCardSaved', async () => {
    const w = world();
    const { status, json } = await w.post({ action: 'start', returnUrl: RETURN_URL, saveCard: true });
    assert.equal(status, 400);
    assert.equal((json as { error: { code: string } }).error.code, 'unsupported');
  });

  it('a new card: one hosted-page link with the return URLs, our reference and store_payment_method; twice at once, still one', async () => {
    const w = world();
    const { json: started } = await w.post({ action: 'start', returnUrl: RETURN_URL });
    const body = { action: 'complete', sessionId: started.session.sessionId, method: 'card', saveCard: true, returnUrl: RETURN_URL };
    const [a, b] = await Promise.all([w.post(body), w.post(body)]);
    assert.equal(a.json.outcome.status, 'requires_action');
    assert.deepEqual(a.json.outcome, b.json.outcome);
    const links = w.sent.filter((r) => r.path.endsWith('/hpp/generate/link'));
    assert.equal(links.length, 1);
    const sent = links[0]!.body;
    assert.equal(sent.amount, '2400');
    assert.equal(sent.currency, 'JPY');
    assert.equal(sent.merchant_id, w.po.merchantId);
    assert.deepEqual(sent.payment_method, { type: 'scheme', store_payment_method: true });
    assert.ok(sent.merchant_txn_ref.length <= 45);
    assert.equal(sent.return_url.webhook_url, `${PAGE}/webhooks/paymentoptions`);
    for (const key of ['success_url', 'decline_url', 'cancel_url']) {
      const url = new URL(sent.return_url[key]);
      assert.equal(url.searchParams.get('kessai_ref'), sent.merchant_txn_ref);
      assert.equal(url.searchParams.get('kessai_return'), '1');
    }
    assert.equal(a.json.outcome.reference, sent.merchant_txn_ref);
    assert.equal(links[0]!.headers.get('authorization'), `Basic ${btoa(w.po.apiKey)}`);
    assert.equal(links[0]!.headers.get('x-api-key'), w.po.xApiKey);
  });

  it('status: processing until the webhook came, then the result; the saved card handed to onCardSaved once', async () => {
    const w = world();
    const { json: started } = await w.post({ action: 'start', returnUrl: RETURN_URL });
    const { json: linked } = await w.post({ action: 'complete', sessionId: started.session.sessionId, method: 'card', saveCard: true, returnUrl: RETURN_URL });
    const ref = linked.outcome.reference as string;
    const before = await w.post({ action: 'status', sessionId: started.session.sessionId, reference: ref });
    assert.equal(before.json.outcome.status, 'processing');
    // The shopper pays on the hosted page.
    const url = linked.outcome.action.url as string;
    const paid = await w.sandbox.fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: new URL(url).origin },
      body: new URLSearchParams({ card_number: '4000000000001091', card_expiry: '12/30', card_cvc: '123', card_name: 'HANAKO', save_card: '1', action: 'pay' }).toString(),
      redirect: 'manual',
    });
    assert.equal(paid.status, 303);
    await w.po.webhooks.idle();
    const after = await w.post({ action: 'status', sessionId: started.session.sessionId, reference: ref });
    assert.deepEqual(
      { status: after.json.outcome.status, brand: after.json.outcome.brand, last4: after.json.outcome.last4 },
      { status: 'succeeded', brand: 'visa', last4: '1091' },
    );
    await w.post({ action: 'status', sessionId: started.session.sessionId, reference: ref });
    assert.equal(w.savedByHook.length, 1);
    assert.match(String((w.savedByHook[0] as { storedPaymentMethodId: string }).storedPaymentMethodId), /\S/);
  });

  it('a saved card: paymentv2 with the stored id, the browser\'s info and the shopper\'s IP; another shopper\'s card is refused', async () => {
    const cards: PaymentOptionsSavedCard[] = [];
    const mine = world({ savedCards: cards });
    const again = mine.po.storeCard({ number: '4000000000001091', expMonth: '12', expYear: '30', name: 'HANAKO' });
    cards.push({ id: 'card_1', storedPaymentMethodId: again, brand: 'visa', last4: '1091', expMonth: 12, expYear: 2030 });
    const { json: started } = await mine.post({ action: 'start', returnUrl: RETURN_URL });
    const refused = await mine.post({ action: 'complete', sessionId: started.session.sessionId, method: 'card', token: 'card_of_someone_else', returnUrl: RETURN_URL });
    assert.equal(refused.status, 400);
    assert.equal(refused.json.error.code, 'unknown_token');
    const browserInfo = { screenWidth: 390, screenHeight: 844, colorDepth: 24, timeZoneOffset: -540, language: 'ja-JP', javaEnabled: false, javascriptEnabled: true };
    const { json } = await mine.post({ action: 'complete', sessionId: started.session.sessionId, method: 'card', token: 'card_1', returnUrl: RETURN_URL, browserInfo });
    assert.equal(json.outcome.status, 'succeeded', JSON.stringify(json));
    const sent = mine.sent.find((r) => r.path.endsWith('/paymentv2'))!.body;
    assert.equal(sent.payment_method.stored_payment_method_id, again);
    assert.equal(sent.customer_ip, '203.0.113.9');
    assert.equal(sent.browser_info.screen_width, 390);
    assert.equal(sent.browser_info.time_zone, -540);
    assert.doesNotMatch(JSON.stringify(json), new RegExp(again));
  });
});
