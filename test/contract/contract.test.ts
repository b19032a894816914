import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { Outcome } from '../../src/core/outcome.ts';
import type { CardDetails } from '../../src/core/payment-input.ts';
import { clientSessionSchema, type ClientSession } from '../../src/core/protocol.ts';
import { createEndpointClient } from '../../src/flow/endpoint-client.ts';
import type { ProviderAdapter, ResumeContext } from '../../src/providers/adapter.ts';
import { loadAdapter, manifestOf } from '../../src/providers/registry.ts';
import { createSandbox } from '../../src/sandbox/index.ts';
import { createKessaiHandler, type KessaiHandlerConfig } from '../../src/server/index.ts';
import { containsCardNumber } from '../support/card-scan.ts';
import type { ProviderKit } from './kit.ts';

/**
 * One contract, every provider: the browser adapter, the merchant endpoint (`kessai-elements/server`)
 * and the provider's emulator together, in one process, as a shopper's checkout runs them (start,
 * pay, 3-D Secure, return, status). Each provider runs it through its kit (`kits/<provider>.ts`, found
 * here by listing the folder: a new provider adds a kit and gets every test below).
 *
 * The page is on `localhost`, the provider on `127.0.0.1` (another origin, as in the demo); every
 * request is recorded, and each test ends by checking where the card went.
 */

const PAGE = 'http://localhost:5173';
const API_ORIGIN = 'http://127.0.0.1:5173';
const RETURN_URL = `${PAGE}/checkout?cart=7&kessai_return=1`;

interface Seen {
  readonly from: 'browser' | 'server' | 'endpoint';
  readonly url: string;
  readonly headers: readonly [string, string][];
  readonly body: string;
}

/** The theme a card surface is mounted with. */
const THEME = {
  color: '#1a1a1a',
  placeholder: '#6b6b6b',
  danger: '#b00020',
  background: '#ffffff',
  primary: '#0b5fff',
  fontFamily: 'system-ui, sans-serif',
  fontSize: '16px',
  locale: 'ja',
} as const;

const card = (number: string): CardDetails => ({
  number,
  expMonth: 12,
  expYear: new Date().getFullYear() + 3,
  cvc: '123',
  name: 'HANAKO SATO',
});

