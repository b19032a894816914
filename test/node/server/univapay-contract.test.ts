import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Outcome } from '../../../src/core/outcome.ts';
import type { CardDetails, KonbiniDetails } from '../../../src/core/payment-input.ts';
import type { ClientSession } from '../../../src/core/protocol.ts';
import { createEndpointClient, type FlowEndpointClient } from '../../../src/flow/endpoint-client.ts';
import type { ResumeContext } from '../../../src/providers/adapter.ts';
import { univapayAdapter } from '../../../src/providers/univapay/adapter.ts';
import type { AmountCallback, KessaiServerEvent, UnivapayHandlerConfig } from '../../../src/server/index.ts';
import { createKessaiHandler } from '../../../src/server/index.ts';
import { createUnivapayEmulator, type UnivapayEmulatorOptions } from '../../../src/sandbox/univapay/index.ts';

/**
 * The whole UnivaPay path in one process: the merchant endpoint (`createKessaiHandler`), the browser
 * adapter with the flow's endpoint client, and the UnivaPay emulator standing in for UnivaPay. The page
 * is on `localhost`, the sandbox on `127.0.0.1` (another origin, as UnivaPay is), and every request is
 * recorded so that the test can say where card data went.
 */

const PAGE = 'http://localhost:5173';
const SANDBOX = 'http://127.0.0.1:5173';
const API = `${SANDBOX}/sandbox/univapay`;
const ENDPOINT = `${PAGE}/api/univapay`;
const RETURN_URL = `${PAGE}/checkout?cart=42`;

const card = (number: string): CardDetails => ({ number, expMonth: 12, expYear: 2031, cvc: '123', name: 'TARO YAMADA' });
const konbini = (store: KonbiniDetails['store']): KonbiniDetails => ({
  store,
  name: '山田 花子',
  email: 'hanako@example.jp',
  phone: '09012345678',
});

interface Seen {
  readonly from: 'browser' | 'server' | 'endpoint';
  readonly method: string;
  readonly url: string;
  readonly headers: Headers;
  readonly body: string;
}

