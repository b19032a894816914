/** The languages the elements speak. */
export const LOCALES = ['ja', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/**
 * Picks the locale: an explicit attribute wins, then the page's `lang`, then the browser's languages.
 * Pure: the caller passes in what it read from the DOM and `navigator`.
 */
export function resolveLocale(
  explicit: string | null | undefined,
  pageLang: string | null | undefined,
  browserLangs: readonly string[] = [],
): Locale {
  for (const candidate of [explicit, pageLang, ...browserLangs]) {
    const base = candidate?.trim().toLowerCase().split(/[-_]/)[0];
    if (base === 'ja' || base === 'en') return base;
  }
  return 'ja';
}
