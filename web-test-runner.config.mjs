// Browser tests in Debian's Chromium (see README: "Tests"). CHROME_PATH overrides the binary.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { build } from 'esbuild';
import path from 'node:path';

// Dependencies published only as CommonJS. Vite converts them when it builds; the test server does not,
// so this plugin serves each one's entry as a small ES module bundled by esbuild (default export =
// `module.exports`, as Vite and tsx give it).
const COMMONJS_ENTRIES = ['/node_modules/credit-card-type/dist/index.js'];

function commonJsAsEsm() {
  const cache = new Map();
  return {
    name: 'commonjs-as-esm',
    async serve(context) {
      if (!COMMONJS_ENTRIES.includes(context.path)) return undefined;
      if (!cache.has(context.path)) {
        const result = await build({
          entryPoints: [path.join(process.cwd(), context.path)],
          bundle: true,
          format: 'esm',
          platform: 'browser',
          write: false,
          logLevel: 'silent',
        });
        cache.set(context.path, result.outputFiles[0].text);
      }
      return { body: cache.get(context.path), type: 'js' };
    },
  };
}

export default {
  files: 'test/browser/**/*.test.ts',
  nodeResolve: true,
  // One page at a time: the tests type and move focus like a shopper, which needs the focused tab.
  concurrency: 1,
  testFramework: { config: { timeout: 8000 } },
  plugins: [commonJsAsEsm(), esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' })],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
        headless: true,
        args: [
          '--no-sandbox',
          '--headless',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--no-first-run',
          '--disable-sync',
        ],
      },
    }),
  ],
};
