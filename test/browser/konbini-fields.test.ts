import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../src/elements/konbini-fields/konbini-fields.ts';
import type { KessaiKonbiniFields } from '../../src/elements/konbini-fields/konbini-fields.ts';
import type { ChangeDetail, KessaiChangeEvent } from '../../src/elements/shared/events.ts';
import { KONBINI_MESSAGES } from '../../src/core/i18n/konbini-messages.ts';

type TextField = 'name' | 'email' | 'phone';

const root = (el: KessaiKonbiniFields): ShadowRoot => {
  if (!el.shadowRoot) throw new Error('no shadow root');
  return el.shadowRoot;
};
const parts = <T extends Element = HTMLElement>(el: KessaiKonbiniFields, name: string): T[] => [
  ...root(el).querySelectorAll<T>(`[part~="${name}"]`),
];
const part = <T extends Element = HTMLElement>(el: KessaiKonbiniFields, name: string): T => {
  const found = parts<T>(el, name)[0];
  if (!found) throw new Error(`no part ${name}`);
  return found;
};
const input = (el: KessaiKonbiniFields, field: TextField): HTMLInputElement =>
  part<HTMLInputElement>(el, `${field}-input`);
const errorText = (el: KessaiKonbiniFields, field: TextField | 'store'): string =>
  part(el, `${field}-error`).textContent?.trim() ?? '';
/**
 * What has focus, by name (`name`, `store:lawson`): comparing elements themselves makes a failing
 * assertion try to print a DOM node, which hangs the runner.
 */
const focused = (el: KessaiKonbiniFields): string => nameOf(root(el).activeElement);
const nameOf = (node: Element | null | undefined): string =>
  node instanceof HTMLInputElement && node.type === 'radio' ? `store:${node.value}` : (node?.id ?? 'nothing');
const radios = (el: KessaiKonbiniFields): HTMLInputElement[] => parts<HTMLInputElement>(el, 'store-radio');

/** The radio a shopper finds by the chain's name, as a screen reader reads the option. */
function radioNamed(el: KessaiKonbiniFields, text: string): HTMLInputElement {
  const option = parts<HTMLLabelElement>(el, 'store-option').find((o) =>
    o.textContent?.replace(/\s+/g, ' ').includes(text),
  );
  const radio = option?.querySelector('input');
  if (!radio) throw new Error(`no store option "${text}"`);
  return radio;
}

/** The input whose `<label for>` reads `text`. */
function byLabel(el: KessaiKonbiniFields, text: string): HTMLInputElement {
  const label = [...root(el).querySelectorAll('label[for]')].find((l) => l.textContent?.trim() === text);
  const control = (label as HTMLLabelElement | undefined)?.control;
  if (!(control instanceof HTMLInputElement)) throw new Error(`no input labelled "${text}"`);
  return control;
}

async function typeInto(el: KessaiKonbiniFields, field: TextField, text: string): Promise<void> {
  input(el, field).focus();
  await sendKeys({ type: text });
  await el.updateComplete;
}

async function leave(el: KessaiKonbiniFields, field: TextField): Promise<void> {
  input(el, field).blur();
  await el.updateComplete;
}

async function pick(el: KessaiKonbiniFields, text: string): Promise<void> {
  radioNamed(el, text).click();
  await el.updateComplete;
}

function recordChanges(el: KessaiKonbiniFields): ChangeDetail[] {
  const seen: ChangeDetail[] = [];
  el.addEventListener('kessai-change', (e: KessaiChangeEvent) => seen.push(e.detail));
  return seen;
}

const ja = () => fixture<KessaiKonbiniFields>(html`<kessai-konbini-fields locale="ja"></kessai-konbini-fields>`);
const en = () => fixture<KessaiKonbiniFields>(html`<kessai-konbini-fields locale="en"></kessai-konbini-fields>`);
const univapay = () =>
  fixture<KessaiKonbiniFields>(
    html`<kessai-konbini-fields locale="ja" email="optional" phone="required"></kessai-konbini-fields>`,
  );

