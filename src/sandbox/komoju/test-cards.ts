/**
 * # KOMOJU sandbox test cards
 *
 * What each card does in the emulator. The success and decline numbers are KOMOJU's documented test
 * cards (doc.komoju.com/docs/test-cards, providers README section 7); the decline *codes* and the
 * 3-D Secure cards are the sandbox's own choices, since KOMOJU documents neither (UNCONFIRMED: every
 * row is configurable through `KomojuEmulatorOptions.testCards` and `.threeDSecure`).
 *
 * | Card number          | Brand    | `POST /secure_tokens`        | `POST /sessions/{id}/pay`                                   |
 * | -------------------- | -------- | ---------------------------- | ----------------------------------------------------------- |
 * | 4111111111111111     | Visa     | SKIPPED                      | payment `captured`                                          |
 * | 5555555555554444     | MC       | SKIPPED                      | payment `captured`                                          |
 * | 3530111333300000     | JCB      | SKIPPED                      | payment `captured`                                          |
 * | 378282246310005      | Amex     | SKIPPED                      | payment `captured`                                          |
 * | 30569309025904       | Diners   | SKIPPED                      | payment `captured`                                          |
 * | 4242424242424242     | Visa     | SKIPPED                      | payment `captured` (komoju-fields' own tests use it)        |
 * | 4123111111111000     | Visa     | SKIPPED                      | error `insufficient_funds`                                  |
 * | 4123111111111018     | Visa     | SKIPPED                      | error `exceeded_limit` (README: "exceeds limit")            |
 * | 4123111111111034     | Visa     | SKIPPED                      | error `bad_verification_value`                              |
 * | 4123111111111042     | Visa     | SKIPPED                      | error `card_expired` (whatever expiry was typed)            |
 * | 4123111111111059     | Visa     | SKIPPED                      | error `card_declined` (README: "cannot use card")           |
 * | 4123111111111067     | Visa     | SKIPPED                      | error `invalid_number` (README: "invalid card")             |
 * | 4100000000005000     | Visa     | NEEDS_VERIFY → challenge page| with the card itself: `pending` + redirect to the challenge |
 * | 4100000000000100     | Visa     | OK (frictionless)            | payment `captured`                                          |
 * | any other Luhn-valid | detected | SKIPPED                      | payment `captured` (`otherCards: 'decline'` → `card_declined`) |
 *
 * Why `SKIPPED` for the plain cards: KOMOJU's docs say its test cards do not go through 3-D Secure,
 * and `SKIPPED`, like `OK`, means "pay with this token now". A failed pay answers HTTP 200 with
 * `{status: "error", error: {code, message, param: null, details: null}}` and records a `failed`
 * payment on the session. A secure token paid before its challenge is done fails with
 * `three_d_secure_required`; one whose challenge failed fails with `three_d_secure_failed`.
 *
 * A card number that fails Luhn, a month outside 1–12 or an expiry in the past (in JST) is refused
 * before any of this with HTTP 422 `invalid_parameter` naming `payment_details[…]`.
 */

/** Documented KOMOJU test cards that succeed. */
export const SUCCESS_CARDS: readonly string[] = [
  '4111111111111111',
  '5555555555554444',
  '3530111333300000',
  '378282246310005',
  '30569309025904',
  '4242424242424242',
];

/** Documented KOMOJU decline cards → the error code the sandbox answers. */
export const DEFAULT_DECLINE_CARDS: Readonly<Record<string, string>> = {
  '4123111111111000': 'insufficient_funds',
  '4123111111111018': 'exceeded_limit',
  '4123111111111034': 'bad_verification_value',
  '4123111111111042': 'card_expired',
  '4123111111111059': 'card_declined',
  '4123111111111067': 'invalid_number',
};

/** Secure tokens of these cards need the challenge page. */
export const DEFAULT_CHALLENGE_CARDS: readonly string[] = ['4100000000005000'];
/** Secure tokens of these cards are authenticated at once. */
export const DEFAULT_FRICTIONLESS_CARDS: readonly string[] = ['4100000000000100'];

export type VerificationStatus = 'OK' | 'SKIPPED' | 'NEEDS_VERIFY' | 'ERRORED';

export interface TestCardRules {
  readonly challengeCards: ReadonlySet<string>;
  readonly frictionlessCards: ReadonlySet<string>;
  readonly declineCards: ReadonlyMap<string, string>;
  readonly otherCards: 'succeed' | 'decline';
}

/** The `verification_status` a new secure token of this card gets. */
export function verificationStatusFor(number: string, rules: TestCardRules): VerificationStatus {
  if (rules.challengeCards.has(number)) return 'NEEDS_VERIFY';
  if (rules.frictionlessCards.has(number)) return 'OK';
  return 'SKIPPED';
}

/** Whether paying with this card directly (no secure token) goes through a challenge first. */
export function needsChallengeWhenPaidDirectly(number: string, rules: TestCardRules): boolean {
  return rules.challengeCards.has(number);
}

export type ChargeResult = { readonly ok: true } | { readonly ok: false; readonly code: string };

/** What charging this card does (after any 3-D Secure). */
export function chargeCard(number: string, rules: TestCardRules): ChargeResult {
  const code = rules.declineCards.get(number);
  if (code) return { ok: false, code };
  const known =
    SUCCESS_CARDS.includes(number) || rules.challengeCards.has(number) || rules.frictionlessCards.has(number);
  if (!known && rules.otherCards === 'decline') return { ok: false, code: 'card_declined' };
  return { ok: true };
}
