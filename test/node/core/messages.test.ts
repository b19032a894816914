import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CARD_ERROR_REASONS, CARD_MESSAGES } from '../../../src/core/i18n/card-messages.ts';
import { KONBINI_ERROR_REASONS, KONBINI_MESSAGES } from '../../../src/core/i18n/konbini-messages.ts';
import { translate, type Catalogue } from '../../../src/core/i18n/translate.ts';
import { LOCALES } from '../../../src/core/locale.ts';
import { CARD_BRANDS, brandLabel } from '../../../src/core/card/brand.ts';

function checkCatalogue(name: string, catalogue: Catalogue<string>, reasons: readonly string[]): void {
  describe(name, () => {
    it('has every locale of every key, non-empty and trimmed', () => {
      for (const [key, entry] of Object.entries(catalogue)) {
        for (const locale of LOCALES) {
          const text = entry[locale];
          assert.equal(typeof text, 'string', `${key}.${locale}`);
          assert.ok(text.length > 0 && text === text.trim(), `${key}.${locale}`);
        }
      }
    });
    it('has a message for every error reason', () => {
      for (const reason of reasons) assert.ok(reason in catalogue, reason);
    });
    it('has Japanese text in Japanese, English text in English', () => {
      for (const [key, entry] of Object.entries(catalogue)) {
        assert.doesNotMatch(entry.en, /[\u3040-\u30ff\u4e00-\u9fff]/, `${key}.en has Japanese`);
      }
    });
  });
}

checkCatalogue('CARD_MESSAGES', CARD_MESSAGES, CARD_ERROR_REASONS);
checkCatalogue('KONBINI_MESSAGES', KONBINI_MESSAGES, KONBINI_ERROR_REASONS);

describe('card texts', () => {
  it('labels', () => {
    assert.equal(translate(CARD_MESSAGES, 'ja', 'number_label'), 'カード番号');
    assert.equal(translate(CARD_MESSAGES, 'en', 'number_label'), 'Card number');
    assert.equal(translate(CARD_MESSAGES, 'ja', 'expiry_label'), '有効期限');
    assert.equal(translate(CARD_MESSAGES, 'ja', 'expiry_hint'), '月/年 (MM/YY)');
    assert.equal(translate(CARD_MESSAGES, 'ja', 'cvc_label'), 'セキュリティコード');
    assert.equal(translate(CARD_MESSAGES, 'ja', 'name_label'), 'カード名義');
    assert.equal(translate(CARD_MESSAGES, 'en', 'name_label'), 'Name on card');
  });
  it('fills the brand', () => {
    assert.equal(translate(CARD_MESSAGES, 'ja', 'brand_detected', { brand: brandLabel('jcb') }), 'JCB を検出');
    assert.equal(
      translate(CARD_MESSAGES, 'en', 'brand_detected', { brand: brandLabel('amex') }),
      'American Express detected',
    );
  });
  it('the unsupported-brand message names the brands the session takes', () => {
    for (const locale of LOCALES) {
      const brands = CARD_BRANDS.map(brandLabel).join(', ');
      const text = translate(CARD_MESSAGES, locale, 'number_unsupported', { brands });
      assert.ok(text.includes(brands), `${locale}: ${text}`);
      assert.ok(!text.includes('{'), `${locale}: ${text}`);
    }
    assert.equal(translate(CARD_MESSAGES, 'ja', 'number_unsupported', { brands: 'Visa、JCB' }), 'このカードはご利用いただけません。Visa、JCBをご利用ください。');
  });
});
