import type { ProviderName } from '../../../src/core/names.ts';

/** The shape of the conformance table (test/node/conformance/checks.ts) and of each provider's part of it. */

export type ConformanceProvider = ProviderName;
/**
 * What judges the emulator: the provider's SDK, an example or table of its documents, its own web
 * component, or its published TypeScript types (a typecheck).
 */
export type Judge = 'sdk' | 'document' | 'component' | 'sdk+server' | 'document+server' | 'types';

export interface ConformanceCheck {
  readonly id: string;
  readonly provider: ConformanceProvider;
  readonly route: string;
  readonly behaviour: string;
  readonly by: Judge;
  /** The SDK version, the component's repository and commit, or the document's URL. */
  readonly source: string;
  /** The test file that runs it, from the repository root. */
  readonly file: string;
}

/** One provider's part of the table: `providers/<name>.ts` exports it as `table`. */
export interface ConformanceTable {
  readonly provider: ConformanceProvider;
  /** The provider's name as the report prints it. */
  readonly label: string;
  readonly checks: readonly ConformanceCheck[];
  /** What no SDK, component or document example checks here. */
  readonly unconfirmed: readonly string[];
}
