/**
 * The PAY.JP v2 emulator judged by PAY.JP's official v2 Node SDK (@payjp/payjpv2, generated from
 * PAY.JP's OpenAPI): every object is created and read back through the SDK's own functions against
 * the emulator (`baseUrl`), so a field the emulator misnames or mistypes fails here.
 */
import assert from 'node:assert/strict';
import { describe } from 'node:test';
import {
  cancelPaymentFlow,
  capturePaymentFlow,
  confirmPaymentFlow,
  createCustomer,
  createPaymentFlow,
  createSetupFlow,
  getAllPaymentFlows,
  getCustomer,
  getCustomerPaymentMethods,
  getPaymentFlow,
  getPaymentMethod,
  getSetupFlow,
  type ErrorResponse,
  type PaymentFlowResponse,
  type SetupFlowResponse,
} from '@payjp/payjpv2';
import { conformance } from '../conformance/checks.ts';
import { answerChallenge, API_BASE, basic, browserConfirm, newSandbox, sdkClient } from './payjp-helpers.ts';

/** The keys of the SDK's response model, as its generated code declares them (PaymentFlowResponse, SetupFlowResponse). */
const PAYMENT_FLOW_KEYS = ['object', 'id', 'livemode', 'amount', 'currency', 'amount_capturable', 'amount_received', 'client_secret', 'customer_id', 'description', 'payment_method_id', 'payment_method_options', 'payment_method_types', 'status', 'next_action', 'return_url', 'capture_method', 'last_payment_error', 'cancellation_reason', 'canceled_at', 'metadata', 'created_at', 'updated_at'] as const satisfies readonly (keyof PaymentFlowResponse)[];
const SETUP_FLOW_KEYS = ['object', 'id', 'livemode', 'client_secret', 'customer_id', 'description', 'metadata', 'payment_method_id', 'payment_method_options', 'payment_method_types', 'status', 'next_action', 'return_url', 'last_setup_error', 'cancellation_reason', 'created_at', 'updated_at'] as const satisfies readonly (keyof SetupFlowResponse)[];

function hasKeys(object: object, keys: readonly string[]): void {
  for (const key of keys) assert.ok(Object.hasOwn(object, key), `missing ${key}`);
}

async function savedCard(sandbox: ReturnType<typeof newSandbox>, number: string) {
  const client = sdkClient(sandbox);
  const customer = (await createCustomer({ client, body: { email: 'taro@example.jp' }, throwOnError: true })).data;
  const setup = (await createSetupFlow({ client, body: { customer_id: customer.id, payment_method_types: ['card'] }, throwOnError: true })).data;
  const confirm = await browserConfirm(sandbox, 'setup_flows', setup.id, setup.client_secret, number);
  assert.equal(confirm.status, 200);
  const after = (await getSetupFlow({ client, path: { setup_flow_id: setup.id }, throwOnError: true })).data;
  return { client, customer, setup: after };
}

