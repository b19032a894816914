import assert from 'node:assert/strict';
import { endpointErrorSchema, type ClientSession } from '../../../src/core/protocol.ts';
import { outcomeSchema, type Outcome } from '../../../src/core/outcome.ts';
import type { KessaiServerEvent, UnivapayHandlerConfig, UnivapaySavedCard } from '../../../src/server/index.ts';
import { createKessaiHandler } from '../../../src/server/index.ts';
import { createUnivapayEmulator, type UnivapayEmulatorOptions } from '../../../src/sandbox/univapay/index.ts';

/**
 * One UnivaPay handler against the emulator for the saved-card server tests (setup mode, saved cards, pay
 * and save): shoppers told apart by a `shopper` cookie, their cards kept in memory by `savedCards` and
 * `onCardSaved` as a merchant would, the charge bodies and the handler's events recorded, and tokens
 * made as UnivaPay's inline form makes them.
 */

export const PAGE = 'http://localhost:5173';
export const API = 'http://127.0.0.1:5173/sandbox/univapay';
export const RETURN_URL = `${PAGE}/account?kessai_return=1`;
export const CHALLENGE_CARD = '4000000000003220';

export async function setup(overrides: Partial<UnivapayHandlerConfig> = {}, emulatorOptions: UnivapayEmulatorOptions = {}) {
  const emulator = createUnivapayEmulator(emulatorOptions);
  const events: KessaiServerEvent[] = [];
  const { appToken, secret, storeId } = await emulator.issueAppToken({ origins: [PAGE], directCardTokens: true });
  const cards = new Map<string, UnivapaySavedCard[]>();
  const saves: Omit<UnivapaySavedCard, 'id'>[] = [];
  const chargeBodies: Record<string, unknown>[] = [];
  const shopperOf = (request: Request) => /shopper=(\w+)/.exec(request.headers.get('cookie') ?? '')?.[1];
  const config: UnivapayHandlerConfig = {
    provider: 'univapay',
    appToken,
    secret,
    storeId,
    apiBase: API,
    allowedOrigins: [PAGE],
    amount: ({ mode }) => ({ amount: mode === 'setup' ? 0 : 2400, currency: 'JPY' }),
    fetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      if (request.method === 'POST' && new URL(request.url).pathname.endsWith('/charges')) chargeBodies.push((await request.clone().json()) as Record<string, unknown>);
      return emulator.handle(request);
    }) as typeof fetch,
    polling: { attempts: 2, intervalMs: 1 },
    onEvent: (event) => events.push(event),
    savedCards: ({ request }) => cards.get(shopperOf(request) ?? '') ?? [],
    onCardSaved: ({ request }, card) => {
      const shopper = shopperOf(request);
      if (!shopper) throw new Error('no shopper');
      saves.push(card);
      const id = `card_${saves.length}`;
      cards.set(shopper, [...(cards.get(shopper) ?? []), { id, ...card }]);
      return id;
    },
    ...overrides,
  };
  const handler = createKessaiHandler(config);
  async function post(body: Record<string, unknown>, shopper = 'taro') {
    const response = await handler(
      new Request(`${PAGE}/api/univapay`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: PAGE, Cookie: `shopper=${shopper}` },
        body: JSON.stringify(body),
      }),
    );
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }
  async function start(mode: 'payment' | 'setup', shopper = 'taro'): Promise<ClientSession> {
    const answer = await post({ action: 'start', mode, returnUrl: RETURN_URL }, shopper);
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    return answer.body['session'] as ClientSession;
  }
  /** A token as UnivaPay's inline form makes it (its own same-origin call), with its 3-D Secure step answered. */
  async function inlineToken(number: string, type: 'recurring' | 'one_time', passed = true): Promise<string> {
    const response = await emulator.handle(
      new Request(`${API}/client/inline/tokens`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: new URL(API).origin },
        body: JSON.stringify({
          appId: appToken,
          origin: PAGE,
          token: { payment_type: 'card', type, email: 'taro@example.jp', data: { cardholder: 'TARO', card_number: number, exp_month: 11, exp_year: 2031, cvv: '123' } },
        }),
      }),
    );
    assert.equal(response.status, 201);
    const token = (await response.json()) as { id: string; data: { three_ds: { status: string } | null } };
    if (token.data.three_ds?.status === 'awaiting') {
      const answered = await emulator.handle(
        new Request(`${API}/client/inline/tokens/${token.id}/three_ds`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Origin: new URL(API).origin },
          body: JSON.stringify({ appId: appToken, origin: PAGE, passed }),
        }),
      );
      assert.equal(answered.status, 200);
    }
    return token.id;
  }
  const complete = (session: ClientSession, token: string, shopper = 'taro', extra: Record<string, unknown> = {}) =>
    post({ action: 'complete', sessionId: session.sessionId, token, method: 'card', returnUrl: RETURN_URL, ...extra }, shopper);
  /** Saves a card in setup mode; the merchant's id. */
  async function save(number: string, shopper = 'taro'): Promise<string> {
    const outcome = outcomeOf(await complete(await start('setup', shopper), await inlineToken(number, 'recurring'), shopper));
    assert.equal(outcome.status, 'succeeded', JSON.stringify(outcome));
    return (outcome as Extract<Outcome, { status: 'succeeded' }>).paymentMethodId!;
  }
  return { emulator, cards, saves, chargeBodies, events, post, start, inlineToken, complete, save };
}

export function outcomeOf(answer: { status: number; body: Record<string, unknown> }): Outcome {
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return outcomeSchema.parse(answer.body['outcome']);
}
export function refusal(answer: { status: number; body: Record<string, unknown> }, status: number, code: string) {
  assert.equal(answer.status, status, JSON.stringify(answer.body));
  assert.equal(endpointErrorSchema.parse(answer.body).error.code, code);
}
