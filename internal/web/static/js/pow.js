/*
 * pow.js: the browser half of the report form's proof-of-work check
 * (internal/challenge). For every <form data-pow data-pow-salt="…"
 * data-pow-difficulty="…"> it finds the smallest decimal nonce such that
 * SHA-256(salt + ":" + nonce) starts with `difficulty` zero bits, puts it in
 * the form's hidden input name="pow_nonce", and holds back submission until
 * then. The server-rendered hidden input name="pow_token" is left untouched.
 *
 * Written in ES5 syntax on purpose: it is valid ES2017 and also runs in the
 * years-old Android WebViews many elderly reporters still use.
 */
(function () {
  'use strict';

  // powCore holds the hashing and the search. It must not refer to anything
  // outside itself, because its source text is also the Web Worker's code.
  //
  // SHA-256 is our own: crypto.subtle is missing on plain http:// and in old
  // WebViews, and even where present its one-promise-per-hash API is slower
  // than this loop for 50-byte inputs.
  function powCore() {
    var K = new Int32Array([
      0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
      0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
      0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
      0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
      0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
      0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
      0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
      0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
    ]);
    var IV = new Int32Array([
      0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19
    ]);
    var W = new Int32Array(64);

    function compress(H, p, off) {
      var i, j, x, y, t1, t2;
      var a = H[0], b = H[1], c = H[2], d = H[3], e = H[4], f = H[5], g = H[6], h = H[7];
      for (i = 0; i < 16; i++) {
        j = off + i * 4;
        W[i] = (p[j] << 24) | (p[j + 1] << 16) | (p[j + 2] << 8) | p[j + 3];
      }
      for (i = 16; i < 64; i++) {
        x = W[i - 15];
        y = W[i - 2];
        W[i] = (W[i - 16] + W[i - 7] +
          (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) +
          (((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10))) | 0;
      }
      for (i = 0; i < 64; i++) {
        t1 = (h + (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))) +
          ((e & f) ^ (~e & g)) + K[i] + W[i]) | 0;
        t2 = ((((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))) +
          ((a & b) ^ (a & c) ^ (b & c))) | 0;
        h = g; g = f; f = e; e = (d + t1) | 0;
        d = c; c = b; b = a; a = (t1 + t2) | 0;
      }
      H[0] = (H[0] + a) | 0; H[1] = (H[1] + b) | 0; H[2] = (H[2] + c) | 0; H[3] = (H[3] + d) | 0;
      H[4] = (H[4] + e) | 0; H[5] = (H[5] + f) | 0; H[6] = (H[6] + g) | 0; H[7] = (H[7] + h) | 0;
    }

    // digestInto hashes buf[0:len] into the eight words H. buf must have room
    // for the padding (blocks(len) * 64 bytes) and is overwritten past len.
    function digestInto(H, buf, len) {
      var n = blocks(len) * 64, i;
      buf[len] = 0x80;
      for (i = len + 1; i < n - 8; i++) buf[i] = 0;
      // The message length in bits as a 64-bit big-endian number, split so
      // that lengths past 512 MB stay exact.
      var hi = Math.floor(len / 0x20000000), lo = (len * 8) % 0x100000000;
      buf[n - 8] = hi >>> 24; buf[n - 7] = hi >>> 16; buf[n - 6] = hi >>> 8; buf[n - 5] = hi;
      buf[n - 4] = lo >>> 24; buf[n - 3] = lo >>> 16; buf[n - 2] = lo >>> 8; buf[n - 1] = lo;
      H.set(IV);
      for (i = 0; i < n; i += 64) compress(H, buf, i);
    }

    function blocks(len) {
      return Math.floor((len + 9 + 63) / 64);
    }

    // sha256 returns the 32-byte digest of a byte array.
    function sha256(bytes) {
      var buf = new Uint8Array(blocks(bytes.length) * 64);
      var H = new Int32Array(8), out = new Uint8Array(32), i;
      buf.set(bytes);
      digestInto(H, buf, bytes.length);
      for (i = 0; i < 8; i++) {
        out[i * 4] = H[i] >>> 24; out[i * 4 + 1] = H[i] >>> 16;
        out[i * 4 + 2] = H[i] >>> 8; out[i * 4 + 3] = H[i];
      }
      return out;
    }

    // utf8 encodes a string; TextEncoder is missing in the old WebViews.
    function utf8(s) {
      var out = [], i, c, d;
      for (i = 0; i < s.length; i++) {
        c = s.charCodeAt(i);
        if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length) {
          d = s.charCodeAt(i + 1);
          if (d >= 0xdc00 && d < 0xe000) {
            c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
            i++;
          }
        }
        if (c >= 0xd800 && c < 0xe000) c = 0xfffd; // lone surrogate, as TextEncoder does
        if (c < 0x80) {
          out.push(c);
        } else if (c < 0x800) {
          out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
        } else if (c < 0x10000) {
          out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
        } else {
          out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
        }
      }
      return new Uint8Array(out);
    }

    function sha256Hex(s) {
      var d = sha256(utf8(s)), hex = '', i;
      for (i = 0; i < d.length; i++) hex += (d[i] < 16 ? '0' : '') + d[i].toString(16);
      return hex;
    }

    // zeroBits counts the leading zero bits of the digest words H.
    // (Math.clz32 is ES2015 and absent from the oldest WebViews.)
    function zeroBits(H) {
      var n = 0, i, w;
      for (i = 0; i < 8; i++) {
        w = H[i] >>> 0;
        if (w !== 0) {
          while (w < 0x80000000) { w = w * 2; n++; }
          return n;
        }
        n += 32;
      }
      return n;
    }

    // searchRange tries nonces start .. start+count-1 in order and returns the
    // first that works, or -1. Counting up from 0 in order, like the Go
    // Solve, means both sides agree on the answer, which the tests rely on.
    function searchRange(salt, difficulty, start, count) {
      var prefix = utf8(salt + ':'), p = prefix.length;
      var buf = new Uint8Array(blocks(p + 20) * 64), H = new Int32Array(8);
      var n, end = start + count, s, i;
      buf.set(prefix);
      for (n = start; n < end; n++) {
        s = String(n);
        for (i = 0; i < s.length; i++) buf[p + i] = s.charCodeAt(i);
        digestInto(H, buf, p + s.length);
        if (zeroBits(H) >= difficulty) return n;
      }
      return -1;
    }

    function solve(salt, difficulty) {
      return String(searchRange(salt, difficulty, 0, Infinity));
    }

    return { sha256: sha256, sha256Hex: sha256Hex, utf8: utf8, searchRange: searchRange, solve: solve };
  }

  // workerMain runs inside the Worker, next to a `core` built from powCore.
  function workerMain(e) {
    var d = e.data, step = 50000, n = 0, r;
    self.postMessage({ started: true });
    for (;;) {
      r = core.searchRange(d.salt, d.difficulty, n, step);
      if (r >= 0) {
        self.postMessage({ nonce: String(r) });
        return;
      }
      n += step;
    }
  }

  var core = powCore();

  if (typeof module !== 'undefined' && module.exports) {
    module.exports = core; // under node, for internal/challenge/testdata/pow_node_test.js
    return;
  }
  if (typeof document === 'undefined') return;

  var TEXT_WORKING = '正在进行安全校验…';
  var TEXT_DONE = '安全校验完成';

  // If a Worker has not answered within this time (a Content-Security-Policy
  // without `worker-src blob:` can block it silently), solve on the page
  // instead.
  var WORKER_START_TIMEOUT_MS = 4000;

  function solveInWorker(salt, difficulty, done, fail) {
    var URLs = window.URL || window.webkitURL, url, w, timer, finished = false;
    function fallBack() {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      try { w.terminate(); } catch (err) { /* already gone */ }
      fail();
    }
    try {
      var src = 'var core = (' + powCore.toString() + ')();\nself.onmessage = ' + workerMain.toString() + ';\n';
      url = URLs.createObjectURL(new Blob([src], { type: 'text/javascript' }));
      w = new Worker(url);
    } catch (err) {
      fail();
      return;
    }
    timer = setTimeout(fallBack, WORKER_START_TIMEOUT_MS);
    w.onerror = function (ev) {
      if (ev && ev.preventDefault) ev.preventDefault();
      fallBack();
    };
    w.onmessage = function (ev) {
      if (finished) return;
      if (ev.data.started) {
        clearTimeout(timer);
        // Revoked only now: some browsers fetch the Blob URL after new Worker
        // returns.
        URLs.revokeObjectURL(url);
        return;
      }
      finished = true;
      w.terminate();
      done(ev.data.nonce);
    };
    w.postMessage({ salt: salt, difficulty: difficulty });
  }

  // solveOnPage works in slices of about 30 ms so the page stays responsive
  // to scrolling and typing while it runs.
  function solveOnPage(salt, difficulty, done) {
    var n = 0, step = 2000;
    function slice() {
      var t0 = Date.now(), r;
      while (Date.now() - t0 < 30) {
        r = core.searchRange(salt, difficulty, n, step);
        if (r >= 0) {
          done(String(r));
          return;
        }
        n += step;
      }
      setTimeout(slice, 0);
    }
    setTimeout(slice, 0);
  }

  function submitButtons(form) {
    var out = [], i, el, els = form.elements; // includes buttons outside using form="id"
    for (i = 0; i < els.length; i++) {
      el = els[i];
      if ((el.tagName === 'BUTTON' || el.tagName === 'INPUT') && (el.type === 'submit' || el.type === 'image')) {
        out.push(el);
      }
    }
    return out;
  }

  function attach(form) {
    var salt = form.getAttribute('data-pow-salt');
    var difficulty = parseInt(form.getAttribute('data-pow-difficulty'), 10);
    var nonceInput = form.querySelector('input[name="pow_nonce"]');
    // Without a challenge there is nothing to solve; leave the form working
    // and let the server refuse it with its own message.
    if (!salt || !(difficulty >= 0) || !nonceInput) return;

    var status = form.querySelector('[data-pow-status]');
    var textWorking = form.getAttribute('data-pow-text-working') || TEXT_WORKING;
    var textDone = form.getAttribute('data-pow-text-done') || TEXT_DONE;
    var ready = false, pending = false, submitter = null;
    var disabled = [];

    function setStatus(text) {
      if (status) status.textContent = text;
    }

    if (status) {
      // Screen readers announce the change to "done" without the reporter
      // having to look for it.
      if (!status.getAttribute('role')) status.setAttribute('role', 'status');
      if (!status.getAttribute('aria-live')) status.setAttribute('aria-live', 'polite');
    }
    // A value restored by the browser's form memory belongs to an old token.
    nonceInput.value = '';
    // Only buttons we disabled are re-enabled later; ones the server rendered
    // disabled stay so.
    submitButtons(form).forEach(function (b) {
      if (!b.disabled) {
        b.disabled = true;
        disabled.push(b);
      }
    });
    setStatus(textWorking);

    form.addEventListener('submit', function (ev) {
      if (ready) return;
      // Enter in a text field, or a script, can still submit while the
      // buttons are disabled: hold it and send it once the work is done.
      ev.preventDefault();
      pending = true;
      submitter = ev.submitter || null;
      setStatus(textWorking);
    });

    function solved(nonce) {
      nonceInput.value = nonce;
      ready = true;
      disabled.forEach(function (b) { b.disabled = false; });
      setStatus(textDone);
      if (pending) submitNow(form, submitter);
    }

    if (typeof Worker !== 'undefined' && typeof Blob !== 'undefined' && (window.URL || window.webkitURL)) {
      solveInWorker(salt, difficulty, solved, function () { solveOnPage(salt, difficulty, solved); });
    } else {
      solveOnPage(salt, difficulty, solved);
    }
  }

  function submitNow(form, submitter) {
    if (form.requestSubmit) {
      try {
        // Runs the browser's validation and the submit handlers again, and
        // sends the clicked button's name and value.
        form.requestSubmit(submitter || undefined);
        return;
      } catch (err) { /* submitter no longer belongs to the form */ }
    }
    if (submitter && submitter.name) {
      var h = document.createElement('input');
      h.type = 'hidden';
      h.name = submitter.name;
      h.value = submitter.value;
      form.appendChild(h);
    }
    // Called from the prototype because a control named "submit" shadows
    // form.submit.
    HTMLFormElement.prototype.submit.call(form);
  }

  // start attaches to forms parsed so far; it runs again at DOMContentLoaded
  // for the rest, so that a form is held back from its first moment whether
  // this script sits in <head>, after the form, or is loaded with defer.
  function start() {
    var forms = document.querySelectorAll('form[data-pow]'), i;
    for (i = 0; i < forms.length; i++) {
      if (forms[i].powAttached) continue;
      forms[i].powAttached = true;
      attach(forms[i]);
    }
  }

  start();
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  }
})();
