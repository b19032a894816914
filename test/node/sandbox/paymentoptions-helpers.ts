import { createSandbox, type Sandbox, type PaymentOptionsEmulatorOptions } from '../../../src/sandbox/index.ts';
import { startRecordingServer, type RecordingServer } from '../conformance/recorder.ts';
import { Receiver } from './webhook-helpers.ts';

/**
 * What the PaymentOptions emulator's tests share: the sandbox behind a real HTTP server on 127.0.0.1
 * (PaymentOptions is reached over HTTP), a receiver standing in for the merchant's webhook URL, and the
 * request bodies of PaymentOptions' document examples.
 */

export const SHOP = 'https://shop.example';
export const RETURN_URL = {
  webhook_url: `${SHOP}/webhooks/paymentoptions`,
  success_url: `${SHOP}/success`,
  decline_url: `${SHOP}/decline`,
  cancel_url: `${SHOP}/cancel`,
};

/** The billing address of the documents' examples. */
export const BILLING = {
  country: 'JP',
  email: 'billing@testemail.com',
  phone_number: '8112345678',
  address1: '1-2-3 Shinjuku',
  city: 'Shinjuku-ku',
  state: 'Tokyo',
  postal_code: '1600022',
};

export interface PoHarness {
  readonly sandbox: Sandbox;
  readonly server: RecordingServer;
  readonly receiver: Receiver;
  /** `<origin>/sandbox/paymentoptions/api/v1` */
  readonly api: string;
  call(method: 'GET' | 'POST', path: string, body?: unknown, headers?: Record<string, string> | null): Promise<{ status: number; body: Record<string, unknown> }>;
  close(): Promise<void>;
}

export async function startHarness(options: Omit<PaymentOptionsEmulatorOptions, 'basePath'> = {}): Promise<PoHarness> {
  const receiver = new Receiver();
  const sandbox = createSandbox({ paymentoptions: { webhookFetch: receiver.fetch, ...options } });
  const server = await startRecordingServer(sandbox.handle);
  const api = `${server.origin}/sandbox/paymentoptions/api/v1`;
  return {
    sandbox,
    server,
    receiver,
    api,
    async call(method, path, body, headers) {
      const sent: Record<string, string> = { ...(headers === null ? {} : (headers ?? sandbox.paymentoptions.authHeaders)) };
      if (body !== undefined) sent['Content-Type'] = 'application/json';
      const response = await fetch(`${api}${path}`, { method, headers: sent, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    },
    close: () => server.close(),
  };
}

let refs = 0;

/** A payment body as the documents' examples send it; `card` or `payment_method` from `extra`. */
export function paymentBody(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    amount: '1000',
    currency: 'JPY',
    merchant_txn_ref: `ref-${++refs}`,
    customer_ip: '127.0.0.1',
    return_url: { webhook_url: RETURN_URL.webhook_url, success_url: RETURN_URL.success_url, decline_url: RETURN_URL.decline_url },
    billing_address: BILLING,
    time_zone: 'Asia/Tokyo',
    ...extra,
  };
}

export const card = (number: string, expiry_year = '34') => ({ cvc: '100', expiry_month: '12', expiry_year, name: 'John Doe', number });

/** `browser_info` as the 3-D Secure page's example sends it. */
export const BROWSER_INFO = {
  acceptHeader: 'text/html',
  screenColorDepth: '48',
  javaEnabled: false,
  language: 'en',
  screenHeight: '1200',
  screenWidth: '1600',
  challengeWindow: '4',
  userAgent: 'Mozilla/4.0 (MSIE 6.0; Windows NT 5.0)',
};

export function linkBody(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    return_url: RETURN_URL,
    amount: 1000,
    currency: 'JPY',
    merchant_email: 'merchant@testemail.com',
    merchant_txn_ref: `link-${++refs}`,
    billing_address: BILLING,
    ...extra,
  };
}

/** The hex HMAC-SHA256 of a body, as the receiver checks the sandbox's webhook signature. */
export async function hmacHex(body: Buffer | string, secret: string): Promise<string> {
  const { createHmac } = await import('node:crypto');
  return createHmac('sha256', secret).update(body).digest('hex');
}
