import type { CardBrand } from '../../core/card/brand.ts';

/**
 * Card brand names as providers spell them (`visa`, `master`, `mastercard`, `jcb`, `american_express`,
 * `amex`, `diners_club`, `diners`, `discover`) onto our `CardBrand` ids (src/core/card/brand.ts).
 */
const CARD_BRANDS: ReadonlyMap<string, CardBrand> = new Map([
  ['visa', 'visa'],
  ['master', 'mastercard'],
  ['mastercard', 'mastercard'],
  ['jcb', 'jcb'],
  ['american_express', 'amex'],
  ['amex', 'amex'],
  ['diners_club', 'diners'],
  ['diners', 'diners'],
  ['discover', 'discover'],
]);

/**
 * Our brand id for a provider's brand name (trimmed, lower-cased); a name we do not list becomes
 * `otherwise(name)` (by default the name itself).
 */
export function cardBrandFromProvider(
  brand: string,
  otherwise: (name: string) => string = (name) => name,
): string {
  const name = brand.trim().toLowerCase();
  return CARD_BRANDS.get(name) ?? otherwise(name);
}
