// The designers' page: switches provider, language and theme live, logs every kessai-* event, and
// renders a gallery of element states from fixed data (no network). Plain JS so that the page needs no
// build step beyond /kessai.js; it runs under the demo server's strict CSP.

const TEST_CARDS = {
  komoju: [
    ['4111 1111 1111 1111', 'Visa: succeeds'],
    ['5555 5555 5555 4444', 'Mastercard: succeeds'],
    ['3530 1113 3330 0000', 'JCB: succeeds'],
    ['3782 822463 10005', 'American Express: succeeds'],
    ['3056 930902 5904', 'Diners Club: succeeds'],
    ['4100 0000 0000 0100', '3-D Secure without a challenge (also 5100 0000 0000 0107, 3528 0000 0000 0106)'],
    ['4100 0000 0000 5000', '3-D Secure challenge: complete or fail it (also 5100 0000 0000 5007, 3528 0000 0000 5006); saved in setup mode, asks again on each payment'],
    ['4100 0000 0050 0000', '3-D Secure that fails on the return'],
    ['4100 0000 0030 0005', '3-D Secure challenge that fails'],
    ['4123 1111 1111 1000', 'Declined: insufficient funds'],
    ['4123 1111 1111 1018', 'Declined: over the limit'],
    ['4123 1111 1111 1034', 'Declined: wrong security code'],
    ['4123 1111 1111 1042', 'Declined: card expired'],
    ['4123 1111 1111 1059', 'Declined: card cannot be used'],
    ['4123 1111 1111 1075', 'Declined: invalid card'],
  ],
  univapay: [
    ['4000 0200 0000 0000', 'Succeeds (typed into UnivaPay\'s form, or ours with "PCI DSS merchant")'],
    ['4242 4242 4242 4242', 'Succeeds'],
    ['4000 0000 0000 3220', '3-D Secure challenge (our sandbox choice); in setup mode inside UnivaPay\'s form, and again when paying with the saved card'],
    ['4111 1111 1111 1111', 'Declined (any card ending 1111)'],
  ],
  stripe: [
    ['4242 4242 4242 4242', 'Visa: succeeds'],
    ['4000 0027 6000 3184', '3-D Secure every time: complete or fail it'],
    ['4000 0025 0000 3155', '3-D Secure unless set up: save it in setup mode'],
    ['4000 0000 0000 3220', '3-D Secure 2: complete or fail it'],
    ['4000 0000 0000 0002', 'Declined'],
    ['4000 0000 0000 9995', 'Declined: insufficient funds'],
    ['4000 0000 0000 0069', 'Declined: card expired'],
    ['4000 0000 0000 0127', 'Declined: wrong security code'],
  ],
  payjp: [
    ['4242 4242 4242 4242', 'Visa: succeeds (sandbox-only cards: PAY.JP publishes none for v2)'],
    ['4000 0000 0000 3220', '3-D Secure every time: complete or fail it'],
    ['4000 0000 0000 0002', 'Declined'],
    ['4000 0000 0000 0069', 'Declined: card expired'],
    ['4000 0000 0000 0341', 'Saves in setup mode; every payment with it is declined'],
  ],
  paymentoptions: [
    ['4000 0000 0000 1091', 'Visa: succeeds (typed on the hosted page; sandbox-only cards)'],
    ['5200 0000 0000 1005', 'Mastercard: succeeds'],
    ['4000 0025 0000 3155', '3-D Secure: complete or fail it'],
    ['4000 0000 0000 0002', 'Declined (do not honour)'],
    ['4000 0000 0000 9995', 'Declined: insufficient funds'],
  ],
};

const DARK = {
  '--kessai-color-background': '#141824',
  '--kessai-color-surface': '#1c2130',
  '--kessai-color-text': '#e8ebf2',
  '--kessai-color-text-muted': '#a7afc2',
  '--kessai-color-border': '#3a4256',
  '--kessai-color-danger': '#ff8a8f',
};

const form = document.getElementById('controls');
const checkoutHost = document.getElementById('checkout-host');
const log = document.getElementById('event-log');

function renderTestCards(provider) {
  const body = document.querySelector('#test-cards tbody');
  body.replaceChildren(
    ...(TEST_CARDS[provider] ?? []).map(([number, meaning]) => {
      const row = document.createElement('tr');
      const n = document.createElement('td');
      const code = document.createElement('code');
      code.textContent = number;
      n.append(code);
      const m = document.createElement('td');
      m.textContent = meaning;
      row.append(n, m);
      return row;
    }),
  );
}

