import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ClientSession } from '../../../src/core/protocol.ts';
import { outcomeSchema } from '../../../src/core/outcome.ts';
import { createKessaiHandler, type PayjpHandlerConfig } from '../../../src/server/index.ts';
import { createCustomer } from '@payjp/payjpv2';
import { API_BASE, browserConfirm, newSandbox, sdkClient } from '../sandbox/payjp-helpers.ts';

/**
 * The PAY.JP server module through the endpoint handler, against the PAY.JP emulator: which calls `status`
 * makes for a Payment Flow and for a Setup Flow (docs/providers.md "PAY.JP › Calls the code makes").
 */

const PAGE = 'https://shop.example';

async function setup(overrides: Partial<PayjpHandlerConfig> = {}) {
  const sandbox = newSandbox();
  const client = sdkClient(sandbox);
  const customer = (await createCustomer({ client, body: { email: 'taro@example.jp' }, throwOnError: true })).data.id;
  const calls: string[] = [];
  const handler = createKessaiHandler({
    provider: 'payjp',
    secretKey: sandbox.payjp.secretKey,
    publicKey: sandbox.payjp.publicKey,
    apiBase: API_BASE,
    allowedOrigins: [PAGE],
    amount: () => ({ amount: 1500, currency: 'JPY' }),
    customer: () => customer,
    fetch: async (input, init) => {
      const request = new Request(input, init);
      calls.push(`${request.method} ${new URL(request.url).pathname.replace('/sandbox/payjp', '')}`);
      return sandbox.fetch(request);
    },
    ...overrides,
  });
  async function post(body: Record<string, unknown>) {
    const response = await handler(
      new Request(`${PAGE}/api/payjp`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: PAGE }, body: JSON.stringify(body) }),
    );
    const text = await response.text();
    assert.equal(response.status, 200, text);
    return JSON.parse(text) as Record<string, unknown>;
  }
  const start = async (mode: 'payment' | 'setup') =>
    (await post({ action: 'start', mode, returnUrl: `${PAGE}/checkout` }))['session'] as ClientSession;
  const status = async (sessionId: string) => outcomeSchema.parse((await post({ action: 'status', sessionId }))['outcome']);
  return { sandbox, calls, start, status };
}

const secretOf = (session: ClientSession) => String(session.extra?.['clientSecret']);

describe('PAY.JP server module: start', () => {
  it("tells PAY.JP v2's card brands (its guide's list: Visa, Mastercard, American Express, JCB, Diners Club, Discover) in both modes", async () => {
    const t = await setup();
    for (const mode of ['payment', 'setup'] as const) {
      const session = await t.start(mode);
      assert.equal(session.cardEntry, 'surface');
      assert.deepEqual(session.cardBrands, ['visa', 'mastercard', 'jcb', 'amex', 'diners', 'discover']);
    }
  });
});

describe('PAY.JP server module: status', () => {
  it('reads a Setup Flow with one request for the flow (no Payment Flow lookup first), then its card', async () => {
    const { sandbox, calls, start, status } = await setup();
    const session = await start('setup');
    assert.match(session.sessionId, /^sflw_/);
    const confirm = await browserConfirm(sandbox, 'setup_flows', session.sessionId, secretOf(session), '4242424242424242');
    assert.equal(confirm.status, 200);
    calls.length = 0;
    const outcome = await status(session.sessionId);
    assert.equal(outcome.status, 'succeeded');
    assert.deepEqual(calls, [`GET /v2/setup_flows/${session.sessionId}`, calls[1]]);
    assert.match(calls[1] ?? '', /^GET \/v2\/payment_methods\//);
  });

  it('reads a Payment Flow with one request for the flow, then its card', async () => {
    const { sandbox, calls, start, status } = await setup();
    const session = await start('payment');
    assert.match(session.sessionId, /^pfw_/);
    assert.equal((await browserConfirm(sandbox, 'payment_flows', session.sessionId, secretOf(session), '4242424242424242')).status, 200);
    calls.length = 0;
    const outcome = await status(session.sessionId);
    assert.equal(outcome.status, 'succeeded');
    assert.equal(calls[0], `GET /v2/payment_flows/${session.sessionId}`);
    assert.equal(calls.filter((call) => /_flows\//.test(call)).length, 1);
  });
});
