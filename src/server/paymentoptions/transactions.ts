/**
 * What the merchant's server knows of a PaymentOptions payment between the hosted page and the
 * shopper's return: PaymentOptions documents no parameters on its return URLs, so the endpoint's
 * `status` answers from the result its webhook delivered (`createKessaiWebhookHandler` records it here,
 * with the transaction id, for your reconciliation). Keyed by our `merchant_txn_ref`.
 * Pass the same store to the endpoint handler and the webhook handler; in memory by default (one
 * process), or your own (a database, Redis) for several.
 */
export interface PaymentOptionsTransaction {
  readonly merchantTxnRef: string;
  /** PaymentOptions' transaction id, once known. */
  readonly transactionId?: string;
  /** The payment's answer as the webhook carried it (JSON), once delivered. */
  readonly result?: unknown;
  /** The shopper asked to save the card (the hosted page's box). */
  readonly saveCard?: boolean;
  /** The stored card was handed to the merchant's `onCardSaved` already. */
  readonly cardReported?: boolean;
}

export interface PaymentOptionsTransactionStore {
  get(merchantTxnRef: string): Promise<PaymentOptionsTransaction | undefined>;
  set(transaction: PaymentOptionsTransaction): Promise<void>;
}

/** An in-memory store: the latest `max` transactions, for one server process. */
export function createMemoryTransactionStore(max = 10_000): PaymentOptionsTransactionStore {
  const kept = new Map<string, PaymentOptionsTransaction>();
  return {
    async get(ref) {
      return kept.get(ref);
    },
    async set(transaction) {
      kept.delete(transaction.merchantTxnRef);
      kept.set(transaction.merchantTxnRef, transaction);
      while (kept.size > max) kept.delete(kept.keys().next().value as string);
    },
  };
}
