import type { Locale } from '../locale.ts';

const INTL_LOCALE: Readonly<Record<Locale, string>> = { ja: 'ja-JP', en: 'en-US' };

/**
 * An amount in minor units of `currency` (yen have none) as the shopper reads it:
 * `formatAmount(1500, 'JPY', 'ja')` → `￥1,500`, `'en'` → `¥1,500`; `formatAmount(1999, 'USD', 'en')`
 * → `$19.99`. A currency code Intl does not accept falls back to `1500 XYZ` rather than throwing.
 */
export function formatAmount(amount: number, currency: string, locale: Locale): string {
  let format: Intl.NumberFormat;
  try {
    format = new Intl.NumberFormat(INTL_LOCALE[locale], { style: 'currency', currency });
  } catch {
    return `${amount} ${currency}`;
  }
  const digits = format.resolvedOptions().maximumFractionDigits ?? 0;
  return format.format(amount / 10 ** digits);
}
