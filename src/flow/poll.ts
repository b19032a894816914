import type { PaymentError } from '../core/errors.ts';
import type { ClientSession } from '../core/protocol.ts';
import type { FlowCore } from './flow-core.ts';

/** Failures of a status check itself (not of the payment): polling goes on. */
const CHECK_FAILURES: ReadonlySet<PaymentError['reason']> = new Set([
  'network_unreachable',
  'unexpected_response',
  'endpoint_error',
  'provider_unavailable',
  'too_many_attempts',
]);

/** Asks the endpoint a few times whether a `processing` payment settled (named by `reference`, if any). */
export function pollStatus(core: FlowCore, session: ClientSession, reference?: string): void {
  const run = core.newRun();
  const endpoint = core.endpointUrl();
  if (endpoint === null) return;
  const client = core.client(endpoint);
  void (async () => {
    for (const delay of core.deps.pollDelaysMs) {
      await core.deps.sleep(delay, run.abort.signal);
      if (!core.isCurrent(run)) return;
      const outcome = await client.status(
        { sessionId: session.sessionId, ...(reference !== undefined ? { reference } : {}) },
        run.abort.signal,
      );
      if (!core.isCurrent(run)) return;
      // A status check that itself failed says nothing about the payment: keep waiting.
      if (outcome.status === 'processing' || (outcome.status === 'failed' && CHECK_FAILURES.has(outcome.error.reason))) {
        continue;
      }
      core.settle(outcome);
      return;
    }
  })();
}
