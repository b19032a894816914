// Run before the end-to-end tests (`npm run test:e2e`): they load `dist/kessai.js` and its chunks, so a
// build older than its sources would test old code. Rebuilds the script-tag bundle when `dist/kessai.js`
// is missing or older than any file it is built from; otherwise says the build is current.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const output = join(root, 'dist', 'kessai.js');
const inputs = ['src', 'scripts/build', 'vite.config.ts', 'package.json', 'package-lock.json', 'tsconfig.json'];

/** The newest modification time of a file or of every file below a folder. */
function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = 0;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

const built = existsSync(output) ? statSync(output).mtimeMs : 0;
const sources = Math.max(...inputs.map((input) => newest(join(root, input))));
if (built >= sources) {
  console.log('e2e: dist/kessai.js is newer than its sources');
} else {
  console.log(built === 0 ? 'e2e: dist/kessai.js is missing: building it' : 'e2e: dist/kessai.js is older than src/: rebuilding it');
  const run = spawnSync('npm', ['run', 'build:browser'], { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) {
    console.error('e2e: the browser build failed; the end-to-end tests would test an old bundle.');
    process.exit(run.status ?? 1);
  }
}
