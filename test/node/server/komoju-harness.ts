import type { KomojuHandlerConfig, KomojuSavedCard } from '../../../src/server/index.ts';
import { createKessaiHandler } from '../../../src/server/index.ts';
import { createSandbox } from '../../../src/sandbox/index.ts';

/**
 * The KOMOJU endpoint handler against a fresh KOMOJU emulator, for the saved-card tests: the merchant
 * keeps the customers `onCardSaved` tells it (`saved`) and names them back through `customer`, and
 * `browserPay` makes the browser's own call (a session paid with the card and the publishable key).
 */

export const PAGE = 'http://localhost:5173';
export const API = 'http://127.0.0.1:5173/sandbox/komoju/api/v1';
export const RETURN_URL = `${PAGE}/checkout?kessai_return=1`;

export function komojuHarness(overrides: Partial<KomojuHandlerConfig> = {}) {
  const sandbox = createSandbox();
  const saved: KomojuSavedCard[] = [];
  let customers: string[] = [];
  const handler = createKessaiHandler({
    provider: 'komoju',
    secretKey: sandbox.komoju.secretKey,
    publishableKey: sandbox.komoju.publishableKey,
    apiBase: API,
    allowedOrigins: [PAGE],
    amount: () => ({ amount: 1500, currency: 'JPY', orderId: 'order-7' }),
    fetch: (input, init) => sandbox.fetch(input, init),
    customer: () => customers,
    onCardSaved: (_ctx, card) => {
      saved.push(card);
      customers = [...customers, card.customerId];
    },
    ...overrides,
  });
  async function post(body: Record<string, unknown>) {
    const response = await handler(
      new Request(`${PAGE}/api/komoju`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: PAGE }, body: JSON.stringify(body) }),
    );
    const text = await response.text();
    // The answers are read field by field; the schema tests of the protocol check their shape.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return { status: response.status, text, body: JSON.parse(text) as Record<string, any> };
  }
  /** What the browser does: pay the session with the card and the publishable key. */
  async function browserPay(sessionId: string, number: string) {
    const response = await sandbox.fetch(`${API}/sessions/${sessionId}/pay`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Basic ${btoa(`${sandbox.komoju.publishableKey}:`)}`, Origin: PAGE },
      body: JSON.stringify({ payment_details: { type: 'credit_card', number, month: '12', year: '2030', verification_value: '123' } }),
    });
    return (await response.json()) as Record<string, unknown>;
  }
  return { sandbox, post, browserPay, saved, setCustomers: (ids: string[]) => (customers = ids) };
}
