package outbox

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Headers of a delivery: part of the contract with receivers, who read
// them by these names in whatever language they write.
const (
	HeaderEvent      = "X-Qinglang-Event"
	HeaderDelivery   = "X-Qinglang-Delivery"
	HeaderKey        = "Idempotency-Key"
	HeaderTimestamp  = "X-Qinglang-Timestamp"
	HeaderSignature  = "X-Qinglang-Signature"
	signatureVersion = "v1="
)

var (
	ErrNoSignature = errors.New("outbox: delivery is not signed")
	ErrTimestamp   = errors.New("outbox: delivery timestamp missing or outside the tolerance")
	ErrSignature   = errors.New("outbox: signature does not match")
)

// Sign returns the signature header value for body sent at ts (unix
// seconds). The timestamp is inside the MAC so a captured delivery cannot
// be replayed later with a fresh timestamp.
func Sign(secret []byte, ts int64, body []byte) string {
	return signatureVersion + hex.EncodeToString(mac(secret, ts, body))
}

func mac(secret []byte, ts int64, body []byte) []byte {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(strconv.FormatInt(ts, 10)))
	m.Write([]byte("."))
	m.Write(body)
	return m.Sum(nil)
}

// Verify checks a delivery the way a receiver should: the timestamp within
// ±tolerance of now (so an old delivery cannot be replayed) and one of the
// signatures matching. The header may carry several comma-separated v1=
// values, so a sender can sign with the old and new secret while rotating.
func Verify(secret []byte, header http.Header, body []byte, now time.Time, tolerance time.Duration) error {
	sigs := header.Get(HeaderSignature)
	if sigs == "" {
		return ErrNoSignature
	}
	ts, err := strconv.ParseInt(header.Get(HeaderTimestamp), 10, 64)
	if err != nil {
		return ErrTimestamp
	}
	if d := now.Sub(time.Unix(ts, 0)); d > tolerance || d < -tolerance {
		return ErrTimestamp
	}
	want := mac(secret, ts, body)
	for s := range strings.SplitSeq(sigs, ",") {
		v, ok := strings.CutPrefix(strings.TrimSpace(s), signatureVersion)
		got, err := hex.DecodeString(v)
		// hmac.Equal takes constant time, so timing tells an attacker
		// nothing about how much of a forged signature was right.
		if ok && err == nil && hmac.Equal(got, want) {
			return nil
		}
	}
	return ErrSignature
}
