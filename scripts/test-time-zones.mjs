// The node tests of everything that shows a date or a deadline, run once per time zone (`npm run
// test:zones`, part of `npm test`). Deadlines must read the same in JST whatever zone the machine is
// in: a developer in Japan, CI in UTC, a reviewer in California. A formatter that forgot its
// `timeZone: 'Asia/Tokyo'` passes on a machine set to Japan time and fails here in the other two.
import { spawnSync } from 'node:child_process';

export const ZONES = ['UTC', 'Asia/Tokyo', 'America/Los_Angeles'];
const FILES = [
  'test/node/core/time-zone.test.ts',
  'test/node/core/konbini-deadline.test.ts',
  'test/node/providers/komoju-map-outcome.test.ts',
  'test/node/providers/univapay-map-outcome.test.ts',
  'test/node/sandbox/komoju-konbini.test.ts',
  'test/node/sandbox/univapay-emulator.test.ts',
];

let failed = false;
for (const zone of ZONES) {
  console.log(`zones: ${FILES.length} files with TZ=${zone}`);
  const run = spawnSync('npx', ['tsx', '--test', '--test-reporter=dot', '--test-timeout=60000', ...FILES], {
    stdio: 'inherit',
    env: { ...process.env, TZ: zone },
  });
  if (run.status !== 0) {
    console.error(`zones: failures with TZ=${zone}`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
