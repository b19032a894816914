import { defineConfig } from 'vite';
import { classicEntry } from './scripts/build/classic-entry-plugin.ts';
import { minifyLiterals } from './scripts/build/minify-literals-plugin.ts';

/**
 * The `<script>` tag bundle: `dist/kessai.js`, a minified classic script that registers the elements,
 * and `dist/kessai-chunks/`, the ES modules it loads when first needed (the payment flow and provider
 * adapters once a checkout starts, the konbini elements when konbini is offered, the challenge frame).
 * Built as ES with code splitting, then the entry is made a classic script by `classicEntry`. The size
 * budgets are checked by `scripts/size-budget.mjs`.
 */
export default defineConfig({
  plugins: [minifyLiterals(), classicEntry({ entryName: 'kessai' })],
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
      output: { minify: true, chunkFileNames: 'kessai-chunks/[name]-[hash].js' },
    },
  },
});
