// tsc keeps the `.ts` extension of relative imports in emitted declarations; rewrite them to `.js`
// so that every consumer's TypeScript (any moduleResolution) finds the matching `.d.ts`.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function* walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (path.endsWith('.d.ts')) yield path;
  }
}
let files = 0;
for (const file of walk('dist/types')) {
  const text = readFileSync(file, 'utf8');
  const fixed = text.replace(/((?:from|import)\s*\(?\s*['"])(\.{1,2}\/[^'"]+)\.ts(['"])/g, '$1$2.js$3');
  if (fixed !== text) {
    writeFileSync(file, fixed);
    files += 1;
  }
}
console.log(`types: rewrote relative .ts imports in ${files} declaration files`);
