import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { STORE_NUMBER_NAMES, STORE_STEPS, storeSteps } from '../../../src/core/konbini/steps.ts';
import { KONBINI_STORES } from '../../../src/core/konbini-stores.ts';
import { LOCALES } from '../../../src/core/locale.ts';
import { SLIP_MESSAGES } from '../../../src/core/i18n/slip-messages.ts';
import { formatAmount } from '../../../src/core/konbini/amount.ts';

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;
const ALL = [
  { confirmationNumber: true, slipUrl: true },
  { confirmationNumber: true, slipUrl: false },
  { confirmationNumber: false, slipUrl: true },
  { confirmationNumber: false, slipUrl: false },
];

describe('STORE_STEPS', () => {
  it('has steps for every store, in both languages, for every kind of slip', () => {
    for (const store of KONBINI_STORES) {
      assert.ok(STORE_STEPS[store].length >= 2, store);
      for (const step of STORE_STEPS[store]) {
        assert.match(step.ja, JAPANESE, `${store} ja`);
        assert.ok(step.en.trim().length > 10 && /^[A-Z]/.test(step.en), `${store} en: ${step.en}`);
        // English may quote the Japanese words on the kiosk screen, but must be English prose.
        assert.ok(step.en.replace(/[「(][^」)]*[」)]/g, '').match(/[a-z]{3,}/), `${store} en prose`);
      }
      for (const has of ALL) {
        for (const locale of LOCALES) {
          const steps = storeSteps(store, locale, has);
          assert.ok(steps.length >= 2, `${store} ${locale} ${JSON.stringify(has)}`);
          assert.ok(steps.every((s) => s.length > 0));
        }
        // Both languages have the same steps, in the same order.
        assert.equal(storeSteps(store, 'ja', has).length, storeSteps(store, 'en', has).length);
      }
    }
  });

  it('sends Lawson and Ministop to Loppi with the confirmation number', () => {
    for (const store of ['lawson', 'ministop'] as const) {
      const ja = storeSteps(store, 'ja', { confirmationNumber: true, slipUrl: false });
      assert.match(ja[0] ?? '', /Loppi/);
      assert.match(ja[0] ?? '', /各種番号をお持ちの方/);
      assert.match(ja.join(''), /確認番号を入力/);
      assert.match(ja.join(''), /30分以内にレジ/);
      const en = storeSteps(store, 'en', { confirmationNumber: true, slipUrl: false });
      assert.match(en.join(' '), /confirmation number/);
      assert.match(en.join(' '), /within 30 minutes/);
    }
  });

  it('tells Loppi users what to enter when the slip has no confirmation number', () => {
    const ja = storeSteps('lawson', 'ja', { confirmationNumber: false, slipUrl: false }).join('');
    assert.match(ja, /電話番号/);
    assert.doesNotMatch(ja, /続けて確認番号を入力/);
  });

  it('uses Famiポート at FamilyMart and the slip at 7-Eleven', () => {
    assert.match(storeSteps('family-mart', 'ja', ALL[3]!)[0] ?? '', /Famiポート/);
    assert.match(storeSteps('family-mart', 'en', ALL[3]!)[0] ?? '', /Famiポート kiosk/);
    const withUrl = storeSteps('seven-eleven', 'ja', { confirmationNumber: false, slipUrl: true });
    assert.match(withUrl[0] ?? '', /「払込票を表示」/);
    const withoutUrl = storeSteps('seven-eleven', 'ja', { confirmationNumber: false, slipUrl: false });
    assert.match(withoutUrl[0] ?? '', /払込票番号/);
    assert.doesNotMatch(withoutUrl.join(''), /「払込票を表示」/);
  });

  it('has Seicomart and Daily Yamazaki say "online payment" at the register', () => {
    for (const store of ['seicomart', 'daily-yamazaki'] as const) {
      assert.match(storeSteps(store, 'ja', ALL[3]!).join(''), /「オンライン決済」.*タッチパネル/s);
      assert.match(storeSteps(store, 'en', ALL[3]!).join(' '), /say "online payment".*touch panel/s);
      assert.equal(STORE_NUMBER_NAMES[store]?.ja, 'オンライン決済番号');
    }
  });

  it('names the buttons the steps refer to exactly as the slip labels them', () => {
    const sevenJa = storeSteps('seven-eleven', 'ja', { confirmationNumber: false, slipUrl: true }).join('');
    assert.ok(sevenJa.includes(`「${SLIP_MESSAGES.open_slip.ja}」`));
    const sevenEn = storeSteps('seven-eleven', 'en', { confirmationNumber: false, slipUrl: true }).join('');
    assert.ok(sevenEn.includes(`"${SLIP_MESSAGES.open_slip.en}"`));
  });
});

describe('SLIP_MESSAGES', () => {
  it('has every label in both languages, English without Japanese', () => {
    for (const [key, entry] of Object.entries(SLIP_MESSAGES)) {
      for (const locale of LOCALES) assert.ok(entry[locale].length > 0 && entry[locale] === entry[locale].trim(), key);
      assert.doesNotMatch(entry.en, JAPANESE, key);
    }
    assert.equal(SLIP_MESSAGES.payment_number.ja, '支払い番号');
    assert.equal(SLIP_MESSAGES.pay_by.en, 'Pay by');
    assert.equal(SLIP_MESSAGES.copied.ja, 'コピーしました');
  });
});

describe('formatAmount', () => {
  it('formats yen without decimals and other currencies from minor units', () => {
    assert.equal(formatAmount(1500, 'JPY', 'ja'), '￥1,500');
    assert.equal(formatAmount(1500, 'JPY', 'en'), '¥1,500');
    assert.equal(formatAmount(1999, 'USD', 'en'), '$19.99');
  });
  it('falls back to plain text for a currency Intl refuses', () => {
    assert.equal(formatAmount(100, 'J1Y', 'en'), '100 J1Y');
  });
});
