/**
 * # KOMOJU sandbox test cards
 *
 * What each card does in the emulator: KOMOJU's documented test cards ("テストカード" and
 * "3Dセキュアを使用したテスト決済について" on ja.doc.komoju.com; docs/providers.md,
 * section "KOMOJU").
 * Every row is configurable through `KomojuEmulatorOptions.testCards` and `.threeDSecure`. The machine
 * error codes of the decline cards are the sandbox's choice: KOMOJU's page gives only a Japanese label
 * for each (UNCONFIRMED).
 *
 * | Card number          | Brand  | `POST /secure_tokens`           | paid (`POST /sessions/{id}/pay`)                      |
 * | -------------------- | ------ | ------------------------------- | ----------------------------------------------------- |
 * | 4111111111111111     | Visa   | SKIPPED                         | `captured`                                            |
 * | 5555555555554444     | MC     | SKIPPED                         | `captured`                                            |
 * | 3530111333300000     | JCB    | SKIPPED                         | `captured`                                            |
 * | 378282246310005      | Amex   | SKIPPED                         | `captured`                                            |
 * | 30569309025904       | Diners | SKIPPED                         | `captured`                                            |
 * | 4242424242424242     | Visa   | SKIPPED                         | `captured` (komoju-fields' own tests use it)          |
 * | 4123111111111000     | Visa   | SKIPPED                         | error `insufficient_funds` (残高不足)                  |
 * | 4123111111111018     | Visa   | SKIPPED                         | error `exceeded_limit` (ご利用限度額を超過)            |
 * | 4123111111111034     | Visa   | SKIPPED                         | error `bad_verification_value` (セキュリティ番号が不正) |
 * | 4123111111111042     | Visa   | SKIPPED                         | error `card_expired` (期限切れのカード)                |
 * | 4123111111111059     | Visa   | SKIPPED                         | error `card_declined` (クレジットカード使用不可)        |
 * | 4123111111111075     | Visa   | SKIPPED                         | error `invalid_number` (無効なカード)                  |
 *
 * 3-D Secure, one card per brand (Visa / Mastercard / JCB), as KOMOJU documents them:
 *
 * | Cards                                                | secure token                          | on the challenge page                                                   |
 * | ---------------------------------------------------- | ------------------------------------- | ----------------------------------------------------------------------- |
 * | 4100000000000100 / 5100000000000107 / 3528000000000106 | `OK` at once (frictionless, 認証成功) | —                                                                       |
 * | 4100000000005000 / 5100000000005007 / 3528000000005006 | `NEEDS_VERIFY` (追加認証あり)        | "Complete authentication" (KOMOJU: password 123456) → `OK`; "Fail" → `ERRORED` |
 * | 4100000000300005 / 5100000000300002 / 3528000000300001 | `NEEDS_VERIFY` (認証失敗, 追加認証あり) | either button → `ERRORED` (KOMOJU: password 111111 fails)               |
 * | 4100000000500000 / 5100000000500007 / 3528000000500006 | `NEEDS_VERIFY` (認証失敗)              | no challenge: opening `authentication_url` sends the shopper straight back to `return_url` and the token is `ERRORED` |
 *
 * After the challenge the shopper goes to the secure token's `return_url` with `secure_token_id` added.
 * A 3-D Secure card paid with its details (not a secure token) goes through the same page: the pay
 * answers `pending` with the page as `redirect_url`, and the page settles the payment. Once
 * authenticated, each of these cards is charged (`captured`).
 *
 * `threeDSecure.misconfigured: true` stands for an account whose 3-D Secure is not set up: every
 * secure token is `ERRORED` at creation (no `authentication_url`). KOMOJU's own fields then pay with
 * the card details without 3-D Secure, and a card paid with its details is charged at once.
 *
 * Why `SKIPPED` for the plain cards: KOMOJU's docs say its test cards do not go through 3-D Secure,
 * and `SKIPPED`, like `OK`, means "pay with this token now". A failed pay answers HTTP 200 with
 * `{status: "error", error: {code, message, param: null, details: null}}` and records a `failed`
 * payment on the session. A secure token paid before its challenge is done fails with
 * `three_d_secure_required`; one whose challenge failed fails with `three_d_secure_failed`.
 *
 * A card number that fails Luhn, a month outside 1–12 or an expiry in the past (in JST) is refused
 * before any of this with HTTP 422 `invalid_parameter` naming `payment_details[…]`. Any other
 * Luhn-valid number is charged (`testCards.otherCards: 'decline'` declines it with `card_declined`).
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

/** Documented KOMOJU decline cards → the error code the sandbox answers (the codes are UNCONFIRMED). */
export const DEFAULT_DECLINE_CARDS: Readonly<Record<string, string>> = {
  '4123111111111000': 'insufficient_funds',
  '4123111111111018': 'exceeded_limit',
  '4123111111111034': 'bad_verification_value',
  '4123111111111042': 'card_expired',
  '4123111111111059': 'card_declined',
  '4123111111111075': 'invalid_number',
};

