// Generates custom-elements.json from the elements' JSDoc (`--write`), or fails when the committed
// one differs from what the analyzer generates now (the default; CI). Modules are sorted by path: the
// analyzer lists them in the order the file system returns them, which differs between machines.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const write = process.argv.includes('--write');
// The analyzer resolves --outdir against the working folder, so the scratch copy goes under .tmp/.
const dir = join('.tmp', 'manifest-check');

const normalize = (json) => {
  const manifest = JSON.parse(json);
  manifest.modules.sort((a, b) => a.path.localeCompare(b.path));
  return `${JSON.stringify(manifest, null, 2)}\n`;
};

try {
  execFileSync('npx', ['custom-elements-manifest', 'analyze', '--outdir', dir, '--quiet'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const fresh = normalize(readFileSync(join(dir, 'custom-elements.json'), 'utf8'));
  if (write) {
    writeFileSync('custom-elements.json', fresh);
    console.log('manifest: wrote custom-elements.json');
  } else {
    let committed = '';
    try {
      committed = normalize(readFileSync('custom-elements.json', 'utf8'));
    } catch {
      // missing or unreadable counts as stale
    }
    if (fresh !== committed) {
      console.error('manifest: custom-elements.json is stale; run `npm run manifest` and commit it');
      process.exit(1);
    }
    console.log('manifest: custom-elements.json is up to date');
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
