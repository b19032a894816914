import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { emulateMedia, setViewport } from '@web/test-runner-commands';
import '../../src/index.ts';
import {
  CARDS,
  TestCheckout,
  fakeServers,
  part,
  payButton,
  session,
  shadow,
  statusIs,
  typeCard,
  type FakeServers,
} from './checkout-harness.ts';

/**
 * A phone's width (320 CSS px) and 200 % zoom (a 640 px window zoomed twice is 320 CSS px too): every
 * state of the checkout works without horizontal scrolling or clipped text. The card fields, konbini
 * fields and slip have their own 320 px tests; the challenge dialog is in checkout-challenge.test.ts.
 */

let servers: FakeServers | undefined;
afterEach(async () => {
  servers?.restore();
  servers = undefined;
  TestCheckout.navigations = [];
  TestCheckout.storage.clear();
  document.documentElement.style.removeProperty('zoom');
  await setViewport({ width: 800, height: 600 });
});

const year = new Date().getFullYear();

/** Nothing wider than the viewport, and no text cut off inside the checkout's own boxes. */
function fits(el: TestCheckout): void {
  // In the page's own coordinates, whatever the zoom: no sideways scrolling.
  const page = document.documentElement;
  expect(page.scrollWidth, 'page scroll width').to.be.at.most(page.clientWidth);
  const roots: ShadowRoot[] = [shadow(el)];
  for (let i = 0; i < roots.length; i += 1) {
    for (const node of roots[i]!.querySelectorAll<HTMLElement>('*')) {
      if (node.shadowRoot) roots.push(node.shadowRoot);
      const style = getComputedStyle(node);
      // Hidden on purpose (a screen reader's text), or not a box that could clip.
      if (node.classList.contains('visually-hidden') || style.display === 'none' || node.clientWidth === 0 || style.overflowX === 'visible') continue;
      expect(node.scrollWidth, `${node.localName}.${node.className} overflows`).to.be.at.most(node.clientWidth + 1);
    }
  }
  expect(el.getBoundingClientRect().right).to.be.at.most(page.getBoundingClientRect().right + 0.5);
}

async function checkoutAt(width: number, zoom = 1): Promise<TestCheckout> {
  await setViewport({ width: width * zoom, height: 800 });
  if (zoom !== 1) document.documentElement.style.setProperty('zoom', String(zoom));
  servers = fakeServers({
    start: () =>
      new Response(
        JSON.stringify({
          session: session({
            fees: { konbini: 190 },
            savedCards: [
              { id: 'card_1', brand: 'mastercard', last4: '1005', expMonth: 8, expYear: year + 2 },
              { id: 'card_2', brand: 'visa', last4: '4242', expMonth: 1, expYear: year - 1 },
            ],
          }),
        }),
        { status: 200 },
      ),
  });
  const el = await fixture<TestCheckout>(html`<test-kessai-checkout endpoint="/api/pay" locale="ja"></test-kessai-checkout>`);
  await statusIs(el, 'ready');
  return el;
}

for (const [label, width, zoom] of [
  ['320 px', 320, 1],
  ['200 % zoom', 320, 2],
] as const) {

  describe(`<kessai-checkout> at ${label}`, () => {
    it('the saved cards, a new card\'s fields, the konbini panel with its fee, and a failure fit without scrolling sideways', async () => {
      const el = await checkoutAt(width, zoom);
      await customElements.whenDefined('kessai-saved-cards');
      await el.updateComplete;
      fits(el);
      // A new card: the card fields appear under the list.
      const list = shadow(el).querySelector('kessai-saved-cards') as (HTMLElement & { updateComplete: Promise<unknown> }) | null;
      const radios = () => [...(list?.shadowRoot?.querySelectorAll<HTMLInputElement>('input[type="radio"]') ?? [])];
      await waitUntil(() => radios().length === 3, 'the saved cards never showed');
      fits(el);
      // The konbini tab, with the fee line and the total on the button.
      const tabs = () => [...shadow(el).querySelectorAll<HTMLButtonElement>('[role="tab"]')];
      tabs()[1]!.click();
      await customElements.whenDefined('kessai-konbini-fields');
      await el.updateComplete;
      expect(payButton(el).textContent?.trim()).to.equal('￥2,170 を支払う');
      fits(el);
      // Back to the card: a new card's fields under the list, then a decline's message.
      tabs()[0]!.click();
      await el.updateComplete;
      radios().at(-1)!.click();
      await el.updateComplete;
      await typeCard(el, CARDS.declined);
      fits(el);
      payButton(el).click();
      await statusIs(el, 'failed');
      await el.updateComplete;
      expect(part(el, 'error')?.textContent?.trim()).not.to.equal('');
      fits(el);
      await expect(el).to.be.accessible();
    });
  });
}

describe('<kessai-checkout> with prefers-reduced-motion', () => {
  afterEach(() => emulateMedia({ reducedMotion: 'no-preference' }));

  it('nothing turns or shimmers: the Pay button\'s busy indicator stands still', async () => {
    await emulateMedia({ reducedMotion: 'reduce' });
    let open = (): void => undefined;
    servers = fakeServers({ gate: new Promise<void>((resolve) => (open = resolve)) });
    const el = await fixture<TestCheckout>(html`<test-kessai-checkout endpoint="/api/pay" locale="ja"></test-kessai-checkout>`);
    await statusIs(el, 'ready');
    await typeCard(el, CARDS.ok);
    payButton(el).click();
    await statusIs(el, 'submitting');
    await el.updateComplete;
    const spinner = part(el, 'spinner');
    expect(spinner, 'the busy indicator').not.to.equal(null);
    expect(getComputedStyle(spinner!).animationName).to.equal('none');
    open();
  });
});
