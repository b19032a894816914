import type { Catalogue } from './translate.ts';

/**
 * Why a card field is not valid yet, as returned by `src/core/card/validate.ts`. Each is a key of
 * `CARD_MESSAGES`, so the element shows it in the shopper's language.
 */
export const CARD_ERROR_REASONS = [
  'number_required',
  'number_incomplete',
  'number_invalid',
  'number_unsupported',
  'expiry_required',
  'expiry_invalid',
  'expiry_past',
  'cvc_required',
  'cvc_incomplete',
  'cvc_invalid',
  'name_required',
] as const;
export type CardErrorReason = (typeof CARD_ERROR_REASONS)[number];

export type CardMessageKey =
  | CardErrorReason
  | 'card_details'
  | 'number_label'
  | 'number_placeholder'
  | 'accepted_brands'
  | 'brand_detected'
  | 'expiry_label'
  | 'expiry_hint'
  | 'expiry_placeholder'
  | 'cvc_label'
  | 'cvc_hint'
  | 'cvc_hint_amex'
  | 'cvc_placeholder'
  | 'name_label'
  | 'name_hint'
  | 'name_placeholder';

/**
 * Every label, hint, placeholder and error of the card fields. Placeholders: `{brand}` a brand label
 * (`brandLabel`), `{brands}` a list of them. Plain text: render with text bindings, never as HTML.
 */
export const CARD_MESSAGES: Catalogue<CardMessageKey> = {
  card_details: { ja: 'カード情報', en: 'Card details' },
  number_label: { ja: 'カード番号', en: 'Card number' },
  number_placeholder: { ja: '1234 5678 9012 3456', en: '1234 5678 9012 3456' },
  accepted_brands: { ja: 'ご利用いただけるカード: {brands}', en: 'Accepted cards: {brands}' },
  brand_detected: { ja: '{brand} を検出', en: '{brand} detected' },
  expiry_label: { ja: '有効期限', en: 'Expiry date' },
  expiry_hint: { ja: '月/年 (MM/YY)', en: 'Month/year (MM/YY)' },
  expiry_placeholder: { ja: 'MM / YY', en: 'MM / YY' },
  cvc_label: { ja: 'セキュリティコード', en: 'Security code' },
  cvc_hint: {
    ja: 'カード裏面(American Expressは表面)に記載の3桁または4桁の数字',
    en: 'The 3 or 4 digits on the card (back, or front for American Express)',
  },
  cvc_hint_amex: {
    ja: 'カード表面に記載の4桁の数字',
    en: 'The 4 digits on the front of the card',
  },
  cvc_placeholder: { ja: '123', en: '123' },
  name_label: { ja: 'カード名義', en: 'Name on card' },
  name_hint: { ja: 'カードに記載のとおりローマ字で', en: 'As it is printed on the card' },
  name_placeholder: { ja: 'TARO YAMADA', en: 'TARO YAMADA' },

  number_required: { ja: 'カード番号を入力してください。', en: 'Enter your card number.' },
  number_incomplete: { ja: 'カード番号が最後まで入力されていません。', en: 'Your card number is incomplete.' },
  number_invalid: {
    ja: 'カード番号が正しくありません。ご確認ください。',
    en: 'Your card number is not valid. Please check it.',
  },
  number_unsupported: {
    ja: 'このカードはご利用いただけません。{brands}をご利用ください。',
    en: 'This card brand is not accepted here. Accepted cards: {brands}.',
  },
  expiry_required: { ja: '有効期限を入力してください。', en: 'Enter the expiry date.' },
  expiry_invalid: {
    ja: '有効期限が正しくありません。月/年 (MM/YY) の形式で入力してください。',
    en: 'The expiry date is not valid. Enter it as MM/YY.',
  },
  expiry_past: { ja: 'カードの有効期限が過ぎています。', en: 'This card has expired.' },
  cvc_required: { ja: 'セキュリティコードを入力してください。', en: 'Enter the security code.' },
  cvc_incomplete: {
    ja: 'セキュリティコードが最後まで入力されていません。',
    en: 'The security code is incomplete.',
  },
  cvc_invalid: { ja: 'セキュリティコードが正しくありません。', en: 'The security code is not valid.' },
  name_required: { ja: 'カード名義を入力してください。', en: 'Enter the name on the card.' },
};
