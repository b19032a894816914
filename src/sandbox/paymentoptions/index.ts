import { mountEmulator, type ProviderEmulator } from '../shared/emulator.ts';
import { createApiPipeline } from '../shared/pipeline.ts';
import type { WebhookDelivery, WebhookDeliveryFilter } from '../shared/webhooks.ts';
import { cardNetworkOf, luhnValid } from '../shared/card-number.ts';
import { authenticate, authorizationHeader } from './auth.ts';
import { paymentOptionsUrls, type PaymentOptionsContext } from './context.ts';
import { badRequest, notFound, PaymentOptionsApiError, serverError } from './errors.ts';
import { resolvePaymentOptionsOptions, type PaymentOptionsEmulatorOptions } from './options.ts';
import { notFoundPage, renderChallenge, renderHostedPage, submitChallenge, submitHostedPage } from './pages.ts';
import { PAYMENTOPTIONS_ROUTES } from './routes.ts';
import { schemeOf, statusAnswer } from './serialize.ts';
import { PaymentOptionsState, type LinkStatus, type PaymentOptionsRecordedRequest, type TransactionSource, type TransactionStatus } from './state.ts';
import { createWebhookHub } from './webhooks.ts';

export type { PaymentOptionsEmulatorOptions, PaymentOptionsWebhookSigning } from './options.ts';
export {
  DEFAULT_PAYMENTOPTIONS_SIGNATURE_HEADER,
  PAYMENTOPTIONS_WEBHOOK_RETRY,
} from './options.ts';
export type { LinkStatus as PaymentOptionsLinkStatus, PaymentOptionsRecordedRequest, TransactionStatus as PaymentOptionsTransactionStatus } from './state.ts';
export { PAYMENTOPTIONS_TEST_CARDS, RESPONSE_DESCRIPTIONS as PAYMENTOPTIONS_RESPONSE_DESCRIPTIONS, type PaymentOptionsTestCard } from './test-cards.ts';
export { paymentOptionsSignature } from './webhooks.ts';

/** A hosted payment page link as tests see it. */
export interface PaymentOptionsLinkView {
  readonly id: string;
  /** The hosted page (`<origin><basePath>/jp/HostedPaymentPage/{slug}`), on the sandbox's public origin or the one it was created at. */
  readonly path: string;
  readonly amount: number | null;
  readonly currency: string;
  readonly merchantTxnRef: string;
  readonly storePaymentMethod: boolean;
  readonly status: LinkStatus;
  readonly transactionId: string | null;
  readonly returnUrl: { readonly webhook_url: string; readonly success_url: string; readonly decline_url: string; readonly cancel_url: string | null };
}

/** A transaction as tests see it (never the card number). */
export interface PaymentOptionsTransactionView {
  readonly id: string;
  readonly ref: number;
  readonly source: TransactionSource;
  readonly status: TransactionStatus;
  /** `payment_details.response_code` (578 "pending" while 3-D Secure waits). */
  readonly responseCode: number;
  readonly amount: number;
  readonly currency: string;
  readonly merchantTxnRef: string;
  readonly scheme: string;
  readonly last4: string;
  readonly storedPaymentMethodId: string | null;
  readonly linkId: string | null;
  readonly browserInfo: Readonly<Record<string, unknown>> | null;
  /** The 3-D Secure page's path while it waits (`<basePath>/integration/3ds?_token=…`), else null. */
  readonly challengePath: string | null;
}

/** A stored card (`stored_payment_method_id`) as tests see it. */
export interface PaymentOptionsStoredCardView {
  readonly id: string;
  readonly scheme: string;
  readonly last4: string;
  readonly expMonth: string;
  readonly expYear: string;
  readonly name: string;
  readonly createdAt: string;
}

/** Read-only view of the emulator's memory, for tests. Copies only; no card number, no key. */
export interface PaymentOptionsInspector {
  /** Every API call answered (not pages, not preflights), oldest first. */
  requests(filter?: { readonly route?: string; readonly method?: string }): PaymentOptionsRecordedRequest[];
  links(filter?: { readonly status?: LinkStatus }): PaymentOptionsLinkView[];
  link(id: string): PaymentOptionsLinkView | undefined;
  transactions(filter?: { readonly status?: TransactionStatus; readonly merchantTxnRef?: string; readonly source?: TransactionSource }): PaymentOptionsTransactionView[];
  transaction(id: string): PaymentOptionsTransactionView | undefined;
  /** The transaction as `GET …/transaction/status/{id}` answers it. */
  transactionStatus(id: string): Record<string, unknown> | undefined;
  storedCards(): PaymentOptionsStoredCardView[];
  /** Every webhook delivery, oldest first: url, event (`success` / `declined`), transaction id, headers and body as sent, each try. */
  deliveries(filter?: WebhookDeliveryFilter): WebhookDelivery[];
}

