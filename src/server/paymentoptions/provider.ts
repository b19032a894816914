import type { Outcome } from '../../core/outcome.ts';
import type { ClientSession } from '../../core/protocol.ts';
import { mapPaymentOptionsPayment, type PaymentOptionsAnswer } from '../../providers/paymentoptions/map-outcome.ts';
import { PAYMENTOPTIONS_REF_PARAM, PAYMENTOPTIONS_RESULT_PARAM } from '../../providers/paymentoptions/manifest.ts';
import type { AmountContext, AmountDecision } from '../config.ts';
import { EndpointRequestError, ProviderCallError, type CompleteInput, type ServerProvider } from '../provider.ts';
import { apiOrigins, checkEndpointConfig } from '../shared/config-checks.ts';
import { paymentOptionsApi } from './api.ts';
import type { PaymentOptionsHandlerConfig, PaymentOptionsSavedCard } from './config.ts';

/**
 * PaymentOptions' server half (docs/providers.md "PaymentOptions"). Its card API is server to server,
 * so no card reaches the page or this server:
 * - `start` makes no provider call: the session names our attempt, lists the shopper's saved cards
 *   (brand, last four, expiry and your own id, never PaymentOptions' stored id), and takes new cards on
 *   PaymentOptions' hosted page (`cardEntry: "hosted"`).
 * - `complete` without a token: a hosted-page link (`hpp/generate/link`) for your amount, its success,
 *   decline and cancel URLs our return URL with our reference; the page is sent there.
 * - `complete` with a saved card's id: `paymentv2` (3-D Secure, with the browser's info) or `payment`
 *   with the stored id; the answer, or the 3-D Secure page to go to.
 * - `status`: from the webhook's result kept in `transactions`; a new stored
 *   card is handed to your `onCardSaved` once. Until the webhook arrives: `processing`.
 */
