import type { Outcome } from '../../core/outcome.ts';
import type { AttemptContext } from '../adapter.ts';
import { CANCELED } from './call-outcome.ts';
import { failed } from './failures.ts';

/**
 * Asks the merchant endpoint (`complete`, `status`) for an outcome; its failures become outcomes,
 * never exceptions, and an abort before, during or after the call resolves `canceled`.
 */
export async function askEndpoint(ctx: AttemptContext, ask: () => Promise<Outcome>): Promise<Outcome> {
  if (ctx.signal.aborted) return CANCELED;
  let outcome: Outcome;
  try {
    outcome = await ask();
  } catch {
    if (ctx.signal.aborted) return CANCELED;
    return failed('network', 'endpoint_error', true);
  }
  if (ctx.signal.aborted) return CANCELED;
  return outcome;
}
