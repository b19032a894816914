/**
 * The payments.js stand-in (`<basePath>/payjp/payments.js`) in Debian's Chromium. A small server on
 * 127.0.0.1 serves a shop page on `http://localhost:<port>` and the sandbox, which the page reaches on
 * `http://127.0.0.1:<port>`: another origin, as js.pay.jp and api.pay.jp are. The page (strict CSP
 * with Trusted Types) loads the stand-in, mounts the payment form (one iframe on the sandbox's origin),
 * the test types a card into the iframe and the page calls `widgets.confirmPayment({ return_url })`
 * for a Payment Flow created server-side with @payjp/payjpv2: the page ends on the return URL with
 * the flow's id and client secret, the flow succeeded, and the shop's own document never sent a digit.
 */
import assert from 'node:assert/strict';
import vm from 'node:vm';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createClient, createPaymentFlow } from '@payjp/payjpv2';
import { createSandbox, type Sandbox } from '../../../src/sandbox/index.ts';
import { FORM_JS } from '../../../src/sandbox/payjp/js/form-frame.ts';
import { PAYMENTS_JS } from '../../../src/sandbox/payjp/js/payments-js.ts';
import { containsCardNumber } from '../../support/card-scan.ts';
import { launchChromium } from '../../e2e/browser.ts';
import { startPageServer, type PageServer } from './page-server.ts';

const CARD = '4242424242424242';
const FRAME = 'iframe[name^="payjp-payments-form-"]';

let sandbox: Sandbox;
let server: PageServer;

function shopPage(clientSecret: string, locale: string): Response {
  const body = `<!doctype html>
<html lang="ja">
<head><meta charset="utf-8"><title>Shop</title>
<script src="${server.sandboxOrigin}/sandbox/payjp/payments.js"></script>
<script src="/shop.js" defer></script>
</head>
<body data-client-secret="${clientSecret}" data-public-key="${sandbox.payjp.publicKey}" data-locale="${locale}">
<div id="payment-form"></div>
<button id="pay" type="button">支払う</button>
<output id="result"></output>
</body>
</html>`;
  return new Response(body, {
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': [
        "default-src 'none'",
        `script-src 'self' ${server.sandboxOrigin}`,
        `frame-src ${server.sandboxOrigin}`,
        `connect-src ${server.sandboxOrigin}`,
        "style-src 'self'",
        "base-uri 'none'",
        "require-trusted-types-for 'script'",
        "trusted-types 'none'",
      ].join('; '),
    },
  });
}

const SHOP_JS = `
(function () {
  var data = document.body.dataset;
  var payments = window.PayjpPayments(data.publicKey);
  var widgets = payments.widgets({ clientSecret: data.clientSecret, locale: data.locale, appearance: { theme: 'payjp', variables: { colorPrimary: '#0a7f3f', fontSizeBase: '15px' } } });
  var form = widgets.createForm('payment', { fields: { billingDetails: 'never' } });
  window.__events = [];
  form.on('ready', function () { window.__events.push('ready'); });
  form.on('change', function (e) { window.__events.push(JSON.stringify(e)); });
  form.mount('#payment-form');
  document.getElementById('pay').addEventListener('click', function () {
    widgets.confirmPayment({ return_url: location.origin + '/done?order=9', payment_method_data: { billing_details: { email: 'taro@example.jp' } } }).then(function (result) {
      document.getElementById('result').textContent = JSON.stringify(result);
    });
  });
  window.__retrieve = function (secret) { return payments.retrievePaymentFlow(secret); };
})();
`;

