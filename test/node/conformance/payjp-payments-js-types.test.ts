import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { describe } from 'node:test';
import { fileURLToPath } from 'node:url';
import { conformance } from './checks.ts';

/**
 * The payments.js stand-in judged by `@payjp/payments-js`'s published types:
 * `test/types/payjp-payments-js-stand-in.ts` typechecked on its own with `tsc --noEmit`; the compiler's
 * file list must name the type test, the stand-in's types and @payjp/payments-js's declarations.
 */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const TSC = join(dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin', 'tsc');

describe('payments.js stand-in against @payjp/payments-js (tsc)', () => {
  conformance('payjp.types.payments-js-stand-in', async () => {
    const run = spawnSync(process.execPath, [TSC, '--noEmit', '--listFiles', '-p', 'test/types/tsconfig.payjp-payments-js.json'], { cwd: ROOT, encoding: 'utf8' });
    const files = run.stdout.split('\n').map((line) => line.trim().replaceAll('\\', '/'));
    const diagnostics = files.filter((line) => /error TS\d+/.test(line));
    assert.deepEqual(diagnostics, [], 'tsc found type errors');
    assert.equal(run.status, 0, `tsc exited with ${String(run.status)}: ${run.stderr}`);
    assert.ok(files.some((file) => file.endsWith('/test/types/payjp-payments-js-stand-in.ts')), 'the type test was compiled');
    assert.ok(files.some((file) => file.endsWith('/src/sandbox/payjp/js/types.ts')), "the stand-in's types were compiled");
    assert.ok(files.some((file) => /\/node_modules\/@payjp\/payments-js\/.+\.d\.ts$/.test(file)), "@payjp/payments-js's declarations were compiled");
  });
});
