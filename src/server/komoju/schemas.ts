import * as z from 'zod/mini';

/**
 * KOMOJU objects only the server reads (docs/providers.md "KOMOJU › Customers and saved cards"); the
 * browser's are in `src/providers/komoju/schemas.ts`. Loose: KOMOJU adds fields.
 */

/** A Customer: `source` is its saved payment source (a card: brand, last four, expiry), null while empty. */
export const komojuCustomerSchema = z.looseObject({
  id: z.string().check(z.minLength(1)),
  source: z.nullish(
    z.looseObject({
      type: z.string(),
      brand: z.nullish(z.string()),
      last_four_digits: z.nullish(z.string()),
      month: z.nullish(z.union([z.number(), z.string()])),
      year: z.nullish(z.union([z.number(), z.string()])),
    }),
  ),
});
export type KomojuCustomer = z.infer<typeof komojuCustomerSchema>;

/** What the server reads of a `customer` session beside the browser's session schema. */
export const komojuCustomerSessionSchema = z.looseObject({
  mode: z.nullish(z.string()),
  customer_id: z.nullish(z.string()),
});
