import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PAGE_ORIGIN, RETURN_URL, card, getPage, harness, komojuError, submitForm } from './helpers.ts';

describe('KOMOJU sandbox: POST /secure_tokens', () => {
  it('gives each kind of test card its verification_status', async () => {
    const h = harness();
    const expected: [string, string][] = [
      ['4100000000005000', 'NEEDS_VERIFY'],
      ['4100000000000100', 'OK'],
      ['4111111111111111', 'SKIPPED'],
      ['5555555555554444', 'SKIPPED'],
      ['4123111111111000', 'SKIPPED'],
    ];
    for (const [number, status] of expected) {
      const answer = await h.secureToken(number);
      assert.equal(answer.status, 200, number);
      assert.match(answer.body['id'] as string, /^[a-z0-9]{25}$/);
      assert.equal(answer.body['verification_status'], status, number);
      assert.ok(!Number.isNaN(Date.parse(answer.body['created_at'] as string)));
      if (status === 'NEEDS_VERIFY') {
        assert.equal(
          answer.body['authentication_url'],
          `http://127.0.0.1:5173/sandbox/komoju/challenge/${answer.body['id'] as string}`,
        );
      } else {
        assert.equal(answer.body['authentication_url'], null);
      }
      if (status === 'OK') {
        const result = answer.body['three_ds_auth_result'] as Record<string, string>;
        assert.equal(result['transStatus'], 'Y');
        assert.equal(result['eci'], '05');
      } else {
        assert.ok(!('three_ds_auth_result' in answer.body));
      }
      assert.ok(!JSON.stringify(answer.body).includes(number), 'the card number is never echoed');
      const read = await h.call('GET', `/secure_tokens/${answer.body['id'] as string}`, { key: h.pk });
      assert.deepEqual(read.body, answer.body);
    }
  });

  it('lets the options choose the challenge and frictionless cards', async () => {
    const h = harness({ komoju: { threeDSecure: { challengeCards: ['4242424242424242'], frictionlessCards: [] } } });
    assert.equal((await h.secureToken('4242424242424242')).body['verification_status'], 'NEEDS_VERIFY');
    assert.equal((await h.secureToken('4100000000005000')).body['verification_status'], 'SKIPPED');
    assert.equal((await h.secureToken('4100000000000100')).body['verification_status'], 'SKIPPED');
  });

  it('refuses invalid cards with 422 naming the field', async () => {
    const h = harness();
    const now = new Date();
    const jstYear = new Date(now.getTime() + 9 * 3_600_000).getUTCFullYear();
    const cases: [string, Record<string, unknown>, string, string][] = [
      ['Luhn', card('4111111111111112'), 'invalid_parameter', 'payment_details[number]'],
      ['spaces', card('4111 1111 1111 1111'), 'invalid_parameter', 'payment_details[number]'],
      ['letters', card('4111abcd11111111'), 'invalid_parameter', 'payment_details[number]'],
      ['month 13', card('4111111111111111', { month: '13' }), 'invalid_parameter', 'payment_details[month]'],
      ['month 0', card('4111111111111111', { month: 0 }), 'invalid_parameter', 'payment_details[month]'],
      ['last year', card('4111111111111111', { month: 12, year: jstYear - 1 }), 'invalid_parameter', 'payment_details[year]'],
      ['cvc', card('4111111111111111', { verification_value: '12a' }), 'invalid_parameter', 'payment_details[verification_value]'],
      ['no number', { type: 'credit_card', month: 1, year: 2030 }, 'missing_parameter', 'payment_details[number]'],
      ['no year', { type: 'credit_card', number: '4111111111111111', month: 1 }, 'missing_parameter', 'payment_details[year]'],
      ['konbini', { type: 'konbini', store: 'lawson', email: 'a@example.jp' }, 'invalid_parameter', 'payment_details[type]'],
    ];
    for (const [label, details, code, param] of cases) {
      const answer = await h.secureToken('unused', { payment_details: details });
      assert.equal(answer.status, 422, label);
      const error = komojuError(answer.body);
      assert.equal(error.code, code, label);
      assert.equal(error.param, param, label);
    }
    const noReturn = await h.call('POST', '/secure_tokens', {
      key: h.pk,
      body: { amount: 1500, currency: 'JPY', payment_details: card('4111111111111111') },
    });
    assert.equal(komojuError(noReturn.body).param, 'return_url');
    assert.equal(h.sandbox.komoju.inspect.secureTokens().length, 0);
  });

  it('refuses a card expired this month in Japan but takes two-digit years', async () => {
    // 1 May 00:30 JST is still 30 April in UTC: an April card has expired in Japan.
    const h = harness({ komoju: { now: () => new Date('2030-04-30T15:30:00Z') } });
    const april = await h.secureToken('x', { payment_details: card('4111111111111111', { month: 4, year: 30 }) });
    assert.equal(april.status, 422);
    assert.equal(komojuError(april.body).param, 'payment_details[month]');
    const may = await h.secureToken('x', { payment_details: card('4111111111111111', { month: '05', year: '30' }) });
    assert.equal(may.status, 200);
  });

  it('answers unsupported_card_brand for the brands configured so, and for brands not taken', async () => {
    const h = harness({ komoju: { threeDSecure: { unsupportedBrands: ['american_express'] } } });
    const amex = await h.secureToken('378282246310005');
    assert.equal(amex.status, 422);
    assert.equal(komojuError(amex.body).code, 'unsupported_card_brand');
    const unionPay = await h.secureToken('6200000000000005');
    assert.equal(komojuError(unionPay.body).code, 'unsupported_card_brand');
  });
});

