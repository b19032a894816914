import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  formatExpiry,
  formatExpiryAsTyped,
  isExpired,
  jstYearMonth,
  parseExpiry,
  type ExpiryParse,
} from '../../../src/core/card/expiry.ts';
import type { EditKind } from '../../../src/core/card/format.ts';

describe('parseExpiry', () => {
  const ok = (month: number, year: number): ExpiryParse => ({ ok: true, month, year });
  const no = (reason: 'empty' | 'incomplete' | 'invalid'): ExpiryParse => ({ ok: false, reason });
  const cases: [string, ExpiryParse][] = [
    ['12/27', ok(12, 2027)],
    ['12 / 27', ok(12, 2027)],
    ['1227', ok(12, 2027)],
    ['12/2027', ok(12, 2027)],
    ['12 / 2027', ok(12, 2027)],
    ['122027', ok(12, 2027)],
    ['1/27', ok(1, 2027)],
    ['01/27', ok(1, 2027)],
    ['１２／２７', ok(12, 2027)],
    ['１２　／　２７', ok(12, 2027)],
    ['０１２７', ok(1, 2027)],
    ['12-27', ok(12, 2027)],
    ['12ー27', ok(12, 2027)],
    ['12.27', ok(12, 2027)],
    ['  03 / 30  ', ok(3, 2030)],
    ['', no('empty')],
    ['   ', no('empty')],
    ['1', no('incomplete')],
    ['12', no('incomplete')],
    ['12 / ', no('incomplete')],
    ['12 / 2', no('incomplete')],
    ['12 / 202', no('incomplete')],
    ['122', no('incomplete')],
    ['00/27', no('invalid')],
    ['13/27', no('invalid')],
    ['1327', no('invalid')],
    ['0027', no('invalid')],
    ['123/27', no('invalid')],
    ['12/20271', no('invalid')],
    ['1/2/27', no('invalid')],
    ['12/ab', no('invalid')],
    ['Dec 27', no('invalid')],
    ['12272027', no('invalid')],
  ];
  for (const [raw, expected] of cases) {
    it(JSON.stringify(raw), () => assert.deepEqual(parseExpiry(raw), expected));
  }
});

describe('isExpired (JST)', () => {
  // 2026-05-15 12:00 JST
  const mid = new Date('2026-05-15T03:00:00Z');
  const cases: [string, number, number, Date, boolean][] = [
    ['this month is still valid', 5, 2026, mid, false],
    ['last month has expired', 4, 2026, mid, true],
    ['next month is valid', 6, 2026, mid, false],
    ['same month last year has expired', 5, 2025, mid, true],
    ['December of last year has expired', 12, 2025, mid, true],
    ['January of next year is valid', 1, 2027, mid, false],
    // 2026-05-01 00:30 JST is still 30 April in UTC: the Japanese month is May.
    ['April card on 1 May 00:30 JST (30 April UTC) has expired', 4, 2026, new Date('2026-04-30T15:30:00Z'), true],
    ['May card on 1 May 00:30 JST is valid', 5, 2026, new Date('2026-04-30T15:30:00Z'), false],
    // 2026-04-30 23:59 JST: April is still valid.
    ['April card on 30 April 23:59 JST is valid', 4, 2026, new Date('2026-04-30T14:59:00Z'), false],
    // New Year: 2027-01-01 00:10 JST is 2026-12-31 UTC.
    ['December card at New Year 00:10 JST has expired', 12, 2026, new Date('2026-12-31T15:10:00Z'), true],
    ['December card on 31 December 23:50 JST is valid', 12, 2026, new Date('2026-12-31T14:50:00Z'), false],
  ];
  for (const [name, month, year, now, expired] of cases) {
    it(name, () => assert.equal(isExpired(month, year, now), expired));
  }

  it('jstYearMonth', () => {
    assert.deepEqual(jstYearMonth(new Date('2026-12-31T15:10:00Z')), { year: 2027, month: 1 });
    assert.deepEqual(jstYearMonth(new Date('2026-12-31T14:59:59Z')), { year: 2026, month: 12 });
  });
});

