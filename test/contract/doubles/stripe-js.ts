import type { CardDetails } from '../../../src/core/payment-input.ts';

/**
 * Stripe.js as a node double, for the contract suite (node has no iframes): the same public surface the
 * adapter uses (`Stripe(pk)`, `elements().create('cardNumber' | 'cardExpiry' | 'cardCvc')`,
 * `confirmCardPayment`, `confirmCardSetup`, `confirmKonbiniPayment`), doing over HTTP what Stripe.js
 * does (docs/providers.md "Stripe › Stripe.js"): the card frame creates the PaymentMethod with the
 * publishable key (`POST /v1/payment_methods`), then the intent is confirmed with its `client_secret`
 * (`POST /v1/payment_intents/{id}/confirm`); an answer that is not Stripe's JSON is an
 * `api_connection_error`. Only `handleActions: false` (the redirect) is supported here: Stripe's own
 * modal is tested in Chromium.
 *
 * Installed as `globalThis.document` (with `defaultView.Stripe`), which is what the adapter's script
 * loader and `stripeFor` read; the script's URL tells the API base, as the real script's origin does.
 */

interface Handler {
  (event: unknown): void;
}

export interface StripeJsDouble {
  /** What the shopper types into Stripe's three frames. */
  fill(card: CardDetails): void;
  /** The script URLs the page loaded. */
  readonly scripts: readonly string[];
  uninstall(): void;
}

type Form = Record<string, string>;

/**
 * The page's script loader and `stripeFor` keep what they loaded for the life of the page (here, the
 * process), so the double is installed once and each test world points it at its own sandbox.
 */
const scripts: string[] = [];
let apiBase = '';
let typed: CardDetails | undefined;
let browserFetch: typeof fetch = () => Promise.reject(new Error('no test world'));
let installed = false;

export function installStripeJsDouble(worldFetch: typeof fetch): StripeJsDouble {
  browserFetch = worldFetch;
  typed = undefined;
  const handle: StripeJsDouble = {
    fill(card) {
      typed = card;
    },
    scripts,
    uninstall() {
      browserFetch = () => Promise.reject(new Error('no test world'));
    },
  };
  if (installed) return handle;
  installed = true;

  async function post(path: string, form: Form, publishableKey: string): Promise<{ ok: boolean; json: unknown }> {
    let response: Response;
    try {
      response = await browserFetch(`${apiBase}${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: `Bearer ${publishableKey}` },
        body: new URLSearchParams({ ...form, key: publishableKey }).toString(),
      });
    } catch {
      return { ok: false, json: { error: { type: 'api_connection_error', message: 'unreachable' } } };
    }
    let json: unknown;
    try {
      json = await response.json();
    } catch {
      return { ok: false, json: { error: { type: 'api_connection_error', message: `HTTP ${response.status}` } } };
    }
    if (typeof json !== 'object' || json === null) {
      return { ok: false, json: { error: { type: 'api_connection_error', message: 'not JSON' } } };
    }
    return { ok: response.ok, json };
  }

  const intentPath = (clientSecret: string): string => {
    const id = clientSecret.split('_secret_')[0] ?? '';
    return id.startsWith('seti_') ? `/v1/setup_intents/${id}/confirm` : `/v1/payment_intents/${id}/confirm`;
  };

  function Stripe(publishableKey: string) {
    function makeElement(type: string) {
      const handlers = new Map<string, Handler[]>();
      return {
        type,
        on(event: string, handler: Handler) {
          handlers.set(event, [...(handlers.get(event) ?? []), handler]);
        },
        once(event: string, handler: Handler) {
          if (event === 'ready') queueMicrotask(() => handler({ elementType: type }));
        },
        mount() {},
        destroy() {},
        clear() {
          typed = undefined;
        },
        focus() {},
        update() {},
      };
    }

    async function confirmCard(clientSecret: string, data: { return_url?: string; payment_method?: { billing_details?: { name?: string } } }) {
      if (!typed) return { error: { type: 'validation_error', code: 'incomplete_number', message: 'incomplete' } };
      const created = await post(
        '/v1/payment_methods',
        {
          type: 'card',
          'card[number]': typed.number,
          'card[exp_month]': String(typed.expMonth),
          'card[exp_year]': String(typed.expYear),
          'card[cvc]': typed.cvc,
          ...(data.payment_method?.billing_details?.name ? { 'billing_details[name]': data.payment_method.billing_details.name } : {}),
        },
        publishableKey,
      );
      if (!created.ok) return { error: (created.json as { error: unknown }).error };
      const pm = (created.json as { id: string }).id;
      const confirmed = await post(
        intentPath(clientSecret),
        { payment_method: pm, client_secret: clientSecret, ...(data.return_url ? { return_url: data.return_url } : {}) },
        publishableKey,
      );
      if (!confirmed.ok) return { error: (confirmed.json as { error: unknown }).error };
      return clientSecret.startsWith('seti_') ? { setupIntent: confirmed.json } : { paymentIntent: confirmed.json };
    }

    return {
      elements: () => ({ create: makeElement }),
      confirmCardPayment: (clientSecret: string, data: Parameters<typeof confirmCard>[1]) => confirmCard(clientSecret, data),
      confirmCardSetup: (clientSecret: string, data: Parameters<typeof confirmCard>[1]) => confirmCard(clientSecret, data),
      async confirmKonbiniPayment(
        clientSecret: string,
        data: {
          payment_method: { billing_details: { name: string; email: string } };
          payment_method_options?: { konbini: { confirmation_number?: string } };
          return_url?: string;
        },
      ) {
        const number = data.payment_method_options?.konbini.confirmation_number;
        const confirmed = await post(
          intentPath(clientSecret),
          {
            client_secret: clientSecret,
            'payment_method_data[type]': 'konbini',
            'payment_method_data[billing_details][name]': data.payment_method.billing_details.name,
            'payment_method_data[billing_details][email]': data.payment_method.billing_details.email,
            ...(number ? { 'payment_method_options[konbini][confirmation_number]': number } : {}),
            ...(data.return_url ? { return_url: data.return_url } : {}),
          },
          publishableKey,
        );
        if (!confirmed.ok) return { error: (confirmed.json as { error: unknown }).error };
        return { paymentIntent: confirmed.json };
      },
    };
  }

  const defaultView = { Stripe };
  const doc = {
    defaultView,
    createElement() {
      const script = new EventTarget() as EventTarget & { src: string; async: boolean; remove(): void };
      script.remove = () => undefined;
      return script;
    },
    head: {
      append(script: EventTarget & { src: string }) {
        scripts.push(script.src);
        apiBase = script.src.replace(/\/v3\/?$/, '');
        queueMicrotask(() => script.dispatchEvent(new Event('load')));
      },
    },
  };
  (globalThis as { document?: unknown }).document = doc;
  return handle;
}

/** Mount nodes for a surface's fields, in the double's document. */
export function doubleNodes(fields: readonly string[]): Record<string, HTMLElement> {
  const doc = (globalThis as { document?: unknown }).document;
  return Object.fromEntries(fields.map((field) => [field, { ownerDocument: doc } as unknown as HTMLElement]));
}
