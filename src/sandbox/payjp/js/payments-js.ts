/**
 * # A stand-in of PAY.JP's payments.js (v2)
 *
 * PAY.JP's script is `https://js.pay.jp/payments.js` (@payjp/payments-js's `loadPayments` loads
 * `${jsOrigin}/payments.js`, default origin `https://js.pay.jp`; docs.pay.jp/v2/guide/payments/setupflow's
 * `<script src>`); the sandbox serves this stand-in at `<payjp basePath>/payments.js`, so
 * `loadPayments(pk, { jsOrigin: '<origin><basePath>' })` loads it too. It defines
 * `window.PayjpPayments(publicKey)` with the signatures and result shapes of `@payjp/payments-js`
 * (its description is `types.ts`; `test/types/payjp-payments-js-stand-in.ts` checks it with `tsc`):
 *
 * - `widgets({ clientSecret, locale?, appearance? })` → `createForm('payment', options?)`, `getForm`,
 *   `update({ locale?, appearance? })`, `fetchUpdates()`, `confirmPayment({ return_url,
 *   payment_method_data? })`, `confirmSetup(…)`. The address form is not emulated (`createForm('address')`
 *   throws).
 * - The payment form: `mount(selector | element)` puts ONE iframe on the sandbox's origin
 *   (`<basePath>/payments-js/form`, `form-frame.ts`) with the card number, expiry and CVC; it throws
 *   when the node is missing, not in the document, or inside a shadow root (UNCONFIRMED whether
 *   payments.js refuses shadow roots: Stripe.js does). `unmount`, `update`, `collapse`, `on` / `off`
 *   (`change` `{ elementType: 'payment', empty, complete, value: { type } }`, `ready`, `focus`, `blur`).
 * - `confirmPayment` / `confirmSetup` ask the frame to confirm (the frame sends the card to the sandbox
 *   itself); on success, and for 3-D Secure, the page goes away (`location.assign`) and the promise
 *   never resolves; otherwise it resolves `{ error: { type, code, message?, validationErrors? } }`.
 * - `retrievePaymentFlow(clientSecret)` / `retrieveSetupFlow(clientSecret)`: `GET
 *   <basePath>/v2/payment_flows?client_secret=…` (`setup_flows`) with `Authorization: Basic
 *   base64(publicKey:)`, resolving the flow (rejecting with an `api_error` when there is none).
 *   `handleNextAction({ clientSecret })` sends the page to the flow's 3-D Secure page, if any.
 *
 * How PAY.JP's own payments.js calls the API is not published: these calls are the sandbox's
 * (docs/providers.md, "PAY.JP › payments.js stand-in"). Runs under a strict CSP with Trusted Types: no
 * eval, no HTML strings.
 */
