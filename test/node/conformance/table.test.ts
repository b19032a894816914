import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import { PROVIDERS } from '../../../src/core/names.ts';
import { CONFORMANCE_CHECKS, CONFORMANCE_TABLES, checkTitle } from './checks.ts';

/** The conformance table as assembled from `providers/<name>.ts`: one part per provider, ids unique, files real. */
describe('conformance table', () => {
  it('has one part per provider of src/core/names.ts, each with a label and checks of its own provider', () => {
    assert.deepEqual(CONFORMANCE_TABLES.map((table) => table.provider).sort(), [...PROVIDERS].sort());
    for (const table of CONFORMANCE_TABLES) {
      assert.ok(table.label.length > 0);
      assert.ok(table.checks.length > 0, `${table.provider} has no checks`);
      assert.ok(table.checks.every((check) => check.provider === table.provider && check.id.startsWith(`${table.provider}.`)));
    }
  });

  it('names each check once, and each test file it names exists', () => {
    const ids = CONFORMANCE_CHECKS.map((check) => check.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const check of CONFORMANCE_CHECKS) assert.ok(existsSync(check.file), `${check.id}: ${check.file} is missing`);
  });

  it('refuses a check id that is not in the table', () => {
    assert.throws(() => checkTitle('komoju.no-such-check'), /No conformance check komoju\.no-such-check/);
    assert.match(checkTitle(CONFORMANCE_CHECKS[0]!.id), /^\[[a-z0-9.-]+\] /);
  });
});
