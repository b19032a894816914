import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CardBrand } from '../../../src/core/card/brand.ts';
import {
  toCardDetails,
  validateCardNumber,
  validateCvc,
  validateExpiry,
  validateName,
  type CardErrorReason,
} from '../../../src/core/card/validate.ts';

/** 2026-05-15 12:00 JST. */
const NOW = new Date('2026-05-15T03:00:00Z');

describe('validateCardNumber', () => {
  const valid: [string, string, CardBrand][] = [
    ['4111111111111111', '4111111111111111', 'visa'],
    ['5555555555554444', '5555555555554444', 'mastercard'],
    ['3530111333300000', '3530111333300000', 'jcb'],
    ['378282246310005', '378282246310005', 'amex'],
    ['30569309025904', '30569309025904', 'diners'],
    ['6011111111111117', '6011111111111117', 'discover'],
    ['4111 1111 1111 1111', '4111111111111111', 'visa'],
    ['４１１１－１１１１－１１１１－１１１１', '4111111111111111', 'visa'],
    ['３７８２　８２２４６３　１０００５', '378282246310005', 'amex'],
    [' 5555-5555-5555-4444 ', '5555555555554444', 'mastercard'],
    ['4111111111111111110', '4111111111111111110', 'visa'], // 19 digits, Luhn-valid
  ];
  for (const [raw, number, brand] of valid) {
    it(`accepts ${JSON.stringify(raw)}`, () => {
      assert.deepEqual(validateCardNumber(raw), { ok: true, value: { number, brand } });
    });
  }

  const invalid: [string, string, CardErrorReason][] = [
    ['empty', '', 'number_required'],
    ['only spaces', '   ', 'number_required'],
    ['only separators', ' - ー ', 'number_required'],
    ['Luhn failure (Visa)', '4111111111111112', 'number_invalid'],
    ['Luhn failure (JCB)', '3530111333300001', 'number_invalid'],
    ['Luhn failure (Amex)', '378282246310006', 'number_invalid'],
    ['Luhn failure, full-width', '４１１１１１１１１１１１１１１２', 'number_invalid'],
    ['a letter in it', '4111 1111 1111 111O', 'number_invalid'],
    ['Visa 15 digits', '411111111111111', 'number_incomplete'],
    ['Visa 17 digits', '41111111111111111', 'number_incomplete'],
    ['Visa 20 digits', '41111111111111111111', 'number_invalid'],
    ['Mastercard 15 digits', '555555555555444', 'number_incomplete'],
    ['Mastercard 17 digits', '55555555555544440', 'number_invalid'],
    ['Amex 14 digits', '37828224631000', 'number_incomplete'],
    ['Amex 16 digits', '3782822463100050', 'number_invalid'],
    ['Diners 13 digits', '3056930902590', 'number_incomplete'],
    ['one ambiguous digit', '3', 'number_incomplete'],
    ['UnionPay', '6212345678901232', 'number_unsupported'],
    ['Mir', '2200123456789010', 'number_unsupported'],
    ['no brand at all', '1234567890123452', 'number_unsupported'],
    ['starts with 9', '9', 'number_unsupported'],
  ];
  for (const [name, raw, reason] of invalid) {
    it(`${name}: ${JSON.stringify(raw)} → ${reason}`, () => {
      assert.deepEqual(validateCardNumber(raw), { ok: false, reason });
    });
  }

  describe('with the brands the session takes', () => {
    const ACCEPTED = ['visa', 'mastercard', 'jcb', 'amex', 'diners'] as const; // UnivaPay's: no Discover
    it('refuses a valid number of a brand the session does not take, as soon as its prefix says so', () => {
      assert.deepEqual(validateCardNumber('6011111111111117', ACCEPTED), { ok: false, reason: 'number_unsupported' });
      assert.deepEqual(validateCardNumber('6011', ACCEPTED), { ok: false, reason: 'number_unsupported' });
      assert.deepEqual(validateCardNumber('6011111111111117'), { ok: true, value: { number: '6011111111111117', brand: 'discover' } });
    });
    it('takes the brands it lists, full-width too', () => {
      assert.deepEqual(validateCardNumber('３５３０ １１１３ ３３３０ ００００', ACCEPTED), { ok: true, value: { number: '3530111333300000', brand: 'jcb' } });
    });
    it('an ambiguous prefix is settled by the brands left: "3" without Amex and Diners is JCB, still incomplete', () => {
      assert.deepEqual(validateCardNumber('3', ['visa', 'jcb']), { ok: false, reason: 'number_incomplete' });
      assert.deepEqual(validateCardNumber('37', ['visa', 'jcb']), { ok: false, reason: 'number_unsupported' });
      assert.deepEqual(validateCardNumber('378282246310005', ['visa', 'jcb']), { ok: false, reason: 'number_unsupported' });
    });
    it('toCardDetails passes them on', () => {
      const result = toCardDetails({ number: '378282246310005', expiry: '12/30', cvc: '1234', name: 'TARO' }, NOW, { brands: ['visa', 'jcb'] });
      assert.deepEqual(result, { ok: false, errors: { number: 'number_unsupported' } });
    });
  });
});

