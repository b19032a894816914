/**
 * KOMOJU's 3-D Secure test cards as ja.doc.komoju.com documents them ("3Dセキュアを使用したテスト決済に
 * ついて"), one per brand, and an account whose 3-D Secure is misconfigured (every secure token
 * `ERRORED` at creation, which KOMOJU's own fields answer by paying without 3-D Secure).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  KOMOJU_CHALLENGE_CARDS,
  KOMOJU_FAIL_ON_REDIRECT_CARDS,
  KOMOJU_FAILING_CHALLENGE_CARDS,
  KOMOJU_FRICTIONLESS_CARDS,
} from '../../../src/sandbox/index.ts';
import { RETURN_URL, card, getPage, harness, komojuError, submitForm, type Harness } from './helpers.ts';

const BRANDS = ['visa', 'master', 'jcb'] as const;
// Written out from KOMOJU's page, not taken from the emulator: the test checks the emulator against it.
const FRICTIONLESS = ['4100000000000100', '5100000000000107', '3528000000000106'];
const CHALLENGE = ['4100000000005000', '5100000000005007', '3528000000005006'];
const FAILING_CHALLENGE = ['4100000000300005', '5100000000300002', '3528000000300001'];
const FAIL_ON_REDIRECT = ['4100000000500000', '5100000000500007', '3528000000500006'];

const status = async (h: Harness, id: string) =>
  (await h.call('GET', `/secure_tokens/${id}`, { key: h.pk })).body['verification_status'];

/** Pays a fresh session with a secure token; the pay answer. */
async function payWithToken(h: Harness, tokenId: string) {
  const session = await h.createSession();
  return h.pay(session['id'] as string, tokenId);
}