/** The sandbox, the handler and the adapter of `kit`, with every request recorded. */
async function world(kit: ProviderKit) {
  const sandbox = createSandbox(kit.sandbox);
  const seen: Seen[] = [];
  let down = false;
  const through = (from: Seen['from'], handle: (request: Request) => Promise<Response>): typeof fetch =>
    (async (input: RequestInfo | URL, init?: RequestInit) => {
      const headers = new Headers(init?.headers);
      // The page's origin, unless the request is made by another origin's page (a provider's hosted page).
      if (from !== 'server' && !headers.has('Origin')) headers.set('Origin', PAGE);
      const request = new Request(new URL(String(input instanceof Request ? input.url : input), PAGE), {
        ...init,
        headers,
      });
      seen.push({ from, url: request.url, headers: [...request.headers.entries()], body: await request.clone().text() });
      // An outage of the provider: its API answers a maintenance page, to the browser and the server alike.
      if (down && from !== 'endpoint') return new Response('<h1>Maintenance</h1>', { status: 503 });
      return handle(request);
    }) as typeof fetch;

  const config: KessaiHandlerConfig = {
    ...(await kit.handlerConfig(sandbox, API_ORIGIN, PAGE)),
    fetch: through('server', (request) => sandbox.fetch(request)),
    allowedOrigins: [PAGE],
    amount: () => ({ amount: 2400, currency: 'JPY', orderId: `ORDER-${crypto.randomUUID()}`, email: 'hanako@example.jp' }),
  };
  const handler = createKessaiHandler(config);
  const endpoint = createEndpointClient({ url: `${PAGE}/api/pay`, fetch: through('endpoint', handler) });
  const adapter = (await loadAdapter(kit.provider)) as ProviderAdapter;
  assert.ok(adapter, `${kit.provider} has a browser adapter`);
  const browserFetch = through('browser', (request) => sandbox.fetch(request));
  const providerScript = kit.providerScript?.(browserFetch);

  /**
   * The shopper pays `card` as the checkout would: typed into our inputs, or, for a provider that takes
   * cards in its own form, into that form (the adapter's card surface, mounted on the double's nodes).
   */
  const hostedPage = kit.hostedPage?.(sandbox, browserFetch);

  async function payCard(ctx: ResumeContext, typed: CardDetails): Promise<Outcome> {
    if (hostedPage) {
      // A new card on the provider's hosted page: the shopper is sent there, types it, and is sent on.
      const outcome = await adapter.pay.card!(ctx, { hosted: { save: false } });
      if (outcome.status !== 'requires_action' || outcome.action.type !== 'redirect') return outcome;
      const next = new URL(await hostedPage.fill(outcome.action.url, typed));
      if (`${next.origin}${next.pathname}` !== `${PAGE}/checkout`) {
        return { status: 'requires_action', method: 'card', action: { type: 'redirect', url: next.href }, ...(outcome.reference ? { reference: outcome.reference } : {}) };
      }
      await hostedPage.settled();
      const params = new URLSearchParams(next.search);
      params.delete('kessai_return');
      return adapter.resume({ ...ctx, reference: outcome.reference }, params);
    }
    if (!providerScript) return adapter.pay.card!(ctx, { card: typed });
    const surface = adapter.createCardSurface?.({ session: ctx.session, locale: 'ja' });
    assert.ok(surface, `${kit.provider} makes a card form`);
    await surface.mount(
      Object.fromEntries(surface.fields.map((field) => [field, { ownerDocument: globalThis.document } as unknown as HTMLElement])),
      THEME,
    );
    providerScript.fill(typed);
    const leaving = providerScript.navigation?.();
    const paying = adapter.pay.card!(ctx, { surface, name: typed.name });
    if (!leaving) return paying;
    const first = await Promise.race([paying.then((outcome) => ({ outcome })), leaving.then((url) => ({ url }))]);
    if ('outcome' in first) return first.outcome;
    // The script sent the page away: to the bank (a step the suite answers, as any redirect), or back to
    // the shop's page with the provider's parameters (the return, resumed as the checkout does).
    const target = new URL(first.url);
    if (`${target.origin}${target.pathname}` !== `${PAGE}/checkout`) {
      return { status: 'requires_action', method: 'card', action: { type: 'redirect', url: target.href }, reference: ctx.session.sessionId };
    }
    const params = new URLSearchParams(target.search);
    params.delete('kessai_return');
    return adapter.resume({ ...ctx, reference: ctx.session.sessionId }, params);
  }

  async function start(): Promise<ClientSession> {
    const started = await endpoint.start({ returnUrl: RETURN_URL, locale: 'ja' }, new AbortController().signal);
    assert.ok(started.ok, JSON.stringify(started));
    return clientSessionSchema.parse(started.session);
  }

  function attempt(session: ClientSession, reference?: string, idempotencyKey: string = crypto.randomUUID()): ResumeContext {
    return {
      session,
      endpoint,
      locale: 'ja',
      pageUrl: RETURN_URL,
      idempotencyKey,
      signal: new AbortController().signal,
      fetch: browserFetch,
      reference,
    };
  }

  /** What a shopper's browser does with a next action: opens the challenge page and presses a button. */
  async function answerChallenge(outcome: Outcome, button: 'Complete authentication' | 'Fail authentication'): Promise<URL> {
    assert.equal(outcome.status, 'requires_action', JSON.stringify(outcome));
    if (outcome.status !== 'requires_action') throw new Error('unreachable');
    const { action } = outcome;
    const page =
      action.type === 'post'
        ? await sandbox.fetch(action.url, {
            method: 'POST',
            headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: PAGE },
            body: new URLSearchParams(action.fields).toString(),
          })
        : await sandbox.fetch(action.url);
    assert.equal(page.status, 200);
    const html = await page.text();
    // A form posting to its `action`, or to the page itself when it names none.
    const form = /<form method="post"(?: action="([^"]+)")?>/.exec(html);
    assert.ok(form, 'the challenge page has a form');
    const value = new RegExp(`name="result" value="(\\w+)">${button}</button>`).exec(html)?.[1];
    assert.ok(value, `the challenge page has a "${button}" button`);
    const pageUrl = page.url || (action.type === 'post' ? action.url : action.url);
    const target = form[1] ? new URL(form[1].replace(/&amp;/g, '&'), pageUrl).href : pageUrl;
    const done = await sandbox.fetch(target, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: new URL(pageUrl).origin },
      body: new URLSearchParams({ result: value }).toString(),
      redirect: 'manual',
    });
    assert.equal(done.status, 303);
    const back = new URL(done.headers.get('location') ?? '');
    assert.equal(`${back.origin}${back.pathname}`, `${PAGE}/checkout`, 'back to the shop page');
    return back;
  }

  /** The provider's return: resumed as the checkout does, with the recorded reference and the URL's parameters. */
  async function resume(session: ClientSession, outcome: Outcome, back: URL): Promise<Outcome> {
    const reference = outcome.status === 'requires_action' ? outcome.reference : undefined;
    const manifest = manifestOf(kit.provider);
    assert.ok(manifest, 'the provider has a manifest');
    assert.ok(
      [...manifest.returnParams, 'kessai_return'].some((name) => back.searchParams.has(name)),
      `the return URL says it is a return: ${back.href}`,
    );
    const params = new URLSearchParams(back.search);
    params.delete('kessai_return');
    await hostedPage?.settled();
    return adapter.resume(attempt(session, reference), params);
  }

  /** The card went from the browser to the provider only, in no spelling anywhere else. */
  function assertCardContained(number: string): void {
    const carriers = seen.filter((s) => containsCardNumber(s.body, number));
    assert.ok(carriers.length > 0, 'the card reached the provider');
    for (const s of seen) {
      assert.ok(!containsCardNumber(s.url, number), `card number in ${s.url}`);
      for (const [name, value] of s.headers) assert.ok(!containsCardNumber(value, number), `card number in ${name}`);
    }
    for (const s of carriers) {
      assert.equal(s.from, 'browser', `card data sent by the ${s.from} to ${s.url}`);
      assert.equal(new URL(s.url).origin, API_ORIGIN, `card data sent to ${s.url}`);
    }
  }

  return {
    sandbox,
    seen,
    adapter,
    payCard,
    endpoint,
    start,
    attempt,
    answerChallenge,
    resume,
    assertCardContained,
    outage: (on: boolean) => {
      down = on;
    },
  };
}