/** Authenticated at once (`OK`). */
export const DEFAULT_FRICTIONLESS_CARDS: readonly string[] = ['4100000000000100', '5100000000000107', '3528000000000106'];
/** A challenge that "Complete authentication" passes. */
export const DEFAULT_CHALLENGE_CARDS: readonly string[] = ['4100000000005000', '5100000000005007', '3528000000005006'];
/** A challenge that fails whichever button is pressed. */
export const DEFAULT_FAILING_CHALLENGE_CARDS: readonly string[] = ['4100000000300005', '5100000000300002', '3528000000300001'];
/** `NEEDS_VERIFY`, then failed as soon as the shopper is sent back to `return_url`. */
export const DEFAULT_FAIL_ON_REDIRECT_CARDS: readonly string[] = ['4100000000500000', '5100000000500007', '3528000000500006'];

export type VerificationStatus = 'OK' | 'SKIPPED' | 'NEEDS_VERIFY' | 'ERRORED';

/** What 3-D Secure does with a card. */
export type ThreeDsPlan = 'none' | 'frictionless' | 'challenge' | 'failing_challenge' | 'fail_on_redirect';

export interface TestCardRules {
  readonly frictionlessCards: ReadonlySet<string>;
  readonly challengeCards: ReadonlySet<string>;
  readonly failingChallengeCards: ReadonlySet<string>;
  readonly failOnRedirectCards: ReadonlySet<string>;
  /** The account's 3-D Secure is not set up: every secure token is `ERRORED`, nothing is challenged. */
  readonly threeDSecureMisconfigured: boolean;
  readonly declineCards: ReadonlyMap<string, string>;
  readonly otherCards: 'succeed' | 'decline';
}

/** What 3-D Secure does with this card on this account. */
export function threeDsPlanOf(number: string, rules: TestCardRules): ThreeDsPlan {
  if (rules.threeDSecureMisconfigured) return 'none';
  if (rules.challengeCards.has(number)) return 'challenge';
  if (rules.failingChallengeCards.has(number)) return 'failing_challenge';
  if (rules.failOnRedirectCards.has(number)) return 'fail_on_redirect';
  if (rules.frictionlessCards.has(number)) return 'frictionless';
  return 'none';
}

/** The `verification_status` a new secure token of this card gets. */
export function verificationStatusFor(number: string, rules: TestCardRules): VerificationStatus {
  if (rules.threeDSecureMisconfigured) return 'ERRORED';
  const plan = threeDsPlanOf(number, rules);
  if (plan === 'frictionless') return 'OK';
  return plan === 'none' ? 'SKIPPED' : 'NEEDS_VERIFY';
}

/** Whether paying with this card directly (no secure token) goes through the challenge page first. */
export function needsChallengeWhenPaidDirectly(number: string, rules: TestCardRules): boolean {
  const plan = threeDsPlanOf(number, rules);
  return plan !== 'none' && plan !== 'frictionless';
}

/** Whether the challenge page's answer authenticates the shopper: only "Complete" on a passing challenge. */
export function challengePassed(plan: ThreeDsPlan, pressed: 'complete' | 'fail'): boolean {
  return pressed === 'complete' && plan === 'challenge';
}

/** Whether a card is one of the emulator's test cards (not an "other card"). */
function knownCard(number: string, rules: TestCardRules): boolean {
  return (
    SUCCESS_CARDS.includes(number) ||
    rules.frictionlessCards.has(number) ||
    rules.challengeCards.has(number) ||
    rules.failingChallengeCards.has(number) ||
    rules.failOnRedirectCards.has(number)
  );
}

export type ChargeResult = { readonly ok: true } | { readonly ok: false; readonly code: string };

/** What charging this card does (after any 3-D Secure). */
export function chargeCard(number: string, rules: TestCardRules): ChargeResult {
  const code = rules.declineCards.get(number);
  if (code) return { ok: false, code };
  if (!knownCard(number, rules) && rules.otherCards === 'decline') return { ok: false, code: 'card_declined' };
  return { ok: true };
}
