/**
 * `npm run conformance`: runs the conformance tests named in test/node/conformance/checks.ts (the one
 * table the tests register their checks from, one part per provider in its providers/ folder) and
 * prints, per provider, each route and behaviour checked, by what (the provider's SDK, a document example, its official component, its published
 * types), and the result of the test that checks it: PASS, FAIL, or NOT RUN (a check of the table no
 * test ran). Then what stays unconfirmed. Exits 1 unless every check passed.
 */
import { spawnSync } from 'node:child_process';
import { CONFORMANCE_CHECKS, CONFORMANCE_TABLES } from '../test/node/conformance/checks.ts';

const files = [...new Set(CONFORMANCE_CHECKS.map((check) => check.file))].sort();
const run = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=tap', '--test-timeout=60000', ...files],
  { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
);

// TAP: `ok 3 - [id] …` / `not ok 3 - [id] …`, indented for subtests.
const results = new Map<string, boolean>();
for (const line of run.stdout.split('\n')) {
  const match = /^\s*(not )?ok \d+ - \[([a-z0-9.-]+)\]/.exec(line);
  if (match?.[2]) results.set(match[2], results.get(match[2]) !== false && !match[1]);
}

const BY: Record<string, string> = {
  sdk: "the provider's SDK",
  document: "the provider's document example",
  component: "the provider's official web component",
  'sdk+server': "the provider's SDK beside our server module",
  'document+server': "the provider's documents, against our server module",
  types: "the provider's published TypeScript types (a typecheck)",
};

let failed = 0;
for (const { provider, label, unconfirmed } of CONFORMANCE_TABLES) {
  const checks = CONFORMANCE_CHECKS.filter((check) => check.provider === provider);
  console.log(`\n${label}: ${checks.length} checks`);
  for (const check of checks) {
    const result = results.get(check.id);
    const status = result === undefined ? 'NOT RUN' : result ? 'PASS' : 'FAIL';
    if (result !== true) failed++;
    console.log(`  ${status.padEnd(7)} ${check.route}`);
    console.log(`          ${check.behaviour}`);
    console.log(`          by ${BY[check.by] ?? check.by}: ${check.source}`);
    console.log(`          test: ${check.file} [${check.id}]`);
  }
  console.log(`  Unconfirmed (${label}):`);
  for (const item of unconfirmed) console.log(`    - ${item}`);
}

const unknown = [...results.keys()].filter((id) => !CONFORMANCE_CHECKS.some((check) => check.id === id));
if (unknown.length > 0) console.log(`\nTests naming no check of the table: ${unknown.join(', ')}`);
console.log(`\n${CONFORMANCE_CHECKS.length - failed} of ${CONFORMANCE_CHECKS.length} checks pass (tests: ${files.join(', ')}).`);
if (failed > 0 || run.status !== 0) {
  if (run.status !== 0) console.log(run.stdout.split('\n').filter((l) => /not ok|Error|expected|actual/.test(l)).slice(0, 40).join('\n'));
  process.exit(1);
}
