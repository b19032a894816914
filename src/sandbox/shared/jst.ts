/**
 * Dates in Japan Standard Time (UTC+9, no daylight saving) as the emulators write and show them:
 * konbini deadlines at 23:59:59 JST in UTC (`2025-03-04T14:59:59Z`, as providers write them), and the
 * same instant for a shopper on a slip page (`2025年3月4日 23:59`, `4 Mar 2025, 23:59 JST`).
 */

const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

/** `iso` without its milliseconds when they are zero (`…:59Z`, not `…:59.000Z`). */
function utcString(date: Date): string {
  return date.toISOString().replace('.000Z', 'Z');
}

/** 23:59:59 JST of the Japanese date of `at`, in UTC. */
export function endOfDayJst(at: Date): string {
  const jst = new Date(at.getTime() + JST_OFFSET_MS);
  return utcString(
    new Date(Date.UTC(jst.getUTCFullYear(), jst.getUTCMonth(), jst.getUTCDate(), 23, 59, 59) - JST_OFFSET_MS),
  );
}

/** A konbini deadline: 23:59:59 JST, `days` days after `now`'s date in Japan, in UTC. */
export function konbiniDeadline(now: Date, days: number): string {
  const jst = new Date(now.getTime() + JST_OFFSET_MS);
  return endOfDayJst(new Date(Date.UTC(jst.getUTCFullYear(), jst.getUTCMonth(), jst.getUTCDate() + days) - JST_OFFSET_MS));
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** An instant as a shopper in Japan reads it, to the minute: `2025年3月4日 23:59` / `4 Mar 2025, 23:59 JST`. */
export function formatJst(iso: string, lang: 'ja' | 'en'): string {
  const jst = new Date(new Date(iso).getTime() + JST_OFFSET_MS);
  const [year, month, day] = [jst.getUTCFullYear(), jst.getUTCMonth() + 1, jst.getUTCDate()];
  const time = `${String(jst.getUTCHours()).padStart(2, '0')}:${String(jst.getUTCMinutes()).padStart(2, '0')}`;
  return lang === 'ja' ? `${year}年${month}月${day}日 ${time}` : `${day} ${MONTHS[month - 1] ?? ''} ${year}, ${time} JST`;
}
