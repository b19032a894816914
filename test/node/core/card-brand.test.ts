import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import creditCardType from 'credit-card-type';
import {
  BRAND_INFO,
  CARD_BRANDS,
  brandCandidates,
  brandLabel,
  cardGaps,
  cardLengths,
  cvcLength,
  detectBrand,
  isCardBrand,
  maxCardLength,
  type CardBrand,
} from '../../../src/core/card/brand.ts';

/** KOMOJU's documented test cards, plus the other brands' usual ones. */
const TEST_CARDS: [string, CardBrand][] = [
  ['4111111111111111', 'visa'],
  ['4242424242424242', 'visa'],
  ['5555555555554444', 'mastercard'],
  ['2223003122003222', 'mastercard'],
  ['3530111333300000', 'jcb'],
  ['3566002020360505', 'jcb'],
  ['378282246310005', 'amex'],
  ['371449635398431', 'amex'],
  ['30569309025904', 'diners'],
  ['38520000023237', 'diners'],
  ['6011111111111117', 'discover'],
  ['6011000990139424', 'discover'],
];

describe('detectBrand', () => {
  for (const [number, brand] of TEST_CARDS) {
    it(`${number} is ${brand}`, () => {
      assert.equal(detectBrand(number), brand);
      assert.ok(BRAND_INFO[brand].lengths.includes(number.length), 'its length is allowed');
    });
  }

  it('reads full-width digits and hyphens', () => {
    assert.equal(detectBrand('４１１１－１１１１－１１１１－１１１１'), 'visa');
    assert.equal(detectBrand('３５３０　１１１３'), 'jcb');
    assert.equal(detectBrand('3782 822463 10005'), 'amex');
  });

  const partial: [string, CardBrand[], CardBrand | null][] = [
    ['', [], null],
    ['4', ['visa'], 'visa'],
    ['5', ['mastercard'], 'mastercard'],
    ['22', ['mastercard'], 'mastercard'],
    ['3', ['amex', 'diners', 'jcb'], null],
    ['34', ['amex'], 'amex'],
    ['37', ['amex'], 'amex'],
    ['35', ['jcb'], 'jcb'],
    ['36', ['diners'], 'diners'],
    ['305', ['diners'], 'diners'],
    ['6', ['discover'], 'discover'],
    ['65', ['discover'], 'discover'],
  ];
  for (const [digits, candidates, brand] of partial) {
    it(`while typing ${JSON.stringify(digits)}: ${candidates.join(', ') || 'none'}`, () => {
      assert.deepEqual([...brandCandidates(digits)].sort(), [...candidates].sort());
      assert.equal(detectBrand(digits), brand);
    });
  }

  // Brands credit-card-type knows but we do not take: they must never show.
  const others: [string, string][] = [
    ['6212345678901232', 'UnionPay'],
    ['6759649826438453', 'Maestro'],
    ['5066991111111118', 'Elo / Verve range'],
    ['2200123456789010', 'Mir'],
    ['9792123456789012', 'Troy'],
    ['9', 'nothing'],
    ['0', 'nothing'],
  ];
  for (const [number, name] of others) {
    it(`${number} (${name}) has no brand`, () => {
      assert.deepEqual(brandCandidates(number), []);
      assert.equal(detectBrand(number), null);
    });
  }

  it('answers for 62 (UnionPay, which the reference package knows) that it is none of ours', () => {
    assert.equal(creditCardType('62').length > 0, true);
    assert.deepEqual(brandCandidates('62'), []);
  });
});

/**
 * Our table against the package it comes from (credit-card-type, kept as a dev dependency for this):
 * the same candidates, in the same order, for every prefix up to five digits, every six-digit prefix
 * where other brands' prefixes sit inside ours (4, 52, 65), and every eight-digit prefix near the
 * eight-digit Troy ranges.
 */
describe('brand table against credit-card-type', () => {
  const IDS: Readonly<Record<string, CardBrand>> = {
    visa: 'visa',
    mastercard: 'mastercard',
    'american-express': 'amex',
    'diners-club': 'diners',
    discover: 'discover',
    jcb: 'jcb',
  };
  const reference = (digits: string): CardBrand[] =>
    creditCardType(digits).flatMap((card) => (IDS[card.type] ? [IDS[card.type] as CardBrand] : []));

  function* prefixes(): Generator<string> {
    for (let length = 1; length <= 5; length++) {
      for (let n = 0; n < 10 ** length; n++) yield String(n).padStart(length, '0');
    }
    for (let n = 0; n < 100000; n++) yield `4${String(n).padStart(5, '0')}`;
    for (const head of ['52', '65']) for (let n = 0; n < 10000; n++) yield head + String(n).padStart(4, '0');
    for (let n = 650830; n <= 650869; n++) for (let t = 0; t < 100; t++) yield `${n}${String(t).padStart(2, '0')}`;
    for (let n = 658740; n <= 658819; n++) for (let t = 0; t < 100; t++) yield `${n}${String(t).padStart(2, '0')}`;
  }

  it('gives the same brands for every prefix checked', () => {
    let checked = 0;
    const differences: string[] = [];
    for (const digits of prefixes()) {
      checked++;
      const ours = brandCandidates(digits);
      const theirs = reference(digits);
      if (ours.join() !== theirs.join() && differences.length < 10) {
        differences.push(`${digits}: ours [${ours.join()}], theirs [${theirs.join()}]`);
      }
    }
    assert.deepEqual(differences, []);
    assert.ok(checked > 200000, `${checked} prefixes checked`);
  });
});

describe('brand rules', () => {
  it('labels', () => {
    assert.deepEqual(
      CARD_BRANDS.map((b) => brandLabel(b)),
      ['Visa', 'Mastercard', 'JCB', 'American Express', 'Diners Club', 'Discover'],
    );
  });

  it('security code: 4 digits for Amex, 3 for the others', () => {
    for (const brand of CARD_BRANDS) assert.equal(cvcLength(brand), brand === 'amex' ? 4 : 3, brand);
  });

  const lengths: [CardBrand | null, number[], number][] = [
    ['visa', [16, 18, 19], 19],
    ['mastercard', [16], 16],
    ['jcb', [16, 17, 18, 19], 19],
    ['amex', [15], 15],
    ['diners', [14, 16, 19], 19],
    ['discover', [16, 19], 19],
    [null, [12, 13, 14, 15, 16, 17, 18, 19], 19],
  ];
  for (const [brand, allowed, max] of lengths) {
    it(`lengths of ${brand ?? 'an unknown brand'}`, () => {
      assert.deepEqual(cardLengths(brand), allowed);
      assert.equal(maxCardLength(brand), max);
    });
  }

  const gaps: [CardBrand | null, number, number[]][] = [
    ['visa', 16, [4, 8, 12, 16]],
    ['amex', 15, [4, 10]],
    ['diners', 14, [4, 10]],
    ['diners', 16, [4, 8, 12, 16]],
    ['jcb', 19, [4, 8, 12, 16]],
    [null, 19, [4, 8, 12, 16]],
  ];
  for (const [brand, length, expected] of gaps) {
    it(`gaps of ${brand ?? 'unknown'} with ${length} digits`, () => {
      assert.deepEqual(cardGaps(brand, length), expected);
    });
  }

  it('isCardBrand', () => {
    for (const brand of CARD_BRANDS) assert.ok(isCardBrand(brand));
    for (const other of ['american-express', 'unionpay', 'VISA', '', 1, null]) {
      assert.equal(isCardBrand(other), false, String(other));
    }
  });
});
