import type { Catalogue } from '../../core/i18n/translate.ts';

/**
 * The words of `<kessai-checkout>` before a payment is sent; those after are in `result-messages.ts`
 * (they load with the flow), failures come from `FAILURE_MESSAGES`.
 */
export const CHECKOUT_MESSAGES = {
  payment_methods: { ja: 'お支払い方法', en: 'Payment method' },
  tab_card: { ja: 'クレジットカード', en: 'Card' },
  tab_konbini: { ja: 'コンビニ払い', en: 'Convenience store' },
  pay: { ja: '{amount} を支払う', en: 'Pay {amount}' },
  save_card: { ja: 'カードを保存', en: 'Save card' },
  busy: { ja: '処理中…', en: 'Processing…' },
  loading: { ja: '読み込み中…', en: 'Loading…' },
  retry: { ja: 'もう一度試す', en: 'Try again' },
  start_over: { ja: '最初からやり直す', en: 'Start over' },
  load_failed: {
    ja: 'お支払いフォームを読み込めませんでした。通信環境をご確認のうえ、もう一度お試しください。',
    en: 'The payment form could not be loaded. Check your connection and try again.',
  },
} as const satisfies Catalogue<string>;

export type CheckoutMessageKey = keyof typeof CHECKOUT_MESSAGES;
