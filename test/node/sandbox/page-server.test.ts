import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createSandbox } from '../../../src/sandbox/index.ts';
import { startPageServer, type PageServer } from './page-server.ts';

/**
 * The Chromium tests' page server. Chromium asks for /favicon.ico after a page loads; a 404 there
 * was logged as a console error and failed the payments.js test in CI when the page was still open.
 */
describe('page server for the sandbox Chromium tests', () => {
  let server: PageServer;
  before(async () => {
    server = await startPageServer(createSandbox(), (_request, url) => (url.pathname === '/shop' ? new Response('shop') : null));
  });
  after(async () => server?.close());

  it('answers /favicon.ico with 204 No Content, so Chromium logs no error', async () => {
    const response = await fetch(`${server.pageOrigin}/favicon.ico`);
    assert.equal(response.status, 204);
  });

  it("serves the test's pages and 404 for the rest", async () => {
    assert.equal(await (await fetch(`${server.pageOrigin}/shop`)).text(), 'shop');
    assert.equal((await fetch(`${server.pageOrigin}/nothing`)).status, 404);
  });
});
