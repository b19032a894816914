import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  formatDeadlineJst,
  formatTimeLeft,
  msUntilTimeLeftChanges,
  timeLeft,
} from '../../../src/core/konbini/deadline.ts';

describe('formatDeadlineJst', () => {
  it('shows the deadline in JST in the exact shape of each locale', () => {
    assert.equal(formatDeadlineJst('2026-11-27T23:59:00+09:00', 'ja'), '2026年11月27日 23:59');
    assert.equal(formatDeadlineJst('2026-11-27T23:59:00+09:00', 'en'), '27 Nov 2026, 23:59 JST');
  });

  it('moves to the next JST day across the UTC date boundary', () => {
    // 15:30 UTC on 30 Nov is 00:30 on 1 Dec in Tokyo.
    assert.equal(formatDeadlineJst('2026-11-30T15:30:00Z', 'ja'), '2026年12月1日 00:30');
    assert.equal(formatDeadlineJst('2026-11-30T15:30:00Z', 'en'), '1 Dec 2026, 00:30 JST');
    // New Year: 31 Dec 15:00 UTC is midnight on 1 Jan in Tokyo, shown as 00:00, never 24:00.
    assert.equal(formatDeadlineJst('2026-12-31T15:00:00Z', 'ja'), '2027年1月1日 00:00');
    assert.equal(formatDeadlineJst('2026-12-31T15:00:00Z', 'en'), '1 Jan 2027, 00:00 JST');
    // 14:59:59 UTC stays on the same JST day, seconds dropped.
    assert.equal(formatDeadlineJst('2026-11-27T14:59:59Z', 'ja'), '2026年11月27日 23:59');
  });

  it('reads other offsets and pads hours and minutes', () => {
    assert.equal(formatDeadlineJst('2026-09-05T02:05:00+02:00', 'ja'), '2026年9月5日 09:05');
    assert.equal(formatDeadlineJst('2026-09-05T02:05:00+02:00', 'en'), '5 Sep 2026, 09:05 JST');
  });

  it('throws on something that is not a date', () => {
    assert.throws(() => formatDeadlineJst('tomorrow', 'ja'), RangeError);
  });
});

describe('timeLeft', () => {
  const deadline = '2026-11-27T23:59:00+09:00';

  it('counts days, hours and minutes', () => {
    assert.deepEqual(timeLeft(deadline, new Date('2026-11-25T18:59:00+09:00')), {
      days: 2,
      hours: 5,
      minutes: 0,
      expired: false,
    });
    assert.deepEqual(timeLeft(deadline, new Date('2026-11-27T20:44:00+09:00')), {
      days: 0,
      hours: 3,
      minutes: 15,
      expired: false,
    });
  });

  it('rounds up to the minute, so the last seconds still say one minute', () => {
    assert.deepEqual(timeLeft(deadline, new Date('2026-11-27T23:58:30+09:00')), {
      days: 0,
      hours: 0,
      minutes: 1,
      expired: false,
    });
    assert.deepEqual(timeLeft(deadline, new Date('2026-11-25T18:58:01+09:00')), {
      days: 2,
      hours: 5,
      minutes: 1,
      expired: false,
    });
  });

  it('is expired at and after the deadline', () => {
    const zero = { days: 0, hours: 0, minutes: 0, expired: true };
    assert.deepEqual(timeLeft(deadline, new Date('2026-11-27T14:59:00Z')), zero);
    assert.deepEqual(timeLeft(deadline, new Date('2026-12-01T00:00:00Z')), zero);
  });
});

describe('formatTimeLeft', () => {
  const t = (days: number, hours: number, minutes: number) => ({ days, hours, minutes, expired: false });

  it('says days and hours in Japanese and English', () => {
    assert.equal(formatTimeLeft(t(2, 5, 0), 'ja'), 'あと2日と5時間');
    assert.equal(formatTimeLeft(t(2, 5, 0), 'en'), '2 days 5 hours left');
    assert.equal(formatTimeLeft(t(2, 5, 40), 'ja'), 'あと2日と5時間', 'minutes are dropped while days are left');
    assert.equal(formatTimeLeft(t(1, 1, 0), 'en'), '1 day 1 hour left');
    assert.equal(formatTimeLeft(t(3, 0, 12), 'ja'), 'あと3日');
    assert.equal(formatTimeLeft(t(3, 0, 12), 'en'), '3 days left');
  });

  it('says hours and minutes within the last day, minutes within the last hour', () => {
    assert.equal(formatTimeLeft(t(0, 3, 15), 'ja'), 'あと3時間15分');
    assert.equal(formatTimeLeft(t(0, 3, 15), 'en'), '3 hours 15 minutes left');
    assert.equal(formatTimeLeft(t(0, 1, 0), 'ja'), 'あと1時間');
    assert.equal(formatTimeLeft(t(0, 1, 1), 'en'), '1 hour 1 minute left');
    assert.equal(formatTimeLeft(t(0, 0, 1), 'ja'), 'あと1分');
    assert.equal(formatTimeLeft(t(0, 0, 1), 'en'), '1 minute left');
    assert.equal(formatTimeLeft(t(0, 0, 59), 'en'), '59 minutes left');
  });

  it('says expired', () => {
    const expired = { days: 0, hours: 0, minutes: 0, expired: true };
    assert.equal(formatTimeLeft(expired, 'ja'), '期限切れ');
    assert.equal(formatTimeLeft(expired, 'en'), 'Expired');
  });

  it('agrees with timeLeft end to end', () => {
    const left = timeLeft('2026-11-27T14:59:00Z', new Date('2026-11-25T09:59:00Z'));
    assert.equal(formatTimeLeft(left, 'ja'), 'あと2日と5時間');
  });
});

describe('msUntilTimeLeftChanges', () => {
  const deadline = '2026-11-27T23:59:00+09:00';
  const at = (iso: string) => new Date(iso);

  it('waits until the remaining time crosses the next whole minute', () => {
    // 2 min 30 s left reads "3 minutes" until 2 min left, 30 s from now.
    assert.equal(msUntilTimeLeftChanges(deadline, at('2026-11-27T23:56:30+09:00')), 30_000);
    // Exactly 2 minutes left: the next change is a full minute away.
    assert.equal(msUntilTimeLeftChanges(deadline, at('2026-11-27T23:57:00+09:00')), 60_000);
    assert.equal(msUntilTimeLeftChanges(deadline, at('2026-11-27T23:58:59.999+09:00')), 1);
  });

  it('lands where timeLeft changes', () => {
    const now = at('2026-11-27T21:12:41.250+09:00');
    const wait = msUntilTimeLeftChanges(deadline, now) ?? 0;
    const before = timeLeft(deadline, new Date(now.getTime() + wait - 1));
    const after = timeLeft(deadline, new Date(now.getTime() + wait));
    assert.deepEqual(before, timeLeft(deadline, now));
    assert.notDeepEqual(after, before);
  });

  it('is null once expired', () => {
    assert.equal(msUntilTimeLeftChanges(deadline, at('2026-11-27T23:59:00+09:00')), null);
  });
});
