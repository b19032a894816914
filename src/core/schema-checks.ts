import * as z from 'zod/mini';

/**
 * Checks for the schemas the browser parses (the session, the outcome, the slip): each accepts exactly
 * what zod's own `z.int()`, `z.regex()` and `z.iso.datetime({ offset: true })` accept, as one
 * `z.refine`. zod's number-format and string-format checks and its date-time pattern builder would
 * otherwise cost 0.6 KB gzip on every payment path (docs/architecture.md "Builds"). A refused value's
 * issue says `custom` where zod's would name the format; no browser code reads it, and the server
 * describes only the issues of the requests it receives, whose schemas keep zod's own checks.
 * `test/node/core/schema-checks.test.ts` compares each with zod's.
 */

/** `z.int()`: a safe integer (zod's `int` format is `safeint`). */
export const safeInteger = (): z.core.$ZodCheck<number> => z.refine<number>(Number.isSafeInteger);

/** `z.regex(pattern)`, for a pattern without the `g` or `y` flag (whose `test` would keep a position). */
export const matching = (pattern: RegExp): z.core.$ZodCheck<string> => z.refine<string>((value) => pattern.test(value));

/**
 * The pattern of `z.iso.datetime({ offset: true })` (zod 4.6): a date (leap years counted), `T`, a time
 * with seconds and any fraction, then `Z` or an offset `±hh:mm`.
 */
export const ISO_DATETIME_WITH_OFFSET =
  /^(?:(?:\d\d[2468][048]|\d\d[13579][26]|\d\d0[48]|[02468][048]00|[13579][26]00)-02-29|\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\d|30)|(?:02)-(?:0[1-9]|1\d|2[0-8])))T(?:(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(?:Z|([+-](?:[01]\d|2[0-3]):[0-5]\d)))$/;

/**
 * `z.record(z.string(), value)` as an object of any keys whose values `value` accepts: zod's object
 * with a catch-all, which every chunk carries anyway, where zod's record type would cost 0.5 KB gzip
 * more on every payment path. For any JSON value it accepts and refuses what the record does and
 * returns the same fresh object (a `__proto__` key skipped, as the record skips it). It differs only
 * on values JSON cannot hold, which the browser never parses: a non-plain object (a `Date`, a class
 * instance) or a symbol key, which the record refuses, and inherited enumerable keys.
 */
export const recordOf = <T extends z.core.SomeType>(value: T) => z.catchall(z.object({}), value);
