import { html, htmlHeaders } from '../../shared/html.ts';
import type { PayjpContext } from '../context.ts';

/**
 * The document inside the payment form's one iframe (`<basePath>/payments-js/form?origin&key&locale
 * &theme&variables&billing#<client secret>`, put there by the payments.js stand-in, `payments-js.ts`):
 * card number, expiry and CVC (and the billing fields the form's `fields.billingDetails` asks for) on
 * the sandbox's origin. On the page's `confirm` message it confirms the flow itself (`POST
 * <basePath>/v2/{payment_flows|setup_flows}/{id}/confirm` with the public key, a same-origin call), so
 * card digits never reach the merchant's page: the page is told only where to go next, or the error.
 *
 * Served under a strict CSP (`script-src 'self'`, no inline script or style, Trusted Types required,
 * `connect-src 'self'`), framed only by the page origin it was opened for. `appearance` is applied with
 * the CSSOM (custom properties on the root). The client secret travels in the fragment, so it is never
 * sent to the server with the frame's URL.
 */

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

const LABELS = {
  ja: { tab: 'カード', number: 'カード番号', expiry: '有効期限', cvc: 'セキュリティコード', name: 'カード名義', email: 'メールアドレス', phone: '電話番号', title: 'カード情報の入力' },
  en: { tab: 'Card', number: 'Card number', expiry: 'Expiration date', cvc: 'Security code', name: 'Name on card', email: 'Email', phone: 'Phone', title: 'Card details' },
} as const;

type Billing = 'name' | 'email' | 'phone';

/** Which billing fields show: `fields.billingDetails` `never` hides them, `auto` (the default) shows the email (UNCONFIRMED: what PAY.JP's form shows). */
function billingFields(raw: string | null): Billing[] {
  if (raw === 'never') return [];
  if (!raw || raw === 'auto') return ['email'];
  try {
    const parsed = JSON.parse(raw) as Record<string, unknown>;
    return (['name', 'email', 'phone'] as const).filter((f) => parsed[f] === 'auto');
  } catch {
    return ['email'];
  }
}

/** `GET <basePath>/payments-js/form`. */
export function renderFormFrame(ctx: PayjpContext, request: Request): Response {
  const query = new URL(request.url).searchParams;
  const origin = pageOriginOf(query.get('origin'));
  const key = query.get('key') ?? '';
  const base = ctx.options.basePath;
  if (!origin || !/^pk_(test|live)_[A-Za-z0-9]{8,200}$/.test(key)) {
    return new Response('Bad payment form frame request.', { status: 400, headers: frameHeaders(null) });
  }
  const locale = query.get('locale') === 'en' ? 'en' : 'ja';
  const l = LABELS[locale];
  const theme = query.get('theme') === 'dark' ? 'dark' : 'payjp';
  const variables = (query.get('variables') ?? '').slice(0, 2000);
  const billing = billingFields(query.get('billing'));
  const p = ctx.options.returnParams;
  const field = (name: string, label: string, attrs: { autocomplete: string; inputmode: string; placeholder: string }) =>
    html`<div class="field" data-field="${name}"><label for="${name}">${label}</label><input id="${name}" name="${name}" type="text" inputmode="${attrs.inputmode}" autocomplete="${attrs.autocomplete}" placeholder="${attrs.placeholder}" spellcheck="false" autocorrect="off" aria-describedby="${name}-error"><p class="error" id="${name}-error" role="alert" hidden></p></div>`;
  const page = html`<!doctype html>
<html lang="${locale}" data-theme="${theme}">
<head>
<meta charset="utf-8">
<meta name="robots" content="noindex">
<title>${l.title}</title>
<link rel="stylesheet" href="${base}/payments-js/form.css">
<script src="${base}/payments-js/form.js" defer></script>
</head>
<body>
<form id="form" novalidate data-origin="${origin}" data-key="${key}" data-locale="${locale}" data-api="${base}/v2" data-variables="${variables}" data-return-params="${JSON.stringify(p)}">
<div class="tabs" role="tablist"><button type="button" role="tab" aria-selected="true" class="tab">${l.tab}</button></div>
${field('number', l.number, { autocomplete: 'cc-number', inputmode: 'numeric', placeholder: '1234 1234 1234 1234' })}
<div class="row">
${field('expiry', l.expiry, { autocomplete: 'cc-exp', inputmode: 'numeric', placeholder: 'MM / YY' })}
${field('cvc', l.cvc, { autocomplete: 'cc-csc', inputmode: 'numeric', placeholder: '123' })}
</div>
${billing.includes('name') ? field('name', l.name, { autocomplete: 'cc-name', inputmode: 'text', placeholder: '' }) : ''}
${billing.includes('email') ? field('email', l.email, { autocomplete: 'email', inputmode: 'email', placeholder: 'taro@example.jp' }) : ''}
${billing.includes('phone') ? field('phone', l.phone, { autocomplete: 'tel', inputmode: 'tel', placeholder: '+819012345678' }) : ''}
</form>
</body>
</html>
`;
  return new Response(page.value, { status: 200, headers: frameHeaders(origin) });
}

