import { readdirSync } from 'node:fs';
import { it } from 'node:test';
import type { ConformanceCheck, ConformanceProvider, ConformanceTable } from './table.ts';

export type { ConformanceCheck, ConformanceProvider, ConformanceTable, Judge } from './table.ts';

/**
 * The one table of conformance checks: what each provider's own client (its SDK, its official web
 * component) or its documents say about a route, and which test holds our emulator (and our server)
 * to it. Each provider's part is its own file, `providers/<name>.ts` (found here, as the contract suite
 * finds its kits), so a new provider adds a file and edits nothing here. Tests register through
 * `conformance(id, …)`, which refuses an id that is not in the table; `npm run conformance`
 * (scripts/conformance-report.ts) runs the files named here and reports each check by its test's
 * result, so a check no test runs shows as NOT RUN, never as confirmed.
 */
export const CONFORMANCE_TABLES: readonly ConformanceTable[] = await Promise.all(
  readdirSync(new URL('./providers/', import.meta.url))
    .filter((name) => name.endsWith('.ts'))
    .sort()
    .map(async (name) => ((await import(`./providers/${name}`)) as { table: ConformanceTable }).table),
);

export const CONFORMANCE_CHECKS: readonly ConformanceCheck[] = CONFORMANCE_TABLES.flatMap((table) => {
  const foreign = table.checks.find((check) => check.provider !== table.provider);
  if (foreign) throw new Error(`Conformance check ${foreign.id} of ${foreign.provider} is in ${table.provider}'s table.`);
  return table.checks;
});

/** What no SDK, component or document example checks here, per provider. */
export const UNCONFIRMED: Readonly<Partial<Record<ConformanceProvider, readonly string[]>>> = Object.fromEntries(
  CONFORMANCE_TABLES.map((table) => [table.provider, table.unconfirmed]),
);

const byId = new Map(CONFORMANCE_CHECKS.map((check) => [check.id, check]));

/** The test title of a check: its id in brackets (the report finds it by that), its route and behaviour. */
export function checkTitle(id: string): string {
  const check = byId.get(id);
  if (!check) throw new Error(`No conformance check ${id} in test/node/conformance/checks.ts`);
  return `[${check.id}] ${check.route}: ${check.behaviour}`;
}

/** A `node:test` test for one check of the table. */
export function conformance(id: string, fn: () => Promise<void>): void {
  it(checkTitle(id), fn);
}
