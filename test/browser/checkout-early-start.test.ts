import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/index.ts';
import { enableEarlyStart } from '../../src/flow/early-start.ts';
import { TestCheckout, fakeServers, payButton, statusIs, type FakeServers } from './checkout-harness.ts';

/**
 * The script tag's early start, as a page sees it: the session is asked for while the flow's chunk
 * is still loading, and the flow uses that answer instead of asking again. Its own page: turning early
 * starts on is per page.
 */
enableEarlyStart();

/** A checkout whose flow chunk arrives only when the test says so. */
class HeldFlowCheckout extends TestCheckout {
  static release: () => void = () => undefined;
  protected override loadFlowModule(): ReturnType<TestCheckout['loadFlowModule']> {
    const held = new Promise<void>((resolve) => (HeldFlowCheckout.release = resolve));
    return held.then(() => super.loadFlowModule());
  }
}
customElements.define('held-flow-kessai-checkout', HeldFlowCheckout);

let servers: FakeServers | undefined;
afterEach(() => {
  servers?.restore();
  servers = undefined;
});

const starts = (s: FakeServers) => s.endpointBodies().filter((b) => b['action'] === 'start');

describe('early start (script tag)', () => {
  it('asks for the session while the flow loads, and the flow uses that answer', async () => {
    servers = fakeServers();
    const el = await fixture<HeldFlowCheckout>(
      html`<held-flow-kessai-checkout endpoint="/api/pay" locale="en" methods="card"></held-flow-kessai-checkout>`,
    );
    await waitUntil(() => starts(servers!).length === 1, 'no early start', { timeout: 3000 });
    expect(el.status).to.equal('idle', 'the flow is still loading');
    const [early] = starts(servers);
    expect(early).to.deep.equal({
      action: 'start',
      mode: 'payment',
      methods: ['card'],
      returnUrl: `${location.href}&kessai_return=1`,
      locale: 'en',
    });
    HeldFlowCheckout.release();
    await statusIs(el, 'ready');
    expect(payButton(el).textContent).to.contain('¥1,980');
    expect(starts(servers)).to.have.length(1, 'one session, not two');
  });

  it('asks again when the page changed the context after the early start, and posts the new one', async () => {
    servers = fakeServers();
    const el = await fixture<HeldFlowCheckout>(
      html`<held-flow-kessai-checkout endpoint="/api/pay" locale="ja"></held-flow-kessai-checkout>`,
    );
    await waitUntil(() => starts(servers!).length === 1, 'no early start', { timeout: 3000 });
    el.context = { cartId: 'c_42' };
    HeldFlowCheckout.release();
    await statusIs(el, 'ready');
    const all = starts(servers);
    expect(all).to.have.length(2);
    expect(all[0]?.['context']).to.equal(undefined);
    expect(all[1]?.['context']).to.deep.equal({ cartId: 'c_42' });
  });
});
