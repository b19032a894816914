import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index.ts';
import { FAILURE_MESSAGES } from '../../src/core/i18n/failure-messages.ts';
import { formatAmount } from '../../src/elements/checkout/checkout.ts';
import { PENDING_ATTEMPT_KEY } from '../../src/flow/pending-attempt.ts';
import {
  ACS_URL,
  CARDS,
  SESSION_ID,
  TestCheckout,
  byLabel,
  cardFields,
  fakeServers,
  part,
  payButton,
  recordEvents,
  session,
  shadow,
  statusIs,
  typeCard,
  typeInto,
  type FakeServers,
} from './checkout-harness.ts';
import { requestsCarrying } from './request-audit.ts';

let servers: FakeServers | undefined;

/** A checkout whose flow chunk fails to load `failuresLeft` times (offline, a missing file). */
class FlakyFlowCheckout extends TestCheckout {
  static failuresLeft = 0;
  protected override loadFlowModule(): ReturnType<TestCheckout['loadFlowModule']> {
    if (FlakyFlowCheckout.failuresLeft > 0) {
      FlakyFlowCheckout.failuresLeft--;
      return Promise.reject(new TypeError('Failed to fetch dynamically imported module'));
    }
    return super.loadFlowModule();
  }
}
customElements.define('flaky-flow-kessai-checkout', FlakyFlowCheckout);

async function waitFor<T>(find: () => T | null | undefined): Promise<T> {
  let found: T | null | undefined;
  await waitUntil(() => (found = find()) != null, 'never appeared', { timeout: 3000 });
  return found as T;
}

afterEach(() => {
  servers?.restore();
  servers = undefined;
  TestCheckout.navigations = [];
  TestCheckout.storage.clear();
});

async function mount(options: Parameters<typeof fakeServers>[0] = {}, context?: Record<string, unknown>) {
  servers = fakeServers(options);
  const el = await fixture<TestCheckout>(
    html`<test-kessai-checkout endpoint="/api/pay" locale="ja" .context=${context}></test-kessai-checkout>`,
  );
  return el;
}

async function ready(options: Parameters<typeof fakeServers>[0] = {}, context?: Record<string, unknown>) {
  const el = await mount(options, context);
  const events = recordEvents(el);
  await statusIs(el, 'ready');
  return { el, events };
}

const tabs = (el: TestCheckout) => [...shadow(el).querySelectorAll<HTMLButtonElement>('[role="tab"]')];
const banner = (el: TestCheckout) => part(el, 'error');