describe('KOMOJU sandbox: 3-D Secure challenge page', () => {
  it('shows an accessible page with the two buttons, under a strict CSP', async () => {
    const h = harness();
    const token = await h.secureToken('4100000000005000');
    const page = await getPage(h.sandbox, token.body['authentication_url'] as string);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(page.text, /<html lang="en">/);
    assert.match(page.text, /<title>[^<]*3-D Secure[^<]*<\/title>/);
    assert.match(page.text, /<h1>3-D Secure authentication<\/h1>/);
    assert.match(page.text, /<button type="submit"[^>]*name="result" value="complete">Complete authentication<\/button>/);
    assert.match(page.text, /<button type="submit"[^>]*name="result" value="fail">Fail authentication<\/button>/);
    assert.match(page.text, /Visa ending in 5000/);
    assert.ok(!page.text.includes('4100000000005000'));
    assert.ok(!/<script/i.test(page.text), 'no script at all');
    assert.ok(!/ style=/i.test(page.text), 'no inline style');
    const csp = page.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'none'/);
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, new RegExp(`form-action 'self' ${PAGE_ORIGIN}`));
    const css = await getPage(h.sandbox, new URL('/sandbox/komoju/assets/page.css', token.body['authentication_url'] as string).href);
    assert.equal(css.status, 200);
    assert.match(css.headers.get('content-type') ?? '', /^text\/css/);
  });

  it('"Complete authentication" makes the token OK and returns to return_url with secure_token_id, keeping its query', async () => {
    const h = harness();
    const token = await h.secureToken('4100000000005000');
    const id = token.body['id'] as string;
    const response = await submitForm(h.sandbox, token.body['authentication_url'] as string, { result: 'complete' });
    assert.equal(response.status, 303);
    assert.equal(response.headers.get('location'), `${RETURN_URL}&secure_token_id=${id}`);
    const read = await h.call('GET', `/secure_tokens/${id}`, { key: h.pk });
    assert.equal(read.body['verification_status'], 'OK');
    assert.equal(read.body['authentication_url'], null);
    assert.equal((read.body['three_ds_auth_result'] as Record<string, string>)['transStatus'], 'Y');

    // A second post changes nothing and sends the shopper back again.
    const again = await submitForm(h.sandbox, token.body['authentication_url'] as string, { result: 'fail' });
    assert.equal(again.status, 303);
    assert.equal((await h.call('GET', `/secure_tokens/${id}`, { key: h.pk })).body['verification_status'], 'OK');
    const finished = await getPage(h.sandbox, token.body['authentication_url'] as string);
    assert.match(finished.text, /already finished/);
    assert.ok(!finished.text.includes('Complete authentication'));
  });

  it('"Fail authentication" makes the token ERRORED; a return URL without a query gets ?secure_token_id', async () => {
    const h = harness();
    const token = await h.secureToken('4100000000005000', { return_url: `${PAGE_ORIGIN}/pay#summary` });
    const id = token.body['id'] as string;
    const response = await submitForm(h.sandbox, token.body['authentication_url'] as string, { result: 'fail' });
    assert.equal(response.status, 303);
    assert.equal(response.headers.get('location'), `${PAGE_ORIGIN}/pay?secure_token_id=${id}#summary`);
    assert.equal((await h.call('GET', `/secure_tokens/${id}`, { key: h.pk })).body['verification_status'], 'ERRORED');
  });

  it('escapes the return URL it shows', async () => {
    const h = harness();
    const hostile = `${PAGE_ORIGIN}/back?q="><script>alert(1)</script>&x='<img src=x onerror=alert(2)>`;
    const token = await h.secureToken('4100000000005000', { return_url: hostile });
    assert.equal(token.status, 200);
    const page = await getPage(h.sandbox, token.body['authentication_url'] as string);
    assert.ok(!page.text.includes('<script>'));
    assert.ok(!page.text.includes('<img'));
    assert.ok(page.text.includes('&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&amp;x=&#39;&lt;img src=x onerror=alert(2)&gt;'));
  });

  it('refuses a post from another origin, an unknown answer and an unknown token', async () => {
    const h = harness();
    const token = await h.secureToken('4100000000005000');
    const url = token.body['authentication_url'] as string;
    assert.equal((await submitForm(h.sandbox, url, { result: 'complete' }, 'https://evil.example')).status, 403);
    assert.equal((await submitForm(h.sandbox, url, { result: 'maybe' })).status, 400);
    assert.equal((await h.call('GET', `/secure_tokens/${token.body['id'] as string}`, { key: h.pk })).body['verification_status'], 'NEEDS_VERIFY');
    const unknown = await getPage(h.sandbox, url.replace(/[a-z0-9]{25}$/, 'unknown'));
    assert.equal(unknown.status, 404);
    assert.equal((await submitForm(h.sandbox, url.replace(/[a-z0-9]{25}$/, 'unknown'), { result: 'complete' })).status, 404);
    // A SKIPPED token has no challenge page.
    const skipped = await h.secureToken('4111111111111111');
    const noPage = await getPage(h.sandbox, url.replace(/[a-z0-9]{25}$/, skipped.body['id'] as string));
    assert.equal(noPage.status, 404);
  });
});
