import type { PaymentMethod } from '../../core/names.ts';
import type { LazyTag } from '../shared/lazy-elements.ts';
import type { CheckoutMessageKey } from './checkout-messages.ts';

/**
 * The payment methods as the checkout shows them: the tab's label, the element of the method's panel,
 * and the lazy part it needs, if any. A new method is a row here (and its panel in `checkout.ts`).
 */
export interface MethodView {
  readonly label: CheckoutMessageKey;
  readonly element: 'kessai-card-fields' | 'kessai-konbini-fields';
  /** The element's chunk, loaded when a session offers the method (the card fields are in kessai.js). */
  readonly lazy?: LazyTag;
}

export const METHOD_VIEWS: Readonly<Record<PaymentMethod, MethodView>> = {
  card: { label: 'tab_card', element: 'kessai-card-fields' },
  konbini: { label: 'tab_konbini', element: 'kessai-konbini-fields', lazy: 'kessai-konbini-fields' },
};
