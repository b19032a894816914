/**
 * The designers' demo page (`/`): it loads under the demo's strict CSP without errors, the live
 * checkout talks to the chosen provider's endpoint, the controls restyle and relabel the elements, and
 * the gallery renders every chain's slip in both languages from fixed data.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openShopper, useE2E, type Shopper } from './shopper.ts';

const e2e = useE2E();

async function openDemo(path = '/'): Promise<Shopper> {
  return openShopper(e2e, path);
}

describe('demo page', () => {
  it('loads with the checkout, test cards and a gallery of every slip, without page errors', async () => {
    const shopper = await openDemo();
    const { page } = shopper;
    try {
      assert.match((await shopper.payButton().textContent()) ?? '', /1,980/);
      assert.ok((await page.locator('#test-cards tbody tr').count()) >= 10);
      const slips = page.locator('#gallery kessai-konbini-slip');
      assert.equal(await slips.count(), 13, 'six chains in two languages, and an expired slip');
      const gallery = page.locator('#gallery');
      await gallery.getByText('Payment number', { exact: true }).first().waitFor();
      await gallery.getByText('支払い番号', { exact: true }).first().waitFor();
      await gallery.getByRole('link', { name: 'Open the payment slip' }).first().waitFor();
      await gallery.getByRole('link', { name: '払込票を表示' }).first().waitFor();
      // The designers see a number of a brand the store does not take, refused.
      await gallery
        .getByText(/このカードはご利用いただけません。Visa、Mastercard、JCBをご利用ください。|This card brand is not accepted here\. Accepted cards: Visa, Mastercard, JCB\./)
        .waitFor();

      // The card brands KOMOJU's session accepts, as named marks under the number (no Discover), and the
      // detected brand's mark in the field once the shopper types, under the demo's strict CSP.
      const checkout = page.locator('#checkout-host');
      const accepted = checkout.getByRole('list', { name: /使用できるカード|Accepted cards/ });
      await accepted.waitFor();
      const names = await accepted.getByRole('img').evaluateAll((imgs) => imgs.map((img) => img.getAttribute('aria-label')));
      assert.deepEqual(names, ['Visa', 'Mastercard', 'JCB', 'American Express', 'Diners Club']);
      await checkout.getByLabel(/カード番号|Card number/).pressSequentially('3530');
      await checkout.locator('[part~="brand"]').getByRole('img', { name: 'JCB' }).waitFor();
      assert.deepEqual(shopper.pageErrors, []);
    } finally {
      await shopper.context.close();
    }
  });

  it('switches provider, language and theme live, and keeps the provider in the address', async () => {
    const shopper = await openDemo();
    const { page } = shopper;
    try {
      await page.getByLabel('UnivaPay', { exact: true }).check();
      await shopper.payButton().waitFor();
      assert.equal(await page.locator('#checkout-host kessai-checkout').getAttribute('endpoint'), '/api/univapay');
      assert.match(page.url(), /[?&]provider=univapay/);

      // UnivaPay as most merchants have it: the card in UnivaPay's own form, from the sandbox origin.
      const univapayFrame = page.locator('#checkout-host iframe[name="univapay-checkout-connector"]');
      await univapayFrame.waitFor();
      assert.equal(new URL((await univapayFrame.getAttribute('src')) ?? '').origin, e2e.sandboxOrigin);

      await page.getByLabel('English').check();
      await page.getByRole('button', { name: /^Pay / }).waitFor();
      // A PCI DSS merchant: our own inputs, through its own endpoint, remembered in the address.
      await page.getByLabel(/PCI DSS merchant/).check();
      await page.locator('#checkout-host').getByLabel('Card number').waitFor();
      assert.equal(await page.locator('#checkout-host kessai-checkout').getAttribute('endpoint'), '/api/univapay-pci');
      assert.match(page.url(), /[?&]pci=1/);

      await page.locator('input[name="primary"]').fill('#aa0044');
      const background = await page
        .getByRole('button', { name: /^Pay / })
        .evaluate((button) => getComputedStyle(button).backgroundColor);
      assert.equal(background, 'rgb(170, 0, 68)');

      // The width switch: the checkout at a small phone's width, with nothing sticking out.
      await page.locator('select[name="width"]').selectOption('320');
      const host = page.locator('#checkout-host');
      assert.equal(await host.evaluate((el) => Math.round(el.getBoundingClientRect().width)), 320);
      assert.equal(await host.evaluate((el) => el.scrollWidth <= el.clientWidth), true);
      await page.locator('select[name="width"]').selectOption('');

      // A reload (as after a return from 3-D Secure) comes back to the same provider and option.
      await page.reload();
      await shopper.payButton().waitFor();
      assert.equal(await page.locator('#checkout-host kessai-checkout').getAttribute('endpoint'), '/api/univapay-pci');
      // Back to KOMOJU, the option does not apply.
      await page.getByLabel('KOMOJU').check();
      assert.equal(await page.getByLabel(/PCI DSS merchant/).isDisabled(), true);
      assert.deepEqual(shopper.pageErrors, []);
    } finally {
      await shopper.context.close();
    }
  });

  it('UnivaPay in the Mode switch: saves a card in setup mode, then lists it and pays with it', async () => {
    const shopper = await openDemo('/?provider=univapay');
    const { page } = shopper;
    try {
      await page.getByLabel(/Save a card \(setup mode/).check();
      await page.getByRole('button', { name: 'カードを保存' }).waitFor();
      assert.match(page.url(), /[?&]mode=setup/);
      const form = page.frameLocator('#checkout-host iframe[name="univapay-checkout-connector"]');
      for (const [label, value] of [
        ['メールアドレス', 'taro@example.jp'],
        ['カード名義人', 'TARO YAMADA'],
        ['カード番号', '4242424242424242'],
        ['有効期限 (MM/YY)', '12/30'],
        ['セキュリティコード', '123'],
      ] as const) {
        await form.getByLabel(label, { exact: true }).pressSequentially(value);
      }
      await page.getByRole('button', { name: 'カードを保存' }).click();
      await page.getByText('カードを保存しました').waitFor();
      await page.getByLabel('Payment', { exact: true }).check();
      const saved = page.getByRole('radio', { name: /Visa 末尾 4242/ });
      await saved.waitFor();
      assert.equal(await saved.isChecked(), true);
      await shopper.payButton().click();
      await page.getByText('お支払いが完了しました').waitFor();
      assert.deepEqual(shopper.pageErrors, []);
    } finally {
      await shopper.context.close();
    }
  });
});
