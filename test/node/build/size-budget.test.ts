import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';

/**
 * scripts/size-budget.mjs finds the providers in `src/providers/*` (a folder with a `manifest.ts`) and
 * their budgets in each one's `size-budget.json`: run here on a made-up build in a temporary folder.
 */

const SCRIPT = resolve('scripts/size-budget.mjs');
const roots: string[] = [];
after(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

function fakeBuild(providers: Record<string, object | undefined>, providerChunkBytes = 100): string {
  const root = mkdtempSync(join(tmpdir(), 'kessai-size-'));
  roots.push(root);
  mkdirSync(join(root, 'dist/kessai-chunks'), { recursive: true });
  writeFileSync(join(root, 'dist/kessai.js'), 'export const entry = 1;\n');
  for (const chunk of ['checkout-controller', 'checkout-results', 'card-surface-view', 'konbini-fields', 'konbini-slip']) {
    writeFileSync(join(root, `dist/kessai-chunks/${chunk}-a1.js`), `export const ${chunk.replace(/-/g, '_')} = 1;\n`);
  }
  for (const [name, budget] of Object.entries(providers)) {
    mkdirSync(join(root, 'src/providers', name), { recursive: true });
    writeFileSync(join(root, 'src/providers', name, 'manifest.ts'), '');
    if (budget) writeFileSync(join(root, 'src/providers', name, 'size-budget.json'), JSON.stringify(budget));
    // Random bytes barely compress: the chunk's gzip size is about its length.
    const noise = randomBytes(providerChunkBytes).toString('base64');
    writeFileSync(join(root, `dist/kessai-chunks/${name}-b2.js`), `export const x = ${JSON.stringify(noise)};\n`);
  }
  mkdirSync(join(root, 'src/providers/shared'), { recursive: true });
  return root;
}

const run = (cwd: string) => spawnSync(process.execPath, [SCRIPT], { cwd, encoding: 'utf8' });

describe('size budgets: one size-budget.json per provider folder', () => {
  it("prints each provider's card and konbini paths from its own file", () => {
    const result = run(
      fakeBuild({
        alpha: { label: 'Alpha', cardForm: 'ours', cardKB: 10, konbiniKB: 20 },
        beta: { label: 'Beta Pay', cardForm: 'provider', cardKB: 10 },
      }),
    );
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /Alpha card, \d+ files .* ok/);
    assert.match(result.stdout, /Alpha konbini, \d+ files .* ok/);
    assert.match(result.stdout, /Beta Pay card \(provider form\), \d+ files .* ok/);
    assert.doesNotMatch(result.stdout, /Beta Pay konbini/);
  });

  it('fails for a provider folder without size-budget.json', () => {
    const result = run(fakeBuild({ alpha: { label: 'Alpha', cardForm: 'ours', cardKB: 10 }, gamma: undefined }));
    assert.equal(result.status, 1);
    assert.match(result.stderr, /src\/providers\/gamma\/size-budget\.json is missing/);
  });

  it('fails when a path is over the budget its file states', () => {
    const result = run(fakeBuild({ alpha: { label: 'Alpha', cardForm: 'ours', cardKB: 1 } }, 4000));
    assert.equal(result.status, 1);
    assert.match(result.stdout, /Alpha card, \d+ files .* OVER BUDGET/);
  });
});
