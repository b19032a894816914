import { z } from 'zod';
import { valueAt } from '../shared/value-at.ts';
import { validationError, UnivapayApiError, type UnivapayFieldError } from './errors.ts';

/**
 * The request bodies the emulator accepts, as UnivaPay documents them (docs/providers.md, "UnivaPay").
 * Integers may come as numeric strings (the docs send `"amount": "100"`). Unknown fields are ignored. A body
 * that does not fit answers 400 `VALIDATION_ERROR` with one `{field, reason}` per problem: `REQUIRED_VALUE`
 * for a missing field, `INVALID_FORMAT` for a wrong one (UPPER_SNAKE, as UnivaPay's reasons).
 */

const intLike = z.union([
  z.number().int(),
  z
    .string()
    .regex(/^\d{1,15}$/)
    .transform(Number),
]);

const text = (max: number) => z.string().trim().min(1).max(max);

/** Flat metadata: no nested objects (docs/providers.md, "UnivaPay"). */
const metadata = z.record(z.string().max(64), z.union([z.string().max(2000), z.number(), z.boolean(), z.null()]));

const phoneNumber = z.object({
  country_code: z.union([z.string(), z.number().transform(String)]).pipe(z.string().regex(/^\d{1,3}$/)),
  local_number: z.string().regex(/^\d{6,15}$/),
});

export const cardDataSchema = z.object({
  cardholder: text(255),
  card_number: z.string().max(32),
  exp_month: intLike,
  exp_year: intLike,
  cvv: z.union([z.string().max(8), z.number().int().transform(String)]),
  line1: z.string().max(255).nullish(),
  line2: z.string().max(255).nullish(),
  state: z.string().max(255).nullish(),
  city: z.string().max(255).nullish(),
  country: z.string().max(2).nullish(),
  zip: z.string().max(32).nullish(),
  phone_number: phoneNumber.nullish(),
  three_ds: z
    .object({ enabled: z.boolean().optional(), redirect_endpoint: z.string().max(2048).nullish() })
    .nullish(),
});
export type CardData = z.infer<typeof cardDataSchema>;

export const konbiniDataSchema = z.object({
  customer_name: text(255),
  convenience_store: z.string().max(64),
  phone_number: phoneNumber,
  expiration_period: z.string().max(16).nullish(),
  expiration_time_shift: z.string().max(32).nullish(),
});
export type KonbiniData = z.infer<typeof konbiniDataSchema>;

export const createTokenSchema = z.object({
  payment_type: z.string().max(32),
  type: z.enum(['one_time', 'subscription', 'recurring']),
  email: z.email().max(254).nullish(),
  ip_address: z.string().max(64).nullish(),
  metadata: metadata.nullish(),
  // univapay-node's `UsageLimit` (docs/providers.md, "UnivaPay › Recurring tokens").
  usage_limit: z.enum(['daily', 'weekly', 'monthly', 'annually']).nullish(),
  data: z.record(z.string(), z.unknown()),
  // univapay-node's `TransactionTokenCreateParams.threeDs` (docs/providers.md, "UnivaPay › Conformance"):
  // the token's 3-D Secure mode and return URL at the top level, beside `data.three_ds` of the Java SDK.
  three_ds: z
    .object({
      mode: z.enum(['normal', 'force', 'skip', 'if_available']).optional(),
      redirect_endpoint: z.string().max(2048).nullish(),
    })
    .nullish(),
});
export type CreateTokenBody = z.infer<typeof createTokenSchema>;

export const createChargeSchema = z.object({
  transaction_token_id: z.uuid(),
  amount: intLike.pipe(z.number().min(1).max(9_999_999_999)),
  currency: z.string().regex(/^[A-Za-z]{3}$/),
  capture: z.boolean().optional(),
  capture_at: z.iso.datetime({ offset: true }).nullish(),
  only_direct_currency: z.boolean().optional(),
  descriptor: z.string().max(255).nullish(),
  metadata: metadata.nullish(),
  redirect: z.object({ endpoint: z.string().max(2048) }).nullish(),
  three_ds: z
    .object({
      mode: z.enum(['normal', 'if_available', 'require', 'force', 'skip', 'provided']).optional(),
      redirect_endpoint: z.string().max(2048).nullish(),
    })
    .nullish(),
  ip_address: z.string().max(64).nullish(),
});
export type CreateChargeBody = z.infer<typeof createChargeSchema>;

/** Parses `value`, or throws a `VALIDATION_ERROR` naming each field (prefixed, like `data.card_number`). */
export function parseBody<T>(schema: z.ZodType<T>, value: unknown, prefix: readonly string[] = []): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const errors: UnivapayFieldError[] = parsed.error.issues.map((issue) => {
    const path = [...prefix, ...issue.path.map(String)];
    const missing = valueAt(value, issue.path) === undefined;
    return { field: path.join('.') || 'body', reason: missing ? 'REQUIRED_VALUE' : 'INVALID_FORMAT' };
  });
  if (errors.length === 0) throw validationError(prefix.join('.') || 'body', 'INVALID_FORMAT');
  throw new UnivapayApiError(400, 'VALIDATION_ERROR', errors);
}
