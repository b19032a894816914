/**
 * A person's name as typed: leading and trailing spaces removed and every run of whitespace (the
 * ideographic space U+3000 and no-break space included) collapsed to one ASCII space.
 * `'　山田　　太郎 '` → `'山田 太郎'`. Letters are kept as typed (no width conversion).
 */
export function normalizeName(raw: string): string {
  return raw.replace(/\s+/gu, ' ').trim();
}

export type NameCheck =
  | { readonly ok: true; readonly value: string }
  | { readonly ok: false; readonly reason: 'empty' };

/** A required name: the normalized name, or `empty` when nothing but spaces was typed. */
export function checkName(raw: string): NameCheck {
  const value = normalizeName(raw);
  return value === '' ? { ok: false, reason: 'empty' } : { ok: true, value };
}
