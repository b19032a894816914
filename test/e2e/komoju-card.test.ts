/**
 * End to end, as a shopper on a plain merchant page: `<kessai-checkout endpoint="/api/komoju">` and
 * `<script src="/kessai.js">`, served by the demo server, against the embedded KOMOJU sandbox, in
 * Debian's Chromium. Every request the page makes is recorded to prove where the card number goes.
 */
import { after, before, beforeEach, afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, recordPageErrors, recordRequests, type RecordedRequest } from './browser.ts';
import { startDemoServer } from '../../demo/server.ts';

const FULL_WIDTH = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));

let server: { url: string; close(): Promise<void> };
let browser: Browser;
let pageOrigin: string;
let sandboxOrigin: string;

before(async () => {
  server = await startDemoServer({ port: 0, host: '127.0.0.1', log: () => {} });
  const port = new URL(server.url).port;
  // The page is opened on localhost; the sandbox answers on 127.0.0.1: another origin, as a real
  // provider's API is.
  pageOrigin = `http://localhost:${port}`;
  sandboxOrigin = `http://127.0.0.1:${port}`;
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

let context: BrowserContext;
let page: Page;
let requests: RecordedRequest[];
let pageErrors: string[];

beforeEach(async () => {
  context = await browser.newContext({ locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
  page = await context.newPage();
  requests = recordRequests(page);
  pageErrors = recordPageErrors(page);
  await page.addInitScript(() => {
    const log: { type: string; detail: unknown }[] = [];
    (window as unknown as { kessaiEvents: typeof log }).kessaiEvents = log;
    for (const type of ['kessai-ready', 'kessai-change', 'kessai-submit', 'kessai-redirect',
      'kessai-success', 'kessai-pending', 'kessai-error']) {
      document.addEventListener(type, (e) => log.push({ type, detail: (e as CustomEvent).detail }));
    }
  });
  await page.goto(`${pageOrigin}/plain.html`);
  await page.getByLabel('カード番号').waitFor();
});

afterEach(async () => {
  // The card number typed in any test must never have gone anywhere but the provider's origin.
  for (const number of ['4111111111111111', '4100000000005000', '4123111111111000']) {
    for (const r of requests) {
      assert.ok(!r.url.includes(number), `card number in a URL: ${r.url}`);
      if (r.body.includes(number)) {
        assert.equal(r.origin, sandboxOrigin, `card number sent to ${r.url}`);
        assert.ok(new URL(r.url).pathname.startsWith('/sandbox/komoju/api/v1/'), r.url);
      }
    }
  }
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  assert.ok(!/\d{12,}/.test(stored), `card-like digits in web storage: ${stored}`);
  const events = await page.evaluate(() => JSON.stringify((window as unknown as { kessaiEvents: unknown }).kessaiEvents ?? []));
  assert.ok(!/\d{12,}/.test(events), 'card-like digits in an event detail');
  assert.deepEqual(pageErrors, []);
  await context.close();
});

async function typeCard(number: string, opts: { fullWidth?: boolean } = {}) {
  const write = (s: string) => (opts.fullWidth ? FULL_WIDTH(s) : s);
  await page.getByLabel('カード番号').pressSequentially(write(number));
  await page.getByLabel('有効期限').pressSequentially(write('1230'));
  await page.getByLabel('セキュリティコード').pressSequentially(write('123'));
  await page.getByLabel('カード名義').fill('TARO YAMADA');
}

const payButton = () => page.getByRole('button', { name: /支払う/ });
const events = (type: string) =>
  page.evaluate((t) => (window as unknown as { kessaiEvents: { type: string }[] }).kessaiEvents.filter((e) => e.type === t).length, type);
const payRequests = () => requests.filter((r) => r.method === 'POST' && /\/sessions\/[^/]+\/pay$/.test(new URL(r.url).pathname));

describe('KOMOJU card payment on a plain HTML page', () => {
  it('pays with 4111 1111 1111 1111 typed in full-width digits', async () => {
    await typeCard('4111111111111111', { fullWidth: true });
    await assert.doesNotReject(payButton().waitFor());
    assert.match((await payButton().textContent()) ?? '', /[¥￥]/);
    await payButton().click();
    await page.getByText('お支払いが完了しました').waitFor();
    assert.equal(await events('kessai-success'), 1);
    assert.equal(await events('kessai-submit'), 1);
    assert.equal(payRequests().length, 1);
    // The merchant endpoint saw only protocol requests, without card data.
    const toMerchant = requests.filter((r) => r.origin === pageOrigin && r.url.includes('/api/komoju'));
    assert.ok(toMerchant.length >= 1);
  });

  it('passes the 3-D Secure challenge with 4100 0000 0000 5000 and resumes on return', async () => {
    await typeCard('4100000000005000');
    await payButton().click();
    await page.waitForURL(/\/sandbox\/komoju\/.*challenge/);
    await page.getByRole('button', { name: 'Complete authentication' }).click();
    await page.waitForURL(/plain\.html/);
    await page.getByText('お支払いが完了しました').waitFor();
    assert.equal(await events('kessai-success'), 1);
    // The return parameters are removed from the address bar once the payment is resumed.
    assert.ok(!page.url().includes('secure_token_id'), page.url());
    assert.equal(payRequests().length, 1);
  });

  it('reports a failed 3-D Secure challenge as a retryable error', async () => {
    await typeCard('4100000000005000');
    await payButton().click();
    await page.waitForURL(/\/sandbox\/komoju\/.*challenge/);
    await page.getByRole('button', { name: 'Fail authentication' }).click();
    await page.waitForURL(/plain\.html/);
    await page.getByRole('alert').filter({ hasText: '本人認証' }).waitFor();
    assert.equal(await events('kessai-error'), 1);
    assert.equal(await events('kessai-success'), 0);
    assert.equal(payRequests().length, 0);
  });

  it('shows a clear retryable error for a declined card (insufficient funds)', async () => {
    await typeCard('4123111111111000');
    await payButton().click();
    await page.getByRole('alert').filter({ hasText: 'ご利用可能額が不足しています' }).waitFor();
    const detail = await page.evaluate(() =>
      (window as unknown as { kessaiEvents: { type: string; detail: { retryable: boolean; code: string } }[] })
        .kessaiEvents.find((e) => e.type === 'kessai-error')?.detail,
    );
    assert.deepEqual({ code: detail?.code, retryable: detail?.retryable }, { code: 'declined', retryable: true });
    // The shopper can fix the card and pay again without reloading.
    await page.getByLabel('カード番号').fill('');
    await page.getByLabel('カード番号').pressSequentially('4111111111111111');
    await payButton().click();
    await page.getByText('お支払いが完了しました').waitFor();
  });

  it('sends one payment request for a double click', async () => {
    await typeCard('4111111111111111');
    await payButton().dblclick();
    await page.keyboard.press('Enter');
    await page.getByText('お支払いが完了しました').waitFor();
    assert.equal(payRequests().length, 1);
    assert.equal(requests.filter((r) => r.method === 'POST' && r.url.endsWith('/secure_tokens')).length, 1);
    assert.equal(await events('kessai-submit'), 1);
    assert.equal(await events('kessai-success'), 1);
  });
});