export const FORM_CSS = `
:root { --p-primary: #0f6ecd; --p-background: #ffffff; --p-text: #1a1a1a; --p-danger: #d32f2f; --p-font: system-ui, "Hiragino Sans", "Noto Sans JP", sans-serif; --p-size: 16px; --p-border: #c9ced6; }
:root[data-theme="dark"] { --p-primary: #6aa9ff; --p-background: #1f2329; --p-text: #f2f4f7; --p-danger: #ff6b6b; --p-border: #4a515c; }
html, body { margin: 0; padding: 0; background: transparent; }
form { padding: 2px; font-family: var(--p-font); font-size: var(--p-size); color: var(--p-text); }
.tabs { display: flex; gap: 8px; margin-bottom: 12px; }
.tab { font: inherit; font-size: .875em; padding: 6px 12px; border-radius: 6px; border: 2px solid var(--p-primary); background: var(--p-background); color: var(--p-text); }
.row { display: flex; gap: 12px; }
.row .field { flex: 1; min-width: 0; }
.field { margin-bottom: 12px; }
label { display: block; font-size: .875em; margin-bottom: 4px; }
input { box-sizing: border-box; width: 100%; font: inherit; color: var(--p-text); background: var(--p-background); border: 1px solid var(--p-border); border-radius: 6px; padding: 10px 12px; }
input:focus { outline: 2px solid var(--p-primary); outline-offset: 0; border-color: var(--p-primary); }
input[aria-invalid="true"] { border-color: var(--p-danger); }
.error { color: var(--p-danger); font-size: .8125em; margin: 4px 0 0; }
`;

