import type { KonbiniStore } from '../../core/konbini-stores.ts';
import { METHODS, type PaymentMethod } from '../../core/protocol.ts';

/** A provider's name for each of our methods (`credit_card` / `card`, `konbini`). */
export type PaymentTypeNames = Readonly<Record<PaymentMethod, string>>;

/** Our method for a provider's payment type, or undefined for the types we do not take. */
export function methodFromPaymentType(
  names: PaymentTypeNames,
  type: string | null | undefined,
): PaymentMethod | undefined {
  return METHODS.find((method) => names[method] === type);
}

/**
 * Reads a provider's konbini chain names back into our store ids: the inverse of its table, plus
 * older spellings it may still answer (`aliases`). Undefined for a chain we do not know.
 */
export function storeReader(
  names: Readonly<Record<KonbiniStore, string>>,
  aliases: Readonly<Record<string, KonbiniStore>> = {},
): (name: string | null | undefined) => KonbiniStore | undefined {
  const byName = new Map<string, KonbiniStore>([
    ...(Object.entries(names) as [KonbiniStore, string][]).map(([id, name]) => [name, id] as const),
    ...Object.entries(aliases),
  ]);
  return (name) => (name ? byName.get(name) : undefined);
}