function applyTheme() {
  const data = new FormData(form);
  for (const scope of document.querySelectorAll('.theme-scope')) {
    scope.style.setProperty('--kessai-color-primary', String(data.get('primary')));
    scope.style.setProperty('--kessai-radius', `${data.get('radius')}px`);
    scope.style.setProperty('--kessai-font-size', `${data.get('fontSize')}px`);
    const dark = data.get('scheme') === 'dark';
    for (const [name, value] of Object.entries(DARK)) {
      if (dark) scope.style.setProperty(name, value);
      else scope.style.removeProperty(name);
    }
    scope.classList.toggle('dark', dark);
  }
  // The checkout at a phone's width, as designers check it: the host narrows, the page does not.
  const width = String(data.get('width') ?? '');
  checkoutHost.style.maxWidth = width ? `${width}px` : '';
}

function applyLocale() {
  const locale = String(new FormData(form).get('locale'));
  document.documentElement.lang = locale;
  // Gallery tiles that show one language on purpose keep it (`data-fixed-locale`).
  for (const el of document.querySelectorAll(
    ':is(kessai-checkout, kessai-card-fields, kessai-konbini-fields, kessai-konbini-slip):not([data-fixed-locale])',
  )) {
    el.setAttribute('locale', locale);
  }
}

// The chosen provider lives in the address (`?provider=univapay&pci=1`) so that it survives the round
// trip through 3-D Secure: the checkout returns to this URL and resumes the payment it started.
function providerFromAddress() {
  const params = new URLSearchParams(location.search);
  const wanted = params.get('provider');
  const radio = wanted ? form.querySelector(`input[name="provider"][value="${CSS.escape(wanted)}"]`) : null;
  if (radio) radio.checked = true;
  form.elements.namedItem('pci').checked = params.get('pci') === '1';
  const mode = form.querySelector(`input[name="mode"][value="${params.get('mode') === 'setup' ? 'setup' : 'payment'}"]`);
  if (mode) mode.checked = true;
}

function rememberProvider(provider, pci, mode) {
  const url = new URL(location.href);
  url.searchParams.set('provider', provider);
  if (pci) url.searchParams.set('pci', '1');
  else url.searchParams.delete('pci');
  if (mode === 'setup') url.searchParams.set('mode', 'setup');
  else url.searchParams.delete('mode');
  history.replaceState(history.state, '', url);
}

/** Setup mode (saving a card) is offered by the providers that support it. */
const SETUP_PROVIDERS = new Set(['stripe', 'payjp', 'univapay', 'komoju']);

/** UnivaPay takes cards in its inline form unless the merchant is PCI DSS compliant (`/api/univapay-pci`). */
function endpointOf(provider, pci) {
  return provider === 'univapay' && pci ? '/api/univapay-pci' : `/api/${provider}`;
}

function mountCheckout() {
  const provider = String(new FormData(form).get('provider'));
  const pciBox = form.elements.namedItem('pci');
  pciBox.disabled = provider !== 'univapay';
  const pci = !pciBox.disabled && pciBox.checked;
  const setupBox = form.querySelector('input[name="mode"][value="setup"]');
  setupBox.disabled = !SETUP_PROVIDERS.has(provider);
  if (setupBox.disabled && setupBox.checked) form.querySelector('input[name="mode"][value="payment"]').checked = true;
  const mode = String(new FormData(form).get('mode'));
  rememberProvider(provider, pci, mode);
  renderTestCards(provider);
  const checkout = document.createElement('kessai-checkout');
  checkout.setAttribute('endpoint', endpointOf(provider, pci));
  if (mode === 'setup') checkout.setAttribute('mode', 'setup');
  checkout.context = { cart: 'demo-cart-1' };
  checkoutHost.replaceChildren(checkout);
  applyLocale();
}

const EVENTS = [
  'kessai-ready',
  'kessai-change',
  'kessai-submit',
  'kessai-redirect',
  'kessai-success',
  'kessai-pending',
  'kessai-error',
];
for (const type of EVENTS) {
  checkoutHost.addEventListener(type, (event) => {
    const item = document.createElement('li');
    const name = document.createElement('strong');
    name.textContent = type;
    const detail = document.createElement('code');
    detail.textContent = JSON.stringify(event.detail);
    item.append(name, ' ', detail);
    log.prepend(item);
    while (log.children.length > 30) log.lastElementChild?.remove();
  });
}

form.addEventListener('change', (event) => {
  const name = event.target?.name;
  if (name === 'provider' || name === 'pci' || name === 'mode') mountCheckout();
  else if (name === 'locale') applyLocale();
  else applyTheme();
});
form.addEventListener('input', applyTheme);

// ---- Orders: what the shop learnt from its webhooks ----------------------------------------------

