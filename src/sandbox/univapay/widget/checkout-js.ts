/**
 * # A stand-in of UnivaPay's widget script, for the inline form (インラインフォーム)
 *
 * UnivaPay's own script is `https://widget.univapay.com/client/checkout.js`. The sandbox serves this
 * stand-in at `<univapay basePath>/client/checkout.js` (`/sandbox/univapay/client/checkout.js`), with
 * the public surface that UnivaPay's own WooCommerce plugin uses for the inline form. Sources and what
 * is confirmed: docs/providers.md, section "UnivaPay" (the inline form's official pages could not be
 * read; most of what follows comes from UnivaPay's own plugin code).
 *
 * What it does:
 * - On load, and for every element added later (a `MutationObserver` watches the document, since a page
 *   may add the span after the script ran), it replaces each `<span data-app-id="…"
 *   data-checkout="token" data-inline="true" …>` with an `<iframe name="univapay-checkout-connector">`.
 *   The iframe's `src` is on the sandbox's own origin (another origin than the page, as UnivaPay's is):
 *   `<basePath>/client/inline?appId&checkout&tokenType&email&phoneNumber&itemStyle&locale&origin`.
 * - Attributes it reads: `data-app-id` (the app token), `data-checkout` (only `token` is emulated;
 *   another value leaves the span and logs an error), `data-inline` (`true`), `data-token-type`
 *   (default `one_time`; `recurring` makes a recurring token, whose 3-D Secure the form runs itself for
 *   the sandbox's challenge cards: docs/providers.md, "UnivaPay › Recurring tokens"), `data-email`
 *   (the form then asks for no email), `data-phone-number` (put on the card token when it is a
 *   Japanese number), `data-inline-item-style` (CSS applied to each field
 *   row inside the iframe), `data-locale` (`ja` by default, `en…` for English).
 * - The iframe page (`inline-form.ts`) has labelled fields in Japanese or English: email (only
 *   without `data-email`), `data.cardholder`, `data.cardNumber`, `data.exp` (MM/YY), `data.cvv`. It
 *   tells the page its content height by `postMessage`, and the stand-in sizes the iframe to it.
 * - `window.UnivapayCheckout.submit(iframe)` returns a Promise. It posts a message to that iframe; the
 *   iframe checks the fields, creates the transaction token on the sandbox (a same-origin `POST` to
 *   `<basePath>/client/inline/tokens`, which runs the same token creation as `POST /tokens`, checks the
 *   app token and that the page's origin is one of its domains, and always takes the card data: it was
 *   typed into UnivaPay's own form) and answers the page by `postMessage` (target origin: the page's).
 *   The stand-in then adds, or updates, `<input type="hidden" name="univapayTokenId" value="<token
 *   id>">` in the iframe's closest `<form>`, and resolves with `{ token: "<token id>" }`. On invalid
 *   input, or when the sandbox refuses the token, it rejects with an `Error` whose `message` is the
 *   text the form shows (several errors: one per line), and the iframe shows the errors. A second
 *   `submit` while one runs gets the same promise (one submit, one token); no answer in 30 seconds
 *   rejects, unless the form says it shows a recurring token's 3-D Secure step
 *   (`univapay:authenticating`: docs/providers.md, "UnivaPay › Recurring tokens"), which has no deadline.
 * - Messages are taken only from the expected origin and window on both sides: the stand-in only from
 *   the sandbox's origin and a connector iframe's window, the iframe only from the declared page
 *   origin and its parent window. The iframe page may be framed by the declared origin only
 *   (`frame-ancestors`).
 * - It runs under a strict CSP with Trusted Types: no `eval`, no inline handlers or styles in markup,
 *   no HTML strings (the DOM is built with `createElement`); the page's CSP needs the sandbox origin in
 *   `script-src` and `frame-src`. Loading it twice is harmless.
 *
 * UNCONFIRMED (docs/providers.md, section "UnivaPay"): the resolved value of `submit` (UnivaPay's own
 * code reads only `res.charge`, for `checkout=payment`; `{ token }` is the sandbox's choice; the
 * hidden input is documented), the rejection's shape beyond `message`, the iframe's query parameters
 * and messages (UnivaPay's are its own business), `data-locale`, the field-level error texts, whether
 * UnivaPay checks the page origin against the app token's domains inside the form, and the `univapay:*`
 * window events (not emulated). `checkout=payment` (the widget charges, `univapayChargeId`) and the
 * modal widget (`UnivapayCheckout.create`) are not emulated.
 *
 * The script is plain browser JavaScript kept in a string (the sandbox runs on edge runtimes too, with
 * no file system); `test/node/sandbox/univapay-widget.test.ts` runs it in Chromium.
 */