async function setup(
  options: {
    readonly emulator?: UnivapayEmulatorOptions;
    readonly handler?: Partial<UnivapayHandlerConfig>;
    readonly amount?: AmountCallback;
    /** The `Origin` the shopper's browser sends to UnivaPay. */
    readonly browserOrigin?: string;
    /** Whether the app token may send raw card data (a PCI DSS merchant). Default true. */
    readonly directCardTokens?: boolean;
  } = {},
) {
  const emulator = createUnivapayEmulator({ ...options.emulator });
  // A PCI DSS merchant's app token: the adapter sends raw card data to `POST /tokens`.
  const { appToken, secret, storeId } = await emulator.issueAppToken({
    origins: [PAGE],
    directCardTokens: options.directCardTokens ?? true,
  });
  const seen: Seen[] = [];
  const events: KessaiServerEvent[] = [];
  const record = async (from: Seen['from'], request: Request): Promise<Request> => {
    seen.push({ from, method: request.method, url: request.url, headers: request.headers, body: await request.clone().text() });
    return request;
  };
  // The merchant's server → UnivaPay (no Origin: a server).
  const serverFetch = (async (input: RequestInfo | URL, init?: RequestInit) =>
    emulator.handle(await record('server', new Request(input, init)))) as typeof fetch;
  const handler = createKessaiHandler({
    provider: 'univapay',
    appToken,
    secret,
    storeId,
    apiBase: API,
    allowedOrigins: [PAGE],
    // The shopper's email, which UnivaPay wants on card tokens (the card form has no email field).
    amount: options.amount ?? (() => ({ amount: 1500, currency: 'JPY', orderId: 'ORDER-42', email: 'taro@example.jp' })),
    fetch: serverFetch,
    polling: { attempts: 3, intervalMs: 5 },
    onEvent: (event) => events.push(event),
    ...options.handler,
  });
  // The shopper's browser → UnivaPay: browsers send Origin on every POST.
  const browserFetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    headers.set('Origin', options.browserOrigin ?? PAGE);
    return emulator.handle(await record('browser', new Request(input, { ...init, headers })));
  }) as typeof fetch;
  // The shopper's browser → the merchant endpoint (same origin as the page).
  const endpointFetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    headers.set('Origin', PAGE);
    return handler(await record('endpoint', new Request(new URL(String(input), PAGE), { ...init, headers })));
  }) as typeof fetch;
  const endpoint: FlowEndpointClient = createEndpointClient({ url: ENDPOINT, fetch: endpointFetch });

  async function start(): Promise<ClientSession> {
    const started = await endpoint.start({ returnUrl: RETURN_URL, locale: 'ja' }, new AbortController().signal);
    assert.ok(started.ok, JSON.stringify(started));
    return started.session;
  }
  function context(session: ClientSession, key: string = crypto.randomUUID()): ResumeContext {
    return {
      session,
      endpoint,
      locale: 'ja',
      pageUrl: RETURN_URL,
      idempotencyKey: key,
      signal: new AbortController().signal,
      fetch: browserFetch,
      reference: undefined,
    };
  }
  /** What a browser does with a `post` next action, then with the challenge page's button. */
  async function answerChallenge(outcome: Outcome, button: 'Complete authentication' | 'Fail authentication') {
    assert.equal(outcome.status, 'requires_action', JSON.stringify(outcome));
    if (outcome.status !== 'requires_action') throw new Error('unreachable');
    const { action } = outcome;
    const pageResponse =
      action.type === 'post'
        ? await emulator.handle(
            new Request(action.url, {
              method: 'POST',
              headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: PAGE },
              body: new URLSearchParams(action.fields),
            }),
          )
        : await emulator.handle(new Request(action.url));
    assert.equal(pageResponse.status, 200);
    const html = await pageResponse.text();
    const form = /<form method="post" action="([^"]+)">/.exec(html);
    assert.ok(form?.[1], 'the challenge page has a form');
    const value = new RegExp(`name="result" value="(\\w+)">${button}</button>`).exec(html)?.[1];
    assert.ok(value, `the challenge page has a "${button}" button`);
    const pageUrl = action.type === 'post' ? action.url : action.url.split('?')[0]!;
    const done = await emulator.handle(
      new Request(new URL(form[1].replace(/&amp;/g, '&'), pageUrl), {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: new URL(pageUrl).origin },
        body: new URLSearchParams({ result: value }),
        redirect: 'manual',
      }),
    );
    assert.equal(done.status, 303);
    return new URL(done.headers.get('location') ?? '');
  }
  return { emulator, handler, endpoint, seen, events, start, context, answerChallenge, appToken, secret, storeId };
}

type Setup = Awaited<ReturnType<typeof setup>>;

function failure(outcome: Outcome) {
  assert.equal(outcome.status, 'failed', JSON.stringify(outcome));
  return (outcome as Extract<Outcome, { status: 'failed' }>).error;
}

/** The card number and CVC went only to `{apiBase}/tokens`, from the browser, and nowhere else. */
function assertCardOnlyToTokens(seen: readonly Seen[], number: string) {
  const carrying = seen.filter((s) => s.body.includes(number) || s.url.includes(number));
  assert.ok(carrying.length > 0, 'the card went somewhere');
  for (const s of carrying) {
    assert.equal(s.from, 'browser');
    assert.equal(`${s.method} ${s.url}`, `POST ${API}/tokens`);
  }
  for (const s of seen.filter((x) => x.from !== 'browser')) {
    assert.ok(!s.body.includes('"cvv"') && !s.body.includes(number), `card data in a ${s.from} request`);
  }
}

function chargeRequests(t: Setup) {
  return t.emulator.inspect.requests({ route: 'POST /charges' });
}

