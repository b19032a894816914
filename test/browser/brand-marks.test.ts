import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendKeys, setViewport } from '@web/test-runner-commands';
import '../../src/index.ts';
import type { KessaiCardFields } from '../../src/elements/card-fields/card-fields.ts';
import { TestCheckout, byLabel, cardFields, part, payButton, shadow, statusIs, typeCard, typeInto } from './checkout-harness.ts';
import { recordingFetch, requestsCarrying } from './request-audit.ts';

/**
 * What a Japanese shopper expects to see (issue 14): the accepted brands' marks under the card number
 * and the detected brand's mark in it, each named for a screen reader; the total of the chosen method
 * in `kessai-change`; and, in forced colours (Windows' contrast themes, emulated through CDP), inputs,
 * focus rings, the selected tab and the selected store still visible, axe finding nothing, at 320 px too.
 * The checkout pays through the demo's real KOMOJU endpoint and the KOMOJU emulator, whose sessions list
 * visa, master, jcb, american_express and diners_club: no Discover.
 */

const forcedColors = (active: boolean) => executeServerCommand('emulate-forced-colors', { active });

const original = window.fetch;
beforeEach(() => {
  window.fetch = recordingFetch;
});
afterEach(async () => {
  window.fetch = original;
  TestCheckout.navigations = [];
  TestCheckout.storage.clear();
  await forcedColors(false);
  await setViewport({ width: 800, height: 600 });
});

async function komojuCheckout(locale = 'ja'): Promise<TestCheckout> {
  const el = await fixture<TestCheckout>(html`<test-kessai-checkout endpoint="/api/komoju" locale=${locale}></test-kessai-checkout>`);
  await statusIs(el, 'ready');
  return el;
}

/** The accepted list and its marks' names, once the marks' chunk is there. */
async function acceptedMarks(fields: Element): Promise<{ label: string | null; names: string[] }> {
  await waitUntil(() => part(fields, 'brands') !== null, 'the marks were not drawn');
  const list = part(fields, 'brands')!;
  expect(list.getAttribute('role')).to.equal('list');
  return {
    label: list.getAttribute('aria-label'),
    names: [...list.querySelectorAll('[role="listitem"] > [role="img"]')].map((img) => img.getAttribute('aria-label') ?? ''),
  };
}

const selectTab = async (el: TestCheckout, index: number) => {
  [...shadow(el).querySelectorAll<HTMLButtonElement>('[role="tab"]')][index]?.click();
  await el.updateComplete;
};

