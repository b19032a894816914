/**
 * The stand-in of UnivaPay's widget script (`<basePath>/client/checkout.js`) and its inline form, in
 * Debian's Chromium. A small server on 127.0.0.1 serves a shop page on `http://localhost:<port>` and
 * the sandbox, which the page reaches on `http://127.0.0.1:<port>`: another origin, as UnivaPay's is.
 * The page has a strict CSP with Trusted Types, so the stand-in must run without eval, inline code or
 * HTML strings. Every request is recorded with the frame that made it: the shop's own document must
 * never send a card digit, while the iframe sends the card to the sandbox's origin only.
 */
import assert from 'node:assert/strict';
import vm from 'node:vm';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import type { Browser, BrowserContext, FrameLocator, Page } from 'playwright-core';
import { createSandbox, type Sandbox } from '../../../src/sandbox/index.ts';
import { CHECKOUT_JS } from '../../../src/sandbox/univapay/widget/checkout-js.ts';
import { INLINE_JS } from '../../../src/sandbox/univapay/widget/inline-form.ts';
import { containsCardNumber } from '../../support/card-scan.ts';
import { launchChromium } from '../../e2e/browser.ts';
import { startPageServer, type PageServer } from './page-server.ts';

const CARD = '4242424242424242';
const FRAME = 'iframe[name="univapay-checkout-connector"]';
const WIDGET = '/sandbox/univapay/client';

let sandbox: Sandbox;
let server: PageServer;
let pageOrigin: string;
let sandboxOrigin: string;
/** App tokens by name: `shop` bound to the page's origin (no raw card data allowed), `elsewhere` not. */
const appTokens: Record<string, string> = {};

const escape = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** The shop page: a form with UnivaPay's span (unless `app=none`) and the stand-in script. */
function shopPage(app: string | null): Response {
  const span = app
    ? `<span data-app-id="${escape(appTokens[app] ?? '')}" data-checkout="token" data-token-type="one_time" data-inline="true" data-email="taro@example.jp" data-inline-item-style="padding: 0 2px"></span>`
    : '';
  const body = `<!doctype html>
<html lang="ja">
<head><meta charset="utf-8"><title>Shop</title><script src="/page.js"></script></head>
<body>
<form id="checkout" method="post" action="/order">
<div id="upfw_checkout">${span}</div>
<button type="submit">注文する</button>
</form>
<script src="${sandboxOrigin}${WIDGET}/checkout.js"></script>
</body>
</html>`;
  return new Response(body, {
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': [
        "default-src 'none'",
        `script-src 'self' ${sandboxOrigin}`,
        `frame-src ${sandboxOrigin}`,
        "style-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        "require-trusted-types-for 'script'",
      ].join('; '),
    },
  });
}

/** The page's only script of its own: it records CSP violations. */
const PAGE_JS = `window.violations = [];
document.addEventListener('securitypolicyviolation', function (event) {
  window.violations.push(event.violatedDirective + ' ' + event.blockedURI);
});`;

before(async () => {
  sandbox = createSandbox();
  server = await startPageServer(sandbox, (_request, url) => {
    if (url.pathname === '/checkout') return shopPage(url.searchParams.get('app'));
    if (url.pathname === '/page.js') return new Response(PAGE_JS, { headers: { 'Content-Type': 'text/javascript' } });
    return null;
  });
  ({ pageOrigin, sandboxOrigin } = server);
  appTokens['shop'] = (await sandbox.univapay.issueAppToken({ origins: [pageOrigin] })).appToken;
  appTokens['elsewhere'] = (await sandbox.univapay.issueAppToken({ origins: ['https://shop.example'] })).appToken;
});

after(async () => {
  await server?.close();
});

