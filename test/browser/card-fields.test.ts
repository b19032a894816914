import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../src/elements/card-fields/card-fields.ts';
import type { KessaiCardFields } from '../../src/elements/card-fields/card-fields.ts';
import type { ChangeDetail, KessaiChangeEvent } from '../../src/elements/shared/events.ts';
import { CARD_MESSAGES } from '../../src/core/i18n/card-messages.ts';

type Field = 'number' | 'expiry' | 'cvc' | 'name';

const root = (el: KessaiCardFields): ShadowRoot => {
  if (!el.shadowRoot) throw new Error('no shadow root');
  return el.shadowRoot;
};
const part = <T extends Element = HTMLElement>(el: KessaiCardFields, name: string): T => {
  const found = root(el).querySelector<T>(`[part~="${name}"]`);
  if (!found) throw new Error(`no part ${name}`);
  return found;
};
const input = (el: KessaiCardFields, field: Field): HTMLInputElement =>
  part<HTMLInputElement>(el, `${field}-input`);
const errorText = (el: KessaiCardFields, field: Field): string =>
  part(el, `${field}-error`).textContent?.trim() ?? '';
const active = (el: KessaiCardFields): Element | null => root(el).activeElement;

/** The input whose `<label for>` reads `text`, as a shopper (or a screen reader) finds it. */
function byLabel(el: KessaiCardFields, text: string): HTMLInputElement {
  const label = [...root(el).querySelectorAll('label')].find((l) => l.textContent?.trim() === text);
  if (!label) throw new Error(`no label "${text}"`);
  const control = label.control;
  if (!(control instanceof HTMLInputElement)) throw new Error(`label "${text}" labels no input`);
  return control;
}

async function typeInto(el: KessaiCardFields, field: Field, text: string): Promise<void> {
  input(el, field).focus();
  await sendKeys({ type: text });
  await el.updateComplete;
}

async function leave(el: KessaiCardFields, field: Field): Promise<void> {
  input(el, field).blur();
  await el.updateComplete;
}

/** Two digits of a year `ahead` years from now. */
const yy = (ahead: number): string => String((new Date().getFullYear() + ahead) % 100).padStart(2, '0');

async function fillValid(el: KessaiCardFields): Promise<void> {
  await typeInto(el, 'number', '4111111111111111');
  await typeInto(el, 'expiry', `12${yy(3)}`);
  await typeInto(el, 'cvc', '123');
  await typeInto(el, 'name', 'TARO YAMADA');
}

const ja = () => fixture<KessaiCardFields>(html`<kessai-card-fields locale="ja"></kessai-card-fields>`);
const en = () => fixture<KessaiCardFields>(html`<kessai-card-fields locale="en"></kessai-card-fields>`);

