import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as z from 'zod/mini';
import { ISO_DATETIME_WITH_OFFSET, matching, safeInteger } from '../../../src/core/schema-checks.ts';
import { clientSessionSchema } from '../../../src/core/protocol.ts';
import { slipSchema } from '../../../src/core/slip.ts';

/**
 * The browser's schemas use our one-refine checks in place of zod's `z.int()`, `z.regex()` and
 * `z.iso.datetime({ offset: true })`: each must accept exactly what zod's own accepts.
 */
const accepts = (schema: z.ZodMiniType, value: unknown): boolean => schema.safeParse(value).success;

function sameAs(ours: z.ZodMiniType, zods: z.ZodMiniType, values: readonly unknown[]): void {
  for (const value of values) {
    assert.equal(accepts(ours, value), accepts(zods, value), `${typeof value} ${String(value)}`);
  }
}

const NUMBERS = [
  0, 1, -1, 42, 1.5, -0.5, 0.1 + 0.2, 1e21, 2 ** 53 - 1, 2 ** 53, -(2 ** 53) + 1, -(2 ** 53), Number.MAX_VALUE,
  Number.MIN_VALUE, Number.EPSILON, NaN, Infinity, -Infinity, -0, '1', null, undefined, true, 10n,
];

const DATETIMES = [
  '2026-11-27T23:59:00+09:00',
  '2026-11-27T14:59:00Z',
  '2026-11-27T14:59:00.123Z',
  '2026-11-27T14:59:00.123456789-03:30',
  '2026-11-27T14:59Z',
  '2026-11-27T14:59:00',
  '2026-11-27T24:00:00Z',
  '2026-11-27T23:60:00Z',
  '2026-11-27 14:59:00Z',
  '2026-11-27',
  '2026-02-29T00:00:00Z',
  '2028-02-29T00:00:00Z',
  '2000-02-29T00:00:00Z',
  '1900-02-29T00:00:00Z',
  '2026-04-31T00:00:00Z',
  '2026-13-01T00:00:00Z',
  '2026-11-27T14:59:00+0900',
  '2026-11-27T14:59:00+09',
  '2026-11-27T14:59:00+24:00',
  '２０２６-11-27T14:59:00Z',
  '2026-11-27T14:59:00Z\n',
  ' 2026-11-27T14:59:00Z',
  '',
  20261127,
  null,
];

describe('schema checks', () => {
  it('safeInteger accepts what z.int() accepts', () => {
    sameAs(z.number().check(safeInteger()), z.number().check(z.int()), NUMBERS);
    sameAs(z.number().check(safeInteger(), z.nonnegative()), z.number().check(z.int(), z.nonnegative()), NUMBERS);
  });

  it('matching accepts what z.regex() accepts', () => {
    const values = ['1234', '123', '12345', '１２３４', '12a4', '', '1234\n', 1234, null];
    sameAs(z.string().check(matching(/^\d{4}$/)), z.string().check(z.regex(/^\d{4}$/)), values);
  });

  it('the date-time pattern is the one of z.iso.datetime({ offset: true }), and accepts the same', () => {
    assert.equal(ISO_DATETIME_WITH_OFFSET.source, z.core.regexes.datetime({ offset: true }).source);
    assert.equal(ISO_DATETIME_WITH_OFFSET.flags, '');
    sameAs(z.string().check(matching(ISO_DATETIME_WITH_OFFSET)), z.iso.datetime({ offset: true }), DATETIMES);
  });

  it('the session and the slip refuse what zod refused', () => {
    const session = {
      protocol: 1,
      provider: 'komoju',
      sessionId: 's1',
      publicKey: 'pk',
      apiBase: 'https://komoju.com/api/v1',
      amount: 1200,
      currency: 'JPY',
      mode: 'payment',
      methods: ['card'],
      konbiniStores: [],
      returnUrl: 'https://shop.example/return',
    };
    assert.ok(accepts(clientSessionSchema, session));
    assert.ok(!accepts(clientSessionSchema, { ...session, amount: 1200.5 }));
    assert.ok(!accepts(clientSessionSchema, { ...session, amount: 2 ** 53 }));
    assert.ok(!accepts(clientSessionSchema, { ...session, fees: { konbini: 1.5 } }));
    const card = { id: 'c1', brand: 'visa', last4: '4242', expMonth: 12, expYear: 2030 };
    assert.ok(accepts(clientSessionSchema, { ...session, savedCards: [card] }));
    assert.ok(!accepts(clientSessionSchema, { ...session, savedCards: [{ ...card, last4: '424' }] }));
    assert.ok(!accepts(clientSessionSchema, { ...session, savedCards: [{ ...card, expMonth: 1.5 }] }));

    const slip = { store: 'lawson', paymentNumber: '123', amount: 1200, currency: 'JPY', expiresAt: '2026-11-27T23:59:00+09:00' };
    assert.ok(accepts(slipSchema, slip));
    assert.ok(!accepts(slipSchema, { ...slip, expiresAt: '2026-11-27T23:59:00' }));
    assert.ok(!accepts(slipSchema, { ...slip, expiresAt: '2026-11-31T23:59:00Z' }));
  });
});
