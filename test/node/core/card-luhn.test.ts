import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { luhnValid } from '../../../src/core/card/luhn.ts';

describe('luhnValid', () => {
  const valid = [
    '4111111111111111',
    '4242424242424242',
    '5555555555554444',
    '3530111333300000',
    '378282246310005',
    '30569309025904',
    '6011111111111117',
    '0',
    '18',
  ];
  const invalid = [
    '4111111111111112',
    '4111111111111121',
    '5555555555554443',
    '3530111333300001',
    '378282246310006',
    '30569309025905',
    '6011111111111118',
    '1',
    '',
    '4111 1111 1111 1111',
    '４１１１１１１１１１１１１１１１',
  ];
  for (const n of valid) it(`accepts ${n}`, () => assert.equal(luhnValid(n), true));
  for (const n of invalid) it(`refuses ${JSON.stringify(n)}`, () => assert.equal(luhnValid(n), false));

  it('catches every single-digit typo of a valid number', () => {
    const good = '4111111111111111';
    for (let i = 0; i < good.length; i++) {
      for (let d = 0; d <= 9; d++) {
        const typo = good.slice(0, i) + String(d) + good.slice(i + 1);
        if (typo !== good) assert.equal(luhnValid(typo), false, typo);
      }
    }
  });
});
