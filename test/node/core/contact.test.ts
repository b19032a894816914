import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseJapanesePhone } from '../../../src/core/contact/phone.ts';
import { checkEmail, normalizeEmail } from '../../../src/core/contact/email.ts';
import { checkName, normalizeName } from '../../../src/core/contact/name.ts';

describe('parseJapanesePhone', () => {
  const valid: [string, string][] = [
    ['090-1234-5678', '09012345678'],
    ['09012345678', '09012345678'],
    ['０９０１２３４５６７８', '09012345678'],
    ['０９０－１２３４－５６７８', '09012345678'],
    ['090ー1234ー5678', '09012345678'],
    ['080 1234 5678', '08012345678'],
    ['070\u30001234\u30005678', '07012345678'],
    ['(03) 1234-5678', '0312345678'],
    ['（０３）１２３４－５６７８', '0312345678'],
    ['03.1234.5678', '0312345678'],
    ['06-6123-4567', '0661234567'],
    ['0120-123-456', '0120123456'],
    ['0800-123-4567', '08001234567'],
    ['050-1234-5678', '05012345678'],
    ['+81 90 1234 5678', '09012345678'],
    ['+81-90-1234-5678', '09012345678'],
    ['＋８１ ９０ １２３４ ５６７８', '09012345678'],
    ['+81 (0)90 1234 5678', '09012345678'],
    ['+81 3 1234 5678', '0312345678'],
    ['81-90-1234-5678', '09012345678'],
    ['819012345678', '09012345678'],
    ['0081 90 1234 5678', '09012345678'],
  ];
  for (const [raw, national] of valid) {
    it(`accepts ${JSON.stringify(raw)}`, () => {
      assert.deepEqual(parseJapanesePhone(raw), {
        ok: true,
        value: { national, countryCode: '81', localNumber: national, e164: `+81${national.slice(1)}` },
      });
    });
  }

  const invalid: [string, 'empty' | 'invalid'][] = [
    ['', 'empty'],
    ['  - ', 'empty'],
    ['090-1234-567', 'invalid'], // mobile needs 11 digits
    ['090-1234-56789', 'invalid'],
    ['03-1234-56789', 'invalid'], // landline has 10
    ['03-1234-567', 'invalid'],
    ['9012345678', 'invalid'], // no leading 0
    ['00-1234-5678', 'invalid'],
    ['+1 415 555 2671', 'invalid'],
    ['+44 20 7946 0958', 'invalid'],
    ['090-1234-567a', 'invalid'],
    ['090/1234/5678', 'invalid'],
    ['tel:09012345678', 'invalid'],
  ];
  for (const [raw, reason] of invalid) {
    it(`refuses ${JSON.stringify(raw)} (${reason})`, () => {
      assert.deepEqual(parseJapanesePhone(raw), { ok: false, reason });
    });
  }
});

describe('checkEmail', () => {
  const valid: [string, string][] = [
    ['taro@example.jp', 'taro@example.jp'],
    ['  taro.yamada+shop@mail.example.co.jp ', 'taro.yamada+shop@mail.example.co.jp'],
    ['ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ', 'taro@example.jp'],
    ['taro＠example.jp', 'taro@example.jp'],
    ['taro@example。jp', 'taro@example.jp'],
    ['taro@Example.JP', 'taro@example.jp'],
    ['Taro@example.jp', 'Taro@example.jp'],
    ['taro..yamada.@docomo.ne.jp', 'taro..yamada.@docomo.ne.jp'],
    ['taro_yamada@ex-ample.com', 'taro_yamada@ex-ample.com'],
    ['taroーyamada@example.jp', 'taro-yamada@example.jp'],
    ['\u3000taro@example.jp\u3000', 'taro@example.jp'],
  ];
  for (const [raw, value] of valid) {
    it(`accepts ${JSON.stringify(raw)}`, () => assert.deepEqual(checkEmail(raw), { ok: true, value }));
  }

  const invalid: [string, 'empty' | 'invalid'][] = [
    ['', 'empty'],
    ['\u3000 ', 'empty'],
    ['taro', 'invalid'],
    ['taro@', 'invalid'],
    ['@example.jp', 'invalid'],
    ['taro@example', 'invalid'],
    ['taro yamada@example.jp', 'invalid'],
    ['taro@exa mple.jp', 'invalid'],
    ['taro\u3000yamada@example.jp', 'invalid'],
    ['taro@@example.jp', 'invalid'],
    ['taro@exa@mple.jp', 'invalid'],
    ['taro@example..jp', 'invalid'],
    ['taro@.example.jp', 'invalid'],
    ['taro@example.jp.', 'invalid'],
    ['taro@-example.jp', 'invalid'],
    ['taro@example.j', 'invalid'],
    ['taro@example.123', 'invalid'],
    ['たろう@example.jp', 'invalid'],
    ['taro@例え.jp', 'invalid'],
    ['<taro@example.jp>', 'invalid'],
    [`${'a'.repeat(65)}@example.jp`, 'invalid'],
  ];
  for (const [raw, reason] of invalid) {
    it(`refuses ${JSON.stringify(raw)}`, () => assert.deepEqual(checkEmail(raw), { ok: false, reason }));
  }

  it('normalizeEmail converts IME output', () => {
    assert.equal(normalizeEmail(' ｔａｒｏ＿１＠ｅｘａｍｐｌｅ｡ｊｐ '), 'taro_1@example.jp');
  });
});

describe('normalizeName / checkName', () => {
  const cases: [string, string][] = [
    ['山田太郎', '山田太郎'],
    ['　山田　　太郎　', '山田 太郎'],
    [' Taro \t Yamada\n', 'Taro Yamada'],
    ['山田\u00A0太郎', '山田 太郎'],
    ['ＴＡＲＯ　ＹＡＭＡＤＡ', 'ＴＡＲＯ ＹＡＭＡＤＡ'],
  ];
  for (const [raw, expected] of cases) {
    it(JSON.stringify(raw), () => {
      assert.equal(normalizeName(raw), expected);
      assert.deepEqual(checkName(raw), { ok: true, value: expected });
    });
  }
  it('an empty name', () => {
    assert.equal(normalizeName('\u3000\u3000'), '');
    assert.deepEqual(checkName('\u3000 '), { ok: false, reason: 'empty' });
  });
});
