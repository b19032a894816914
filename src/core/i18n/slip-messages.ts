import type { Catalogue } from './translate.ts';

export type SlipMessageKey =
  | 'slip_title'
  | 'store'
  | 'payment_number'
  | 'confirmation_number'
  | 'amount'
  | 'pay_by'
  | 'time_left'
  | 'copy'
  | 'copy_payment_number'
  | 'copy_confirmation_number'
  | 'copied'
  | 'copied_payment_number'
  | 'copied_confirmation_number'
  | 'copy_failed'
  | 'print'
  | 'open_slip'
  | 'opens_in_new_tab'
  | 'how_to_pay'
  | 'pay_in_cash'
  | 'expired'
  | 'expired_message'
  | 'hyphen'
  | 'no_slip'
  | 'invalid_slip'
  | 'invalid_slip_json';

/**
 * Every label of `<kessai-konbini-slip>`, in Japanese and English. Store names are in
 * `KONBINI_STORE_NAMES`, the store's own steps in `src/core/konbini/steps.ts`, and the "time left"
 * phrases in `src/core/konbini/deadline.ts` (they need plural rules). Plain text, rendered with Lit text
 * bindings, never as HTML.
 */
export const SLIP_MESSAGES: Catalogue<SlipMessageKey> = {
  slip_title: { ja: 'コンビニでのお支払い', en: 'Pay at a convenience store' },
  store: { ja: 'お支払い先', en: 'Store' },
  payment_number: { ja: '支払い番号', en: 'Payment number' },
  confirmation_number: { ja: '確認番号', en: 'Confirmation number' },
  amount: { ja: 'お支払い金額', en: 'Amount' },
  pay_by: { ja: 'お支払い期限', en: 'Pay by' },
  time_left: { ja: '残り時間', en: 'Time left' },
  copy: { ja: 'コピー', en: 'Copy' },
  copy_payment_number: { ja: '支払い番号をコピー', en: 'Copy payment number' },
  copy_confirmation_number: { ja: '確認番号をコピー', en: 'Copy confirmation number' },
  copied: { ja: 'コピーしました', en: 'Copied' },
  copied_payment_number: { ja: '支払い番号をコピーしました', en: 'Payment number copied' },
  copied_confirmation_number: { ja: '確認番号をコピーしました', en: 'Confirmation number copied' },
  copy_failed: {
    ja: 'コピーできませんでした。番号を選択してコピーするか、書き留めてください。',
    en: 'Could not copy. Select the number to copy it, or write it down.',
  },
  print: { ja: '印刷', en: 'Print' },
  open_slip: { ja: '払込票を表示', en: 'Open the payment slip' },
  opens_in_new_tab: { ja: '(新しいタブで開きます)', en: '(opens in a new tab)' },
  how_to_pay: { ja: 'お支払い方法', en: 'How to pay' },
  pay_in_cash: {
    ja: 'お支払いは期限までに、店頭で現金でお願いします。',
    en: 'Pay in cash at the store before the deadline.',
  },
  expired: { ja: '期限切れ', en: 'Expired' },
  expired_message: {
    ja: 'お支払い期限を過ぎました。この番号ではお支払いいただけません。',
    en: 'The payment deadline has passed. This number can no longer be used.',
  },
  hyphen: { ja: 'ハイフン', en: 'hyphen' },
  no_slip: { ja: '表示するお支払い情報がありません。', en: 'There is no payment slip to show.' },
  invalid_slip: {
    ja: 'お支払い情報を表示できません。お手数ですが、ショップにお問い合わせください。',
    en: 'The payment details cannot be shown. Please contact the shop.',
  },
  invalid_slip_json: {
    ja: 'お支払い情報を読み取れません。お手数ですが、ショップにお問い合わせください。',
    en: 'The payment details could not be read. Please contact the shop.',
  },
};
