// Size budgets of the script-tag build, gzip level 9 (what a CDN serves). Prints the figures and exits
// 1 when one is over budget. Run after `npm run build`.
//
// `dist/kessai.js` is what every page loads: the elements that draw the card form. The rest is in
// `dist/kessai-chunks/`, loaded when needed; a "path" is what one kind of payment loads in all (the
// entry, the chunk of the flow or element, and every chunk those import), so a budget cannot be met
// by moving code from the script into a chunk that is always fetched anyway.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { posix } from 'node:path';

const KB = 1024;
const DIST = 'dist';
const ENTRY = 'kessai.js';
const CHUNKS = 'kessai-chunks';

/**
 * What one payment loads: the entry plus the chunks whose names start with these. Each provider's
 * browser code is a chunk of its own (`src/providers/<name>/index.ts` → `<name>-*.js`), so each
 * provider has its own paths; a provider whose sessions take cards in its own form also loads the view
 * around that form (`card-surface-view`).
 *
 * The providers are the folders of `src/providers/` with a `manifest.ts`; each keeps its budgets in its
 * own `size-budget.json` (`label`, `cardForm` "ours" | "provider", `cardKB`, `konbiniKB` where it has
 * konbini, and `notes` on why a budget changed), so a new provider edits nothing here. A provider
 * folder without one fails the check.
 */
/** The flow's chunk, with the checkout's views of a payment under way (loaded with it, always). */
const FLOW = ['checkout-controller'];
const KONBINI = ['konbini-fields', 'konbini-slip'];
const PROVIDERS_DIR = 'src/providers';
let failed = false;
const PROVIDERS = readdirSync(PROVIDERS_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(posix.join(PROVIDERS_DIR, entry.name, 'manifest.ts')))
  .map((entry) => entry.name)
  .sort()
  .flatMap((chunk) => {
    const file = posix.join(PROVIDERS_DIR, chunk, 'size-budget.json');
    if (!existsSync(file)) {
      console.error(`size: ${file} is missing: every provider states its budgets (see scripts/size-budget.mjs)`);
      failed = true;
      return [];
    }
    const budget = JSON.parse(readFileSync(file, 'utf8'));
    if (typeof budget.label !== 'string' || !['ours', 'provider'].includes(budget.cardForm) || !(budget.cardKB > 0)) {
      console.error(`size: ${file} needs label, cardForm ("ours" or "provider") and cardKB`);
      failed = true;
      return [];
    }
    return [
      {
        name: budget.label,
        chunk,
        surface: budget.cardForm === 'provider',
        card: budget.cardKB * KB,
        konbini: budget.konbiniKB === undefined ? undefined : budget.konbiniKB * KB,
      },
    ];
  });
const PATHS = PROVIDERS.flatMap((provider) => [
  {
    name: `${provider.name} card${provider.surface ? ' (provider form)' : ''}`,
    chunks: [...FLOW, provider.chunk, ...(provider.surface ? ['card-surface-view'] : [])],
    maxGzipBytes: provider.card,
  },
  // A provider without konbini (PAY.JP v2) has no konbini path.
  ...(provider.konbini
    ? [{ name: `${provider.name} konbini`, chunks: [...FLOW, provider.chunk, ...KONBINI], maxGzipBytes: provider.konbini }]
    : []),
]);
const ENTRY_BUDGET = 20 * KB;
// Not in any path, reported on its own line: `brand-marks` (the card brands' marks, about 1.2 KB), which
// every card form loads after it is drawn, off the way to a payment: the form works and names the brands
// in text without it. Like the saved cards' chunk, it is measured on its own line below.

const kb = (n) => `${(n / KB).toFixed(2)} KB`;
const gzipSize = (file) => gzipSync(readFileSync(posix.join(DIST, file)), { level: 9 }).length;

if (!existsSync(posix.join(DIST, ENTRY))) {
  console.error(`size: ${DIST}/${ENTRY} is missing; run npm run build first`);
  process.exit(1);
}
const chunkFiles = existsSync(posix.join(DIST, CHUNKS))
  ? readdirSync(posix.join(DIST, CHUNKS)).filter((f) => f.endsWith('.js')).map((f) => `${CHUNKS}/${f}`)
  : [];

/** The chunks `file` imports, statically, transitively (ES `import … from "./x.js"`). */
function withImports(file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  const code = readFileSync(posix.join(DIST, file), 'utf8');
  for (const match of code.matchAll(/(?:^|[;}\s])import\s*(?:[\w${},\s*]+from\s*)?["'](\.{1,2}\/[^"']+)["']/g)) {
    const target = posix.normalize(posix.join(posix.dirname(file), match[1]));
    if (target !== ENTRY) withImports(target, seen);
  }
  return seen;
}

const report = (label, bytes, budget) => {
  const ok = budget === undefined || bytes <= budget;
  failed ||= !ok;
  console.log(`size: ${label.padEnd(48)} ${kb(bytes).padStart(8)} gzip${budget ? ` (budget ${kb(budget)}) ${ok ? 'ok' : 'OVER BUDGET'}` : ''}`);
};

const entryRaw = readFileSync(posix.join(DIST, ENTRY)).length;
console.log(`size: ${DIST}/${ENTRY} is ${kb(entryRaw)} raw`);
report(`${DIST}/${ENTRY}`, gzipSize(ENTRY), ENTRY_BUDGET);
for (const file of chunkFiles.sort()) report(`  ${DIST}/${file}`, gzipSize(file));
for (const path of PATHS) {
  const files = new Set([ENTRY]);
  for (const prefix of path.chunks) {
    const found = chunkFiles.filter((f) => posix.basename(f).startsWith(`${prefix}-`));
    const chunk = found[0];
    if (found.length !== 1 || chunk === undefined) {
      console.error(`size: ${found.length} chunks named ${prefix}-*.js in ${DIST}/${CHUNKS}; expected one (rebuild)`);
      failed = true;
      continue;
    }
    withImports(chunk, files);
  }
  // No provider's path may load another provider's code.
  const foreign = PROVIDERS.filter((p) => !path.chunks.includes(p.chunk)).map((p) => p.chunk);
  const leaked = [...files].filter((f) => foreign.some((chunk) => posix.basename(f).startsWith(`${chunk}-`)));
  if (leaked.length > 0) {
    console.error(`size: ${path.name} loads another provider's code: ${leaked.join(', ')}`);
    failed = true;
  }
  report(`${path.name}, ${files.size} files`, [...files].reduce((sum, f) => sum + gzipSize(f), 0), path.maxGzipBytes);
}
report(`everything, ${chunkFiles.length + 1} files`, [ENTRY, ...chunkFiles].reduce((sum, f) => sum + gzipSize(f), 0));
process.exit(failed ? 1 : 0);
