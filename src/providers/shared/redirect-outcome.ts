import type { Outcome } from '../../core/outcome.ts';
import type { PaymentMethod } from '../../core/protocol.ts';
import { safeUrl } from '../../core/safe-url.ts';
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