describe('payments.js stand-in in Chromium', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let fromShop: string[];
  let errors: string[];
  let clientSecrets: Record<string, string>;

  before(async () => {
    sandbox = createSandbox();
    clientSecrets = {};
    server = await startPageServer(sandbox, (_request, url) => {
      if (url.pathname === '/shop') return shopPage(clientSecrets[url.searchParams.get('flow') ?? ''] ?? '', url.searchParams.get('locale') ?? 'ja');
      if (url.pathname === '/shop.js') return new Response(SHOP_JS, { headers: { 'Content-Type': 'text/javascript' } });
      if (url.pathname === '/done') return new Response('<!doctype html><title>Done</title><p>Thanks</p>', { headers: { 'Content-Type': 'text/html' } });
      return null;
    });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
  beforeEach(async () => {
    context = await browser.newContext();
    page = await context.newPage();
    fromShop = [];
    errors = [];
    page.on('request', (request) => {
      if (request.frame() === page.mainFrame()) fromShop.push(`${request.url()}\n${request.postData() ?? ''}`);
    });
    page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      // Chromium logs every answer 4xx; a declined card's 402 is expected.
      if (message.type() === 'error' && !message.text().includes('status of 402')) errors.push(`console: ${message.text()} (${message.location().url})`);
    });
  });
  afterEach(async () => {
    for (const request of fromShop) assert.ok(!containsCardNumber(request, CARD), `card digits from the shop page: ${request}`);
    assert.deepEqual(errors, []);
    await context?.close();
  });

  async function newFlow(): Promise<{ id: string; client_secret: string }> {
    const client = createClient({ apiKey: sandbox.payjp.secretKey, baseUrl: `${server.sandboxOrigin}/sandbox/payjp` });
    client.setConfig({ fetch: ((input: RequestInfo | URL, init?: RequestInit) => sandbox.fetch(input, init)) as typeof fetch });
    const flow = (await createPaymentFlow({ client, body: { amount: 1500, currency: 'jpy' }, throwOnError: true })).data;
    clientSecrets[flow.id] = flow.client_secret;
    return flow;
  }

  it('serves payments.js and the form frame script as JavaScript that parses, with no eval or HTML strings', async () => {
    for (const [path, source] of [['/sandbox/payjp/payments.js', PAYMENTS_JS], ['/sandbox/payjp/payments-js/form.js', FORM_JS]] as const) {
      const response = await sandbox.fetch(`${server.sandboxOrigin}${path}`);
      assert.equal(response.status, 200);
      assert.equal(await response.text(), source);
      assert.doesNotThrow(() => new vm.Script(source), path);
      for (const sink of ['eval(', 'new Function', 'innerHTML', 'outerHTML', 'insertAdjacentHTML', 'document.write', 'srcdoc']) assert.ok(!source.includes(sink), `${path} uses ${sink}`);
    }
  });

  it('mounts one iframe, takes a card typed into it and confirms: the page ends on return_url, the flow succeeded', async () => {
    const flow = await newFlow();
    await page.goto(`${server.pageOrigin}/shop?flow=${flow.id}`);
    await page.waitForFunction(() => (window as unknown as { __events: string[] }).__events.includes('ready'));
    assert.equal(await page.locator(FRAME).count(), 1);
    const frame = page.frameLocator(FRAME);
    await frame.locator('#number').pressSequentially(CARD);
    await frame.locator('#expiry').pressSequentially('1234');
    await frame.locator('#cvc').pressSequentially('123');
    await page.waitForFunction(() => (window as unknown as { __events: string[] }).__events.some((e) => e.includes('"complete":true')));
    const change = JSON.parse((await page.evaluate(() => (window as unknown as { __events: string[] }).__events)).filter((e) => e.startsWith('{')).at(-1) ?? '{}') as unknown;
    assert.deepEqual(change, { elementType: 'payment', empty: false, complete: true, value: { type: 'card' } });
    assert.equal(await frame.locator('#number').inputValue(), '4242 4242 4242 4242');
    // The theme variable reached the frame (CSSOM custom property).
    const primary = await frame.locator('html').evaluate((el) => getComputedStyle(el).getPropertyValue('--p-primary').trim());
    assert.equal(primary, '#0a7f3f');
    await Promise.all([page.waitForURL(/\/done\?/), page.click('#pay')]);
    const back = new URL(page.url());
    assert.equal(back.origin, server.pageOrigin);
    assert.equal(back.searchParams.get('order'), '9');
    assert.equal(back.searchParams.get('payment_flow_id'), flow.id);
    assert.equal(back.searchParams.get('payment_flow_client_secret'), flow.client_secret);
    const done = sandbox.payjp.inspect.paymentFlow(flow.id);
    assert.equal(done?.['status'], 'succeeded');
    assert.deepEqual(sandbox.payjp.inspect.paymentMethods().map((pm) => [pm.brand, pm.last4]), [['Visa', '4242']]);
    const confirm = sandbox.payjp.inspect.requests({ route: 'POST /v2/payment_flows/{id}/confirm' });
    assert.deepEqual(confirm.map((r) => [r.auth, r.scheme, r.status]), [['public', 'basic', 200]]);
  });

  it('resolves { error } for a declined card and stays; retrievePaymentFlow reads the flow with the client secret', async () => {
    const flow = await newFlow();
    await page.goto(`${server.pageOrigin}/shop?flow=${flow.id}&locale=en`);
    await page.waitForFunction(() => (window as unknown as { __events: string[] }).__events.includes('ready'));
    const frame = page.frameLocator(FRAME);
    assert.equal(await frame.locator('label[for="number"]').textContent(), 'Card number');
    await frame.locator('#number').pressSequentially('4000000000000002');
    await frame.locator('#expiry').pressSequentially('1234');
    await frame.locator('#cvc').pressSequentially('123');
    await page.click('#pay');
    await page.waitForFunction(() => document.getElementById('result')?.textContent !== '');
    const result = JSON.parse((await page.locator('#result').textContent()) ?? '{}') as { error: { type: string; code: string } };
    assert.equal(result.error.type, 'payment_error');
    assert.equal(result.error.code, 'card_declined');
    const read = await page.evaluate((secret) => (window as unknown as { __retrieve(s: string): Promise<{ id: string; status: string }> }).__retrieve(secret), flow.client_secret);
    assert.equal(read.id, flow.id);
    assert.equal(read.status, 'requires_payment_method');
  });
});
