/**
 * Stripe's test cards, as https://docs.stripe.com/testing documents them (sections "Cards by brand",
 * "Declined payments", "Authentication and setup", "3D Secure authentication"; the PaymentMethod ids
 * `pm_card_…` are that page's "PaymentMethod" column). docs/providers.md, "Stripe", "Test cards",
 * lists each with its source and what is unconfirmed. Every card is configurable (`testCards`).
 */

/** A decline as Stripe's error carries it (`code`, `decline_code`, `message`). */
export interface StripeDecline {
  /** `card_declined`, `expired_card`, `incorrect_cvc`, `processing_error`… */
  readonly code: string;
  /** `generic_decline`, `insufficient_funds`…; left out when Stripe sends none (`expired_card`). */
  readonly declineCode?: string;
  readonly message: string;
}

/** What a test card does when a PaymentIntent or SetupIntent is confirmed with it. */
export interface StripeTestCard {
  /**
   * When 3-D Secure is asked for: `never`; `always` (off-session too: an off-session payment is
   * declined `authentication_required`); `unless_set_up` (on-session always; off-session only when the
   * card was not set up, by a SetupIntent or a payment with `setup_future_usage`, with authentication).
   */
  readonly threeDSecure: 'never' | 'always' | 'unless_set_up';
  /** The decline of a payment (after authentication, when there is one); none: it succeeds. */
  readonly decline?: StripeDecline;
  /** Whether a SetupIntent with it is declined too (`decline` then applies to setups). Default false. */
  readonly declinesSetup?: boolean;
}

export const DECLINED: StripeDecline = { code: 'card_declined', declineCode: 'generic_decline', message: 'Your card was declined.' };
export const INSUFFICIENT_FUNDS: StripeDecline = { code: 'card_declined', declineCode: 'insufficient_funds', message: 'Your card has insufficient funds.' };

/** The cards the emulator knows by default, by number. Any other valid number succeeds. */
export const STRIPE_TEST_CARDS: Readonly<Record<string, StripeTestCard>> = {
  '4242424242424242': { threeDSecure: 'never' },
  '5555555555554444': { threeDSecure: 'never' },
  '3566002020360505': { threeDSecure: 'never' },
  '378282246310005': { threeDSecure: 'never' },
  // "Authentication and setup" (docs.stripe.com/testing#authentication-and-setup).
  '4000002500003155': { threeDSecure: 'unless_set_up' },
  '4000002760003184': { threeDSecure: 'always' },
  '4000008260003178': { threeDSecure: 'always', decline: INSUFFICIENT_FUNDS },
  // "3D Secure authentication": 3DS2 required, then succeeds.
  '4000000000003220': { threeDSecure: 'always' },
  // "Declined payments" (docs.stripe.com/testing#declined-payments).
  '4000000000000002': { threeDSecure: 'never', decline: DECLINED, declinesSetup: true },
  '4000000000009995': { threeDSecure: 'never', decline: INSUFFICIENT_FUNDS, declinesSetup: true },
  '4000000000009987': { threeDSecure: 'never', decline: { code: 'card_declined', declineCode: 'lost_card', message: 'Your card was declined.' }, declinesSetup: true },
  '4000000000009979': { threeDSecure: 'never', decline: { code: 'card_declined', declineCode: 'stolen_card', message: 'Your card was declined.' }, declinesSetup: true },
  '4000000000000069': { threeDSecure: 'never', decline: { code: 'expired_card', message: 'Your card has expired.' }, declinesSetup: true },
  '4000000000000127': { threeDSecure: 'never', decline: { code: 'incorrect_cvc', message: "Your card's security code is incorrect." }, declinesSetup: true },
  '4000000000000119': {
    threeDSecure: 'never',
    decline: { code: 'processing_error', message: 'An error occurred while processing your card. Try again in a little bit.' },
    declinesSetup: true,
  },
};

/** Stripe's test PaymentMethod ids and the card each stands for (docs.stripe.com/testing). */
export const STRIPE_TEST_PAYMENT_METHODS: Readonly<Record<string, string>> = {
  pm_card_visa: '4242424242424242',
  pm_card_mastercard: '5555555555554444',
  pm_card_jcb: '3566002020360505',
  pm_card_amex: '378282246310005',
  pm_card_authenticationRequiredOnSetup: '4000002500003155',
  pm_card_authenticationRequired: '4000002760003184',
  pm_card_authenticationRequiredChargeDeclinedInsufficientFunds: '4000008260003178',
  pm_card_threeDSecure2Required: '4000000000003220',
  pm_card_visa_chargeDeclined: '4000000000000002',
  pm_card_chargeDeclined: '4000000000000002',
  pm_card_visa_chargeDeclinedInsufficientFunds: '4000000000009995',
  pm_card_chargeDeclinedInsufficientFunds: '4000000000009995',
  pm_card_visa_chargeDeclinedLostCard: '4000000000009987',
  pm_card_visa_chargeDeclinedStolenCard: '4000000000009979',
  pm_card_visa_chargeDeclinedExpiredCard: '4000000000000069',
  pm_card_chargeDeclinedExpiredCard: '4000000000000069',
  pm_card_visa_chargeDeclinedIncorrectCvc: '4000000000000127',
  pm_card_chargeDeclinedIncorrectCvc: '4000000000000127',
  pm_card_visa_chargeDeclinedProcessingError: '4000000000000119',
  pm_card_chargeDeclinedProcessingError: '4000000000000119',
};

/** The card a number stands for: a listed test card, else one that succeeds without 3-D Secure. */
export function testCardFor(number: string, cards: Readonly<Record<string, StripeTestCard>>): StripeTestCard {
  return Object.hasOwn(cards, number) ? (cards[number] as StripeTestCard) : { threeDSecure: 'never' };
}
