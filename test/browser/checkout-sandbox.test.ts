import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index.ts';
import {
  TestCheckout,
  byLabel,
  part,
  payButton,
  shadow,
  statusIs,
  typeCard,
  typeInto,
} from './checkout-harness.ts';
import {
  SANDBOX_ORIGIN,
  recordedRequests,
  recordingFetch,
  requestsCarrying,
} from './request-audit.ts';

/**
 * `<kessai-checkout>` paying through a working backend: the demo's merchant endpoints (`/api/komoju`,
 * `/api/univapay`, the real `kessai-elements/server` handler) and the provider emulators on the sandbox
 * origin, served by web-test-runner's own server (`test/browser/server/sandbox-middleware.ts`). Every
 * request the page makes goes through the network and is recorded; the harness's after-each check
 * then searches all of them for the card typed, and these tests assert each body the endpoint got.
 */

const original = window.fetch;
beforeEach(() => {
  window.fetch = recordingFetch;
});
afterEach(() => {
  window.fetch = original;
  TestCheckout.navigations = [];
  TestCheckout.storage.clear();
});

const CONTEXT = { cart: 'demo-cart-1', note: 'gift' };

async function checkout(endpoint: string): Promise<TestCheckout> {
  const el = await fixture<TestCheckout>(
    html`<test-kessai-checkout endpoint=${endpoint} locale="ja" .context=${CONTEXT}></test-kessai-checkout>`,
  );
  await statusIs(el, 'ready');
  return el;
}

/** What the page posted to its endpoint `path`, parsed, in order. */
function endpointBodies(path: string): Array<Record<string, unknown>> {
  return recordedRequests()
    .filter((r) => r.url === new URL(path, location.href).href)
    .map((r) => JSON.parse(r.body) as Record<string, unknown>);
}

const where = (number: string) =>
  requestsCarrying(number).map((r) => `${r.method} ${r.url.replace(SANDBOX_ORIGIN, 'SANDBOX')}`);

const banner = (el: TestCheckout) => part(el, 'error')?.textContent?.trim();

/** UnivaPay's inline-form frame once its script made it, in the checkout's light DOM. */
async function waitForFrame(el: TestCheckout): Promise<HTMLIFrameElement> {
  let frame: HTMLIFrameElement | null = null;
  await waitUntil(() => (frame = el.querySelector('iframe[name="univapay-checkout-connector"]')) !== null, 'no UnivaPay frame', {
    timeout: 5000,
  });
  // Sized by its content once loaded.
  await waitUntil(() => frame!.getBoundingClientRect().height > 100, 'the frame never loaded', { timeout: 5000 });
  return frame!;
}

async function waitStatus(el: TestCheckout, status: TestCheckout['status']): Promise<void> {
  // The network and the emulators answer in a few milliseconds; allow for a slow machine.
  await statusIs(el, status).catch(async () => statusIs(el, status));
}