describe('PAY.JP emulator against @payjp/payjpv2', () => {
  conformance('payjp.sdk.payment-flow', async () => {
    const sandbox = newSandbox();
    const client = sdkClient(sandbox);
    const customer = (await createCustomer({ client, body: { email: 'taro@example.jp', metadata: { order: 'A-1' } }, throwOnError: true })).data;
    assert.match(customer.id, /^cus_/);
    assert.equal((await getCustomer({ client, path: { customer_id: customer.id }, throwOnError: true })).data.email, 'taro@example.jp');
    const created = await createPaymentFlow({ client, body: { amount: 1500, currency: 'jpy', customer_id: customer.id, metadata: { order_id: 'A-1' } }, throwOnError: true });
    const flow = created.data;
    hasKeys(flow, PAYMENT_FLOW_KEYS);
    assert.match(flow.id, /^pfw_/);
    assert.equal(flow.object, 'payment_flow');
    assert.equal(flow.status, 'requires_payment_method');
    assert.equal(flow.capture_method, 'automatic');
    assert.deepEqual(flow.payment_method_types, ['card']);
    assert.equal(typeof flow.client_secret, 'string');
    assert.equal(flow.customer_id, customer.id);
    assert.ok(!Number.isNaN(Date.parse(flow.created_at)));
    const read = (await getPaymentFlow({ client, path: { payment_flow_id: flow.id }, throwOnError: true })).data;
    assert.deepEqual(read, flow);
    const list = (await getAllPaymentFlows({ client, query: { limit: 10 }, throwOnError: true })).data;
    assert.deepEqual(list.data.map((f) => f.id), [flow.id]);
    // The shopper's card through the browser path, then read by the SDK: succeeded, with a PaymentMethod.
    const confirm = await browserConfirm(sandbox, 'payment_flows', flow.id, flow.client_secret, '4242424242424242');
    assert.equal(confirm.status, 200);
    const done = (await getPaymentFlow({ client, path: { payment_flow_id: flow.id }, throwOnError: true })).data;
    assert.equal(done.status, 'succeeded');
    assert.equal(done.amount_received, 1500);
    assert.equal(done.return_url, 'https://shop.example/return');
    const pm = (await getPaymentMethod({ client, path: { payment_method_id: done.payment_method_id ?? '' }, throwOnError: true })).data;
    assert.ok('card' in pm);
    assert.equal(pm.card.last4, '4242');
    assert.equal(pm.card.brand, 'Visa');
    assert.equal(pm.customer_id, null, 'a Payment Flow card is not attached to the customer (docs.pay.jp/v2/guide/payments/setupflow)');
  });

  conformance('payjp.sdk.setup-flow', async () => {
    const sandbox = newSandbox();
    const client = sdkClient(sandbox);
    const customer = (await createCustomer({ client, body: {}, throwOnError: true })).data;
    const setup = (await createSetupFlow({ client, body: { customer_id: customer.id }, throwOnError: true })).data;
    hasKeys(setup, SETUP_FLOW_KEYS);
    assert.match(setup.id, /^sflw_/);
    assert.match(setup.client_secret, /^sflw_secret_/);
    assert.equal(setup.status, 'requires_payment_method');
    assert.equal((setup as { usage?: string }).usage, 'off_session');
    // The guide's spelling (`customer`), accepted too.
    const byGuide = await sandbox.fetch(`${API_BASE}/v2/setup_flows`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${sandbox.payjp.secretKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ customer: customer.id, payment_method_types: ['card'] }),
    });
    assert.equal(byGuide.status, 200);
    assert.equal(((await byGuide.json()) as SetupFlowResponse).customer_id, customer.id);
    const { setup: done } = await savedCardOn(sandbox, client, customer.id, setup);
    assert.equal(done.status, 'succeeded');
    assert.match(done.payment_method_id ?? '', /^pm_/);
    const methods = (await getCustomerPaymentMethods({ client, path: { customer_id: customer.id }, throwOnError: true })).data;
    assert.equal(methods.data.length, 1);
    const card = methods.data[0];
    assert.ok(card && 'card' in card);
    assert.equal(card.id, done.payment_method_id);
    assert.equal(card.card.last4, '4242');
    assert.equal(card.customer_id, customer.id);
    // Off session with the saved card: create with confirm, through the SDK.
    const paid = await createPaymentFlow({ client, body: { amount: 990, currency: 'jpy', customer_id: customer.id, payment_method_id: card.id, confirm: true }, throwOnError: true });
    assert.equal(paid.data.status, 'succeeded');
    assert.equal(paid.data.payment_method_id, card.id);
  });

  conformance('payjp.sdk.payment-failed', async () => {
    const sandbox = newSandbox();
    const { client, customer, setup } = await savedCard(sandbox, '4000000000000341');
    assert.equal(setup.status, 'succeeded');
    const flow = (await createPaymentFlow({ client, body: { amount: 2000, currency: 'jpy', customer_id: customer.id }, throwOnError: true })).data;
    const result = await confirmPaymentFlow({ client, path: { payment_flow_id: flow.id }, body: { payment_method_id: setup.payment_method_id ?? '' } });
    assert.equal(result.response.status, 402);
    assert.equal(result.data, undefined);
    const error: ErrorResponse | undefined = result.error;
    assert.ok(error);
    assert.equal(error.status, 402);
    assert.equal(error.title, 'Payment Failed');
    assert.equal(error.type, 'card_declined');
    const after = (await getPaymentFlow({ client, path: { payment_flow_id: flow.id }, throwOnError: true })).data;
    assert.equal(after.status, 'requires_payment_method');
    assert.equal((after.last_payment_error as { code?: string } | null)?.code, 'card_declined');
    // Create with confirm: 402 too, and throwOnError throws the SDK's parsed ErrorResponse.
    await assert.rejects(
      createPaymentFlow({ client, body: { amount: 2000, currency: 'jpy', customer_id: customer.id, payment_method_id: setup.payment_method_id ?? '', confirm: true }, throwOnError: true }),
      (thrown: ErrorResponse) => thrown.status === 402 && thrown.type === 'card_declined',
    );
    // The browser path: a card declined outright is 402 at the confirm.
    const other = (await createPaymentFlow({ client, body: { amount: 500, currency: 'jpy' }, throwOnError: true })).data;
    const declined = await browserConfirm(sandbox, 'payment_flows', other.id, other.client_secret, '4000000000000002');
    assert.equal(declined.status, 402);
  });

  conformance('payjp.sdk.three-d-secure', async () => {
    const sandbox = newSandbox();
    const client = sdkClient(sandbox);
    for (const [result, status] of [['complete', 'succeeded'], ['fail', 'requires_payment_method']] as const) {
      const flow = (await createPaymentFlow({ client, body: { amount: 3000, currency: 'jpy' }, throwOnError: true })).data;
      const confirm = await browserConfirm(sandbox, 'payment_flows', flow.id, flow.client_secret, '4000000000003220', 'https://shop.example/done?order=7');
      assert.equal(confirm.status, 200);
      const waiting = (await getPaymentFlow({ client, path: { payment_flow_id: flow.id }, throwOnError: true })).data;
      assert.equal(waiting.status, 'requires_action');
      const url = (waiting.next_action?.['redirect_to_url'] as { url: string }).url;
      assert.equal(url, sandbox.payjp.inspect.challengeUrl(flow.id));
      const page = await sandbox.fetch(url);
      const text = await page.text();
      assert.ok(text.includes('Complete authentication') && text.includes('Fail authentication'));
      const answered = await answerChallenge(sandbox, url, result);
      assert.equal(answered.status, 303);
      const back = new URL(answered.headers.get('location') ?? '');
      assert.equal(back.origin + back.pathname, 'https://shop.example/done');
      assert.equal(back.searchParams.get('order'), '7');
      assert.equal(back.searchParams.get('payment_flow_id'), flow.id);
      assert.equal(back.searchParams.get('payment_flow_client_secret'), flow.client_secret);
      const after = (await getPaymentFlow({ client, path: { payment_flow_id: flow.id }, throwOnError: true })).data;
      assert.equal(after.status, status);
      if (result === 'fail') assert.equal((after.last_payment_error as { code?: string } | null)?.code, 'three_d_secure_failed');
    }
    // request_three_d_secure: any asks for it with any card; the setup flow returns with setup_flow_id / setup_flow_client_secret.
    const customer = (await createCustomer({ client, body: {}, throwOnError: true })).data;
    const setup = (await createSetupFlow({ client, body: { customer_id: customer.id, payment_method_options: { card: { request_three_d_secure: 'any' } } }, throwOnError: true })).data;
    assert.equal((await browserConfirm(sandbox, 'setup_flows', setup.id, setup.client_secret, '4242424242424242')).status, 200);
    const answered = await answerChallenge(sandbox, sandbox.payjp.inspect.challengeUrl(setup.id) ?? '', 'complete');
    const back = new URL(answered.headers.get('location') ?? '');
    assert.equal(back.searchParams.get('setup_flow_id'), setup.id);
    assert.equal(back.searchParams.get('setup_flow_client_secret'), setup.client_secret);
    assert.equal((await getSetupFlow({ client, path: { setup_flow_id: setup.id }, throwOnError: true })).data.status, 'succeeded');
  });

  conformance('payjp.sdk.capture-cancel', async () => {
    const sandbox = newSandbox();
    const { client, customer, setup } = await savedCard(sandbox, '4242424242424242');
    const held = (await createPaymentFlow({ client, body: { amount: 5000, currency: 'jpy', customer_id: customer.id, payment_method_id: setup.payment_method_id ?? '', capture_method: 'manual', confirm: true }, throwOnError: true })).data;
    assert.equal(held.status, 'requires_capture');
    assert.equal(held.amount_capturable, 5000);
    const captured = (await capturePaymentFlow({ client, path: { payment_flow_id: held.id }, body: { amount_to_capture: 4000 }, throwOnError: true })).data;
    assert.equal(captured.status, 'succeeded');
    assert.equal(captured.amount_received, 4000);
    const again = await capturePaymentFlow({ client, path: { payment_flow_id: held.id } });
    assert.equal(again.response.status, 400);
    assert.equal(again.error?.title, 'Invalid Status');
    const open = (await createPaymentFlow({ client, body: { amount: 800, currency: 'jpy' }, throwOnError: true })).data;
    const canceled = (await cancelPaymentFlow({ client, path: { payment_flow_id: open.id }, body: { cancellation_reason: 'requested_by_customer' }, throwOnError: true })).data;
    assert.equal(canceled.status, 'canceled');
    assert.equal(canceled.cancellation_reason, 'requested_by_customer');
    assert.ok(canceled.canceled_at);
  });

  conformance('payjp.sdk.idempotency', async () => {
    const sandbox = newSandbox();
    const client = sdkClient(sandbox);
    const first = await createCustomer({ client, body: { email: 'a@example.jp' }, headers: { 'Idempotency-Key': 'key-1' }, throwOnError: true });
    const second = await createCustomer({ client, body: { email: 'a@example.jp' }, headers: { 'Idempotency-Key': 'key-1' }, throwOnError: true });
    assert.equal(second.data.id, first.data.id);
    assert.equal(sandbox.payjp.inspect.customers().length, 1);
    assert.equal(sandbox.payjp.inspect.requests({ route: 'POST /v2/customers' })[1]?.replayed, true);
    const other = await createCustomer({ client, body: { email: 'b@example.jp' }, headers: { 'Idempotency-Key': 'key-1' } });
    assert.equal(other.response.status, 409);
    assert.equal(other.error?.status, 409);
  });

  conformance('payjp.sdk.errors', async () => {
    const sandbox = newSandbox();
    const wrong = sdkClient(sandbox, 'sk_test_somebodyelse0000000000');
    const refused = await createCustomer({ client: wrong, body: {} });
    assert.equal(refused.response.status, 401);
    assert.equal(refused.error?.status, 401);
    const client = sdkClient(sandbox);
    const missing = await getPaymentFlow({ client, path: { payment_flow_id: 'pfw_nothere' } });
    assert.equal(missing.response.status, 404);
    assert.equal(missing.error?.title, 'Not Found');
    const small = await createPaymentFlow({ client, body: { amount: 10, currency: 'jpy' } });
    assert.equal(small.response.status, 422);
    assert.equal(small.error?.errors?.[0]?.['field'], 'amount');
    // The public key may read a flow only with its client secret, and may not create one.
    const flow = (await createPaymentFlow({ client, body: { amount: 1000, currency: 'jpy' }, throwOnError: true })).data;
    const pub = sdkClient(sandbox, sandbox.payjp.publicKey);
    assert.equal((await createPaymentFlow({ client: pub, body: { amount: 1000, currency: 'jpy' } })).response.status, 403);
    assert.equal((await getPaymentFlow({ client: pub, path: { payment_flow_id: flow.id } })).response.status, 404);
    const withSecret = await getPaymentFlow({ client: pub, path: { payment_flow_id: flow.id }, query: { client_secret: flow.client_secret } as never });
    assert.equal(withSecret.data?.id, flow.id);
  });

  conformance('payjp.sample.basic-auth', async () => {
    const sandbox = newSandbox();
    // payjp/payjpv2-samples server/index.js: `Authorization: Basic base64(sk:)`, JSON body, https://api.pay.jp/v2.
    const response = await sandbox.fetch(`${API_BASE}/v2/payment_flows`, {
      method: 'POST',
      headers: { Authorization: basic(sandbox.payjp.secretKey), 'Content-Type': 'application/json' },
      body: JSON.stringify({ amount: 1200, currency: 'jpy', payment_method_types: ['card'] }),
    });
    assert.equal(response.status, 200);
    const flow = (await response.json()) as PaymentFlowResponse;
    assert.equal(flow.status, 'requires_payment_method');
    assert.deepEqual(sandbox.payjp.inspect.requests().map((r) => [r.auth, r.scheme]), [['secret', 'basic']]);
  });
});

async function savedCardOn(sandbox: ReturnType<typeof newSandbox>, client: ReturnType<typeof sdkClient>, _customerId: string, setup: SetupFlowResponse) {
  const confirm = await browserConfirm(sandbox, 'setup_flows', setup.id, setup.client_secret, '4242424242424242');
  assert.equal(confirm.status, 200);
  return { setup: (await getSetupFlow({ client, path: { setup_flow_id: setup.id }, throwOnError: true })).data };
}
