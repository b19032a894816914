import { defineConfig } from 'vite';
import pkg from './package.json' with { type: 'json' };

/**
 * The server entries for Node and edge runtimes: `kessai-elements/server` (the merchant endpoint
 * handler) and `kessai-elements/sandbox` (the provider emulators). Never part of a browser bundle.
 */
const external = Object.keys(pkg.dependencies);

export default defineConfig({
  build: {
    target: 'node20',
    outDir: 'dist/server',
    emptyOutDir: true,
    sourcemap: true,
    minify: false,
    ssr: true,
    rolldownOptions: {
      input: { index: 'src/server/index.ts', sandbox: 'src/sandbox/index.ts' },
      output: { format: 'es', entryFileNames: '[name].js' },
      external: (id: string) =>
        id.startsWith('node:') || external.some((dep) => id === dep || id.startsWith(`${dep}/`)),
    },
  },
});
