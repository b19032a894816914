import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import { PAYMENTOPTIONS_RESPONSE_DESCRIPTIONS, PAYMENTOPTIONS_TEST_CARDS } from '../../../src/sandbox/index.ts';
import { BILLING, BROWSER_INFO, card, paymentBody, RETURN_URL, startHarness, type PoHarness } from '../sandbox/paymentoptions-helpers.ts';
import { conformance } from './checks.ts';
import { compareShape, fixture } from './shape.ts';

/**
 * The PaymentOptions emulator against the examples of PaymentOptions' documents
 * (fixtures/paymentoptions/*.json, each with its `source`), field by field: names, JSON types, nesting,
 * enum values. PaymentOptions publishes no Node SDK, so its documents are the only judge. The emulator
 * is reached over HTTP.
 */

let h: PoHarness;
const SHIPPING = { ...BILLING, email: 'shipping@testemail.com' };

before(async () => {
  h = await startHarness();
});
after(async () => {
  await h.close();
});

function assertConforms(report: { problems: string[]; extra: string[] }, what: string): void {
  assert.deepEqual(report.problems, [], `${what} disagrees with PaymentOptions' document`);
}

const txId = (body: Record<string, unknown>) => (body['transaction_details'] as Record<string, unknown>)['id'] as string;

describe('the PaymentOptions emulator against PaymentOptions documents’ examples', () => {
  conformance('paymentoptions.doc.payment-stored-card', async () => {
    const doc = fixture('payment-stored-card.json', 'paymentoptions');
    const stored = h.sandbox.paymentoptions.storeCard({ number: '4000000000001091', expMonth: '12', expYear: '34', name: 'John Doe' });
    const answer = await h.call('POST', '/server-to-server-interface/payment', paymentBody({
      payment_method: { type: 'scheme', store_payment_method: true, stored_payment_method_id: stored },
      merchant_id: h.sandbox.paymentoptions.merchantId,
    }));
    assert.equal(answer.status, 201);
    assertConforms(compareShape(doc.example, answer.body, { enums: doc.enums }), 'POST …/payment (stored card)');
    assert.equal((answer.body['transaction_details'] as Record<string, unknown>)['stored_payment_method_id'], stored);
    assert.equal((answer.body['payment_details'] as Record<string, unknown>)['scheme'], 'VISA', 'the scheme of the number, not the example’s label');
  });

  conformance('paymentoptions.doc.paymentv2-3ds', async () => {
    const doc = fixture('paymentv2-3ds.json', 'paymentoptions');
    const answer = await h.call('POST', '/server-to-server-interface/paymentv2', paymentBody({ card: card('4000002500003155'), browser_info: BROWSER_INFO }));
    assert.equal(answer.status, 200);
    const report = compareShape(doc.example, answer.body);
    assertConforms(report, 'POST …/paymentv2 (3-D Secure)');
    assert.deepEqual(report.extra, []);
  });

  conformance('paymentoptions.doc.transaction-status', async () => {
    const doc = fixture('transaction-status.json', 'paymentoptions');
    const paid = await h.call('POST', '/server-to-server-interface/payment', paymentBody({ card: card('5200000000001005'), shipping_address: SHIPPING }));
    const answer = await h.call('GET', `/server-to-server-interface/transaction/status/${txId(paid.body)}`);
    assert.equal(answer.status, 200);
    assertConforms(compareShape(doc.example, answer.body, { enums: doc.enums }), 'GET …/transaction/status/{transactionId}');
  });

  conformance('paymentoptions.doc.hpp-link', async () => {
    const doc = fixture('hpp-link.json', 'paymentoptions');
    const answer = await h.call('POST', '/server-to-server-interface/hpp/generate/link', {
      return_url: RETURN_URL, amount: 1000, currency: 'JPY', merchant_id: h.sandbox.paymentoptions.merchantId,
      merchant_email: 'merchant@testemail.com', merchant_txn_ref: '2003089893366DTEST', billing_address: BILLING, shipping_address: SHIPPING,
    });
    assert.equal(answer.status, 201);
    assertConforms(compareShape(doc.example, answer.body), 'POST …/hpp/generate/link');
  });

  conformance('paymentoptions.doc.webhook', async () => {
    const doc = fixture('webhook.json', 'paymentoptions');
    const answer = await h.call('POST', '/server-to-server-interface/paymentv2', paymentBody({ card: card('4000002500003155'), browser_info: BROWSER_INFO }));
    const url = String(answer.body['url']);
    await fetch(url, { method: 'POST', redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: new URL(url).origin }, body: 'result=complete' });
    await h.sandbox.paymentoptions.webhooks.idle();
    const hook = h.receiver.received.at(-1);
    assert.ok(hook);
    assertConforms(compareShape(doc.example, hook.json), 'the webhook after 3-D Secure');
    assert.equal(hook.json['status_code'], 200);
  });

  conformance('paymentoptions.doc.statuses-and-codes', async () => {
    const doc = fixture('http-statuses.json', 'paymentoptions');
    const documented = doc['statuses'] as number[];
    const codes = doc['responseCodes'] as Record<string, string>;
    const seen = new Set<number>();
    const tries: [string, unknown, Record<string, string> | undefined][] = [
      ['/server-to-server-interface/payment', paymentBody({ card: card('4000000000001091') }), undefined],
      ['/server-to-server-interface/payment', paymentBody({ card: card('4000000000001091') }), {}],
      ['/server-to-server-interface/payment', paymentBody(), undefined],
      ['/server-to-server-interface/payment', paymentBody({ card: card('4000000000001092') }), undefined],
      ['/server-to-server-interface/payment', paymentBody({ payment_method: { stored_payment_method_id: 'none' } }), undefined],
      ['/server-to-server-interface/nothing', {}, undefined],
    ];
    for (const number of Object.keys(PAYMENTOPTIONS_TEST_CARDS)) tries.push(['/server-to-server-interface/payment', paymentBody({ card: card(number) }), undefined]);
    for (const [path, body, headers] of tries) {
      const answer = await h.call('POST', path, body, headers);
      seen.add(answer.status);
      assert.ok(documented.includes(answer.status), `${path}: HTTP ${answer.status} is not a documented status`);
      assert.equal(typeof answer.body['success'], 'boolean');
      const code = (answer.body['payment_details'] as Record<string, unknown> | undefined)?.['response_code'];
      if (code !== undefined) assert.ok(String(code) in codes, `response_code ${String(code)} is documented`);
    }
    assert.deepEqual([...seen].sort((a, b) => a - b), [201, 400, 401, 404, 406, 412, 502]);
    for (const [code, text] of Object.entries(codes)) assert.equal(PAYMENTOPTIONS_RESPONSE_DESCRIPTIONS[Number(code)], text, `response code ${code}`);
  });
});
