import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Outcome } from '../../../src/core/outcome.ts';
import type { ClientSession, EndpointClient } from '../../../src/core/protocol.ts';
import type { AttemptContext } from '../../../src/providers/adapter.ts';
import { komojuAdapter } from '../../../src/providers/komoju/adapter.ts';
import { createKessaiHandler } from '../../../src/server/index.ts';
import { createSandbox, type Sandbox } from '../../../src/server/sandbox/index.ts';
import { PAGE_ORIGIN, SANDBOX_ORIGIN, submitForm } from './helpers.ts';

/**
 * The whole KOMOJU path against the emulator, in-process: the merchant endpoint creates the session
 * with the secret key, the browser adapter pays it with the publishable key, 3-D Secure goes through
 * the challenge page, and the endpoint's `status` reads the result. Proves the emulator's answers are
 * the shapes both sides parse.
 */

const PAGE_URL = `${PAGE_ORIGIN}/checkout`;
const endpointNotUsed: EndpointClient = {
  complete: () => Promise.reject(new Error('KOMOJU never posts complete')),
  status: () => Promise.reject(new Error('not used here')),
};

function setup() {
  const sandbox = createSandbox();
  const apiBase = `${SANDBOX_ORIGIN}/sandbox/komoju/api/v1`;
  const endpoint = createKessaiHandler({
    provider: 'komoju',
    secretKey: sandbox.komoju.secretKey,
    publishableKey: sandbox.komoju.publishableKey,
    apiBase,
    fetch: sandbox.fetch,
    allowedOrigins: [PAGE_ORIGIN],
    amount: () => ({ amount: 1980, currency: 'JPY', orderId: `demo-${Math.random()}` }),
  });
  async function post(body: Record<string, unknown>): Promise<Record<string, unknown>> {
    const response = await endpoint(
      new Request(`${PAGE_ORIGIN}/api/komoju`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: PAGE_ORIGIN },
        body: JSON.stringify(body),
      }),
    );
    assert.equal(response.status, 200, await response.clone().text());
    return (await response.json()) as Record<string, unknown>;
  }
  async function start(): Promise<ClientSession> {
    return (await post({ action: 'start', returnUrl: PAGE_URL, locale: 'ja' }))['session'] as ClientSession;
  }
  function ctx(session: ClientSession, idempotencyKey = crypto.randomUUID()): AttemptContext {
    return {
      session,
      endpoint: endpointNotUsed,
      locale: 'ja',
      pageUrl: PAGE_URL,
      idempotencyKey,
      signal: new AbortController().signal,
      fetch: sandbox.fetch as typeof fetch,
    };
  }
  async function status(sessionId: string): Promise<Outcome> {
    return (await post({ action: 'status', sessionId }))['outcome'] as Outcome;
  }
  return { sandbox, start, ctx, status };
}

const CARD = { expMonth: 12, expYear: 2030, cvc: '123', name: 'TARO YAMADA' };

/** Follows a redirect outcome through the challenge page like the browser, and resumes. */
async function passChallenge(sandbox: Sandbox, outcome: Outcome, result: 'complete' | 'fail'): Promise<URLSearchParams> {
  assert.equal(outcome.status, 'requires_action');
  assert.ok(outcome.status === 'requires_action' && outcome.action.type === 'redirect');
  const response = await submitForm(sandbox, outcome.action.url, { result });
  assert.equal(response.status, 303);
  const back = new URL(response.headers.get('location') ?? '');
  assert.equal(back.origin + back.pathname, PAGE_URL);
  return back.searchParams;
}

