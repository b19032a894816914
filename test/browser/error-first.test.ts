import { expect, fixture, html } from '@open-wc/testing';
import '../../src/elements/card-fields/card-fields.ts';
import '../../src/elements/konbini-fields/konbini-fields.ts';
import type { KessaiCardFields } from '../../src/elements/card-fields/card-fields.ts';
import type { KessaiKonbiniFields } from '../../src/elements/konbini-fields/konbini-fields.ts';

/**
 * A screen reader reads an input's description in the order of `aria-describedby`: a field's error must
 * come first, before its hint and the accepted brands, so the shopper hears what is wrong before what is
 * allowed.
 */

function descriptions(root: ShadowRoot): Array<{ input: string; first: string; text: string }> {
  return [...root.querySelectorAll<HTMLInputElement>('input[aria-describedby]')].map((input) => {
    const ids = (input.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
    const first = root.getElementById(ids[0] ?? '');
    return { input: input.id || input.name || input.type, first: ids[0] ?? '', text: first?.textContent?.trim() ?? '' };
  });
}

describe('errors read first', () => {
  it('<kessai-card-fields>: every input\'s description starts with its error, and says it once shown', async () => {
    const el = await fixture<KessaiCardFields>(html`<kessai-card-fields locale="en"></kessai-card-fields>`);
    const root = el.shadowRoot!;
    for (const d of descriptions(root)) expect(d.first, d.input).to.match(/-error$/);
    expect(el.collect()).to.equal(null);
    await el.updateComplete;
    const shown = descriptions(root);
    expect(shown.length).to.be.greaterThan(3);
    for (const d of shown) expect(d.text, `${d.input} is described by its error first`).not.to.equal('');
    expect(shown.find((d) => d.first === 'number-error')?.text).to.equal('Enter your card number.');
  });

  it('<kessai-konbini-fields>: the same for name, email and phone', async () => {
    const el = await fixture<KessaiKonbiniFields>(html`<kessai-konbini-fields locale="en" phone="required"></kessai-konbini-fields>`);
    const root = el.shadowRoot!;
    for (const d of descriptions(root)) expect(d.first, d.input).to.match(/-error$/);
    expect(el.collect()).to.equal(null);
    await el.updateComplete;
    for (const d of descriptions(root)) expect(d.text, `${d.input} is described by its error first`).not.to.equal('');
  });
});
