import { html, htmlHeaders } from '../../shared/html.ts';
import type { StripeContext } from '../context.ts';

/**
 * The document inside each Element's iframe (`<basePath>/v3/elements-inner-card?…`, put there by the
 * Stripe.js stand-in, `stripe-js.ts`), its script and stylesheet. One input per frame (`cardNumber`,
 * `cardExpiry`, `cardCvc`). The frames of one `elements()` group talk to each other on the sandbox's
 * origin only (a `BroadcastChannel` named after the group): the number frame collects the expiry and
 * CVC from its siblings and creates the PaymentMethod itself (`POST <basePath>/v1/payment_methods`
 * with the publishable key, a same-origin call), so card data never reaches the merchant's page: the
 * page gets the `pm_…` object only.
 *
 * Served under a strict CSP (`script-src 'self'`, no inline script or style, Trusted Types required,
 * `connect-src 'self'`), framed only by the page origin it was opened for (`frame-ancestors`). The
 * `style` option is applied with the CSSOM (`element.style`, `insertRule` on its own stylesheet).
 */

type ElementType = 'cardNumber' | 'cardExpiry' | 'cardCvc';
const TYPES: readonly ElementType[] = ['cardNumber', 'cardExpiry', 'cardCvc'];

const AUTOCOMPLETE: Readonly<Record<ElementType, string>> = { cardNumber: 'cc-number', cardExpiry: 'cc-exp', cardCvc: 'cc-csc' };
const LABELS: Readonly<Record<'en' | 'ja', Readonly<Record<ElementType, string>>>> = {
  en: { cardNumber: 'Credit or debit card number', cardExpiry: 'Credit or debit card expiration date', cardCvc: 'Credit or debit card CVC/CVV' },
  ja: { cardNumber: 'クレジットカードまたはデビットカードの番号', cardExpiry: 'クレジットカードまたはデビットカードの有効期限', cardCvc: 'クレジットカードまたはデビットカードのセキュリティコード' },
};
const PLACEHOLDERS: Readonly<Record<'en' | 'ja', Readonly<Record<ElementType, string>>>> = {
  en: { cardNumber: '1234 1234 1234 1234', cardExpiry: 'MM / YY', cardCvc: 'CVC' },
  ja: { cardNumber: '1234 1234 1234 1234', cardExpiry: 'MM / YY', cardCvc: 'セキュリティコード' },
};

function pageOriginOf(value: string | null): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value ? value : null;
  } catch {
    return null;
  }
}

function frameHeaders(frameAncestor: string | null): Record<string, string> {
  return htmlHeaders([
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "connect-src 'self'",
    "img-src 'self' data:",
    "form-action 'none'",
    "base-uri 'none'",
    `frame-ancestors ${frameAncestor ?? "'none'"}`,
    "require-trusted-types-for 'script'",
    "trusted-types 'none'",
  ]);
}

/** `GET <basePath>/v3/elements-inner-card?type&group&origin&key&locale&style&placeholder&showIcon&disabled`. */
export function renderElementFrame(ctx: StripeContext, request: Request): Response {
  const query = new URL(request.url).searchParams;
  const type = query.get('type') as ElementType;
  const origin = pageOriginOf(query.get('origin'));
  const group = query.get('group') ?? '';
  const key = query.get('key') ?? '';
  const base = ctx.options.basePath;
  if (!TYPES.includes(type) || !origin || !/^[A-Za-z0-9_-]{8,64}$/.test(group) || !/^pk_[A-Za-z0-9_]{8,250}$/.test(key)) {
    return new Response('Bad element frame request.', { status: 400, headers: frameHeaders(null) });
  }
  const locale = /^ja/i.test(query.get('locale') ?? '') ? 'ja' : 'en';
  const bounded = (name: string, max: number) => {
    const value = query.get(name);
    return value !== null && value.length <= max ? value : '';
  };
  const page = html`<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="robots" content="noindex">
<title>Secure card input frame</title>
<link rel="stylesheet" href="${base}/v3/elements-inner-card.css">
<script src="${base}/v3/elements-inner-card.js" defer></script>
</head>
<body>
<div class="field" id="field" data-element-type="${type}" data-origin="${origin}" data-group="${group}" data-key="${key}" data-locale="${locale}" data-api="${base}/v1" data-style="${bounded('style', 4000)}" data-placeholder="${bounded('placeholder', 200)}" data-show-icon="${query.get('showIcon') === 'true' ? 'true' : 'false'}" data-disabled="${query.get('disabled') === 'true' ? 'true' : 'false'}">
<span class="brand" id="brand" aria-hidden="true" hidden></span>
<input id="input" name="${type}" type="text" inputmode="numeric" autocomplete="${AUTOCOMPLETE[type]}" aria-label="${LABELS[locale][type]}" placeholder="${PLACEHOLDERS[locale][type]}" spellcheck="false" autocorrect="off">
</div>
</body>
</html>
`;
  return new Response(page.value, { status: 200, headers: frameHeaders(origin) });
}

