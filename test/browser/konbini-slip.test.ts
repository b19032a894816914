import { expect, fixture, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../../src/elements/konbini-slip/konbini-slip.ts';
import type { KessaiKonbiniSlip } from '../../src/elements/konbini-slip/konbini-slip.ts';
import type { Slip } from '../../src/core/slip.ts';
import { KONBINI_STORES, KONBINI_STORE_NAMES } from '../../src/core/konbini-stores.ts';
import { SLIP_MESSAGES } from '../../src/core/i18n/slip-messages.ts';
import type { Locale } from '../../src/core/locale.ts';

const LAWSON: Slip = {
  store: 'lawson',
  paymentNumber: '123456789012',
  confirmationNumber: '1111',
  amount: 1500,
  currency: 'JPY',
  expiresAt: '2026-11-27T23:59:00+09:00',
  slipUrl: 'https://komoju.com/en/instructions/9x8y7z',
};
/** 2 days and 5 hours before the Lawson deadline. */
const NOW = new Date('2026-11-25T18:59:00+09:00');

const root = (el: KessaiKonbiniSlip): ShadowRoot => {
  if (!el.shadowRoot) throw new Error('no shadow root');
  return el.shadowRoot;
};
const query = <T extends Element = HTMLElement>(el: KessaiKonbiniSlip, name: string): T | null =>
  root(el).querySelector<T>(`[part~="${name}"]`);
/** Whether a part is shown. Assert on this, not on elements: printing a DOM node in a failed assertion hangs the runner. */
const has = (el: KessaiKonbiniSlip, name: string): boolean => query(el, name) !== null;
const hasElement = (el: KessaiKonbiniSlip, selector: string): boolean => root(el).querySelector(selector) !== null;
const part = <T extends Element = HTMLElement>(el: KessaiKonbiniSlip, name: string): T => {
  const found = query<T>(el, name);
  if (!found) throw new Error(`no part ${name}`);
  return found;
};
const within = <T extends Element = HTMLElement>(node: Element, name: string): T => {
  const found = node.querySelector<T>(`[part~="${name}"]`);
  if (!found) throw new Error(`no part ${name}`);
  return found;
};
const text = (node: Element | null | undefined): string => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const buttonsNamed = (el: KessaiKonbiniSlip, name: string): HTMLButtonElement[] =>
  [...root(el).querySelectorAll('button')].filter((b) => (b.getAttribute('aria-label') ?? text(b)) === name);

/** A slip element; `now` fixes the clock (default `NOW`), `'clock'` leaves it on the real one. */
async function slipFixture(slip: Slip, locale: Locale = 'ja', now: Date | 'clock' = NOW) {
  return fixture<KessaiKonbiniSlip>(
    html`<kessai-konbini-slip
      locale=${locale}
      .slip=${slip}
      .now=${now === 'clock' ? undefined : now}
    ></kessai-konbini-slip>`,
  );
}

/** Replaces `navigator.clipboard` for one test; returns what was written and a restore function. */
function stubClipboard(writeText: (value: string) => Promise<void>): () => void {
  Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
  return () => {
    delete (navigator as { clipboard?: unknown }).clipboard;
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('<kessai-konbini-slip>', () => {
  afterEach(async () => {
    await setViewport({ width: 800, height: 600 });
  });

  describe('accessibility', () => {
    for (const store of KONBINI_STORES) {
      for (const locale of ['ja', 'en'] as const) {
        it(`is accessible for ${store} in ${locale}, with and without a confirmation number`, async () => {
          const withNumber = await slipFixture({ ...LAWSON, store }, locale);
          await expect(withNumber).to.be.accessible();
          const { confirmationNumber: _omit, ...rest } = LAWSON;
          const without = await slipFixture({ ...rest, store, slipUrl: undefined }, locale);
          expect(has(without, 'confirmation-number'), 'confirmation-number').to.equal(false);
          await expect(without).to.be.accessible();
        });
      }
    }

    it('is accessible when expired, when invalid and when empty', async () => {
      await expect(await slipFixture(LAWSON, 'ja', new Date('2026-12-01T00:00:00Z'))).to.be.accessible();
      await expect(
        await fixture(html`<kessai-konbini-slip locale="en" slip="{oops"></kessai-konbini-slip>`),
      ).to.be.accessible();
      await expect(await fixture(html`<kessai-konbini-slip locale="en"></kessai-konbini-slip>`)).to.be.accessible();
    });
  });

  describe('what the shopper reads', () => {
    it('shows the store by name, in both languages', async () => {
      const el = await slipFixture(LAWSON, 'ja');
      expect(text(part(el, 'store').querySelector('h2'))).to.equal('ローソンLawson');
      expect(part(el, 'store').querySelector('h2 [lang="en"]')?.textContent).to.equal('Lawson');
      expect(hasElement(el, 'img'), 'no logo').to.equal(false);
      const en = await slipFixture({ ...LAWSON, store: 'family-mart' }, 'en');
      const heading = part(en, 'store').querySelector('h2')!;
      expect(text(heading)).to.equal('FamilyMartファミリーマート');
      expect(heading.querySelector('[lang="ja"]')?.textContent).to.equal('ファミリーマート');
    });

    it('shows the payment number grouped and reads it digit by digit', async () => {
      const el = await slipFixture(LAWSON, 'ja');
      const row = part(el, 'payment-number');
      expect(text(row.querySelector('dt'))).to.equal('支払い番号');
      const number = within(row, 'number');
      expect([...number.querySelectorAll('.group')].map((g) => g.textContent)).to.deep.equal(['1234', '5678', '9012']);
      expect(number.getAttribute('aria-hidden')).to.equal('true');
      expect(text(row.querySelector('.visually-hidden'))).to.equal('1 2 3 4, 5 6 7 8, 9 0 1 2');
      expect(getComputedStyle(number).fontFamily).to.match(/mono/i);
    });

    it('keeps the hyphen of a FamilyMart number and names it for screen readers', async () => {
      const el = await slipFixture({ ...LAWSON, store: 'family-mart', paymentNumber: '20020-123456789012' }, 'en');
      const number = within(part(el, 'payment-number'), 'number');
      expect([...number.querySelectorAll('.group')].map((g) => g.textContent)).to.deep.equal([
        '20020',
        '-',
        '1234',
        '5678',
        '9012',
      ]);
      expect(text(part(el, 'payment-number').querySelector('.visually-hidden'))).to.equal(
        '2 0 0 2 0, hyphen, 1 2 3 4, 5 6 7 8, 9 0 1 2',
      );
    });

    it('names the 7-Eleven number as the store does', async () => {
      const el = await slipFixture({ ...LAWSON, store: 'seven-eleven', paymentNumber: '1234567890123' }, 'ja');
      expect(text(part(el, 'payment-number').querySelector('dt'))).to.equal('支払い番号(払込票番号)');
    });

    it('shows the confirmation number when there is one', async () => {
      const el = await slipFixture(LAWSON, 'en');
      expect(text(part(el, 'confirmation-number').querySelector('dt'))).to.equal('Confirmation number');
      expect(text(within(part(el, 'confirmation-number'), 'number'))).to.equal('1111');
    });

    it('shows the amount as currency', async () => {
      expect(text(part(await slipFixture(LAWSON, 'ja'), 'amount'))).to.equal('お支払い金額 ￥1,500');
      expect(text(part(await slipFixture(LAWSON, 'en'), 'amount'))).to.equal('Amount ¥1,500');
    });

    it('shows the deadline in JST and the time left, exactly, for a fixed now', async () => {
      const ja = await slipFixture(LAWSON, 'ja');
      expect(text(part(ja, 'deadline').querySelector('time'))).to.equal('2026年11月27日 23:59');
      expect(part(ja, 'deadline').querySelector('time')?.getAttribute('datetime')).to.equal('2026-11-27T14:59:00.000Z');
      expect(text(part(ja, 'time-left'))).to.equal('あと2日と5時間');
      const en = await slipFixture(LAWSON, 'en');
      expect(text(part(en, 'deadline'))).to.equal('Pay by 27 Nov 2026, 23:59 JST 2 days 5 hours left');
      // A deadline given in UTC that falls on the next day in Japan.
      const utc = await slipFixture({ ...LAWSON, expiresAt: '2026-11-30T15:30:00Z' }, 'ja');
      expect(text(part(utc, 'deadline').querySelector('time'))).to.equal('2026年12月1日 00:30');
    });

    it('lists the store\'s own steps in order', async () => {
      // What a shopper must read at each chain, written out here rather than taken from the steps
      // table: a step swapped between chains, dropped or reordered fails this test.
      const PAY_AT_TILL = 'レジで現金でお支払いください。領収書(レシート)は大切に保管してください。';
      const LOPPI = [
        '店内のLoppi(ロッピー)端末で「各種番号をお持ちの方」を選びます。',
        '支払い番号を入力し、続けて確認番号を入力します。',
        '内容を確認すると申込券が印刷されます。30分以内にレジへお持ちください。',
        PAY_AT_TILL,
      ];
      const ONLINE_PAYMENT = [
        'レジで「オンライン決済」とお伝えください。',
        'レジのタッチパネルに、オンライン決済番号(この画面の支払い番号)を入力します。',
        PAY_AT_TILL,
      ];
      const expected: Record<(typeof KONBINI_STORES)[number], string[]> = {
        'seven-eleven': [
          '下の「払込票を表示」から払込票を開きます(印刷しても構いません)。',
          'レジで「インターネット支払い」とお伝えし、払込票のバーコードをお見せいただくか、払込票番号をお伝えください。',
          PAY_AT_TILL,
        ],
        'family-mart': [
          '店内のFamiポート(マルチコピー機)で、画面の案内に従って支払い番号を入力します。番号がハイフンで区切られているときは、前半(企業コード)と後半(注文番号)を分けて入力します。',
          '印刷された申込券を30分以内にレジへお持ちください。',
          'バーコード付きの払込票を表示できる場合は、Famiポートを使わずにレジで画面をお見せいただけます。',
          PAY_AT_TILL,
        ],
        lawson: LOPPI,
        ministop: LOPPI,
        'daily-yamazaki': ONLINE_PAYMENT,
        seicomart: ONLINE_PAYMENT,
      };
      for (const store of KONBINI_STORES) {
        const el = await slipFixture({ ...LAWSON, store }, 'ja');
        const items = [...part(el, 'steps').querySelectorAll('ol > li')].map((li) => li.textContent);
        expect(items, store).to.deep.equal(expected[store]);
        expect(text(part(el, 'steps').querySelector('h3'))).to.equal('お支払い方法');
      }
    });

    it('renders provider text as text, never as HTML', async () => {
      const el = await slipFixture(
        { ...LAWSON, paymentNumber: '<img src=x onerror="window.__pwned=1">', confirmationNumber: '<b>1</b>' },
        'ja',
      );
      expect(hasElement(el, 'img, b')).to.equal(false);
      expect(text(within(part(el, 'payment-number'), 'number'))).to.contain('<img');
      expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
    });

    it('says so when there is no slip', async () => {
      const el = await fixture<KessaiKonbiniSlip>(html`<kessai-konbini-slip locale="ja"></kessai-konbini-slip>`);
      expect(text(part(el, 'empty'))).to.equal(SLIP_MESSAGES.no_slip.ja);
    });
  });

  describe('expired', () => {
    it('says the deadline passed and hides what no longer helps', async () => {
      const el = await slipFixture(LAWSON, 'ja', new Date('2026-11-27T15:00:00Z'));
      expect(text(part(el, 'expired'))).to.equal(SLIP_MESSAGES.expired_message.ja);
      expect(text(part(el, 'time-left'))).to.equal('期限切れ');
      expect(has(el, 'copy-button'), 'copy-button').to.equal(false);
      expect(has(el, 'steps'), 'steps').to.equal(false);
      expect(has(el, 'slip-link'), 'slip-link').to.equal(false);
      expect(text(part(el, 'deadline').querySelector('time'))).to.equal('2026年11月27日 23:59');
      expect(el.matches(':state(expired)')).to.equal(true);
      const en = await slipFixture(LAWSON, 'en', new Date('2026-11-27T15:00:00Z'));
      expect(text(part(en, 'time-left'))).to.equal('Expired');
    });

    it('keeps the time left current and turns expired on its own', async () => {
      const expiresAt = new Date(Date.now() + 1200).toISOString();
      const el = await slipFixture({ ...LAWSON, expiresAt }, 'en', 'clock');
      expect(text(part(el, 'time-left'))).to.equal('1 minute left');
      expect(el.matches(':state(expired)')).to.equal(false);
      await sleep(1600);
      await el.updateComplete;
      expect(text(part(el, 'time-left'))).to.equal('Expired');
      expect(has(el, 'expired'), 'expired').to.equal(true);
      expect(el.matches(':state(expired)')).to.equal(true);
    });

    it('stops its timer when removed from the page', async () => {
      const expiresAt = new Date(Date.now() + 1200).toISOString();
      const el = await slipFixture({ ...LAWSON, expiresAt }, 'en', 'clock');
      el.remove();
      await sleep(1600);
      await el.updateComplete;
      expect(text(part(el, 'time-left'))).to.equal('1 minute left');
    });
  });

  describe('copy', () => {
    it('writes the payment number and says "Copied"', async () => {
      const written: string[] = [];
      const restore = stubClipboard(async (value) => {
        written.push(value);
      });
      try {
        const el = await slipFixture({ ...LAWSON, paymentNumber: '20020-123456789012' }, 'ja');
        const [button] = buttonsNamed(el, '支払い番号をコピー');
        expect(text(button)).to.equal('コピー');
        button!.click();
        await sleep(0);
        await el.updateComplete;
        expect(written).to.deep.equal(['20020-123456789012']);
        expect(text(part(el, 'copy-status'))).to.equal('支払い番号をコピーしました');
        expect(part(el, 'copy-status').getAttribute('aria-live')).to.equal('polite');
        expect(text(part(el, 'copy-payment-number'))).to.equal('コピーしました');
        expect(part(el, 'copy-payment-number').getAttribute('aria-label')).to.equal('支払い番号をコピーしました');

        buttonsNamed(el, '確認番号をコピー')[0]!.click();
        await sleep(0);
        await el.updateComplete;
        expect(written).to.deep.equal(['20020-123456789012', '1111']);
        expect(text(part(el, 'copy-status'))).to.equal('確認番号をコピーしました');
        expect(text(part(el, 'copy-payment-number'))).to.equal('コピー');
      } finally {
        restore();
      }
    });

    it('copes with a denied clipboard: says how to copy by hand and selects the number', async () => {
      const restore = stubClipboard(() => Promise.reject(new DOMException('denied', 'NotAllowedError')));
      try {
        const el = await slipFixture(LAWSON, 'en');
        buttonsNamed(el, 'Copy payment number')[0]!.click();
        await sleep(0);
        await el.updateComplete;
        expect(text(part(el, 'copy-status'))).to.equal(SLIP_MESSAGES.copy_failed.en);
        expect(text(part(el, 'copy-payment-number'))).to.equal('Copy');
        expect(window.getSelection()?.toString()).to.equal('123456789012');
      } finally {
        restore();
      }
    });

    it('copes with no clipboard at all', async () => {
      const restore = stubClipboard(undefined as unknown as (value: string) => Promise<void>);
      Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true });
      try {
        const el = await slipFixture(LAWSON, 'ja');
        buttonsNamed(el, '支払い番号をコピー')[0]!.click();
        await sleep(0);
        await el.updateComplete;
        expect(text(part(el, 'copy-status'))).to.equal(SLIP_MESSAGES.copy_failed.ja);
      } finally {
        restore();
      }
    });
  });

  describe('slip link and print', () => {
    it('links to an https slip page in a new tab, without opener or referrer', async () => {
      const el = await slipFixture(LAWSON, 'ja');
      const link = part<HTMLAnchorElement>(el, 'slip-link');
      expect(link.href).to.equal('https://komoju.com/en/instructions/9x8y7z');
      expect(link.target).to.equal('_blank');
      expect(link.rel).to.equal('noopener noreferrer');
      expect(text(link)).to.equal('払込票を表示(新しいタブで開きます)');
    });

    for (const slipUrl of [
      'javascript:alert(1)',
      'JAVASCRIPT:alert(1)',
      'http://komoju.com/en/instructions/1',
      'data:text/html,<b>x</b>',
      'not a url',
    ]) {
      it(`leaves the link out for ${slipUrl}`, async () => {
        const el = await slipFixture({ ...LAWSON, slipUrl }, 'ja');
        expect(has(el, 'slip-link'), 'slip-link').to.equal(false);
        expect(hasElement(el, 'a')).to.equal(false);
        expect(has(el, 'print-button'), 'print-button').to.equal(true);
      });
    }

    it('allows http only on a trusted origin (the sandbox)', async () => {
      const slip = { ...LAWSON, slipUrl: 'http://localhost:5173/sandbox/komoju/slip/1' };
      const el = await fixture<KessaiKonbiniSlip>(
        html`<kessai-konbini-slip locale="en" trusted-origins="http://localhost:5173" .slip=${slip} .now=${NOW}>
        </kessai-konbini-slip>`,
      );
      expect(el.trustedOrigins).to.deep.equal(['http://localhost:5173']);
      expect(part<HTMLAnchorElement>(el, 'slip-link').href).to.equal(slip.slipUrl);
      el.trustedOrigins = ['http://localhost:9999'];
      await el.updateComplete;
      expect(has(el, 'slip-link'), 'slip-link').to.equal(false);
    });

    it('prints', async () => {
      const original = window.print;
      let printed = 0;
      window.print = () => {
        printed++;
      };
      try {
        const el = await slipFixture(LAWSON, 'en');
        expect(text(part(el, 'print-button'))).to.equal('Print');
        part(el, 'print-button').click();
        expect(printed).to.equal(1);
      } finally {
        window.print = original;
      }
    });
  });

  describe('the slip attribute', () => {
    let warnings: unknown[][] = [];
    const originalWarn = console.warn;
    beforeEach(() => {
      warnings = [];
      console.warn = (...args: unknown[]) => warnings.push(args);
    });
    afterEach(() => {
      console.warn = originalWarn;
    });

    it('takes the slip as JSON', async () => {
      const el = await fixture<KessaiKonbiniSlip>(
        html`<kessai-konbini-slip locale="ja" slip=${JSON.stringify(LAWSON)}></kessai-konbini-slip>`,
      );
      expect(el.slip).to.deep.equal(LAWSON);
      expect(text(part(el, 'amount'))).to.equal('お支払い金額 ￥1,500');
      expect(text(part(el, 'deadline').querySelector('time'))).to.equal('2026年11月27日 23:59');

      el.setAttribute('slip', JSON.stringify({ ...LAWSON, store: 'seicomart', amount: 2000 }));
      await el.updateComplete;
      expect(text(part(el, 'store').querySelector('h2'))).to.contain('セイコーマート');
      expect(text(part(el, 'amount'))).to.equal('お支払い金額 ￥2,000');
    });

    it('shows an error, not a blank element, for bad JSON', async () => {
      const el = await fixture<KessaiKonbiniSlip>(
        html`<kessai-konbini-slip locale="ja" slip='{"store": "lawson",'></kessai-konbini-slip>`,
      );
      expect(el.slip).to.equal(undefined);
      const error = part(el, 'error');
      expect(text(error)).to.equal(SLIP_MESSAGES.invalid_slip_json.ja);
      expect(error.getAttribute('role')).to.equal('alert');
      expect(el.matches(':state(invalid)')).to.equal(true);
      expect(el.getBoundingClientRect().height).to.be.greaterThan(0);
      expect(warnings, 'the developer is told why').to.have.length(1);
    });

    it('shows an error for JSON that is not a slip', async () => {
      for (const bad of [
        { ...LAWSON, store: 'circle-k' },
        { ...LAWSON, paymentNumber: '' },
        { ...LAWSON, expiresAt: 'next friday' },
        [],
        null,
      ]) {
        const el = await fixture<KessaiKonbiniSlip>(
          html`<kessai-konbini-slip locale="en" slip=${JSON.stringify(bad)}></kessai-konbini-slip>`,
        );
        expect(text(part(el, 'error')), JSON.stringify(bad)).to.equal(SLIP_MESSAGES.invalid_slip.en);
      }
      expect(warnings).to.have.length(5);
    });

    it('checks a slip set as a property too', async () => {
      const el = await slipFixture({ ...LAWSON, amount: 'lots' } as unknown as Slip, 'en');
      expect(text(part(el, 'error'))).to.equal(SLIP_MESSAGES.invalid_slip.en);
      el.slip = LAWSON;
      await el.updateComplete;
      expect(has(el, 'error'), 'error').to.equal(false);
      expect(el.matches(':state(invalid)')).to.equal(false);
      expect(text(part(el, 'store'))).to.contain('Lawson');
    });
  });

  it('fits in 320 px', async () => {
    await setViewport({ width: 320, height: 900 });
    const el = await fixture<KessaiKonbiniSlip>(
      html`<kessai-konbini-slip
        locale="en"
        style="width: 288px"
        .slip=${{ ...LAWSON, store: 'family-mart', paymentNumber: '20020-123456789012' }}
        .now=${NOW}
      ></kessai-konbini-slip>`,
    );
    const host = el.getBoundingClientRect();
    for (const node of root(el).querySelectorAll<HTMLElement>('[part]')) {
      const box = node.getBoundingClientRect();
      expect(box.right, node.getAttribute('part') ?? '').to.be.at.most(host.right + 0.5);
    }
    expect(document.documentElement.scrollWidth).to.be.at.most(320);
    expect(KONBINI_STORE_NAMES['family-mart'].en).to.equal('FamilyMart');
  });
});
