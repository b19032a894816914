const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

/**
 * A konbini payment deadline: 23:59:59 JST, `days` days after `now`'s date in Japan, in UTC as
 * providers write it (`2025-03-04T14:59:59Z`).
 */
export function konbiniDeadline(now: Date, days: number): string {
  const jst = new Date(now.getTime() + JST_OFFSET_MS);
  const deadline = new Date(
    Date.UTC(jst.getUTCFullYear(), jst.getUTCMonth(), jst.getUTCDate() + days, 23, 59, 59) - JST_OFFSET_MS,
  );
  return deadline.toISOString().replace('.000Z', 'Z');
}