function failure(outcome: Outcome) {
  assert.equal(outcome.status, 'failed', JSON.stringify(outcome));
  return (outcome as Extract<Outcome, { status: 'failed' }>).error;
}

const kitFiles = readdirSync(new URL('./kits/', import.meta.url)).filter((name) => name.endsWith('.ts')).sort();

for (const file of kitFiles) {
  const { kit } = (await import(`./kits/${file}`)) as { kit: ProviderKit };

  describe(`contract: ${kit.provider} (adapter + endpoint + emulator)`, () => {
    it('start: the endpoint answers a session for this provider, with the amount the server decided', async () => {
      const w = await world(kit);
      const session = await w.start();
      assert.equal(session.provider, kit.provider);
      assert.equal(session.amount, 2400);
      assert.equal(session.currency, 'JPY');
      assert.equal(session.apiBase.startsWith(API_ORIGIN), true, session.apiBase);
      assert.ok(session.methods.includes('card'));
    });

    it('a card pays: succeeded, one payment at the provider, the card only from the browser to the provider', async () => {
      const w = await world(kit);
      const session = await w.start();
      const outcome = await w.payCard(w.attempt(session), card(kit.cards.success));
      assert.equal(outcome.status, 'succeeded', JSON.stringify(outcome));
      assert.equal(outcome.status === 'succeeded' && outcome.method, 'card');
      assert.ok(outcome.status === 'succeeded' && outcome.paymentId);
      assert.equal(kit.charged(w.sandbox), 1);
      w.assertCardContained(kit.cards.success);
    });

    it('3-D Secure passed: the challenge, the return, and a success', async () => {
      const w = await world(kit);
      const session = await w.start();
      const outcome = await w.payCard(w.attempt(session), card(kit.cards.challenge));
      const back = await w.answerChallenge(outcome, 'Complete authentication');
      const resumed = await w.resume(session, outcome, back);
      assert.equal(resumed.status, 'succeeded', JSON.stringify(resumed));
      assert.equal(kit.charged(w.sandbox), 1);
      w.assertCardContained(kit.cards.challenge);
    });

    it('3-D Secure failed: a retryable authentication failure, and another card pays on the same session', async () => {
      const w = await world(kit);
      const session = await w.start();
      const outcome = await w.payCard(w.attempt(session), card(kit.cards.challenge));
      const back = await w.answerChallenge(outcome, 'Fail authentication');
      const error = failure(await w.resume(session, outcome, back));
      assert.equal(error.code, 'authentication');
      assert.equal(error.retryable, true);
      const retry = await w.payCard(w.attempt(session), card(kit.cards.success));
      assert.equal(retry.status, 'succeeded', JSON.stringify(retry));
      assert.equal(kit.charged(w.sandbox), 1);
    });

    it('a decline: failed with the decline in our words, retryable, nothing charged', async () => {
      const w = await world(kit);
      const session = await w.start();
      const error = failure(await w.payCard(w.attempt(session), card(kit.cards.decline)));
      assert.equal(error.reason, kit.declineReason);
      assert.equal(error.retryable, true);
      assert.equal(kit.charged(w.sandbox), 0);
    });

    it('one submit sent twice at once (a double click before the flow stops it) makes one payment', async () => {
      const w = await world(kit);
      const session = await w.start();
      const ctx = w.attempt(session);
      const outcomes = await Promise.all([
        w.payCard(ctx, card(kit.cards.success)),
        w.payCard(ctx, card(kit.cards.success)),
      ]);
      assert.ok(outcomes.some((o) => o.status === 'succeeded'), JSON.stringify(outcomes));
      assert.equal(kit.charged(w.sandbox), 1);
    });

    it('the provider down: a retryable failure the shopper can read, nothing charged', async () => {
      const w = await world(kit);
      const session = await w.start();
      w.outage(true);
      const error = failure(await w.payCard(w.attempt(session), card(kit.cards.success)));
      assert.equal(error.retryable, true);
      assert.ok(['provider_unavailable', 'network_unreachable', 'unexpected_response'].includes(error.reason), error.reason);
      w.outage(false);
      assert.equal(kit.charged(w.sandbox), 0);
      const again = await w.payCard(w.attempt(session), card(kit.cards.success));
      assert.equal(again.status, 'succeeded', 'the same session pays once the provider is back');
    });

    it('konbini where offered: the slip, and the same from the endpoint\'s status', async (t) => {
      if (!kit.konbini) {
        t.skip(`${kit.provider} offers no konbini`);
        return;
      }
      const w = await world(kit);
      const session = await w.start();
      assert.ok(session.methods.includes('konbini'));
      const outcome = await w.adapter.pay.konbini!(w.attempt(session), kit.konbini);
      assert.equal(outcome.status, 'awaiting_payment', JSON.stringify(outcome));
      if (outcome.status !== 'awaiting_payment') return;
      assert.equal(outcome.slip.store, kit.konbini.store);
      assert.match(outcome.slip.paymentNumber, /\d/);
      assert.ok(Date.parse(outcome.slip.expiresAt) > Date.now());
      assert.equal(kit.charged(w.sandbox), 1);
    });
  });
}
