import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/elements/saved-cards/saved-cards.ts';
import { isExpired, type KessaiSavedCards, type SavedCard } from '../../src/elements/saved-cards/saved-cards.ts';

/**
 * `<kessai-saved-cards>` as a returning shopper uses it: the cards read by their labels, the first usable
 * one chosen, arrow keys between cards, an expired card shown but not selectable, "Use a new card" last,
 * and on a provider's hosted page the "Save this card" box. axe finds nothing.
 */

const year = new Date().getFullYear();
const CARDS: SavedCard[] = [
  { id: 'card_old', brand: 'mastercard', last4: '1005', expMonth: 1, expYear: year - 1 },
  { id: 'card_visa', brand: 'visa', last4: '1091', expMonth: 12, expYear: year + 3 },
  { id: 'card_jcb', brand: 'jcb', last4: '0000', expMonth: 6, expYear: year + 2 },
];

const root = (el: KessaiSavedCards): ShadowRoot => el.shadowRoot!;
const radios = (el: KessaiSavedCards) => [...root(el).querySelectorAll<HTMLInputElement>('input[type="radio"]')];
/** The radio whose option reads `text`, as a screen reader reads the label. */
const option = (el: KessaiSavedCards, text: string): HTMLInputElement => {
  const label = [...root(el).querySelectorAll('label')].find((l) => l.textContent?.replace(/\s+/g, ' ').includes(text));
  const radio = label?.querySelector('input');
  if (!radio) throw new Error(`no option "${text}"`);
  return radio;
};

