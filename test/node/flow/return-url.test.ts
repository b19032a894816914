import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hasAnyParam, withParam, withoutParams } from '../../../src/flow/return-url.ts';

const NAMES = ['secure_token_id', 'session_id'];

describe('withoutParams', () => {
  const rows: ReadonlyArray<readonly [string, string]> = [
    ['https://shop.example/pay', 'https://shop.example/pay'],
    ['https://shop.example/pay?session_id=s1', 'https://shop.example/pay'],
    ['https://shop.example/pay?session_id=s1&secure_token_id=t1', 'https://shop.example/pay'],
    ['https://shop.example/pay?cart=42&session_id=s1&secure_token_id=t1#summary', 'https://shop.example/pay?cart=42#summary'],
    ['https://shop.example/pay?q=a+b%20c&session_id=s1&x=%E5%B1%B1', 'https://shop.example/pay?q=a+b%20c&x=%E5%B1%B1'],
    ['https://shop.example/pay?session%5Fid=s1&keep', 'https://shop.example/pay?keep'],
    ['https://shop.example/pay?session_idx=1&my_session_id=2', 'https://shop.example/pay?session_idx=1&my_session_id=2'],
    ['https://shop.example/pay?#top', 'https://shop.example/pay#top'],
    ['https://shop.example/pay#a?session_id=1', 'https://shop.example/pay#a?session_id=1'],
  ];
  for (const [input, expected] of rows) {
    it(input, () => assert.equal(withoutParams(input, NAMES), expected));
  }
});

describe('hasAnyParam', () => {
  it('finds a return parameter', () => {
    assert.equal(hasAnyParam('https://shop.example/?secure_token_id=t', NAMES), true);
    assert.equal(hasAnyParam('https://shop.example/?cart=1', NAMES), false);
    assert.equal(hasAnyParam('not a url', NAMES), false);
  });
});

describe('withParam', () => {
  const rows: ReadonlyArray<readonly [string, string]> = [
    ['https://shop.example/pay', 'https://shop.example/pay?k=1'],
    ['https://shop.example/pay?a=b+c', 'https://shop.example/pay?a=b+c&k=1'],
    ['https://shop.example/pay?#top', 'https://shop.example/pay?k=1#top'],
    ['https://shop.example/pay?a=1#top', 'https://shop.example/pay?a=1&k=1#top'],
  ];
  for (const [input, expected] of rows) {
    it(input, () => assert.equal(withParam(input, 'k', '1'), expected));
  }
});
