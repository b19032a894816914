import { EmulatorApiError } from '../../shared/api-answer.ts';
import { html, htmlHeaders, type SafeHtml } from '../../shared/html.ts';
import { jsonResponse, readRequestBody } from '../../shared/http.ts';
import { originAllowed, verifyAppToken } from '../app-token.ts';
import { createToken, finishTokenChallenge } from '../charge.ts';
import type { UnivapayContext } from '../context.ts';
import { UnivapayApiError, validationError } from '../errors.ts';
import { createTokenSchema, parseBody } from '../schemas.ts';
import { serializeToken } from '../serialize.ts';

/**
 * The page inside the inline form's iframe (`<basePath>/client/inline?…`, put there by the
 * `checkout.js` stand-in: see `checkout-js.ts` for the whole behaviour and what is unconfirmed), its
 * script and stylesheet, and the internal route its script creates the token with
 * (`POST <basePath>/client/inline/tokens`, same origin only).
 *
 * The page is served from the sandbox's origin under a strict CSP (`script-src 'self'`, no inline
 * script or style, Trusted Types required) and may be framed only by the page origin it was opened
 * for (`frame-ancestors`). The card data goes from this page to the sandbox's own origin only.
 */

export type InlineLocale = 'ja' | 'en';

const LABELS: Readonly<Record<InlineLocale, Readonly<Record<'email' | 'cardholder' | 'cardNumber' | 'exp' | 'cvv', string>>>> = {
  ja: {
    email: 'メールアドレス',
    cardholder: 'カード名義人',
    cardNumber: 'カード番号',
    exp: '有効期限 (MM/YY)',
    cvv: 'セキュリティコード',
  },
  en: {
    email: 'Email',
    cardholder: 'Cardholder name',
    cardNumber: 'Card number',
    exp: 'Expiry date (MM/YY)',
    cvv: 'Security code',
  },
};

/** What the iframe was opened with, checked. */
interface InlineParams {
  readonly appId: string;
  readonly origin: string;
  readonly tokenType: 'one_time' | 'recurring' | 'subscription';
  readonly email: string | null;
  readonly phoneNumber: string | null;
  readonly itemStyle: string | null;
  readonly locale: InlineLocale;
}

/** A page origin: `http(s)://host[:port]` exactly, or null. */
function pageOriginOf(value: string | null): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value ? value : null;
  } catch {
    return null;
  }
}

function inlineParams(query: URLSearchParams): InlineParams | string {
  const appId = query.get('appId') ?? '';
  if (!/^[A-Za-z0-9._-]{1,4096}$/.test(appId)) return 'The app id (data-app-id) is missing or malformed.';
  if ((query.get('checkout') ?? 'token') !== 'token') return 'The sandbox emulates the inline form with data-checkout="token" only.';
  const origin = pageOriginOf(query.get('origin'));
  if (!origin) return 'The page origin is missing.';
  const tokenType = query.get('tokenType') ?? 'one_time';
  if (tokenType !== 'one_time' && tokenType !== 'recurring' && tokenType !== 'subscription') return 'Unknown data-token-type.';
  const bounded = (name: string, max: number): string | null => {
    const value = query.get(name);
    return value && value.length <= max ? value : null;
  };
  return {
    appId,
    origin,
    tokenType,
    email: bounded('email', 254),
    phoneNumber: bounded('phoneNumber', 32),
    itemStyle: bounded('itemStyle', 1000),
    locale: /^en/i.test(query.get('locale') ?? '') ? 'en' : 'ja',
  };
}

