import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';

/**
 * `import 'kessai-elements'` in Node (server rendering, a test runner, a bundler's evaluation): it
 * must load without a browser and touch no `window` or `document`; provider scripts (Stripe.js,
 * UnivaPay's checkout.js…) are only ever loaded by a card surface that mounts, never at import time.
 * Run in a fresh Node process on the sources, so nothing else in this suite defines globals first.
 */
const run = promisify(execFile);

const PROBE = `
const before = new Set(Object.getOwnPropertyNames(globalThis));
const elements = await import('./src/index.ts');
await import('./src/server/index.ts');
// Each provider's browser chunk, as the flow would load it: still nothing at import time.
for (const name of ['komoju', 'univapay', 'stripe']) await import('./src/providers/' + name + '/index.ts');
const added = Object.getOwnPropertyNames(globalThis).filter((name) => !before.has(name));
console.log(JSON.stringify({
  exports: Object.keys(elements).length,
  window: typeof globalThis.window,
  document: typeof globalThis.document,
  added,
}));
`;

describe('importing the package in Node', () => {
  it('loads without a browser and touches no window or document', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', PROBE], {
      cwd: process.cwd(),
    });
    const result = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as {
      exports: number;
      window: string;
      document: string;
      added: string[];
    };
    assert.ok(result.exports > 5, `exports: ${result.exports}`);
    assert.equal(result.window, 'undefined');
    assert.equal(result.document, 'undefined');
    // Lit's own server shims may define a few globals; nothing of ours does (no trustedTypes policy, no script).
    for (const name of result.added) assert.doesNotMatch(name, /kessai|Univapay|Stripe|Payjp|trustedTypes/i, name);
  });
});