/** The PaymentOptions emulator: a web-standard handler plus its credentials and inspection API. */
export interface PaymentOptionsEmulator extends ProviderEmulator {
  /** Where it is mounted (`/sandbox/paymentoptions`); the API is at `<basePath>/api/v1`. */
  readonly basePath: string;
  /** The API's path (`<basePath>/api/v1`), the `/api/v1` of `https://api.paymentoptions.com/api/v1`. */
  readonly apiPath: string;
  /** The merchant's API key (the credential of `Authorization: Basic …`). */
  readonly apiKey: string;
  /** The merchant's `x-api-key`. */
  readonly xApiKey: string;
  /** The merchant id (DASMID) the answers carry as `merchant_details.mid`. */
  readonly merchantId: string;
  /** The headers of an authenticated call: `Authorization: Basic base64(apiKey)` and `x-api-key`. */
  readonly authHeaders: Readonly<Record<string, string>>;
  readonly inspect: PaymentOptionsInspector;
  /** The webhook deliveries: `idle()` waits until every one so far is delivered or given up. */
  readonly webhooks: { idle(): Promise<void> };
  /**
   * Stores a card as a successful payment with `store_payment_method` would (sandbox-only), and gives
   * its `stored_payment_method_id`.
   */
  storeCard(card: { readonly number: string; readonly expMonth: string; readonly expYear: string; readonly name: string }): string;
  /** Forgets every link, transaction, stored card, logged request and delivery. Credentials stay. */
  reset(): void;
}

/**
 * What a browser may send to the API besides the CORS-safelisted headers. PaymentOptions' card API is
 * server to server; these are the headers its documents show (no browser calls it; UNCONFIRMED).
 */
export const PAYMENTOPTIONS_CORS_ALLOWED_HEADERS: readonly string[] = ['Authorization', 'Content-Type', 'x-api-key'];

/**
 * Creates an in-memory emulator of PaymentOptions' gateway (docs/providers.md, "PaymentOptions"): the
 * hosted payment page link and page, server-to-server payments with a new or stored card
 * (`payment`), 3-D Secure (`paymentv2` and the challenge page), the transaction status, its documented
 * HTTP statuses and response codes, webhooks to each request's `webhook_url`.
 */