describe('UnivaPay end to end: endpoint + adapter + emulator', () => {
  it('start answers what the browser needs, and nothing secret', async () => {
    const t = await setup();
    const session = await t.start();
    assert.equal(session.provider, 'univapay');
    assert.equal(session.publicKey, t.appToken);
    assert.equal(session.apiBase, API);
    assert.equal(session.amount, 1500);
    assert.equal(session.currency, 'JPY');
    assert.deepEqual(session.methods, ['card', 'konbini']);
    assert.deepEqual(session.konbiniStores, ['seven-eleven', 'family-mart', 'lawson', 'ministop', 'daily-yamazaki', 'seicomart']);
    assert.deepEqual(session.konbiniFields, { email: 'required', phone: 'required' });
    assert.deepEqual(session.extra, { storeId: t.storeId, email: 'taro@example.jp' });
    assert.equal(session.returnUrl, RETURN_URL);
    assert.ok(!JSON.stringify(session).includes(t.secret), 'the secret reached the browser');
    assert.equal(t.emulator.inspect.requests().length, 0, 'start creates nothing at UnivaPay');
  });

  it('a merchant UnivaPay has not allowed raw card data: the card token is refused (configuration), nothing charged', async () => {
    const t = await setup({ directCardTokens: false });
    const session = await t.start();
    const error = failure(await univapayAdapter.pay.card!(t.context(session), { card: card('4000020000000000') }));
    assert.equal(error.code, 'configuration');
    assert.equal(error.providerCode, 'DIRECT_CARD_TOKEN_CREATION_DISABLED');
    assert.equal(t.emulator.inspect.tokens().length, 0);
    assert.equal(t.emulator.inspect.charges().length, 0);
  });

  it('no email from the merchant for a card token: UnivaPay refuses it (email REQUIRED_VALUE), nothing charged', async () => {
    const t = await setup({ amount: () => ({ amount: 1500, currency: 'JPY' }) });
    const session = await t.start();
    const error = failure(await univapayAdapter.pay.card!(t.context(session), { card: card('4000020000000000') }));
    assert.equal(error.providerCode, 'VALIDATION_ERROR');
    assert.equal(t.emulator.inspect.tokens().length, 0);
    assert.equal(t.emulator.inspect.charges().length, 0);
  });

  it('card 4000020000000000: token from the browser, charge from the server → succeeded', async () => {
    const t = await setup();
    const session = await t.start();
    const outcome = await univapayAdapter.pay.card!(t.context(session), { card: card('4000020000000000') });
    const charges = t.emulator.inspect.charges();
    assert.equal(charges.length, 1);
    const [charge] = charges;
    assert.deepEqual(outcome, { status: 'succeeded', method: 'card', paymentId: charge!.id, brand: 'visa', last4: '0000' });
    assert.equal(charge!.status, 'successful');
    assert.equal(charge!.requested_amount, 1500);
    assert.equal(charge!.metadata['kessai_method'], 'card');
    assert.equal(charge!.metadata['kessai_order_id'], 'ORDER-42');
    assert.equal((charge!['three_ds'] as { redirect_endpoint: string }).redirect_endpoint, RETURN_URL);
    // The card form has no email field: the token carries the one the merchant's callback gave.
    assert.equal(t.emulator.inspect.tokens()[0]!.email, 'taro@example.jp');
    assertCardOnlyToTokens(t.seen, '4000020000000000');
    const complete = t.seen.find((s) => s.from === 'endpoint' && s.body.includes('"complete"'));
    assert.deepEqual(Object.keys(JSON.parse(complete!.body)).sort(), ['action', 'method', 'returnUrl', 'sessionId', 'token']);
  });

  it('3-D Secure card: requires_action POST → "Complete authentication" → back with univapayChargeId → succeeded', async () => {
    const t = await setup();
    const session = await t.start();
    const outcome = await univapayAdapter.pay.card!(t.context(session), { card: card('4000000000003220') });
    const [charge] = t.emulator.inspect.charges();
    assert.equal(charge!.status, 'awaiting');
    assert.deepEqual(outcome, {
      status: 'requires_action',
      method: 'card',
      action: { type: 'post', url: `${API}/three_ds/challenge`, fields: { resource_id: charge!.id, resource_type: 'charge' } },
      // The charge, for the return: kept with the attempt before the redirect.
      reference: charge!.id,
    });
    const back = await t.answerChallenge(outcome, 'Complete authentication');
    assert.equal(`${back.origin}${back.pathname}`, `${PAGE}/checkout`);
    assert.equal(back.searchParams.get('cart'), '42');
    assert.equal(back.searchParams.get('univapayChargeId'), charge!.id);

    const resumed = await univapayAdapter.resume(t.context(session), back.searchParams);
    assert.deepEqual(resumed, { status: 'succeeded', method: 'card', paymentId: charge!.id });
    assert.equal(t.emulator.inspect.charge(charge!.id)!.status, 'successful');
    assertCardOnlyToTokens(t.seen, '4000000000003220');
  });

  it('3-D Secure card: "Fail authentication" → failed authentication_failed (358)', async () => {
    const t = await setup();
    const session = await t.start();
    const outcome = await univapayAdapter.pay.card!(t.context(session), { card: card('4000000000003220') });
    const back = await t.answerChallenge(outcome, 'Fail authentication');
    const error = failure(await univapayAdapter.resume(t.context(session), back.searchParams));
    assert.deepEqual([error.code, error.reason, error.providerCode], ['authentication', 'authentication_failed', '358']);
  });

  it('3-D Secure with call_method http_get: a redirect carrying the payload, same page and buttons', async () => {
    const t = await setup({ emulator: { issuerCallMethod: 'http_get' } });
    const session = await t.start();
    const outcome = await univapayAdapter.pay.card!(t.context(session), { card: card('4000000000003220') });
    assert.ok(outcome.status === 'requires_action' && outcome.action.type === 'redirect');
    const back = await t.answerChallenge(outcome, 'Complete authentication');
    assert.equal((await univapayAdapter.resume(t.context(session), back.searchParams)).status, 'succeeded');
  });

  it('back from the challenge without answering it → authentication_canceled', async () => {
    const t = await setup();
    const session = await t.start();
    await univapayAdapter.pay.card!(t.context(session), { card: card('4000000000003220') });
    const [charge] = t.emulator.inspect.charges();
    const params = new URLSearchParams({ univapayChargeId: charge!.id });
    assert.equal(failure(await univapayAdapter.resume(t.context(session), params)).reason, 'authentication_canceled');
  });

  it('4111111111111111 (any card ending 1111) → declined with a clear reason', async () => {
    const t = await setup();
    const session = await t.start();
    const error = failure(await univapayAdapter.pay.card!(t.context(session), { card: card('4111111111111111') }));
    assert.deepEqual([error.code, error.reason, error.retryable, error.providerCode], ['declined', 'card_declined', true, '306']);
    assert.equal(t.emulator.inspect.charges()[0]!.status, 'failed');
  });

  it("the merchant's email with +charge-failure-330 forces that code (UnivaPay's test rule)", async () => {
    const t = await setup({ amount: () => ({ amount: 1500, currency: 'JPY', email: 'taro+charge-failure-330@example.jp' }) });
    const session = await t.start();
    assert.equal(session.extra?.['email'], 'taro+charge-failure-330@example.jp');
    const error = failure(await univapayAdapter.pay.card!(t.context(session), { card: card('4000020000000000') }));
    assert.equal(error.reason, 'insufficient_funds');
    assert.equal(t.emulator.inspect.tokens()[0]!.email, 'taro+charge-failure-330@example.jp');
  });

  it('konbini seven-eleven → the slip with its number and slip URL; "Mark as paid" → succeeded', async () => {
    const t = await setup();
    const session = await t.start();
    const outcome = await univapayAdapter.pay.konbini!(t.context(session), konbini('seven-eleven'));
    assert.equal(outcome.status, 'awaiting_payment', JSON.stringify(outcome));
    if (outcome.status !== 'awaiting_payment') return;
    const [charge] = t.emulator.inspect.charges();
    const { slip } = outcome;
    assert.equal(slip.store, 'seven-eleven');
    assert.match(slip.paymentNumber, /^\d{13}$/);
    assert.equal(slip.paymentNumber, charge!.metadata['internal_convenience_payment_number']);
    assert.equal(slip.slipUrl, `${API}/konbini/${charge!.id}`);
    assert.equal(slip.amount, 1500);
    assert.equal(slip.currency, 'JPY');
    // 30 days (UnivaPay's default), at 23:59:59 JST.
    const days = (Date.parse(slip.expiresAt) - Date.now()) / 86_400_000;
    assert.ok(days > 29 && days < 31.1, slip.expiresAt);
    assert.match(slip.expiresAt, /T14:59:59Z$/);
    const token = t.emulator.inspect.tokens()[0]!;
    assert.deepEqual([token.payment_type, token.convenience_store, token.email], ['konbini', 'seven_eleven', 'hanako@example.jp']);

    const page = await t.emulator.handle(new Request(slip.slipUrl!));
    const html = await page.text();
    assert.ok(html.includes(slip.paymentNumber) && html.includes('Mark as paid') && html.includes('Mark as expired'));
    const paid = await t.emulator.handle(
      new Request(slip.slipUrl!, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: SANDBOX },
        body: 'action=paid',
      }),
    );
    assert.equal(paid.status, 303);
    const status = await t.endpoint.status({ sessionId: session.sessionId, reference: charge!.id }, new AbortController().signal);
    assert.deepEqual(status, { status: 'succeeded', method: 'konbini', paymentId: charge!.id });
  });

  it('konbini lawson → a number without a slip URL; "Mark as expired" → payment_expired', async () => {
    const t = await setup();
    const session = await t.start();
    const outcome = await univapayAdapter.pay.konbini!(t.context(session), konbini('lawson'));
    assert.ok(outcome.status === 'awaiting_payment', JSON.stringify(outcome));
    assert.match(outcome.slip.paymentNumber, /^20020-\d{12}$/);
    assert.equal(outcome.slip.slipUrl, undefined);
    assert.equal(outcome.slip.store, 'lawson');
    const [charge] = t.emulator.inspect.charges();
    assert.equal(charge!.metadata['internal_convenience_payment_url'], undefined);
    // Waiting: status says so again, with the same slip.
    const again = await t.endpoint.status({ sessionId: session.sessionId, reference: charge!.id }, new AbortController().signal);
    assert.deepEqual(again, outcome);
    await t.emulator.handle(
      new Request(`${API}/konbini/${charge!.id}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: SANDBOX },
        body: 'action=expired',
      }),
    );
    const status = await t.endpoint.status({ sessionId: session.sessionId, reference: charge!.id }, new AbortController().signal);
    assert.equal(failure(status).reason, 'payment_expired');
  });

  it('a browser on a foreign origin gets INVALID_DOMAIN: configuration error, nothing charged', async () => {
    const t = await setup({ browserOrigin: 'https://evil.example' });
    const session = await t.start();
    const error = failure(await univapayAdapter.pay.card!(t.context(session), { card: card('4000020000000000') }));
    assert.deepEqual([error.code, error.reason, error.retryable, error.providerCode], ['configuration', 'configuration_error', false, 'INVALID_DOMAIN']);
    assert.equal(t.emulator.inspect.tokens().length, 0);
    assert.equal(chargeRequests(t).length, 0);
    assert.ok(!t.seen.some((s) => s.from === 'endpoint' && s.body.includes('"complete"')), 'complete was never called');
  });

  describe('the amount is the server’s', () => {
    it('an amount in the complete body, or a session amount changed in the browser, is ignored', async () => {
      const t = await setup();
      const session = await t.start();
      // A tampered session in the browser: the adapter sends no amount anywhere.
      const tampered: ClientSession = { ...session, amount: 1 };
      const tokenOutcome = await univapayAdapter.pay.konbini!(t.context(tampered), konbini('family-mart'));
      assert.equal(tokenOutcome.status, 'awaiting_payment');
      if (tokenOutcome.status === 'awaiting_payment') assert.equal(tokenOutcome.slip.amount, 1500);
      // A hand-made complete with an amount of its own, for a fresh token.
      const token = await t.emulator.handle(
        new Request(`${API}/tokens`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${t.appToken}`, 'Content-Type': 'application/json', Origin: PAGE },
          body: JSON.stringify({
            payment_type: 'card',
            type: 'one_time',
            email: 'x@example.jp',
            data: { cardholder: 'X', card_number: '4242424242424242', exp_month: 1, exp_year: 2032, cvv: '123' },
          }),
        }),
      );
      const tokenId = ((await token.json()) as { id: string }).id;
      const answer = await t.handler(
        new Request(ENDPOINT, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Origin: PAGE },
          body: JSON.stringify({ action: 'complete', sessionId: session.sessionId, token: tokenId, method: 'card', amount: 1, currency: 'USD' }),
        }),
      );
      assert.equal(answer.status, 200);
      assert.deepEqual(
        t.emulator.inspect.charges().map((c) => [c.requested_amount, c.requested_currency]),
        [
          [1500, 'JPY'],
          [1500, 'JPY'],
        ],
      );
    });

    it('a sessionId whose signed amount was edited is refused (404 unknown_session), nothing charged', async () => {
      const t = await setup();
      const session = await t.start();
      const [payload, mac] = session.sessionId.split('.') as [string, string];
      const decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
      const edited = `${Buffer.from(JSON.stringify({ ...decoded, amt: 1 })).toString('base64url')}.${mac}`;
      const error = failure(await univapayAdapter.pay.card!(t.context({ ...session, sessionId: edited }), { card: card('4000020000000000') }));
      assert.deepEqual([error.reason, error.providerCode], ['endpoint_error', 'unknown_session']);
      assert.equal(chargeRequests(t).length, 0);
    });

    it('the merchant’s amount changed since start → 409 amount_changed, nothing charged', async () => {
      let amount = 1500;
      const t = await setup({ amount: () => ({ amount, currency: 'JPY', email: 'taro@example.jp' }) });
      const session = await t.start();
      amount = 2000;
      const error = failure(await univapayAdapter.pay.card!(t.context(session), { card: card('4000020000000000') }));
      assert.equal(error.providerCode, 'amount_changed');
      assert.equal(chargeRequests(t).length, 0);
    });
  });

  it('complete is idempotent: the same token twice charges once', async () => {
    const t = await setup();
    const session = await t.start();
    await univapayAdapter.pay.card!(t.context(session), { card: card('4000020000000000') });
    const tokenId = t.emulator.inspect.tokens()[0]!.id;
    const again = await t.endpoint.complete({ sessionId: session.sessionId, token: tokenId, method: 'card' }, new AbortController().signal);
    assert.equal(again.status, 'succeeded');
    assert.equal(t.emulator.inspect.charges().length, 1);
    const posts = chargeRequests(t);
    assert.equal(posts.length, 2);
    assert.deepEqual(posts.map((r) => r.replayed), [false, true]);
    assert.equal(posts[0]!.idempotencyKey, posts[1]!.idempotencyKey);
    assert.match(posts[0]!.idempotencyKey ?? '', /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    if (again.status === 'succeeded') assert.equal(again.paymentId, t.emulator.inspect.charges()[0]!.id);
  });

  it('one submit tokenizes once however often it is sent (the browser idempotency key)', async () => {
    const t = await setup();
    const session = await t.start();
    const ctx = t.context(session, 'submit-1');
    const [a, b] = await Promise.all([
      univapayAdapter.pay.card!(ctx, { card: card('4000020000000000') }),
      univapayAdapter.pay.card!(ctx, { card: card('4000020000000000') }),
    ]);
    assert.equal(a.status, 'succeeded');
    assert.deepEqual(b, a);
    assert.equal(t.emulator.inspect.tokens().length, 1);
    assert.equal(t.emulator.inspect.charges().length, 1);
  });

  it('status refuses a charge that another attempt made (403 foreign_charge)', async () => {
    const t = await setup();
    const first = await t.start();
    await univapayAdapter.pay.card!(t.context(first), { card: card('4000020000000000') });
    const [charge] = t.emulator.inspect.charges();
    const second = await t.start();
    const error = failure(await univapayAdapter.resume(t.context(second), new URLSearchParams({ univapayChargeId: charge!.id })));
    assert.equal(error.providerCode, 'foreign_charge');
  });

  it('a charge still pending is read with ?polling=true until it settles', async () => {
    const t = await setup({ emulator: { processingMs: 60 } });
    const session = await t.start();
    const outcome = await univapayAdapter.pay.card!(t.context(session), { card: card('4242424242424242') });
    assert.equal(outcome.status, 'succeeded');
    const reads = t.emulator.inspect.requests({ route: 'GET /stores/{storeId}/charges/{id}' });
    assert.ok(reads.length >= 1);
    assert.ok(t.seen.some((s) => s.from === 'server' && s.url.endsWith('?polling=true')));
  });

  it('a charge that stays pending past the bounded reads → processing', async () => {
    const t = await setup({ emulator: { processingMs: 60_000, maxPollMs: 10 }, handler: { polling: { attempts: 2, intervalMs: 1 } } });
    const session = await t.start();
    const outcome = await univapayAdapter.pay.card!(t.context(session), { card: card('4242424242424242') });
    const [charge] = t.emulator.inspect.charges();
    // The charge names itself, so the checkout's later `status` checks can find it.
    assert.deepEqual(outcome, { status: 'processing', method: 'card', reference: charge!.id });
    assert.equal(t.emulator.inspect.requests({ route: 'GET /stores/{storeId}/charges/{id}' }).length, 2);
    const later = await t.endpoint.status({ sessionId: session.sessionId, reference: charge!.id }, new AbortController().signal);
    assert.equal(later.status, 'processing');
  });

  it('resumes after 3-D Secure from the charge recorded before the redirect, with no parameter on the return URL', async () => {
    const t = await setup();
    const session = await t.start();
    const outcome = await univapayAdapter.pay.card!(t.context(session), { card: card('4000000000003220') });
    assert.equal(outcome.status, 'requires_action');
    const reference = outcome.status === 'requires_action' ? outcome.reference : undefined;
    await t.answerChallenge(outcome, 'Complete authentication');
    const resumed = await univapayAdapter.resume({ ...t.context(session), reference }, new URLSearchParams('kessai_return=1'));
    assert.equal(resumed.status, 'succeeded');
  });

  it('the return parameter name is configurable in the emulator (UNCONFIRMED at UnivaPay)', async () => {
    const t = await setup({ emulator: { returnParams: { chargeId: 'charge_id' } } });
    const session = await t.start();
    const outcome = await univapayAdapter.pay.card!(t.context(session), { card: card('4000000000003220') });
    const back = await t.answerChallenge(outcome, 'Complete authentication');
    assert.equal(back.searchParams.get('univapayChargeId'), null);
    assert.equal(back.searchParams.get('charge_id'), t.emulator.inspect.charges()[0]!.id);
  });

  it('never puts the secret in an answer or an event', async () => {
    const t = await setup();
    const session = await t.start();
    await univapayAdapter.pay.card!(t.context(session), { card: card('4111111111111111') });
    await univapayAdapter.pay.konbini!(t.context(session), konbini('lawson'));
    assert.ok(!JSON.stringify(t.events).includes(t.secret));
    for (const s of t.seen.filter((x) => x.from !== 'server')) {
      assert.ok(!s.body.includes(t.secret), `secret in a ${s.from} request`);
      assert.ok(!(s.headers.get('authorization') ?? '').includes(t.secret));
    }
  });
});