const ORDER_TIME = new Intl.DateTimeFormat('ja-JP', {
  timeZone: 'Asia/Tokyo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});
const YEN = new Intl.NumberFormat('ja-JP', { style: 'currency', currency: 'JPY' });

function cell(text) {
  const td = document.createElement('td');
  td.textContent = text;
  return td;
}

async function refreshOrders() {
  try {
    const response = await fetch('/demo/orders', { cache: 'no-store' });
    if (!response.ok) return;
    const { orders } = await response.json();
    const body = document.querySelector('#orders tbody');
    body.replaceChildren(
      ...orders.map((order) => {
        const row = document.createElement('tr');
        const status = cell(order.status);
        status.className = `order-status ${order.status}`;
        status.title = order.history.join('\n');
        row.append(
          cell(order.orderId),
          cell(order.provider),
          cell(order.method ?? '—'),
          status,
          cell(order.currency === 'JPY' ? YEN.format(order.amount) : `${order.amount} ${order.currency}`),
          cell(ORDER_TIME.format(new Date(order.updatedAt))),
        );
        return row;
      }),
    );
    document.getElementById('orders-empty').hidden = orders.length > 0;
  } catch {
    // The demo server went away: try again at the next tick.
  }
}
refreshOrders();
setInterval(refreshOrders, 2000);

// ---- Gallery: each element alone, in its states, from fixed data --------------------------------

const STORES = ['seven-eleven', 'family-mart', 'lawson', 'ministop', 'daily-yamazaki', 'seicomart'];
const SAMPLE_NUMBERS = {
  'seven-eleven': ['1234567890123', undefined],
  'family-mart': ['12345-123456789012', undefined],
  lawson: ['12345678901', '1111'],
  ministop: ['12345678901', '2222'],
  'daily-yamazaki': ['123456789012', undefined],
  seicomart: ['987654321098', undefined],
};

function tile(title, element) {
  const figure = document.createElement('figure');
  figure.className = 'tile';
  const caption = document.createElement('figcaption');
  caption.textContent = title;
  figure.append(caption, element);
  return figure;
}

function deadlineInDays(days) {
  const d = new Date(Date.now() + days * 86_400_000);
  // 23:59:59 JST of that day, the usual konbini deadline.
  const jst = new Date(d.getTime() + 9 * 3_600_000);
  return new Date(
    Date.UTC(jst.getUTCFullYear(), jst.getUTCMonth(), jst.getUTCDate(), 14, 59, 59),
  ).toISOString();
}

function buildGallery() {
  const gallery = document.getElementById('gallery');
  const tiles = [];

  tiles.push(tile('Card fields: empty', document.createElement('kessai-card-fields')));
  const withErrors = document.createElement('kessai-card-fields');
  tiles.push(tile('Card fields: errors shown on submit', withErrors));
  customElements.whenDefined('kessai-card-fields').then(async () => {
    await withErrors.updateComplete;
    // collect() moves focus to the first invalid field, as it should on a real submit; the gallery
    // only wants the errors, so it gives focus back and keeps the page where it was.
    const { scrollX, scrollY } = window;
    withErrors.collect();
    withErrors.blur();
    window.scrollTo(scrollX, scrollY);
  });

  // A store that takes Visa, Mastercard and JCB only (the session's cardBrands): an American Express
  // number is refused, the error naming the three.
  const narrow = document.createElement('kessai-card-fields');
  narrow.brands = ['visa', 'mastercard', 'jcb'];
  tiles.push(tile('Card fields: a brand the store does not take', narrow));
  customElements.whenDefined('kessai-card-fields').then(async () => {
    await narrow.updateComplete;
    const number = narrow.shadowRoot.querySelector('input[autocomplete="cc-number"]');
    number.value = '3782 822463 10005';
    number.dispatchEvent(new Event('input', { bubbles: true }));
    number.dispatchEvent(new FocusEvent('blur'));
  });

  tiles.push(tile('Konbini fields', document.createElement('kessai-konbini-fields')));

  for (const locale of ['ja', 'en']) {
    for (const store of STORES) {
      const [paymentNumber, confirmationNumber] = SAMPLE_NUMBERS[store];
      const slip = document.createElement('kessai-konbini-slip');
      slip.setAttribute('locale', locale);
      slip.dataset.fixedLocale = '';
      slip.slip = {
        store,
        paymentNumber,
        ...(confirmationNumber ? { confirmationNumber } : {}),
        amount: 1980,
        currency: 'JPY',
        expiresAt: deadlineInDays(3),
        ...(store === 'seven-eleven' || store === 'lawson'
          ? { slipUrl: 'https://example.com/slip/demo' }
          : {}),
      };
      tiles.push(tile(`Slip: ${store} (${locale})`, slip));
    }
  }
  const expired = document.createElement('kessai-konbini-slip');
  expired.slip = {
    store: 'lawson',
    paymentNumber: '12345678901',
    confirmationNumber: '1111',
    amount: 1980,
    currency: 'JPY',
    expiresAt: new Date(Date.now() - 3_600_000).toISOString(),
  };
  tiles.push(tile('Slip: expired', expired));

  gallery.replaceChildren(...tiles);
}

providerFromAddress();
mountCheckout();
applyTheme();
buildGallery();
applyLocale();
