import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSandbox, type UnivapayEmulatorOptions } from '../../../src/sandbox/index.ts';

/**
 * The UnivaPay emulator's recurring tokens (docs/providers.md, "UnivaPay › Recurring tokens"): made
 * with `type: "recurring"`, their 3-D Secure run when they are made (a challenge card waits for the
 * shopper in the inline form), charged again and again, a charge's `three_ds.mode` `normal` skipping
 * the authentication the token already had and `force` / `require` running it again; `usage_limit` and
 * the store's recurring privilege; `DELETE` of a token with the secret.
 */

const PAGE = 'http://localhost:5173';
const SANDBOX = 'http://127.0.0.1:5173';
const API = `${SANDBOX}/sandbox/univapay`;
const RETURN = `${PAGE}/account?kessai_return=1`;
const CHALLENGE_CARD = '4000000000003220';

async function harness(options: Omit<UnivapayEmulatorOptions, 'basePath'> = {}) {
  const sandbox = createSandbox({ univapay: { ...options } });
  const { appToken, secret, storeId } = await sandbox.univapay.issueAppToken({ origins: [PAGE], directCardTokens: true });
  const server = `Bearer ${secret}.${appToken}`;
  async function call(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown, auth: string = server, origin?: string) {
    const headers: Record<string, string> = { Accept: 'application/json', Authorization: auth };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (origin) headers['Origin'] = origin;
    const response = await sandbox.fetch(`${API}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
  }
  const cardData = (number: string) => ({ cardholder: 'TARO YAMADA', card_number: number, exp_month: 12, exp_year: 2030, cvv: '123' });
  /** A token from the browser with the app token (a PCI DSS merchant's). */
  const token = (number: string, extra: Record<string, unknown> = {}) =>
    call('POST', '/tokens', { payment_type: 'card', type: 'recurring', email: 'taro@example.jp', data: cardData(number), ...extra }, `Bearer ${appToken}`, PAGE);
  /** The same token made in UnivaPay's inline form (the iframe's own same-origin call). */
  async function inlineToken(number: string): Promise<Record<string, unknown>> {
    const response = await sandbox.fetch(`${API}/client/inline/tokens`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: SANDBOX },
      body: JSON.stringify({ appId: appToken, origin: PAGE, token: { payment_type: 'card', type: 'recurring', email: 'taro@example.jp', data: cardData(number) } }),
    });
    assert.equal(response.status, 201);
    return (await response.json()) as Record<string, unknown>;
  }
  async function answerChallenge(tokenId: string, passed: boolean) {
    const response = await sandbox.fetch(`${API}/client/inline/tokens/${tokenId}/three_ds`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: SANDBOX },
      body: JSON.stringify({ appId: appToken, origin: PAGE, passed }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }
  const charge = (tokenId: string, mode?: string, amount = 1500) =>
    call('POST', '/charges', { transaction_token_id: tokenId, amount, currency: 'jpy', three_ds: { ...(mode ? { mode } : {}), redirect_endpoint: RETURN } });
  const getCharge = (id: string) => call('GET', `/stores/${storeId}/charges/${id}`);
  const getToken = (id: string) => call('GET', `/stores/${storeId}/tokens/${id}`);
  const deleteToken = (id: string, auth: string = server) => call('DELETE', `/stores/${storeId}/tokens/${id}`, undefined, auth, auth === server ? undefined : PAGE);
  return { sandbox, appToken, server, storeId, call, token, inlineToken, answerChallenge, charge, getCharge, getToken, deleteToken };
}

const threeDsOf = (token: Record<string, unknown>) => (token['data'] as { three_ds: { status: string | null } | null }).three_ds;

describe('UnivaPay emulator: recurring tokens', () => {
  it('a recurring token is charged again and again, and says so on each charge', async () => {
    const t = await harness();
    const made = await t.token('4000020000000000', { usage_limit: 'monthly' });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    assert.equal(made.body['type'], 'recurring');
    assert.equal(made.body['usage_limit'], 'monthly');
    assert.equal(threeDsOf(made.body)?.status, 'successful');
    const id = made.body['id'] as string;
    for (const amount of [1500, 2800]) {
      const charged = await t.charge(id, undefined, amount);
      assert.equal(charged.status, 201, JSON.stringify(charged.body));
      assert.equal(charged.body['transaction_token_type'], 'recurring');
      assert.equal((await t.getCharge(charged.body['id'] as string)).body['status'], 'successful');
    }
    const after = await t.getToken(id);
    assert.equal(after.body['active'], true);
    const card = (after.body['data'] as { card: Record<string, unknown> }).card;
    assert.equal(card['last_four'], '0000');
    assert.equal(card['brand'], 'visa');
    assert.equal(JSON.stringify(after.body).includes('4000020000000000'), false);
  });

  it('a one-time token is still charged once only', async () => {
    const t = await harness();
    const made = await t.token('4000020000000000', { type: 'one_time' });
    assert.equal((await t.charge(made.body['id'] as string)).status, 201);
    const again = await t.charge(made.body['id'] as string);
    assert.equal(again.status, 400);
    assert.equal(again.body['code'], 'TRANSACTION_ALREADY_PROCESSED');
  });

  it('usage_limit belongs to recurring tokens only; the store privilege bounded needs it, none refuses them', async () => {
    const t = await harness();
    const oneTime = await t.token('4000020000000000', { type: 'one_time', usage_limit: 'daily' });
    assert.equal(oneTime.status, 400);
    assert.equal(oneTime.body['code'], 'USAGE_LIMIT_NOT_APPLICABLE');
    const odd = await t.token('4000020000000000', { usage_limit: 'hourly' });
    assert.equal(odd.status, 400);
    assert.equal(odd.body['code'], 'VALIDATION_ERROR');

    const bounded = await harness({ recurringTokens: 'bounded' });
    assert.equal((await bounded.token('4000020000000000')).body['code'], 'RECURRING_USAGE_LIMIT_REQUIRED');
    assert.equal((await bounded.token('4000020000000000', { usage_limit: 'weekly' })).status, 201);

    const none = await harness({ recurringTokens: 'none' });
    const refused = await none.token('4000020000000000', { usage_limit: 'weekly' });
    assert.equal(refused.status, 400);
    assert.equal(refused.body['code'], 'RECURRING_TOKEN_NOT_ALLOWED');
  });

  it('a challenge card: the token waits for 3-D Secure in the inline form and cannot be charged until it passed', async () => {
    const t = await harness();
    const made = await t.inlineToken(CHALLENGE_CARD);
    const id = made['id'] as string;
    assert.equal(threeDsOf(made)?.status, 'awaiting');
    const early = await t.charge(id);
    assert.equal(early.status, 400);
    assert.equal(early.body['code'], 'INVALID_THREE_DS_STATUS');

    const passed = await t.answerChallenge(id, true);
    assert.equal(passed.status, 200);
    assert.equal(threeDsOf(passed.body)?.status, 'successful');
    // Answered once: a second answer is refused.
    assert.equal((await t.answerChallenge(id, false)).status, 400);

    // `normal`: the authentication of the token counts, no new challenge.
    const normal = await t.charge(id, 'normal');
    assert.equal((await t.getCharge(normal.body['id'] as string)).body['status'], 'successful');
    // `force` and `require`: the challenge again, at the charge.
    for (const mode of ['force', 'require']) {
      const forced = await t.charge(id, mode);
      assert.equal((await t.getCharge(forced.body['id'] as string)).body['status'], 'awaiting', mode);
    }
  });

  it('force and require on a card that needs no challenge: authenticated without one (frictionless)', async () => {
    const t = await harness();
    const id = (await t.token('4000020000000000')).body['id'] as string;
    for (const mode of ['force', 'require']) {
      const charged = await t.charge(id, mode);
      assert.equal((await t.getCharge(charged.body['id'] as string)).body['status'], 'successful', mode);
    }
  });

  it('a failed 3-D Secure leaves an inactive token that cannot be charged', async () => {
    const t = await harness();
    const made = await t.inlineToken(CHALLENGE_CARD);
    const id = made['id'] as string;
    const failed = await t.answerChallenge(id, false);
    assert.equal(threeDsOf(failed.body)?.status, 'failed');
    assert.equal(failed.body['active'], false);
    assert.equal((await t.charge(id)).body['code'], 'INVALID_THREE_DS_STATUS');
  });

  it('the inline form answers a challenge only from its own origin, for an allowed page', async () => {
    const t = await harness();
    const id = (await t.inlineToken(CHALLENGE_CARD))['id'] as string;
    const foreign = await t.sandbox.fetch(`${API}/client/inline/tokens/${id}/three_ds`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: PAGE },
      body: JSON.stringify({ passed: true }),
    });
    assert.equal(foreign.status, 403);
    assert.equal(threeDsOf((await t.getToken(id)).body)?.status, 'awaiting');
  });

  it('konbini tokens cannot be recurring', async () => {
    const t = await harness();
    const answer = await t.call(
      'POST',
      '/tokens',
      {
        payment_type: 'konbini',
        type: 'recurring',
        email: 'taro@example.jp',
        data: { customer_name: 'テスト 太郎', convenience_store: 'seven_eleven', phone_number: { country_code: '81', local_number: '0364413400' } },
      },
    );
    assert.equal(answer.status, 400);
    assert.equal(answer.body['code'], 'VALIDATION_ERROR');
  });

  it('DELETE /stores/{storeId}/tokens/{id} with the secret: 204 without a body; then not found, not charged, not deleted again', async () => {
    const t = await harness();
    const id = (await t.inlineToken('4000020000000000'))['id'] as string;
    assert.equal((await t.charge(id)).status, 201);
    // Not from the browser: the app token alone may not delete.
    assert.equal((await t.deleteToken(id, `Bearer ${t.appToken}`)).status, 403);
    assert.equal((await t.getToken(id)).status, 200);
    const answer = await t.sandbox.fetch(`${API}/stores/${t.storeId}/tokens/${id}`, {
      method: 'DELETE',
      headers: { Authorization: t.server },
    });
    assert.equal(answer.status, 204);
    assert.equal(await answer.text(), '');
    assert.equal((await t.getToken(id)).status, 404);
    assert.equal((await t.charge(id)).status, 404);
    assert.equal((await t.deleteToken(id)).status, 404);
    assert.equal((await t.deleteToken('00000000-0000-0000-0000-000000000000')).status, 404);
    assert.equal(t.sandbox.univapay.inspect.tokens().find((token) => token.id === id)?.deleted, true);
    // Its earlier charge stays readable.
    assert.equal(t.sandbox.univapay.inspect.charges().length, 1);
  });
});
