import type * as FlowNamespace from '../../flow/checkout-controller.ts';
import type * as ResultsNamespace from './checkout-results.ts';

/**
 * The payment flow of a checkout (the controller, the endpoint client, the provider adapters, the
 * schemas that check every answer) and the checkout's views of a payment under way, loaded together
 * when a checkout is created. In the script-tag build they are one chunk apart from `kessai.js`
 * (`checkout-controller`, vite.config.ts), so `kessai.js` itself holds only what draws the form.
 */
export interface FlowModule {
  readonly flow: typeof FlowNamespace;
  readonly results: typeof ResultsNamespace;
}

export async function loadFlow(): Promise<FlowModule> {
  const [flow, results] = await Promise.all([
    import('../../flow/checkout-controller.ts'),
    import('./checkout-results.ts'),
  ]);
  return { flow, results };
}
