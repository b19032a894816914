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

const SCHEMAS =
  /[\\/](?:node_modules[\\/]zod[\\/]|src[\\/]core[\\/](?:protocol|outcome|errors|slip|konbini-stores|schema-checks)\.ts$|src[\\/]flow[\\/](?:post-form|challenge-frame)\.ts$)/;
const FLOW =
  /[\\/]src[\\/](?:flow[\\/]|providers[\\/]shared[\\/](?!script-loader\.ts$)|elements[\\/]checkout[\\/]checkout-results\.ts$)/;

export default defineConfig({
  plugins: [
    cleanChunks(),
    minifyLiterals(),
    classicEntry({
      entryName: 'kessai',
      // Two groups, in this order (a module goes to the first group that takes it; each takes the
      // modules it imports too). Left to itself, the bundler cuts shared code into a small chunk per
      // combination of chunks that share it, and every payment then fetches several, each with its
      // own gzip window and import lists (docs/architecture.md "Builds").
      groups: [
        // zod and the schemas checked in every chunk that reads data, with the challenge frame's
        // message and the 3-D Secure form poster: what the flow shares with the konbini fields, the
        // slip and the challenge frame, which a page may load without the flow (a slip on an order page).
        { name: 'schemas', test: SCHEMAS },
        // The payment flow, the checkout's views of a payment under way (always loaded with it) and
        // the providers' shared browser code (only ever loaded by the flow). The script loader stays
        // out: only the providers with their own card form load it.
        { name: 'checkout-controller', test: FLOW },
      ],
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
        // No comments at all: the bundler keeps its `@__PURE__` annotations otherwise, useless once
        // minified (0.1 KB gzip on a payment path). The source maps point to the sources' comments.
        comments: false,
        chunkFileNames: 'kessai-chunks/[name]-[hash].js',
      },
    },
  },
});
