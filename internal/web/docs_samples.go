package web

// The verification samples of the webhook documentation, standard library
// only, each a function a reader can paste as it is. docs_test.go runs
// every one against the page's test vector, so a sample that stops
// working fails the build instead of a platform's integration.

const sampleGo = `package webhook

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"time"
)

// Verify reports whether a delivery is genuine and fresh. timestamp and
// signature are the X-Qinglang-Timestamp and X-Qinglang-Signature
// headers; body is the raw request body, read before any JSON decoding.
func Verify(secret, timestamp, signature string, body []byte, now time.Time) bool {
	ts, err := strconv.ParseInt(timestamp, 10, 64)
	if err != nil {
		return false
	}
	if age := now.Sub(time.Unix(ts, 0)); age > 5*time.Minute || age < -5*time.Minute {
		return false
	}
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(timestamp + "."))
	mac.Write(body)
	want := mac.Sum(nil)
	for _, v := range strings.Split(signature, ",") {
		sig, ok := strings.CutPrefix(strings.TrimSpace(v), "v1=")
		got, err := hex.DecodeString(sig)
		if ok && err == nil && hmac.Equal(got, want) {
			return true
		}
	}
	return false
}
`

const samplePython = `import hashlib
import hmac
import time


def verify(secret: str, timestamp: str, signature: str, body: bytes, now=None) -> bool:
    """Check one delivery. timestamp and signature are the X-Qinglang-Timestamp
    and X-Qinglang-Signature headers; body is the raw request body (bytes)."""
    now = time.time() if now is None else now
    if not timestamp.isdigit() or abs(now - int(timestamp)) > 300:
        return False
    want = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    for v in signature.split(","):
        v = v.strip()
        if v.startswith("v1=") and hmac.compare_digest(v[3:].encode(), want.encode()):
            return True
    return False
`

const sampleNode = `const crypto = require('node:crypto');

// verify checks one delivery. timestamp and signature are the
// X-Qinglang-Timestamp and X-Qinglang-Signature headers; body is the raw
// request body as a Buffer (with Express: express.raw({ type: 'application/json' })).
function verify(secret, timestamp, signature, body, now = Date.now() / 1000) {
  if (!/^[0-9]+$/.test(timestamp) || Math.abs(now - Number(timestamp)) > 300) return false;
  const want = crypto.createHmac('sha256', secret).update(timestamp + '.').update(body).digest();
  return signature.split(',').some((v) => {
    v = v.trim();
    if (!v.startsWith('v1=')) return false;
    const got = Buffer.from(v.slice(3), 'hex');
    return got.length === want.length && crypto.timingSafeEqual(got, want);
  });
}

module.exports = { verify };
`
