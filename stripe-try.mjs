import { chromium } from 'playwright-core';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 480, height: 900 } });
page.on('pageerror', (e) => console.log('pageerror:', e.message));
page.on('response', async (r) => { if (r.url().includes('/sandbox/stripe/v1')) console.log(r.request().method(), r.url().slice(0,140), r.status(), (await r.text().catch(()=>'')).slice(0,300)); });
const card = process.argv[2] ?? '4242424242424242';
await page.goto('http://localhost:5199/' + (process.argv[3] ?? 'plain-stripe.html'));
if (process.argv[4]) await page.locator('kessai-checkout').evaluate((el, v) => el.setAttribute('challenge', v), process.argv[4]);
const frame = (type) => page.frameLocator(`iframe[src*="type=${type}"]`);
await frame('cardNumber').locator('input').first().pressSequentially(card);
await frame('cardExpiry').locator('input').first().pressSequentially('1230');
await frame('cardCvc').locator('input').first().pressSequentially('123');
await page.getByLabel(/名義/).pressSequentially('TARO YAMADA');
await page.locator('kessai-checkout').getByRole('button').last().click();
await page.waitForTimeout(2500);
console.log(page.url());
await page.screenshot({ path: '/tmp/shots/stripe-3.png', fullPage: true });
if (process.argv[5]) {
  const target = process.argv[4] === 'iframe' ? page.frameLocator('iframe[src*="3d_secure"]') : page;
  await target.getByRole('button', { name: process.argv[5] }).click();
  await page.waitForTimeout(2500);
  console.log(page.url());
  await page.screenshot({ path: '/tmp/shots/stripe-4.png', fullPage: true });
}
await browser.close();
