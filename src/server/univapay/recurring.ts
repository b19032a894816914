import * as z from 'zod/mini';
import type { UnivapayToken } from '../../providers/univapay/schemas.ts';
import { brandFromUnivapay } from '../../providers/univapay/stores.ts';

/**
 * What the server reads of a recurring card token beside the browser's token schema
 * (docs/providers.md "UnivaPay › Recurring tokens"): its type, whether its own 3-D Secure passed (run
 * when the token was made), the card's expiry for the saved-cards list, and when it was made and whether
 * it was ever charged (a new card of "pay and save" is a fresh, unused one). Server-only, so the
 * browser's chunk does not carry it.
 */
const recurringCardSchema = z.looseObject({
  type: z.nullish(z.string()),
  active: z.nullish(z.boolean()),
  created_on: z.nullish(z.string()),
  last_used_on: z.nullish(z.string()),
  data: z.nullish(
    z.looseObject({
      card: z.nullish(
        z.looseObject({
          exp_month: z.nullish(z.union([z.number(), z.string()])),
          exp_year: z.nullish(z.union([z.number(), z.string()])),
        }),
      ),
      three_ds: z.nullish(z.looseObject({ status: z.nullish(z.string()) })),
    }),
  ),
});

export interface RecurringCard {
  readonly recurring: boolean;
  /** The token's 3-D Secure: `successful`, `failed`, `awaiting`, `pending`, `error`, or null (none ran). */
  readonly threeDsStatus: string | null;
  readonly active: boolean;
  readonly brand: string | undefined;
  readonly last4: string | undefined;
  readonly expMonth: number | undefined;
  readonly expYear: number | undefined;
  /** When UnivaPay made the token (Unix milliseconds), when it says so. */
  readonly createdAt: number | undefined;
  /** Whether it was ever charged (`last_used_on` set). */
  readonly used: boolean;
}

export function recurringCardOf(token: UnivapayToken): RecurringCard {
  const parsed = recurringCardSchema.safeParse(token);
  const extra = parsed.success ? parsed.data : undefined;
  const card = token.data?.card;
  const month = Number(extra?.data?.card?.exp_month);
  const rawYear = Number(extra?.data?.card?.exp_year);
  const year = rawYear > 0 && rawYear < 100 ? 2000 + rawYear : rawYear;
  return {
    recurring: token.payment_type === 'card' && extra?.type === 'recurring',
    threeDsStatus: extra?.data?.three_ds?.status ?? null,
    active: extra?.active !== false,
    brand: card?.brand ? brandFromUnivapay(card.brand) : undefined,
    last4: card?.last_four && /^\d{4}$/.test(card.last_four) ? card.last_four : undefined,
    expMonth: Number.isInteger(month) && month >= 1 && month <= 12 ? month : undefined,
    expYear: Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : undefined,
    createdAt: extra?.created_on && Number.isFinite(Date.parse(extra.created_on)) ? Date.parse(extra.created_on) : undefined,
    used: typeof extra?.last_used_on === 'string' && extra.last_used_on.length > 0,
  };
}
