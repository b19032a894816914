import { failed } from '../core/errors.ts';
import type { Outcome } from '../core/outcome.ts';
import { CHALLENGE_PARAM } from './challenge-frame.ts';
import type { FlowCore } from './flow-core.ts';
import { safeActionUrl } from './navigate.ts';
import { clearPendingAttempt, createPendingAttempt, savePendingAttempt } from './pending-attempt.ts';
import { RETURN_PARAM } from './return-url.ts';
import type { FlowState } from './state.ts';

type RequiresAction = Extract<FlowState, { status: 'requires_action' }>;

/**
 * A next action (3-D Secure, usually): the pending attempt is kept for the return, the page may take
 * the navigation over (`kessai-redirect`), then the shopper goes there by a redirect or in a frame over
 * the page (`challenge="iframe"`).
 */
export function followAction(core: FlowCore, state: RequiresAction): void {
  const url = safeActionUrl(state.action, state.session);
  const endpoint = core.endpointUrl();
  if (url === null || endpoint === null) {
    core.settle(failed('configuration', 'unsafe_redirect', false));
    return;
  }
  // Kept in every case: if the page takes over the navigation, the shopper returns to a new page load.
  const attempt = createPendingAttempt(state.session, endpoint, state.method, core.deps.now(), state.reference);
  savePendingAttempt(core.deps.storage, attempt);
  const proceed = core.hooks.redirect({ url: url.href, method: state.action.type === 'post' ? 'post' : 'get' });
  if (!proceed || core.currentState() !== state) return;
  if (framed(core)) {
    void runChallenge(core, state);
    return;
  }
  if (!core.deps.navigate(state.action, state.session)) {
    clearPendingAttempt(core.deps.storage);
    core.settle(failed('configuration', 'unsafe_redirect', false));
  }
}

/** Whether challenges are shown in a frame over the page. */
export function framed(core: FlowCore): boolean {
  return core.config.challenge?.() === 'iframe' && core.hooks.challenge !== undefined;
}

/** The challenge in a frame over the page: on return, finish the attempt here, without a reload. */
async function runChallenge(core: FlowCore, state: RequiresAction): Promise<void> {
  const show = core.hooks.challenge;
  if (show === undefined) return;
  const run = core.newRun();
  let search: string | null;
  try {
    search = await show(state.action, run.abort.signal);
  } catch {
    search = null;
  }
  if (!core.isCurrent(run)) return;
  clearPendingAttempt(core.deps.storage);
  if (search === null) {
    core.settle(failed('authentication', 'authentication_canceled', true));
    return;
  }
  const params = new URLSearchParams(search);
  for (const name of [CHALLENGE_PARAM, RETURN_PARAM]) params.delete(name);
  const adapter = await core.adapter(state.session);
  if (!core.isCurrent(run)) return;
  let outcome: Outcome;
  if ('status' in adapter) {
    outcome = adapter;
  } else {
    try {
      outcome = await adapter.resume({ ...core.attemptContext(state.session, run), reference: state.reference }, params);
    } catch {
      outcome = failed('internal', 'internal_error', true);
    }
  }
  if (core.isCurrent(run)) core.settle(outcome);
}

/**
 * Back from the bank page without finishing: the browser's Back button restored this very page from
 * the back-forward cache, still waiting for the challenge. The attempt ends as canceled (retryable,
 * the session kept) and is forgotten, so a later reload does not resume it.
 */
export function onBackFromAction(core: FlowCore, event: Event): void {
  // Waiting for a challenge, or for a provider's script that navigated away itself (PAY.JP), whose
  // promise will never settle.
  const left = core.leftWith;
  const waiting = core.currentState().status === 'requires_action' || (left !== undefined && core.isCurrent(left));
  if (!(event as PageTransitionEvent).persisted || !waiting) return;
  clearPendingAttempt(core.deps.storage);
  core.settle(failed('authentication', 'authentication_canceled', true));
}
