/**
 * An amount in the currency's minor units (yen have none) as the emulators' pages show it:
 * `formatMoney(1500, 'JPY', 'ja')` → `￥1,500`, `'en'` → `¥1,500`; `formatMoney(1999, 'USD', 'en')` →
 * `$19.99`. A currency code Intl does not know shows as `1500 XYZ`.
 */
export function formatMoney(amount: number, currency: string, lang: 'ja' | 'en'): string {
  let format: Intl.NumberFormat;
  try {
    format = new Intl.NumberFormat(lang === 'ja' ? 'ja-JP' : 'en-US', { style: 'currency', currency });
  } catch {
    return `${amount} ${currency}`;
  }
  const digits = format.resolvedOptions().maximumFractionDigits ?? 0;
  return format.format(amount / 10 ** digits);
}
