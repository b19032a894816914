// Browser tests in Debian's Chromium (see README: "Tests"). CHROME_PATH overrides the binary.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
// TypeScript: `npm run test:browser` runs web-test-runner under tsx.
import { sandboxMiddleware } from './test/browser/server/sandbox-middleware.ts';
import { forcedColorsPlugin } from './test/browser/server/forced-colors-plugin.ts';

/** Debian's Chromium, headless, in the time zone `zone` (the machine's when undefined). */
function chromium(zone) {
  return chromeLauncher({
    launchOptions: {
      executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
      headless: true,
      ...(zone ? { env: { ...process.env, TZ: zone } } : {}),
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
  });
}

/**
 * The slip shows deadlines in JST whatever zone the shopper's machine is in: its tests run once per
 * zone (`test/browser/zones/`), each run first proving the browser really is in that zone.
 */
const ZONES = [
  ['utc', 'UTC'],
  ['tokyo', 'Asia/Tokyo'],
  ['los-angeles', 'America/Los_Angeles'],
];

export default {
  files: ['test/browser/**/*.test.ts', '!test/browser/zones/**', '!test/browser/konbini-slip.test.ts'],
  nodeResolve: true,
  // The demo's merchant endpoints and the provider emulators, for tests that pay for real.
  middleware: [sandboxMiddleware()],
  // One page at a time: the tests type and move focus like a shopper, which needs the focused tab.
  concurrency: 1,
  testFramework: { config: { timeout: 8000 } },
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' }), forcedColorsPlugin()],
  browsers: [chromium()],
  groups: ZONES.map(([name, zone]) => ({
    name: `slip-in-${name}`,
    files: `test/browser/zones/${name}.test.ts`,
    browsers: [chromium(zone)],
  })),
};
