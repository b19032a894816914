import type { Locale } from '../locale.ts';
import { SLIP_MESSAGES } from '../i18n/slip-messages.ts';
import { translate } from '../i18n/translate.ts';

/** Konbini deadlines are always shown in Japan Standard Time, whatever the shopper's device says. */
export const JST = 'Asia/Tokyo';

const MINUTE = 60_000;

function toDate(iso: string): Date {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new RangeError(`Not a date: ${JSON.stringify(iso)}`);
  return date;
}

// One formatter per shape; Intl formatters are costly to build and these are used every minute.
const numericParts = new Intl.DateTimeFormat('en-US', {
  timeZone: JST,
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
// `en-US` short months are the three-letter ones (`Sep`); `en-GB` now says `Sept`.
const monthNames = new Intl.DateTimeFormat('en-US', { timeZone: JST, month: 'short' });

function partsOf(date: Date): Record<'year' | 'month' | 'day' | 'hour' | 'minute', string> {
  const out = { year: '', month: '', day: '', hour: '', minute: '' };
  for (const part of numericParts.formatToParts(date)) {
    if (part.type in out) out[part.type as keyof typeof out] = part.value;
  }
  // `hour12: false` prints midnight as 24 in some engines; `hourCycle: 'h23'` should not, but be sure.
  if (out.hour === '24') out.hour = '00';
  return out;
}

/**
 * A deadline as the shopper reads it, always in JST, built from `formatToParts` so that its shape
 * never depends on the engine's locale data:
 * - `ja`: `2026年11月27日 23:59`
 * - `en`: `27 Nov 2026, 23:59 JST`
 *
 * Throws a `RangeError` when `iso` is not a date (slips are schema-checked before they get here).
 */
export function formatDeadlineJst(iso: string, locale: Locale): string {
  const date = toDate(iso);
  const p = partsOf(date);
  if (locale === 'ja') return `${p.year}年${p.month}月${p.day}日 ${p.hour}:${p.minute}`;
  const month = monthNames.formatToParts(date).find((part) => part.type === 'month')?.value ?? p.month;
  return `${p.day} ${month} ${p.year}, ${p.hour}:${p.minute} JST`;
}

/** How long the shopper has left. All zero and `expired` once the deadline is reached. */
export interface TimeLeft {
  readonly days: number;
  readonly hours: number;
  readonly minutes: number;
  readonly expired: boolean;
}

/**
 * Time from `now` to the deadline `iso`, counted in whole minutes rounded **up**: with 30 seconds left
 * the shopper still has "1 minute", never "0 minutes". At or past the deadline: `expired`.
 */
export function timeLeft(iso: string, now: Date): TimeLeft {
  const ms = toDate(iso).getTime() - now.getTime();
  if (!(ms > 0)) return { days: 0, hours: 0, minutes: 0, expired: true };
  const total = Math.ceil(ms / MINUTE);
  return {
    days: Math.floor(total / 1440),
    hours: Math.floor((total % 1440) / 60),
    minutes: total % 60,
    expired: false,
  };
}

const en = (n: number, unit: 'day' | 'hour' | 'minute'): string =>
  `${n} ${unit}${n === 1 ? '' : 's'}`;

/**
 * The time left in words, at the precision a shopper needs: days and hours while more than a day is
 * left, hours and minutes within the last day, minutes within the last hour. Zero units are left out.
 * - `ja`: `あと2日と5時間`, `あと3時間15分`, `あと1分`, `期限切れ`
 * - `en`: `2 days 5 hours left`, `3 hours 15 minutes left`, `1 minute left`, `Expired`
 */
export function formatTimeLeft(left: TimeLeft, locale: Locale): string {
  const { days, hours, minutes } = left;
  if (left.expired) return translate(SLIP_MESSAGES, locale, 'expired');
  if (locale === 'ja') {
    if (days > 0) return hours > 0 ? `あと${days}日と${hours}時間` : `あと${days}日`;
    if (hours > 0) return minutes > 0 ? `あと${hours}時間${minutes}分` : `あと${hours}時間`;
    return `あと${minutes}分`;
  }
  if (days > 0) return `${en(days, 'day')}${hours > 0 ? ` ${en(hours, 'hour')}` : ''} left`;
  if (hours > 0) return `${en(hours, 'hour')}${minutes > 0 ? ` ${en(minutes, 'minute')}` : ''} left`;
  return `${en(minutes, 'minute')} left`;
}

/**
 * Milliseconds from `now` until `timeLeft(iso, …)` next changes (the remaining time crosses a whole
 * minute), for a timer that updates the display exactly when it would change; `null` once expired.
 */
export function msUntilTimeLeftChanges(iso: string, now: Date): number | null {
  const ms = toDate(iso).getTime() - now.getTime();
  if (!(ms > 0)) return null;
  return ((Math.ceil(ms) - 1) % MINUTE) + 1;
}
