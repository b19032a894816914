import type { CardDetails } from '../../../src/core/payment-input.ts';
import type { ProviderScriptDouble } from '../kit.ts';

/**
 * PAY.JP's payments.js v2 as a node double, for the contract suite: the surface the adapter uses
 * (`PayjpPayments(pk)`, `widgets({ clientSecret })`, `createForm('payment')`, `confirmPayment`,
 * `confirmSetup`), doing over HTTP what PAY.JP's form frame does (docs/providers.md "PAY.JP"): find the
 * flow by its client secret, `POST /v2/payment_flows/{id}/confirm` with the card and the public key.
 * payments.js navigates the page on success and for 3-D Secure and resolves only with `{ error }`: the
 * double records where it would go (`navigation()`) and never resolves then, as the real one.
 */

let apiBase = '';
let typed: CardDetails | undefined;
let browserFetch: typeof fetch = () => Promise.reject(new Error('no test world'));
/** Who waits for the next navigation: all are told (the page goes there, whoever asked). */
const waiting: Array<(url: string) => void> = [];
let installed = false;

export interface PaymentsJsDouble extends ProviderScriptDouble {
  /** Resolves with the URL payments.js sends the page to. */
  navigation(): Promise<string>;
}

async function api(method: string, path: string, publicKey: string, body?: unknown): Promise<{ status: number; ok: boolean; json: Record<string, unknown> }> {
  const response = await browserFetch(`${apiBase}/v2${path}`, {
    method,
    headers: {
      Accept: 'application/json',
      Authorization: `Basic ${btoa(`${publicKey}:`)}`,
      ...(body ? { 'Content-Type': 'application/json' } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const json = (await response.json()) as Record<string, unknown>;
  return { status: response.status, ok: response.ok, json };
}

function PayjpPayments(publicKey: string) {
  return {
    widgets({ clientSecret }: { clientSecret: string }) {
      let kind = 'payment_flows';
      const confirm = async (params: { return_url: string; payment_method_data?: { billing_details?: Record<string, string> } }) => {
        try {
          if (!typed) return { error: { type: 'validation_error', code: 'validation_error' } };
          let found = await api('GET', `/${kind}?client_secret=${encodeURIComponent(clientSecret)}`, publicKey);
          let flow = (found.json['data'] as Array<{ id: string }> | undefined)?.[0];
          if (!flow) {
            kind = 'setup_flows';
            found = await api('GET', `/${kind}?client_secret=${encodeURIComponent(clientSecret)}`, publicKey);
            flow = (found.json['data'] as Array<{ id: string }> | undefined)?.[0];
          }
          if (!flow) return { error: { type: 'api_error', code: 'not_found' } };
          const answer = await api('POST', `/${kind}/${flow.id}/confirm`, publicKey, {
            client_secret: clientSecret,
            return_url: params.return_url,
            payment_method_data: {
              type: 'card',
              card: { number: typed.number, exp_month: typed.expMonth, exp_year: typed.expYear, cvc: typed.cvc },
              billing_details: params.payment_method_data?.billing_details ?? {},
            },
          });
          if (!answer.ok) {
            const type = String(answer.json['type'] ?? '');
            return answer.status === 402
              ? { error: { type: 'payment_error', code: type || 'card_declined' } }
              : { error: { type: 'api_error', code: type || 'internal_server_error' } };
          }
          const result = answer.json as { id: string; status: string; client_secret: string; next_action?: { redirect_to_url?: { url: string } } };
          let target: string;
          if (result.status === 'requires_action' && result.next_action?.redirect_to_url?.url) {
            target = result.next_action.redirect_to_url.url;
          } else if (['succeeded', 'processing', 'requires_capture'].includes(result.status)) {
            const url = new URL(params.return_url);
            url.searchParams.append(kind === 'setup_flows' ? 'setup_flow_id' : 'payment_flow_id', result.id);
            url.searchParams.append(kind === 'setup_flows' ? 'setup_flow_client_secret' : 'payment_flow_client_secret', result.client_secret);
            target = url.href;
          } else {
            return { error: { type: 'api_error', code: 'invalid_status' } };
          }
          for (const resolve of waiting.splice(0)) resolve(target);
          return new Promise<never>(() => undefined);
        } catch {
          // The network failed: payments.js's own error for an API that could not answer.
          return { error: { type: 'api_error', code: 'internal_server_error' } };
        }
      };
      return {
        createForm() {
          const handlers = new Map<string, () => void>();
          return {
            on(event: string, handler: () => void) {
              handlers.set(event, handler);
              if (event === 'ready') queueMicrotask(handler);
            },
            mount() {},
            unmount() {},
          };
        },
        update() {},
        confirmPayment: confirm,
        confirmSetup: confirm,
      };
    },
  };
}

/** Installed once per process (the page's script loader keeps what it loaded); each world points it at its sandbox. */
export function installPaymentsJsDouble(worldFetch: typeof fetch): PaymentsJsDouble {
  browserFetch = worldFetch;
  typed = undefined;
  waiting.length = 0;
  const handle: PaymentsJsDouble = {
    fill(card) {
      typed = card;
    },
    navigation: () =>
      new Promise<string>((resolve) => {
        waiting.push(resolve);
      }),
  };
  if (installed) return handle;
  installed = true;
  const doc = {
    defaultView: { PayjpPayments },
    createElement() {
      const script = new EventTarget() as EventTarget & { src: string; remove(): void };
      script.remove = () => undefined;
      return script;
    },
    head: {
      append(script: EventTarget & { src: string }) {
        apiBase = script.src.replace(/\/payments\.js$/, '');
        queueMicrotask(() => script.dispatchEvent(new Event('load')));
      },
    },
  };
  (globalThis as { document?: unknown }).document = doc;
  return handle;
}
