import { defineConfig } from 'vite';

/**
 * The `<script>` tag bundle: `dist/kessai.js`, a minified classic script (IIFE) that registers every
 * element. Lit, zod/mini and the brand table are bundled in; the size budget is checked by
 * `scripts/size-budget.mjs`.
 */
export default defineConfig({
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: false,
    sourcemap: true,
    lib: {
      entry: 'src/index.ts',
      formats: ['iife'],
      name: 'KessaiElements',
      fileName: () => 'kessai.js',
    },
  },
});
