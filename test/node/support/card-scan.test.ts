import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cardLikeRuns, containsCardNumber } from '../../support/card-scan.ts';

const CARD = '4111111111111111';

describe('card-number scan of recorded requests', () => {
  const leaks: Array<[string, string]> = [
    ['as typed', `{"number":"${CARD}"}`],
    ['grouped by spaces', 'number=4111 1111 1111 1111'],
    ['grouped by hyphens', 'note: 4111-1111-1111-1111'],
    ['URL-encoded spaces', 'card=4111%201111%201111%201111'],
    ['form-encoded spaces', 'card=4111+1111+1111+1111'],
    ['percent-encoded digits', 'card=%34%31%31%31111111111111'],
    ['JSON unicode escapes', '{"context":{"n":"\\u0034\\u0031\\u0031\\u0031111111111111"}}'],
    ['JSON inside a query string', `q=${encodeURIComponent(JSON.stringify({ card: '4111 1111 1111 1111' }))}`],
    ['full-width digits', '{"n":"４１１１１１１１１１１１１１１１"}'],
    ['full-width digits and hyphens', '{"n":"４１１１－１１１１－１１１１－１１１１"}'],
    ['a malformed escape beside it', 'a=%E0%A4%A&card=4111%201111%201111%201111'],
  ];
  for (const [label, text] of leaks) {
    it(`finds the number ${label}`, () => {
      assert.equal(containsCardNumber(text, CARD), true, text);
    });
  }

  const clean: Array<[string, string]> = [
    ['another card', '{"number":"4242424242424242"}'],
    ['the last four only', '{"last4":"1111","brand":"visa"}'],
    ['a number one digit short, then other digits', '{"a":"411111111111111","b":"2"}'],
    ['digits split by a field boundary', '{"a":"41111111","b":"11111111"}'],
  ];
  for (const [label, text] of clean) {
    it(`does not flag ${label}`, () => {
      assert.equal(containsCardNumber(text, CARD), false, text);
    });
  }

  it('refuses to look for something that is not a card number', () => {
    assert.throws(() => containsCardNumber('x', '4111'), TypeError);
  });

  it('cardLikeRuns finds Luhn-valid runs that stand alone, not UUID groups', () => {
    assert.deepEqual(cardLikeRuns(`x ${CARD} y`), [CARD]);
    assert.deepEqual(cardLikeRuns('11ef0000-1111-2222-3333-444455556666'), []);
    assert.deepEqual(cardLikeRuns('4111111111111112'), []);
    assert.deepEqual(cardLikeRuns(`abc${CARD}`), []);
  });
});
