import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createKessaiHandler, toNodeListener } from '../../../src/server/index.ts';
import { fakeFetch, json } from '../providers/fake-fetch.ts';
import { komojuFixture } from '../providers/komoju-fixtures.ts';

const SID = '3pwlcidjnkbn7i6d0mu3e5rjd';

describe('toNodeListener', () => {
  let server: Server;
  let base: string;
  const fake = fakeFetch([[`GET /api/v1/sessions/${SID}`, () => json(200, komojuFixture('session-completed-card'))]]);

  before(async () => {
    const handler = createKessaiHandler({
      provider: 'komoju',
      secretKey: 'sk_test_node',
      publishableKey: 'pk_test_node',
      allowedOrigins: ['https://shop.example'],
      amount: () => ({ amount: 1500, currency: 'JPY' }),
      fetch: fake.fetch,
      maxBodyBytes: 2048,
    });
    const listener = toNodeListener(handler);
    server = createServer((req, res) => void listener(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/pay`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('answers a status request through node:http with the outcome', async () => {
    const response = await fetch(base, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: 'https://shop.example' },
      body: JSON.stringify({ action: 'status', sessionId: SID }),
    });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    assert.equal(response.headers.get('access-control-allow-origin'), 'https://shop.example');
    const body = (await response.json()) as { outcome: { status: string; last4?: string } };
    assert.equal(body.outcome.status, 'succeeded');
    assert.equal(body.outcome.last4, '1111');
  });

  it('keeps the method check, the origin check and the size limit', async () => {
    assert.equal((await fetch(base)).status, 405);
    const foreign = await fetch(base, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: 'https://evil.example' },
      body: '{}',
    });
    assert.equal(foreign.status, 403);
    const large = await fetch(base, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ action: 'status', sessionId: 'x'.repeat(4096) }),
    });
    assert.equal(large.status, 413);
  });
});
