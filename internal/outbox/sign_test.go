package outbox_test

import (
	"errors"
	"net/http"
	"strconv"
	"testing"
	"time"

	"qinglang/internal/outbox"
)

func TestVerify(t *testing.T) {
	now := time.Unix(1772000000, 0)
	body := []byte(`{"notice":{"id":7}}`)
	signed := func(key []byte, ts time.Time, b []byte) http.Header {
		h := http.Header{}
		h.Set(outbox.HeaderTimestamp, strconv.FormatInt(ts.Unix(), 10))
		h.Set(outbox.HeaderSignature, outbox.Sign(key, ts.Unix(), b))
		return h
	}
	rotating := signed(secret, now, body)
	rotating.Set(outbox.HeaderSignature, outbox.Sign([]byte("old"), now.Unix(), body)+", "+rotating.Get(outbox.HeaderSignature))
	for _, c := range []struct {
		name   string
		header http.Header
		body   []byte
		want   error
	}{
		{"good", signed(secret, now, body), body, nil},
		{"signed with old and new secret", rotating, body, nil},
		{"a little clock skew", signed(secret, now.Add(90*time.Second), body), body, nil},
		{"tampered body", signed(secret, now, body), []byte(`{"notice":{"id":8}}`), outbox.ErrSignature},
		{"wrong secret", signed([]byte("guess"), now, body), body, outbox.ErrSignature},
		{"old timestamp (replay)", signed(secret, now.Add(-6*time.Minute), body), body, outbox.ErrTimestamp},
		{"future timestamp", signed(secret, now.Add(6*time.Minute), body), body, outbox.ErrTimestamp},
		{"unsigned", http.Header{outbox.HeaderTimestamp: {"1772000000"}}, body, outbox.ErrNoSignature},
		{"no timestamp", http.Header{outbox.HeaderSignature: {outbox.Sign(secret, now.Unix(), body)}}, body, outbox.ErrTimestamp},
	} {
		if err := outbox.Verify(secret, c.header, c.body, now, 5*time.Minute); !errors.Is(err, c.want) {
			t.Errorf("%s: got %v, want %v", c.name, err, c.want)
		}
	}
	// The timestamp is signed: moving it forward to pass the tolerance
	// breaks the signature.
	h := signed(secret, now.Add(-time.Hour), body)
	h.Set(outbox.HeaderTimestamp, strconv.FormatInt(now.Unix(), 10))
	if err := outbox.Verify(secret, h, body, now, 5*time.Minute); !errors.Is(err, outbox.ErrSignature) {
		t.Errorf("replay with a fresh timestamp: %v", err)
	}
}
