/**
 * The emulator's test cards. PaymentOptions publishes none (docs/providers.md, "PaymentOptions › Test
 * cards"): these are the sandbox's own, sandbox-only and configurable (`testCards`). Two numbers come
 * from PaymentOptions' document examples, where they are paid successfully: `4000000000001091` (the
 * tokenisation example) and `5200000000001005` (the transaction status example); `4000002500003155` is
 * the card of the 3-D Secure (`paymentv2`) example. The declines reuse numbers other providers'
 * sandboxes decline with. Any other number that passes the Luhn check is paid without 3-D Secure.
 */

/** What a card number does. */
export interface PaymentOptionsTestCard {
  /**
   * Whether the issuer asks for 3-D Secure. On `paymentv2` and the hosted payment page the shopper then
   * sees the challenge page; on `payment` (no browser) the payment is declined with response code 65
   * ("Authentication requested").
   */
  readonly threeDSecure: boolean;
  /** `payment_details.response_code` once paid (after the challenge, if any): 0 approves, else a decline. */
  readonly responseCode: number;
}

/** The default cards, by number. */
export const PAYMENTOPTIONS_TEST_CARDS: Readonly<Record<string, PaymentOptionsTestCard>> = {
  '4000000000001091': { threeDSecure: false, responseCode: 0 },
  '5200000000001005': { threeDSecure: false, responseCode: 0 },
  '4000002500003155': { threeDSecure: true, responseCode: 0 },
  '4000000000000002': { threeDSecure: false, responseCode: 5 },
  '4000000000009995': { threeDSecure: false, responseCode: 51 },
  '4000000000000069': { threeDSecure: false, responseCode: 54 },
  '4000000000000119': { threeDSecure: false, responseCode: -1 },
};

/** The card a number stands for: a listed one, else a card paid without 3-D Secure. */
export function testCardFor(number: string, cards: Readonly<Record<string, PaymentOptionsTestCard>>): PaymentOptionsTestCard {
  return Object.hasOwn(cards, number) ? (cards[number] as PaymentOptionsTestCard) : { threeDSecure: false, responseCode: 0 };
}

/**
 * Response codes as the DASGATEWAY manual's "Response Codes" table words them (the codes the emulator
 * can answer; the table has many more, from the acquirers and CAFIS).
 */
export const RESPONSE_DESCRIPTIONS: Readonly<Record<number, string>> = {
  [-1]: 'DAS Gateway Error',
  0: 'Payment Successful',
  5: 'Do not honour OR Declined',
  14: 'Invalid card number OR Invalid account number (no such number)',
  51: 'Insufficient funds OR Insufficient funds/over credit limit',
  54: 'Expired card OR Declined Expired Card',
  65: 'Exceeds withdrawal count limit OR Authentication requested',
  578: 'The transaction is pending.',
  937: 'Card Authentication failed',
};

export function responseDescription(code: number): string {
  return RESPONSE_DESCRIPTIONS[code] ?? 'Declined';
}
