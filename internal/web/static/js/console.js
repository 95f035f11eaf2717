/*
 * console.js: keyboard and small conveniences of the staff console. Every
 * page works without it (forms post, links open); it only adds:
 *   - in the queue, j / k move between cases and Enter opens the current
 *     one (its link holds the focus, so Enter is the browser's own);
 *   - "/" jumps to the search box;
 *   - a "select all" box and a count of the selected cases for batches;
 *   - choosing a reply template fills the reply box (without script the
 *     "use template" button reloads the page with it filled);
 *   - the flash or error after an action gets the focus, so a screen
 *     reader reads it first.
 * ES5 on purpose, like form.js.
 */
(function () {
  'use strict';

  function each(selector, fn) {
    var list = document.querySelectorAll(selector), i;
    for (i = 0; i < list.length; i++) fn(list[i]);
  }

  // Keys typed into a field belong to the field, not to the shortcuts.
  function typing(el) {
    var tag = el && el.tagName;
    return tag === 'INPUT' && el.type !== 'checkbox' || tag === 'TEXTAREA' || tag === 'SELECT' || el && el.isContentEditable;
  }

  var rows = document.querySelectorAll('table.queue tbody tr');
  var current = -1;

  function move(to) {
    if (!rows.length) return;
    to = Math.max(0, Math.min(rows.length - 1, to));
    if (current >= 0) rows[current].classList.remove('current');
    current = to;
    rows[current].classList.add('current');
    var link = rows[current].querySelector('a');
    if (link) link.focus();
  }

  // A focus that arrives in a row by Tab makes that row the current one.
  each('table.queue tbody tr', function (row) {
    row.addEventListener('focusin', function () {
      var i;
      for (i = 0; i < rows.length; i++) {
        if (rows[i] === row && current !== i) {
          if (current >= 0) rows[current].classList.remove('current');
          current = i;
          row.classList.add('current');
        }
      }
    });
  });

  document.addEventListener('keydown', function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
    if (e.key === '/') {
      var search = document.querySelector('[data-search-key]');
      if (search) {
        e.preventDefault();
        search.focus();
        search.select();
      }
    } else if (e.key === 'j' && rows.length) {
      e.preventDefault();
      move(current + 1);
    } else if (e.key === 'k' && rows.length) {
      e.preventDefault();
      move(current < 0 ? 0 : current - 1);
    }
  });

  var counter = document.querySelector('[data-selected-count]');
  function count() {
    if (!counter) return;
    var n = document.querySelectorAll('table.queue tbody input[name="id"]:checked').length;
    counter.textContent = n ? counter.getAttribute('data-text').replace('{n}', n) : '';
  }
  each('[data-check-all]', function (all) {
    all.hidden = false;
    all.addEventListener('change', function () {
      each('table.queue tbody input[name="id"]', function (box) { box.checked = all.checked; });
      count();
    });
  });
  each('table.queue tbody input[name="id"]', function (box) { box.addEventListener('change', count); });

  each('select[data-fill]', function (sel) {
    var target = document.getElementById(sel.getAttribute('data-fill'));
    if (!target) return;
    each('[data-nojs]', function (b) { b.hidden = true; });
    sel.addEventListener('change', function () {
      var o = sel.options[sel.selectedIndex];
      var body = o && o.getAttribute('data-body');
      if (body !== null && body !== undefined) {
        target.value = body;
        target.focus();
      }
    });
  });

  each('#case-flash, #transfers-flash', function (flash) {
    if (flash.querySelector('[role="alert"], [role="status"]')) flash.focus();
  });
})();
