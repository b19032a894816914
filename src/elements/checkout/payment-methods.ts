import type { PaymentMethod } from '../../core/names.ts';
import type { LazyTag } from '../shared/lazy-elements.ts';
import type { CheckoutMessageKey } from './checkout-messages.ts';

/**
 * The payment methods as the checkout shows them: the tab's label and the lazy element of the method's
 * panel, if any (the card fields are in kessai.js). A new method is a row here and its panel in
 * `checkout.ts` (`_panel`).
 */
export interface MethodView {
  readonly label: CheckoutMessageKey;
  /** The panel's element, loaded when a session offers the method. */
  readonly lazy?: LazyTag;
}

export const METHOD_VIEWS: Readonly<Record<PaymentMethod, MethodView>> = {
  card: { label: 'tab_card' },
  konbini: { label: 'tab_konbini', lazy: 'kessai-konbini-fields' },
};