describe('<kessai-checkout>', () => {
  describe('states, accessibly', () => {
    it('shows a busy skeleton while the session loads', async () => {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      const el = await mount({
        start: async () => {
          await held;
          return new Response(JSON.stringify({ session: session() }), { status: 200 });
        },
      });
      expect(['idle', 'loading']).to.include(el.status, 'busy while the flow and the session load');
      expect(part(el, 'base')?.getAttribute('aria-busy')).to.equal('true');
      await statusIs(el, 'loading');
      expect(part(el, 'base')?.getAttribute('aria-busy')).to.equal('true');
      expect(part(el, 'skeleton')?.getAttribute('role')).to.equal('status');
      expect(part(el, 'skeleton')?.textContent).to.contain('読み込み中…');
      await expect(el).to.be.accessible();
      release();
      await statusIs(el, 'ready');
      expect(part(el, 'base')?.getAttribute('aria-busy')).to.equal('false');
    });

    it('is ready with tabs, labelled card fields and a Pay button showing the amount', async () => {
      const { el, events } = await ready();
      expect(tabs(el).map((t) => t.textContent?.trim())).to.deep.equal(['クレジットカード', 'コンビニ払い']);
      expect(payButton(el).textContent?.trim()).to.equal('￥1,980 を支払う');
      expect(byLabel(cardFields(el), 'カード番号')).to.be.instanceOf(HTMLInputElement);
      expect(events.filter((e) => e.type === 'kessai-ready').map((e) => e.detail)).to.deep.equal([
        { methods: ['card', 'konbini'], amount: 1980, currency: 'JPY' },
      ]);
      await expect(el).to.be.accessible();
    });

    it('speaks English and shows ¥ with locale="en"', async () => {
      servers = fakeServers();
      const el = await fixture<TestCheckout>(html`<test-kessai-checkout endpoint="/api/pay" locale="en"></test-kessai-checkout>`);
      await statusIs(el, 'ready');
      expect(payButton(el).textContent?.trim()).to.equal('Pay ¥1,980');
      expect(tabs(el).map((t) => t.textContent?.trim())).to.deep.equal(['Card', 'Convenience store']);
    });

    it('says カードを保存 in setup mode and has no tabs for a card-only session', async () => {
      servers = fakeServers({
        start: () =>
          new Response(JSON.stringify({ session: session({ mode: 'setup', methods: ['card'] }) }), { status: 200 }),
      });
      const el = await fixture<TestCheckout>(
        html`<test-kessai-checkout endpoint="/api/pay" locale="ja" mode="setup"></test-kessai-checkout>`,
      );
      await statusIs(el, 'ready');
      expect(payButton(el).textContent?.trim()).to.equal('カードを保存');
      expect(tabs(el)).to.have.length(0);
      expect(servers.endpointBodies()[0]?.['mode']).to.equal('setup');
      await expect(el).to.be.accessible();
    });

    it('says so when the payment flow cannot be loaded, and Try again loads it', async () => {
      servers = fakeServers();
      FlakyFlowCheckout.failuresLeft = 1;
      const el = await fixture<FlakyFlowCheckout>(
        html`<flaky-flow-kessai-checkout endpoint="/api/pay" locale="en"></flaky-flow-kessai-checkout>`,
      );
      const events = recordEvents(el);
      const retry = await waitFor(() => part<HTMLButtonElement>(el, 'retry-button'));
      expect(part(el, 'error')?.getAttribute('role')).to.equal('alert');
      expect(part(el, 'error')?.textContent).to.contain('could not be loaded');
      expect(servers.endpointBodies()).to.have.length(0, 'no session is asked for without the flow');
      await expect(el).to.be.accessible();
      retry.click();
      await statusIs(el, 'ready');
      expect(payButton(el).textContent).to.contain('¥1,980');
      expect(events.map((e) => e.type)).to.include('kessai-ready');
    });

    it('formats amounts per locale and currency', () => {
      expect(formatAmount(1980, 'JPY', 'ja')).to.equal('￥1,980');
      expect(formatAmount(1980, 'JPY', 'en')).to.equal('¥1,980');
      expect(formatAmount(1999, 'USD', 'en')).to.equal('$19.99');
    });
  });

  describe('paying by card', () => {
    it('types a card, presses Pay, sees success; the page gets one submit and one success, no card data', async () => {
      const { el, events } = await ready();
      await typeCard(el, CARDS.ok);
      payButton(el).click();
      await statusIs(el, 'succeeded');
      const success = part(el, 'success');
      expect(success?.textContent).to.contain('お支払いが完了しました');
      expect(success?.textContent).to.contain('Visa 末尾 1111');
      expect(events.filter((e) => e.type === 'kessai-submit').map((e) => e.detail)).to.deep.equal([{ method: 'card' }]);
      expect(events.filter((e) => e.type === 'kessai-success').map((e) => e.detail)).to.deep.equal([
        { method: 'card', paymentId: 'b3rqo3fn6p8oa2hlqqaa6y8sm', brand: 'visa', last4: '1111' },
      ]);
      for (const { detail } of events) {
        const text = JSON.stringify(detail);
        expect(text).not.to.contain('4111111111111111');
        expect(text).not.to.contain('4111 1111');
        expect(text).not.to.contain('"123"');
      }
      // The card went to KOMOJU's secure tokens, once, and nowhere else; the endpoint saw nothing of it.
      expect(requestsCarrying(CARDS.ok).map((r) => `${r.method} ${r.url}`)).to.deep.equal([
        'POST https://komoju.test/api/v1/secure_tokens',
      ]);
      expect(JSON.stringify(servers?.endpointBodies())).not.to.contain('4111');
      await expect(el).to.be.accessible();
    });

    it('a page listener gets exactly one kessai-change per edit', async () => {
      const { el, events } = await ready();
      const number = byLabel(cardFields(el), 'カード番号');
      await typeInto(number, '4242');
      const changes = events.filter((e) => e.type === 'kessai-change');
      expect(changes).to.have.length(4);
      expect(changes.at(-1)?.detail).to.deep.equal({
        method: 'card',
        complete: false,
        empty: false,
        brand: 'visa',
        total: { amount: 1980, currency: 'JPY' },
      });
    });

    it('double click sends one payment request', async () => {
      let open!: () => void;
      const gate = new Promise<void>((resolve) => (open = resolve));
      const { el, events } = await ready({ gate });
      await typeCard(el, CARDS.ok);
      payButton(el).click();
      payButton(el).click();
      el.submit();
      await el.updateComplete;
      const button = payButton(el);
      expect(button.disabled).to.equal(true);
      expect(button.getAttribute('aria-busy')).to.equal('true');
      expect(button.textContent?.trim()).to.equal('処理中…');
      expect(part(el, 'spinner')).to.not.equal(null);
      open();
      await statusIs(el, 'succeeded');
      expect(servers?.payCalls()).to.equal(1);
      expect(servers?.requests.filter((r) => r.url.endsWith('/secure_tokens'))).to.have.length(1);
      expect(events.filter((e) => e.type === 'kessai-submit')).to.have.length(1);
      expect(events.filter((e) => e.type === 'kessai-success')).to.have.length(1);
    });

    it('Enter in a field pays, and Enter twice still pays once', async () => {
      let open!: () => void;
      const gate = new Promise<void>((resolve) => (open = resolve));
      const { el, events } = await ready({ gate });
      await typeCard(el, CARDS.ok);
      await sendKeys({ press: 'Enter' });
      await sendKeys({ press: 'Enter' });
      open();
      await statusIs(el, 'succeeded');
      expect(servers?.payCalls()).to.equal(1);
      expect(events.filter((e) => e.type === 'kessai-submit')).to.have.length(1);
    });

    it('Pay with empty fields shows the field errors and sends nothing', async () => {
      const { el, events } = await ready();
      payButton(el).click();
      await aTimeout(50);
      expect(el.status).to.equal('ready');
      expect(servers?.requests.filter((r) => r.url.startsWith('https://komoju.test'))).to.have.length(0);
      expect(events.filter((e) => e.type === 'kessai-submit')).to.have.length(0);
      expect(shadow(cardFields(el)).activeElement).to.equal(byLabel(cardFields(el), 'カード番号'));
    });

    it('a decline shows the localized message in an alert, fires a retryable kessai-error, and Pay works again', async () => {
      const { el, events } = await ready();
      await typeCard(el, CARDS.declined);
      payButton(el).click();
      await statusIs(el, 'failed');
      const alert = banner(el);
      expect(alert?.getAttribute('role')).to.equal('alert');
      expect(alert?.textContent?.trim()).to.equal(FAILURE_MESSAGES.card_declined.ja);
      expect(events.filter((e) => e.type === 'kessai-error').map((e) => e.detail)).to.deep.equal([
        { code: 'declined', message: FAILURE_MESSAGES.card_declined.ja, retryable: true },
      ]);
      await expect(el).to.be.accessible();

      // Another method is another matter: the card's banner goes away on the konbini tab.
      tabs(el)[1]?.click();
      await el.updateComplete;
      expect(banner(el)?.textContent?.trim()).to.equal('');
      tabs(el)[0]?.click();
      await el.updateComplete;

      // The same session takes another card: no new start.
      const number = byLabel(cardFields(el), 'カード番号');
      number.select();
      await sendKeys({ press: 'Backspace' });
      await typeInto(number, CARDS.ok);
      payButton(el).click();
      await statusIs(el, 'succeeded');
      expect(servers?.endpointBodies().filter((b) => b['action'] === 'start')).to.have.length(1);
    });

    it('a wrong security code is shown under the security code', async () => {
      const { el, events } = await ready();
      await typeCard(el, CARDS.badCvc);
      payButton(el).click();
      await statusIs(el, 'failed');
      await aTimeout(0);
      const fields = cardFields(el);
      expect(part(fields, 'cvc-error')?.textContent?.trim()).to.equal(FAILURE_MESSAGES.incorrect_cvc.ja);
      expect(shadow(fields).activeElement).to.equal(byLabel(fields, 'セキュリティコード'));
      expect(events.filter((e) => e.type === 'kessai-error')).to.have.length(1);
    });
  });

  describe('the endpoint', () => {
    it('posts the context with the start request', async () => {
      await ready({}, { cart: 'cart-7', items: 3 });
      const [start] = servers?.endpointBodies() ?? [];
      expect(start).to.deep.include({ action: 'start', mode: 'payment', locale: 'ja', context: { cart: 'cart-7', items: 3 } });
      // The page itself, with the marker by which the checkout knows a return from a provider.
      expect(start?.['returnUrl']).to.equal(`${location.href}&kessai_return=1`);
    });

    it('garbage from the endpoint is a clear error with a retry, not an exception', async () => {
      let answer = (): Response => new Response('<html>Bad gateway</html>', { status: 200 });
      const el = await mount({ start: () => answer() });
      const events = recordEvents(el);
      await statusIs(el, 'failed');
      expect(banner(el)?.getAttribute('role')).to.equal('alert');
      expect(banner(el)?.textContent?.trim()).to.equal(FAILURE_MESSAGES.unexpected_response.ja);
      expect(events.map((e) => e.detail)).to.deep.equal([
        { code: 'network', message: FAILURE_MESSAGES.unexpected_response.ja, retryable: true },
      ]);
      await expect(el).to.be.accessible();
      answer = () => new Response(JSON.stringify({ session: session() }), { status: 200 });
      part<HTMLButtonElement>(el, 'retry-button')?.click();
      await statusIs(el, 'ready');
    });

    it('a session of the wrong shape is an error too', async () => {
      const el = await mount({ start: () => new Response(JSON.stringify({ session: { provider: 'komoju' } }), { status: 200 }) });
      await statusIs(el, 'failed');
      expect(banner(el)?.textContent?.trim()).to.equal(FAILURE_MESSAGES.unexpected_response.ja);
    });

    it('a missing endpoint attribute is a configuration error', async () => {
      servers = fakeServers();
      const el = await fixture<TestCheckout>(html`<test-kessai-checkout locale="ja"></test-kessai-checkout>`);
      await statusIs(el, 'failed');
      expect(banner(el)?.textContent?.trim()).to.equal(FAILURE_MESSAGES.configuration_error.ja);
      el.setAttribute('endpoint', '/api/pay');
      await statusIs(el, 'ready');
    });
  });

  describe('3-D Secure', () => {
    it('fires a cancelable kessai-redirect; preventDefault stops the navigation', async () => {
      const { el, events } = await ready();
      el.addEventListener('kessai-redirect', (event) => event.preventDefault());
      await typeCard(el, CARDS.threeDs);
      payButton(el).click();
      await statusIs(el, 'requires_action');
      const redirect = events.find((e) => e.type === 'kessai-redirect');
      expect(redirect?.detail).to.deep.equal({ url: ACS_URL, method: 'get' });
      expect(redirect?.event.cancelable).to.equal(true);
      expect(TestCheckout.navigations).to.deep.equal([]);
      // The attempt is kept for the return, without card data.
      const stored = TestCheckout.storage.get(PENDING_ATTEMPT_KEY) ?? '';
      expect(stored).to.contain(SESSION_ID);
      expect(stored).not.to.contain(CARDS.threeDs);
    });

    it('navigates to the challenge when the page lets it', async () => {
      const { el } = await ready();
      await typeCard(el, CARDS.threeDs);
      payButton(el).click();
      await statusIs(el, 'requires_action');
      expect(TestCheckout.navigations).to.deep.equal([{ type: 'redirect', url: ACS_URL }]);
      expect(part(el, 'status')?.textContent).to.contain('本人認証ページ');
    });

    it('Back to a page kept in the back-forward cache ends the challenge as canceled; Pay works again', async () => {
      const { el, events } = await ready();
      await typeCard(el, CARDS.threeDs);
      payButton(el).click();
      await statusIs(el, 'requires_action');
      expect(TestCheckout.storage.has(PENDING_ATTEMPT_KEY)).to.equal(true);
      // What Chromium fires on the window when Back restores this very page from the cache.
      window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
      await statusIs(el, 'failed');
      expect(banner(el)?.getAttribute('role')).to.equal('alert');
      expect(banner(el)?.textContent?.trim()).to.equal(FAILURE_MESSAGES.authentication_canceled.ja);
      expect(events.filter((e) => e.type === 'kessai-error').map((e) => e.detail)).to.deep.equal([
        { code: 'authentication', message: FAILURE_MESSAGES.authentication_canceled.ja, retryable: true },
      ]);
      expect(TestCheckout.storage.has(PENDING_ATTEMPT_KEY)).to.equal(false, 'a reload must not resume it');
      await expect(el).to.be.accessible();
      // Nothing of the card was kept while the shopper was away: it is typed again.
      expect(byLabel(cardFields(el), 'カード番号').value).to.equal('');
      expect(byLabel(cardFields(el), 'セキュリティコード').value).to.equal('');
      await typeCard(el, CARDS.ok);
      payButton(el).click();
      await statusIs(el, 'succeeded');
      expect(servers?.endpointBodies().filter((b) => b['action'] === 'start')).to.have.length(1);
    });

    it('a page shown afresh (not from the cache) leaves the challenge alone', async () => {
      const { el } = await ready();
      await typeCard(el, CARDS.threeDs);
      payButton(el).click();
      await statusIs(el, 'requires_action');
      window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: false }));
      await aTimeout(20);
      expect(el.status).to.equal('requires_action');
    });

    it('finishes the payment on return and cleans the address bar', async () => {
      const before = location.href;
      const url = new URL(location.href);
      url.searchParams.set('keep', 'me');
      url.searchParams.set('session_id', SESSION_ID);
      url.searchParams.set('secure_token_id', 'sdg3wxx2y8csuyqm2mw5iqiy1');
      url.hash = 'pay';
      history.replaceState(history.state, '', url.href);
      try {
        TestCheckout.storage.set(
          PENDING_ATTEMPT_KEY,
          JSON.stringify({
            v: 1,
            provider: 'komoju',
            sessionId: SESSION_ID,
            endpoint: new URL('/api/pay', location.href).href,
            method: 'card',
            mode: 'payment',
            createdAt: Date.now() - 30_000,
            session: session(),
          }),
        );
        const el = await mount();
        const events = recordEvents(el);
        await statusIs(el, 'succeeded');
        expect(events.map((e) => e.type)).to.deep.equal(['kessai-success']);
        expect(servers?.endpointBodies()).to.deep.equal([]);
        expect(location.search).to.contain('keep=me');
        expect(location.search).not.to.contain('session_id');
        expect(location.search).not.to.contain('secure_token_id');
        expect(location.hash).to.equal('#pay');
        expect(TestCheckout.storage.has(PENDING_ATTEMPT_KEY)).to.equal(false);
      } finally {
        history.replaceState(history.state, '', before);
      }
    });
  });

  describe('tabs and konbini', () => {
    it('the tabs follow the WAI-ARIA pattern: arrows, Home, End, roving tabindex', async () => {
      const { el } = await ready();
      const [card, konbini] = tabs(el);
      if (!card || !konbini) throw new Error('two tabs expected');
      expect(shadow(el).querySelector('[role="tablist"]')?.getAttribute('aria-label')).to.equal('お支払い方法');
      expect(card.getAttribute('aria-selected')).to.equal('true');
      expect(card.tabIndex).to.equal(0);
      expect(konbini.tabIndex).to.equal(-1);
      expect(card.getAttribute('aria-controls')).to.equal('panel-card');
      expect(shadow(el).getElementById('panel-card')?.getAttribute('aria-labelledby')).to.equal('tab-card');

      card.focus();
      await sendKeys({ press: 'ArrowRight' });
      await el.updateComplete;
      expect(konbini.getAttribute('aria-selected')).to.equal('true');
      expect(konbini.tabIndex).to.equal(0);
      expect(card.tabIndex).to.equal(-1);
      expect(shadow(el).activeElement).to.equal(konbini);
      expect(shadow(el).getElementById('panel-konbini')?.hidden).to.equal(false);
      expect(shadow(el).getElementById('panel-card')?.hidden).to.equal(true);

      await sendKeys({ press: 'ArrowRight' });
      await el.updateComplete;
      expect(shadow(el).activeElement).to.equal(card);
      await sendKeys({ press: 'End' });
      await el.updateComplete;
      expect(shadow(el).activeElement).to.equal(konbini);
      await sendKeys({ press: 'Home' });
      await el.updateComplete;
      expect(shadow(el).activeElement).to.equal(card);
      await sendKeys({ press: 'ArrowLeft' });
      await el.updateComplete;
      expect(shadow(el).activeElement).to.equal(konbini);
      await expect(el).to.be.accessible();
    });

    it('konbini: the shopper picks a store, gets the slip, the page gets kessai-pending with it', async () => {
      const { el, events } = await ready();
      tabs(el)[1]?.click();
      await el.updateComplete;
      const fields = shadow(el).querySelector<HTMLElement>('kessai-konbini-fields');
      if (!fields) throw new Error('no konbini fields');
      await (fields as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
      const lawson = [...shadow(fields).querySelectorAll('label')].find((l) => l.textContent?.includes('ローソン'));
      lawson?.click();
      await typeInto(byLabel(fields, 'お名前'), 'Yamada Hanako');
      await typeInto(byLabel(fields, 'メールアドレス'), 'hanako@example.jp');
      payButton(el).click();
      await statusIs(el, 'awaiting_payment');
      const pending = events.filter((e) => e.type === 'kessai-pending');
      expect(pending).to.have.length(1);
      expect(pending[0]?.detail).to.deep.include({ method: 'konbini' });
      expect((pending[0]?.detail as { slip: { paymentNumber: string } }).slip.paymentNumber).to.equal('12345678901');
      const slip = shadow(el).querySelector<HTMLElement & { slip: unknown }>('kessai-konbini-slip');
      expect(slip?.slip).to.deep.equal((pending[0]?.detail as { slip: unknown }).slip);
      expect(part(el, 'pending')?.textContent).to.contain('コンビニでお支払いください');
      await expect(el).to.be.accessible();
    });
  });

  describe('a provider\'s own card form', () => {
    it('inside a shadow root, where the provider\'s frames cannot be mounted: a clear configuration error', async () => {
      servers = fakeServers({
        start: () =>
          new Response(JSON.stringify({ session: session({ provider: 'univapay', cardEntry: 'surface', methods: ['card'] }) }), {
            status: 200,
          }),
      });
      const host = await fixture<HTMLDivElement>(html`<div></div>`);
      const root = host.attachShadow({ mode: 'open' });
      const el = document.createElement('test-kessai-checkout');
      el.setAttribute('endpoint', '/api/pay');
      el.setAttribute('locale', 'ja');
      const events = recordEvents(el);
      root.append(el);
      await statusIs(el, 'failed');
      expect(banner(el)?.getAttribute('role')).to.equal('alert');
      expect(banner(el)?.textContent?.trim()).to.equal(FAILURE_MESSAGES.card_form_unavailable.ja);
      expect(events.filter((e) => e.type === 'kessai-error').map((e) => e.detail)).to.deep.equal([
        { code: 'configuration', message: FAILURE_MESSAGES.card_form_unavailable.ja, retryable: false },
      ]);
      expect(el.children).to.have.length(0, 'no mount node was made');
    });
  });

  describe('leaving the page', () => {
    it('removed while paying and put back: a retryable error, not a spinner for ever; Pay works again', async () => {
      let open!: () => void;
      const gate = new Promise<void>((resolve) => (open = resolve));
      const { el, events } = await ready({ gate });
      await typeCard(el, CARDS.ok);
      payButton(el).click();
      await statusIs(el, 'submitting');
      const parent = el.parentElement!;
      el.remove();
      parent.append(el);
      await statusIs(el, 'failed');
      expect(banner(el)?.textContent?.trim()).to.equal(FAILURE_MESSAGES.processing_error.ja);
      expect(payButton(el).disabled).to.equal(false);
      expect(events.filter((e) => e.type === 'kessai-error').map((e) => e.detail)).to.deep.equal([
        { code: 'internal', message: FAILURE_MESSAGES.processing_error.ja, retryable: true },
      ]);
      // The request cut off by the removal answers late: it changes nothing.
      open();
      await aTimeout(20);
      expect(el.status).to.equal('failed');
      expect(events.some((e) => e.type === 'kessai-success')).to.equal(false);
      payButton(el).click();
      await statusIs(el, 'succeeded');
      expect(events.filter((e) => e.type === 'kessai-success')).to.have.length(1);
    });
  });

  describe('reset', () => {
    it('starts over with a new session and empty fields', async () => {
      const { el } = await ready();
      await typeInto(byLabel(cardFields(el), 'カード番号'), '4111');
      el.reset();
      await statusIs(el, 'ready');
      expect(servers?.endpointBodies().filter((b) => b['action'] === 'start')).to.have.length(2);
      expect(byLabel(cardFields(el), 'カード番号').value).to.equal('');
    });
  });
});
