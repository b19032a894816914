import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { SourceMap } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Script } from 'node:vm';
import { build } from 'vite';

/**
 * The script-tag build as a browser will load it: `kessai.js` must be a classic script (no `import` or
 * `export` statement, nothing leaking onto `window`), its chunks ES modules that read the entry's
 * bindings from one per-build symbol. Built afresh here with the project's own config.
 */
let out: string;
let entry: string;
let chunks: Map<string, string>;

before(async () => {
  out = await mkdtemp(join(tmpdir(), 'kessai-build-'));
  await build({ configFile: 'vite.config.ts', logLevel: 'silent', build: { outDir: out } });
  entry = await readFile(join(out, 'kessai.js'), 'utf8');
  chunks = new Map();
  for (const name of await readdir(join(out, 'kessai-chunks'))) {
    if (name.endsWith('.js')) chunks.set(name, await readFile(join(out, 'kessai-chunks', name), 'utf8'));
  }
});

after(async () => {
  await rm(out, { recursive: true, force: true });
});

const runtimeKeys = (code: string): string[] => [...code.matchAll(/Symbol\.for\(["'`](kessai-elements\/[^"'`]+)["'`]\)/g)].map((m) => m[1] ?? '');

describe('the script-tag build', () => {
  it('kessai.js compiles as a classic script and keeps its names to itself', () => {
    assert.doesNotThrow(() => new Script(entry, { filename: 'kessai.js' }));
    assert.match(entry, /^\(function\(\)\{"use strict";/);
    assert.match(entry, /\}\)\(\);\n\/\/# sourceMappingURL=kessai\.js\.map\n?$/);
  });

  it('loads chunks that exist, resolved against its own URL', () => {
    const named = [...entry.matchAll(/kessai-chunks\/([\w-]+\.js)/g)].map((m) => m[1] ?? '');
    assert.ok(named.length >= 4, `${named.length} chunk names in kessai.js`);
    for (const name of named) assert.ok(chunks.has(name), `kessai.js names ${name}, which was not built`);
    assert.match(entry, /document\.currentScript/);
    assert.doesNotMatch(entry, /import\(["'`]\.\//, 'no import() relative to the page');
  });

  it('shares one per-build symbol between the entry and its chunks', () => {
    const keys = new Set([runtimeKeys(entry), ...[...chunks.values()].map(runtimeKeys)].flat());
    assert.equal(keys.size, 1, [...keys].join(', '));
    const [key] = keys;
    assert.match(key ?? '', /^kessai-elements\/[0-9a-f]{16}$/);
    assert.notEqual(key, 'kessai-elements/0000000000000000');
  });

  it('no chunk imports kessai.js as a module', () => {
    for (const [name, code] of chunks) {
      assert.doesNotMatch(code, /from\s*["'`][./]*kessai\.js["'`]/, name);
      assert.doesNotMatch(code, /import\s*["'`][./]*kessai\.js["'`]/, name);
    }
  });

  it('puts the flow, zod and the lazy elements in chunks, not in kessai.js', () => {
    assert.ok([...chunks.keys()].some((name) => name.startsWith('checkout-controller-')));
    for (const tag of ['konbini-fields', 'konbini-slip', 'challenge']) {
      assert.ok([...chunks.keys()].some((name) => name.startsWith(`${tag}-`)), tag);
    }
    assert.doesNotMatch(entry, /\$ZodObject|_zod/, 'zod stays out of kessai.js');
  });

  it('loads the flow and its views as one chunk, and the lazy elements without the flow', () => {
    const named = (prefix: string): [string, string] => {
      const found = [...chunks].filter(([name]) => name.startsWith(`${prefix}-`));
      assert.equal(found.length, 1, `one ${prefix} chunk: ${[...chunks.keys()].join(' ')}`);
      return found[0] ?? ['', ''];
    };
    const imports = (code: string): string[] => [...code.matchAll(/\bimport\s*(?:\{[^}]*\}\s*from\s*)?["'`]\.\/([\w-]+\.js)["'`]/g)].map((m) => m[1] ?? '');
    const [flowName] = named('checkout-controller');
    const [schemasName] = named('schemas');
    // The checkout's views of a payment under way come with the flow: no chunk of their own, no other
    // small chunk on every payment's path. Each provider's chunk needs only the two.
    assert.deepEqual([...chunks.keys()].filter((name) => /^(checkout-results|provider-shared|post-form)-/.test(name)), []);
    assert.deepEqual(imports(named('checkout-controller')[1]), [schemasName]);
    assert.deepEqual(imports(named('komoju')[1]).sort(), [flowName, schemasName].sort());
    assert.deepEqual(imports(named('schemas')[1]), []);
    // A slip alone on an order page (and the konbini fields, the challenge frame) loads zod and the
    // schemas it checks with, never the payment flow.
    for (const tag of ['konbini-fields', 'konbini-slip', 'challenge']) {
      assert.deepEqual(imports(named(tag)[1]), [schemasName], tag);
    }
  });

  it('keeps no comments but the source map link in what it ships', () => {
    for (const [name, code] of [['kessai.js', entry], ...chunks] as const) {
      assert.doesNotMatch(code, /@__PURE__|@__NO_SIDE_EFFECTS__/, name);
    }
  });

  it('maps kessai.js and its chunks back to their sources, after the wrapping', async () => {
    const where = async (file: string, code: string, needle: string): Promise<string> => {
      const map = new SourceMap(JSON.parse(await readFile(`${file}.map`, 'utf8')) as never);
      const at = code.indexOf(needle);
      assert.ok(at >= 0, needle);
      const before = code.slice(0, at);
      const entry = map.findEntry(before.split('\n').length - 1, at - before.lastIndexOf('\n') - 1) as {
        originalSource?: string;
        originalLine?: number;
      };
      const source = await readFile(resolve(dirname(file), entry.originalSource ?? ''), 'utf8').catch(() => '');
      return `${(entry.originalSource ?? '').replace(/^.*\/src\//, 'src/')} ${source.split('\n')[entry.originalLine ?? -1] ?? ''}`;
    };
    assert.match(await where(join(out, 'kessai.js'), entry, 'could not load <'), /^src\/elements\/shared\/autoload\.ts .*could not load/);
    const [fieldsName, fieldsCode] = [...chunks].find(([name]) => name.startsWith('konbini-fields-')) ?? ['', ''];
    assert.match(
      await where(join(out, 'kessai-chunks', fieldsName), fieldsCode, 'unknown stores ignored'),
      /^src\/elements\/konbini-fields\/konbini-fields\.ts .*unknown stores ignored/,
    );
  });
});
