import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { containsCardNumber } from '../../support/card-scan.ts';
import type { FailureReason } from '../../../src/core/errors.ts';
import { outcomeSchema, type Outcome } from '../../../src/core/outcome.ts';
import type { CardDetails, KonbiniDetails } from '../../../src/core/payment-input.ts';
import { clientSessionSchema, type ClientSession, type EndpointClient } from '../../../src/core/protocol.ts';
import type { ResumeContext } from '../../../src/providers/adapter.ts';
import { komojuAdapter } from '../../../src/providers/komoju/adapter.ts';
import { createSandbox, type Sandbox } from '../../../src/sandbox/index.ts';
import { createKessaiHandler } from '../../../src/server/index.ts';

/**
 * Contract: the browser adapter and the merchant endpoint together against the in-process KOMOJU
 * emulator, the way a shopper's checkout runs: start at the endpoint, pay from the "browser" with the
 * publishable key, follow the 3-D Secure page, come back, ask the endpoint for the status.
 */

const SHOP = 'http://localhost:5173';
const API = 'http://127.0.0.1:5173/sandbox/komoju/api/v1';
const PAGE = `${SHOP}/checkout?cart=7`;

interface Seen {
  readonly url: string;
  readonly headers: [string, string][];
  readonly body: string;
}

function world(amount = 2400) {
  const sandbox: Sandbox = createSandbox();
  const browserRequests: Seen[] = [];
  const serverRequests: Seen[] = [];
  const recording =
    (into: Seen[]): typeof fetch =>
    async (input, init) => {
      const request = new Request(input, init);
      into.push({
        url: request.url,
        headers: [...request.headers.entries()],
        body: init?.body ? String(init.body) : '',
      });
      return sandbox.fetch(request);
    };
  const endpoint = createKessaiHandler({
    provider: 'komoju',
    secretKey: sandbox.komoju.secretKey,
    publishableKey: sandbox.komoju.publishableKey,
    apiBase: API,
    fetch: recording(serverRequests),
    allowedOrigins: [SHOP],
    amount: ({ context }) => ({ amount, currency: 'JPY', orderId: `ORDER-${String(context?.['cart'])}-${Math.random()}` }),
  });

  async function call(body: Record<string, unknown>): Promise<{ status: number; json: Record<string, unknown> }> {
    const response = await endpoint(
      new Request(`${SHOP}/api/komoju`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: SHOP },
        body: JSON.stringify(body),
      }),
    );
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  }

  async function start(methods?: string[]): Promise<ClientSession> {
    const { status, json } = await call({
      action: 'start',
      returnUrl: PAGE,
      locale: 'ja',
      context: { cart: 7 },
      ...(methods ? { methods } : {}),
    });
    assert.equal(status, 200, JSON.stringify(json));
    return clientSessionSchema.parse(json['session']);
  }

  async function status(sessionId: string): Promise<Outcome> {
    const { status: code, json } = await call({ action: 'status', sessionId });
    assert.equal(code, 200, JSON.stringify(json));
    return outcomeSchema.parse(json['outcome']);
  }

  const endpointClient: EndpointClient = {
    complete: () => Promise.reject(new Error('not used with KOMOJU')),
    status: () => Promise.reject(new Error('not used with KOMOJU')),
  };

  function attempt(session: ClientSession, idempotencyKey: string = crypto.randomUUID()): ResumeContext {
    return {
      session,
      endpoint: endpointClient,
      locale: 'ja',
      pageUrl: PAGE,
      idempotencyKey,
      signal: new AbortController().signal,
      fetch: recording(browserRequests),
      reference: undefined,
    };
  }

  /** Presses a button on the sandbox's challenge page and follows it back to the shop. */
  async function challenge(url: string, result: 'complete' | 'fail'): Promise<URLSearchParams> {
    const response = await sandbox.fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ result }).toString(),
      redirect: 'manual',
    });
    assert.equal(response.status, 303);
    const back = new URL(response.headers.get('location') ?? '');
    assert.equal(back.origin + back.pathname, `${SHOP}/checkout`, 'returns to the shop page');
    return back.searchParams;
  }

  return { sandbox, start, status, attempt, challenge, browserRequests, serverRequests, call };
}

const card = (number: string): CardDetails => ({
  number,
  expMonth: 12,
  expYear: new Date().getFullYear() + 3,
  cvc: '123',
  name: 'HANAKO SATO',
});

const KONBINI: KonbiniDetails = {
  store: 'lawson',
  name: '佐藤 花子',
  email: 'hanako@example.jp',
  phone: '08012345678',
};

function reason(outcome: Outcome): FailureReason | undefined {
  return outcome.status === 'failed' ? outcome.error.reason : undefined;
}

