import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import { createSandbox, type Sandbox } from '../../../src/sandbox/index.ts';
import { conformance } from './checks.ts';
import { startRecordingServer, type RecordingServer } from './recorder.ts';

/**
 * KOMOJU has no SDK on npm; its own web component, KOMOJU Fields, is the client that judges the
 * emulator here. The requests below are the ones KOMOJU Fields makes, as its source shows them (build
 * 99ad2eb, whose sources ship in the source maps of komoju/komoju-magento@4b5a4e6; types from
 * degica/komoju-fields@f599085): the same paths, methods, the four headers it sends on every call
 * (`accept`, `content-type`, `authorization: Basic base64(pk:)`, `komoju-via: fields`), the same body
 * fields with the values its inputs give (the card's `month` / `year` are the two halves of its
 * `MM / YY` input: two-digit strings). Each test then reads from the answer exactly what KOMOJU Fields
 * reads. The facts are KOMOJU's; the code is ours.
 */

const PAGE = 'http://localhost:5173';

let sandbox: Sandbox;
let server: RecordingServer;
let api: string;

before(async () => {
  sandbox = createSandbox();
  server = await startRecordingServer(sandbox.handle);
  api = `${server.origin}/sandbox/komoju`;
});

after(async () => {
  await server.close();
});

/** KOMOJU Fields' fetch wrapper (`komojuFetch`): its path includes `/api/v1`. */
async function fieldsFetch(method: 'GET' | 'POST', path: string, body?: object) {
  const response = await fetch(`${api}${path}`, {
    method,
    headers: {
      accept: 'application/json',
      'content-type': 'application/json',
      authorization: `Basic ${btoa(`${sandbox.komoju.publishableKey}:`)}`,
      'komoju-via': 'fields',
      // What the browser adds: the page's origin.
      origin: PAGE,
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

async function session(): Promise<Record<string, unknown>> {
  const response = await fetch(`${api}/api/v1/sessions`, {
    method: 'POST',
    headers: {
      Accept: 'application/json',
      'Content-Type': 'application/json',
      Authorization: `Basic ${btoa(`${sandbox.komoju.secretKey}:`)}`,
    },
    body: JSON.stringify({ amount: 1500, currency: 'JPY', return_url: `${PAGE}/done`, default_locale: 'ja', payment_types: ['credit_card', 'konbini'] }),
  });
  assert.equal(response.status, 200);
  return (await response.json()) as Record<string, unknown>;
}

/** The card as KOMOJU Fields' credit-card module reads its inputs. */
function fieldsCard(number: string) {
  const expiry = '12 / 30';
  const [month, year] = expiry.split('/').map((s) => s.trim());
  return { type: 'credit_card', name: 'TARO YAMADA', number: number.replace(/\s+/g, ''), month, year, verification_value: '123' };
}

/** The secure token request of KOMOJU Fields (`submitSecureToken`). */
function secureTokenRequest(s: Record<string, unknown>, number: string) {
  const returnUrl = new URL('https://multipay.komoju.com/secure-token-return.html');
  returnUrl.searchParams.set('session_id', String(s['id']));
  return { amount: s['amount'], currency: s['currency'], payment_details: fieldsCard(number), return_url: returnUrl };
}

describe('KOMOJU Fields’ requests against the KOMOJU emulator', () => {
  conformance('komoju.fields.preflight', async () => {
    const response = await sandbox.fetch(`${api}/api/v1/secure_tokens`, {
      method: 'OPTIONS',
      headers: {
        Origin: PAGE,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'accept,authorization,content-type,komoju-via',
      },
    });
    assert.ok(response.status >= 200 && response.status < 300);
    assert.equal(response.headers.get('access-control-allow-origin'), PAGE);
    const allowed = (response.headers.get('access-control-allow-headers') ?? '').toLowerCase().split(/\s*,\s*/);
    for (const header of ['accept', 'authorization', 'content-type', 'komoju-via']) assert.ok(allowed.includes(header), header);
    assert.match(response.headers.get('access-control-allow-methods') ?? '', /POST/);
  });

  conformance('komoju.fields.session', async () => {
    const created = await session();
    const { status, json } = await fieldsFetch('GET', `/api/v1/sessions/${String(created['id'])}`);
    assert.equal(status, 200);
    // KomojuSession, as KOMOJU Fields types and reads it.
    assert.equal(json['id'], created['id']);
    assert.equal(json['resource'], 'session');
    assert.ok(['payment', 'customer', 'customer_payment'].includes(String(json['mode'])));
    assert.equal(typeof json['amount'], 'number');
    assert.equal(typeof json['currency'], 'string');
    assert.equal(typeof json['session_url'], 'string');
    assert.equal(typeof json['default_locale'], 'string');
    assert.equal(String(json['default_locale']).substring(0, 2), 'ja');
    assert.ok(['pending', 'completed', 'cancelled'].includes(String(json['status'])));
    const methods = json['payment_methods'] as Record<string, unknown>[];
    assert.ok(Array.isArray(methods) && methods.length > 0);
    for (const method of methods) {
      assert.equal(typeof method['type'], 'string');
      if ('customer_fee' in method && method['customer_fee'] !== null) assert.equal(typeof method['customer_fee'], 'number');
      if ('offsite' in method) assert.equal(typeof method['offsite'], 'boolean');
    }
    const card = methods.find((m) => m['type'] === 'credit_card');
    const konbini = methods.find((m) => m['type'] === 'konbini');
    assert.ok(Array.isArray(card?.['brands']), 'credit card brands: an array');
    const stores = konbini?.['brands'] as Record<string, { icon?: unknown }>;
    assert.ok(stores && !Array.isArray(stores) && typeof stores === 'object', 'konbini brands: an object keyed by store');
    for (const brand of Object.values(stores)) assert.equal(typeof brand.icon, 'string');
  });

  conformance('komoju.fields.secure-token', async () => {
    const s = await session();
    for (const [number, expected] of [
      ['4111 1111 1111 1111', ['OK', 'SKIPPED']],
      ['4100000000000100', ['OK']],
      ['4100000000005000', ['NEEDS_VERIFY']],
    ] as const) {
      const { status, json } = await fieldsFetch('POST', '/api/v1/secure_tokens', secureTokenRequest(s, number));
      assert.equal(status, 200, `${number}: ${JSON.stringify(json)}`);
      assert.equal(typeof json['id'], 'string');
      assert.ok((expected as readonly string[]).includes(String(json['verification_status'])), `${number}: ${String(json['verification_status'])}`);
      if (json['verification_status'] === 'NEEDS_VERIFY') assert.match(String(json['authentication_url']), /^https?:\/\//);
    }
    const sent = server.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/secure_tokens')).at(-1);
    const body = JSON.parse(sent?.body ?? '{}') as { payment_details: { month: string; year: string } };
    assert.deepEqual([body.payment_details.month, body.payment_details.year], ['12', '30'], 'the two-digit strings went out as KOMOJU Fields sends them');
  });

  conformance('komoju.fields.secure-token-get', async () => {
    const s = await session();
    const created = await fieldsFetch('POST', '/api/v1/secure_tokens', secureTokenRequest(s, '4100000000005000'));
    const { status, json } = await fieldsFetch('GET', `/api/v1/secure_tokens/${String(created.json['id'])}`);
    assert.equal(status, 200);
    assert.equal(json['id'], created.json['id']);
    assert.equal(json['verification_status'], 'NEEDS_VERIFY');
  });

  conformance('komoju.fields.pay-card', async () => {
    const s = await session();
    const token = await fieldsFetch('POST', '/api/v1/secure_tokens', secureTokenRequest(s, '4111111111111111'));
    assert.ok(['OK', 'SKIPPED'].includes(String(token.json['verification_status'])));
    const { status, json } = await fieldsFetch('POST', `/api/v1/sessions/${String(s['id'])}/pay`, {
      payment_details: token.json['id'],
      api_locale: 'ja',
    });
    assert.equal(status, 200);
    // KomojuPayResult: { status: 'pending' | 'completed' | 'error', error?: string | KomojuApiError, redirect_url? }
    assert.equal(json['status'], 'completed');
    assert.equal(typeof json['redirect_url'], 'string');
    assert.ok(!json['error']);
    // A declined card: `error` set, which KOMOJU Fields shows.
    const s2 = await session();
    const declined = await fieldsFetch('POST', '/api/v1/secure_tokens', secureTokenRequest(s2, '4123111111111000'));
    const refused = await fieldsFetch('POST', `/api/v1/sessions/${String(s2['id'])}/pay`, { payment_details: declined.json['id'], api_locale: 'ja' });
    assert.equal(refused.json['status'], 'error');
    const error = refused.json['error'];
    assert.ok(typeof error === 'string' || (typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string'));
  });

  conformance('komoju.fields.pay-konbini', async () => {
    const s = await session();
    // KOMOJU Fields' konbini module: type, store, email, name.
    const { status, json } = await fieldsFetch('POST', `/api/v1/sessions/${String(s['id'])}/pay`, {
      payment_details: { type: 'konbini', store: 'lawson', email: 'taro@example.jp', name: 'ヤマダ タロウ' },
      api_locale: 'ja',
    });
    assert.equal(status, 200, JSON.stringify(json));
    assert.ok(['pending', 'completed'].includes(String(json['status'])));
    assert.match(String(json['redirect_url']), /^https?:\/\//);
  });

  conformance('komoju.fields.token', async () => {
    const { status, json } = await fieldsFetch('POST', '/api/v1/tokens', {
      payment_details: { type: 'konbini', store: 'family-mart', email: 'taro@example.jp', name: 'ヤマダ タロウ' },
    });
    assert.ok(status < 400, JSON.stringify(json));
    // KomojuToken
    assert.equal(typeof json['id'], 'string');
    assert.equal(json['resource'], 'token');
    assert.ok(!Number.isNaN(Date.parse(String(json['created_at']))));
    assert.deepEqual(json['payment_details'], { type: 'konbini' });
  });

  conformance('komoju.fields.errors', async () => {
    const s = await session();
    const bad = secureTokenRequest(s, '4111111111111112');
    const refusals = [
      await fieldsFetch('POST', '/api/v1/secure_tokens', bad),
      await fieldsFetch('POST', '/api/v1/tokens', { payment_details: { type: 'konbini', store: 'lawson' } }),
    ];
    for (const { status, json } of refusals) {
      assert.ok(status >= 400, String(status));
      // KomojuApiError: { code: string, message: string, param: string | null, details: string | null }
      const error = json['error'] as Record<string, unknown>;
      assert.equal(typeof error['code'], 'string');
      assert.equal(typeof error['message'], 'string');
      assert.ok(error['param'] === null || typeof error['param'] === 'string');
      assert.ok('details' in error);
    }
  });
});