describe('<kessai-card-fields>', () => {
  describe('accessibility and labels', () => {
    it('is accessible when empty', async () => {
      const el = await ja();
      await expect(el).to.be.accessible();
    });

    it('is accessible with every error shown', async () => {
      const el = await ja();
      expect(el.collect()).to.equal(null);
      await el.updateComplete;
      await expect(el).to.be.accessible();
    });

    it('is accessible in English', async () => {
      const el = await en();
      await typeInto(el, 'number', '4242');
      await leave(el, 'number');
      await expect(el).to.be.accessible();
    });

    it('labels each input with a real <label for> in Japanese', async () => {
      const el = await ja();
      expect(byLabel(el, 'カード番号')).to.equal(input(el, 'number'));
      expect(byLabel(el, '有効期限')).to.equal(input(el, 'expiry'));
      expect(byLabel(el, 'セキュリティコード')).to.equal(input(el, 'cvc'));
      expect(byLabel(el, 'カード名義')).to.equal(input(el, 'name'));
    });

    it('shows English labels with locale="en"', async () => {
      const el = await en();
      expect(byLabel(el, 'Card number')).to.equal(input(el, 'number'));
      expect(byLabel(el, 'Expiry date')).to.equal(input(el, 'expiry'));
      expect(byLabel(el, 'Security code')).to.equal(input(el, 'cvc'));
      expect(byLabel(el, 'Name on card')).to.equal(input(el, 'name'));
    });

    it('follows the page lang when no locale is set', async () => {
      const before = document.documentElement.lang;
      try {
        document.documentElement.lang = 'ja';
        const el = await fixture<KessaiCardFields>(html`<kessai-card-fields></kessai-card-fields>`);
        expect(byLabel(el, 'カード番号')).to.equal(input(el, 'number'));
        document.documentElement.lang = 'en';
        await new Promise((resolve) => setTimeout(resolve, 0));
        await el.updateComplete;
        expect(byLabel(el, 'Card number')).to.equal(input(el, 'number'));
      } finally {
        document.documentElement.lang = before;
      }
    });

    it('sets the autocomplete tokens, input modes and no name a form could post', async () => {
      const el = await ja();
      expect(input(el, 'number').autocomplete).to.equal('cc-number');
      expect(input(el, 'number').inputMode).to.equal('numeric');
      expect(input(el, 'expiry').autocomplete).to.equal('cc-exp');
      expect(input(el, 'expiry').placeholder).to.equal('MM / YY');
      expect(input(el, 'cvc').autocomplete).to.equal('cc-csc');
      expect(input(el, 'name').autocomplete).to.equal('cc-name');
      expect(input(el, 'name').getAttribute('autocapitalize')).to.equal('characters');
      for (const field of ['number', 'expiry', 'cvc', 'name'] as const) {
        expect(input(el, field).hasAttribute('name'), field).to.equal(false);
        const describedBy = input(el, field).getAttribute('aria-describedby') ?? '';
        expect(describedBy.split(' '), field).to.include(`${field}-error`);
        expect(part(el, `${field}-error`).getAttribute('aria-live'), field).to.equal('polite');
      }
      expect((el.constructor as { formAssociated?: boolean }).formAssociated).to.not.equal(true);
    });

    it('keeps card data out of a surrounding form', async () => {
      const form = await fixture<HTMLFormElement>(
        html`<form><kessai-card-fields locale="ja"></kessai-card-fields></form>`,
      );
      const el = form.querySelector('kessai-card-fields');
      if (!el) throw new Error('no element');
      await fillValid(el);
      expect([...new FormData(form).keys()]).to.deep.equal([]);
    });
  });

  /** The detected brand as shown in the number field: its mark's name, or its name until the marks load. */
  const brandShown = (el: KessaiCardFields): string | undefined =>
    part(el, 'brand').querySelector('[role="img"]')?.getAttribute('aria-label') ?? part(el, 'brand').textContent?.trim();

  describe('formatting as typed', () => {
    it('groups a Visa number and shows the brand', async () => {
      const el = await ja();
      await typeInto(el, 'number', '4111111111111111');
      expect(input(el, 'number').value).to.equal('4111 1111 1111 1111');
      expect(brandShown(el)).to.equal('Visa');
      expect(part(el, 'brand').hidden).to.equal(false);
      expect(el.brand).to.equal('visa');
      expect(root(el).textContent).to.include('Visa を検出');
    });

    it('accepts full-width digits', async () => {
      const el = await ja();
      await typeInto(el, 'number', '４１１１１１１１１１１１１１１１');
      expect(input(el, 'number').value).to.equal('4111 1111 1111 1111');
      expect(el.brand).to.equal('visa');
    });

    it('accepts a pasted full-width number with hyphens', async () => {
      const el = await ja();
      const number = input(el, 'number');
      number.focus();
      number.value = '４１１１－１１１１－１１１１－１１１１';
      number.setSelectionRange(number.value.length, number.value.length);
      number.dispatchEvent(new InputEvent('input', { inputType: 'insertFromPaste', bubbles: true }));
      await el.updateComplete;
      expect(number.value).to.equal('4111 1111 1111 1111');
    });

    it('groups American Express 4-6-5 and takes a 4-digit security code', async () => {
      const el = await ja();
      await typeInto(el, 'number', '378282246310005');
      expect(input(el, 'number').value).to.equal('3782 822463 10005');
      expect(brandShown(el)).to.equal('American Express');
      await typeInto(el, 'cvc', '12345');
      expect(input(el, 'cvc').value).to.equal('1234');
      expect(part(el, 'cvc-hint').textContent?.trim()).to.equal(CARD_MESSAGES.cvc_hint_amex.ja);
      await leave(el, 'cvc');
      expect(errorText(el, 'cvc')).to.equal('');
    });

    it('caps a Visa security code at 3 digits', async () => {
      const el = await ja();
      await typeInto(el, 'number', '4111111111111111');
      await typeInto(el, 'cvc', '1234');
      expect(input(el, 'cvc').value).to.equal('123');
    });

    it('keeps the caret in place when inserting in the middle', async () => {
      const el = await ja();
      await typeInto(el, 'number', '41111111');
      const number = input(el, 'number');
      expect(number.value).to.equal('4111 1111');
      number.setSelectionRange(4, 4);
      await sendKeys({ type: '9' });
      expect(number.value).to.equal('4111 9111 1');
      expect(number.selectionStart).to.equal(6);
      await sendKeys({ type: '8' });
      expect(number.value).to.equal('4111 9811 11');
      expect(number.selectionStart).to.equal(7);
    });

    it('deletes through a group space with Backspace', async () => {
      const el = await ja();
      await typeInto(el, 'number', '41111');
      const number = input(el, 'number');
      expect(number.value).to.equal('4111 1');
      number.setSelectionRange(5, 5);
      await sendKeys({ press: 'Backspace' });
      expect(number.value).to.equal('4111');
      expect(number.selectionStart).to.equal(3);
    });

    it('formats the expiry as MM / YY', async () => {
      const el = await ja();
      await typeInto(el, 'expiry', '4');
      expect(input(el, 'expiry').value).to.equal('04 / ');
      await typeInto(el, 'expiry', yy(2));
      expect(input(el, 'expiry').value).to.equal(`04 / ${yy(2)}`);
    });

    it('leaves an IME composition alone and formats on compositionend', async () => {
      const el = await ja();
      const number = input(el, 'number');
      number.focus();
      number.dispatchEvent(new CompositionEvent('compositionstart', { data: '' }));
      number.value = '４１１１１';
      number.setSelectionRange(5, 5);
      number.dispatchEvent(
        new InputEvent('input', { inputType: 'insertCompositionText', isComposing: true, bubbles: true }),
      );
      await el.updateComplete;
      expect(number.value).to.equal('４１１１１');
      number.dispatchEvent(new CompositionEvent('compositionend', { data: '４１１１１' }));
      await el.updateComplete;
      expect(number.value).to.equal('4111 1');
      expect(number.selectionStart).to.equal(6);
    });
  });

  describe('errors', () => {
    it('shows no error on the first keystroke, then the error once the shopper leaves', async () => {
      const el = await ja();
      await typeInto(el, 'number', '4');
      expect(errorText(el, 'number')).to.equal('');
      expect(input(el, 'number').getAttribute('aria-invalid')).to.equal('false');
      await leave(el, 'number');
      expect(errorText(el, 'number')).to.equal(CARD_MESSAGES.number_incomplete.ja);
      expect(input(el, 'number').getAttribute('aria-invalid')).to.equal('true');
    });

    it('leaves an empty field without an error when it is only visited', async () => {
      const el = await ja();
      input(el, 'number').focus();
      await leave(el, 'number');
      expect(errorText(el, 'number')).to.equal('');
    });

    it('refuses a number failing the Luhn check, and updates the error live as it is fixed', async () => {
      const el = await ja();
      await typeInto(el, 'number', '4111111111111112');
      expect(active(el)).to.equal(input(el, 'number'));
      await leave(el, 'number');
      expect(errorText(el, 'number')).to.equal(CARD_MESSAGES.number_invalid.ja);
      const number = input(el, 'number');
      number.focus();
      number.setSelectionRange(number.value.length, number.value.length);
      await sendKeys({ press: 'Backspace' });
      await el.updateComplete;
      expect(errorText(el, 'number')).to.equal(CARD_MESSAGES.number_incomplete.ja);
      await sendKeys({ type: '1' });
      await el.updateComplete;
      expect(errorText(el, 'number')).to.equal('');
      expect(number.getAttribute('aria-invalid')).to.equal('false');
    });

    it('shows errors in English', async () => {
      const el = await en();
      await typeInto(el, 'number', '4111111111111112');
      await leave(el, 'number');
      expect(errorText(el, 'number')).to.equal('Your card number is not valid. Please check it.');
    });

    it('refuses an expiry in the past', async () => {
      const el = await ja();
      await typeInto(el, 'expiry', '0120');
      expect(input(el, 'expiry').value).to.equal('01 / 20');
      expect(active(el)).to.equal(input(el, 'expiry'));
      await leave(el, 'expiry');
      expect(errorText(el, 'expiry')).to.equal(CARD_MESSAGES.expiry_past.ja);
    });

    it('collect() on empty fields shows four errors and focuses the number', async () => {
      const el = await ja();
      expect(el.collect()).to.equal(null);
      await el.updateComplete;
      expect(active(el)).to.equal(input(el, 'number'));
      expect(errorText(el, 'number')).to.equal(CARD_MESSAGES.number_required.ja);
      expect(errorText(el, 'expiry')).to.equal(CARD_MESSAGES.expiry_required.ja);
      expect(errorText(el, 'cvc')).to.equal(CARD_MESSAGES.cvc_required.ja);
      expect(errorText(el, 'name')).to.equal(CARD_MESSAGES.name_required.ja);
      for (const field of ['number', 'expiry', 'cvc', 'name'] as const) {
        expect(input(el, field).getAttribute('aria-invalid'), field).to.equal('true');
      }
      expect(el.matches(':state(invalid)')).to.equal(true);
    });

    it('collect() focuses the first invalid field', async () => {
      const el = await ja();
      await typeInto(el, 'number', '4111111111111111');
      expect(el.collect()).to.equal(null);
      await el.updateComplete;
      expect(active(el)).to.equal(input(el, 'expiry'));
      expect(errorText(el, 'number')).to.equal('');
    });

    it('setFieldError shows the provider message, focuses the field and clears on edit', async () => {
      const el = await ja();
      await fillValid(el);
      const message = 'セキュリティコードが正しくありません。';
      el.setFieldError('cvc', message);
      await el.updateComplete;
      expect(errorText(el, 'cvc')).to.equal(message);
      expect(active(el)).to.equal(input(el, 'cvc'));
      expect(input(el, 'cvc').getAttribute('aria-invalid')).to.equal('true');
      await leave(el, 'cvc');
      expect(errorText(el, 'cvc')).to.equal(message);
      input(el, 'cvc').focus();
      input(el, 'cvc').select();
      await sendKeys({ type: '456' });
      await el.updateComplete;
      expect(errorText(el, 'cvc')).to.equal('');
      expect(input(el, 'cvc').value).to.equal('456');
    });

    it('renders a provider message as text, not HTML', async () => {
      const el = await ja();
      el.setFieldError('number', '<img src=x onerror="window.__pwned=1">');
      await el.updateComplete;
      expect(part(el, 'number-error').querySelector('img')).to.equal(null);
      expect(errorText(el, 'number')).to.equal('<img src=x onerror="window.__pwned=1">');
    });
  });

  describe('collect, clear and state', () => {
    it('collect() returns normalized details with a four-digit year', async () => {
      const el = await ja();
      await typeInto(el, 'number', '４１１１ １１１１ １１１１ １１１１');
      await typeInto(el, 'expiry', `12${yy(3)}`);
      await typeInto(el, 'cvc', '１２３');
      await typeInto(el, 'name', ' TARO  YAMADA ');
      expect(el.complete).to.equal(true);
      expect(el.matches(':state(complete)')).to.equal(true);
      expect(el.collect()).to.deep.equal({
        number: '4111111111111111',
        expMonth: 12,
        expYear: new Date().getFullYear() + 3,
        cvc: '123',
        name: 'TARO YAMADA',
      });
    });

    it('clear() empties every field and hides the errors', async () => {
      const el = await ja();
      await typeInto(el, 'number', '4111');
      el.collect();
      await el.updateComplete;
      el.clear();
      await el.updateComplete;
      expect(el.empty).to.equal(true);
      expect(el.brand).to.equal(undefined);
      expect(part(el, 'brand').hidden).to.equal(true);
      for (const field of ['number', 'expiry', 'cvc', 'name'] as const) {
        expect(input(el, field).value, field).to.equal('');
        expect(errorText(el, field), field).to.equal('');
      }
      await typeInto(el, 'number', '4');
      expect(errorText(el, 'number')).to.equal('');
    });

    it('disabled disables every input and reflects', async () => {
      const el = await ja();
      el.disabled = true;
      await el.updateComplete;
      expect(el.hasAttribute('disabled')).to.equal(true);
      for (const field of ['number', 'expiry', 'cvc', 'name'] as const) {
        expect(input(el, field).disabled, field).to.equal(true);
      }
    });

    it('focus() focuses the card number', async () => {
      const el = await ja();
      el.focus();
      expect(active(el)).to.equal(input(el, 'number'));
    });
  });

  describe('kessai-change', () => {
    it('reports completeness and brand, never card data', async () => {
      const el = await ja();
      const details: ChangeDetail[] = [];
      el.addEventListener('kessai-change', (event: KessaiChangeEvent) => details.push(event.detail));
      await fillValid(el);
      expect(details.length).to.be.greaterThan(20);
      for (const detail of details) {
        const json = JSON.stringify(detail);
        expect(json).to.not.match(/\d/);
        expect(json).to.not.include('TARO');
        const unexpected = Object.keys(detail).filter(
          (key) => !['method', 'complete', 'empty', 'brand'].includes(key),
        );
        expect(unexpected).to.deep.equal([]);
      }
      expect(details[0]).to.deep.equal({ method: 'card', complete: false, empty: false, brand: 'visa' });
      expect(details.at(-1)).to.deep.equal({ method: 'card', complete: true, empty: false, brand: 'visa' });
    });

    it('bubbles out of the shadow root and is not fired by code', async () => {
      const el = await ja();
      const seen: ChangeDetail[] = [];
      document.addEventListener('kessai-change', (event) => seen.push(event.detail), { once: true });
      await typeInto(el, 'number', '4');
      expect(seen).to.deep.equal([{ method: 'card', complete: false, empty: false, brand: 'visa' }]);
      let fired = 0;
      el.addEventListener('kessai-change', () => fired++);
      el.collect();
      el.setFieldError('number', 'x');
      el.clear();
      await el.updateComplete;
      expect(fired).to.equal(0);
    });
  });

  describe('keyboard', () => {
    it('tabs number → expiry → security code → name', async () => {
      const el = await ja();
      el.focus();
      const order: (string | undefined)[] = [active(el)?.getAttribute('part') ?? undefined];
      for (let i = 0; i < 3; i++) {
        await sendKeys({ press: 'Tab' });
        order.push(active(el)?.getAttribute('part') ?? undefined);
      }
      expect(order).to.deep.equal(['number-input', 'expiry-input', 'cvc-input', 'name-input']);
    });

    it('moves on from a complete number to the expiry, and from the expiry to the code', async () => {
      const el = await ja();
      await typeInto(el, 'number', '4111111111111111');
      expect(active(el)).to.equal(input(el, 'expiry'));
      await sendKeys({ type: `12${yy(2)}` });
      await el.updateComplete;
      expect(active(el)).to.equal(input(el, 'cvc'));
      await sendKeys({ type: '123' });
      expect(input(el, 'cvc').value).to.equal('123');
    });

    it('does not move on while the shopper edits in the middle', async () => {
      const el = await ja();
      await typeInto(el, 'number', '411111111111111');
      const number = input(el, 'number');
      expect(active(el)).to.equal(number);
      number.setSelectionRange(5, 5);
      await sendKeys({ type: '1' });
      await el.updateComplete;
      expect(number.value).to.equal('4111 1111 1111 1111');
      expect(active(el)).to.equal(number);
    });
  });

  describe('layout', () => {
    afterEach(() => setViewport({ width: 800, height: 600 }));

    it('fits 320 px with expiry and code side by side', async () => {
      await setViewport({ width: 320, height: 640 });
      const el = await fixture<KessaiCardFields>(
        html`<div style="width: 288px"><kessai-card-fields locale="ja"></kessai-card-fields></div>`,
      ).then((wrap) => wrap.firstElementChild as KessaiCardFields);
      await el.updateComplete;
      const number = input(el, 'number').getBoundingClientRect();
      const expiry = input(el, 'expiry').getBoundingClientRect();
      const cvc = input(el, 'cvc').getBoundingClientRect();
      const name = input(el, 'name').getBoundingClientRect();
      expect(expiry.top).to.equal(cvc.top);
      expect(cvc.left).to.be.greaterThan(expiry.right);
      expect(number.width).to.be.closeTo(288, 1);
      expect(name.width).to.be.closeTo(288, 1);
      expect(cvc.right).to.be.at.most(288 + number.left + 0.5);
      expect(document.documentElement.scrollWidth).to.be.at.most(320);
    });
  });
});