describe('<kessai-checkout> on the real endpoint and sandbox', () => {
  describe('KOMOJU', () => {
    it('pays by card: the card goes to the sandbox secure tokens only, the endpoint hears only start', async () => {
      const el = await checkout('/api/komoju');
      await typeCard(el, '4111111111111111');
      payButton(el).click();
      await waitStatus(el, 'succeeded');
      expect(part(el, 'success')?.textContent).to.contain('Visa 末尾 1111');
      expect(where('4111111111111111')).to.deep.equal(['POST SANDBOX/sandbox/komoju/api/v1/secure_tokens']);
      const bodies = endpointBodies('/api/komoju');
      expect(bodies.map((b) => b['action'])).to.deep.equal(['start']);
      expect(bodies[0]?.['context']).to.deep.equal(CONTEXT);
    });

    it('a decline (insufficient funds) is shown, and another card pays on the same session', async () => {
      const el = await checkout('/api/komoju');
      await typeCard(el, '4123111111111000');
      payButton(el).click();
      await waitStatus(el, 'failed');
      expect(banner(el)).to.equal('ご利用可能額が不足しています。別のカードをお試しください。');
      const number = byLabel(shadow(el).querySelector('kessai-card-fields')!, 'カード番号');
      number.select();
      await typeInto(number, '5555555555554444');
      payButton(el).click();
      await waitStatus(el, 'succeeded');
      expect(endpointBodies('/api/komoju').map((b) => b['action'])).to.deep.equal(['start']);
      expect(where('5555555555554444')).to.deep.equal(['POST SANDBOX/sandbox/komoju/api/v1/secure_tokens']);
    });

    it('"Save this card" sits under the card fields, labelled; ticked by keyboard, Pay asks for a saving session and pays it', async () => {
      const el = await checkout('/api/komoju');
      await waitUntil(() => customElements.get('kessai-saved-cards') !== undefined, 'the saved-cards chunk never loaded');
      const list = shadow(el).querySelector('kessai-saved-cards')!;
      await waitUntil(() => list.shadowRoot?.querySelector('input[type="checkbox"]'), 'no box');
      const box = byLabel(list, 'このカードを保存する');
      // After the card fields, in the document's order (and so in the tab order).
      expect(shadow(el).querySelector('kessai-card-fields')!.compareDocumentPosition(list) & Node.DOCUMENT_POSITION_FOLLOWING).to.not.equal(0);
      await typeCard(el, '4111111111111111');
      box.focus();
      await sendKeys({ press: 'Space' });
      expect(box.checked).to.equal(true);
      await expect(el).to.be.accessible();
      payButton(el).click();
      await waitStatus(el, 'succeeded');
      const bodies = endpointBodies('/api/komoju');
      expect(bodies.map((b) => [b['action'], b['saveCard'] ?? false])).to.deep.equal([['start', false], ['start', true], ['status', false]]);
      expect(where('4111111111111111')).to.deep.equal(['POST SANDBOX/sandbox/komoju/api/v1/secure_tokens']);
      const sessionIds = bodies.map((b) => b['sessionId']);
      expect(sessionIds[2]).to.be.a('string');
    });
  });

  describe('KOMOJU konbini: the fee and the total before paying', () => {
    it('the konbini tab shows KOMOJU\'s ¥190 fee and the ¥2,170 total, the button says it, and the slip asks the same', async () => {
      const el = await checkout('/api/komoju');
      const ready = await new Promise<unknown>((resolve) => {
        // The session is ready already: its detail is read again from a reset's new session.
        el.addEventListener('kessai-ready', (e) => resolve((e as CustomEvent).detail), { once: true });
        el.reset();
      });
      expect((ready as { fees?: unknown }).fees).to.deep.equal({ konbini: 190 });
      await statusIs(el, 'ready');
      expect(payButton(el).textContent?.trim()).to.equal('￥1,980 を支払う');
      [...shadow(el).querySelectorAll<HTMLButtonElement>('[role="tab"]')][1]?.click();
      await el.updateComplete;
      const fields = shadow(el).querySelector<HTMLElement & { updateComplete: Promise<unknown> }>('kessai-konbini-fields');
      await fields?.updateComplete;
      expect(shadow(fields!).querySelector('[part="fee"]')?.textContent?.replace(/\s+/g, ' ').trim()).to.equal(
        'コンビニ決済手数料 ￥190・お支払い合計 ￥2,170',
      );
      expect(payButton(el).textContent?.trim()).to.equal('￥2,170 を支払う');
      const lawson = [...shadow(fields!).querySelectorAll('label')].find((l) => l.textContent?.includes('ローソン'));
      lawson?.click();
      await typeInto(byLabel(fields!, 'お名前'), 'Yamada Hanako');
      await typeInto(byLabel(fields!, 'メールアドレス'), 'hanako@example.jp');
      payButton(el).click();
      await waitStatus(el, 'awaiting_payment');
      const slip = shadow(el).querySelector<HTMLElement & { slip: { amount: number } }>('kessai-konbini-slip');
      expect(slip?.slip.amount).to.equal(2170);
      await expect(el).to.be.accessible();
    });
  });

  describe('UnivaPay, a PCI DSS merchant allowed to send raw card data (our own inputs)', () => {
    it('pays by card: the card goes to the sandbox /tokens, the endpoint gets only the token id and the context', async () => {
      const el = await checkout('/api/univapay-pci');
      await typeCard(el, '4000020000000000');
      payButton(el).click();
      await waitStatus(el, 'succeeded');
      expect(where('4000020000000000')).to.deep.equal(['POST SANDBOX/sandbox/univapay/tokens']);

      const [tokenCall] = recordedRequests().filter((r) => r.url === `${SANDBOX_ORIGIN}/sandbox/univapay/tokens`);
      const token = JSON.parse((await tokenCall?.response) ?? '{}') as { id?: string };
      expect(token.id).to.match(/^[0-9a-f-]{36}$/);
      const bodies = endpointBodies('/api/univapay-pci');
      expect(bodies.map((b) => b['action'])).to.deep.equal(['start', 'complete']);
      // Exactly these fields: a card number, its last four or anything else added here fails.
      expect(bodies[1]).to.deep.equal({
        action: 'complete',
        sessionId: bodies[1]?.['sessionId'],
        token: token.id,
        method: 'card',
        // Where a 3-D Secure step of this charge comes back: the page, with the checkout's return marker.
        returnUrl: `${location.href}&kessai_return=1`,
        context: CONTEXT,
      });
      expect(typeof bodies[1]?.['sessionId']).to.equal('string');
    });

    it('a declined card is shown; another card pays, each with its own token', async () => {
      const el = await checkout('/api/univapay-pci');
      await typeCard(el, '4111111111111111');
      payButton(el).click();
      await waitStatus(el, 'failed');
      expect(banner(el)).to.equal('カードが承認されませんでした。別のカードをお試しください。');
      const number = byLabel(shadow(el).querySelector('kessai-card-fields')!, 'カード番号');
      number.select();
      await typeInto(number, '4242424242424242');
      payButton(el).click();
      await waitStatus(el, 'succeeded');
      const completes = endpointBodies('/api/univapay-pci').filter((b) => b['action'] === 'complete');
      expect(completes).to.have.length(2);
      expect(completes[0]?.['token']).to.not.equal(completes[1]?.['token']);
      for (const body of completes) expect(Object.keys(body).sort()).to.deep.equal(['action', 'context', 'method', 'returnUrl', 'sessionId', 'token']);
    });

  });

  describe('UnivaPay', () => {
    it('shows UnivaPay\'s inline form (its frame on the sandbox origin, in the page\'s light DOM) under our label', async () => {
      const el = await checkout('/api/univapay');
      const frame = await waitForFrame(el);
      expect(new URL(frame.src).origin).to.equal(SANDBOX_ORIGIN);
      expect(frame.getRootNode()).to.equal(document, 'in the page\'s light DOM, where UnivaPay\'s script works');
      expect(frame.closest('test-kessai-checkout')).to.equal(el);
      // Projected into our layout: the checkout's slot, then the card fields' slot.
      const fields = shadow(el).querySelector('kessai-card-fields')!;
      const slot = shadow(fields).querySelector<HTMLSlotElement>('slot[name="kessai-surface-card"]');
      expect(slot?.assignedElements({ flatten: true })).to.deep.equal([frame.closest('[slot]')]);
      expect(shadow(fields).querySelector('[part="card-label"]')?.textContent?.trim()).to.equal('カード情報');
      // Pay with nothing typed: UnivaPay's form refuses it, the shopper is told, nothing reaches the endpoint.
      payButton(el).click();
      await waitStatus(el, 'failed');
      expect(banner(el)).to.equal('入力内容をご確認ください。');
      expect(endpointBodies('/api/univapay').map((b) => b['action'])).to.deep.equal(['start']);
      await expect(el).to.be.accessible();
    });

    it('konbini: the slip comes back through complete, with only the token id and the context posted', async () => {
      const el = await checkout('/api/univapay');
      [...shadow(el).querySelectorAll<HTMLButtonElement>('[role="tab"]')][1]?.click();
      await el.updateComplete;
      const fields = shadow(el).querySelector<HTMLElement & { updateComplete: Promise<unknown> }>('kessai-konbini-fields');
      await fields?.updateComplete;
      const lawson = [...shadow(fields!).querySelectorAll('label')].find((l) => l.textContent?.includes('ローソン'));
      lawson?.click();
      await typeInto(byLabel(fields!, 'お名前'), 'Yamada Hanako');
      await typeInto(byLabel(fields!, 'メールアドレス'), 'hanako@example.jp');
      await typeInto(byLabel(fields!, '電話番号'), '09012345678');
      payButton(el).click();
      await waitStatus(el, 'awaiting_payment');
      const slip = shadow(el).querySelector<HTMLElement & { slip: { store: string; paymentNumber: string } }>('kessai-konbini-slip');
      expect(slip?.slip.store).to.equal('lawson');
      expect(slip?.slip.paymentNumber).to.match(/^\d+/);
      const completes = endpointBodies('/api/univapay').filter((b) => b['action'] === 'complete');
      expect(completes).to.have.length(1);
      expect(Object.keys(completes[0]!).sort()).to.deep.equal(['action', 'context', 'method', 'returnUrl', 'sessionId', 'token']);
      expect(completes[0]?.['method']).to.equal('konbini');
      expect(completes[0]?.['context']).to.deep.equal(CONTEXT);
    });
  });
});
