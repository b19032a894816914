import type * as FlowModuleNamespace from '../../flow/checkout-controller.ts';

/**
 * The payment flow of a checkout (the controller, the endpoint client, the provider adapters, the
 * schemas that check every answer), loaded when a checkout is created. In the script-tag build it is a
 * chunk of its own, so `kessai.js` itself holds only what draws the form.
 */
export type FlowModule = typeof FlowModuleNamespace;

export function loadFlow(): Promise<FlowModule> {
  return import('../../flow/checkout-controller.ts');
}
