import type { KonbiniStore } from '../../core/konbini-stores.ts';
import type { ClientSession, PaymentMethod } from '../../core/protocol.ts';
import { failed, type FailedOutcome } from './failures.ts';

/**
 * Why an attempt cannot go on with this session, checked before any call: the session does not
 * offer the method (`method_unavailable`), or not the konbini chain picked (`store_unavailable`).
 * Undefined when it can.
 */
export function sessionRefusal(
  session: ClientSession,
  method: PaymentMethod,
  store?: KonbiniStore,
): FailedOutcome | undefined {
  if (!session.methods.includes(method)) return failed('configuration', 'method_unavailable', false);
  if (store !== undefined && !session.konbiniStores.includes(store)) {
    return failed('validation', 'store_unavailable', true, { field: 'store' });
  }
  return undefined;
}
