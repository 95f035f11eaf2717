package challenge

import (
	"errors"
	"testing"
)

// FuzzVerify feeds Verify tokens and nonces of every shape. Besides not
// panicking, whatever it accepts must then be refused as a replay, and every
// refusal must be one of the documented errors, which the web layer maps to
// one message.
func FuzzVerify(f *testing.F) {
	seed := NewIssuer(testKey, 0, testTTL)
	good := seed.New(testNow).Token
	for _, s := range []string{good, "", ".", "..", good + ".", "." + good, good[:len(good)/2], "v1|x|1|0.AAAA", "\x00\xff.\x80"} {
		for _, n := range []string{"0", "", "-1", "9999999999999999999999", "١٢"} {
			f.Add(s, n)
		}
	}
	f.Fuzz(func(t *testing.T, token, nonce string) {
		// A fresh Issuer each time so the seed token can be accepted again
		// and the replay check is exercised on every accepted input.
		iss := NewIssuer(testKey, 0, testTTL)
		err := iss.Verify(token, nonce, testNow)
		if err == nil {
			if err := iss.Verify(token, nonce, testNow); !errors.Is(err, ErrReplayed) {
				t.Fatalf("accepted token %q twice (second: %v)", token, err)
			}
			return
		}
		for _, known := range []error{ErrMissing, ErrExpired, ErrInvalid, ErrReplayed, ErrTooWeak} {
			if errors.Is(err, known) {
				return
			}
		}
		t.Fatalf("Verify(%q, %q) = %v, not a documented error", token, nonce, err)
	})
}