describe('UnivaPay widget stand-in: what the sandbox serves', () => {
  it('serves checkout.js and the form script as JavaScript that parses, with no eval or HTML strings', async () => {
    for (const [path, source] of [['checkout.js', CHECKOUT_JS], ['inline.js', INLINE_JS]] as const) {
      const response = await sandbox.fetch(`${sandboxOrigin}${WIDGET}/${path}`);
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-type'), 'text/javascript; charset=utf-8');
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(await response.text(), source);
      assert.doesNotThrow(() => new vm.Script(source), path);
      for (const sink of ['eval(', 'new Function', 'innerHTML', 'outerHTML', 'insertAdjacentHTML', 'document.write', 'srcdoc', 'setAttribute(\'style\'', 'setAttribute("on']) {
        assert.ok(!source.includes(sink), `${path} uses ${sink}`);
      }
    }
  });

  it('frames the form for the declared page origin only, under a strict CSP; refuses a form opened without one', async () => {
    const query = new URLSearchParams({ appId: appTokens['shop'] ?? '', checkout: 'token', origin: pageOrigin, locale: 'en' });
    const page = await sandbox.fetch(`${sandboxOrigin}${WIDGET}/inline?${query}`);
    assert.equal(page.status, 200);
    const csp = page.headers.get('content-security-policy') ?? '';
    for (const directive of [`frame-ancestors ${pageOrigin}`, "script-src 'self'", "default-src 'none'", "require-trusted-types-for 'script'"]) {
      assert.ok(csp.includes(directive), directive);
    }
    const html = await page.text();
    assert.ok(!/<script>|<script [^>]*>[^<]/.test(html) && !/ on[a-z]+=/.test(html) && !/ style=/.test(html), 'no inline script, handler or style');
    for (const label of ['Email', 'Cardholder name', 'Card number', 'Expiry date (MM/YY)', 'Security code']) assert.ok(html.includes(`>${label}</label>`), label);
    query.delete('origin');
    assert.equal((await sandbox.fetch(`${sandboxOrigin}${WIDGET}/inline?${query}`)).status, 400);
    query.set('origin', pageOrigin);
    query.set('checkout', 'payment');
    assert.equal((await sandbox.fetch(`${sandboxOrigin}${WIDGET}/inline?${query}`)).status, 400);
  });

  it('makes the form’s token only for a same-origin call, an app token of this store and one of its domains', async () => {
    const card = { cardholder: 'TARO YAMADA', card_number: CARD, exp_month: 12, exp_year: 2031, cvv: '123' };
    const post = (origin: string, appId: string, declared: string) =>
      sandbox.fetch(`${sandboxOrigin}${WIDGET}/inline/tokens`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: origin },
        body: JSON.stringify({ appId, origin: declared, token: { payment_type: 'card', type: 'one_time', email: 'taro@example.jp', data: card } }),
      });
    const shop = appTokens['shop'] ?? '';
    assert.equal((await post(pageOrigin, shop, pageOrigin)).status, 403, 'a call from the page itself');
    const foreign = await post(sandboxOrigin, appTokens['elsewhere'] ?? '', pageOrigin);
    assert.deepEqual([foreign.status, ((await foreign.json()) as { code: string }).code], [401, 'INVALID_DOMAIN']);
    const forged = await post(sandboxOrigin, `${shop}x`, pageOrigin);
    assert.deepEqual([forged.status, ((await forged.json()) as { code: string }).code], [401, 'INVALID_APP_TOKEN']);
    const made = await post(sandboxOrigin, shop, pageOrigin);
    assert.equal(made.status, 201, 'raw card data typed into UnivaPay’s own form is taken without directCardTokens');
    const token = (await made.json()) as { id: string; email: string };
    assert.equal(token.email, 'taro@example.jp');
    assert.ok(sandbox.univapay.inspect.tokens().some((t) => t.id === token.id && t.last_four === '4242'));
    // The same card straight to POST /tokens with this app token is refused: the merchant is no PCI DSS one.
    const direct = await sandbox.fetch(`${sandboxOrigin}/sandbox/univapay/tokens`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${shop}`, Origin: pageOrigin },
      body: JSON.stringify({ payment_type: 'card', type: 'one_time', email: 'taro@example.jp', data: card }),
    });
    assert.equal(direct.status, 401);
    sandbox.reset();
  });
});

interface Seen {
  readonly url: string;
  readonly body: string;
  readonly fromShopDocument: boolean;
}

describe('UnivaPay widget stand-in in Chromium', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let seen: Seen[];
  let errors: string[];

  before(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    sandbox.reset();
    context = await browser.newContext();
    page = await context.newPage();
    seen = [];
    errors = [];
    page.on('request', (request) => {
      seen.push({ url: request.url(), body: request.postData() ?? '', fromShopDocument: request.frame() === page.mainFrame() });
    });
    page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`console: ${message.text()} (${message.location().url})`);
    });
  });
  afterEach(async () => {
    // Whatever happened, the shop's own document never sent a card digit, in any spelling.
    for (const request of seen.filter((s) => s.fromShopDocument)) {
      assert.ok(!containsCardNumber(`${request.url}\n${request.body}`, CARD), `card digits from the shop page: ${request.url}`);
    }
    await context?.close();
  });

  const form = (): FrameLocator => page.frameLocator(FRAME);
  const submit = () =>
    page.evaluate((selector) => {
      const checkout = (window as unknown as { UnivapayCheckout: { submit(frame: Element | null): Promise<{ token: string }> } }).UnivapayCheckout;
      return checkout.submit(document.querySelector(selector)).then(
        (value) => ({ ok: true as const, value }),
        (error: unknown) => ({ ok: false as const, message: error instanceof Error ? error.message : String(error) }),
      );
    }, FRAME);
  async function typeCard(number: string, labels = { holder: 'カード名義人', number: 'カード番号', exp: '有効期限 (MM/YY)', cvv: 'セキュリティコード' }) {
    await form().getByLabel(labels.holder).fill('TARO YAMADA');
    await form().getByLabel(labels.number).pressSequentially(number.replace(/(\d{4})(?=\d)/g, '$1 '));
    await form().getByLabel(labels.exp).fill('12/31');
    await form().getByLabel(labels.cvv).fill('123');
  }

  it('replaces the span with a sized iframe on the sandbox origin; submit puts the token in the form and resolves with it', async () => {
    await page.goto(`${pageOrigin}/checkout?app=shop`);
    const iframe = page.locator(FRAME);
    await iframe.waitFor();
    assert.equal(await page.locator('#upfw_checkout span[data-app-id]').count(), 0, 'the span was replaced');
    const src = new URL((await iframe.getAttribute('src')) ?? '');
    assert.equal(src.origin, sandboxOrigin);
    assert.equal(src.pathname, `${WIDGET}/inline`);
    assert.deepEqual(
      ['appId', 'checkout', 'tokenType', 'email', 'itemStyle', 'origin'].map((name) => src.searchParams.get(name)),
      [appTokens['shop'], 'token', 'one_time', 'taro@example.jp', 'padding: 0 2px', pageOrigin],
    );
    const frame = page.frames().find((f) => f.name() === 'univapay-checkout-connector');
    assert.equal(new URL(frame?.url() ?? '').origin, sandboxOrigin, 'the form runs on the sandbox origin');

    await typeCard(CARD);
    assert.equal(await form().getByLabel('メールアドレス').count(), 0, 'no email field when data-email is given');
    assert.equal(await form().locator('.row').first().evaluate((row) => getComputedStyle(row).paddingLeft), '2px');
    // The iframe is as tall as its form, which told the page its height.
    await page.waitForFunction((selector) => /^\d+px$/.test((document.querySelector(selector) as HTMLElement).style.height), FRAME);
    const height = await iframe.evaluate((el) => parseInt((el as HTMLElement).style.height, 10));
    const content = await form().locator('main').evaluate((main) => Math.ceil(main.getBoundingClientRect().height));
    assert.equal(height, content);
    assert.ok(height > 200, `height ${height}`);

    const result = await submit();
    assert.ok(result.ok, JSON.stringify(result));
    const tokenId = result.value.token;
    const issued = sandbox.univapay.inspect.tokens();
    assert.deepEqual(issued.map((t) => [t.id, t.payment_type, t.last_four, t.email]), [[tokenId, 'card', '4242', 'taro@example.jp']]);
    const hidden = page.locator('#checkout input[name="univapayTokenId"]');
    assert.equal(await hidden.getAttribute('type'), 'hidden');
    assert.equal(await hidden.inputValue(), tokenId);

    // A second submit makes a new token and replaces the value: still one input.
    const again = await submit();
    assert.ok(again.ok);
    assert.equal(await page.locator('input[name="univapayTokenId"]').count(), 1);
    assert.equal(await hidden.inputValue(), again.value.token);
    assert.notEqual(again.value.token, tokenId);

    // The card went from the iframe to the sandbox's origin, and only there.
    const carrying = seen.filter((s) => containsCardNumber(`${s.url}\n${s.body}`, CARD));
    assert.ok(carrying.length >= 1, 'the card was sent (the scan sees it)');
    for (const request of carrying) {
      assert.equal(request.fromShopDocument, false);
      assert.equal(request.url, `${sandboxOrigin}${WIDGET}/inline/tokens`);
    }
    assert.deepEqual(await page.evaluate(() => (window as unknown as { violations: string[] }).violations), []);
    assert.deepEqual(errors, []);
  });

  it('mounts a span the page adds after the script loaded, and asks for the email without data-email (English)', async () => {
    await page.goto(`${pageOrigin}/checkout`);
    await page.waitForFunction(() => 'UnivapayCheckout' in window);
    assert.equal(await page.locator(FRAME).count(), 0);
    await page.evaluate((appId) => {
      const span = document.createElement('span');
      span.dataset['appId'] = appId;
      span.dataset['checkout'] = 'token';
      span.dataset['inline'] = 'true';
      span.dataset['locale'] = 'en';
      document.getElementById('upfw_checkout')?.append(span);
    }, appTokens['shop'] ?? '');
    await page.locator(FRAME).waitFor();
    await form().getByLabel('Email').fill('hanako@example.jp');
    await typeCard(CARD, { holder: 'Cardholder name', number: 'Card number', exp: 'Expiry date (MM/YY)', cvv: 'Security code' });
    const result = await submit();
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(sandbox.univapay.inspect.tokens()[0]?.email, 'hanako@example.jp');
    assert.equal(await page.locator('input[name="univapayTokenId"]').inputValue(), result.value.token);
    assert.deepEqual(errors, []);
  });

  it('rejects a bad card number with the form’s error text, shows it in the iframe, and makes no token', async () => {
    await page.goto(`${pageOrigin}/checkout?app=shop`);
    await page.locator(FRAME).waitFor();
    await typeCard('4242424242424241');
    const result = await submit();
    assert.deepEqual(result, { ok: false, message: 'カード番号が正しくありません。' });
    assert.equal(await form().locator('#card-number-error').textContent(), 'カード番号が正しくありません。');
    assert.equal(await form().getByLabel('カード番号').getAttribute('aria-invalid'), 'true');
    assert.equal(sandbox.univapay.inspect.tokens().length, 0);
    assert.equal(await page.locator('input[name="univapayTokenId"]').count(), 0);
    // Several problems: one line each.
    await form().getByLabel('セキュリティコード').fill('');
    const two = await submit();
    assert.deepEqual(two, { ok: false, message: 'カード番号が正しくありません。\nセキュリティコードを入力してください。' });
  });

  it('refuses an app token not bound to the page’s origin: the promise rejects and no token is made', async () => {
    await page.goto(`${pageOrigin}/checkout?app=elsewhere`);
    await page.locator(FRAME).waitFor();
    await typeCard(CARD);
    const result = await submit();
    assert.equal(result.ok, false);
    assert.match(result.ok ? '' : result.message, /INVALID_DOMAIN/);
    assert.match((await form().locator('#general-error').textContent()) ?? '', /INVALID_DOMAIN/);
    assert.equal(sandbox.univapay.inspect.tokens().length, 0);
    assert.equal(await page.locator('input[name="univapayTokenId"]').count(), 0);
  });

  it('takes messages only from the sandbox’s origin and the form’s window', async () => {
    await page.goto(`${pageOrigin}/checkout?app=shop`);
    await page.locator(FRAME).waitFor();
    await page.waitForFunction((selector) => /^\d+px$/.test((document.querySelector(selector) as HTMLElement).style.height), FRAME);
    // The page itself (another origin than the sandbox) posts what only the form may say.
    const outcome = await page.evaluate(async (selector) => {
      const frame = document.querySelector(selector) as HTMLIFrameElement;
      const checkout = (window as unknown as { UnivapayCheckout: { submit(frame: Element): Promise<unknown> } }).UnivapayCheckout;
      const pending = checkout.submit(frame).then(() => 'resolved', () => 'rejected');
      window.postMessage({ type: 'univapay:height', height: 1234 }, '*');
      window.postMessage({ type: 'univapay:result', id: 'submit-1-x', ok: true, tokenId: 'forged' }, '*');
      const settled = await Promise.race([pending, new Promise((resolve) => setTimeout(() => resolve('waiting'), 300))]);
      return { settled, height: frame.style.height };
    }, FRAME);
    assert.notEqual(outcome.height, '1234px', 'a height from the page itself is ignored');
    // The empty form answered (its own message, from the sandbox's origin) with the missing fields.
    assert.equal(outcome.settled, 'rejected');
    assert.equal(await page.locator('input[name="univapayTokenId"]').count(), 0, 'no forged token in the form');
    assert.equal(await page.evaluate(() => (window as unknown as { UnivapayCheckout: { submit(x: unknown): Promise<unknown> } }).UnivapayCheckout.submit(document.body).then(() => 'resolved', (e: Error) => e.message)), 'UnivapayCheckout.submit: this is not a UnivaPay inline form iframe.');
  });
});