export const CHECKOUT_JS = `/* UnivaPay checkout.js stand-in (kessai-elements sandbox): the inline form only. Not UnivaPay's code. */
(function () {
  'use strict';
  if (window.UnivapayCheckout && typeof window.UnivapayCheckout.submit === 'function') return;
  var script = document.currentScript;
  if (!script || !script.src) {
    console.error('UnivaPay sandbox checkout.js: load it with <script src="…/client/checkout.js">.');
    return;
  }
  var scriptUrl = new URL(script.src, document.baseURI);
  var SANDBOX_ORIGIN = scriptUrl.origin;
  var BASE = SANDBOX_ORIGIN + scriptUrl.pathname.replace(/\\/client\\/checkout\\.js$/, '');
  var FRAME_NAME = 'univapay-checkout-connector';
  var SUBMIT_TIMEOUT_MS = 30000;
  var states = new WeakMap();
  var sequence = 0;

  function localeOf(value) {
    return /^en/i.test(value || '') ? 'en' : 'ja';
  }

  function mount(span) {
    if (!span.isConnected || states.has(span) || span.getAttribute('data-inline') !== 'true') return;
    var appId = span.getAttribute('data-app-id');
    if (!appId) return;
    var checkout = span.getAttribute('data-checkout') || 'token';
    if (checkout !== 'token') {
      console.error('UnivaPay sandbox checkout.js: the inline form emulates data-checkout="token" only.');
      return;
    }
    var locale = localeOf(span.getAttribute('data-locale'));
    var params = new URLSearchParams();
    params.set('appId', appId);
    params.set('checkout', checkout);
    params.set('tokenType', span.getAttribute('data-token-type') || 'one_time');
    var optional = [['email', 'data-email'], ['phoneNumber', 'data-phone-number'], ['itemStyle', 'data-inline-item-style']];
    for (var i = 0; i < optional.length; i++) {
      var value = span.getAttribute(optional[i][1]);
      if (value) params.set(optional[i][0], value);
    }
    params.set('locale', locale);
    params.set('origin', location.origin);

    var iframe = document.createElement('iframe');
    iframe.name = FRAME_NAME;
    iframe.title = locale === 'en' ? 'UnivaPay card form' : 'UnivaPay カード情報入力フォーム';
    iframe.style.display = 'block';
    iframe.style.width = '100%';
    iframe.style.border = '0';
    var state = { ready: null, onReady: null, pending: new Map(), busy: null };
    state.ready = new Promise(function (resolve) {
      state.onReady = resolve;
    });
    states.set(iframe, state);
    states.set(span, null);
    iframe.src = BASE + '/client/inline?' + params.toString();
    span.replaceWith(iframe);
  }

  function scan(node) {
    if (!node || node.nodeType !== 1) return;
    if (node.matches('span[data-app-id][data-inline]')) mount(node);
    var spans = node.querySelectorAll('span[data-app-id][data-inline]');
    for (var i = 0; i < spans.length; i++) mount(spans[i]);
  }

  function frameOf(source) {
    var frames = document.getElementsByName(FRAME_NAME);
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === source && states.get(frames[i])) return frames[i];
    }
    return null;
  }

  window.addEventListener('message', function (event) {
    if (event.origin !== SANDBOX_ORIGIN) return;
    var frame = frameOf(event.source);
    var data = event.data;
    if (!frame || !data || typeof data !== 'object' || typeof data.type !== 'string') return;
    var state = states.get(frame);
    if (data.type === 'univapay:ready') {
      state.onReady();
    } else if (data.type === 'univapay:height') {
      var height = Number(data.height);
      if (height > 0 && height < 5000) frame.style.height = Math.ceil(height) + 'px';
    } else if (data.type === 'univapay:authenticating' && typeof data.id === 'string') {
      // The form shows a recurring token's 3-D Secure step: the shopper takes the time it takes.
      var authenticating = state.pending.get(data.id);
      if (authenticating) clearTimeout(authenticating.timer);
    } else if (data.type === 'univapay:result' && typeof data.id === 'string') {
      var waiting = state.pending.get(data.id);
      if (!waiting) return;
      state.pending.delete(data.id);
      if (data.ok === true && typeof data.tokenId === 'string' && data.tokenId) waiting.resolve(data.tokenId);
      else waiting.reject(new Error(typeof data.message === 'string' && data.message ? data.message : 'The card could not be sent.'));
    }
  });

  function putTokenInput(iframe, tokenId) {
    var form = iframe.closest('form');
    if (!form) return;
    var input = form.querySelector('input[name="univapayTokenId"]');
    if (!input) {
      input = document.createElement('input');
      input.type = 'hidden';
      input.name = 'univapayTokenId';
      form.appendChild(input);
    }
    input.value = tokenId;
  }

  function submit(iframe) {
    var state = iframe ? states.get(iframe) : null;
    if (!state) return Promise.reject(new Error('UnivapayCheckout.submit: this is not a UnivaPay inline form iframe.'));
    if (state.busy) return state.busy;
    var id = 'submit-' + (sequence += 1) + '-' + Math.random().toString(36).slice(2);
    var timer = 0;
    var answer = new Promise(function (resolve, reject) {
      timer = setTimeout(function () {
        state.pending.delete(id);
        reject(new Error('The UnivaPay form did not answer.'));
      }, SUBMIT_TIMEOUT_MS);
      state.pending.set(id, { resolve: resolve, reject: reject, timer: timer });
      state.ready.then(function () {
        if (!iframe.contentWindow) return;
        iframe.contentWindow.postMessage({ type: 'univapay:submit', id: id }, SANDBOX_ORIGIN);
      });
    });
    state.busy = answer
      .then(function (tokenId) {
        putTokenInput(iframe, tokenId);
        return { token: tokenId };
      })
      .finally(function () {
        clearTimeout(timer);
        state.busy = null;
      });
    return state.busy;
  }

  window.UnivapayCheckout = Object.freeze({ submit: submit });

  new MutationObserver(function (records) {
    for (var i = 0; i < records.length; i++) {
      var added = records[i].addedNodes;
      for (var j = 0; j < added.length; j++) scan(added[j]);
    }
  }).observe(document.documentElement, { childList: true, subtree: true });
  scan(document.documentElement);
})();
`;
