import assert from 'node:assert/strict';
import { createSandbox, type Sandbox, type SandboxOptions } from '../../../src/sandbox/index.ts';

/** The sandbox as the browser reaches it in the demo: another origin than the page. */
export const SANDBOX_ORIGIN = 'http://127.0.0.1:5173';
export const PAGE_ORIGIN = 'http://localhost:5173';
export const API = `${SANDBOX_ORIGIN}/sandbox/komoju/api/v1`;
export const RETURN_URL = `${PAGE_ORIGIN}/checkout?cart=42`;

export const basic = (key: string): string => `Basic ${btoa(`${key}:`)}`;

export interface JsonAnswer {
  readonly status: number;
  readonly headers: Headers;
  // Tests read what they assert on; the emulator's JSON is checked field by field.
  readonly body: Record<string, unknown> & { [key: string]: unknown };
}

export interface Harness {
  readonly sandbox: Sandbox;
  readonly sk: string;
  readonly pk: string;
  /** A JSON call to the KOMOJU API with a key (`sk`, `pk`, a raw key, or null for none). */
  call(
    method: 'GET' | 'POST' | 'OPTIONS',
    path: string,
    options?: { key?: string | null; body?: unknown; headers?: Record<string, string> },
  ): Promise<JsonAnswer>;
  createSession(body?: Record<string, unknown>, headers?: Record<string, string>): Promise<Record<string, unknown>>;
  secureToken(number: string, extra?: Record<string, unknown>): Promise<JsonAnswer>;
  pay(sessionId: string, paymentDetails: unknown, headers?: Record<string, string>): Promise<JsonAnswer>;
}

export function card(number: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: 'credit_card', number, month: '12', year: '2030', verification_value: '123', name: 'TARO YAMADA', ...extra };
}

export function harness(options: SandboxOptions = {}): Harness {
  const sandbox = createSandbox(options);
  const sk = sandbox.komoju.secretKey;
  const pk = sandbox.komoju.publishableKey;

  const call: Harness['call'] = async (method, path, options = {}) => {
    const key = options.key === undefined ? sk : options.key;
    const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
    if (key !== null) headers['Authorization'] = basic(key);
    if (options.body !== undefined) headers['Content-Type'] ??= 'application/json';
    const response = await sandbox.fetch(`${API}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as JsonAnswer['body']) : {} };
  };

  return {
    sandbox,
    sk,
    pk,
    call,
    async createSession(body = {}, headers = {}) {
      const answer = await call('POST', '/sessions', {
        body: { amount: 1500, currency: 'JPY', return_url: RETURN_URL, ...body },
        headers,
      });
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      return answer.body;
    },
    secureToken(number, extra = {}) {
      return call('POST', '/secure_tokens', {
        key: pk,
        body: { amount: 1500, currency: 'JPY', return_url: RETURN_URL, payment_details: card(number), ...extra },
        headers: { Origin: PAGE_ORIGIN },
      });
    },
    pay(sessionId, paymentDetails, headers = {}) {
      return call('POST', `/sessions/${sessionId}/pay`, {
        key: pk,
        body: { payment_details: paymentDetails },
        headers: { Origin: PAGE_ORIGIN, ...headers },
      });
    },
  };
}

/** The `error` object of a KOMOJU answer, checked to have exactly KOMOJU's four fields. */
export function komojuError(body: Record<string, unknown>): { code: string; message: string; param: string | null; details: unknown } {
  const error = body['error'] as Record<string, unknown> | undefined;
  assert.ok(error && typeof error === 'object', `no error object in ${JSON.stringify(body)}`);
  assert.deepEqual(Object.keys(error).sort(), ['code', 'details', 'message', 'param']);
  assert.equal(typeof error['code'], 'string');
  assert.equal(typeof error['message'], 'string');
  assert.ok((error['message'] as string).length > 0);
  return error as { code: string; message: string; param: string | null; details: unknown };
}

/** A page of the emulator (challenge, instructions): status, headers and text. */
export async function getPage(sandbox: Sandbox, url: string): Promise<{ status: number; headers: Headers; text: string }> {
  const response = await sandbox.fetch(url);
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** Posts a page's form like a browser does: urlencoded, with the page's own origin. */
export async function submitForm(
  sandbox: Sandbox,
  url: string,
  fields: Record<string, string>,
  origin: string = new URL(url).origin,
): Promise<Response> {
  return sandbox.fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: origin },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });
}
