/**
 * # A stand-in of Stripe.js v3, for the split card Elements and the card and konbini confirms
 *
 * Stripe's own script is `https://js.stripe.com/v3/`; the sandbox serves this stand-in at
 * `<stripe basePath>/v3/` (`/sandbox/stripe/v3/`). It defines `window.Stripe(publishableKey,
 * options?)` with the signatures and result shapes of `@stripe/stripe-js` (its TypeScript description
 * is `types.ts`; `test/types/stripe-js-stand-in.ts` checks it against `@stripe/stripe-js` with `tsc`):
 *
 * - `stripe.elements(options?)` → `create('cardNumber' | 'cardExpiry' | 'cardCvc', options?)`,
 *   `getElement(type)`, `update(options)`. One Element of each type per group ("Can only create one
 *   Element of type …", as Stripe.js). An Element's `mount(domElement | selector)` puts an iframe on
 *   the sandbox's origin (`<basePath>/v3/elements-inner-card?…`, `element-frame.ts`) in a
 *   `<div class="__PrivateStripeElement">` inside the node, and gives the node Stripe's classes
 *   (`StripeElement`, `StripeElement--empty|--focus|--complete|--invalid`). It throws an
 *   `IntegrationError` when the node is in a shadow root ("Elements cannot be mounted in a ShadowRoot.
 *   Please mount in the Light DOM.", Stripe.js's words) or not in the document, or when the selector
 *   matches nothing. `unmount`, `destroy`, `focus`, `blur`, `clear`, `update(options)` and
 *   `on` / `once` / `off` for `change`, `ready`, `focus`, `blur`, `escape`. The frame sizes its iframe
 *   from its content.
 * - `confirmCardPayment(clientSecret, data?, options?)`, `confirmCardSetup(…)`,
 *   `confirmKonbiniPayment(…)`, `retrievePaymentIntent(clientSecret)`, `retrieveSetupIntent(…)`,
 *   `handleNextAction({ clientSecret })`: they call the API at the script's own origin + base path
 *   (`<basePath>/v1`, as Stripe.js calls api.stripe.com): form-encoded POSTs and GETs with the
 *   publishable key as `key` and the intent's `client_secret` as parameters, no `Authorization` header
 *   (docs/providers.md, "Stripe", "Stripe.js"). Every API error resolves `{ error }`; nothing rejects
 *   but integration errors (thrown at once, as Stripe.js does).
 * - Card data never reaches the page: with `payment_method: { card: cardNumberElement }` the stand-in
 *   asks the number frame (postMessage to the sandbox's origin) to create the PaymentMethod; the frames
 *   of the group hand it the expiry and CVC over a `BroadcastChannel` of their own origin; the page gets
 *   the `pm_…` object back and confirms with `payment_method=pm_…`.
 * - Next actions with `handleActions` (default true): `use_stripe_sdk` opens Stripe's modal (an overlay
 *   with the challenge page of `use_stripe_sdk.stripe_js` in an iframe); when the page is answered (its
 *   iframe loads again) the intent is retrieved again and the promise resolves (`succeeded`, or `{ error }`
 *   with `last_payment_error`, e.g. `payment_intent_authentication_failure`). `redirect_to_url` sends
 *   the page there (`location.assign`) and the promise never resolves, as a redirect. A konbini
 *   `konbini_display_details` opens the hosted voucher in the modal; closing it resolves with the
 *   intent retrieved again. With `handleActions: false` the `requires_action` intent comes back as is.
 *
 * It runs under a strict CSP with Trusted Types: no eval, no HTML strings (the DOM is built with
 * `createElement`, styles set through the CSSOM); the page's CSP needs the sandbox origin in
 * `script-src`, `frame-src` and `connect-src`. Plain browser JavaScript kept in a string (the sandbox
 * runs on edge runtimes too); `test/node/sandbox/stripe-js.test.ts` runs it in Chromium.
 */
