import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatDigitGroups, groupDigits, spellDigits } from '../../../src/core/konbini/digits.ts';

describe('groupDigits', () => {
  const cases: [string, string[][]][] = [
    // Long numbers: groups of four from the left, the last one may be shorter...
    ['123456789012', [['1234', '5678', '9012']]],
    ['12345678901234', [['1234', '5678', '9012', '34']]],
    ['1234567', [['1234', '567']]],
    // ...but a lone last digit joins the group before it (a 13-digit 7-Eleven slip number, 9 digits).
    ['1234567890123', [['1234', '5678', '90123']]],
    ['123456789', [['1234', '56789']]],
    ['123456', [['1234', '56']]],
    // Up to five characters stay whole (a receipt number, a company code).
    ['12345', [['12345']]],
    ['1111', [['1111']]],
    ['7', [['7']]],
    // Hyphens are kept as boundaries between parts; each part is grouped on its own.
    ['20020-123456789012', [['20020'], ['1234', '5678', '9012']]],
    ['123-4567', [['123'], ['4567']]],
    ['12-345678', [['12'], ['3456', '78']]],
    // Full-width digits and hyphen-likes, spaces, doubled and stray hyphens.
    ['２００２０－１２３４５６', [['20020'], ['1234', '56']]],
    ['20020ー1234', [['20020'], ['1234']]],
    [' 1234 5678 9012 ', [['1234', '5678', '9012']]],
    ['-20020--1234-', [['20020'], ['1234']]],
    // Letters are grouped like digits.
    ['AB12CD34EF', [['AB12', 'CD34', 'EF']]],
    ['', []],
    ['   ', []],
  ];
  for (const [input, expected] of cases) {
    it(`${JSON.stringify(input)} → ${JSON.stringify(expected)}`, () => {
      assert.deepEqual(groupDigits(input), expected);
    });
  }

  it('never loses or adds a character', () => {
    for (const input of ['1234567890123', '20020-123456789012', '98765432109876', '123456789', '12345678901']) {
      assert.equal(groupDigits(input).flat().join(''), input.replace(/-/g, ''));
    }
  });
});

describe('formatDigitGroups', () => {
  it('joins groups with spaces and parts with a spaced hyphen', () => {
    assert.equal(formatDigitGroups(groupDigits('20020-123456789012')), '20020 - 1234 5678 9012');
    assert.equal(formatDigitGroups(groupDigits('1234567890123')), '1234 5678 90123');
  });
});

describe('spellDigits', () => {
  it('reads every digit on its own, pauses between groups and names the hyphen', () => {
    assert.equal(spellDigits('20020-12345678', 'ja'), '2 0 0 2 0, ハイフン, 1 2 3 4, 5 6 7 8');
    assert.equal(spellDigits('20020-12345678', 'en'), '2 0 0 2 0, hyphen, 1 2 3 4, 5 6 7 8');
    assert.equal(spellDigits('123456', 'en'), '1 2 3 4, 5 6');
  });
});
