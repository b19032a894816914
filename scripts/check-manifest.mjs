// Fails when the committed custom-elements.json is not what the analyzer generates from the sources
// now (the manifest is part of the package: editors and React wrappers read it).
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

// The analyzer resolves --outdir against the working folder, so the scratch copy goes under .tmp/.
const dir = join('.tmp', 'manifest-check');
try {
  execFileSync(
    'npx',
    ['custom-elements-manifest', 'analyze', '--outdir', dir, '--quiet'],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const fresh = readFileSync(join(dir, 'custom-elements.json'), 'utf8');
  let committed = '';
  try {
    committed = readFileSync('custom-elements.json', 'utf8');
  } catch {
    // missing counts as stale
  }
  if (JSON.stringify(JSON.parse(fresh)) !== (committed && JSON.stringify(JSON.parse(committed)))) {
    console.error('manifest: custom-elements.json is stale; run `npm run manifest` and commit it');
    process.exit(1);
  }
  console.log('manifest: custom-elements.json is up to date');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
