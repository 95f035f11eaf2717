/*
 * embed_frame.js: the entrance's form inside a partner platform's iframe.
 *   - It tells the embedding page (embed.js) its height whenever that
 *     changes, so the iframe never scrolls inside the platform's page. The
 *     height is no secret, so any parent may hear it.
 *   - Links and forms that leave the report form (the tracking page, the
 *     home page) open in a new tab: those pages refuse to be framed.
 *     In-page links (#f-content from the error summary) stay.
 * ES5, like the portal's other scripts.
 */
(function () {
  'use strict';
  if (window.parent === window || !document.getElementById('main')) return;

  var i, list = document.querySelectorAll('a[href], form');
  for (i = 0; i < list.length; i++) {
    var el = list[i];
    if (el.classList.contains('report-form')) continue;
    if (el.tagName === 'A' && el.getAttribute('href').charAt(0) === '#') continue;
    el.setAttribute('target', '_blank');
    if (el.tagName === 'A') el.setAttribute('rel', 'noopener');
  }

  // The height of the content, not documentElement.scrollHeight: that is
  // never less than the frame itself, so the frame could grow but never
  // shrink back (a receipt is much shorter than the form).
  var main = document.getElementById('main');
  var last = 0;
  function tell(type) {
    var h = Math.ceil(main.getBoundingClientRect().bottom + window.pageYOffset) + 16;
    if (type === 'qinglang:height' && h === last) return;
    last = h;
    window.parent.postMessage({ type: type, height: h }, '*');
  }
  tell('qinglang:load');
  if (window.ResizeObserver) {
    new ResizeObserver(function () { tell('qinglang:height'); }).observe(document.body);
  } else {
    window.addEventListener('resize', function () { tell('qinglang:height'); });
    setInterval(function () { tell('qinglang:height'); }, 1000);
  }
})();
