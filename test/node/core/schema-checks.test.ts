import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as z from 'zod/mini';
import { ISO_DATETIME_WITH_OFFSET, matching, recordOf, safeInteger } from '../../../src/core/schema-checks.ts';
import { clientSessionSchema } from '../../../src/core/protocol.ts';
import { slipSchema } from '../../../src/core/slip.ts';
import { nextActionSchema, outcomeSchema } from '../../../src/core/outcome.ts';

/** What `schema` makes of `value`: its result, or `refused`. */
const outcomeOf = (schema: z.ZodMiniType, value: unknown): unknown => {
  const parsed = schema.safeParse(value);
  return parsed.success ? { data: parsed.data } : 'refused';
};

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

  it('the outcome and next-action unions accept, and return, what zod\'s discriminated unions did', () => {
    const nextActions = nextActionSchema._zod.def.options;
    const outcomes = outcomeSchema._zod.def.options;
    const discriminatedNextAction = z.discriminatedUnion('type', nextActions);
    const [succeeded, requiresAction, awaiting, processing, failed, canceled] = outcomes;
    const discriminatedOutcome = z.discriminatedUnion('status', [
      succeeded,
      z.extend(requiresAction, { action: discriminatedNextAction }),
      awaiting,
      processing,
      failed,
      canceled,
    ]);
    const slip = { store: 'lawson', paymentNumber: '123', amount: 1200, currency: 'JPY', expiresAt: '2026-11-27T23:59:00+09:00' };
    const actions: unknown[] = [
      { type: 'redirect', url: 'https://pay.example/3ds' },
      { type: 'redirect', url: 'https://pay.example/3ds', fields: { a: 'b' }, extra: 1 },
      { type: 'post', url: 'https://pay.example/acs', fields: { PaReq: 'x', TermUrl: 'https://shop.example/r' } },
      { type: 'post', url: 'https://pay.example/acs', fields: {} },
      { type: 'post', url: 'https://pay.example/acs', fields: { a: 1 } },
      { type: 'post', url: 'https://pay.example/acs' },
      { type: 'post', url: 'https://pay.example/acs', fields: [] },
      { type: 'post', url: 'https://pay.example/acs', fields: null },
      { type: 'redirect' },
      { type: 'redirect', url: 1 },
      { type: 'get', url: 'https://pay.example/3ds' },
      { url: 'https://pay.example/3ds' },
      { type: ['redirect'], url: 'https://pay.example/3ds' },
      'redirect',
      [],
      null,
      undefined,
    ];
    const values: unknown[] = [
      { status: 'succeeded', method: 'card' },
      { status: 'succeeded', method: 'card', paymentId: 'p1', paymentMethodId: 'pm_1', brand: 'visa', last4: '4242', cvc: '123' },
      { status: 'succeeded', method: 'konbini', paymentId: 1 },
      { status: 'succeeded', method: 'paypay' },
      { status: 'succeeded' },
      ...actions.map((action) => ({ status: 'requires_action', method: 'card', action })),
      { status: 'requires_action', method: 'card', action: actions[0], reference: 'ch_1' },
      { status: 'requires_action', method: 'card', action: actions[0], reference: 'x'.repeat(257) },
      { status: 'awaiting_payment', method: 'konbini', slip },
      { status: 'awaiting_payment', method: 'card', slip },
      { status: 'awaiting_payment', method: 'konbini', slip: { ...slip, expiresAt: '2026-11-27' } },
      { status: 'awaiting_payment', method: 'konbini' },
      { status: 'processing', method: 'card' },
      { status: 'processing', method: 'konbini', reference: 'ch_1' },
      { status: 'processing', method: 'konbini', reference: 'x'.repeat(257) },
      { status: 'failed', error: { code: 'declined', reason: 'card_declined', retryable: true } },
      { status: 'failed', error: { code: 'declined', reason: 'card_declined', retryable: true, field: 'number' } },
      { status: 'failed', error: { code: 'declined', reason: 'not_a_reason', retryable: true } },
      { status: 'failed' },
      { status: 'canceled' },
      { status: 'canceled', method: 'card' },
      { status: 'cancelled' },
      { status: 'Succeeded', method: 'card' },
      { method: 'card' },
      {},
      [],
      'succeeded',
      null,
    ];
    for (const value of actions) {
      assert.deepEqual(outcomeOf(nextActionSchema, value), outcomeOf(discriminatedNextAction, value), JSON.stringify(value));
    }
    for (const value of values) {
      assert.deepEqual(outcomeOf(outcomeSchema, value), outcomeOf(discriminatedOutcome, value), JSON.stringify(value));
    }
    // The cases above reach both answers: some values are accepted, some refused.
    assert.ok(values.some((value) => outcomeOf(outcomeSchema, value) !== 'refused'));
    assert.ok(values.some((value) => outcomeOf(outcomeSchema, value) === 'refused'));
  });

  it('recordOf accepts, and returns, what z.record(z.string(), value) does for any JSON value', () => {
    const json = [
      '{}',
      '{"a":"b"}',
      '{"a":"b","c":"d","1":"one","":"empty"}',
      '{"a":1}',
      '{"a":"b","c":null}',
      '{"a":{"b":"c"}}',
      '{"__proto__":"x"}',
      '{"__proto__":1,"a":"b"}',
      '{"__proto__":{"polluted":"yes"},"a":"b"}',
      '{"constructor":"x","toString":"y","hasOwnProperty":"z"}',
      '{"a":"b","a":"c"}',
      '[]',
      '["a"]',
      '"a"',
      '1',
      'true',
      'null',
    ];
    for (const text of json) {
      for (const value of [z.string(), z.unknown(), z.optional(z.string())]) {
        assert.deepEqual(outcomeOf(recordOf(value), JSON.parse(text)), outcomeOf(z.record(z.string(), value), JSON.parse(text)), text);
      }
    }
    // The result is a fresh object, as the record's, and a __proto__ key never reaches it.
    const input: unknown = JSON.parse('{"__proto__":{"polluted":"yes"},"a":"b"}');
    const parsed = recordOf(z.unknown()).parse(input);
    assert.notEqual(parsed, input);
    assert.equal(Object.getPrototypeOf(parsed), Object.prototype);
    assert.deepEqual(Object.keys(parsed), ['a']);
    assert.ok(!accepts(recordOf(z.string()), undefined));
  });
});