describe('KOMOJU sandbox: documented 3-D Secure test cards', () => {
  it('are the lists kessai-elements/sandbox exports', () => {
    assert.deepEqual(
      [KOMOJU_FRICTIONLESS_CARDS, KOMOJU_CHALLENGE_CARDS, KOMOJU_FAILING_CHALLENGE_CARDS, KOMOJU_FAIL_ON_REDIRECT_CARDS],
      [FRICTIONLESS, CHALLENGE, FAILING_CHALLENGE, FAIL_ON_REDIRECT],
    );
  });

  it('frictionless (認証成功): OK at once, no authentication_url, and the token pays', async () => {
    const h = harness();
    for (const [i, number] of FRICTIONLESS.entries()) {
      const token = await h.secureToken(number);
      assert.equal(token.body['verification_status'], 'OK', number);
      assert.equal(token.body['authentication_url'], null);
      const paid = await payWithToken(h, token.body['id'] as string);
      assert.equal(paid.body['status'], 'completed', number);
      const details = (paid.body['payment'] as { payment_details: Record<string, unknown> }).payment_details;
      assert.equal(details['brand'], BRANDS[i]);
    }
  });

  it('challenge (追加認証あり): NEEDS_VERIFY; "Complete authentication" (password 123456) → OK and the token pays', async () => {
    const h = harness();
    for (const number of CHALLENGE) {
      const token = await h.secureToken(number);
      const id = token.body['id'] as string;
      assert.equal(token.body['verification_status'], 'NEEDS_VERIFY', number);
      const page = await getPage(h.sandbox, token.body['authentication_url'] as string);
      assert.match(page.text, />Complete authentication<\/button>/);
      assert.match(page.text, />Fail authentication<\/button>/);
      assert.match(page.text, /123456/);
      const back = await submitForm(h.sandbox, token.body['authentication_url'] as string, { result: 'complete' });
      assert.equal(back.headers.get('location'), `${RETURN_URL}&secure_token_id=${id}`);
      assert.equal(await status(h, id), 'OK', number);
      assert.equal((await payWithToken(h, id)).body['status'], 'completed', number);
    }
    const failed = await h.secureToken(CHALLENGE[0] as string);
    await submitForm(h.sandbox, failed.body['authentication_url'] as string, { result: 'fail' });
    assert.equal(await status(h, failed.body['id'] as string), 'ERRORED');
  });

  it('failing challenge (認証失敗, password 111111): either button → ERRORED, and the token cannot pay', async () => {
    const h = harness();
    for (const number of FAILING_CHALLENGE) {
      for (const result of ['complete', 'fail']) {
        const token = await h.secureToken(number);
        const id = token.body['id'] as string;
        assert.equal(token.body['verification_status'], 'NEEDS_VERIFY', number);
        const page = await getPage(h.sandbox, token.body['authentication_url'] as string);
        assert.match(page.text, />Complete authentication<\/button>/);
        assert.match(page.text, /111111/);
        const back = await submitForm(h.sandbox, token.body['authentication_url'] as string, { result });
        assert.equal(back.headers.get('location'), `${RETURN_URL}&secure_token_id=${id}`);
        assert.equal(await status(h, id), 'ERRORED', `${number} ${result}`);
        const paid = await payWithToken(h, id);
        assert.equal(komojuError(paid.body).code, 'three_d_secure_failed');
      }
    }
  });

  it('fails once redirected (認証失敗): NEEDS_VERIFY, then opening authentication_url returns at once and the token is ERRORED', async () => {
    const h = harness();
    for (const number of FAIL_ON_REDIRECT) {
      const token = await h.secureToken(number);
      const id = token.body['id'] as string;
      const url = token.body['authentication_url'] as string;
      assert.equal(token.body['verification_status'], 'NEEDS_VERIFY', number);
      const head = await h.sandbox.fetch(url, { method: 'HEAD', redirect: 'manual' });
      assert.equal(head.status, 303);
      assert.equal(await status(h, id), 'NEEDS_VERIFY', 'a HEAD changes nothing');
      const opened = await h.sandbox.fetch(url, { redirect: 'manual' });
      assert.equal(opened.status, 303);
      assert.equal(opened.headers.get('location'), `${RETURN_URL}&secure_token_id=${id}`);
      assert.equal(await status(h, id), 'ERRORED', number);
      const again = await getPage(h.sandbox, url);
      assert.match(again.text, /already finished/);
    }
  });

  it('paid with the card details, each 3-D Secure card goes through the same page and settles the payment', async () => {
    const h = harness();
    const cases: [string, 'complete' | 'fail' | null, string][] = [
      [CHALLENGE[1] as string, 'complete', 'captured'],
      [CHALLENGE[1] as string, 'fail', 'failed'],
      [FAILING_CHALLENGE[2] as string, 'complete', 'failed'],
      [FAIL_ON_REDIRECT[0] as string, null, 'failed'],
    ];
    for (const [number, press, final] of cases) {
      const id = (await h.createSession())['id'] as string;
      const pending = await h.pay(id, card(number));
      assert.equal(pending.body['status'], 'pending', number);
      const url = pending.body['redirect_url'] as string;
      const back = press ? await submitForm(h.sandbox, url, { result: press }) : await h.sandbox.fetch(url, { redirect: 'manual' });
      assert.equal(back.status, 303);
      assert.equal(back.headers.get('location'), `${RETURN_URL}&session_id=${id}`);
      const payment = h.sandbox.komoju.inspect.session(id)?.payment;
      assert.equal(payment?.status, final, `${number} ${press ?? 'opened'}`);
    }
    const frictionless = (await h.createSession())['id'] as string;
    assert.equal((await h.pay(frictionless, card(FRICTIONLESS[2] as string))).body['status'], 'completed');
  });
});

describe('KOMOJU sandbox: 3-D Secure misconfigured on the account', () => {
  it('makes every secure token ERRORED at creation, without an authentication_url', async () => {
    const h = harness({ komoju: { threeDSecure: { misconfigured: true } } });
    for (const number of [...FRICTIONLESS, ...CHALLENGE, ...FAILING_CHALLENGE, ...FAIL_ON_REDIRECT, '4111111111111111']) {
      const token = await h.secureToken(number);
      assert.equal(token.status, 200, number);
      assert.equal(token.body['verification_status'], 'ERRORED', number);
      assert.equal(token.body['authentication_url'], null);
      assert.equal(await status(h, token.body['id'] as string), 'ERRORED');
    }
  });

  it('pays the card details at once without 3-D Secure (what KOMOJU Fields does next), and refuses the ERRORED token', async () => {
    const h = harness({ komoju: { threeDSecure: { misconfigured: true } } });
    const token = await h.secureToken(CHALLENGE[0] as string);
    assert.equal(komojuError((await payWithToken(h, token.body['id'] as string)).body).code, 'three_d_secure_failed');
    const id = (await h.createSession())['id'] as string;
    const paid = await h.pay(id, card(CHALLENGE[0] as string));
    assert.equal(paid.body['status'], 'completed');
    assert.equal((paid.body['payment'] as { status: string }).status, 'captured');
  });

  it('is off by default', async () => {
    const h = harness();
    assert.equal((await h.secureToken('4111111111111111')).body['verification_status'], 'SKIPPED');
  });
});
