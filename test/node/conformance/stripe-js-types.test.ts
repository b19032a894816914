import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { describe } from 'node:test';
import { fileURLToPath } from 'node:url';
import { conformance } from './checks.ts';

/**
 * The Stripe.js stand-in judged by `@stripe/stripe-js`'s published types: `test/types/stripe-js-stand-in.ts`
 * (a file of type assertions, nothing in it runs) typechecked on its own with `tsc --noEmit`, so that
 * `npm run conformance` reports the check from a run of its own instead of trusting `npm run typecheck`.
 * The compiler's file list must name the type test and @stripe/stripe-js's declarations: a check that
 * compiled nothing does not pass.
 */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const TSC = join(dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin', 'tsc');

describe('Stripe.js stand-in against @stripe/stripe-js (tsc)', () => {
  conformance('stripe.types.stripe-js-stand-in', async () => {
    const run = spawnSync(process.execPath, [TSC, '--noEmit', '--listFiles', '-p', 'test/types/tsconfig.stripe-js.json'], { cwd: ROOT, encoding: 'utf8' });
    const files = run.stdout.split('\n').map((line) => line.trim().replaceAll('\\', '/'));
    const diagnostics = files.filter((line) => /error TS\d+/.test(line));
    assert.deepEqual(diagnostics, [], 'tsc found type errors');
    assert.equal(run.status, 0, `tsc exited with ${String(run.status)}: ${run.stderr}`);
    assert.ok(files.some((file) => file.endsWith('/test/types/stripe-js-stand-in.ts')), 'the type test was compiled');
    assert.ok(files.some((file) => file.endsWith('/src/sandbox/stripe/js/types.ts')), "the stand-in's types were compiled");
    assert.ok(files.some((file) => /\/node_modules\/@stripe\/stripe-js\/.+\.d\.ts$/.test(file)), "@stripe/stripe-js's declarations were compiled");
  });
});
