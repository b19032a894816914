import type { Catalogue } from './translate.ts';

/** Why a konbini field is not valid yet; each is a key of `KONBINI_MESSAGES`. */
export const KONBINI_ERROR_REASONS = [
  'store_required',
  'name_required',
  'email_required',
  'email_invalid',
  'phone_required',
  'phone_invalid',
] as const;
export type KonbiniErrorReason = (typeof KONBINI_ERROR_REASONS)[number];

export type KonbiniMessageKey =
  | KonbiniErrorReason
  | 'konbini_details'
  | 'store_label'
  | 'name_label'
  | 'name_placeholder'
  | 'email_label'
  | 'email_placeholder'
  | 'email_hint'
  | 'phone_label'
  | 'phone_placeholder'
  | 'phone_hint'
  | 'field_optional'
  | 'field_required'
  // Added for <kessai-konbini-fields> (keep additions at the end).
  | 'no_stores'
  | 'fee_line';

/**
 * Labels, hints and errors of the konbini fields (store picker, name, email, phone). Store names
 * themselves are in `KONBINI_STORE_NAMES`. Plain text: render with text bindings, never as HTML.
 */
export const KONBINI_MESSAGES: Catalogue<KonbiniMessageKey> = {
  konbini_details: { ja: 'コンビニ払い', en: 'Pay at a convenience store' },
  store_label: { ja: 'お支払いするコンビニを選択', en: 'Choose a store' },
  name_label: { ja: 'お名前', en: 'Full name' },
  name_placeholder: { ja: '山田 太郎', en: 'Taro Yamada' },
  email_label: { ja: 'メールアドレス', en: 'Email' },
  email_placeholder: { ja: 'taro@example.jp', en: 'taro@example.jp' },
  email_hint: {
    ja: '支払い番号はメールでもお送りします。',
    en: 'We will also send the payment number to this address.',
  },
  phone_label: { ja: '電話番号', en: 'Phone number' },
  phone_placeholder: { ja: '090-1234-5678', en: '090-1234-5678' },
  phone_hint: { ja: 'ハイフンはあってもなくても構いません。', en: 'A Japanese number, with or without hyphens.' },
  field_optional: { ja: '任意', en: 'optional' },
  field_required: { ja: '必須', en: 'required' },

  store_required: { ja: 'コンビニを選択してください。', en: 'Choose a store.' },
  name_required: { ja: 'お名前を入力してください。', en: 'Enter your name.' },
  email_required: { ja: 'メールアドレスを入力してください。', en: 'Enter your email address.' },
  email_invalid: {
    ja: 'メールアドレスが正しくありません。ご確認ください。',
    en: 'This email address is not valid. Please check it.',
  },
  phone_required: { ja: '電話番号を入力してください。', en: 'Enter your phone number.' },
  phone_invalid: {
    ja: '電話番号が正しくありません。日本国内の番号を入力してください(例: 090-1234-5678)。',
    en: 'This phone number is not valid. Enter a Japanese number (e.g. 090-1234-5678).',
  },

  // Added for <kessai-konbini-fields> (keep additions at the end).
  no_stores: {
    ja: 'ご利用いただけるコンビニがありません。ショップにお問い合わせください。',
    en: 'No convenience store is available. Please contact the shop.',
  },
  fee_line: {
    ja: 'コンビニ決済手数料 {fee}・お支払い合計 {total}',
    en: 'Convenience store fee {fee} · Total {total}',
  },
};
