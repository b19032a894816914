import { paymentError, type PaymentError } from '../core/errors.ts';
import type { ClientSession, PaymentMethod } from '../core/protocol.ts';
import type { ProviderAdapter } from '../providers/adapter.ts';
import type { FlowCore } from './flow-core.ts';
import { startFields } from './start-request.ts';

/**
 * The start of a checkout: asks the endpoint for a session, loads the provider's browser code, narrows
 * the session to what the page asked for and what the adapter can take, makes the provider's card form
 * when the session takes cards there, and tells the element the checkout is ready.
 */
export async function runStart(core: FlowCore): Promise<void> {
  if (core.currentState().status !== 'loading') return;
  const run = core.newRun();
  const endpoint = core.endpointUrl();
  if (endpoint === null) {
    core.failStart(paymentError('configuration', 'configuration_error', false, { providerCode: 'no_endpoint' }));
    return;
  }
  const methods = core.config.methods();
  const result = await core.client(endpoint).start(
    startFields({ mode: core.config.mode(), methods, returnUrl: core.returnUrl(), locale: core.config.locale() }),
    run.abort.signal,
  );
  if (!core.isCurrent(run)) return;
  if (!result.ok) {
    core.failStart(result.error);
    return;
  }
  const adapter = await core.adapter(result.session);
  if (!core.isCurrent(run)) return;
  if ('status' in adapter) {
    core.failStart(adapter.error);
    return;
  }
  const usable = usableSession(core, adapter, result.session, methods);
  if ('error' in usable) {
    core.failStart(usable.error);
    return;
  }
  const { session } = usable;
  if (session.methods.includes('card') && session.cardEntry === 'surface') {
    const surface = adapter.createCardSurface?.({ session, locale: core.config.locale() });
    if (surface === undefined) {
      core.failStart(configuration('no_card_surface'));
      return;
    }
    core.useCardSurface(surface);
  }
  // (The same card form serves every later try on this session, and one is made again for the form
  // shown after a return from the provider: see the controller's `dispatch`.)
  core.dispatch({ type: 'session_loaded', session });
  if (core.currentState().status === 'ready') core.hooks.ready(session);
}

function configuration(code: string): PaymentError {
  return paymentError('configuration', 'configuration_error', false, { providerCode: code });
}

/** The session narrowed to what this page asked for and what the provider's adapter can take. */
function usableSession(
  core: FlowCore,
  adapter: ProviderAdapter,
  session: ClientSession,
  filter: readonly PaymentMethod[] | undefined,
): { readonly session: ClientSession } | { readonly error: PaymentError } {
  if (session.mode !== core.config.mode()) return { error: configuration('mode_mismatch') };
  const methods = session.methods.filter(
    (method) => (filter === undefined || filter.includes(method)) && adapter.pay[method] !== undefined,
  );
  if (methods.length === 0) return { error: paymentError('configuration', 'method_unavailable', false) };
  if (methods.includes('card') && session.cardEntry === 'surface' && core.config.canHostCardSurface?.() === false) {
    // The provider's iframes must be mounted in the page's light DOM; a shadow root above the checkout
    // keeps them out (docs/architecture.md "Card surfaces").
    return { error: paymentError('configuration', 'card_form_unavailable', false, { providerCode: 'shadow_root' }) };
  }
  return { session: methods.length === session.methods.length ? session : { ...session, methods } };
}