/** Headers of the iframe page: its own script and styles only, framed by the page's origin only. */
function inlineHeaders(frameAncestor: string | null): Record<string, string> {
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

function row(id: string, name: string, label: string, input: SafeHtml): SafeHtml {
  return html`<div class="row" data-field="${name}">
<label for="${id}">${label}</label>
${input}
<p class="error" id="${id}-error" aria-live="polite"></p>
</div>`;
}

/** `GET <basePath>/client/inline?…`: the form inside the iframe. */
export function renderInlineForm(ctx: UnivapayContext, request: Request): Response {
  const params = inlineParams(new URL(request.url).searchParams);
  const base = ctx.options.basePath;
  if (typeof params === 'string') {
    const body = html`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>UnivaPay</title>
<link rel="stylesheet" href="${base}/client/inline.css"></head><body><main><p class="error general" role="alert">${params}</p></main></body></html>`;
    return new Response(body.value, { status: 400, headers: inlineHeaders(null) });
  }
  const t = LABELS[params.locale];
  const input = (id: string, name: string, type: string, autocomplete: string, inputmode: string | null) =>
    html`<input id="${id}" name="${name}" type="${type}" autocomplete="${autocomplete}"${inputmode ? html` inputmode="${inputmode}"` : ''} required aria-describedby="${id}-error">`;
  const page = html`<!doctype html>
<html lang="${params.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>UnivaPay</title>
<link rel="stylesheet" href="${base}/client/inline.css">
<script src="${base}/client/inline.js" defer></script>
</head>
<body>
<main>
<form id="univapay-inline-form" novalidate data-origin="${params.origin}" data-app-id="${params.appId}" data-token-type="${params.tokenType}" data-email="${params.email ?? ''}" data-phone-number="${params.phoneNumber ?? ''}" data-item-style="${params.itemStyle ?? ''}" data-locale="${params.locale}" data-endpoint="${base}/client/inline/tokens">
${params.email ? '' : row('email', 'email', t.email, input('email', 'email', 'email', 'email', null))}
${row('cardholder', 'data.cardholder', t.cardholder, input('cardholder', 'data.cardholder', 'text', 'cc-name', null))}
${row('card-number', 'data.cardNumber', t.cardNumber, input('card-number', 'data.cardNumber', 'text', 'cc-number', 'numeric'))}
${row('exp', 'data.exp', t.exp, input('exp', 'data.exp', 'text', 'cc-exp', 'numeric'))}
${row('cvv', 'data.cvv', t.cvv, input('cvv', 'data.cvv', 'text', 'cc-csc', 'numeric'))}
<p class="error general" id="general-error" aria-live="assertive"></p>
</form>
<p class="badge">Sandbox · no real payment</p>
</main>
</body>
</html>
`;
  return new Response(page.value, { status: 200, headers: inlineHeaders(params.origin) });
}

/** `POST <basePath>/client/inline/tokens`: the form's own call, from the sandbox's origin only. */
export function createInlineToken(ctx: UnivapayContext, request: Request): Promise<Response> {
  return inlineFormCall(ctx, request, '/client/inline/tokens', 201, async (body) => {
    const parsed = parseBody(createTokenSchema, body['token']);
    if (parsed.payment_type !== 'card') throw validationError('payment_type', 'NOT_SUPPORTED');
    // Card data typed into UnivaPay's own form: taken whatever the merchant's PCI DSS status.
    return serializeToken(createToken(ctx, parsed, true));
  });
}

/**
 * `POST <basePath>/client/inline/tokens/{id}/three_ds`: the shopper's answer to the 3-D Secure step the
 * inline form shows for a recurring token (UnivaPay runs it when such a token is made, inside its own
 * form: docs/providers.md, "UnivaPay › Recurring tokens"). Same origin only; `{ appId, origin, passed }`.
 */
export function answerInlineChallenge(ctx: UnivapayContext, request: Request, tokenId: string): Promise<Response> {
  return inlineFormCall(ctx, request, '/client/inline/tokens/{id}/three_ds', 200, async (body) => {
    const { passed } = body;
    if (typeof passed !== 'boolean') throw validationError('body', 'INVALID_FORMAT');
    const token = ctx.state.tokens.get(tokenId);
    if (!token || token.storeId !== ctx.options.storeId || token.deletedAt !== null || token.threeDsStatus !== 'awaiting') {
      throw new UnivapayApiError(400, 'INVALID_THREE_DS_STATUS');
    }
    finishTokenChallenge(token, passed);
    return serializeToken(token);
  });
}

/**
 * One of the inline form's own calls: from the sandbox's origin only, with the page's app token
 * (`appId`) valid for this store and the page's `origin` among its domains; then `handle` with the
 * body. Answers `success` with its result or UnivaPay's error body, and records the request as `path`.
 */
async function inlineFormCall(
  ctx: UnivapayContext,
  request: Request,
  path: string,
  success: number,
  handle: (body: Record<string, unknown>) => Promise<Record<string, unknown>>,
): Promise<Response> {
  const at = ctx.now;
  let status = 500;
  try {
    const fetchSite = request.headers.get('sec-fetch-site');
    if (request.headers.get('origin') !== ctx.urls.origin || (fetchSite !== null && fetchSite !== 'same-origin')) {
      throw new UnivapayApiError(403, 'INVALID_PERMISSIONS');
    }
    const body = await readRequestBody(request);
    if (!body.ok) throw validationError('body', 'INVALID_FORMAT');
    const { appId, origin } = body.value;
    if (typeof appId !== 'string' || typeof origin !== 'string') throw validationError('body', 'INVALID_FORMAT');
    const claims = await verifyAppToken(ctx.options.jwtSigningKey, appId);
    if (!claims || claims.store_id !== ctx.options.storeId) throw new UnivapayApiError(401, 'INVALID_APP_TOKEN');
    if (!pageOriginOf(origin) || !originAllowed(claims, origin)) throw new UnivapayApiError(401, 'INVALID_DOMAIN');
    const answer = await handle(body.value);
    status = success;
    return jsonResponse(success, answer);
  } catch (error) {
    const refusal = error instanceof EmulatorApiError ? error : new UnivapayApiError(500, 'UNKNOWN_ERROR');
    status = refusal.status;
    return jsonResponse(refusal.status, refusal.body);
  } finally {
    ctx.state.requests.record(
      { request, at, path, route: `POST ${path}`, status, idempotencyKey: null, replayed: false },
      { auth: 'app' },
    );
  }
}

/** The iframe page's stylesheet. */
export const INLINE_CSS = `
:root { color-scheme: light dark; font-family: system-ui, "Hiragino Sans", "Noto Sans JP", sans-serif; font-size: 15px; }
html, body { margin: 0; background: transparent; color: CanvasText; }
main { padding: 2px; }
.row { display: grid; gap: 4px; margin: 0 0 10px; }
label { font-weight: 600; font-size: .9rem; }
input { font: inherit; padding: 8px 10px; border: 1px solid GrayText; border-radius: 6px; background: Canvas; color: CanvasText; }
input:focus-visible { outline: 3px solid #0b5cff; outline-offset: 1px; }
input[aria-invalid="true"] { border-color: #c62828; }
.error { margin: 0; min-height: 0; color: #c62828; font-size: .85rem; }
.error:empty { display: none; }
.badge { margin: 4px 0 0; font-size: .75rem; opacity: .7; }
.three-ds { display: grid; gap: 8px; margin: 0 0 10px; padding: 10px; border: 1px solid GrayText; border-radius: 6px; }
.three-ds[hidden] { display: none; }
.three-ds h2 { margin: 0; font-size: 1rem; }
.three-ds p { margin: 0; font-size: .9rem; }
.three-ds button { font: inherit; padding: 8px 10px; border-radius: 6px; border: 1px solid GrayText; background: Canvas; color: CanvasText; cursor: pointer; }
.three-ds button:focus-visible { outline: 3px solid #0b5cff; outline-offset: 1px; }
`;

/**
 * The iframe page's script: checks the fields, creates the token on the sandbox, and talks to the
 * page (its declared origin and parent window only) by `postMessage`. Plain browser JavaScript.
 */
export const INLINE_JS = `/* UnivaPay inline form stand-in (kessai-elements sandbox). Not UnivaPay's code. */
(function () {
  'use strict';
  var form = document.getElementById('univapay-inline-form');
  if (!form) return;
  var config = form.dataset;
  var pageOrigin = config.origin;
  var parentWindow = window.parent;
  var ancestors = location.ancestorOrigins;
  var embedded = parentWindow !== window && (!ancestors || ancestors.length === 0 || ancestors[0] === pageOrigin);
  var TEXT = {
    ja: {
      required: { email: 'メールアドレスを入力してください。', cardholder: 'カード名義人を入力してください。', cardNumber: 'カード番号を入力してください。', exp: '有効期限を入力してください。', cvv: 'セキュリティコードを入力してください。' },
      invalid: { email: 'メールアドレスが正しくありません。', cardholder: 'カード名義人が正しくありません。', cardNumber: 'カード番号が正しくありません。', exp: '有効期限が正しくありません。', cvv: 'セキュリティコードが正しくありません。' },
      expired: 'カードの有効期限が切れています。',
      refused: 'カード情報を送信できませんでした',
      network: 'UnivaPay に接続できませんでした。',
      busy: '送信中です。',
      threeDsTitle: '3-Dセキュア認証 (サンドボックス)',
      threeDsText: 'カードを保存するには、カード発行会社の本人認証が必要です。',
      // The sandbox's challenge buttons carry the same names in every locale (as its challenge page).
      threeDsPass: 'Complete authentication',
      threeDsFail: 'Fail authentication',
      threeDsFailed: '3-Dセキュア認証に失敗しました。'
    },
    en: {
      required: { email: 'Enter your email address.', cardholder: 'Enter the cardholder name.', cardNumber: 'Enter the card number.', exp: 'Enter the expiry date.', cvv: 'Enter the security code.' },
      invalid: { email: 'The email address is not valid.', cardholder: 'The cardholder name is not valid.', cardNumber: 'The card number is not valid.', exp: 'The expiry date is not valid.', cvv: 'The security code is not valid.' },
      expired: 'The card has expired.',
      refused: 'The card could not be sent',
      network: 'Could not reach UnivaPay.',
      busy: 'Already sending.',
      threeDsTitle: '3-D Secure (sandbox)',
      threeDsText: 'Saving this card needs the card issuer to authenticate you.',
      threeDsPass: 'Complete authentication',
      threeDsFail: 'Fail authentication',
      threeDsFailed: '3-D Secure authentication failed.'
    }
  }[config.locale === 'en' ? 'en' : 'ja'];
  var FIELDS = [
    ['email', 'email'],
    ['cardholder', 'data.cardholder'],
    ['cardNumber', 'data.cardNumber'],
    ['exp', 'data.exp'],
    ['cvv', 'data.cvv']
  ];
  var SERVER_FIELDS = { email: 'email', 'data.cardholder': 'cardholder', 'data.card_number': 'cardNumber', 'data.exp_month': 'exp', 'data.exp_year': 'exp', 'data.cvv': 'cvv' };
  var general = document.getElementById('general-error');
  var busy = false;

  function inputOf(key) {
    for (var i = 0; i < FIELDS.length; i++) if (FIELDS[i][0] === key) return form.elements.namedItem(FIELDS[i][1]);
    return null;
  }

  function post(message) {
    if (embedded) parentWindow.postMessage(message, pageOrigin);
  }

  if (config.itemStyle) {
    var rows = form.querySelectorAll('.row');
    for (var r = 0; r < rows.length; r++) rows[r].style.cssText = config.itemStyle;
  }

  var main = document.querySelector('main');
  function reportHeight() {
    post({ type: 'univapay:height', height: Math.ceil(main.getBoundingClientRect().height) });
  }
  if (window.ResizeObserver) new ResizeObserver(reportHeight).observe(main);

  function luhn(digits) {
    var sum = 0;
    for (var i = 0; i < digits.length; i++) {
      var d = digits.charCodeAt(digits.length - 1 - i) - 48;
      if (i % 2 === 1) {
        d *= 2;
        if (d > 9) d -= 9;
      }
      sum += d;
    }
    return sum % 10 === 0;
  }

  function expiry(value) {
    var match = /^\\s*(\\d{1,2})\\s*\\/\\s*(\\d{2})\\s*$/.exec(value) || /^\\s*(\\d{2})(\\d{2})\\s*$/.exec(value);
    if (!match) return null;
    var month = Number(match[1]);
    if (month < 1 || month > 12) return null;
    return { month: month, year: 2000 + Number(match[2]) };
  }

  function expiredInJapan(exp) {
    var jst = new Date(Date.now() + 9 * 3600 * 1000);
    var year = jst.getUTCFullYear();
    var month = jst.getUTCMonth() + 1;
    return exp.year < year || (exp.year === year && exp.month < month);
  }

  /** [key, message] for each field in error. */
  function check() {
    var problems = [];
    var value = function (key) {
      var input = inputOf(key);
      return input ? input.value.trim() : null;
    };
    var email = value('email');
    if (email !== null) {
      if (!email) problems.push(['email', TEXT.required.email]);
      else if (!/^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$/.test(email)) problems.push(['email', TEXT.invalid.email]);
    }
    if (!value('cardholder')) problems.push(['cardholder', TEXT.required.cardholder]);
    var number = value('cardNumber').replace(/[\\s-]/g, '');
    if (!number) problems.push(['cardNumber', TEXT.required.cardNumber]);
    else if (!/^\\d{12,19}$/.test(number) || !luhn(number)) problems.push(['cardNumber', TEXT.invalid.cardNumber]);
    var exp = value('exp');
    var parsed = exp ? expiry(exp) : null;
    if (!exp) problems.push(['exp', TEXT.required.exp]);
    else if (!parsed) problems.push(['exp', TEXT.invalid.exp]);
    else if (expiredInJapan(parsed)) problems.push(['exp', TEXT.expired]);
    var cvv = value('cvv');
    if (!cvv) problems.push(['cvv', TEXT.required.cvv]);
    else if (!/^\\d{3,4}$/.test(cvv)) problems.push(['cvv', TEXT.invalid.cvv]);
    return problems;
  }

  function show(problems, generalText) {
    for (var i = 0; i < FIELDS.length; i++) {
      var key = FIELDS[i][0];
      var input = inputOf(key);
      if (!input) continue;
      var found = null;
      for (var j = 0; j < problems.length; j++) if (problems[j][0] === key) found = problems[j][1];
      var error = document.getElementById(input.id + '-error');
      error.textContent = found || '';
      if (found) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
    }
    general.textContent = generalText || '';
    if (problems.length) inputOf(problems[0][0]).focus();
    reportHeight();
  }

  function tokenBody() {
    var exp = expiry(inputOf('exp').value);
    var data = {
      cardholder: inputOf('cardholder').value.trim(),
      card_number: inputOf('cardNumber').value.replace(/[\\s-]/g, ''),
      exp_month: exp.month,
      exp_year: exp.year,
      cvv: inputOf('cvv').value.trim()
    };
    var phone = (config.phoneNumber || '').replace(/\\D/g, '');
    if (/^0\\d{9,10}$/.test(phone)) data.phone_number = { country_code: '81', local_number: phone };
    var emailInput = inputOf('email');
    return {
      payment_type: 'card',
      type: config.tokenType || 'one_time',
      email: emailInput ? emailInput.value.trim() : config.email,
      data: data
    };
  }

  function refused(body) {
    var problems = [];
    var errors = body && Array.isArray(body.errors) ? body.errors : [];
    for (var i = 0; i < errors.length; i++) {
      var key = errors[i] && SERVER_FIELDS[errors[i].field];
      if (key && inputOf(key)) problems.push([key, errors[i].reason === 'CARD_EXPIRED' ? TEXT.expired : TEXT.invalid[key]]);
    }
    if (problems.length) return { problems: problems, general: '' };
    var code = body && typeof body.code === 'string' ? body.code : 'UNKNOWN_ERROR';
    return { problems: [], general: TEXT.refused + ' (' + code + ')' };
  }

  function fail(id, problems, generalText) {
    show(problems, generalText);
    var lines = problems.map(function (p) { return p[1]; });
    if (generalText) lines.push(generalText);
    post({ type: 'univapay:result', id: id, ok: false, message: lines.join('\\n') });
  }

  function submit(id) {
    if (busy) {
      post({ type: 'univapay:result', id: id, ok: false, message: TEXT.busy });
      return;
    }
    var problems = check();
    if (problems.length) {
      fail(id, problems, '');
      return;
    }
    busy = true;
    form.setAttribute('aria-busy', 'true');
    fetch(config.endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify({ appId: config.appId, origin: pageOrigin, token: tokenBody() })
    })
      .then(function (response) {
        return response.json().then(
          function (body) { return { ok: response.ok, body: body }; },
          function () { return { ok: false, body: null }; }
        );
      })
      .then(
        function (answer) {
          if (answer.ok && answer.body && typeof answer.body.id === 'string') {
            show([], '');
            var threeDs = answer.body.data && answer.body.data.three_ds;
            if (threeDs && threeDs.status === 'awaiting') {
              authenticate(id, answer.body.id);
              return;
            }
            post({ type: 'univapay:result', id: id, ok: true, tokenId: answer.body.id });
          } else {
            var why = refused(answer.body);
            fail(id, why.problems, why.general);
          }
        },
        function () {
          fail(id, [], TEXT.network);
        }
      )
      .finally(function () {
        busy = false;
        form.removeAttribute('aria-busy');
      });
  }

  // A recurring token's 3-D Secure, run by the form when the token is made (the sandbox's two buttons).
  function authenticate(id, tokenId) {
    var panel = document.createElement('section');
    panel.className = 'three-ds';
    panel.setAttribute('aria-labelledby', 'three-ds-title');
    var title = document.createElement('h2');
    title.id = 'three-ds-title';
    title.textContent = TEXT.threeDsTitle;
    var text = document.createElement('p');
    text.textContent = TEXT.threeDsText;
    var pass = document.createElement('button');
    pass.type = 'button';
    pass.textContent = TEXT.threeDsPass;
    var failButton = document.createElement('button');
    failButton.type = 'button';
    failButton.textContent = TEXT.threeDsFail;
    panel.append(title, text, pass, failButton);
    form.hidden = true;
    form.parentNode.insertBefore(panel, form);
    post({ type: 'univapay:authenticating', id: id });
    reportHeight();
    pass.focus();
    function answer(passed) {
      pass.disabled = true;
      failButton.disabled = true;
      fetch(config.endpoint + '/' + encodeURIComponent(tokenId) + '/three_ds', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        credentials: 'same-origin',
        body: JSON.stringify({ appId: config.appId, origin: pageOrigin, passed: passed })
      })
        .then(function (response) { return response.json().then(function (body) { return { ok: response.ok, body: body }; }); })
        .then(
          function (result) {
            panel.remove();
            form.hidden = false;
            var status = result.body && result.body.data && result.body.data.three_ds && result.body.data.three_ds.status;
            if (!result.ok) {
              var why = refused(result.body);
              fail(id, why.problems, why.general);
              return;
            }
            // The token exists either way; its 3-D Secure result is on it (data.three_ds.status), which the
            // merchant's server reads before keeping it.
            show([], status === 'successful' ? '' : TEXT.threeDsFailed);
            post({ type: 'univapay:result', id: id, ok: true, tokenId: tokenId });
          },
          function () {
            panel.remove();
            form.hidden = false;
            fail(id, [], TEXT.network);
          }
        );
    }
    pass.addEventListener('click', function () { answer(true); });
    failButton.addEventListener('click', function () { answer(false); });
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
  });
  window.addEventListener('message', function (event) {
    if (!embedded || event.origin !== pageOrigin || event.source !== parentWindow) return;
    var data = event.data;
    if (!data || typeof data !== 'object' || data.type !== 'univapay:submit' || typeof data.id !== 'string') return;
    submit(data.id);
  });
  post({ type: 'univapay:ready' });
  reportHeight();
})();
`;

/** The widget's static script or stylesheet (the shared `widgetAsset`). */
export { widgetAsset } from '../../shared/widget-asset.ts';
