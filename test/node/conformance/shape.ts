import { readFileSync } from 'node:fs';

/**
 * Compares an emulator's answer with a provider's documented example, field by field: every field of
 * the example must be in the answer, at the same place, with the same JSON type (a string that is a
 * time in the example must be a time); where the example has `null` the document does not fix the
 * type, so any value passes; enum values come from the fixture's `enums` (dotted paths). Fields the
 * emulator adds are listed apart: they are not an error (the documents' examples are not exhaustive).
 */

export interface DocumentFixture {
  readonly source: string;
  readonly note?: string;
  readonly enums?: Readonly<Record<string, readonly string[]>>;
  readonly example?: unknown;
  readonly [key: string]: unknown;
}

export function fixture(name: string, provider: 'komoju' | 'paymentoptions' = 'komoju'): DocumentFixture {
  return JSON.parse(readFileSync(new URL(`./fixtures/${provider}/${name}`, import.meta.url), 'utf8')) as DocumentFixture;
}

function kind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/;

export interface ShapeReport {
  /** Disagreements: a documented field missing, of another type, or an undocumented enum value. */
  readonly problems: string[];
  /** Fields of the answer that the example does not show. */
  readonly extra: string[];
}

export function compareShape(
  documented: unknown,
  actual: unknown,
  options: { readonly enums?: Readonly<Record<string, readonly string[]>>; readonly nullable?: readonly string[] } = {},
): ShapeReport {
  const problems: string[] = [];
  const extra: string[] = [];
  const enums = options.enums ?? {};
  const nullable = new Set(options.nullable ?? []);

  function walk(doc: unknown, got: unknown, path: string): void {
    const allowed = enums[path.replace(/\[\d+\]/g, '[]')];
    if (allowed && got !== null && !allowed.includes(String(got))) problems.push(`${path}: ${JSON.stringify(got)} is not one of ${allowed.join(', ')}`);
    if (doc === null) return;
    if (got === null && nullable.has(path.replace(/\[\d+\]/g, '[]'))) return;
    if (kind(doc) !== kind(got)) {
      problems.push(`${path || '(root)'}: documented ${kind(doc)}, emulator ${kind(got)}`);
      return;
    }
    if (typeof doc === 'string' && TIME.test(doc) && (typeof got !== 'string' || Number.isNaN(Date.parse(got)))) {
      problems.push(`${path}: documented a time, emulator ${JSON.stringify(got)}`);
    }
    if (Array.isArray(doc) && Array.isArray(got)) {
      if (doc.length > 0) got.forEach((item, i) => walk(doc[0], item, `${path}[${i}]`));
      return;
    }
    if (doc && typeof doc === 'object' && got && typeof got === 'object') {
      const docObject = doc as Record<string, unknown>;
      const gotObject = got as Record<string, unknown>;
      for (const [key, value] of Object.entries(docObject)) {
        const inner = path ? `${path}.${key}` : key;
        if (!(key in gotObject)) problems.push(`${inner}: documented, missing from the emulator`);
        else walk(value, gotObject[key], inner);
      }
      // `metadata` is the merchant's: its keys are not the provider's fields.
      if (!path.endsWith('metadata')) {
        for (const key of Object.keys(gotObject)) if (!(key in docObject)) extra.push(path ? `${path}.${key}` : key);
      }
    }
  }
  walk(documented, actual, '');
  return { problems, extra };
}