describe('validateExpiry', () => {
  const cases: [string, string, Date, { month: number; year: number } | CardErrorReason][] = [
    ['this month', '05/26', NOW, { month: 5, year: 2026 }],
    ['last month', '04/26', NOW, 'expiry_past'],
    ['next year', '12 / 27', NOW, { month: 12, year: 2027 }],
    ['full-width', '１２／２７', NOW, { month: 12, year: 2027 }],
    ['four-digit year', '1/2030', NOW, { month: 1, year: 2030 }],
    ['last year', '12/25', NOW, 'expiry_past'],
    ['empty', '', NOW, 'expiry_required'],
    ['incomplete', '12 / 2', NOW, 'expiry_invalid'],
    ['month 13', '13/27', NOW, 'expiry_invalid'],
    ['month 00', '00/27', NOW, 'expiry_invalid'],
    ['20 years ahead is fine', '12/46', NOW, { month: 12, year: 2046 }],
    ['21 years ahead is a typo', '01/47', NOW, 'expiry_invalid'],
    // 1 May 00:30 JST = 30 April 15:30 UTC: in Japan April is over.
    ['April card at the JST month boundary', '04/26', new Date('2026-04-30T15:30:00Z'), 'expiry_past'],
    ['May card at the JST month boundary', '05/26', new Date('2026-04-30T15:30:00Z'), { month: 5, year: 2026 }],
    ['April card on 30 April 23:59 JST', '04/26', new Date('2026-04-30T14:59:00Z'), { month: 4, year: 2026 }],
  ];
  for (const [name, raw, now, expected] of cases) {
    it(`${name}: ${JSON.stringify(raw)}`, () => {
      assert.deepEqual(
        validateExpiry(raw, now),
        typeof expected === 'string' ? { ok: false, reason: expected } : { ok: true, value: expected },
      );
    });
  }
});

describe('validateCvc', () => {
  const cases: [string, CardBrand | null, string | CardErrorReason][] = [
    ['123', 'visa', '123'],
    ['１２３', 'jcb', '123'],
    ['1234', 'amex', '1234'],
    ['123', 'amex', 'cvc_incomplete'],
    ['1234', 'visa', 'cvc_invalid'],
    ['12', 'mastercard', 'cvc_incomplete'],
    ['', 'visa', 'cvc_required'],
    ['  ', 'visa', 'cvc_required'],
    ['12a', 'visa', 'cvc_invalid'],
    ['123', null, '123'],
    ['1234', null, '1234'],
    ['12', null, 'cvc_incomplete'],
    ['12345', null, 'cvc_invalid'],
  ];
  for (const [raw, brand, expected] of cases) {
    it(`${JSON.stringify(raw)} for ${brand ?? 'no brand'}`, () => {
      assert.deepEqual(
        validateCvc(raw, brand),
        /^\d+$/.test(expected) ? { ok: true, value: expected } : { ok: false, reason: expected },
      );
    });
  }
});

describe('validateName', () => {
  it('trims and collapses spaces, U+3000 included', () => {
    assert.deepEqual(validateName('  TARO\u3000\u3000YAMADA '), { ok: true, value: 'TARO YAMADA' });
  });
  it('requires something', () => {
    assert.deepEqual(validateName(''), { ok: false, reason: 'name_required' });
    assert.deepEqual(validateName('\u3000 \t'), { ok: false, reason: 'name_required' });
  });
});

describe('toCardDetails', () => {
  it('builds CardDetails from what was typed', () => {
    const result = toCardDetails(
      { number: '３７８２ ８２２４６３ １０００５', expiry: '０５／２６', cvc: '１２３４', name: ' taro　yamada ' },
      NOW,
    );
    assert.deepEqual(result, {
      ok: true,
      value: { number: '378282246310005', expMonth: 5, expYear: 2026, cvc: '1234', name: 'taro yamada' },
      brand: 'amex',
      last4: '0005',
    });
  });

  it('reports every field that is wrong', () => {
    assert.deepEqual(toCardDetails({ number: '4111111111111112', expiry: '04/26', cvc: '12', name: '' }, NOW), {
      ok: false,
      errors: {
        number: 'number_invalid',
        expiry: 'expiry_past',
        cvc: 'cvc_incomplete',
        name: 'name_required',
      },
    });
  });

  it('checks the CVC against the brand of the number', () => {
    const visa = toCardDetails({ number: '4111111111111111', expiry: '12/30', cvc: '1234', name: 'A' }, NOW);
    assert.deepEqual(visa, { ok: false, errors: { cvc: 'cvc_invalid' } });
    // An incomplete Amex number still tells the CVC to be 4 digits.
    const amex = toCardDetails({ number: '3782', expiry: '12/30', cvc: '123', name: 'A' }, NOW);
    assert.deepEqual(amex, { ok: false, errors: { number: 'number_incomplete', cvc: 'cvc_incomplete' } });
  });

  it('can leave the name optional', () => {
    const result = toCardDetails(
      { number: '4111111111111111', expiry: '12/30', cvc: '123', name: '  ' },
      NOW,
      { requireName: false },
    );
    assert.equal(result.ok, true);
    assert.equal(result.ok && result.value.name, '');
    assert.equal(result.ok && result.last4, '1111');
  });
});