export function createPaymentOptionsEmulator(options: PaymentOptionsEmulatorOptions = {}): PaymentOptionsEmulator {
  const config = resolvePaymentOptionsOptions(options);
  const state = new PaymentOptionsState();
  const base = config.basePath;
  const hub = createWebhookHub(config);

  function contextFor(request: Request | null): PaymentOptionsContext {
    const origin = config.publicOrigin ?? (request ? new URL(request.url).origin : 'http://127.0.0.1');
    const ctx: PaymentOptionsContext = {
      options: config,
      state,
      urls: paymentOptionsUrls(origin, base),
      now: config.now(),
      notify: (tx) => hub.notify(ctx, tx),
    };
    return ctx;
  }

  const api = createApiPipeline({
    allowedHeaders: PAYMENTOPTIONS_CORS_ALLOWED_HEADERS,
    routes: PAYMENTOPTIONS_ROUTES,
    authenticate: (request) => authenticate(request, config),
    authorize: () => undefined,
    prepare: () => ({}),
    // PaymentOptions documents no idempotency header: the pipeline's is a sandbox-only name no client sends.
    idempotency: {
      header: 'X-Sandbox-Idempotency-Key',
      maxLength: 255,
      asciiOnly: true,
      ttlMs: 24 * 60 * 60 * 1000,
      inFlight: 'wait',
      otherBody: 'conflict',
      scope: (_caller, path) => path,
      refuseKey: (reason) => badRequest(`X-Sandbox-Idempotency-Key ${reason}.`),
      refuseInFlight: () => new PaymentOptionsApiError(409, 'ERR_CONFLICT', 'A request with this key is in flight.'),
      refuseOtherBody: () => new PaymentOptionsApiError(409, 'ERR_CONFLICT', 'This key was used with another body.'),
    },
    errors: {
      notFound: () => notFound('Not found.'),
      body: (failure) => new PaymentOptionsApiError(failure.status === 413 ? 413 : 400, 'ERR_BAD_REQUEST', failure.message),
      internal: serverError,
    },
    log: state.requests,
    logFields: (caller) => ({ authenticated: caller !== null }),
    now: () => config.now(),
  });

  const mounted = mountEmulator<PaymentOptionsContext>({
    basePath: base,
    context: contextFor,
    apiPrefix: '/api/v1',
    api,
    pages: [
      { path: '/jp/HostedPaymentPage/{slug}', GET: (ctx, _r, p) => renderHostedPage(ctx, p['slug'] ?? ''), POST: (ctx, request, p) => submitHostedPage(ctx, p['slug'] ?? '', request) },
      { path: '/integration/3ds', GET: (ctx, request) => renderChallenge(ctx, request), POST: (ctx, request) => submitChallenge(ctx, request) },
    ],
    notFoundPage: (ctx) => notFoundPage(ctx, 'page'),
  });

  const linkView = (id: string): PaymentOptionsLinkView | undefined => {
    const link = state.links.get(id);
    if (!link) return undefined;
    return {
      id: link.id,
      path: `${base}/jp/HostedPaymentPage/${encodeURIComponent(link.slug)}`,
      amount: link.amount,
      currency: link.currency,
      merchantTxnRef: link.merchantTxnRef,
      storePaymentMethod: link.storePaymentMethod,
      status: link.status,
      transactionId: link.transactionId,
      returnUrl: { ...link.returnUrl },
    };
  };

  const transactionView = (id: string): PaymentOptionsTransactionView | undefined => {
    const tx = state.transactions.get(id);
    if (!tx) return undefined;
    return {
      id: tx.id,
      ref: tx.ref,
      source: tx.source,
      status: tx.status,
      responseCode: tx.status === 'pending_3ds' ? 578 : tx.responseCode,
      amount: tx.amount,
      currency: tx.currency,
      merchantTxnRef: tx.merchantTxnRef,
      scheme: schemeOf(tx.card).scheme,
      last4: tx.card.number.slice(-4),
      storedPaymentMethodId: tx.storedPaymentMethodId,
      linkId: tx.linkId,
      browserInfo: tx.browserInfo ? { ...tx.browserInfo } : null,
      challengePath: tx.status === 'pending_3ds' && tx.challengeId ? `${base}/integration/3ds?_token=${encodeURIComponent(tx.challengeId)}` : null,
    };
  };

  const inspect: PaymentOptionsInspector = {
    requests: (filter) => state.requests.list(filter),
    links: (filter = {}) => [...state.links.keys()].map((id) => linkView(id) as PaymentOptionsLinkView).filter((l) => !filter.status || l.status === filter.status),
    link: linkView,
    transactions: (filter = {}) =>
      [...state.transactions.keys()]
        .map((id) => transactionView(id) as PaymentOptionsTransactionView)
        .filter((t) => (!filter.status || t.status === filter.status) && (!filter.merchantTxnRef || t.merchantTxnRef === filter.merchantTxnRef) && (!filter.source || t.source === filter.source)),
    transaction: transactionView,
    transactionStatus: (id) => {
      const tx = state.transactions.get(id);
      return tx ? statusAnswer(contextFor(null), tx) : undefined;
    },
    storedCards: () =>
      [...state.storedCards.values()].map((c) => ({
        id: c.id,
        scheme: schemeOf(c).scheme,
        last4: c.number.slice(-4),
        expMonth: c.expMonth,
        expYear: c.expYear,
        name: c.name,
        createdAt: c.createdAt.toISOString(),
      })),
    deliveries: (filter) => hub.deliveries(filter),
  };

  return {
    basePath: base,
    apiPath: `${base}/api/v1`,
    apiKey: config.apiKey,
    xApiKey: config.xApiKey,
    merchantId: config.merchantId,
    authHeaders: { Authorization: authorizationHeader(config.apiKey), 'x-api-key': config.xApiKey },
    ...mounted,
    inspect,
    webhooks: { idle: () => hub.idle() },
    storeCard(card) {
      const number = card.number.replace(/[\s-]/g, '');
      if (!luhnValid(number)) throw new TypeError('kessai-elements/sandbox: paymentoptions storeCard needs a valid card number.');
      if (!/^\d{1,2}$/.test(card.expMonth) || !/^(\d{2}|\d{4})$/.test(card.expYear)) throw new TypeError('kessai-elements/sandbox: paymentoptions storeCard needs expMonth (MM) and expYear (YY).');
      const id = crypto.randomUUID();
      state.storedCards.set(id, {
        id,
        number,
        expMonth: card.expMonth.padStart(2, '0'),
        expYear: card.expYear.slice(-2),
        name: card.name,
        network: cardNetworkOf(number),
        createdAt: config.now(),
      });
      return id;
    },
    reset: () => {
      state.reset();
      api.reset();
      hub.reset();
    },
  };
}
