import type { KessaiWebhookEvent } from '../src/server/index.ts';

/**
 * The demo shop's orders, as its webhooks tell them (`demo/webhooks.ts`): one per order reference (the
 * `orderId` the demo's amount callback gave the payment), its latest status and every event that
 * reached the shop's callback. In memory, for the designers' page (`GET /demo/orders`) and the tests.
 */
export interface DemoOrder {
  readonly orderId: string;
  readonly provider: KessaiWebhookEvent['provider'];
  readonly paymentId: string;
  readonly method: KessaiWebhookEvent['method'] | null;
  readonly status: KessaiWebhookEvent['status'];
  readonly amount: number;
  readonly currency: string;
  /** When the shop last heard of it (ISO). */
  readonly updatedAt: string;
  /** Every delivery that reached the callback, oldest first: `<event type> → <status>`. */
  readonly history: readonly string[];
}

export interface DemoOrders {
  record(event: KessaiWebhookEvent): void;
  list(): DemoOrder[];
  /** How many events reached the callback in all (each verified delivery once). */
  readonly received: () => number;
}

export function createDemoOrders(now: () => Date = () => new Date()): DemoOrders {
  const orders = new Map<string, DemoOrder>();
  let received = 0;
  return {
    record(event) {
      received += 1;
      const key = event.orderId ?? `${event.provider}:${event.paymentId}`;
      const before = orders.get(key);
      orders.set(key, {
        orderId: key,
        provider: event.provider,
        paymentId: event.paymentId,
        method: event.method ?? before?.method ?? null,
        status: event.status,
        amount: event.amount,
        currency: event.currency,
        updatedAt: now().toISOString(),
        history: [...(before?.history ?? []), `${event.type} → ${event.status}`],
      });
    },
    list: () => [...orders.values()].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)),
    received: () => received,
  };
}
