import type { Catalogue } from '../../core/i18n/translate.ts';

/** The words of `<kessai-checkout>` itself; failures come from `FAILURE_MESSAGES`. */
export const CHECKOUT_MESSAGES = {
  payment_methods: { ja: 'お支払い方法', en: 'Payment method' },
  tab_card: { ja: 'クレジットカード', en: 'Card' },
  tab_konbini: { ja: 'コンビニ払い', en: 'Convenience store' },
  pay: { ja: '{amount} を支払う', en: 'Pay {amount}' },
  save_card: { ja: 'カードを登録', en: 'Save card' },
  busy: { ja: '処理中…', en: 'Processing…' },
  loading: { ja: '読み込み中…', en: 'Loading…' },
  resuming: { ja: 'お支払いを確認しています…', en: 'Confirming your payment…' },
  redirecting: {
    ja: 'カード会社の本人認証ページへ移動しています…',
    en: 'Taking you to your card issuer to confirm it is you…',
  },
  processing: {
    ja: 'お支払いを処理しています。完了までしばらくお待ちください。',
    en: 'Your payment is being processed. This can take a moment.',
  },
  success_title: { ja: 'お支払いが完了しました', en: 'Payment complete' },
  success_setup_title: { ja: 'カードを登録しました', en: 'Card saved' },
  success_text: { ja: 'ありがとうございました。', en: 'Thank you.' },
  success_card: { ja: '{brand} 末尾 {last4}', en: '{brand} ending in {last4}' },
  pending_title: { ja: 'コンビニでお支払いください', en: 'Pay at the convenience store' },
  retry: { ja: 'もう一度試す', en: 'Try again' },
  start_over: { ja: '最初からやり直す', en: 'Start over' },
  canceled: { ja: 'お支払いはキャンセルされました。', en: 'The payment was canceled.' },
  load_failed: {
    ja: 'お支払いフォームを読み込めませんでした。通信環境をご確認のうえ、もう一度お試しください。',
    en: 'The payment form could not be loaded. Check your connection and try again.',
  },
} as const satisfies Catalogue<string>;

export type CheckoutMessageKey = keyof typeof CHECKOUT_MESSAGES;
