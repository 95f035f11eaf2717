/*
 * form.js: small conveniences of the public portal. Every page works
 * without it; it only adds:
 *   - a live character counter: <p data-counter-for="ID"
 *     data-counter-text="已输入 {n} / {max} 字"> for a textarea with
 *     data-maxlength, counting characters as the server does (code points);
 *   - copy buttons: <button data-copy="ID" data-copied="已复制" hidden>
 *     copy the text of element ID;
 *   - print buttons: <button data-print hidden>;
 *   - focus on the error summary of a refused form, so screen readers
 *     read it first and phone users see it without scrolling.
 * Buttons are rendered hidden and shown here, so a browser without
 * JavaScript does not show buttons that do nothing.
 *
 * ES5 on purpose, like pow.js: old Android WebViews run it too.
 */
(function () {
  'use strict';

  function each(selector, fn) {
    var list = document.querySelectorAll(selector), i;
    for (i = 0; i < list.length; i++) fn(list[i]);
  }

  // Surrogate pairs count once, as Go's utf8.RuneCountInString does.
  function codePoints(s) {
    return s.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, '_').length;
  }

  each('[data-counter-for]', function (out) {
    var field = document.getElementById(out.getAttribute('data-counter-for'));
    var text = out.getAttribute('data-counter-text');
    if (!field || !text) return;
    var max = parseInt(field.getAttribute('data-maxlength'), 10);
    // Announce only now and then: a screen reader reading every keystroke
    // would drown the typing.
    out.setAttribute('aria-live', 'off');
    function update() {
      var n = codePoints(field.value);
      out.textContent = text.replace('{n}', n).replace('{max}', max);
      out.className = n > max ? 'counter over' : 'counter';
      out.setAttribute('aria-live', n > max ? 'polite' : 'off');
    }
    field.addEventListener('input', update);
    update();
  });

  function copyText(text, done) {
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () { legacyCopy(text, done); });
      return;
    }
    legacyCopy(text, done);
  }

  // On plain http:// the Clipboard API is missing; a selected textarea
  // and execCommand still work in every browser that matters here.
  function legacyCopy(text, done) {
    var ta = document.createElement('textarea');
    ta.value = text;
    ta.setAttribute('readonly', '');
    ta.className = 'offscreen';
    document.body.appendChild(ta);
    ta.select();
    try {
      if (document.execCommand('copy')) done();
    } catch (err) { /* the reporter can still select the text by hand */ }
    document.body.removeChild(ta);
  }

  each('[data-copy]', function (btn) {
    var src = document.getElementById(btn.getAttribute('data-copy'));
    if (!src) return;
    var label = btn.textContent;
    btn.hidden = false;
    btn.addEventListener('click', function () {
      copyText(src.textContent.trim(), function () {
        btn.textContent = btn.getAttribute('data-copied') || label;
        setTimeout(function () { btn.textContent = label; }, 2000);
      });
    });
  });

  var summary = document.getElementById('error-summary');
  if (summary) summary.focus();

  if (window.print) {
    each('[data-print]', function (btn) {
      btn.hidden = false;
      btn.addEventListener('click', function () { window.print(); });
    });
  }
})();