/** The card went to KOMOJU's card routes from the browser, and nowhere else in any spelling. */
function assertNoCardLeak(w: ReturnType<typeof world>, number: string): void {
  const carriers: string[] = [];
  for (const request of [...w.browserRequests, ...w.serverRequests]) {
    assert.ok(!containsCardNumber(request.url, number), `card number in URL ${request.url}`);
    for (const [name, value] of request.headers) assert.ok(!containsCardNumber(value, number), `card number in ${name}`);
    if (containsCardNumber(request.body, number)) carriers.push(request.url);
  }
  for (const request of w.serverRequests) assert.ok(!containsCardNumber(request.body, number), 'card data on the server');
  assert.ok(carriers.length >= 1, 'the card was sent to KOMOJU');
  for (const url of carriers) {
    assert.match(url.slice(API.length), /^\/(secure_tokens|sessions\/[^/]+\/pay)$/, `card body to ${url}`);
    assert.ok(url.startsWith(API), `card body to ${url}`);
  }
}

describe('KOMOJU contract: adapter + endpoint + sandbox', () => {
  it('start: the endpoint creates a session the adapter can use', async () => {
    const w = world();
    const session = await w.start();
    assert.equal(session.provider, 'komoju');
    assert.equal(session.publicKey, w.sandbox.komoju.publishableKey);
    assert.equal(session.apiBase, API);
    assert.equal(session.amount, 2400);
    assert.deepEqual(session.methods, ['card', 'konbini']);
    assert.equal(session.konbiniStores.length, 6);
    const stored = w.sandbox.komoju.inspect.session(session.sessionId);
    assert.equal(stored?.amount, 2400);
    assert.equal(stored?.status, 'pending');
  });

  it('card without a challenge: succeeded once, and the endpoint status agrees', async () => {
    const w = world();
    const session = await w.start();
    const outcome = await komojuAdapter.pay.card!(w.attempt(session), { card: card('4111111111111111') });
    assert.deepEqual(outcome, {
      status: 'succeeded',
      method: 'card',
      paymentId: (outcome as { paymentId: string }).paymentId,
      brand: 'visa',
      last4: '1111',
    });
    assert.equal(w.sandbox.komoju.inspect.payRequests(session.sessionId).length, 1);
    assert.equal(w.sandbox.komoju.inspect.payments({ sessionId: session.sessionId, status: 'captured' }).length, 1);
    assert.deepEqual(await w.status(session.sessionId), outcome);
    assertNoCardLeak(w, '4111111111111111');
  });

  const declines: ReadonlyArray<readonly [string, FailureReason]> = [
    ['4123111111111000', 'insufficient_funds'],
    ['4123111111111018', 'over_limit'],
    ['4123111111111034', 'incorrect_cvc'],
    ['4123111111111042', 'expired_card'],
    ['4123111111111059', 'card_declined'],
    ['4123111111111075', 'incorrect_number'],
  ];
  for (const [number, expected] of declines) {
    it(`test card ${number} → failed ${expected}, and the shopper can pay again`, async () => {
      const w = world();
      const session = await w.start();
      const outcome = await komojuAdapter.pay.card!(w.attempt(session), { card: card(number) });
      assert.equal(reason(outcome), expected);
      assert.equal(outcome.status === 'failed' && outcome.error.retryable, true);
      const retry = await komojuAdapter.pay.card!(w.attempt(session), { card: card('5555555555554444') });
      assert.equal(retry.status, 'succeeded');
      assert.equal(retry.status === 'succeeded' && retry.brand, 'mastercard');
      assertNoCardLeak(w, number);
    });
  }

  it('3-D Secure challenge completed: redirect, return, resume → succeeded; a reload pays nothing more', async () => {
    const w = world();
    const session = await w.start();
    const first = await komojuAdapter.pay.card!(w.attempt(session), { card: card('4100000000005000') });
    assert.equal(first.status, 'requires_action');
    if (first.status !== 'requires_action') return;
    assert.equal(new URL(first.action.url).origin, new URL(API).origin, 'the challenge page is the sandbox');
    assert.equal(w.sandbox.komoju.inspect.payRequests(session.sessionId).length, 0, 'nothing paid before 3DS');

    const params = await w.challenge(first.action.url, 'complete');
    assert.equal(params.get('session_id'), session.sessionId);
    assert.ok(params.get('secure_token_id'));
    assert.equal(params.get('cart'), '7', "the page's own parameters are kept");

    const resumed = await komojuAdapter.resume(w.attempt(session), params);
    assert.equal(resumed.status, 'succeeded');
    const reload = await komojuAdapter.resume(w.attempt(session, 'another-key'), params);
    assert.equal(reload.status, 'succeeded');
    assert.equal(w.sandbox.komoju.inspect.payments({ sessionId: session.sessionId, status: 'captured' }).length, 1);
    assert.equal((await w.status(session.sessionId)).status, 'succeeded');
    assertNoCardLeak(w, '4100000000005000');
  });

  it('3-D Secure challenge failed → authentication_failed, nothing charged', async () => {
    const w = world();
    const session = await w.start();
    const first = await komojuAdapter.pay.card!(w.attempt(session), { card: card('4100000000005000') });
    assert.equal(first.status, 'requires_action');
    if (first.status !== 'requires_action') return;
    const params = await w.challenge(first.action.url, 'fail');
    const resumed = await komojuAdapter.resume(w.attempt(session), params);
    assert.equal(reason(resumed), 'authentication_failed');
    assert.equal(w.sandbox.komoju.inspect.payments({ sessionId: session.sessionId, status: 'captured' }).length, 0);
  });

  it('back from the challenge page without answering → authentication_canceled, nothing charged', async () => {
    const w = world();
    const session = await w.start();
    const first = await komojuAdapter.pay.card!(w.attempt(session), { card: card('4100000000005000') });
    assert.equal(first.status, 'requires_action');
    const token = w.sandbox.komoju.inspect.secureTokens()[0];
    assert.ok(token);
    const params = new URLSearchParams({ session_id: session.sessionId, secure_token_id: token.id });
    const resumed = await komojuAdapter.resume(w.attempt(session), params);
    assert.equal(reason(resumed), 'authentication_canceled');
    assert.equal(w.sandbox.komoju.inspect.payRequests(session.sessionId).length, 0);
  });

  it('frictionless 3-D Secure (OK token) pays at once', async () => {
    const w = world();
    const session = await w.start();
    const outcome = await komojuAdapter.pay.card!(w.attempt(session), { card: card('4100000000000100') });
    assert.equal(outcome.status, 'succeeded');
  });

  it('konbini: the slip, the same from the endpoint status, and one payment however often it is sent', async () => {
    const w = world();
    const session = await w.start();
    const ctx = w.attempt(session, 'one-submit');
    // A browser cannot send KOMOJU an idempotency key (its CORS rules allow none): the session itself
    // takes one payment, and a second pay of a completed session is refused.
    const [outcome, doubleClick] = await Promise.all([
      komojuAdapter.pay.konbini!(ctx, KONBINI),
      komojuAdapter.pay.konbini!(ctx, KONBINI),
    ]);
    assert.equal(outcome.status, 'awaiting_payment');
    if (outcome.status !== 'awaiting_payment') return;
    assert.equal(doubleClick.status, 'failed', JSON.stringify(doubleClick));
    assert.equal(outcome.slip.store, 'lawson');
    assert.match(outcome.slip.paymentNumber, /^\d+$/);
    assert.ok(outcome.slip.amount >= 2400, 'the amount at the register includes the fee');
    assert.ok(Date.parse(outcome.slip.expiresAt) > Date.now());
    assert.ok(outcome.slip.slipUrl?.startsWith(new URL(API).origin));
    assert.equal(w.sandbox.komoju.inspect.payments({ sessionId: session.sessionId }).length, 1);

    const fromServer = await w.status(session.sessionId);
    assert.deepEqual(fromServer, outcome);
    const afterReturn = await komojuAdapter.resume(
      w.attempt(session),
      new URLSearchParams({ session_id: session.sessionId }),
    );
    assert.deepEqual(afterReturn, outcome);
  });

  it('a card-only session refuses konbini before any request', async () => {
    const w = world();
    const session = await w.start(['card']);
    assert.deepEqual(session.methods, ['card']);
    const outcome = await komojuAdapter.pay.konbini!(w.attempt(session), KONBINI);
    assert.equal(reason(outcome), 'method_unavailable');
    assert.equal(w.browserRequests.length, 0);
  });

  it('a tampered session (another amount) does not let the browser pay less', async () => {
    const w = world(2400);
    const session = await w.start();
    const tampered = { ...session, amount: 1 };
    const outcome = await komojuAdapter.pay.card!(w.attempt(tampered), { card: card('4111111111111111') });
    assert.equal(outcome.status, 'failed');
    assert.equal(w.sandbox.komoju.inspect.payments({ sessionId: session.sessionId, status: 'captured' }).length, 0);
  });

  it('status of a session that does not exist → 404 from the endpoint', async () => {
    const w = world();
    const { status, json } = await w.call({ action: 'status', sessionId: 'nosuchsession000000000000' });
    assert.equal(status, 404);
    assert.equal((json['error'] as { code: string }).code, 'unknown_session');
  });

  it('a wrong secret key on the server → 502 at start, the key nowhere in the answer', async () => {
    const sandbox = createSandbox();
    const secretKey = 'sk_test_wrong_key_123456';
    const endpoint = createKessaiHandler({
      provider: 'komoju',
      secretKey,
      publishableKey: sandbox.komoju.publishableKey,
      apiBase: API,
      fetch: sandbox.fetch,
      allowedOrigins: [SHOP],
      amount: () => ({ amount: 100, currency: 'JPY' }),
    });
    const response = await endpoint(
      new Request(`${SHOP}/api/komoju`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ action: 'start', returnUrl: PAGE }),
      }),
    );
    assert.equal(response.status, 502);
    const text = await response.text();
    assert.match(text, /HTTP 401/);
    assert.ok(!text.includes(secretKey));
  });
});
