import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  formatCardNumber,
  formatCardNumberAsTyped,
  type EditKind,
} from '../../../src/core/card/format.ts';

/**
 * `|` marks the caret: in the raw value the element reads after the keystroke, and in the value and
 * caret the formatter gives back.
 */
function typed(rawWithCaret: string, edit: EditKind = 'insert'): string {
  const caret = rawWithCaret.indexOf('|');
  assert.ok(caret >= 0, 'the case marks the caret with |');
  const raw = rawWithCaret.replace('|', '');
  const out = formatCardNumberAsTyped(raw, caret, edit);
  return `${out.value.slice(0, out.caret)}|${out.value.slice(out.caret)}`;
}

describe('formatCardNumberAsTyped', () => {
  const cases: [string, string, string, EditKind?][] = [
    // typing at the end
    ['first digit', '4|', '4|'],
    ['fourth digit', '4111|', '4111|'],
    ['fifth digit opens a group', '41111|', '4111 1|'],
    ['Visa in full', '4111 1111 1111 1111|', '4111 1111 1111 1111|'],
    ['Visa 19 digits', '4111 1111 1111 1111 111|', '4111 1111 1111 1111 111|'],
    ['Mastercard stops at 16', '5555 5555 5555 4444 9|', '5555 5555 5555 4444|'],
    ['Amex 4-6-5', '378282246310005|', '3782 822463 10005|'],
    ['Amex stops at 15', '3782 822463 100059|', '3782 822463 10005|'],
    ['Diners 14 digits 4-6-4', '30569309025904|', '3056 930902 5904|'],
    ['Diners 16 digits 4-4-4-4', '3056 930902 590412|', '3056 9309 0259 0412|'],
    ['JCB', '3530111333300000|', '3530 1113 3330 0000|'],
    ['Discover', '6011111111111117|', '6011 1111 1111 1117|'],
    ['unknown brand stops at 19', '9999 9999 9999 9999 9999|', '9999 9999 9999 9999 999|'],
    // pasting
    ['full-width paste', '４１１１－１１１１－１１１１－１１１１|', '4111 1111 1111 1111|'],
    ['paste with hyphens', '5555-5555-5555-4444|', '5555 5555 5555 4444|'],
    ['paste with letters and dots', 'card: 4111.1111.1111.1111|', '4111 1111 1111 1111|'],
    ['ideographic spaces', '３５３０\u3000１１１３\u3000３３３０\u3000００００|', '3530 1113 3330 0000|'],
    ['paste into the middle', '4111 1111|', '4111 1111|'],
    // inserting in the middle
    ['insert in the first group', '419|111 1111', '419|1 1111 11'],
    ['insert before a space', '4111 2|1111', '4111 2|111 1'],
    ['insert at a group end', '41112| 1111', '4111 2|111 1'],
    ['full number refuses an insert (the typed digit goes)', '5555 5555 9|5555 4444', '5555 5555| 5555 4444'],
    ['a letter typed in the middle is dropped', '4111 1a|111', '4111 1|111'],
    // deleting
    ['backspace in a group', '4111 1|11', '4111 1|11', 'deleteBackward'],
    ['backspace the first digit of a group', '4111 |111', '4111 |111', 'deleteBackward'],
    ['backspace the last digit', '4111 |', '4111|', 'deleteBackward'],
    ['backspace over a space deletes the digit before it', '4111|1111', '411|1 111', 'deleteBackward'],
    ['delete over a space deletes the digit after it', '4111|1111', '4111| 111', 'deleteForward'],
    ['delete a digit right after a space', '4111 |111', '4111 |111', 'deleteForward'],
    ['backspace the first digit', '|111 1111', '|1111 111', 'deleteBackward'],
    ['backspace over the Amex 6-group space', '3782 822463|10005', '3782 82246|1 0005', 'deleteBackward'],
    ['caret at the start', '|4111', '|4111'],
    ['empty', '|', '|'],
  ];
  for (const [name, raw, expected, edit] of cases) {
    it(`${name}: ${raw} → ${expected}`, () => assert.equal(typed(raw, edit), expected));
  }

  it('reports the brand as it is typed', () => {
    assert.equal(formatCardNumberAsTyped('3', 1).brand, null);
    assert.equal(formatCardNumberAsTyped('37', 2).brand, 'amex');
    assert.equal(formatCardNumberAsTyped('３５', 2).brand, 'jcb');
    assert.equal(formatCardNumberAsTyped('62', 2).brand, null);
  });

  it('regroups when the brand changes under the caret', () => {
    // Amex 4-6 grouping becomes 4-4-4-4 when the first digit is changed to a 4.
    assert.equal(typed('4|782 822463 10005'), '4|782 8224 6310 005');
  });

  it('clamps a caret out of range', () => {
    assert.deepEqual(formatCardNumberAsTyped('41111', 99), { value: '4111 1', caret: 6, brand: 'visa' });
    assert.deepEqual(formatCardNumberAsTyped('41111', -3), { value: '4111 1', caret: 0, brand: 'visa' });
  });

  it('formatCardNumber groups without a caret', () => {
    assert.equal(formatCardNumber('378282246310005'), '3782 822463 10005');
    assert.equal(formatCardNumber('4111111111111111'), '4111 1111 1111 1111');
  });
});
