import type { PaymentOptionsSavedCard, UnivapaySavedCard } from '../src/server/index.ts';
import type { Sandbox } from '../src/sandbox/index.ts';

/**
 * The demo shop's shoppers: each browser is one, known by the cookie `kessai_demo_shopper` the demo's
 * pages set (a real shop has its login session). What each saved is kept here, as a shop keeps it with
 * the account: the shopper's own card ids, mapped to PaymentOptions' stored ids that never leave the
 * server. Every new demo shopper starts with two saved PaymentOptions cards, one of them expired, and
 * no UnivaPay card (saved in setup mode: UnivaPay's recurring tokens, kept here by the shopper's ids).
 */
export const SHOPPER_COOKIE = 'kessai_demo_shopper';

export interface DemoShoppers {
  /** The shopper of a request, or undefined without the cookie. */
  idOf(request: Request): string | undefined;
  savedCards(shopper: string): readonly PaymentOptionsSavedCard[];
  save(shopper: string, card: Omit<PaymentOptionsSavedCard, 'id'>): void;
  /** The shopper's UnivaPay cards: recurring tokens behind the shop's own ids. */
  univapayCards(shopper: string): readonly UnivapaySavedCard[];
  /** Keeps a recurring token for the shopper; the shop's id for it. */
  saveUnivapay(shopper: string, card: Omit<UnivapaySavedCard, 'id'>): string;
}

export function createDemoShoppers(sandbox: Sandbox): DemoShoppers {
  const cards = new Map<string, PaymentOptionsSavedCard[]>();
  const univapay = new Map<string, UnivapaySavedCard[]>();
  const year = new Date().getFullYear();
  const starting = (): PaymentOptionsSavedCard[] => [
    {
      id: `card_${crypto.randomUUID().slice(0, 8)}`,
      storedPaymentMethodId: sandbox.paymentoptions.storeCard({ number: '5200000000001005', expMonth: '08', expYear: String((year + 2) % 100).padStart(2, '0'), name: 'DEMO SHOPPER' }),
      brand: 'mastercard',
      last4: '1005',
      expMonth: 8,
      expYear: year + 2,
    },
    {
      id: `card_${crypto.randomUUID().slice(0, 8)}`,
      storedPaymentMethodId: sandbox.paymentoptions.storeCard({ number: '4242424242424242', expMonth: '01', expYear: String((year - 1) % 100).padStart(2, '0'), name: 'DEMO SHOPPER' }),
      brand: 'visa',
      last4: '4242',
      expMonth: 1,
      expYear: year - 1,
    },
  ];
  return {
    idOf(request) {
      const cookie = request.headers.get('cookie') ?? '';
      const value = new RegExp(`(?:^|;\\s*)${SHOPPER_COOKIE}=([A-Za-z0-9-]{8,64})`).exec(cookie)?.[1];
      return value;
    },
    savedCards(shopper) {
      let list = cards.get(shopper);
      if (!list) {
        list = starting();
        cards.set(shopper, list);
      }
      return list;
    },
    save(shopper, card) {
      const list = [...this.savedCards(shopper)];
      if (!list.some((c) => c.storedPaymentMethodId === card.storedPaymentMethodId)) {
        list.push({ id: `card_${crypto.randomUUID().slice(0, 8)}`, ...card });
      }
      cards.set(shopper, list);
    },
    univapayCards(shopper) {
      return univapay.get(shopper) ?? [];
    },
    saveUnivapay(shopper, card) {
      const list = univapay.get(shopper) ?? [];
      const known = list.find((c) => c.transactionTokenId === card.transactionTokenId);
      if (known) return known.id;
      const id = `card_${crypto.randomUUID().slice(0, 8)}`;
      univapay.set(shopper, [...list, { id, ...card }]);
      return id;
    },
  };
}