export const STRIPE_JS = `/* Stripe.js v3 stand-in (kessai-elements sandbox). Not Stripe's code. */
(function () {
  'use strict';
  if (window.Stripe && window.Stripe.__kessaiSandbox) return;
  var script = document.currentScript;
  if (!script || !script.src) {
    console.error('Stripe sandbox: load the stand-in with <script src=".../v3/">.');
    return;
  }
  var scriptUrl = new URL(script.src, document.baseURI);
  var ORIGIN = scriptUrl.origin;
  var BASE = ORIGIN + scriptUrl.pathname.replace(/\\/v3\\/?$/, '');
  var API = BASE + '/v1';
  var ELEMENT_TYPES = ['cardNumber', 'cardExpiry', 'cardCvc'];
  var EVENTS = ['change', 'ready', 'focus', 'blur', 'escape', 'networkschange', 'loaderror'];
  var frames = [];

  function integrationError(message) {
    var error = new Error(message);
    error.name = 'IntegrationError';
    return error;
  }
  function randomId() {
    var bytes = new Uint8Array(12);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }

  // ---- messages from the Elements' frames (the sandbox origin, a known frame only) ----
  window.addEventListener('message', function (event) {
    if (event.origin !== ORIGIN) return;
    var data = event.data;
    if (!data || typeof data !== 'object' || typeof data.type !== 'string') return;
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].iframe && frames[i].iframe.contentWindow === event.source) {
        frames[i].receive(data);
        return;
      }
    }
  });

  // ---- form encoding, as Stripe.js and stripe-node send parameters ----
  function encode(params, prefix, out) {
    for (var key in params) {
      if (!Object.prototype.hasOwnProperty.call(params, key)) continue;
      var value = params[key];
      if (value === undefined || value === null) continue;
      var name = prefix ? prefix + '[' + key + ']' : key;
      if (Array.isArray(value)) {
        for (var i = 0; i < value.length; i++) encodeValue(name + '[' + i + ']', value[i], out);
      } else encodeValue(name, value, out);
    }
    return out;
  }
  function encodeValue(name, value, out) {
    if (value !== null && typeof value === 'object') encode(value, name, out);
    else out.push(encodeURIComponent(name).replace(/%5B/g, '[').replace(/%5D/g, ']') + '=' + encodeURIComponent(String(value)));
  }

  function request(method, path, params) {
    var body = encode(params, '', []).join('&');
    var url = API + path + (method === 'GET' ? '?' + body : '');
    var init = { method: method, credentials: 'omit', headers: { Accept: 'application/json' } };
    if (method === 'POST') {
      init.headers['Content-Type'] = 'application/x-www-form-urlencoded';
      init.body = body;
    }
    return fetch(url, init).then(
      function (response) {
        return response.json().then(
          function (json) { return response.ok ? { ok: json } : { error: json && json.error ? json.error : { type: 'api_error', message: 'Unexpected answer from the Stripe sandbox.' } }; },
          function () { return { error: { type: 'api_error', message: 'Unexpected answer from the Stripe sandbox.' } }; }
        );
      },
      function () { return { error: { type: 'api_connection_error', message: 'Could not reach the Stripe sandbox.' } }; }
    );
  }

  function intentOf(clientSecret, method) {
    var match = typeof clientSecret === 'string' ? /^((pi|seti)_[A-Za-z0-9]+)_secret_[A-Za-z0-9]+$/.exec(clientSecret) : null;
    if (!match) {
      throw integrationError('Invalid value for ' + method + ' intent secret: value should be a client_secret string. You specified: ' + String(clientSecret) + '.');
    }
    return { id: match[1], kind: match[2] === 'pi' ? 'payment_intent' : 'setup_intent' };
  }

  // ---- Stripe's modal: the challenge page (or the konbini voucher) in an iframe on the sandbox origin ----
  function openModal(url, options) {
    return new Promise(function (resolve) {
      var overlay = document.createElement('div');
      overlay.setAttribute('role', 'dialog');
      overlay.setAttribute('aria-modal', 'true');
      overlay.setAttribute('aria-label', options.label);
      overlay.setAttribute('data-stripe-sandbox-modal', options.kind);
      var s = overlay.style;
      s.position = 'fixed'; s.inset = '0'; s.zIndex = '2147483647'; s.background = 'rgba(0, 0, 0, 0.5)';
      s.display = 'flex'; s.alignItems = 'center'; s.justifyContent = 'center'; s.flexDirection = 'column';
      var iframe = document.createElement('iframe');
      iframe.name = 'stripe-sandbox-challenge-frame';
      iframe.title = options.label;
      var f = iframe.style;
      f.width = 'min(500px, 96vw)'; f.height = 'min(600px, 90vh)'; f.border = '0'; f.borderRadius = '8px'; f.background = '#fff';
      var loads = 0;
      var done = false;
      function finish(reason) {
        if (done) return;
        done = true;
        overlay.remove();
        resolve(reason);
      }
      iframe.addEventListener('load', function () {
        loads += 1;
        if (loads > 1 && options.closeOnAnswer) finish('answered');
      });
      if (options.closable) {
        var close = document.createElement('button');
        close.type = 'button';
        close.textContent = options.closeLabel;
        var c = close.style;
        c.marginTop = '12px'; c.font = 'inherit'; c.padding = '8px 16px'; c.borderRadius = '6px'; c.border = '0'; c.cursor = 'pointer';
        close.addEventListener('click', function () { finish('closed'); });
        overlay.appendChild(iframe);
        overlay.appendChild(close);
      } else overlay.appendChild(iframe);
      iframe.src = url;
      document.body.appendChild(overlay);
    });
  }

  function Stripe(publishableKey, options) {
    if (typeof publishableKey !== 'string' || !/^pk_(test|live)_/.test(publishableKey)) {
      throw integrationError('Invalid value for Stripe(): apiKey should be a string. You specified: ' + String(publishableKey) + '.');
    }
    var KEY = publishableKey;
    var LOCALE = options && typeof options.locale === 'string' ? options.locale : 'auto';

    function retrieve(kind, id, clientSecret) {
      var path = kind === 'payment_intent' ? '/payment_intents/' : '/setup_intents/';
      return request('GET', path + encodeURIComponent(id), { key: KEY, is_stripe_sdk: 'false', client_secret: clientSecret });
    }

    function intentResult(kind, intent) {
      return kind === 'payment_intent' ? { paymentIntent: intent } : { setupIntent: intent };
    }

    function errorWithIntent(kind, intent) {
      var last = kind === 'payment_intent' ? intent.last_payment_error : intent.last_setup_error;
      var error = {};
      for (var key in last) error[key] = last[key];
      error[kind] = intent;
      return { error: error };
    }

    /** After an answer: the intent again, succeeded (or processing / requires_capture) or its error. */
    function settle(kind, id, clientSecret) {
      return retrieve(kind, id, clientSecret).then(function (answer) {
        if (answer.error) return { error: answer.error };
        var intent = answer.ok;
        var last = kind === 'payment_intent' ? intent.last_payment_error : intent.last_setup_error;
        if (intent.status === 'requires_payment_method' && last) return errorWithIntent(kind, intent);
        return intentResult(kind, intent);
      });
    }

    function handleAction(kind, intent, clientSecret) {
      var action = intent.next_action;
      if (!action) return Promise.resolve(intentResult(kind, intent));
      if (action.type === 'use_stripe_sdk' && action.use_stripe_sdk && typeof action.use_stripe_sdk.stripe_js === 'string') {
        var url = new URL(action.use_stripe_sdk.stripe_js);
        if (url.origin !== ORIGIN) return Promise.resolve({ error: { type: 'api_error', message: 'Unexpected next action.' } });
        return openModal(url.href, { kind: 'three_d_secure', label: '3D Secure', closeOnAnswer: true, closable: false }).then(function () {
          return settle(kind, intent.id, clientSecret);
        });
      }
      if (action.type === 'redirect_to_url' && action.redirect_to_url && typeof action.redirect_to_url.url === 'string') {
        window.location.assign(action.redirect_to_url.url);
        return new Promise(function () {});
      }
      if (action.type === 'konbini_display_details' && action.konbini_display_details && action.konbini_display_details.hosted_voucher_url) {
        var voucher = new URL(action.konbini_display_details.hosted_voucher_url);
        if (voucher.origin !== ORIGIN) return Promise.resolve(intentResult(kind, intent));
        var ja = /^ja/i.test(LOCALE);
        return openModal(voucher.href, { kind: 'konbini', label: ja ? 'コンビニ支払い' : 'Konbini voucher', closeOnAnswer: false, closable: true, closeLabel: ja ? '閉じる' : 'Close' }).then(function () {
          return settle(kind, intent.id, clientSecret);
        });
      }
      return Promise.resolve(intentResult(kind, intent));
    }

    /** payment_method: an id, or { card: element, billing_details } (the number frame makes the pm_…). */
    function paymentMethodParams(data, type) {
      var pm = data && data.payment_method;
      if (pm === undefined || pm === null) return Promise.resolve({});
      if (typeof pm === 'string') return Promise.resolve({ payment_method: pm });
      if (typeof pm === 'object' && type === 'card') {
        var element = pm.card;
        var frame = null;
        for (var i = 0; i < frames.length; i++) if (frames[i].element === element) frame = frames[i];
        if (!frame || frame.type !== 'cardNumber' && frame.type !== 'card') {
          throw integrationError('Invalid value for payment_method.card: a cardNumber Element is required.');
        }
        if (!frame.iframe) throw integrationError('We could not retrieve data from the specified Element. Please make sure the Element you are attempting to use is still mounted.');
        return frame.createPaymentMethod(pm.billing_details).then(function (answer) {
          return answer.error ? { error: answer.error } : { payment_method: answer.paymentMethod.id };
        });
      }
      if (typeof pm === 'object' && type === 'konbini') {
        return Promise.resolve({ payment_method_data: { type: 'konbini', billing_details: pm.billing_details } });
      }
      return Promise.resolve({});
    }

    function confirm(kind, type, clientSecret, data, options, method) {
      var intent = intentOf(clientSecret, method);
      if (intent.kind !== kind) throw integrationError('Invalid value for ' + method + ': the client secret is not a ' + kind + "'s.");
      var handleActions = !options || options.handleActions !== false;
      return paymentMethodParams(data, type).then(function (pmParams) {
        if (pmParams.error) return { error: pmParams.error };
        var params = { key: KEY, client_secret: clientSecret, use_stripe_sdk: 'true', expected_payment_method_type: type };
        for (var k in pmParams) params[k] = pmParams[k];
        if (data) {
          if (typeof data.return_url === 'string') params.return_url = data.return_url;
          if (data.setup_future_usage) params.setup_future_usage = data.setup_future_usage;
          if (data.receipt_email) params.receipt_email = data.receipt_email;
          if (data.payment_method_options) params.payment_method_options = data.payment_method_options;
        }
        var path = (kind === 'payment_intent' ? '/payment_intents/' : '/setup_intents/') + encodeURIComponent(intent.id) + '/confirm';
        return request('POST', path, params).then(function (answer) {
          if (answer.error) return { error: answer.error };
          var result = answer.ok;
          if (result.status === 'requires_action' && handleActions) return handleAction(kind, result, clientSecret);
          return intentResult(kind, result);
        });
      });
    }

    function elements(groupOptions) {
      var group = randomId();
      var created = {};
      var locale = groupOptions && typeof groupOptions.locale === 'string' ? groupOptions.locale : LOCALE;
      function create(type, elementOptions) {
        if (ELEMENT_TYPES.indexOf(type) < 0) {
          throw integrationError('A valid Element name must be provided. The sandbox has: ' + ELEMENT_TYPES.join(', ') + '. You specified: ' + String(type) + '.');
        }
        if (created[type]) throw integrationError('Can only create one Element of type ' + type + '.');
        var element = makeElement(type, elementOptions || {}, group, locale, function () { delete created[type]; });
        created[type] = element;
        return element;
      }
      return {
        create: create,
        getElement: function (type) { return created[type] || null; },
        update: function (options) { if (options && typeof options.locale === 'string') locale = options.locale; },
      };
    }

    function makeElement(type, elementOptions, group, locale, forget) {
      var handlers = {};
      var state = { iframe: null, container: null, host: null, destroyed: false, pending: {}, options: elementOptions };
      var api = {};
      var frame = {
        type: type,
        element: api,
        iframe: null,
        receive: function (data) {
          if (data.type === 'height') {
            var height = Number(data.height);
            if (height > 0 && height < 2000 && state.iframe) state.iframe.style.height = Math.ceil(height) + 'px';
            return;
          }
          if (data.type === 'payment-method' && typeof data.id === 'string' && state.pending[data.id]) {
            var done = state.pending[data.id];
            delete state.pending[data.id];
            done(data);
            return;
          }
          if (data.type === 'change') {
            var host = state.host;
            if (host) {
              host.classList.toggle('StripeElement--empty', !!data.empty);
              host.classList.toggle('StripeElement--complete', !!data.complete);
              host.classList.toggle('StripeElement--invalid', !!data.error);
            }
            var event = { elementType: type, empty: !!data.empty, complete: !!data.complete, error: data.error || undefined };
            if (type === 'cardNumber') event.brand = data.brand || 'unknown';
            emit('change', event);
            return;
          }
          if (data.type === 'focus' && state.host) state.host.classList.add('StripeElement--focus');
          if (data.type === 'blur' && state.host) state.host.classList.remove('StripeElement--focus');
          if (data.type === 'ready' || data.type === 'focus' || data.type === 'blur' || data.type === 'escape') emit(data.type, { elementType: type });
        },
        createPaymentMethod: function (billingDetails) {
          var id = randomId();
          return new Promise(function (resolve) {
            var timer = setTimeout(function () {
              delete state.pending[id];
              resolve({ error: { type: 'api_connection_error', message: 'The card Element did not answer.' } });
            }, 15000);
            state.pending[id] = function (data) {
              clearTimeout(timer);
              resolve(data.error ? { error: data.error } : { paymentMethod: data.paymentMethod });
            };
            send({ type: 'create-payment-method', id: id, billingDetails: billingDetails || null });
          });
        },
      };
      frames.push(frame);

      function emit(name, event) {
        var list = (handlers[name] || []).slice();
        for (var i = 0; i < list.length; i++) {
          if (list[i].once) off(name, list[i].fn);
          try { list[i].fn(event); } catch (error) { setTimeout(function () { throw error; }); }
        }
      }
      function on(name, fn, once) {
        if (EVENTS.indexOf(name) < 0) throw integrationError('Invalid event type ' + String(name) + '.');
        if (typeof fn !== 'function') throw integrationError('The handler for ' + name + ' must be a function.');
        (handlers[name] = handlers[name] || []).push({ fn: fn, once: !!once });
        return api;
      }
      function off(name, fn) {
        if (!handlers[name]) return api;
        handlers[name] = fn ? handlers[name].filter(function (h) { return h.fn !== fn; }) : [];
        return api;
      }
      function send(message) {
        if (state.iframe && state.iframe.contentWindow) state.iframe.contentWindow.postMessage(message, ORIGIN);
      }
      function frameUrl() {
        var params = new URLSearchParams();
        params.set('type', type);
        params.set('group', group);
        params.set('origin', location.origin);
        params.set('key', KEY);
        params.set('locale', locale);
        if (state.options.style) params.set('style', JSON.stringify(state.options.style));
        if (typeof state.options.placeholder === 'string') params.set('placeholder', state.options.placeholder);
        if (state.options.showIcon) params.set('showIcon', 'true');
        if (state.options.disabled) params.set('disabled', 'true');
        return BASE + '/v3/elements-inner-card?' + params.toString();
      }

      api.mount = function (target) {
        if (state.destroyed) throw integrationError('This Element has already been destroyed. Please create a new one.');
        var node = target;
        if (typeof target === 'string') {
          node = document.querySelector(target);
          if (!node) throw integrationError('The selector you specified (' + target + ') applies to no DOM elements that are currently on the page.\\nMake sure the element exists on the page before calling mount().');
        }
        if (!node || node.nodeType !== 1) throw integrationError('Invalid DOM element. Make sure to call mount() with a valid DOM element or selector.');
        if (typeof ShadowRoot !== 'undefined' && node.getRootNode() instanceof ShadowRoot) {
          throw integrationError('Elements cannot be mounted in a ShadowRoot. Please mount in the Light DOM.');
        }
        if (!node.isConnected) throw integrationError('The element you specified is not attached to the document. Make sure the element is on the page before calling mount().');
        if (state.iframe) throw integrationError('This Element is already mounted. Use \`unmount()\` to unmount the Element before re-mounting.');
        var container = document.createElement('div');
        container.className = '__PrivateStripeElement';
        container.style.margin = '0'; container.style.padding = '0'; container.style.border = 'none'; container.style.display = 'block';
        var iframe = document.createElement('iframe');
        iframe.name = '__privateStripeFrame' + randomId().slice(0, 6);
        iframe.title = /^ja/i.test(locale) ? 'セキュアカード入力フレーム' : 'Secure card input frame';
        iframe.setAttribute('allowtransparency', 'true');
        iframe.setAttribute('scrolling', 'no');
        var st = iframe.style;
        st.border = 'none'; st.margin = '0'; st.padding = '0'; st.width = '1px'; st.minWidth = '100%'; st.overflow = 'hidden'; st.display = 'block'; st.height = '19.2px';
        iframe.src = frameUrl();
        container.appendChild(iframe);
        node.appendChild(container);
        node.classList.add('StripeElement', 'StripeElement--empty');
        state.iframe = iframe;
        state.container = container;
        state.host = node;
        frame.iframe = iframe;
      };
      api.unmount = function () {
        if (state.container) state.container.remove();
        if (state.host) state.host.classList.remove('StripeElement', 'StripeElement--empty', 'StripeElement--focus', 'StripeElement--complete', 'StripeElement--invalid');
        state.iframe = null;
        state.container = null;
        state.host = null;
        frame.iframe = null;
      };
      api.destroy = function () {
        api.unmount();
        state.destroyed = true;
        handlers = {};
        frames.splice(frames.indexOf(frame), 1);
        forget();
      };
      api.focus = function () { if (state.iframe) { state.iframe.focus(); send({ type: 'focus' }); } };
      api.blur = function () { send({ type: 'blur' }); };
      api.clear = function () { send({ type: 'clear' }); };
      api.update = function (options) {
        if (!options || typeof options !== 'object') return;
        for (var k in options) state.options[k] = options[k];
        send({ type: 'update', options: JSON.parse(JSON.stringify(options)) });
      };
      api.on = function (name, fn) { return on(name, fn, false); };
      api.once = function (name, fn) { return on(name, fn, true); };
      api.off = function (name, fn) { return off(name, fn); };
      return api;
    }

    return {
      elements: elements,
      confirmCardPayment: function (clientSecret, data, options) {
        return confirm('payment_intent', 'card', clientSecret, data, options, 'stripe.confirmCardPayment');
      },
      confirmCardSetup: function (clientSecret, data, options) {
        return confirm('setup_intent', 'card', clientSecret, data, options, 'stripe.confirmCardSetup');
      },
      confirmKonbiniPayment: function (clientSecret, data, options) {
        return confirm('payment_intent', 'konbini', clientSecret, data, options, 'stripe.confirmKonbiniPayment');
      },
      retrievePaymentIntent: function (clientSecret) {
        var intent = intentOf(clientSecret, 'stripe.retrievePaymentIntent');
        return retrieve('payment_intent', intent.id, clientSecret).then(function (answer) {
          return answer.error ? { error: answer.error } : { paymentIntent: answer.ok };
        });
      },
      retrieveSetupIntent: function (clientSecret) {
        var intent = intentOf(clientSecret, 'stripe.retrieveSetupIntent');
        return retrieve('setup_intent', intent.id, clientSecret).then(function (answer) {
          return answer.error ? { error: answer.error } : { setupIntent: answer.ok };
        });
      },
      handleNextAction: function (options) {
        var clientSecret = options && options.clientSecret;
        var intent = intentOf(clientSecret, 'stripe.handleNextAction');
        return retrieve(intent.kind, intent.id, clientSecret).then(function (answer) {
          if (answer.error) return { error: answer.error };
          if (answer.ok.status !== 'requires_action') {
            throw integrationError('handleNextAction: the ' + intent.kind + ' must have the status requires_action; it has ' + answer.ok.status + '.');
          }
          return handleAction(intent.kind, answer.ok, clientSecret);
        });
      },
    };
  }
  Stripe.version = 3;
  Object.defineProperty(Stripe, '__kessaiSandbox', { value: true });
  window.Stripe = Stripe;
})();
`;
