// Size budget of the script-tag bundle, gzip level 9 (what a CDN serves). Prints the figures and
// exits 1 when over budget. Run after `npm run build`.
//
// The budget is a ratchet: the measured size plus a little headroom, lowered whenever the bundle
// shrinks. The first target, 20 KB, is below what the chosen stack costs before any product code
// (Lit ~6 KB, zod/mini with our schemas ~8 KB, credit-card-type ~3 KB gzip); see README "Size".
import { readFileSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const budgets = [{ file: 'dist/kessai.js', maxGzipBytes: 54 * 1024 }];
let failed = false;
for (const { file, maxGzipBytes } of budgets) {
  if (!existsSync(file)) {
    console.error(`size: ${file} is missing; run npm run build first`);
    failed = true;
    continue;
  }
  const raw = readFileSync(file);
  const gz = gzipSync(raw, { level: 9 }).length;
  const kb = (n) => (n / 1024).toFixed(1);
  const ok = gz <= maxGzipBytes;
  console.log(
    `size: ${file} ${kb(raw.length)} KB raw, ${kb(gz)} KB gzip (budget ${kb(maxGzipBytes)} KB) ${ok ? 'ok' : 'OVER BUDGET'}`,
  );
  failed ||= !ok;
}
process.exit(failed ? 1 : 0);
