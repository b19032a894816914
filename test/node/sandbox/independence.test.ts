/**
 * The sandbox is a layer of its own (DESIGN.md, Layers): an emulator encodes what its provider does,
 * so it shares no code with the library it is there to test, and no library code depends on it.
 * ESLint's `no-restricted-imports` keeps this while editing; this test reads every import of `src/` and
 * fails on any that crosses the line, whatever the lint configuration says.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const SRC = join(ROOT, 'src');

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(path);
    else if (/\.(ts|js|mjs)$/.test(entry.name)) yield path;
  }
}

/** Every module specifier a file imports or re-exports (static, dynamic and type-only); comments skipped. */
function importsOf(source: string): string[] {
  const text = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const specifiers: string[] = [];
  const patterns = [/\b(?:import|export)\b[^'";]*?\bfrom\s*['"]([^'"]+)['"]/g, /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g, /^\s*import\s*['"]([^'"]+)['"]/gm];
  for (const pattern of patterns) for (const match of text.matchAll(pattern)) specifiers.push(match[1] as string);
  return specifiers;
}

/** `src/<layer>` a specifier of `file` lands in, or the package name for a bare specifier. */
function target(file: string, specifier: string): string {
  if (!specifier.startsWith('.')) return `package:${specifier}`;
  const path = relative(SRC, resolve(dirname(file), specifier));
  return path.startsWith('..') ? `outside:${path}` : (path.split(/[\\/]/)[0] ?? '');
}

describe('the sandbox layer', () => {
  it('imports nothing of src/ but src/sandbox, and no package but zod', () => {
    const crossings: string[] = [];
    for (const file of sourceFiles(join(SRC, 'sandbox'))) {
      for (const specifier of importsOf(readFileSync(file, 'utf8'))) {
        const lands = target(file, specifier);
        if (lands !== 'sandbox' && lands !== 'package:zod') crossings.push(`${relative(ROOT, file)} → ${specifier}`);
      }
    }
    assert.deepEqual(crossings, []);
  });

  it('is imported by no other part of src/ (server, flow, elements, providers, core, entries)', () => {
    const users: string[] = [];
    for (const file of sourceFiles(SRC)) {
      if (relative(SRC, file).startsWith('sandbox')) continue;
      for (const specifier of importsOf(readFileSync(file, 'utf8'))) {
        if (target(file, specifier) === 'sandbox' || specifier.includes('kessai-elements/sandbox')) {
          users.push(`${relative(ROOT, file)} → ${specifier}`);
        }
      }
    }
    assert.deepEqual(users, []);
  });

  it('finds the imports it looks for (a scan that sees nothing would pass for nothing)', () => {
    const sample = `/** import { z } from '../elements/z.ts'; */\n// import { y } from '../providers/y.ts';\nimport { a } from './a.ts';\nimport type { B } from '../core/b.ts';\nexport { c } from "../server/c.ts";\nconst d = await import('../flow/d.ts');\nimport './side.ts';`;
    assert.deepEqual(importsOf(sample).sort(), ['../core/b.ts', '../flow/d.ts', '../server/c.ts', './a.ts', './side.ts']);
    assert.equal(target(join(SRC, 'sandbox', 'komoju', 'card.ts'), '../../core/card/luhn.ts'), 'core');
  });
});
