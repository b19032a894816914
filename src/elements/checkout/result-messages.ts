import type { Catalogue } from '../../core/i18n/translate.ts';

/** The words of `<kessai-checkout>` once a payment is under way or done (`checkout-results.ts`). */
export const RESULT_MESSAGES = {
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
  success_setup_title: { ja: 'カードを保存しました', en: 'Card saved' },
  success_text: { ja: 'ありがとうございました。', en: 'Thank you.' },
  success_card: { ja: '{brand} 末尾 {last4}', en: '{brand} ending in {last4}' },
  pending_title: { ja: 'コンビニでお支払いください', en: 'Pay at the convenience store' },
  canceled: { ja: 'お支払いはキャンセルされました。', en: 'The payment was canceled.' },
} as const satisfies Catalogue<string>;

export type ResultMessageKey = keyof typeof RESULT_MESSAGES;
