import * as z from 'zod/mini';
import { KONBINI_STORES } from './konbini-stores.ts';
import { ISO_DATETIME_WITH_OFFSET, matching } from './schema-checks.ts';

/**
 * A konbini payment slip, normalized from whatever the provider returned. This is what
 * `<kessai-konbini-slip>` renders and what `kessai-pending` carries.
 */
export const slipSchema = z.object({
  store: z.enum(KONBINI_STORES),
  /** The number the shopper quotes or types at the store (KOMOJU `receipt`, UnivaPay payment number). */
  paymentNumber: z.string().check(z.minLength(1)),
  /** A second number some chains ask for (KOMOJU `confirmation_code`, Lawson / Ministop 確認番号). */
  confirmationNumber: z.optional(z.string()),
  /** Amount to pay at the register, in minor units of `currency` (yen have none). */
  amount: z.number(),
  currency: z.string().check(z.length(3)),
  /** Deadline, ISO 8601 with offset or Z. Shown in JST. */
  expiresAt: z.string().check(matching(ISO_DATETIME_WITH_OFFSET)),
  /** The provider's printable slip or instructions page (https only; checked again before rendering). */
  slipUrl: z.optional(z.string()),
});
export type Slip = z.infer<typeof slipSchema>;