describe('<kessai-konbini-fields>', () => {
  afterEach(async () => {
    await setViewport({ width: 800, height: 600 });
  });

  describe('accessibility and labels', () => {
    it('is accessible empty, in Japanese and English', async () => {
      await expect(await ja()).to.be.accessible();
      await expect(await en()).to.be.accessible();
    });

    it('is accessible with every error showing', async () => {
      const el = await ja();
      expect(el.collect()).to.equal(null);
      await el.updateComplete;
      expect(errorText(el, 'store')).to.equal(KONBINI_MESSAGES.store_required.ja);
      await expect(el).to.be.accessible();
    });

    it('labels every field in the shopper\'s language, with the right autofill hints', async () => {
      const el = await ja();
      expect(byLabel(el, 'お名前').autocomplete).to.equal('name');
      const email = byLabel(el, 'メールアドレス');
      expect(email.autocomplete).to.equal('email');
      expect(email.inputMode).to.equal('email');
      expect(email.required).to.equal(true);
      const phone = byLabel(el, '電話番号');
      expect(phone.autocomplete).to.equal('tel');
      expect(phone.inputMode).to.equal('tel');
      expect(phone.required).to.equal(false);
      expect(part(el, 'stores-legend').textContent?.trim()).to.equal('お支払いするコンビニを選択');
      const e = await en();
      expect(byLabel(e, 'Full name').id).to.equal('name');
      expect(byLabel(e, 'Email').id).to.equal('email');
      expect(byLabel(e, 'Phone number').id).to.equal('phone');
    });

    it('names each chain in both languages, the locale\'s name first', async () => {
      const el = await ja();
      const lawson = radioNamed(el, 'ローソン').closest('label')!;
      expect(lawson.querySelector('[part~="store-name"]')?.textContent).to.equal('ローソン');
      expect(lawson.querySelector('[part~="store-name-secondary"]')?.textContent).to.equal('Lawson');
      expect(lawson.querySelector('[part~="store-name-secondary"]')?.getAttribute('lang')).to.equal('en');
      const e = await en();
      const seven = radioNamed(e, '7-Eleven').closest('label')!;
      expect(seven.querySelector('[part~="store-name"]')?.textContent).to.equal('7-Eleven');
      expect(seven.querySelector('[part~="store-name-secondary"]')?.textContent).to.equal('セブン-イレブン');
    });

    it('puts the store radios in a fieldset with a legend', async () => {
      const el = await ja();
      const fieldset = part(el, 'stores');
      expect(fieldset.tagName).to.equal('FIELDSET');
      expect(fieldset.querySelector('legend')?.textContent?.trim()).to.equal('お支払いするコンビニを選択');
      expect(radios(el).every((r) => fieldset.contains(r) && r.name === 'store')).to.equal(true);
    });
  });

  describe('stores', () => {
    it('shows all six chains by default', async () => {
      const el = await ja();
      expect(radios(el).map((r) => r.value)).to.deep.equal([
        'seven-eleven',
        'family-mart',
        'lawson',
        'ministop',
        'daily-yamazaki',
        'seicomart',
      ]);
    });

    it('shows only the chains in `stores`, in that order (attribute and property)', async () => {
      const el = await fixture<KessaiKonbiniFields>(
        html`<kessai-konbini-fields locale="ja" stores="lawson  family-mart bogus"></kessai-konbini-fields>`,
      );
      expect(radios(el).map((r) => r.value)).to.deep.equal(['lawson', 'family-mart']);
      expect(el.stores).to.deep.equal(['lawson', 'family-mart']);
      expect(() => radioNamed(el, 'セブン-イレブン')).to.throw();

      el.stores = ['seicomart', 'ministop', 'lawson'];
      await el.updateComplete;
      expect(radios(el).map((r) => r.value)).to.deep.equal(['seicomart', 'ministop', 'lawson']);
    });

    it('drops the picked chain when it is no longer offered', async () => {
      const el = await ja();
      await pick(el, 'ローソン');
      el.stores = ['family-mart', 'seven-eleven'];
      await el.updateComplete;
      expect(radios(el).some((r) => r.checked)).to.equal(false);
      expect(el.collect()).to.equal(null);
      await el.updateComplete;
      expect(errorText(el, 'store')).to.equal(KONBINI_MESSAGES.store_required.ja);
    });

    it('picks the only chain offered', async () => {
      const el = await fixture<KessaiKonbiniFields>(
        html`<kessai-konbini-fields locale="ja" stores="seicomart"></kessai-konbini-fields>`,
      );
      expect(radios(el)).to.have.length(1);
      expect(radios(el)[0]!.checked).to.equal(true);
      expect(el.empty).to.equal(true);
      await typeInto(el, 'name', '山田太郎');
      await typeInto(el, 'email', 'taro@example.jp');
      expect(el.collect()).to.deep.equal({ store: 'seicomart', name: '山田太郎', email: 'taro@example.jp' });
    });

    it('moves between chains with the arrow keys', async () => {
      const el = await ja();
      const [first, second, third] = radios(el);
      first!.focus();
      await sendKeys({ press: 'ArrowDown' });
      await el.updateComplete;
      expect(focused(el)).to.equal('store:family-mart');
      expect(second!.checked).to.equal(true);
      await sendKeys({ press: 'ArrowRight' });
      await el.updateComplete;
      expect(focused(el)).to.equal('store:lawson');
      expect(third!.checked).to.equal(true);
      expect(second!.checked).to.equal(false);
      await sendKeys({ press: 'ArrowUp' });
      await el.updateComplete;
      expect(focused(el)).to.equal('store:family-mart');
      expect(part(el, 'store-option-checked').contains(second!)).to.equal(true);
    });

    it('is one tab stop: Tab goes from the picked chain to the name', async () => {
      const el = await ja();
      await pick(el, 'ファミリーマート');
      radioNamed(el, 'ファミリーマート').focus();
      await sendKeys({ press: 'Tab' });
      expect(focused(el)).to.equal('name');
    });
  });

  describe('collect()', () => {
    it('returns the details with a full-width phone normalized to national digits', async () => {
      const el = await ja();
      await pick(el, 'ローソン');
      await typeInto(el, 'name', '山田 太郎');
      await typeInto(el, 'email', 'taro@example.jp');
      await typeInto(el, 'phone', '０９０１２３４５６７８');
      expect(input(el, 'phone').value).to.equal('09012345678', 'full-width digits become ASCII as typed');
      expect(el.collect()).to.deep.equal({
        store: 'lawson',
        name: '山田 太郎',
        email: 'taro@example.jp',
        phone: '09012345678',
      });
    });

    it('accepts a hyphenated phone', async () => {
      const el = await ja();
      await pick(el, 'ミニストップ');
      await typeInto(el, 'name', 'Taro');
      await typeInto(el, 'email', 'taro@example.jp');
      await typeInto(el, 'phone', '090-1234-5678');
      expect(el.collect()?.phone).to.equal('09012345678');
    });

    it('shows the missing email and focuses it', async () => {
      const el = await ja();
      await pick(el, 'ローソン');
      await typeInto(el, 'name', '山田 太郎');
      expect(el.collect()).to.equal(null);
      await el.updateComplete;
      expect(errorText(el, 'email')).to.equal('メールアドレスを入力してください。');
      expect(input(el, 'email').getAttribute('aria-invalid')).to.equal('true');
      expect(input(el, 'email').getAttribute('aria-describedby')).to.contain('email-error');
      expect(part(el, 'email-error').getAttribute('aria-live')).to.equal('polite');
      expect(focused(el)).to.equal('email');
      expect(errorText(el, 'phone')).to.equal('', 'an optional blank phone is fine');
    });

    it('shows every error and focuses the first: the store', async () => {
      const el = await en();
      expect(el.collect()).to.equal(null);
      await el.updateComplete;
      expect(errorText(el, 'store')).to.equal('Choose a store.');
      expect(errorText(el, 'name')).to.equal('Enter your name.');
      expect(errorText(el, 'email')).to.equal('Enter your email address.');
      expect(focused(el)).to.equal('store:seven-eleven');
    });

    it('requires the phone for UnivaPay and lets the email be blank', async () => {
      const el = await univapay();
      await pick(el, 'ファミリーマート');
      await typeInto(el, 'name', 'テスト 太郎');
      expect(el.collect()).to.equal(null);
      await el.updateComplete;
      expect(errorText(el, 'phone')).to.equal('電話番号を入力してください。');
      expect(errorText(el, 'email')).to.equal('');
      expect(focused(el)).to.equal('phone');
      expect(input(el, 'phone').required).to.equal(true);
      expect(input(el, 'email').required).to.equal(false);

      await typeInto(el, 'phone', '03-6441-3400');
      expect(errorText(el, 'phone')).to.equal('', 'the shown error follows the edit');
      expect(el.collect()).to.deep.equal({
        store: 'family-mart',
        name: 'テスト 太郎',
        email: '',
        phone: '0364413400',
      });
    });

    it('leaves out hidden fields', async () => {
      const el = await fixture<KessaiKonbiniFields>(
        html`<kessai-konbini-fields locale="en" email="hidden" phone="hidden"></kessai-konbini-fields>`,
      );
      expect(parts(el, 'email-input')).to.have.length(0);
      expect(parts(el, 'phone-input')).to.have.length(0);
      await pick(el, 'Lawson');
      await typeInto(el, 'name', 'Taro');
      expect(el.collect()).to.deep.equal({ store: 'lawson', name: 'Taro', email: '' });
    });

    it('refuses an invalid phone', async () => {
      const el = await ja();
      await pick(el, 'ローソン');
      await typeInto(el, 'name', '山田');
      await typeInto(el, 'email', 'taro@example.jp');
      await typeInto(el, 'phone', '090-1234');
      expect(el.collect()).to.equal(null);
      await el.updateComplete;
      expect(errorText(el, 'phone')).to.equal(KONBINI_MESSAGES.phone_invalid.ja);
      expect(focused(el)).to.equal('phone');
    });
  });

  describe('errors as the shopper goes', () => {
    it('waits until the shopper leaves the field', async () => {
      const el = await ja();
      await typeInto(el, 'email', 'taro@');
      expect(errorText(el, 'email')).to.equal('');
      expect(input(el, 'email').getAttribute('aria-invalid')).to.equal('false');
      await leave(el, 'email');
      expect(errorText(el, 'email')).to.equal(KONBINI_MESSAGES.email_invalid.ja);
      expect(input(el, 'email').getAttribute('aria-invalid')).to.equal('true');
      await typeInto(el, 'email', 'example.jp');
      expect(errorText(el, 'email')).to.equal('');
    });

    it('does not complain about an empty field the shopper only passed through', async () => {
      const el = await ja();
      input(el, 'name').focus();
      await leave(el, 'name');
      expect(errorText(el, 'name')).to.equal('');
    });

    it('clears the store error once a chain is picked', async () => {
      const el = await ja();
      el.collect();
      await el.updateComplete;
      expect(errorText(el, 'store')).to.not.equal('');
      await pick(el, 'セイコーマート');
      expect(errorText(el, 'store')).to.equal('');
    });
  });

  describe('events', () => {
    it('fires kessai-change on every edit, complete once all is valid', async () => {
      const el = await ja();
      const seen = recordChanges(el);
      await pick(el, 'ローソン');
      expect(seen.at(-1)).to.deep.equal({ method: 'konbini', complete: false, empty: false });
      await typeInto(el, 'name', '山田');
      await typeInto(el, 'email', 'taro@example.jp');
      expect(seen.at(-1)).to.deep.equal({ method: 'konbini', complete: true, empty: false });
      expect(seen.length).to.equal(1 + 2 + 'taro@example.jp'.length);
      expect(el.complete).to.equal(true);
    });

    it('carries no shopper details and bubbles out of the shadow root', async () => {
      const wrapper = await fixture<HTMLDivElement>(
        html`<div><kessai-konbini-fields locale="ja"></kessai-konbini-fields></div>`,
      );
      const el = wrapper.querySelector('kessai-konbini-fields')!;
      const seen: KessaiChangeEvent[] = [];
      wrapper.addEventListener('kessai-change', (e) => seen.push(e));
      await typeInto(el, 'email', 'a@b.jp');
      expect(seen).to.have.length(6);
      expect(JSON.stringify(seen.map((e) => e.detail))).to.not.contain('@');
      expect(Object.keys(seen[0]!.detail).sort()).to.deep.equal(['complete', 'empty', 'method']);
    });

    it('re-fires change from the host when a chain is picked', async () => {
      const el = await ja();
      let changes = 0;
      el.addEventListener('change', () => changes++);
      await pick(el, 'ローソン');
      expect(changes).to.equal(1);
    });

    it('fires nothing when code clears the fields', async () => {
      const el = await ja();
      await pick(el, 'ローソン');
      await typeInto(el, 'name', '山田');
      const seen = recordChanges(el);
      el.clear();
      await el.updateComplete;
      expect(seen).to.have.length(0);
      expect(el.empty).to.equal(true);
      expect(input(el, 'name').value).to.equal('');
      expect(radios(el).some((r) => r.checked)).to.equal(false);
    });
  });

  describe('state', () => {
    it('disables every input', async () => {
      const el = await fixture<KessaiKonbiniFields>(
        html`<kessai-konbini-fields locale="ja" disabled></kessai-konbini-fields>`,
      );
      const all = [...root(el).querySelectorAll('input')];
      expect(all.length).to.equal(9);
      expect(all.every((i) => i.disabled)).to.equal(true);
    });

    it('focus() goes to the store picker', async () => {
      const el = await ja();
      el.focus();
      expect(focused(el)).to.equal('store:seven-eleven');
      await pick(el, 'ローソン');
      input(el, 'name').focus();
      el.focus();
      expect(focused(el)).to.equal('store:lawson');
    });

    it('exposes :state(complete) and :state(invalid)', async () => {
      const el = await ja();
      el.collect();
      await el.updateComplete;
      expect(el.matches(':state(invalid)')).to.equal(true);
      await pick(el, 'ローソン');
      await typeInto(el, 'name', '山田');
      await typeInto(el, 'email', 'taro@example.jp');
      expect(el.matches(':state(complete)')).to.equal(true);
      expect(el.matches(':state(invalid)')).to.equal(false);
    });

    it('fits in 320 px', async () => {
      await setViewport({ width: 320, height: 640 });
      const el = await fixture<KessaiKonbiniFields>(
        html`<kessai-konbini-fields locale="en" phone="required" style="width: 288px"></kessai-konbini-fields>`,
      );
      const host = el.getBoundingClientRect();
      for (const node of root(el).querySelectorAll<HTMLElement>('[part]')) {
        const box = node.getBoundingClientRect();
        expect(box.right, node.getAttribute('part') ?? '').to.be.at.most(host.right + 0.5);
        expect(box.left).to.be.at.least(host.left - 0.5);
      }
      expect(document.documentElement.scrollWidth).to.be.at.most(320);
    });
  });
});
