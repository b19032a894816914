/**
 * The emulator's own test cards. PAY.JP publishes no v2 test cards that a Payment Flow could be
 * confirmed with (its v1 list, docs.pay.jp/v1/testcard, is for tokens and charges of the v1 API), so
 * these are the sandbox's, documented in docs/providers.md ("PAY.JP › Sandbox-only test cards"), and
 * replaceable through the `testCards` option. A Luhn-valid number not listed succeeds without 3-D Secure.
 */
export interface PayjpTestCard {
  /** `always`: every confirm with this card asks for 3-D Secure (the challenge page); `never`: none. */
  readonly threeDSecure: 'always' | 'never';
  /**
   * A decline: HTTP 402 and the flow's last error with this code (PAY.JP's payments.js codes).
   * `paymentsOnly`: a Setup Flow saves the card, Payment Flows with it are declined.
   */
  readonly decline?: { readonly code: string; readonly message: string; readonly paymentsOnly?: boolean };
}

export const PAYJP_TEST_CARDS: Readonly<Record<string, PayjpTestCard>> = {
  '4242424242424242': { threeDSecure: 'never' },
  '5555555555554444': { threeDSecure: 'never' },
  '3530111333300000': { threeDSecure: 'never' },
  '4000000000000002': { threeDSecure: 'never', decline: { code: 'card_declined', message: 'カードが拒否されました。(Your card was declined.)' } },
  '4000000000000069': { threeDSecure: 'never', decline: { code: 'expired_card', message: 'カードの有効期限が切れています。(Your card has expired.)' } },
  '4000000000000119': { threeDSecure: 'never', decline: { code: 'processing_error', message: '決済処理中にエラーが発生しました。(An error occurred while processing the card.)' } },
  '4000000000000341': { threeDSecure: 'never', decline: { code: 'card_declined', message: 'カードが拒否されました。(Your card was declined.)', paymentsOnly: true } },
  '4000000000003220': { threeDSecure: 'always' },
};

/** What a card number does: its test card, or a plain success. */
export function testCardFor(cards: Readonly<Record<string, PayjpTestCard>>, number: string): PayjpTestCard {
  return Object.hasOwn(cards, number) ? (cards[number] as PayjpTestCard) : { threeDSecure: 'never' };
}
