/*
 * embed.js: the loader partner platforms paste into their pages,
 *   <script src="https://CENTER/p/CODE/embed.js" async></script>
 * It puts the iframe of that entrance (https://CENTER/p/CODE/embed) where
 * the script tag stands, full width up to 40rem, and keeps its height
 * fitted to the form: the frame tells its height (embed_frame.js) and
 * scrolls back into view when the form is submitted.
 *
 * It runs on the platform's page, so it touches nothing else there: no
 * globals, no styles outside the iframe, and messages are taken only from
 * this iframe and the center's origin. ES5, like the portal's scripts.
 */
(function () {
  'use strict';
  var me = document.currentScript;
  if (!me || !me.src || !me.parentNode) return;
  var src = me.src.replace(/\/embed\.js([?#].*)?$/, '/embed');
  var a = document.createElement('a');
  a.href = src;
  var origin = a.protocol + '//' + a.host;

  var frame = document.createElement('iframe');
  frame.src = src;
  frame.title = me.getAttribute('data-title') || '网上举报';
  frame.style.cssText = 'display:block;width:100%;max-width:40rem;height:1400px;border:0;margin:0 auto;';
  me.parentNode.insertBefore(frame, me);

  var loads = 0;
  window.addEventListener('message', function (e) {
    if (e.source !== frame.contentWindow || e.origin !== origin) return;
    var d = e.data;
    if (!d || typeof d !== 'object') return;
    if (typeof d.height === 'number' && d.height > 0) {
      frame.style.height = Math.ceil(d.height) + 'px';
    }
    // After a submit the frame holds a new page (the receipt or the form
    // with its errors): show its top, not the middle of the old form.
    if (d.type === 'qinglang:load' && ++loads > 1 && frame.scrollIntoView) frame.scrollIntoView();
  });
})();
