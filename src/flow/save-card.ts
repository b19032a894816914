import { failed } from '../core/errors.ts';
import type { Outcome } from '../core/outcome.ts';
import type { ClientSession } from '../core/protocol.ts';
import type { FlowCore } from './flow-core.ts';
import { startFields } from './start-request.ts';

/**
 * "Save this card" with a card typed into our own fields, or into a provider's form that saves by session
 * (`savesCardBy: 'session'`, Stripe's card elements), in a session with `canSaveCard`: right before
 * paying, the endpoint is asked for a session that charges the card and saves it (`start` with
 * `saveCard: true`, docs/protocol.md), and the card pays that one. It must be one that saves the card,
 * for the same provider, amount and currency as the session the shopper saw the Pay button of (a
 * session without card is refused by the adapter, as any).
 */
export async function savingSession(
  core: FlowCore,
  shown: ClientSession,
  signal: AbortSignal,
): Promise<ClientSession | Extract<Outcome, { status: 'failed' }>> {
  const fields = startFields({ mode: 'payment', methods: ['card'], returnUrl: core.returnUrl(), locale: core.config.locale() });
  // The endpoint was there for the session shown (an empty one fails as unreachable).
  const result = await core.client(core.endpointUrl() ?? '').start({ ...fields, saveCard: true }, signal);
  if (!result.ok) return { status: 'failed', error: result.error };
  const { session } = result;
  return session.savesCard && session.provider === shown.provider && session.amount === shown.amount && session.currency === shown.currency
    ? session
    : failed('configuration', 'configuration_error', false, { providerCode: 'saving_session' });
}
