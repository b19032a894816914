import { failed } from '../core/errors.ts';
import type { Outcome } from '../core/outcome.ts';
import type { ClientSession } from '../core/protocol.ts';
import type { FlowCore } from './flow-core.ts';
import { startFields } from './start-request.ts';

/**
 * "Save this card" with a card typed into our own fields (a session with `canSaveCard`): right before
 * paying, the endpoint is asked for a session that charges the card and saves it (`start` with
 * `saveCard: true`, docs/protocol.md), and the card pays that one. It must be for the same provider,
 * amount and currency as the session the shopper saw the Pay button of.
 */
export async function savingSession(
  core: FlowCore,
  shown: ClientSession,
  signal: AbortSignal,
): Promise<ClientSession | Extract<Outcome, { status: 'failed' }>> {
  const endpoint = core.endpointUrl();
  if (endpoint === null) return failed('configuration', 'configuration_error', false, { providerCode: 'no_endpoint' });
  const fields = startFields({ mode: 'payment', methods: ['card'], returnUrl: core.returnUrl(), locale: core.config.locale() });
  const result = await core.client(endpoint).start({ ...fields, saveCard: true }, signal);
  if (!result.ok) return { status: 'failed', error: result.error };
  const saving = result.session;
  const same =
    saving.provider === shown.provider &&
    saving.mode === 'payment' &&
    saving.savesCard === true &&
    saving.methods.includes('card') &&
    saving.amount === shown.amount &&
    saving.currency === shown.currency;
  return same ? saving : failed('configuration', 'configuration_error', false, { providerCode: 'saving_session_mismatch' });
}
