import { createClient } from '@payjp/payjpv2';
import { createSandbox, type Sandbox } from '../../../src/sandbox/index.ts';

/** The sandbox's origin as the tests reach it (in-process: `sandbox.fetch`). */
export const ORIGIN = 'http://127.0.0.1:5173';
export const API_BASE = `${ORIGIN}/sandbox/payjp`;

/** PAY.JP's official v2 SDK, pointed at the emulator (`baseUrl`), answered in-process. */
export function sdkClient(sandbox: Sandbox, apiKey = sandbox.payjp.secretKey) {
  const client = createClient({ apiKey, baseUrl: API_BASE });
  client.setConfig({ fetch: ((input: RequestInfo | URL, init?: RequestInit) => sandbox.fetch(input, init)) as typeof fetch });
  return client;
}

export function newSandbox(options: Parameters<typeof createSandbox>[0] = {}): Sandbox {
  return createSandbox(options);
}

const basic = (key: string) => `Basic ${Buffer.from(`${key}:`).toString('base64')}`;

/** What the stand-in's form frame sends: the public key (Basic), the client secret and the card in the body. */
export async function browserConfirm(
  sandbox: Sandbox,
  kind: 'payment_flows' | 'setup_flows',
  id: string,
  clientSecret: string,
  number: string,
  returnUrl = 'https://shop.example/return',
): Promise<Response> {
  return sandbox.fetch(`${API_BASE}/v2/${kind}/${id}/confirm`, {
    method: 'POST',
    headers: { Authorization: basic(sandbox.payjp.publicKey), 'Content-Type': 'application/json', Origin: ORIGIN },
    body: JSON.stringify({
      client_secret: clientSecret,
      return_url: returnUrl,
      payment_method_data: { type: 'card', card: { number, exp_month: 12, exp_year: 2099, cvc: '123' }, billing_details: { email: 'taro@example.jp' } },
    }),
  });
}

/** Posts a button of the 3-D Secure page (as the shopper's browser does: from the page's own origin). */
export async function answerChallenge(sandbox: Sandbox, url: string, result: 'complete' | 'fail'): Promise<Response> {
  return sandbox.fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: new URL(url).origin },
    body: `result=${result}`,
    redirect: 'manual',
  });
}

export { basic };