export const ELEMENT_CSS = `
html, body { margin: 0; padding: 0; background: transparent; overflow: hidden; }
.field { display: flex; align-items: center; gap: 8px; font: 16px/1.2 system-ui, "Hiragino Sans", "Noto Sans JP", sans-serif; }
input { flex: 1; min-width: 0; border: 0; outline: 0; padding: 0; margin: 0; background: transparent; font: inherit; color: inherit; line-height: 1.2em; height: 1.2em; }
.brand { font-size: 11px; font-weight: 700; letter-spacing: .02em; min-width: 2.4em; text-transform: uppercase; }
`;

/** The frame's script. Plain browser JavaScript, no HTML strings, no eval. */
export const ELEMENT_JS = `/* Stripe Elements frame stand-in (kessai-elements sandbox). Not Stripe's code. */
(function () {
  'use strict';
  var field = document.getElementById('field');
  var input = document.getElementById('input');
  var brandBadge = document.getElementById('brand');
  if (!field || !input) return;
  var cfg = field.dataset;
  var TYPE = cfg.elementType;
  var PAGE_ORIGIN = cfg.origin;
  var parentWindow = window.parent;
  var ancestors = location.ancestorOrigins;
  var embedded = parentWindow !== window && (!ancestors || ancestors.length === 0 || ancestors[0] === PAGE_ORIGIN);
  var channel = new BroadcastChannel('kessai-stripe-elements-' + cfg.group);
  var MESSAGES = {
    en: {
      incomplete_number: 'Your card number is incomplete.',
      invalid_number: 'Your card number is invalid.',
      incomplete_expiry: "Your card's expiration date is incomplete.",
      invalid_expiry_month: "Your card's expiration month is invalid.",
      invalid_expiry_year_past: "Your card's expiration year is in the past.",
      invalid_expiry_month_past: "Your card's expiration date is in the past.",
      incomplete_cvc: "Your card's security code is incomplete.",
      missing_element: 'Please fill in the card details.'
    },
    ja: {
      incomplete_number: 'カード番号が不完全です。',
      invalid_number: 'カード番号が無効です。',
      incomplete_expiry: 'カードの有効期限が不完全です。',
      invalid_expiry_month: 'カードの有効期限の月が無効です。',
      invalid_expiry_year_past: 'カードの有効期限の年が過去のものです。',
      invalid_expiry_month_past: 'カードの有効期限が過去のものです。',
      incomplete_cvc: 'カードのセキュリティコードが不完全です。',
      missing_element: 'カード情報を入力してください。'
    }
  }[cfg.locale === 'ja' ? 'ja' : 'en'];
  var brand = 'unknown';
  var siblingBrand = 'unknown';
  var touched = false;
  var deleting = false;
  // No change event before ready, as Stripe's Elements.
  var quiet = true;
  var style = {};
  try { style = cfg.style ? JSON.parse(cfg.style) : {}; } catch (e) { style = {}; }

  function post(message) {
    if (!embedded) return;
    message.elementType = TYPE;
    parentWindow.postMessage(message, PAGE_ORIGIN);
  }

  // ---- brand and validation (Stripe's rules for its card Elements) ----
  function brandOf(digits) {
    if (/^4/.test(digits)) return 'visa';
    if (/^(5[1-5]|2(2[2-9][1-9]|2[3-9]|[3-6]|7[01]|720))/.test(digits)) return 'mastercard';
    if (/^3[47]/.test(digits)) return 'amex';
    if (/^35(2[89]|[3-8])/.test(digits)) return 'jcb';
    if (/^3(0[0-5]|095|6|[89])/.test(digits)) return 'diners';
    if (/^(6011|64[4-9]|65)/.test(digits)) return 'discover';
    if (/^62/.test(digits)) return 'unionpay';
    return 'unknown';
  }
  function numberLength(b) { return b === 'amex' ? 15 : b === 'diners' ? 14 : 16; }
  function luhn(digits) {
    var sum = 0;
    for (var i = 0; i < digits.length; i++) {
      var d = digits.charCodeAt(digits.length - 1 - i) - 48;
      if (i % 2 === 1) { d *= 2; if (d > 9) d -= 9; }
      sum += d;
    }
    return sum % 10 === 0;
  }
  function digitsOf(value) { return value.replace(/\\D/g, ''); }
  function expiryOf(value) {
    var d = digitsOf(value);
    if (d.length === 1 && Number(d) > 1) d = '0' + d;
    return { month: d.slice(0, 2), year: d.slice(2, 4) };
  }
  /** { empty, complete, error: null | code, final: whether the error shows while typing } */
  function state() {
    var value = input.value;
    var d = digitsOf(value);
    if (!d) return { empty: true, complete: false, error: null };
    if (TYPE === 'cardNumber') {
      var want = numberLength(brand);
      if (d.length < want) return { empty: false, complete: false, error: touched ? 'incomplete_number' : null };
      if (!luhn(d)) return { empty: false, complete: false, error: 'invalid_number' };
      return { empty: false, complete: true, error: null };
    }
    if (TYPE === 'cardExpiry') {
      var e = expiryOf(value);
      if (e.month.length === 2 && (Number(e.month) < 1 || Number(e.month) > 12)) return { empty: false, complete: false, error: 'invalid_expiry_month' };
      if (e.year.length < 2) return { empty: false, complete: false, error: touched ? 'incomplete_expiry' : null };
      var now = new Date();
      var year = 2000 + Number(e.year);
      var month = Number(e.month);
      if (year < now.getFullYear()) return { empty: false, complete: false, error: 'invalid_expiry_year_past' };
      if (year === now.getFullYear() && month < now.getMonth() + 1) return { empty: false, complete: false, error: 'invalid_expiry_month_past' };
      return { empty: false, complete: true, error: null };
    }
    var cvcLength = siblingBrand === 'amex' ? 4 : 3;
    if (d.length < cvcLength) return { empty: false, complete: false, error: touched ? 'incomplete_cvc' : null };
    return { empty: false, complete: true, error: null };
  }

  // ---- formatting ----
  function format() {
    var d = digitsOf(input.value);
    var out = d;
    if (TYPE === 'cardNumber') {
      brand = brandOf(d);
      d = d.slice(0, numberLength(brand) === 16 ? 19 : numberLength(brand));
      var groups = brand === 'amex' ? [4, 6, 5] : brand === 'diners' ? [4, 6, 4] : [4, 4, 4, 4, 3];
      var parts = [];
      var at = 0;
      for (var i = 0; i < groups.length && at < d.length; i++) { parts.push(d.slice(at, at + groups[i])); at += groups[i]; }
      out = parts.join(' ');
      channel.postMessage({ type: 'brand', brand: brand });
      if (brandBadge) {
        brandBadge.textContent = brand === 'unknown' ? '' : brand;
        brandBadge.hidden = cfg.showIcon !== 'true' || brand === 'unknown';
      }
    } else if (TYPE === 'cardExpiry') {
      var e = expiryOf(input.value);
      out = e.month;
      if (e.year.length > 0 || (e.month.length === 2 && !deleting)) out += ' / ' + e.year;
    } else {
      out = d.slice(0, 4);
    }
    if (out !== input.value) input.value = out;
  }

  // ---- style option (CSSOM only: no inline style in markup) ----
  var CSS_PROPS = { color: 'color', fontFamily: 'font-family', fontSize: 'font-size', fontWeight: 'font-weight', fontStyle: 'font-style', fontVariant: 'font-variant', letterSpacing: 'letter-spacing', lineHeight: 'line-height', textAlign: 'text-align', textTransform: 'text-transform', textDecoration: 'text-decoration', textShadow: 'text-shadow', backgroundColor: 'background-color', padding: 'padding', iconColor: null, fontSmoothing: null };
  var sheet = null;
  for (var s = 0; s < document.styleSheets.length; s++) sheet = document.styleSheets[s];
  var inserted = 0;
  function declarations(variant) {
    var out = [];
    if (!variant || typeof variant !== 'object') return out;
    for (var key in variant) {
      if (!Object.prototype.hasOwnProperty.call(CSS_PROPS, key) || !CSS_PROPS[key]) continue;
      var value = String(variant[key]);
      if (/[;{}<>]/.test(value)) continue;
      out.push(CSS_PROPS[key] + ': ' + value);
    }
    return out;
  }
  function applyStyle() {
    if (!sheet) return;
    while (inserted > 0) { sheet.deleteRule(sheet.cssRules.length - 1); inserted--; }
    var rules = [
      ['.field', style.base],
      ['.field.is-empty', style.empty],
      ['.field.is-complete', style.complete],
      ['.field.is-invalid', style.invalid]
    ];
    for (var i = 0; i < rules.length; i++) {
      var decl = declarations(rules[i][1]);
      if (rules[i][1] && rules[i][1].iconColor && !/[;{}<>]/.test(String(rules[i][1].iconColor))) decl.push('--icon-color: ' + rules[i][1].iconColor);
      if (decl.length) { sheet.insertRule(rules[i][0] + ' { ' + decl.join('; ') + ' }', sheet.cssRules.length); inserted++; }
      var variant = rules[i][1];
      var pseudo = [['::placeholder', 'input::placeholder'], [':focus', 'input:focus'], [':hover', 'input:hover']];
      for (var p = 0; p < pseudo.length; p++) {
        var inner = variant && variant[pseudo[p][0]];
        var innerDecl = declarations(inner);
        if (innerDecl.length) { sheet.insertRule(rules[i][0] + ' ' + pseudo[p][1] + ' { ' + innerDecl.join('; ') + ' }', sheet.cssRules.length); inserted++; }
      }
    }
    var icon = style.base && style.base.iconColor;
    if (brandBadge && icon && !/[;{}<>]/.test(String(icon))) brandBadge.style.color = String(icon);
  }

  var last = null;
  function report(force) {
    var st = state();
    field.classList.toggle('is-empty', st.empty);
    field.classList.toggle('is-complete', st.complete);
    field.classList.toggle('is-invalid', !!st.error);
    input.setAttribute('aria-invalid', st.error ? 'true' : 'false');
    var event = { type: 'change', empty: st.empty, complete: st.complete, error: st.error ? { type: 'validation_error', code: st.error, message: MESSAGES[st.error] } : undefined };
    if (TYPE === 'cardNumber') event.brand = brand;
    var key = JSON.stringify(event);
    if (!force && key === last) return;
    last = key;
    if (!quiet) post(event);
    channel.postMessage({ type: 'state', elementType: TYPE, complete: st.complete, empty: st.empty });
  }

  function reportHeight() {
    post({ type: 'height', height: Math.ceil(document.documentElement.getBoundingClientRect().height) });
  }

  input.addEventListener('input', function (event) { deleting = /^delete/.test(event.inputType || ''); format(); deleting = false; report(false); });
  input.addEventListener('focus', function () { post({ type: 'focus' }); });
  input.addEventListener('blur', function () { touched = true; report(false); post({ type: 'blur' }); });
  input.addEventListener('keydown', function (event) { if (event.key === 'Escape') post({ type: 'escape' }); });

  // ---- the group's frames, on the sandbox origin only ----
  var pendingCollect = {};
  channel.onmessage = function (event) {
    var data = event.data;
    if (!data || typeof data !== 'object') return;
    if (data.type === 'brand' && TYPE === 'cardCvc') { siblingBrand = data.brand; if (input.value) report(false); }
    if (data.type === 'collect' && TYPE !== 'cardNumber') {
      touched = true;
      var st = state();
      report(true);
      var value = null;
      if (TYPE === 'cardExpiry') { var e = expiryOf(input.value); value = { exp_month: e.month, exp_year: e.year.length === 2 ? '20' + e.year : '' }; }
      else value = { cvc: digitsOf(input.value) };
      channel.postMessage({ type: 'collected', request: data.request, elementType: TYPE, complete: st.complete, error: st.error ? { type: 'validation_error', code: st.error, message: MESSAGES[st.error] } : null, value: value });
    }
    if (data.type === 'collected' && TYPE === 'cardNumber' && pendingCollect[data.request]) pendingCollect[data.request](data);
  };

  function collect() {
    var request = 'c' + Date.now().toString(36) + Math.random().toString(36).slice(2);
    return new Promise(function (resolve) {
      var got = {};
      var timer = setTimeout(function () { delete pendingCollect[request]; resolve(got); }, 2000);
      pendingCollect[request] = function (data) {
        got[data.elementType] = data;
        if (got.cardExpiry && got.cardCvc) { clearTimeout(timer); delete pendingCollect[request]; resolve(got); }
      };
      channel.postMessage({ type: 'collect', request: request });
    });
  }

  function encode(params, prefix, out) {
    for (var key in params) {
      var value = params[key];
      if (value === undefined || value === null || value === '') continue;
      var name = prefix ? prefix + '[' + key + ']' : key;
      if (typeof value === 'object') encode(value, name, out);
      else out.push(encodeURIComponent(name).replace(/%5B/g, '[').replace(/%5D/g, ']') + '=' + encodeURIComponent(String(value)));
    }
    return out;
  }

  function createPaymentMethod(id, billing) {
    touched = true;
    var st = state();
    report(true);
    if (st.error || !st.complete) {
      var code = st.error || 'incomplete_number';
      post({ type: 'payment-method', id: id, error: { type: 'validation_error', code: code, message: MESSAGES[code] } });
      return;
    }
    collect().then(function (got) {
      var order = ['cardExpiry', 'cardCvc'];
      for (var i = 0; i < order.length; i++) {
        var part = got[order[i]];
        if (!part) { post({ type: 'payment-method', id: id, error: { type: 'validation_error', code: 'missing_element', message: MESSAGES.missing_element } }); return; }
        if (part.error || !part.complete) {
          var c = part.error ? part.error.code : order[i] === 'cardExpiry' ? 'incomplete_expiry' : 'incomplete_cvc';
          post({ type: 'payment-method', id: id, error: { type: 'validation_error', code: c, message: MESSAGES[c] } });
          return;
        }
      }
      var body = { type: 'card', card: { number: digitsOf(input.value), exp_month: got.cardExpiry.value.exp_month, exp_year: got.cardExpiry.value.exp_year, cvc: got.cardCvc.value.cvc }, billing_details: billing || undefined, payment_user_agent: 'stripe.js/kessai-sandbox', key: cfg.key };
      return fetch(cfg.api + '/payment_methods', {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        credentials: 'omit',
        body: encode(body, '', []).join('&')
      }).then(function (response) {
        return response.json().then(function (json) {
          if (response.ok) post({ type: 'payment-method', id: id, paymentMethod: json });
          else post({ type: 'payment-method', id: id, error: json && json.error ? json.error : { type: 'api_error', message: 'The sandbox refused the card.' } });
        });
      });
    }).catch(function () {
      post({ type: 'payment-method', id: id, error: { type: 'api_connection_error', message: 'Could not reach the Stripe sandbox.' } });
    });
  }

  window.addEventListener('message', function (event) {
    if (!embedded || event.origin !== PAGE_ORIGIN || event.source !== parentWindow) return;
    var data = event.data;
    if (!data || typeof data !== 'object' || typeof data.type !== 'string') return;
    if (data.type === 'focus') input.focus();
    else if (data.type === 'blur') input.blur();
    else if (data.type === 'clear') { input.value = ''; touched = false; format(); report(true); }
    else if (data.type === 'update' && data.options && typeof data.options === 'object') {
      if (data.options.style) { style = data.options.style; applyStyle(); }
      if (typeof data.options.placeholder === 'string') input.placeholder = data.options.placeholder;
      if (typeof data.options.disabled === 'boolean') input.disabled = data.options.disabled;
      if (typeof data.options.showIcon === 'boolean') { cfg.showIcon = String(data.options.showIcon); format(); }
      reportHeight();
    } else if (data.type === 'create-payment-method' && TYPE === 'cardNumber' && typeof data.id === 'string') {
      createPaymentMethod(data.id, data.billingDetails);
    }
  });

  if (cfg.placeholder) input.placeholder = cfg.placeholder;
  if (cfg.disabled === 'true') input.disabled = true;
  applyStyle();
  format();
  report(true);
  if (window.ResizeObserver) new ResizeObserver(reportHeight).observe(document.documentElement);
  reportHeight();
  post({ type: 'ready' });
  quiet = false;
})();
`;