describe('card brand marks', () => {
  it('KOMOJU\'s session: the accepted brands are its five, as named marks under the number; no Discover', async () => {
    const el = await komojuCheckout();
    const fields = cardFields(el);
    const { label, names } = await acceptedMarks(fields);
    expect(label).to.equal('使用できるカード');
    expect(names).to.deep.equal(['Visa', 'Mastercard', 'JCB', 'American Express', 'Diners Club']);
    // Each mark is drawn from the one sprite of the shadow root.
    const uses = [...part(fields, 'brands')!.querySelectorAll('use')].map((u) => u.getAttribute('href'));
    for (const href of uses) expect(shadow(fields).querySelector(href!)?.localName).to.equal('symbol');
    // The text stays the number's description, with the same five.
    expect(part(fields, 'number-hint')?.textContent).to.equal('ご利用いただけるカード: Visa、Mastercard、JCB、American Express、Diners Club');
    const marks = [...part(fields, 'brands')!.querySelectorAll('svg')];
    expect(marks.every((m) => m.getBoundingClientRect().width === 32 && m.getBoundingClientRect().height === 20)).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('standalone card fields without a session show every brand, in English too', async () => {
    const el = await fixture<KessaiCardFields>(html`<kessai-card-fields locale="en"></kessai-card-fields>`);
    const { label, names } = await acceptedMarks(el);
    expect(label).to.equal('Accepted cards');
    expect(names).to.deep.equal(['Visa', 'Mastercard', 'JCB', 'American Express', 'Diners Club', 'Discover']);
    el.brands = ['jcb', 'visa'];
    await el.updateComplete;
    expect((await acceptedMarks(el)).names).to.deep.equal(['Visa', 'JCB']);
  });

  it('the detected brand\'s mark appears in the number field as the shopper types, named, and changes with the number', async () => {
    const el = await fixture<KessaiCardFields>(html`<kessai-card-fields locale="ja"></kessai-card-fields>`);
    await acceptedMarks(el);
    const number = byLabel(el, 'カード番号');
    const badge = part(el, 'brand')!;
    expect(badge.hidden).to.equal(true);
    await typeInto(number, '４１１１');
    await el.updateComplete;
    expect(badge.hidden).to.equal(false);
    expect(badge.querySelector('[role="img"]')?.getAttribute('aria-label')).to.equal('Visa');
    // Inside the input's box, at its end.
    const box = number.getBoundingClientRect();
    const mark = badge.getBoundingClientRect();
    expect(mark.left).to.be.greaterThan(box.left + box.width / 2);
    expect(mark.right).to.be.at.most(box.right);
    expect(mark.top).to.be.at.least(box.top);
    expect(mark.bottom).to.be.at.most(box.bottom);
    // Part of the number's description; the change is announced once, politely.
    expect(number.getAttribute('aria-describedby')).to.contain('number-brand');
    expect(shadow(el).querySelector('[aria-live="polite"].visually-hidden')?.textContent).to.equal('Visa を検出');
    number.select();
    await sendKeys({ type: '3782' });
    await el.updateComplete;
    expect(badge.querySelector('[role="img"]')?.getAttribute('aria-label')).to.equal('American Express');
    for (let i = 0; i < 4; i += 1) await sendKeys({ press: 'Backspace' });
    await el.updateComplete;
    expect(badge.hidden).to.equal(true);
    await expect(el).to.be.accessible();
  });
});

describe('a brand the session does not take', () => {
  const DISCOVER = '6011111111111117';

  it("KOMOJU's session has no Discover: a Discover number is refused under the field, naming the five it takes; Pay sends nothing", async () => {
    const el = await komojuCheckout();
    const fields = cardFields(el) as KessaiCardFields;
    await typeCard(el, DISCOVER);
    const number = byLabel(fields, 'カード番号');
    payButton(el).click();
    await el.updateComplete;
    await fields.updateComplete;
    const error = part(fields, 'number-error')!;
    expect(error.textContent?.trim()).to.equal('このカードはご利用いただけません。Visa、Mastercard、JCB、American Express、Diners Clubをご利用ください。');
    expect(number.getAttribute('aria-invalid')).to.equal('true');
    expect(shadow(fields).activeElement).to.equal(number);
    // The error is read first, before the accepted list.
    expect(number.getAttribute('aria-describedby')?.split(' ')[0]).to.equal('number-error');
    expect(el.status).to.equal('ready');
    expect(requestsCarrying(DISCOVER)).to.deep.equal([]);
    await expect(el).to.be.accessible();
    // A card it takes goes on.
    number.select();
    await sendKeys({ type: '4111111111111111' });
    await fields.updateComplete;
    expect(part(fields, 'number-error')!.textContent?.trim()).to.equal('');
  });

  it('standalone fields: the error follows the brands when the session narrows them after the shopper typed, in English', async () => {
    const el = await fixture<KessaiCardFields>(html`<kessai-card-fields locale="en"></kessai-card-fields>`);
    const number = byLabel(el, 'Card number');
    await typeInto(number, '3782 822463 10005');
    number.blur();
    await el.updateComplete;
    expect(part(el, 'number-error')!.textContent?.trim()).to.equal('');
    expect(el.complete).to.equal(false); // expiry and the rest are empty
    el.brands = ['visa', 'mastercard', 'jcb'];
    await el.updateComplete;
    await el.updateComplete;
    expect(part(el, 'number-error')!.textContent?.trim()).to.equal('This card brand is not accepted here. Accepted cards: Visa, Mastercard, JCB.');
    el.brands = undefined;
    await el.updateComplete;
    await el.updateComplete;
    expect(part(el, 'number-error')!.textContent?.trim()).to.equal('');
  });
});

describe('kessai-change tells the total of the chosen method', () => {
  it('card: the order\'s amount; konbini: the amount with KOMOJU\'s ¥190 fee, and the fee', async () => {
    const el = await komojuCheckout();
    const changes: unknown[] = [];
    el.addEventListener('kessai-change', (e) => changes.push(e.detail));
    await typeInto(byLabel(cardFields(el), 'カード番号'), '4');
    expect(changes.at(-1)).to.deep.include({ method: 'card', brand: 'visa', total: { amount: 1980, currency: 'JPY' } });
    await selectTab(el, 1);
    const konbini = shadow(el).querySelector<HTMLElement & { updateComplete: Promise<unknown> }>('kessai-konbini-fields')!;
    await waitUntil(() => konbini.shadowRoot?.querySelector('label'), 'konbini fields not loaded');
    await typeInto(byLabel(konbini, 'お名前'), 'Y');
    expect(changes.at(-1)).to.deep.include({ method: 'konbini', total: { amount: 2170, currency: 'JPY', fee: 190 } });
  });
});

describe('forced colours (emulated)', () => {
  /** A colour that differs from the page's background is seen. */
  const visibleOn = (color: string, background: string) => color !== background && !/rgba\(\d+, \d+, \d+, 0\)|transparent/.test(color);

  it('inputs, the focus ring, the selected tab and the selected store stay visible; axe finds nothing', async () => {
    await forcedColors(true);
    expect(matchMedia('(forced-colors: active)').matches).to.equal(true);
    const el = await komojuCheckout();
    const fields = cardFields(el);
    await acceptedMarks(fields);
    const canvas = getComputedStyle(document.body).backgroundColor;
    const number = byLabel(fields, 'カード番号');
    expect(visibleOn(getComputedStyle(number).borderTopColor, canvas), 'input border').to.equal(true);
    number.focus();
    await sendKeys({ press: 'Shift' });
    const focused = getComputedStyle(number);
    expect(focused.outlineStyle).to.equal('solid');
    expect(visibleOn(focused.outlineColor, canvas), 'focus ring').to.equal(true);
    const [cardTab, konbiniTab] = [...shadow(el).querySelectorAll<HTMLElement>('[role="tab"]')];
    const selected = getComputedStyle(cardTab!);
    expect(visibleOn(selected.borderBottomColor, canvas), 'selected tab').to.equal(true);
    expect(getComputedStyle(konbiniTab!).borderBottomColor).not.to.equal(selected.borderBottomColor);
    // The Pay button, its background gone, keeps an outline of its own.
    const pay = getComputedStyle(part(el, 'pay-button')!);
    expect(pay.borderTopStyle).to.equal('solid');
    expect(parseFloat(pay.borderTopWidth)).to.be.at.least(1);
    await expect(el).to.be.accessible();

    await selectTab(el, 1);
    const konbini = shadow(el).querySelector<HTMLElement>('kessai-konbini-fields')!;
    await waitUntil(() => konbini.shadowRoot?.querySelector('[part~="store-option"]'), 'konbini fields not loaded');
    const options = [...shadow(konbini).querySelectorAll<HTMLElement>('[part~="store-option"]')];
    options[2]?.click();
    await waitUntil(() => shadow(konbini).querySelector<HTMLInputElement>('input[type="radio"]:checked'));
    // Not focused: the pick itself must show, not a focus ring.
    (shadow(konbini).activeElement as HTMLElement | null)?.blur();
    await (konbini as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
    const picked = getComputedStyle(options[2]!);
    const other = getComputedStyle(options[0]!);
    const differs = picked.borderTopColor !== other.borderTopColor || picked.outlineStyle !== other.outlineStyle || picked.borderTopWidth !== other.borderTopWidth;
    expect(differs, 'the selected store looks different').to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('at 320 px, forced colours and all, axe finds nothing and the marks fit', async () => {
    await setViewport({ width: 320, height: 800 });
    await forcedColors(true);
    const el = await komojuCheckout();
    await acceptedMarks(cardFields(el));
    expect(document.documentElement.scrollWidth).to.be.at.most(document.documentElement.clientWidth);
    await expect(el).to.be.accessible();
    await forcedColors(false);
    await expect(el).to.be.accessible();
  });
});
