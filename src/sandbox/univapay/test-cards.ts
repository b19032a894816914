/**
 * # UnivaPay sandbox test cards
 *
 * What each card does in the emulator. The success and decline numbers are UnivaPay's documented test
 * cards (docs/providers.md, "UnivaPay"); the decline *code* of the cards ending 1111 and the 3-D Secure
 * challenge card are the sandbox's own choices, since UnivaPay documents neither (every row is
 * configurable through `UnivapayEmulatorOptions.testCards`).
 *
 * | Card number            | `POST /tokens` | the charge (`POST /charges`, then `GET …?polling=true`)            |
 * | ---------------------- | -------------- | ------------------------------------------------------------------ |
 * | 4000020000000000       | 201 token      | `successful` (UnivaPay: success, refund succeeds)                   |
 * | 4242424242424242       | 201 token      | `successful` (UnivaPay: success, refund fails)                      |
 * | 4012888888881881       | 201 token      | `successful` (UnivaPay, older docs: success, cancel fails)          |
 * | any number ending 1111 | 201 token      | `failed`, `error.code` 306 (declined: our choice of code)           |
 * | 4000000000003220       | 201 token      | `awaiting` 3-D Secure: the challenge page, then `successful` or `failed` 358 (our choice: UnivaPay documents no 3-D Secure test card) |
 * | any other Luhn-valid   | 201 token      | `successful`                                                        |
 *
 * - The email local part `+charge-failure-<code>` (`test+charge-failure-309@univapay.com`) makes the
 *   charge fail with that `error.code`, whatever the card, as UnivaPay documents; codes starting with 4
 *   or 6 cannot be forced (UnivaPay's rule) and are ignored. Konbini tokens take the same email rule.
 * - A charge with `three_ds.mode` `force` or `require` goes through the challenge with any card that
 *   would succeed; `skip` never does. `normal` (the default) and `if_available` challenge the
 *   challenge cards only. A recurring token ran 3-D Secure when it was made (`charge.ts`): on its
 *   charges `normal` and `if_available` never challenge, `force` and `require` challenge the challenge
 *   cards only.
 * - `capture: false` leaves a successful card charge `authorized` instead of `successful`.
 * - Refused at `POST /tokens` with 400 `VALIDATION_ERROR`: a number that is not 12–19 digits or fails
 *   Luhn (`card_number`: `INVALID_CARD_NUMBER`), a month outside 1–12 (`exp_month`), an expiry in
 *   the past in Japan (`exp_year` or `exp_month`: `CARD_EXPIRED`), a security code that is not 3–4
 *   digits (`cvv`), an empty `cardholder`, and no `email` (`cardTokenEmail: 'optional'` lifts that).
 * - Before any of these, a card token from raw card data is refused with 401
 *   `DIRECT_CARD_TOKEN_CREATION_DISABLED` unless the account (`directCardTokens`) or the app token
 *   (`issueAppToken({ origins, directCardTokens: true })`) may send it; card data typed into the inline
 *   form stand-in (`<basePath>/client/checkout.js`) is always taken.
 */

/** Documented UnivaPay test cards that succeed. */
export const SUCCESS_CARDS: readonly string[] = ['4000020000000000', '4242424242424242', '4012888888881881'];

/** Cards whose charge waits for the 3-D Secure challenge page (the sandbox's choice). */
export const DEFAULT_CHALLENGE_CARDS: readonly string[] = ['4000000000003220'];

/** "Any card ending 1111 fails" (UnivaPay); the code is ours: 306, declined. */
export const DEFAULT_DECLINE_SUFFIX = '1111';
export const DEFAULT_DECLINE_CODE = 306;

/**
 * `error.code` of a failed challenge: 358, authentication failed on the consumer's side (docs/providers.md,
 * "UnivaPay").
 */
export const THREE_DS_FAILED_CODE = 358;

export interface TestCardRules {
  readonly challengeCards: ReadonlySet<string>;
  /** Exact card numbers → failure code (merged over nothing: UnivaPay documents none). */
  readonly declineCards: ReadonlyMap<string, number>;
  readonly declineSuffix: string | null;
  readonly declineCode: number;
}

export type CardResult =
  | { readonly kind: 'success' }
  | { readonly kind: 'challenge' }
  | { readonly kind: 'failure'; readonly code: number };

/**
 * The code forced by an email's `+charge-failure-<code>` local part, or null. Codes starting with 4 or
 * 6 cannot be forced (docs/providers.md, "UnivaPay").
 */
export function forcedFailureCode(email: string | null): number | null {
  if (!email) return null;
  const local = email.slice(0, email.lastIndexOf('@'));
  const match = /\+charge-failure-(\d{3})$/.exec(local);
  if (!match?.[1] || /^[46]/.test(match[1])) return null;
  return Number(match[1]);
}

/** What charging this card does, given the charge's `three_ds.mode`. */
export function cardResult(
  number: string,
  email: string | null,
  threeDsMode: string,
  rules: TestCardRules,
): CardResult {
  const forced = forcedFailureCode(email);
  if (forced !== null) return { kind: 'failure', code: forced };
  const declined = rules.declineCards.get(number);
  if (declined !== undefined) return { kind: 'failure', code: declined };
  if (rules.declineSuffix && number.endsWith(rules.declineSuffix)) return { kind: 'failure', code: rules.declineCode };
  if (threeDsMode === 'skip') return { kind: 'success' };
  if (threeDsMode === 'force' || threeDsMode === 'require') return { kind: 'challenge' };
  return rules.challengeCards.has(number) ? { kind: 'challenge' } : { kind: 'success' };
}
