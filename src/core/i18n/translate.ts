import type { Locale } from '../locale.ts';

/** A message catalogue: one entry per key, each in every locale. */
export type Catalogue<K extends string> = Readonly<Record<K, Readonly<Record<Locale, string>>>>;

/**
 * Looks `key` up in `catalogue` and fills `{name}` placeholders from `params`. Values are plain text:
 * the elements render them with Lit text bindings, never as HTML.
 */
export function translate<K extends string>(
  catalogue: Catalogue<K>,
  locale: Locale,
  key: K,
  params: Readonly<Record<string, string | number>> = {},
): string {
  const template = catalogue[key][locale];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}