export const PAYMENTS_JS = String.raw`/* PAY.JP payments.js stand-in (kessai-elements sandbox). Not PAY.JP's code. */
(function () {
  'use strict';
  if (window.PayjpPayments && window.PayjpPayments.__kessaiSandbox) return;
  var script = document.currentScript;
  if (!script || !script.src) { console.error('PAY.JP sandbox: load the stand-in with <script src=".../payments.js">.'); return; }
  var scriptUrl = new URL(script.src, document.baseURI);
  var ORIGIN = scriptUrl.origin;
  var BASE = ORIGIN + scriptUrl.pathname.replace(/\/payments\.js$/, '');
  var API = BASE + '/v2';
  var EVENTS = ['change', 'ready', 'focus', 'blur'];
  var forms = [];

  window.addEventListener('message', function (event) {
    if (event.origin !== ORIGIN) return;
    var data = event.data;
    if (!data || typeof data !== 'object' || typeof data.type !== 'string') return;
    for (var i = 0; i < forms.length; i++) {
      if (forms[i].iframe && forms[i].iframe.contentWindow === event.source) { forms[i].receive(data); return; }
    }
  });

  function randomId() {
    var bytes = new Uint8Array(12);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }
  function sdkError(code, message) { return { type: 'sdk_error', code: code, message: message }; }

  function PayjpPayments(publicKey) {
    if (typeof publicKey !== 'string' || !/^pk_(test|live)_/.test(publicKey)) throw new Error('PayjpPayments: publicKey must be a public key (pk_test_… or pk_live_…).');
    var AUTH = 'Basic ' + btoa(publicKey + ':');

    function retrieve(kind, clientSecret) {
      if (typeof clientSecret !== 'string' || !clientSecret) return Promise.reject(sdkError('session_not_loaded', 'clientSecret is required.'));
      return fetch(API + '/' + kind + '?client_secret=' + encodeURIComponent(clientSecret), { credentials: 'omit', headers: { Accept: 'application/json', Authorization: AUTH } }).then(
        function (response) {
          return response.json().then(function (json) {
            var flow = response.ok && json && json.data && json.data[0];
            if (flow) return flow;
            throw { type: 'api_error', code: response.ok ? 'not_found' : json && json.type || 'internal_server_error', message: json && json.detail || 'No flow has this client secret.' };
          });
        },
        function () { throw { type: 'api_error', code: 'internal_server_error', message: 'Could not reach the PAY.JP sandbox.' }; }
      );
    }
    function kindOf(clientSecret) { return /^sflw_/.test(clientSecret) ? 'setup_flows' : 'payment_flows'; }

    function widgets(options) {
      if (!options || typeof options.clientSecret !== 'string' || !options.clientSecret) throw new Error('PayjpPayments: widgets() needs { clientSecret }.');
      var CLIENT_SECRET = options.clientSecret;
      var locale = options.locale === 'en' ? 'en' : 'ja';
      var appearance = options.appearance && typeof options.appearance === 'object' ? options.appearance : { theme: 'payjp' };
      var paymentForm = null;

      function createForm(type, formOptions) {
        if (type === 'address') throw new Error('PAY.JP sandbox: the address form is not emulated.');
        if (type !== 'payment') throw new Error('PayjpPayments: unknown form type ' + String(type) + '.');
        if (paymentForm) throw new Error('PayjpPayments: a payment form already exists for these widgets.');
        paymentForm = makePaymentForm(formOptions || {});
        return paymentForm;
      }

      function makePaymentForm(formOptions) {
        var handlers = {};
        EVENTS.forEach(function (e) { handlers[e] = []; });
        var pending = {};
        var form = { iframe: null, host: null };
        function emit(name, payload) {
          handlers[name].slice().forEach(function (h) { try { payload === undefined ? h() : h(payload); } catch (e) { setTimeout(function () { throw e; }); } });
        }
        form.receive = function (data) {
          if (data.type === 'change') emit('change', { elementType: 'payment', empty: !!data.empty, complete: !!data.complete, value: { type: data.value && data.value.type || null } });
          else if (data.type === 'ready' || data.type === 'focus' || data.type === 'blur') emit(data.type);
          else if (data.type === 'height' && form.iframe && typeof data.height === 'number') form.iframe.style.height = Math.max(40, Math.min(2000, data.height)) + 'px';
          else if ((data.type === 'result' || data.type === 'navigate') && pending[data.id]) {
            var settle = pending[data.id];
            delete pending[data.id];
            if (data.type === 'navigate') {
              var url = new URL(data.url);
              if (url.protocol !== 'http:' && url.protocol !== 'https:') { settle({ error: { type: 'api_error', code: 'internal_server_error' } }); return; }
              window.location.assign(url.href);
            } else settle({ error: data.error });
          }
        };
        form.confirm = function (kind, params) {
          if (!form.iframe) return Promise.resolve({ error: sdkError('form_not_found', 'Mount the payment form before confirming.') });
          if (!params || typeof params.return_url !== 'string') return Promise.resolve({ error: sdkError('form_not_found', 'return_url is required.') });
          if (kindOf(CLIENT_SECRET) !== kind) return Promise.resolve({ error: sdkError('session_not_loaded', 'This client secret belongs to another kind of flow.') });
          var id = randomId();
          var billing = params.payment_method_data && params.payment_method_data.billing_details;
          return new Promise(function (resolve) {
            pending[id] = resolve;
            form.iframe.contentWindow.postMessage({ type: 'confirm', id: id, returnUrl: params.return_url, billingDetails: billing || null }, ORIGIN);
          });
        };
        form.appearance = function () {
          if (form.iframe && form.iframe.contentWindow) form.iframe.contentWindow.postMessage({ type: 'appearance', theme: appearance.theme, variables: appearance.variables || null }, ORIGIN);
        };
        var api = {
          mount: function (target) {
            var node = typeof target === 'string' ? document.querySelector(target) : target;
            if (!node || node.nodeType !== 1) throw new Error('PayjpPayments: mount() found no element for ' + String(target) + '.');
            if (!node.isConnected) throw new Error('PayjpPayments: mount() needs an element in the document.');
            if (typeof ShadowRoot !== 'undefined' && node.getRootNode() instanceof ShadowRoot) throw new Error('PayjpPayments: the form cannot be mounted in a ShadowRoot. Mount it in the light DOM.');
            if (form.iframe) api.unmount();
            var billing = formOptions.fields && formOptions.fields.billingDetails;
            var query = new URLSearchParams({
              origin: location.origin,
              key: publicKey,
              locale: locale,
              theme: appearance.theme === 'dark' ? 'dark' : 'payjp',
              variables: appearance.variables ? JSON.stringify(appearance.variables) : '',
              billing: billing === undefined ? 'auto' : typeof billing === 'string' ? billing : JSON.stringify(billing)
            });
            var iframe = document.createElement('iframe');
            iframe.name = 'payjp-payments-form-' + randomId();
            iframe.title = locale === 'en' ? 'Secure payment form' : '安全な決済フォーム';
            iframe.setAttribute('allow', 'payment');
            var s = iframe.style;
            s.border = '0'; s.width = '100%'; s.display = 'block'; s.height = '200px'; s.colorScheme = 'normal'; s.background = 'transparent';
            iframe.src = BASE + '/payments-js/form?' + query.toString() + '#' + encodeURIComponent(CLIENT_SECRET);
            node.appendChild(iframe);
            form.iframe = iframe;
            form.host = node;
            forms.push(form);
          },
          unmount: function () {
            if (form.iframe) form.iframe.remove();
            var i = forms.indexOf(form);
            if (i >= 0) forms.splice(i, 1);
            form.iframe = null;
            form.host = null;
          },
          update: function (next) { if (next && typeof next === 'object') for (var k in next) formOptions[k] = next[k]; },
          collapse: function () {},
          on: function (name, handler) { if (handlers[name] && typeof handler === 'function') handlers[name].push(handler); },
          off: function (name, handler) { if (handlers[name]) handlers[name] = handlers[name].filter(function (h) { return h !== handler; }); }
        };
        form.api = api;
        return form;
      }

      return {
        createForm: function (type, formOptions) { return createForm(type, formOptions).api; },
        getForm: function (type) { return type === 'payment' && paymentForm ? paymentForm.api : null; },
        update: function (next) {
          if (!next || typeof next !== 'object') return;
          if (next.appearance && typeof next.appearance === 'object') appearance = next.appearance;
          if (next.locale === 'ja' || next.locale === 'en') locale = next.locale;
          if (paymentForm) paymentForm.appearance();
        },
        fetchUpdates: function () { return retrieve(kindOf(CLIENT_SECRET), CLIENT_SECRET).then(function () {}); },
        confirmPayment: function (params) { return paymentForm ? paymentForm.confirm('payment_flows', params) : Promise.resolve({ error: sdkError('form_not_found', 'Create and mount the payment form first.') }); },
        confirmSetup: function (params) { return paymentForm ? paymentForm.confirm('setup_flows', params) : Promise.resolve({ error: sdkError('form_not_found', 'Create and mount the payment form first.') }); }
      };
    }

    return {
      widgets: widgets,
      retrievePaymentFlow: function (clientSecret) { return retrieve('payment_flows', clientSecret); },
      retrieveSetupFlow: function (clientSecret) { return retrieve('setup_flows', clientSecret); },
      handleNextAction: function (options) {
        var secret = options && options.clientSecret;
        return retrieve(kindOf(secret), secret).then(function (flow) {
          var action = flow.status === 'requires_action' && flow.next_action && flow.next_action.redirect_to_url;
          if (action && action.url) { window.location.assign(action.url); return new Promise(function () {}); }
        });
      }
    };
  }
  PayjpPayments.__kessaiSandbox = true;
  window.PayjpPayments = PayjpPayments;
})();
`;
