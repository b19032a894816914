import { defineConfig } from 'vite';
import pkg from './package.json' with { type: 'json' };

/**
 * The npm build: `dist/esm/index.js`, an ES module for SPAs. Dependencies stay external so an app's
 * bundler dedupes Lit and zod with its own copies.
 */
const external = Object.keys(pkg.dependencies);

export default defineConfig({
  build: {
    target: 'es2022',
    outDir: 'dist/esm',
    emptyOutDir: true,
    sourcemap: true,
    minify: false,
    lib: { entry: 'src/index.ts', formats: ['es'], fileName: () => 'index.js' },
    rolldownOptions: {
      external: (id: string) => external.some((dep) => id === dep || id.startsWith(`${dep}/`)),
    },
  },
});
