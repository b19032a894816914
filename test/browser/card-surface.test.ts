import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/index.ts';
import type { CardSurface, SurfaceChange, SurfaceField, SurfaceTheme } from '../../src/core/card-surface.ts';
import type { KessaiCardFields } from '../../src/elements/card-fields/card-fields.ts';

/**
 * `<kessai-card-fields>` hosting a provider's own card form (a card surface) through the interface any
 * provider implements: the mount nodes in the page's light DOM, our labels and errors around them,
 * the provider's edits as `kessai-change`, Pay checking what the provider reports, the theme passed
 * on and followed, a failed load offered again. The surface here is a fake with a real `<input>` per
 * field (in the light DOM, as a provider's iframe would be).
 */

class FakeSurface implements CardSurface {
  readonly collectsName = false;
  readonly reportsChanges = true;
  mounted: Partial<Record<SurfaceField, HTMLElement>> | null = null;
  themes: SurfaceTheme[] = [];
  focused: SurfaceField[] = [];
  cleared = 0;
  failNextMount = false;
  private listeners = new Set<(change: SurfaceChange) => void>();

  constructor(readonly fields: readonly SurfaceField[] = ['number', 'expiry', 'cvc']) {}

  async mount(nodes: Readonly<Partial<Record<SurfaceField, HTMLElement>>>, theme: SurfaceTheme): Promise<void> {
    this.themes.push(theme);
    if (this.failNextMount) {
      this.failNextMount = false;
      throw new Error('the provider script could not be loaded');
    }
    for (const field of this.fields) {
      // A provider's frame carries its own accessible name; so does this stand-in for it.
      const input = document.createElement('input');
      input.dataset['fake'] = field;
      input.setAttribute('aria-label', `provider ${field}`);
      nodes[field]?.replaceChildren(input);
    }
    this.mounted = { ...nodes };
  }
  unmount(): void {
    for (const node of Object.values(this.mounted ?? {})) node?.replaceChildren();
    this.mounted = null;
  }
  focus(field: SurfaceField): void {
    this.focused.push(field);
    this.mounted?.[field]?.querySelector('input')?.focus();
  }
  clear(): void {
    this.cleared++;
  }
  update(theme: SurfaceTheme): void {
    this.themes.push(theme);
  }
  onChange(listener: (change: SurfaceChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  /** What the provider would tell after the shopper's edit. */
  emit(change: SurfaceChange): void {
    for (const listener of this.listeners) listener(change);
  }
}

async function hosted(surface: FakeSurface, attrs = html``): Promise<KessaiCardFields> {
  const el = await fixture<KessaiCardFields>(html`<kessai-card-fields locale="ja" .surface=${surface}>${attrs}</kessai-card-fields>`);
  await waitUntil(() => surface.mounted !== null, 'never mounted', { timeout: 3000 });
  await el.updateComplete;
  return el;
}

const shadow = (el: Element): ShadowRoot => el.shadowRoot!;
const text = (el: Element | null | undefined): string => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('<kessai-card-fields> hosting a provider\'s card form', () => {
  it('shows the accepted brands as named marks under the provider\'s form; the detected brand is the provider\'s to show', async () => {
    const surface = new FakeSurface(['card']);
    const el = await hosted(surface);
    el.brands = ['visa', 'mastercard', 'jcb'];
    await waitUntil(() => shadow(el).querySelector('[part~="brands"]'), 'no accepted marks', { timeout: 3000 });
    const list = shadow(el).querySelector('[part~="brands"]')!;
    expect(list.getAttribute('role')).to.equal('list');
    expect(list.getAttribute('aria-label')).to.equal('使用できるカード');
    expect([...list.querySelectorAll('[role="img"]')].map((img) => img.getAttribute('aria-label'))).to.deep.equal(['Visa', 'Mastercard', 'JCB']);
    // Below the provider's frame.
    const frame = surface.mounted?.card?.getBoundingClientRect();
    expect(list.getBoundingClientRect().top).to.be.at.least(frame!.bottom);
    surface.emit({ field: 'card', complete: false, empty: false, brand: 'visa' });
    await el.updateComplete;
    expect(shadow(el).querySelector('[part~="brand"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('mounts into light-DOM nodes projected through named slots, under our labels', async () => {
    const surface = new FakeSurface();
    const el = await hosted(surface);
    for (const field of surface.fields) {
      const node = surface.mounted?.[field];
      expect(node?.parentElement, field).to.equal(el, 'the mount node is a child of the element, in the page');
      expect(node?.getRootNode()).to.equal(document);
      expect(node?.slot).to.equal(`kessai-surface-${field}`);
      const slot = shadow(el).querySelector<HTMLSlotElement>(`slot[name="kessai-surface-${field}"]`);
      expect(slot?.assignedElements()).to.deep.equal([node]);
    }
    expect(text(shadow(el).querySelector('[part="number-label"]'))).to.equal('カード番号');
    expect(text(shadow(el).querySelector('[part="expiry-label"]'))).to.equal('有効期限');
    expect(text(shadow(el).querySelector('[part="cvc-label"]'))).to.equal('セキュリティコード');
    // The provider takes no name: ours is there, labelled.
    const name = [...shadow(el).querySelectorAll('label')].find((l) => text(l) === 'カード名義');
    expect(name?.control).to.be.instanceOf(HTMLInputElement);
    await expect(el).to.be.accessible();
  });

  it('passes our theme tokens as they resolve, and follows a change of them', async () => {
    const surface = new FakeSurface();
    const wrapper = await fixture<HTMLDivElement>(html`<div style="--kessai-color-text: rgb(1, 2, 3)"></div>`);
    const el = document.createElement('kessai-card-fields');
    el.locale = 'ja';
    el.surface = surface;
    wrapper.append(el);
    await waitUntil(() => surface.mounted !== null, 'never mounted', { timeout: 3000 });
    expect(surface.themes[0]?.color).to.equal('rgb(1, 2, 3)');
    expect(surface.themes[0]?.locale).to.equal('ja');
    wrapper.style.setProperty('--kessai-color-text', 'rgb(9, 8, 7)');
    await waitUntil(() => surface.themes.length > 1, 'the new theme was never passed on', { timeout: 2000 });
    expect(surface.themes.at(-1)?.color).to.equal('rgb(9, 8, 7)');
  });

  it('turns the provider\'s edits into one kessai-change each, with brand and completeness only', async () => {
    const surface = new FakeSurface();
    const el = await hosted(surface);
    const changes: unknown[] = [];
    el.addEventListener('kessai-change', (event) => changes.push(event.detail));
    surface.emit({ field: 'number', complete: true, empty: false, brand: 'visa' });
    surface.emit({ field: 'expiry', complete: true, empty: false });
    surface.emit({ field: 'cvc', complete: true, empty: false });
    expect(changes).to.have.length(3);
    expect(changes.at(-1)).to.deep.equal({ method: 'card', complete: false, empty: false, brand: 'visa' });
    expect(el.brand).to.equal('visa');
  });

  it("a card the provider does not support: the error names the session's brands", async () => {
    const surface = new FakeSurface();
    const el = await hosted(surface);
    el.brands = ['visa', 'mastercard', 'jcb'];
    surface.emit({ field: 'number', complete: false, empty: false, error: { reason: 'number_unsupported' } });
    await el.updateComplete;
    expect(text(shadow(el).querySelector('[part="number-error"]'))).to.equal('このカードはご利用いただけません。Visa、Mastercard、JCBをご利用ください。');
  });

  it('on Pay, shows what the provider reports missing under its field and focuses it; sends nothing', async () => {
    const surface = new FakeSurface();
    const el = await hosted(surface);
    surface.emit({ field: 'number', complete: true, empty: false, brand: 'visa' });
    surface.emit({ field: 'expiry', complete: false, empty: false, error: { reason: 'expiry_past' } });
    expect(el.collectPayment()).to.equal(null);
    await el.updateComplete;
    expect(text(shadow(el).querySelector('[part="expiry-error"]'))).to.equal('カードの有効期限が過ぎています。');
    expect(text(shadow(el).querySelector('[part="cvc-error"]'))).to.equal('セキュリティコードを入力してください。');
    expect(text(shadow(el).querySelector('[part="name-error"]'))).to.equal('カード名義を入力してください。');
    expect(surface.focused).to.include('expiry');
    // Once every field is complete and the name typed, Pay takes the name with the provider's form.
    surface.emit({ field: 'expiry', complete: true, empty: false });
    surface.emit({ field: 'cvc', complete: true, empty: false });
    const name = [...shadow(el).querySelectorAll('label')].find((l) => text(l) === 'カード名義')!.control as HTMLInputElement;
    name.value = 'TARO YAMADA';
    expect(el.collectPayment()).to.deep.equal({ surface: { name: 'TARO YAMADA' } });
    expect(el.complete).to.equal(true);
  });

  it('a click on our label focuses the provider\'s field', async () => {
    const surface = new FakeSurface();
    const el = await hosted(surface);
    shadow(el).querySelector<HTMLElement>('[part="cvc-label"]')!.click();
    expect(surface.focused).to.deep.equal(['cvc']);
  });

  it('a form that cannot be loaded says so, and Load again mounts it', async () => {
    const surface = new FakeSurface();
    surface.failNextMount = true;
    const el = await fixture<KessaiCardFields>(html`<kessai-card-fields locale="en" .surface=${surface}></kessai-card-fields>`);
    await waitUntil(() => shadow(el).querySelector('[part="surface-error"]') !== null, 'no failure shown', { timeout: 3000 });
    const failure = shadow(el).querySelector('[part="surface-error"]');
    expect(failure?.getAttribute('role')).to.equal('alert');
    expect(text(failure)).to.contain('The card form could not be loaded');
    await expect(el).to.be.accessible();
    shadow(el).querySelector<HTMLButtonElement>('[part="surface-retry-button"]')!.click();
    await waitUntil(() => surface.mounted !== null, 'never mounted again', { timeout: 3000 });
    expect(el.children).to.have.length(3, 'the failed try left no mount nodes behind');
  });

  it('takes its form out and its nodes away when it leaves the page, and back when it returns', async () => {
    const surface = new FakeSurface();
    const el = await hosted(surface);
    const parent = el.parentElement!;
    el.remove();
    expect(surface.mounted).to.equal(null);
    expect(el.children).to.have.length(0);
    parent.append(el);
    await waitUntil(() => surface.mounted !== null, 'never mounted again', { timeout: 3000 });
    expect(el.children).to.have.length(3);
  });

  it('clear() empties the provider\'s form; without a surface, our own inputs are back', async () => {
    const surface = new FakeSurface();
    const el = await hosted(surface);
    el.clear();
    expect(surface.cleared).to.equal(1);
    el.surface = undefined;
    await el.updateComplete;
    await aTimeout(0);
    expect(surface.mounted).to.equal(null);
    const number = [...shadow(el).querySelectorAll('label')].find((l) => text(l) === 'カード番号');
    expect(number?.control).to.be.instanceOf(HTMLInputElement);
  });
});
