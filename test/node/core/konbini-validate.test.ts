import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { validateKonbini, type KonbiniRequirements } from '../../../src/core/konbini/validate.ts';
import { KONBINI_STORES } from '../../../src/core/konbini-stores.ts';

const KOMOJU: KonbiniRequirements = { stores: KONBINI_STORES, email: 'required', phone: 'optional' };
const UNIVAPAY: KonbiniRequirements = { stores: KONBINI_STORES, email: 'optional', phone: 'required' };
const filled = { store: 'lawson', name: ' 山田　太郎 ', email: 'Taro@Example.JP', phone: '' } as const;

describe('validateKonbini', () => {
  it('builds the details the flow sends (KOMOJU: email required, phone optional)', () => {
    assert.deepEqual(validateKonbini(filled, KOMOJU), {
      ok: true,
      details: { store: 'lawson', name: '山田 太郎', email: 'Taro@example.jp' },
    });
  });

  it('normalizes a full-width or hyphenated phone to national digits', () => {
    for (const phone of ['０９０１２３４５６７８', '090-1234-5678', '０９０－１２３４－５６７８', '+81 90 1234 5678']) {
      const result = validateKonbini({ ...filled, phone }, UNIVAPAY);
      assert.ok(result.ok, phone);
      assert.equal(result.details.phone, '09012345678', phone);
    }
  });

  it('reports every missing field, in form order', () => {
    const result = validateKonbini({ store: null, name: ' ', email: '', phone: '' }, UNIVAPAY);
    assert.deepEqual(result, {
      ok: false,
      errors: { store: 'store_required', name: 'name_required', phone: 'phone_required' },
    });
    assert.deepEqual(
      validateKonbini({ store: null, name: '', email: '', phone: '' }, KOMOJU),
      { ok: false, errors: { store: 'store_required', name: 'name_required', email: 'email_required' } },
    );
  });

  it('refuses a malformed optional field but accepts it blank', () => {
    assert.deepEqual(validateKonbini({ ...filled, phone: '12345' }, KOMOJU), {
      ok: false,
      errors: { phone: 'phone_invalid' },
    });
    assert.deepEqual(validateKonbini({ ...filled, email: 'taro@', phone: '09012345678' }, UNIVAPAY), {
      ok: false,
      errors: { email: 'email_invalid' },
    });
    const blankEmail = validateKonbini({ ...filled, email: '', phone: '0312345678' }, UNIVAPAY);
    assert.deepEqual(blankEmail, { ok: true, details: { store: 'lawson', name: '山田 太郎', email: '', phone: '0312345678' } });
  });

  it('ignores hidden fields whatever they hold', () => {
    const rules: KonbiniRequirements = { stores: KONBINI_STORES, email: 'hidden', phone: 'hidden' };
    assert.deepEqual(validateKonbini({ ...filled, email: 'nonsense', phone: 'x' }, rules), {
      ok: true,
      details: { store: 'lawson', name: '山田 太郎', email: '' },
    });
  });

  it('refuses a store the provider does not offer', () => {
    const rules: KonbiniRequirements = { ...KOMOJU, stores: ['family-mart', 'seven-eleven'] };
    assert.deepEqual(validateKonbini(filled, rules), { ok: false, errors: { store: 'store_required' } });
  });
});