export function createPaymentOptionsServerProvider(config: PaymentOptionsHandlerConfig): ServerProvider {
  checkConfig(config);
  const api = paymentOptionsApi(config.apiBase, config.apiKey, config.xApiKey);
  const trustedOrigins = apiOrigins(config.apiBase, config.browserApiBase ?? config.apiBase);
  const ipOf = config.customerIp ?? ((request: Request) => request.headers.get('x-forwarded-for')?.split(',')[0]?.trim() || '0.0.0.0');

  const ctxOf = (input: { context: Readonly<Record<string, unknown>> | undefined; request: Request }, mode: 'payment' | 'setup' = 'payment'): AmountContext => ({
    context: input.context,
    mode,
    provider: 'paymentoptions',
    request: input.request,
  });

  /** The return URL with our reference (and which of the three PaymentOptions sent the shopper to). */
  const back = (returnUrl: string, ref: string, result: string): string => {
    const url = new URL(returnUrl);
    url.searchParams.set(PAYMENTOPTIONS_REF_PARAM, ref);
    url.searchParams.set(PAYMENTOPTIONS_RESULT_PARAM, result);
    return url.href;
  };

  const returnUrls = (returnUrl: string, ref: string) => ({
    webhook_url: config.webhookUrl,
    success_url: back(returnUrl, ref, 'success'),
    decline_url: back(returnUrl, ref, 'decline'),
    cancel_url: back(returnUrl, ref, 'cancel'),
  });

  /** A redirect the page may follow: https, or the sandbox's own origin. */
  function redirect(url: unknown, ref: string): Outcome {
    if (typeof url !== 'string') throw new ProviderCallError('paymentoptions', 'unexpected_response', 'PaymentOptions gave no URL to go to.');
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new ProviderCallError('paymentoptions', 'unexpected_response', 'PaymentOptions gave an unusable URL.');
    }
    if (parsed.protocol !== 'https:' && !trustedOrigins.includes(parsed.origin)) {
      throw new ProviderCallError('paymentoptions', 'unexpected_response', 'PaymentOptions gave an unsafe URL.');
    }
    return { status: 'requires_action', method: 'card', action: { type: 'redirect', url: parsed.href }, reference: ref };
  }

  /** A fresh `merchant_txn_ref` (at most 45 characters) of one attempt of the session. */
  const newRef = (sessionId: string): string => `${sessionId.slice(0, 20)}-${crypto.randomUUID().replace(/-/g, '').slice(0, 16)}`;

  async function savedCardsOf(input: { context: Readonly<Record<string, unknown>> | undefined; request: Request }): Promise<readonly PaymentOptionsSavedCard[]> {
    return (await config.savedCards?.(ctxOf(input))) ?? [];
  }

  /**
   * Hosted-page links being made, by session: the same submit arriving twice at once (a double click the
   * page did not stop) gets the one link, so the shopper can pay once. A later submit (after a decline)
   * gets a new one: PaymentOptions' links are used once.
   */
  const making = new Map<string, Promise<Outcome>>();

  function payHosted(input: CompleteInput, amount: AmountDecision, returnUrl: string, call: Parameters<NonNullable<ServerProvider['complete']>>[1]): Promise<Outcome> {
    const key = `${input.sessionId} ${input.saveCard}`;
    const known = making.get(key);
    if (known) return known;
    const made = makeLink(input, amount, returnUrl, call).finally(() => making.delete(key));
    making.set(key, made);
    return made;
  }

  async function makeLink(input: CompleteInput, amount: AmountDecision, returnUrl: string, call: Parameters<NonNullable<ServerProvider['complete']>>[1]): Promise<Outcome> {
    const ref = newRef(input.sessionId);
    const save = input.saveCard && config.onCardSaved !== undefined;
    const { status, json } = await api.post(
      '/hpp/generate/link',
      {
        return_url: returnUrls(returnUrl, ref),
        amount: String(amount.amount),
        currency: amount.currency,
        merchant_id: config.merchantId,
        ...(config.merchantEmail ? { merchant_email: config.merchantEmail } : {}),
        merchant_txn_ref: ref,
        ...(save ? { payment_method: { type: 'scheme', store_payment_method: true } } : {}),
      },
      call,
    );
    if (status !== 200 && status !== 201) {
      throw new ProviderCallError('paymentoptions', 'http_error', `PaymentOptions answered HTTP ${status} to the hosted page link.`, status);
    }
    await config.transactions.set({ merchantTxnRef: ref, saveCard: save });
    return redirect(json['url'], ref);
  }

  async function paySaved(input: CompleteInput, token: string, amount: AmountDecision, returnUrl: string, call: Parameters<NonNullable<ServerProvider['complete']>>[1]): Promise<Outcome> {
    const card = (await savedCardsOf(input)).find((c) => c.id === token);
    if (!card) throw new EndpointRequestError(400, 'unknown_token', 'This shopper has no such saved card.');
    const ref = newRef(input.sessionId);
    const threeDS = config.savedCardThreeDSecure !== false;
    const info = input.browserInfo;
    const { status, json } = await api.post(
      threeDS ? '/paymentv2' : '/payment',
      {
        amount: String(amount.amount),
        currency: amount.currency,
        merchant_id: config.merchantId,
        merchant_txn_ref: ref,
        customer_ip: ipOf(input.request),
        return_url: returnUrls(returnUrl, ref),
        billing_address: {},
        payment_method: { type: 'scheme', stored_payment_method_id: card.storedPaymentMethodId },
        ...(threeDS && info
          ? {
              browser_info: {
                accept_header: input.request.headers.get('accept') ?? 'application/json',
                user_agent: input.request.headers.get('user-agent') ?? '',
                language: info.language,
                color_depth: info.colorDepth,
                screen_height: info.screenHeight,
                screen_width: info.screenWidth,
                time_zone: info.timeZoneOffset,
                java_enabled: info.javaEnabled,
                javascript_enabled: info.javascriptEnabled,
                ip: ipOf(input.request),
              },
            }
          : {}),
      },
      call,
    );
    await config.transactions.set({ merchantTxnRef: ref });
    const v2 = json as { redirect_url?: unknown; url?: unknown };
    if (typeof v2.redirect_url === 'string' || (status === 200 && typeof v2.url === 'string' && !('payment_details' in json))) {
      return redirect(v2.redirect_url ?? v2.url, ref);
    }
    if (status >= 500 && !('payment_details' in json)) {
      throw new ProviderCallError('paymentoptions', 'http_error', `PaymentOptions answered HTTP ${status}.`, status);
    }
    if (status === 401) throw new ProviderCallError('paymentoptions', 'http_error', 'PaymentOptions refused the credentials.', 401);
    if (status === 412) throw new EndpointRequestError(400, 'unknown_token', 'PaymentOptions does not know this saved card.');
    const outcome = mapPaymentOptionsPayment(json as PaymentOptionsAnswer);
    await config.transactions.set({ merchantTxnRef: ref, result: json });
    return outcome;
  }

  return {
    name: 'paymentoptions',
    methods: ['card'],
    modes: ['payment'],

    async start(input): Promise<ClientSession> {
      const cards = await savedCardsOf(input);
      return {
        protocol: 1,
        provider: 'paymentoptions',
        sessionId: `po${crypto.randomUUID().replace(/-/g, '').slice(0, 18)}`,
        publicKey: config.merchantId,
        apiBase: config.browserApiBase ?? config.apiBase,
        amount: input.amount.amount,
        currency: input.amount.currency,
        mode: 'payment',
        methods: ['card'],
        konbiniStores: [],
        returnUrl: input.returnUrl,
        cardEntry: 'hosted',
        ...(cards.length
          ? { savedCards: cards.slice(0, 20).map(({ id, brand, last4, expMonth, expYear }) => ({ id, brand, last4, expMonth, expYear })) }
          : {}),
        ...(config.onCardSaved ? { canSaveCard: true } : {}),
      };
    },

    async complete(input, call) {
      if (input.method !== 'card') throw new EndpointRequestError(400, 'method_not_offered', 'PaymentOptions takes cards only.');
      const returnUrl = input.returnUrl;
      if (!returnUrl) throw new EndpointRequestError(400, 'return_url_required', 'PaymentOptions needs the page to come back to.');
      const amount = await input.amount();
      return input.token === undefined ? payHosted(input, amount, returnUrl, call) : paySaved(input, input.token, amount, returnUrl, call);
    },

    async status(input) {
      const ref = input.reference;
      if (!ref || !/^[A-Za-z0-9-]{1,45}$/.test(ref)) throw new EndpointRequestError(400, 'bad_reference', 'reference is not ours.');
      const known = await config.transactions.get(ref);
      if (!known) throw new EndpointRequestError(404, 'unknown_session', 'There is no such payment.');
      // The webhook (or a saved card's direct answer) brought the result; PaymentOptions names the
      // transaction only there, so `transaction/status` would have nothing to ask by before it.
      const result = known.result;
      // The shopper is back before PaymentOptions' webhook: not decided yet (the page asks again).
      if (result === undefined) return { status: 'processing', method: 'card', reference: ref };
      const outcome = mapPaymentOptionsPayment(result as PaymentOptionsAnswer);
      const stored = (result as { transaction_details?: { stored_payment_method_id?: unknown } }).transaction_details?.stored_payment_method_id;
      const card = (result as { payment_details?: { card?: { number?: string; exp_month?: string | number; exp_year?: string | number }; scheme?: string } }).payment_details;
      if (outcome.status === 'succeeded' && known.saveCard && !known.cardReported && typeof stored === 'string' && config.onCardSaved) {
        await config.onCardSaved(ctxOf(input), {
          storedPaymentMethodId: stored,
          brand: outcome.brand ?? String(card?.scheme ?? '').toLowerCase(),
          last4: outcome.last4 ?? '',
          expMonth: Number(card?.card?.exp_month ?? 0),
          expYear: normalizeYear(Number(card?.card?.exp_year ?? 0)),
        });
        await config.transactions.set({ ...known, result, cardReported: true });
      }
      return outcome;
    },
  };
}

const normalizeYear = (year: number): number => (year > 0 && year < 100 ? 2000 + year : year);

function checkConfig(config: PaymentOptionsHandlerConfig): void {
  for (const key of ['apiKey', 'xApiKey', 'merchantId', 'apiBase', 'webhookUrl'] as const) {
    if (typeof config[key] !== 'string' || config[key].length === 0) {
      throw new TypeError(`kessai-elements/server: paymentoptions ${key} is missing.`);
    }
  }
  if (!config.transactions || typeof config.transactions.get !== 'function') {
    throw new TypeError('kessai-elements/server: paymentoptions needs `transactions` (createMemoryTransactionStore(), shared with its webhook handler).');
  }
  checkEndpointConfig('paymentoptions', config);
}
