import type { Outcome } from '../../core/outcome.ts';
import type { PaymentMethod } from '../../core/protocol.ts';
import { safeUrl } from '../../core/safe-url.ts';
import { usableApiBase } from './api-base.ts';
import { failed } from './failures.ts';

/** A `redirect` next action, or `unsafe_redirect` when the URL is neither https nor trusted. */
export function redirectOutcome(
  method: PaymentMethod,
  rawUrl: string,
  trustedOrigins: readonly string[] = [],
): Outcome {
  const url = safeUrl(rawUrl, trustedOrigins);
  if (!url) return failed('provider', 'unsafe_redirect', false);
  return { status: 'requires_action', method, action: { type: 'redirect', url: url.href } };
}

/**
 * A redirect the merchant's endpoint answered, checked once more in the browser: `https`, or the origin
 * of the session's API (the sandbox). Any other outcome as it is.
 */
export function checkedRedirect(outcome: Outcome, apiBase: string): Outcome {
  if (outcome.status !== 'requires_action' || outcome.action.type !== 'redirect') return outcome;
  const origin = usableApiBase(apiBase)?.origin;
  const safe = redirectOutcome(outcome.method, outcome.action.url, origin ? [origin] : []);
  return safe.status === 'requires_action' ? { ...outcome, action: safe.action } : safe;
}
