import type { FailureReason } from '../errors.ts';
import type { Catalogue } from './translate.ts';

/** What the shopper reads when a payment fails, by reason. Short, actionable, polite. */
export const FAILURE_MESSAGES: Catalogue<FailureReason> = {
  network_unreachable: {
    ja: '通信できませんでした。接続を確認して、もう一度お試しください。',
    en: 'We could not connect. Check your connection and try again.',
  },
  unexpected_response: {
    ja: '決済サービスから予期しない応答がありました。しばらくしてからもう一度お試しください。',
    en: 'The payment service sent an unexpected answer. Please try again in a moment.',
  },
  endpoint_error: {
    ja: 'ショップのサーバーで問題が発生しました。しばらくしてからもう一度お試しください。',
    en: "The shop's server ran into a problem. Please try again in a moment.",
  },
  session_expired: {
    ja: 'お支払いの有効期限が切れました。もう一度最初からお試しください。',
    en: 'This payment session has expired. Please start again.',
  },
  card_declined: {
    ja: 'カードが承認されませんでした。別のカードをお試しください。',
    en: 'Your card was declined. Please try another card.',
  },
  insufficient_funds: {
    ja: 'ご利用可能額が不足しています。別のカードをお試しください。',
    en: 'Your card has insufficient funds. Please try another card.',
  },
  over_limit: {
    ja: 'カードのご利用限度額を超えています。別のカードをお試しください。',
    en: "This payment exceeds your card's limit. Please try another card.",
  },
  incorrect_number: {
    ja: 'カード番号が正しくありません。',
    en: 'The card number is incorrect.',
  },
  incorrect_cvc: {
    ja: 'セキュリティコードが正しくありません。',
    en: 'The security code is incorrect.',
  },
  incorrect_expiry: {
    ja: '有効期限が正しくありません。',
    en: 'The expiry date is incorrect.',
  },
  expired_card: {
    ja: 'カードの有効期限が切れています。別のカードをお試しください。',
    en: 'Your card has expired. Please try another card.',
  },
  card_not_supported: {
    ja: 'このカードはご利用いただけません。別のカードをお試しください。',
    en: 'This card cannot be used here. Please try another card.',
  },
  invalid_card: {
    ja: 'このカードは無効です。別のカードをお試しください。',
    en: 'This card is not valid. Please try another card.',
  },
  contact_issuer: {
    ja: 'カードが承認されませんでした。カード会社にお問い合わせください。',
    en: 'Your card was declined. Please contact your card issuer.',
  },
  processing_error: {
    ja: '決済処理中にエラーが発生しました。もう一度お試しください。',
    en: 'An error occurred while processing the payment. Please try again.',
  },
  authentication_failed: {
    ja: '本人認証(3Dセキュア)に失敗しました。もう一度お試しいただくか、別のカードをご利用ください。',
    en: 'Card authentication (3-D Secure) failed. Try again or use another card.',
  },
  authentication_canceled: {
    ja: '本人認証(3Dセキュア)がキャンセルされました。',
    en: 'Card authentication (3-D Secure) was canceled.',
  },
  invalid_input: {
    ja: '入力内容をご確認ください。',
    en: 'Please check the details you entered.',
  },
  invalid_email: {
    ja: 'メールアドレスが正しくありません。',
    en: 'The email address is not valid.',
  },
  invalid_phone: {
    ja: '電話番号が正しくありません。',
    en: 'The phone number is not valid.',
  },
  store_unavailable: {
    ja: 'このコンビニは現在ご利用いただけません。別の店舗をお選びください。',
    en: 'This store is not available. Please choose another.',
  },
  method_unavailable: {
    ja: 'この支払い方法は現在ご利用いただけません。',
    en: 'This payment method is not available.',
  },
  configuration_error: {
    ja: 'ショップの決済設定に問題があります。ショップにお問い合わせください。',
    en: "There is a problem with the shop's payment setup. Please contact the shop.",
  },
  card_form_unavailable: {
    ja: 'このページではカード入力欄を表示できません。ショップにお問い合わせください。',
    en: 'The card form cannot be shown on this page. Please contact the shop.',
  },
  too_many_attempts: {
    ja: '短時間に多くのお支払いが試みられました。しばらくしてからお試しください。',
    en: 'Too many attempts in a short time. Please wait a moment and try again.',
  },
  provider_unavailable: {
    ja: '決済サービスが一時的に利用できません。しばらくしてからお試しください。',
    en: 'The payment service is temporarily unavailable. Please try again later.',
  },
  payment_expired: {
    ja: 'お支払い期限が過ぎました。',
    en: 'The payment deadline has passed.',
  },
  unsafe_redirect: {
    ja: '安全でない移動先のため中止しました。ショップにお問い合わせください。',
    en: 'Stopped: the next page was not a safe address. Please contact the shop.',
  },
  internal_error: {
    ja: '問題が発生しました。もう一度お試しください。',
    en: 'Something went wrong. Please try again.',
  },
};
