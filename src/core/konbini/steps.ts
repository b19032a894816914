import type { KonbiniStore } from '../konbini-stores.ts';
import type { Locale } from '../locale.ts';

/**
 * When a step applies: only with a confirmation number on the slip, only without one, only with a
 * provider slip page (`slipUrl`), only without one. A step without `when` always applies.
 */
export type StepCondition = 'confirmation' | 'no-confirmation' | 'slip-url' | 'no-slip-url';

/** One step of a store's own way to pay, in both languages. */
export interface StoreStep extends Readonly<Record<Locale, string>> {
  readonly when?: StepCondition;
}

/** The last step is the same everywhere: cash at the register, keep the receipt (industry-generic). */
const PAY_CASH: StoreStep = {
  ja: 'レジで現金でお支払いください。領収書(レシート)は大切に保管してください。',
  en: 'Pay in cash at the register and keep the receipt.',
};

/**
 * Lawson and Ministop both use the Loppi kiosk (Ministop moved to Loppi; industry-generic, not from a
 * provider): the "I have a number" menu, the payment number, then the confirmation number; the kiosk
 * prints an application ticket that is valid for 30 minutes at the register (industry-generic; see
 * docs/providers.md "Konbini chains › Slips"). Some processors issue no 確認番号 and use the shopper's
 * phone number instead (same section), hence the `no-confirmation` variant.
 */
const LOPPI: readonly StoreStep[] = [
  {
    ja: '店内のLoppi(ロッピー)端末で「各種番号をお持ちの方」を選びます。',
    en: 'At the Loppi kiosk in the store, choose 「各種番号をお持ちの方」 (for customers with a number).',
  },
  {
    when: 'confirmation',
    ja: '支払い番号を入力し、続けて確認番号を入力します。',
    en: 'Enter the payment number, then the confirmation number.',
  },
  {
    when: 'no-confirmation',
    ja: '支払い番号を入力します。確認番号を求められたら、お申し込み時の電話番号を入力してください。',
    en: 'Enter the payment number. If asked for a confirmation number, enter the phone number you gave with your order.',
  },
  {
    ja: '内容を確認すると申込券が印刷されます。30分以内にレジへお持ちください。',
    en: 'Check the details; the kiosk prints a ticket. Take it to the register within 30 minutes.',
  },
  PAY_CASH,
];

/**
 * Seicomart (docs/providers.md "Konbini chains › Slips") and Daily Yamazaki (UNCONFIRMED there: assumed
 * to work the same way) take the "online payment number" at the register's touch panel, with no kiosk.
 */
const ONLINE_PAYMENT_AT_REGISTER: readonly StoreStep[] = [
  {
    ja: 'レジで「オンライン決済」とお伝えください。',
    en: 'At the register, say "online payment" (オンライン決済).',
  },
  {
    ja: 'レジのタッチパネルに、オンライン決済番号(この画面の支払い番号)を入力します。',
    en: 'Enter the online payment number (the payment number on this screen) on the touch panel.',
  },
  PAY_CASH,
];

/**
 * Each chain's own way to pay, as ordered steps in Japanese and English, worded for a shopper standing
 * in the store with only a phone. The steps say "payment number" and "confirmation number", the labels
 * the slip shows. Facts marked industry-generic come from how Japanese konbini payments work in general
 * (docs/providers.md "Konbini chains › Slips", third-party sources), not from one provider: exact kiosk
 * menu wording and digit counts vary with the payment processor.
 */
export const STORE_STEPS: Readonly<Record<KonbiniStore, readonly StoreStep[]>> = {
  lawson: LOPPI,
  ministop: LOPPI,
  // FamilyMart: the Famiポート multi-copy machine prints a ticket valid 30 minutes, paid at the register;
  // a barcode slip can be shown at the register directly (industry-generic). Numbers printed as
  // `20020-123456789012` are company code (企業コード, 5 digits) and order number (注文番号, 12 digits),
  // which the machine asks for one after the other (industry-generic).
  'family-mart': [
    {
      ja: '店内のFamiポート(マルチコピー機)で、画面の案内に従って支払い番号を入力します。番号がハイフンで区切られているときは、前半(企業コード)と後半(注文番号)を分けて入力します。',
      en: 'At the Famiポート kiosk (multi-copy machine) in the store, follow the screen and enter the payment number. If it has a hyphen, enter the part before it (company code) and the part after it (order number) separately.',
    },
    {
      ja: '印刷された申込券を30分以内にレジへお持ちください。',
      en: 'Take the printed ticket to the register within 30 minutes.',
    },
    {
      when: 'slip-url',
      ja: 'バーコード付きの払込票を表示できる場合は、Famiポートを使わずにレジで画面をお見せいただけます。',
      en: 'If you can open the payment slip with its barcode, you can skip the kiosk and show it at the register.',
    },
    PAY_CASH,
  ],
  // 7-Eleven has no kiosk step: the shopper shows (or prints) the "internet shopping payment slip"
  // (払込票) or its barcode at the register, or quotes the payment slip number (払込票番号, commonly 13 digits)
  // (industry-generic). KOMOJU and UnivaPay give a slip page URL for 7-Eleven (docs/providers.md
  // "Konbini chains › Slips").
  'seven-eleven': [
    {
      when: 'slip-url',
      ja: '下の「払込票を表示」から払込票を開きます(印刷しても構いません)。',
      en: 'Open the payment slip with "Open the payment slip" below (or print it).',
    },
    {
      when: 'no-slip-url',
      ja: 'この画面の支払い番号(払込票番号)を控えます。',
      en: 'Note the payment number on this screen (the payment slip number, 払込票番号).',
    },
    {
      ja: 'レジで「インターネット支払い」とお伝えし、払込票のバーコードをお見せいただくか、払込票番号をお伝えください。',
      en: 'At the register, say "internet payment" (インターネット支払い) and show the slip\'s barcode, or tell the staff the payment slip number.',
    },
    PAY_CASH,
  ],
  seicomart: ONLINE_PAYMENT_AT_REGISTER,
  'daily-yamazaki': ONLINE_PAYMENT_AT_REGISTER,
};

/** What a slip has, which decides the steps that apply. */
export interface SlipFeatures {
  readonly confirmationNumber: boolean;
  readonly slipUrl: boolean;
}

function applies(step: StoreStep, has: SlipFeatures): boolean {
  switch (step.when) {
    case undefined:
      return true;
    case 'confirmation':
      return has.confirmationNumber;
    case 'no-confirmation':
      return !has.confirmationNumber;
    case 'slip-url':
      return has.slipUrl;
    case 'no-slip-url':
      return !has.slipUrl;
  }
}

/** The steps of `store` in `locale` that apply to a slip with these features, in order. */
export function storeSteps(store: KonbiniStore, locale: Locale, has: SlipFeatures): string[] {
  return STORE_STEPS[store].filter((step) => applies(step, has)).map((step) => step[locale]);
}

/**
 * The chain's own name for the payment number, where it has a well-known one, shown under the
 * generic "payment number" label so that it matches the words at the register (industry-generic).
 */
export const STORE_NUMBER_NAMES: Readonly<Partial<Record<KonbiniStore, Readonly<Record<Locale, string>>>>> =
  {
    'seven-eleven': { ja: '払込票番号', en: 'Payment slip number' },
    seicomart: { ja: 'オンライン決済番号', en: 'Online payment number' },
    'daily-yamazaki': { ja: 'オンライン決済番号', en: 'Online payment number' },
  };