describe('<kessai-saved-cards>', () => {
  it('lists the cards by brand, last four and expiry, the first usable one chosen, "Use a new card" last', async () => {
    const el = await fixture<KessaiSavedCards>(html`<kessai-saved-cards locale="ja" .cards=${CARDS}></kessai-saved-cards>`);
    const labels = [...root(el).querySelectorAll('label')].map((l) => l.textContent?.replace(/\s+/g, ' ').trim());
    expect(labels).to.deep.equal([
      'Mastercard 末尾 1005有効期限切れ',
      `Visa 末尾 1091有効期限 12/${String((year + 3) % 100).padStart(2, '0')}`,
      `JCB 末尾 0000有効期限 06/${String((year + 2) % 100).padStart(2, '0')}`,
      '新しいカードを使う',
    ]);
    expect(root(el).querySelector('legend')?.textContent).to.equal('お支払いに使うカード');
    expect(option(el, '1091').checked).to.equal(true);
    expect(el.choice()).to.deep.equal({ method: 'card', saved: 'card_visa' });
    expect(el.fields).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('an expired card is shown but cannot be chosen', async () => {
    const el = await fixture<KessaiSavedCards>(html`<kessai-saved-cards locale="en" .cards=${CARDS}></kessai-saved-cards>`);
    const expired = option(el, '1005');
    expect(expired.disabled).to.equal(true);
    expired.click();
    await el.updateComplete;
    expect(el.choice()).to.deep.equal({ method: 'card', saved: 'card_visa' });
    expect(isExpired({ expMonth: 1, expYear: year - 1 })).to.equal(true);
  });

  it('works by keyboard: arrows move between cards and to "Use a new card"; a change event each time', async () => {
    const el = await fixture<KessaiSavedCards>(html`<kessai-saved-cards locale="en" .cards=${CARDS}></kessai-saved-cards>`);
    const changes: unknown[] = [];
    el.addEventListener('kessai-change', (e) => changes.push((e as CustomEvent).detail));
    option(el, '1091').focus();
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(el.choice()).to.deep.equal({ method: 'card', saved: 'card_jcb' });
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(el.selected).to.equal('new');
    // A new card typed into the card fields: the checkout shows them.
    expect(el.choice()).to.equal(null);
    expect(el.fields).to.equal(true);
    expect(changes).to.deep.equal([
      { method: 'card', complete: true, empty: false },
      { method: 'card', complete: false, empty: false },
    ]);
  });

  it('hosted: a new card says it is entered on the payment service\'s page, with "Save this card" when allowed', async () => {
    const el = await fixture<KessaiSavedCards>(
      html`<kessai-saved-cards locale="en" .session=${{ cardEntry: 'hosted', canSaveCard: true }}></kessai-saved-cards>`,
    );
    expect(radios(el)).to.have.length(1);
    expect(el.selected).to.equal('new');
    expect(root(el).querySelector('[part="hosted-note"]')?.textContent).to.contain('secure page');
    expect(el.fields).to.equal(false);
    expect(el.choice()).to.deep.equal({ method: 'card', hosted: { save: false } });
    const save = [...root(el).querySelectorAll('label')].find((l) => l.textContent?.includes('Save this card'))?.querySelector('input');
    save!.click();
    expect(el.choice()).to.deep.equal({ method: 'card', hosted: { save: true } });
    await expect(el).to.be.accessible();
  });

  it('without the merchant\'s leave to save, no box; a disabled list takes no choice', async () => {
    const el = await fixture<KessaiSavedCards>(
      html`<kessai-saved-cards locale="en" disabled .session=${{ cardEntry: 'hosted', savedCards: CARDS }}></kessai-saved-cards>`,
    );
    expect(root(el).textContent).not.to.contain('Save this card');
    expect(radios(el).every((r) => r.disabled)).to.equal(true);
  });

  it('our card fields, no saved cards: only "Save this card", labelled, ticked by keyboard (Space)', async () => {
    const el = await fixture<KessaiSavedCards>(html`<kessai-saved-cards locale="ja" .session=${{ canSaveCard: true }}></kessai-saved-cards>`);
    expect(radios(el)).to.have.length(0);
    expect(root(el).querySelector('fieldset')).to.equal(null);
    expect(el.fields).to.equal(true);
    expect(el.choice()).to.equal(null);
    expect(el.saveCard).to.equal(false);
    const box = root(el).querySelector<HTMLInputElement>('input[type="checkbox"]')!;
    expect(box.labels?.[0]?.textContent?.trim()).to.equal('このカードを保存する');
    box.focus();
    await sendKeys({ press: 'Space' });
    expect(box.checked).to.equal(true);
    expect(el.saveCard).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('our card fields with saved cards: the box comes with "Use a new card" only, and saves only a new card', async () => {
    const el = await fixture<KessaiSavedCards>(
      html`<kessai-saved-cards locale="en" .session=${{ savedCards: CARDS, canSaveCard: true }}></kessai-saved-cards>`,
    );
    expect(root(el).textContent).not.to.contain('Save this card');
    option(el, 'Use a new card').click();
    await el.updateComplete;
    const box = [...root(el).querySelectorAll('label')].find((l) => l.textContent?.includes('Save this card'))?.querySelector('input');
    box!.click();
    await el.updateComplete;
    expect(el.fields).to.equal(true);
    expect(el.saveCard).to.equal(true);
    option(el, '1091').click();
    await el.updateComplete;
    expect(el.saveCard).to.equal(false);
    expect(root(el).textContent).not.to.contain('Save this card');
    await expect(el).to.be.accessible();
  });

  it("a provider's own card form whose session can save (UnivaPay's inline form): the box with a new card, unticked until ticked", async () => {
    const el = await fixture<KessaiSavedCards>(
      html`<kessai-saved-cards locale="en" .session=${{ cardEntry: 'surface', savedCards: CARDS, canSaveCard: true }}></kessai-saved-cards>`,
    );
    expect(root(el).textContent).not.to.contain('Save this card');
    option(el, 'Use a new card').click();
    await el.updateComplete;
    expect(el.fields).to.equal(true);
    expect(el.saveCard).to.equal(false);
    const box = [...root(el).querySelectorAll('label')].find((l) => l.textContent?.includes('Save this card'))?.querySelector('input');
    box!.click();
    await el.updateComplete;
    expect(el.saveCard).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it("a provider's own card form whose session cannot save: no box", async () => {
    const el = await fixture<KessaiSavedCards>(
      html`<kessai-saved-cards locale="en" .session=${{ cardEntry: 'surface', savedCards: CARDS }}></kessai-saved-cards>`,
    );
    option(el, 'Use a new card').click();
    await el.updateComplete;
    expect(root(el).textContent).not.to.contain('Save this card');
    expect(el.saveCard).to.equal(false);
  });
});
