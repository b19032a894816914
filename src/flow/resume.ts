import { failed } from '../core/errors.ts';
import type { Outcome } from '../core/outcome.ts';
import { CHALLENGE_PARAM } from './challenge-frame.ts';
import type { FlowCore } from './flow-core.ts';
import { clearPendingAttempt, readPendingAttempt, type PendingAttempt } from './pending-attempt.ts';
import { RETURN_PARAM, hasAnyParam, withoutParams } from './return-url.ts';

/**
 * When the page is the return from a redirect this checkout started, finishes that attempt: the
 * provider's adapter reads what the provider says (with the reference recorded before leaving and the
 * return URL's parameters), the return parameters leave the address bar and the attempt is forgotten,
 * so a reload does not finish it again. Returns false when the page is not such a return.
 */
export function tryResume(core: FlowCore): boolean {
  const attempt = readPendingAttempt(core.deps.storage, core.deps.now());
  if (attempt === null) return false;
  const manifest = core.deps.manifestOf(attempt.provider);
  const href = core.deps.page.href();
  if (manifest === undefined) return false;
  const returnParams = [RETURN_PARAM, ...manifest.returnParams];
  if (!hasAnyParam(href, returnParams)) return false;
  if (!belongsHere(core, attempt, href, manifest.sessionParam)) return false;

  core.dispatch({ type: 'resume', session: attempt.session, method: attempt.method });
  if (core.currentState().status !== 'submitting') return false;
  const run = core.newRun();
  const params = new URL(href).searchParams;
  for (const name of [RETURN_PARAM, CHALLENGE_PARAM]) params.delete(name);
  void (async (): Promise<Outcome> => {
    const adapter = await core.adapter(attempt.session);
    if ('status' in adapter) return adapter;
    // Left while the provider's code loaded: nothing is asked; the next connection resumes.
    if (!core.isCurrent(run)) return { status: 'canceled' };
    try {
      return await adapter.resume({ ...core.attemptContext(attempt.session, run), reference: attempt.reference }, params);
    } catch {
      return failed('internal', 'internal_error', true);
    }
  })().then((outcome) => {
    if (!core.isCurrent(run)) return;
    // The return is used up: a reload must not finish it again.
    core.deps.page.replace(withoutParams(core.deps.page.href(), [...returnParams, CHALLENGE_PARAM]));
    clearPendingAttempt(core.deps.storage);
    core.settle(outcome);
  });
  return true;
}

/** The attempt belongs to this checkout and to the session the return URL names, if it names one. */
function belongsHere(core: FlowCore, attempt: PendingAttempt, href: string, sessionParam: string | undefined): boolean {
  if (attempt.endpoint !== core.endpointUrl() || attempt.mode !== core.config.mode()) return false;
  if (sessionParam === undefined) return true;
  const named = new URL(href).searchParams.get(sessionParam);
  return named === null || named === attempt.sessionId;
}
