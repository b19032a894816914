import { createHash } from 'node:crypto';
import { dirname, posix } from 'node:path';
import MagicString from 'magic-string';
import type { Plugin } from 'vite';

/**
 * Turns an ES build with lazy chunks into what a plain `<script src="kessai.js">` can load:
 *
 * - The entry becomes a classic script: wrapped in a strict function (nothing leaks onto `window`);
 *   its `import("./kessai-chunks/…")` calls resolved against the script's own URL (a classic script
 *   has no `import.meta.url`) and made to fetch that chunk's own imports at the same time; the
 *   bindings it shares with the chunks (Lit, the core modules) put on one object under
 *   `Symbol.for('kessai-elements/<build hash>')` instead of `export { … }`.
 * - Each chunk stays an ES module, loaded by `import()`; its `import { … } from "../kessai.js"` reads that
 *   object instead. Chunks import each other as ES modules do.
 *
 * Every module the entry reaches by static imports goes into the entry (not into common chunks).
 * The symbol's name is a hash of the whole build, so two different copies of kessai.js on one page
 * never read each other's bindings. Any shape this does not know (a namespace import of the entry, a
 * static import in the entry) fails the build rather than producing a script that breaks in a browser.
 */
const KEY_PLACEHOLDER = 'kessai-elements/0000000000000000';
const RUNTIME = `globalThis[Symbol.for(${JSON.stringify(KEY_PLACEHOLDER)})]`;
const BASE = '__kessai_base__';
const LOAD = '__kessai_load__';

/** `file` and every chunk it imports statically, transitively. */
function staticImports(file: string, chunks: Readonly<Record<string, { readonly imports: readonly string[] }>>, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const dep of chunks[file]?.imports ?? []) staticImports(dep, chunks, seen);
  return seen;
}

/** `a as b` in an export list (`a` local, `b` exported) or an import list (`a` imported, `b` local). */
interface Specifier {
  readonly name: string;
  readonly alias: string;
}

function parseSpecifiers(list: string): Specifier[] {
  return list
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const match = /^([\w$]+)(?:\s+as\s+([\w$]+))?$/.exec(part);
      if (!match?.[1]) throw new Error(`classic-entry: cannot read the specifier "${part}"`);
      return { name: match[1], alias: match[2] ?? match[1] };
    });
}

/** A chunk of lazily loaded modules that belong together (`test` sees each module id). */
export interface ChunkGroup {
  readonly name: string;
  readonly test: RegExp;
}

/**
 * `entryName`: the classic script. `groups`: lazily loaded modules to keep in one chunk each, after the
 * entry's own (a module the entry reaches stays in the entry).
 */
export function classicEntry(options: { readonly entryName: string; readonly groups?: readonly ChunkGroup[] }): Plugin {
  const entry = `${options.entryName}.js`;
  /** Every module the entry reaches by static imports: all of them belong in the classic script. */
  const entryGraph = new Set<string>();
  return {
    name: 'kessai:classic-entry',
    buildEnd() {
      const todo = [...this.getModuleIds()].filter((id) => this.getModuleInfo(id)?.isEntry);
      for (let id = todo.pop(); id !== undefined; id = todo.pop()) {
        if (entryGraph.has(id)) continue;
        entryGraph.add(id);
        todo.push(...(this.getModuleInfo(id)?.importedIds ?? []));
      }
    },
    outputOptions(output) {
      // Left alone, the bundler puts modules shared by the entry and a lazy chunk in common chunks the
      // entry would import; a group named like the entry keeps them in the entry itself.
      return {
        ...output,
        codeSplitting: {
          groups: [
            { name: options.entryName, test: (id: string) => entryGraph.has(id) },
            ...(options.groups ?? []).map((group) => ({
              name: group.name,
              test: (id: string) => !entryGraph.has(id) && group.test.test(id),
            })),
          ],
        },
        // Added after minification, which would drop a "use strict" it finds redundant in a module: a
        // classic script needs it to keep the semantics the module code was written for.
        postBanner: (chunk) => (chunk.isEntry ? '(function(){"use strict";' : ''),
        postFooter: (chunk) => (chunk.isEntry ? '})();' : ''),
      };
    },
    renderChunk(code, chunk, _output, meta) {
      const s = new MagicString(code);
      if (chunk.isEntry) {
        if (chunk.fileName !== entry) throw new Error(`classic-entry: unexpected entry ${chunk.fileName}`);
        if (chunk.imports.length > 0) throw new Error(`classic-entry: the entry imports ${chunk.imports.join(', ')} statically`);
        const exportRe = /^export\s*\{([^}]*)\};?[ \t]*$/gm;
        const exportsFound = [...code.matchAll(exportRe)];
        if (exportsFound.length > 1) throw new Error('classic-entry: more than one export statement in the entry');
        for (const found of exportsFound) {
          const shared = parseSpecifiers(found[1] ?? '').map((b) => `${JSON.stringify(b.alias)}:${b.name}`);
          s.overwrite(found.index, found.index + found[0].length, `${RUNTIME}={${shared.join(',')}};`);
        }
        if (/^\s*(?:import|export)\b/m.test(code.replace(exportRe, ''))) {
          throw new Error('classic-entry: the entry has an import or export statement a classic script cannot hold');
        }
        for (const found of code.matchAll(/\bimport\((["'])\.\/([^"']+)\1\)/g)) {
          const target = found[2] ?? '';
          if (meta.chunks[target] === undefined) throw new Error(`classic-entry: no chunk ${target}`);
          const deps = [...staticImports(target, meta.chunks)].filter((file) => file !== target && file !== entry);
          s.overwrite(found.index, found.index + found[0].length, `${LOAD}(${JSON.stringify([target, ...deps])})`);
        }
        s.prepend(
          `var ${BASE}=document.currentScript&&document.currentScript.src||document.baseURI;` +
            // A chunk and the chunks it imports are fetched at once, not one level after another.
            `function ${LOAD}(f){var m=f.map(function(p){return import(new URL(p,${BASE}).href)});` +
            `m.slice(1).forEach(function(p){p.catch(function(){})});return m[0]}\n`,
        );
      } else {
        const here = dirname(chunk.fileName);
        for (const found of code.matchAll(/^import\s*(\{[^}]*\}\s*from\s*)?(["'])([^"']+)\2;?[ \t]*$/gm)) {
          const target = posix.normalize(posix.join(here, found[3] ?? ''));
          if (target !== entry) continue;
          const bindings = found[1] ? parseSpecifiers(found[1].replace(/^\{|\}\s*from\s*$/g, '')) : [];
          const replacement = bindings.length === 0 ? '' : `const{${bindings.map((b) => `${JSON.stringify(b.name)}:${b.alias}`).join(',')}}=${RUNTIME};`;
          s.overwrite(found.index, found.index + found[0].length, replacement);
        }
        if (new RegExp(`from\\s*["'][./]*${entry.replace('.', '\\.')}["']`).test(s.toString())) {
          throw new Error(`classic-entry: ${chunk.fileName} imports the entry in a way this plugin cannot rewrite`);
        }
      }
      return { code: s.toString(), map: s.generateMap({ hires: true }) };
    },
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((file) => file.type === 'chunk').sort((a, b) => a.fileName.localeCompare(b.fileName));
      const hash = createHash('sha256');
      for (const file of chunks) hash.update(file.fileName).update(file.code);
      const key = `kessai-elements/${hash.digest('hex').slice(0, 16)}`;
      for (const file of chunks) file.code = file.code.split(KEY_PLACEHOLDER).join(key);
    },
  };
}
