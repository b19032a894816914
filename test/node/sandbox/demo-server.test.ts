import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { startDemoServer, type DemoServer } from '../../../demo/server.ts';
import { sandboxOriginFor } from '../../../src/sandbox/index.ts';
import { basic } from './helpers.ts';

describe('sandboxOriginFor', () => {
  it('swaps localhost and 127.0.0.1, keeps the port, and leaves other hosts alone', () => {
    assert.equal(sandboxOriginFor('http://localhost:5173'), 'http://127.0.0.1:5173');
    assert.equal(sandboxOriginFor('http://127.0.0.1:5173/'), 'http://localhost:5173');
    assert.equal(sandboxOriginFor('http://192.168.1.20:5173'), 'http://192.168.1.20:5173');
  });
});

describe('demo server', () => {
  let server: DemoServer;
  let dist: string;
  const lines: string[] = [];

  before(async () => {
    dist = await mkdtemp(join(tmpdir(), 'kessai-dist-'));
    server = await startDemoServer({ port: 0, host: '127.0.0.1', log: (line) => lines.push(line), distRoot: dist });
  });
  after(async () => {
    await server?.close();
    await rm(dist, { recursive: true, force: true });
  });

  it('listens on a free port and gives the page on localhost, the sandbox on 127.0.0.1', () => {
    assert.ok(server.port > 0);
    assert.equal(server.url, `http://localhost:${server.port}/`);
    assert.equal(server.pageOrigin, `http://localhost:${server.port}`);
    assert.equal(server.sandboxOrigin, `http://127.0.0.1:${server.port}`);
  });

  it('serves the demo page with a strict CSP that names the sandbox origin', async () => {
    const response = await fetch(server.url);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.match(await response.text(), /<kessai-checkout/);
    const csp = response.headers.get('content-security-policy') ?? '';
    // Scripts: its own, and the sandbox's stand-ins of the providers' scripts (UnivaPay's checkout.js).
    assert.match(csp, new RegExp(`script-src 'self' ${server.sandboxOrigin}(;|$)`));
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.match(csp, /style-src 'self'(;|$)/);
    assert.match(csp, new RegExp(`connect-src 'self' ${server.sandboxOrigin}(;|$)`));
    assert.match(csp, new RegExp(`frame-src 'self' ${server.sandboxOrigin}(;|$)`));
    assert.match(csp, /require-trusted-types-for 'script'/);
    assert.ok(!csp.includes('unsafe'));
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    const plain = await fetch(`${server.pageOrigin}/plain.html`);
    assert.equal(plain.status, 200);
    assert.ok(plain.headers.get('content-security-policy'));
  });

  it('serves assets with their types and nothing else', async () => {
    const css = await fetch(`${server.pageOrigin}/demo.css`);
    assert.equal(css.headers.get('content-type'), 'text/css; charset=utf-8');
    assert.equal(css.headers.get('content-security-policy'), null);
    const js = await fetch(`${server.pageOrigin}/demo.js`);
    assert.equal(js.headers.get('content-type'), 'text/javascript; charset=utf-8');
    for (const path of ['/server.ts', '/merchant-endpoints.ts', '/..%2fpackage.json', '/%2e%2e/package.json', '/.env', '/nope.html']) {
      const response = await fetch(`${server.pageOrigin}${path}`);
      assert.equal(response.status, 404, path);
      await response.arrayBuffer();
    }
    const post = await fetch(`${server.pageOrigin}/demo.css`, { method: 'POST', body: 'x' });
    assert.equal(post.status, 405);
    const favicon = await fetch(`${server.pageOrigin}/favicon.ico`);
    assert.equal(favicon.status, 204);
  });

  it('explains a missing /kessai.js, then serves it once built', async () => {
    const missing = await fetch(`${server.pageOrigin}/kessai.js`);
    assert.equal(missing.status, 500);
    assert.match(await missing.text(), /npm run build:browser/);
    await writeFile(join(dist, 'kessai.js'), 'window.kessaiLoaded = true;\n');
    const built = await fetch(`${server.pageOrigin}/kessai.js`);
    assert.equal(built.status, 200);
    assert.equal(built.headers.get('content-type'), 'text/javascript; charset=utf-8');
    assert.equal(await built.text(), 'window.kessaiLoaded = true;\n');
  });

  it('gzips text files for a browser that accepts it, as a CDN would', async () => {
    await writeFile(join(dist, 'kessai.js'), `window.kessai = ${JSON.stringify('x'.repeat(5000))};\n`);
    const plain = await fetch(`${server.pageOrigin}/kessai.js`, { headers: { 'Accept-Encoding': 'identity' } });
    assert.equal(plain.headers.get('content-encoding'), null);
    const plainBody = await plain.text();
    const { request } = await import('node:http');
    const raw = await new Promise<{ encoding: string | undefined; length: number; body: Buffer }>((resolve, reject) => {
      request(`${server.pageOrigin}/kessai.js`, { headers: { 'Accept-Encoding': 'gzip, br' } }, (res) => {
        const parts: Buffer[] = [];
        res.on('data', (part: Buffer) => parts.push(part));
        res.on('end', () =>
          resolve({ encoding: res.headers['content-encoding'], length: Number(res.headers['content-length']), body: Buffer.concat(parts) }),
        );
      }).on('error', reject).end();
    });
    assert.equal(raw.encoding, 'gzip');
    assert.equal(raw.length, raw.body.length);
    assert.ok(raw.body.length < plainBody.length / 10, `${raw.body.length} bytes gzipped of ${plainBody.length}`);
    assert.equal(gunzipSync(raw.body).toString(), plainBody);
  });

  it('serves the chunks kessai.js loads, cached for good, and nothing outside them', async () => {
    await mkdir(join(dist, 'kessai-chunks'), { recursive: true });
    await writeFile(join(dist, 'kessai-chunks', 'flow-Ab12.js'), 'export const flow = 1;\n');
    const chunk = await fetch(`${server.pageOrigin}/kessai-chunks/flow-Ab12.js`);
    assert.equal(chunk.status, 200);
    assert.equal(chunk.headers.get('content-type'), 'text/javascript; charset=utf-8');
    assert.match(chunk.headers.get('cache-control') ?? '', /immutable/);
    assert.equal(await chunk.text(), 'export const flow = 1;\n');
    assert.match(chunk.headers.get('vary') ?? '', /Accept-Encoding/);
    for (const path of ['/kessai-chunks/nope.js', '/kessai-chunks/..%2fkessai.js', '/kessai-chunks/%2e%2e/%2e%2e/package.json']) {
      const response = await fetch(`${server.pageOrigin}${path}`);
      assert.equal(response.status, 404, path);
      await response.arrayBuffer();
    }
  });

  it('answers the KOMOJU merchant endpoint with a session on the sandbox origin', async () => {
    const response = await fetch(`${server.pageOrigin}/api/komoju`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: server.pageOrigin },
      body: JSON.stringify({ action: 'start', returnUrl: `${server.pageOrigin}/plain.html`, context: { cart: 'demo-cart-1' } }),
    });
    assert.equal(response.status, 200);
    const { session } = (await response.json()) as { session: Record<string, unknown> };
    assert.equal(session['provider'], 'komoju');
    assert.equal(session['apiBase'], `${server.sandboxOrigin}/sandbox/komoju/api/v1`);
    assert.equal(session['amount'], 1980);
    assert.ok(!JSON.stringify(session).includes(server.sandbox.komoju.secretKey));
    assert.equal(server.sandbox.komoju.inspect.session(session['sessionId'] as string)?.status, 'pending');

    const foreign = await fetch(`${server.pageOrigin}/api/komoju`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: 'https://evil.example' },
      body: JSON.stringify({ action: 'start', returnUrl: 'https://evil.example/' }),
    });
    assert.equal(foreign.status, 403);
    const unknown = await fetch(`${server.pageOrigin}/api/nobody`, { method: 'POST' });
    assert.equal(unknown.status, 404);
    assert.equal(((await unknown.json()) as { error: { code: string } }).error.code, 'not_found');
  });

  it('serves the sandbox across origins over real HTTP, with CORS', async () => {
    const preflight = await fetch(`${server.sandboxOrigin}/sandbox/komoju/api/v1/secure_tokens`, {
      method: 'OPTIONS',
      headers: {
        Origin: server.pageOrigin,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization,content-type',
      },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), server.pageOrigin);
    const token = await fetch(`${server.sandboxOrigin}/sandbox/komoju/api/v1/secure_tokens`, {
      method: 'POST',
      headers: { Authorization: basic(server.sandbox.komoju.publishableKey), 'Content-Type': 'application/json', Origin: server.pageOrigin },
      body: JSON.stringify({
        amount: 1980,
        currency: 'JPY',
        return_url: `${server.pageOrigin}/plain.html?x=1`,
        payment_details: { type: 'credit_card', number: '4100000000005000', month: 12, year: 2030, verification_value: '123' },
      }),
    });
    assert.equal(token.status, 200);
    assert.equal(token.headers.get('access-control-allow-origin'), server.pageOrigin);
    const body = (await token.json()) as { authentication_url: string };
    assert.ok(body.authentication_url.startsWith(`${server.sandboxOrigin}/sandbox/komoju/challenge/`));
    const page = await fetch(body.authentication_url);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /Complete authentication/);
  });

  it('logs one line per request, without bodies or query strings', async () => {
    lines.length = 0;
    await (await fetch(`${server.pageOrigin}/demo.css?token=abc`)).arrayBuffer();
    await (
      await fetch(`${server.sandboxOrigin}/sandbox/komoju/api/v1/tokens?x=secret-query`, {
        method: 'POST',
        headers: { Authorization: basic(server.sandbox.komoju.publishableKey), 'Content-Type': 'application/json' },
        body: JSON.stringify({ payment_details: { type: 'credit_card', number: '4111111111111111', month: 12, year: 2030 } }),
      })
    ).arrayBuffer();
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(lines.length, 2, lines.join('\n'));
    assert.match(lines[0] ?? '', /^GET \/demo\.css 200 \d+ms$/);
    assert.match(lines[1] ?? '', /^POST \/sandbox\/komoju\/api\/v1\/tokens 200 \d+ms$/);
    const all = lines.join('\n');
    for (const secret of ['4111111111111111', 'secret-query', 'token=abc', server.sandbox.komoju.publishableKey]) {
      assert.ok(!all.includes(secret), secret);
    }
  });
});
