/**
 * KOMOJU's CORS rules in a real browser: a page on another origin may call the KOMOJU emulator with the
 * headers KOMOJU's own fields send (`accept`, `content-type`, `authorization`, `komoju-via`), and with
 * nothing more. Chromium sends the preflight and refuses the call itself when a header is not allowed,
 * so a request with `X-KOMOJU-IDEMPOTENCY` or `Idempotency-Key` never reaches the emulator.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { createSandbox, type Sandbox } from '../../../src/sandbox/index.ts';
import { launchChromium } from '../../e2e/browser.ts';
import { startPageServer, type PageServer } from './page-server.ts';

describe('KOMOJU sandbox: CORS preflight in Chromium', () => {
  let sandbox: Sandbox;
  let server: PageServer;
  let browser: Browser;
  let page: Page;

  before(async () => {
    sandbox = createSandbox();
    server = await startPageServer(sandbox, (_request, url) =>
      url.pathname === '/'
        ? new Response('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title></head><body></body></html>', {
            headers: { 'Content-Type': 'text/html; charset=utf-8' },
          })
        : null,
    );
    browser = await launchChromium();
    page = await browser.newPage();
    await page.goto(`${server.pageOrigin}/`);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  /** A POST from the page to the emulator with KOMOJU Fields' headers and `extra`: its status, or `blocked`. */
  const post = (extra: Record<string, string>) =>
    page.evaluate(
      async ({ api, key, extra }) => {
        try {
          const response = await fetch(`${api}/secure_tokens`, {
            method: 'POST',
            headers: {
              accept: 'application/json',
              'content-type': 'application/json',
              authorization: `Basic ${btoa(`${key}:`)}`,
              'komoju-via': 'fields',
              ...extra,
            },
            body: JSON.stringify({
              amount: 1500,
              currency: 'JPY',
              return_url: `${location.origin}/back`,
              payment_details: { type: 'credit_card', number: '4111111111111111', month: '12', year: '31', verification_value: '123' },
            }),
          });
          return String(response.status);
        } catch {
          return 'blocked';
        }
      },
      { api: `${server.sandboxOrigin}/sandbox/komoju/api/v1`, key: sandbox.komoju.publishableKey, extra },
    );

  it('lets KOMOJU Fields’ own headers through', async () => {
    assert.equal(await post({}), '200');
    assert.equal(sandbox.komoju.inspect.secureTokens().length, 1);
  });

  it('fails the preflight of any other header: the request never reaches the emulator', async () => {
    const before = sandbox.komoju.inspect.requests().length;
    for (const header of ['X-KOMOJU-IDEMPOTENCY', 'Idempotency-Key', 'X-KOMOJU-API-VERSION']) {
      assert.equal(await post({ [header]: 'k-1' }), 'blocked', header);
    }
    assert.equal(sandbox.komoju.inspect.requests().length, before);
    assert.equal(sandbox.komoju.inspect.secureTokens().length, 1);
  });
});
