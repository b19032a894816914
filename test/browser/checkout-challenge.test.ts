import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../src/index.ts';
import { FAILURE_MESSAGES } from '../../src/core/i18n/failure-messages.ts';
import type { KessaiChallenge } from '../../src/elements/challenge/challenge.ts';
import { define } from '../../src/elements/shared/define.ts';
import type { CheckoutDeps } from '../../src/flow/checkout-controller.ts';
import {
  CARDS,
  LOCAL_KOMOJU_API,
  TOKEN_ID,
  TestCheckout,
  fakeServers,
  part,
  payButton,
  recordEvents,
  session,
  shadow,
  statusIs,
  typeCard,
  type FakeServers,
} from './checkout-harness.ts';

/** The merchant's checkout page, as the provider will send the frame back to it. */
const RETURN_PAGE = new URL('/test/browser/checkout-fixtures/return.html', location.href).href;
const ACS_PAGE = new URL('/test/browser/checkout-fixtures/acs.html', location.href).href;

/** A checkout that believes it sits on `RETURN_PAGE` (the test runner's own page cannot be framed). */
class FramedCheckout extends TestCheckout {
  protected override flowDeps(): Partial<CheckoutDeps> {
    return { ...super.flowDeps(), page: { href: () => RETURN_PAGE, replace: () => undefined } };
  }
}
define('framed-kessai-checkout', FramedCheckout);

let servers: FakeServers | undefined;
afterEach(() => {
  servers?.restore();
  servers = undefined;
  TestCheckout.navigations = [];
  TestCheckout.storage.clear();
});

async function openChallenge() {
  servers = fakeServers({
    start: () => new Response(JSON.stringify({ session: session({ apiBase: LOCAL_KOMOJU_API }) }), { status: 200 }),
    acs: (returnUrl) => `${ACS_PAGE}?token=${TOKEN_ID}&return_url=${encodeURIComponent(returnUrl)}`,
  });
  const el = await fixture<FramedCheckout>(
    html`<framed-kessai-checkout endpoint="/api/pay" locale="ja" challenge="iframe"></framed-kessai-checkout>`,
  );
  const events = recordEvents(el);
  await statusIs(el, 'ready');
  await typeCard(el, CARDS.threeDs);
  payButton(el).click();
  await statusIs(el, 'requires_action');
  const challenge = shadow(el).querySelector<KessaiChallenge>('kessai-challenge');
  if (!challenge) throw new Error('no <kessai-challenge>');
  await waitUntil(() => challenge.open, 'the challenge never opened');
  const dialog = shadow(challenge).querySelector('dialog');
  const frame = shadow(challenge).querySelector('iframe');
  if (!dialog || !frame) throw new Error('no dialog or frame');
  await waitUntil(() => frame.contentDocument?.getElementById('complete') != null, 'the ACS page never loaded');
  return { el, events, challenge, dialog, frame };
}

describe('<kessai-checkout challenge="iframe">', () => {
  it('fits 320 px: the dialog and its frame stay inside a phone\'s width', async () => {
    await setViewport({ width: 320, height: 640 });
    try {
      const { dialog, frame } = await openChallenge();
      expect(document.documentElement.scrollWidth).to.be.at.most(320);
      for (const box of [dialog.getBoundingClientRect(), frame.getBoundingClientRect()]) {
        expect(box.left).to.be.at.least(0);
        expect(box.right).to.be.at.most(320);
      }
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });

  it('shows 3-D Secure in a modal frame and finishes the payment without leaving the page', async () => {
    const { el, events, challenge, dialog, frame } = await openChallenge();
    expect(dialog.open).to.equal(true);
    expect(dialog.matches(':modal')).to.equal(true);
    expect(frame.title).to.equal('3Dセキュア本人認証');
    expect(shadow(challenge).activeElement).to.equal(part(challenge, 'cancel-button'));
    expect(dialog.getAttribute('aria-labelledby')).to.equal('title');
    expect(events.filter((e) => e.type === 'kessai-redirect').map((e) => e.detail)).to.deep.equal([
      { url: `${ACS_PAGE}?token=${TOKEN_ID}&return_url=${encodeURIComponent(`${RETURN_PAGE}?kessai_return=1&kessai_challenge=1&session_id=${session().sessionId}`)}`, method: 'get' },
    ]);
    await expect(el).to.be.accessible();

    frame.contentDocument?.getElementById('complete')?.click();
    await statusIs(el, 'succeeded');
    expect(dialog.open).to.equal(false);
    expect(TestCheckout.navigations).to.deep.equal([]);
    expect(events.filter((e) => e.type === 'kessai-success')).to.have.length(1);
    // The secure token was read back and paid once, here.
    expect(servers?.requests.filter((r) => r.url.endsWith(`/secure_tokens/${TOKEN_ID}`))).to.have.length(1);
    expect(servers?.payCalls()).to.equal(1);
    expect(part(el, 'success')?.textContent).to.contain('お支払いが完了しました');
  });

  it('Escape cancels: the shopper is back on the form with a message and can pay again', async () => {
    const { el, events, dialog } = await openChallenge();
    await sendKeys({ press: 'Escape' });
    await statusIs(el, 'failed');
    expect(dialog.open).to.equal(false);
    expect(part(el, 'error')?.textContent?.trim()).to.equal(FAILURE_MESSAGES.authentication_canceled.ja);
    expect(events.filter((e) => e.type === 'kessai-error').map((e) => e.detail)).to.deep.equal([
      { code: 'authentication', message: FAILURE_MESSAGES.authentication_canceled.ja, retryable: true },
    ]);
    expect(payButton(el).disabled).to.equal(false);
  });

  it('the Cancel button cancels too', async () => {
    const { el, challenge } = await openChallenge();
    part<HTMLButtonElement>(challenge, 'cancel-button')?.click();
    await statusIs(el, 'failed');
  });

  it('ignores return messages that do not come from its own frame', async () => {
    const { el, challenge } = await openChallenge();
    window.postMessage({ type: 'kessai:challenge-return', search: `?secure_token_id=${TOKEN_ID}` }, '*');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(challenge.open).to.equal(true);
    expect(el.status).to.equal('requires_action');
    challenge.cancel();
    await statusIs(el, 'failed');
  });
});
