import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  digitsOnly,
  isHyphenLike,
  strictDigits,
  stripSeparators,
  toHalfWidth,
} from '../../../src/core/card/normalize.ts';

describe('toHalfWidth', () => {
  const cases: [string, string][] = [
    ['０１２３４５６７８９', '0123456789'],
    ['１２／２７', '12/27'],
    ['４１１１\u3000１１１１', '4111 1111'],
    ['ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ', 'taro@example.jp'],
    ['（０３）', '(03)'],
    ['山田　太郎', '山田 太郎'],
    ['ー－', 'ー-'],
    ['abc 123', 'abc 123'],
  ];
  for (const [input, expected] of cases) {
    it(`${JSON.stringify(input)} → ${JSON.stringify(expected)}`, () => {
      assert.equal(toHalfWidth(input), expected);
      assert.equal(toHalfWidth(input).length, input.length, 'length is kept (carets stay valid)');
    });
  }
});

describe('digitsOnly / strictDigits / stripSeparators', () => {
  const hyphens = ['-', '‐', '‑', '‒', '–', '—', '―', '−', 'ー', 'ｰ', '－'];
  for (const h of hyphens) {
    it(`drops the hyphen-like U+${h.charCodeAt(0).toString(16).toUpperCase()}`, () => {
      assert.ok(isHyphenLike(h));
      assert.equal(digitsOnly(`4111${h}1111`), '41111111');
      assert.equal(strictDigits(`４１１１${h}１１１１`), '41111111');
      assert.equal(stripSeparators(`a${h}b`), 'ab');
    });
  }
  const cases: [string, string, string | null][] = [
    ['4111 1111 1111 1111', '4111111111111111', '4111111111111111'],
    ['４１１１－１１１１－１１１１－１１１１', '4111111111111111', '4111111111111111'],
    ['4111\u30001111\t1111', '411111111111', '411111111111'],
    ['4111a1111', '41111111', null],
    ['12.27', '1227', null],
    ['', '', ''],
    [' - ', '', ''],
  ];
  for (const [input, lenient, strict] of cases) {
    it(JSON.stringify(input), () => {
      assert.equal(digitsOnly(input), lenient);
      assert.equal(strictDigits(input), strict);
    });
  }
  it('does not take letters or other symbols for hyphens', () => {
    for (const ch of ['a', '/', '.', '_', '~', '〜']) assert.equal(isHyphenLike(ch), false, ch);
  });
});
