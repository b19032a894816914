import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import { classicEntry } from './scripts/build/classic-entry-plugin.ts';
import { minifyLiterals } from './scripts/build/minify-literals-plugin.ts';

/**
 * The `<script>` tag bundle: `dist/kessai.js`, a minified classic script that registers the elements,
 * and `dist/kessai-chunks/`, the ES modules it loads when first needed (the payment flow and provider
 * adapters once a checkout starts, the konbini elements when konbini is offered, the challenge frame).
 * Built as ES with code splitting, then the entry is made a classic script by `classicEntry`. The size
 * budgets are checked by `scripts/size-budget.mjs`.
 */
/** Chunk names carry content hashes: old ones would pile up, and the size budget would read them. */
function cleanChunks(): Plugin {
  let chunksDir = '';
  return {
    name: 'kessai:clean-chunks',
    configResolved(config) {
      chunksDir = resolve(config.root, config.build.outDir, 'kessai-chunks');
    },
    buildStart() {
      rmSync(chunksDir, { recursive: true, force: true });
    },
  };
}

export default defineConfig({
  plugins: [
    cleanChunks(),
    minifyLiterals(),
    classicEntry({
      entryName: 'kessai',
      // The providers' shared browser code in one chunk: left to itself, the bundler cuts it into a
      // small chunk per combination of providers sharing a piece, each paying its own import overhead.
      // The script loader stays out: only the providers with their own card form load it.
      groups: [{ name: 'provider-shared', test: /[\\/]src[\\/]providers[\\/]shared[\\/](?!script-loader\.ts)/ }],
    }),
  ],
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: false,
    sourcemap: true,
    lib: {
      entry: { kessai: 'src/script-tag.ts' },
      formats: ['es'],
      fileName: (_format, name) => `${name}.js`,
    },
    rolldownOptions: {
      preserveEntrySignatures: false,
      output: {
        minify: true,
        chunkFileNames: 'kessai-chunks/[name]-[hash].js',
      },
    },
  },
});