/** The frame's script. Plain browser JavaScript, no HTML strings, no eval. */
export const FORM_JS = String.raw`/* PAY.JP payments.js form stand-in (kessai-elements sandbox). Not PAY.JP's code. */
(function () {
  'use strict';
  var form = document.getElementById('form');
  if (!form) return;
  var cfg = form.dataset;
  var PAGE_ORIGIN = cfg.origin;
  var parentWindow = window.parent;
  var ancestors = location.ancestorOrigins;
  var embedded = parentWindow !== window && (!ancestors || ancestors.length === 0 || ancestors[0] === PAGE_ORIGIN);
  var CLIENT_SECRET = decodeURIComponent(location.hash.slice(1));
  history.replaceState(null, '', location.pathname + location.search);
  var KIND = /^sflw_/.test(CLIENT_SECRET) ? 'setup_flows' : 'payment_flows';
  var RETURN = JSON.parse(cfg.returnParams || '{}');
  var AUTH = 'Basic ' + btoa(cfg.key + ':');
  var M = {
    ja: { number_empty: 'カード番号を入力してください。', number_invalid: 'カード番号が正しくありません。', expiry_empty: '有効期限を入力してください。', expiry_invalid: '有効期限が正しくありません。', expiry_past: '有効期限が過ぎています。', cvc_empty: 'セキュリティコードを入力してください。', cvc_invalid: 'セキュリティコードが正しくありません。', email_invalid: 'メールアドレスが正しくありません。', name_empty: 'カード名義を入力してください。', phone_invalid: '電話番号が正しくありません。', summary: '入力内容を確認してください。', network: 'PAY.JP サンドボックスに接続できませんでした。' },
    en: { number_empty: 'Enter the card number.', number_invalid: 'The card number is invalid.', expiry_empty: 'Enter the expiration date.', expiry_invalid: 'The expiration date is invalid.', expiry_past: 'The card has expired.', cvc_empty: 'Enter the security code.', cvc_invalid: 'The security code is invalid.', email_invalid: 'The email address is invalid.', name_empty: 'Enter the name on the card.', phone_invalid: 'The phone number is invalid.', summary: 'Check the card details.', network: 'Could not reach the PAY.JP sandbox.' }
  }[cfg.locale === 'en' ? 'en' : 'ja'];
  var inputs = {};
  ['number', 'expiry', 'cvc', 'name', 'email', 'phone'].forEach(function (n) { var el = document.getElementById(n); if (el) inputs[n] = el; });
  var flowId = null;

  function post(message) { if (embedded) parentWindow.postMessage(message, PAGE_ORIGIN); }
  function digits(v) { return v.replace(/\D/g, ''); }
  function brandOf(d) {
    if (/^3[47]/.test(d)) return 'amex';
    if (/^3(0[0-5]|095|6|[89])/.test(d)) return 'diners';
    return 'other';
  }
  function luhn(d) {
    var sum = 0;
    for (var i = 0; i < d.length; i++) { var x = d.charCodeAt(d.length - 1 - i) - 48; if (i % 2) { x *= 2; if (x > 9) x -= 9; } sum += x; }
    return sum % 10 === 0;
  }
  function wantLength(d) { var b = brandOf(d); return b === 'amex' ? 15 : b === 'diners' ? 14 : 16; }

  function format(name) {
    var el = inputs[name];
    var d = digits(el.value);
    if (name === 'number') {
      d = d.slice(0, wantLength(d));
      el.value = d.replace(/(\d{4})(?=\d)/g, '$1 ');
    } else if (name === 'expiry') {
      if (d.length === 1 && Number(d) > 1) d = '0' + d;
      d = d.slice(0, 4);
      el.value = d.length > 2 ? d.slice(0, 2) + ' / ' + d.slice(2) : d;
    } else if (name === 'cvc') el.value = d.slice(0, 4);
  }

  /** Errors by field: null when the field is fine. */
  function check(name) {
    var v = inputs[name].value.trim();
    var d = digits(v);
    if (name === 'number') return !d ? 'number_empty' : d.length !== wantLength(d) || !luhn(d) ? 'number_invalid' : null;
    if (name === 'expiry') {
      if (!d) return 'expiry_empty';
      if (d.length !== 4) return 'expiry_invalid';
      var m = Number(d.slice(0, 2)), y = 2000 + Number(d.slice(2));
      if (m < 1 || m > 12) return 'expiry_invalid';
      var now = new Date();
      if (y < now.getFullYear() || (y === now.getFullYear() && m < now.getMonth() + 1)) return 'expiry_past';
      return null;
    }
    if (name === 'cvc') return !d ? 'cvc_empty' : d.length < 3 ? 'cvc_invalid' : null;
    if (name === 'email') return v && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v) ? 'email_invalid' : null;
    if (name === 'name') return null;
    if (name === 'phone') return v && !/^\+?\d{10,15}$/.test(v.replace(/[\s-]/g, '')) ? 'phone_invalid' : null;
    return null;
  }
  function show(name, code) {
    var el = inputs[name];
    var p = document.getElementById(name + '-error');
    el.setAttribute('aria-invalid', code ? 'true' : 'false');
    if (p) { p.textContent = code ? M[code] : ''; p.hidden = !code; }
  }

  var touched = {};
  var last = null;
  function report() {
    var empty = !inputs.number.value && !inputs.expiry.value && !inputs.cvc.value;
    var complete = ['number', 'expiry', 'cvc'].every(function (n) { return !check(n); }) &&
      Object.keys(inputs).every(function (n) { return !check(n); });
    var key = empty + ':' + complete;
    if (key === last) return;
    last = key;
    post({ type: 'change', empty: empty, complete: complete, value: { type: 'card' } });
  }

  Object.keys(inputs).forEach(function (name) {
    var el = inputs[name];
    el.addEventListener('input', function () { format(name); if (touched[name]) show(name, check(name)); report(); });
    el.addEventListener('focus', function () { post({ type: 'focus' }); });
    el.addEventListener('blur', function () { if (el.value) { touched[name] = true; show(name, check(name)); } post({ type: 'blur' }); });
  });

  function applyAppearance(theme, variables) {
    var root = document.documentElement;
    root.setAttribute('data-theme', theme === 'dark' ? 'dark' : 'payjp');
    var map = { colorPrimary: '--p-primary', colorBackground: '--p-background', colorText: '--p-text', colorDanger: '--p-danger', fontFamily: '--p-font', fontSizeBase: '--p-size' };
    for (var k in map) root.style.removeProperty(map[k]);
    if (!variables || typeof variables !== 'object') return;
    for (var key in map) {
      var value = variables[key];
      if (typeof value === 'string' && value.length < 200 && !/[;{}<>]/.test(value)) root.style.setProperty(map[key], value);
    }
  }
  var initialVariables = null;
  try { initialVariables = cfg.variables ? JSON.parse(cfg.variables) : null; } catch (e) { initialVariables = null; }
  applyAppearance(document.documentElement.getAttribute('data-theme'), initialVariables);

  function api(method, path, body) {
    var init = { method: method, credentials: 'omit', headers: { Accept: 'application/json', Authorization: AUTH } };
    if (body) { init.headers['Content-Type'] = 'application/json'; init.body = JSON.stringify(body); }
    return fetch(cfg.api + path, init).then(function (response) {
      return response.json().then(function (json) { return { status: response.status, ok: response.ok, body: json }; });
    });
  }
  function findFlow() {
    if (flowId) return Promise.resolve(flowId);
    return api('GET', '/' + KIND + '?client_secret=' + encodeURIComponent(CLIENT_SECRET)).then(function (answer) {
      var flow = answer.ok && answer.body && answer.body.data && answer.body.data[0];
      if (!flow) throw { type: 'api_error', code: 'not_found', message: 'No flow has this client secret.' };
      flowId = flow.id;
      return flowId;
    });
  }
  function withParams(url, flow) {
    var u = new URL(url);
    var setup = KIND === 'setup_flows';
    u.searchParams.append(setup ? RETURN.setupFlowId : RETURN.paymentFlowId, flow.id);
    u.searchParams.append(setup ? RETURN.setupFlowClientSecret : RETURN.paymentFlowClientSecret, flow.client_secret);
    return u.href;
  }
  function errorOf(answer) {
    var b = answer.body || {};
    if (answer.status === 402) return { type: 'payment_error', code: b.type || 'card_declined', message: b.detail || undefined };
    if (answer.status === 422) return { type: 'validation_error', code: 'validation_error', message: b.detail || undefined, validationErrors: b.errors || [] };
    return { type: 'api_error', code: b.type || 'internal_server_error', message: b.detail || undefined };
  }

  function confirm(request) {
    var codes = {};
    var validation = [];
    Object.keys(inputs).forEach(function (n) {
      touched[n] = true;
      var c = check(n);
      show(n, c);
      if (c) { codes[n] = c; validation.push({ field: n, message: M[c], error_type: c }); }
    });
    if (validation.length) {
      post({ type: 'result', id: request.id, error: { type: 'validation_error', code: 'validation_error', message: M.summary, validationErrors: validation } });
      return;
    }
    var exp = digits(inputs.expiry.value);
    var billing = request.billingDetails && typeof request.billingDetails === 'object' ? request.billingDetails : {};
    var details = {};
    for (var k in billing) details[k] = billing[k];
    if (inputs.name && inputs.name.value) details.name = inputs.name.value.trim();
    if (inputs.email && inputs.email.value) details.email = inputs.email.value.trim();
    if (inputs.phone && inputs.phone.value) details.phone = inputs.phone.value.trim();
    findFlow().then(function (id) {
      return api('POST', '/' + KIND + '/' + encodeURIComponent(id) + '/confirm', {
        client_secret: CLIENT_SECRET,
        return_url: request.returnUrl,
        payment_method_data: { type: 'card', card: { number: digits(inputs.number.value), exp_month: Number(exp.slice(0, 2)), exp_year: 2000 + Number(exp.slice(2)), cvc: digits(inputs.cvc.value) }, billing_details: details }
      });
    }).then(function (answer) {
      if (!answer.ok) { post({ type: 'result', id: request.id, error: errorOf(answer) }); return; }
      var flow = answer.body;
      var action = flow.next_action && flow.next_action.redirect_to_url;
      if (flow.status === 'requires_action' && action && action.url) post({ type: 'navigate', id: request.id, url: action.url });
      else if (flow.status === 'succeeded' || flow.status === 'processing' || flow.status === 'requires_capture') post({ type: 'navigate', id: request.id, url: withParams(request.returnUrl, flow) });
      else post({ type: 'result', id: request.id, error: { type: 'api_error', code: 'invalid_status', message: 'The flow is ' + flow.status + '.' } });
    }).catch(function (error) {
      post({ type: 'result', id: request.id, error: error && error.type ? error : { type: 'api_error', code: 'internal_server_error', message: M.network } });
    });
  }

  window.addEventListener('message', function (event) {
    if (!embedded || event.origin !== PAGE_ORIGIN || event.source !== parentWindow) return;
    var data = event.data;
    if (!data || typeof data !== 'object' || typeof data.type !== 'string') return;
    if (data.type === 'confirm' && typeof data.id === 'string' && typeof data.returnUrl === 'string') confirm(data);
    else if (data.type === 'appearance') applyAppearance(data.theme, data.variables);
    else if (data.type === 'focus' && inputs.number) inputs.number.focus();
  });

  function reportHeight() { post({ type: 'height', height: Math.ceil(document.documentElement.getBoundingClientRect().height) }); }
  if (window.ResizeObserver) new ResizeObserver(reportHeight).observe(document.documentElement);
  reportHeight();
  findFlow().catch(function () { return null; }).then(function () { post({ type: 'ready' }); });
})();
`;