describe('KOMOJU sandbox ↔ adapter and endpoint', () => {
  it('start offers card and every konbini store with the sandbox API base', async () => {
    const { start } = setup();
    const session = await start();
    assert.equal(session.provider, 'komoju');
    assert.equal(session.apiBase, `${SANDBOX_ORIGIN}/sandbox/komoju/api/v1`);
    assert.equal(session.publicKey, 'pk_test_kessai_sandbox');
    assert.deepEqual(session.methods, ['card', 'konbini']);
    assert.equal(session.konbiniStores.length, 6);
    assert.equal(session.amount, 1980);
  });

  it('a success card succeeds, once, and the endpoint status agrees', async () => {
    const { sandbox, start, ctx, status } = setup();
    const session = await start();
    const outcome = await komojuAdapter.payCard?.(ctx(session), { number: '4111111111111111', ...CARD });
    assert.equal(outcome?.status, 'succeeded');
    assert.ok(outcome?.status === 'succeeded' && outcome.last4 === '1111' && outcome.brand === 'visa');
    assert.equal(sandbox.komoju.inspect.payments({ sessionId: session.sessionId, status: 'captured' }).length, 1);
    assert.equal((await status(session.sessionId)).status, 'succeeded');
  });

  it('a decline card fails with the mapped reason', async () => {
    const { start, ctx } = setup();
    const expected: [string, string][] = [
      ['4123111111111000', 'insufficient_funds'],
      ['4123111111111034', 'incorrect_cvc'],
      ['4123111111111042', 'expired_card'],
    ];
    for (const [number, reason] of expected) {
      const session = await start();
      const outcome = await komojuAdapter.payCard?.(ctx(session), { number, ...CARD });
      assert.equal(outcome?.status, 'failed', number);
      assert.ok(outcome?.status === 'failed' && outcome.error.reason === reason, `${number}: ${JSON.stringify(outcome)}`);
    }
  });

  it('the challenge card redirects to the challenge page; completing it and resuming pays once', async () => {
    const { sandbox, start, ctx, status } = setup();
    const session = await start();
    const first = await komojuAdapter.payCard?.(ctx(session), { number: '4100000000005000', ...CARD });
    assert.ok(first);
    const params = await passChallenge(sandbox, first, 'complete');
    assert.equal(params.get('session_id'), session.sessionId);
    assert.ok(params.get('secure_token_id'));
    const resumed = await komojuAdapter.resume(ctx(session), params);
    assert.equal(resumed.status, 'succeeded');
    // A reload of the return page resumes again: still one payment.
    const reloaded = await komojuAdapter.resume(ctx(session), params);
    assert.equal(reloaded.status, 'succeeded');
    assert.equal(sandbox.komoju.inspect.payments({ sessionId: session.sessionId }).length, 1);
    assert.equal((await status(session.sessionId)).status, 'succeeded');
  });

  it('failing the challenge fails the attempt with an authentication error', async () => {
    const { sandbox, start, ctx } = setup();
    const session = await start();
    const first = await komojuAdapter.payCard?.(ctx(session), { number: '4100000000005000', ...CARD });
    assert.ok(first);
    const params = await passChallenge(sandbox, first, 'fail');
    const resumed = await komojuAdapter.resume(ctx(session), params);
    assert.equal(resumed.status, 'failed');
    assert.ok(resumed.status === 'failed' && resumed.error.code === 'authentication');
    assert.equal(sandbox.komoju.inspect.payments({ sessionId: session.sessionId }).length, 0);
  });

  it('konbini ends awaiting payment with a slip, and succeeds once marked paid', async () => {
    const { sandbox, start, ctx, status } = setup();
    const session = await start();
    const outcome = await komojuAdapter.payKonbini?.(ctx(session), {
      store: 'lawson',
      name: '山田 花子',
      email: 'hanako@example.jp',
      phone: '09012345678',
    });
    assert.equal(outcome?.status, 'awaiting_payment');
    assert.ok(outcome?.status === 'awaiting_payment');
    assert.equal(outcome.slip.store, 'lawson');
    assert.equal(outcome.slip.amount, 1980 + 190);
    assert.match(outcome.slip.confirmationNumber ?? '', /^\d{4}$/);
    assert.ok(outcome.slip.slipUrl?.startsWith(`${SANDBOX_ORIGIN}/sandbox/komoju/instructions/`));
    assert.equal((await status(session.sessionId)).status, 'awaiting_payment');
    await submitForm(sandbox, outcome.slip.slipUrl ?? '', { action: 'paid' });
    assert.equal((await status(session.sessionId)).status, 'succeeded');
  });
});