describe('formatExpiry', () => {
  it('pads month and shortens the year', () => {
    assert.equal(formatExpiry(1, 2027), '01 / 27');
    assert.equal(formatExpiry(12, 2030), '12 / 30');
    assert.equal(formatExpiry(7, 2100), '07 / 00');
  });
});

/** `|` marks the caret, in the raw value and in the result. */
function typed(rawWithCaret: string, edit: EditKind = 'insert'): string {
  const caret = rawWithCaret.indexOf('|');
  assert.ok(caret >= 0, 'the case marks the caret with |');
  const out = formatExpiryAsTyped(rawWithCaret.replace('|', ''), caret, edit);
  return `${out.value.slice(0, out.caret)}|${out.value.slice(out.caret)}`;
}

describe('formatExpiryAsTyped', () => {
  const cases: [string, string, string, EditKind?][] = [
    ['empty', '|', '|'],
    ['1 waits for a second digit', '1|', '1|'],
    ['0 waits for a second digit', '0|', '0|'],
    ['12 adds the separator', '12|', '12 / |'],
    ['10', '10|', '10 / |'],
    ['4 as the first digit is April', '4|', '04 / |'],
    ['9 as the first digit is September', '９|', '09 / |'],
    ['13 is January then a 3', '13|', '01 / 3|'],
    ['a second 0 after 0 is ignored', '00|', '0|'],
    ['05', '05|', '05 / |'],
    ['1 then a slash', '1/|', '01 / |'],
    ['1 then a full-width slash', '1／|', '01 / |'],
    ['1 then a space', '1 |', '01 / |'],
    ['year digits', '12 / 2|', '12 / 2|'],
    ['full expiry', '12 / 27|', '12 / 27|'],
    ['a third year digit is dropped', '12 / 279|', '12 / 27|'],
    ['a 4-digit year starting with 20 is kept', '12 / 2027|', '12 / 2027|'],
    ['a fifth year digit is dropped', '12 / 20279|', '12 / 2027|'],
    ['typed without a slash', '1227|', '12 / 27|'],
    ['MMYYYY', '122027|', '12 / 2027|'],
    ['pasted full-width', '１２／２７|', '12 / 27|'],
    ['pasted 1/27', '1/27|', '01 / 27|'],
    ['pasted with a hyphen', '12-27|', '12 / 27|'],
    ['a letter is ignored', '12 / a|', '12 / |'],
    ['completing the month in the middle moves on to the year', '11|2 / 27', '11 / |22'],
    // deleting
    ['backspace over the separator deletes the month digit', '12 /|', '1|', 'deleteBackward'],
    ['backspace after a separator space', '12 |', '1|', 'deleteBackward'],
    ['backspace over the separator with a year', '12 /|27', '1| / 27', 'deleteBackward'],
    ['backspace the month digit', '1| / 27', '1| / 27', 'deleteBackward'],
    ['a one-digit month is not padded while deleting', '|2 / 27', '|2 / 27', 'deleteBackward'],
    ['backspace the first year digit', '12 / |7', '12 / |7', 'deleteBackward'],
    ['backspace the last year digit', '12 / 2|', '12 / 2|', 'deleteBackward'],
    ['backspace the only year digit', '12 / |', '12|', 'deleteBackward'],
    ['backspace the last month digit', '1|', '1|', 'deleteBackward'],
    ['delete over the separator deletes the year digit', '12|/ 27', '12| / 7', 'deleteForward'],
    ['delete with no year', '12|/ ', '12|', 'deleteForward'],
    ['delete a selected separator keeps the digits', '12|27', '12| / 27', 'deleteBackward'],
  ];
  for (const [name, raw, expected, edit] of cases) {
    it(`${name}: ${raw} → ${expected}`, () => assert.equal(typed(raw, edit), expected));
  }

  it('its output always parses back to what was typed', () => {
    for (const raw of ['1227', '0130', '4', '13', '１２／２７', '1/35', '122031']) {
      const out = formatExpiryAsTyped(raw, raw.length);
      const a = parseExpiry(out.value);
      const b = parseExpiry(raw);
      if (b.ok) assert.deepEqual(a, b, raw);
    }
  });
});
