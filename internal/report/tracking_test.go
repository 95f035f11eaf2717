package report

import (
	"strings"
	"testing"
)

func TestTrackingCodeRoundTrip(t *testing.T) {
	seen := map[string]bool{}
	for i := 0; i < 2000; i++ {
		c := NewTrackingCode()
		if len(c) != 11 || c[5] != '-' {
			t.Fatalf("code %q has the wrong shape", c)
		}
		if seen[c] {
			t.Fatalf("code %q repeated", c)
		}
		seen[c] = true
		if got := ParseTrackingCode(strings.ToLower(strings.ReplaceAll(c, "-", " "))); got != c {
			t.Fatalf("ParseTrackingCode(lower %q) = %q", c, got)
		}
	}
}

func TestTrackingCodeCatchesTypos(t *testing.T) {
	c := NewTrackingCode()
	raw := []byte(strings.ReplaceAll(c, "-", ""))
	for i := range raw {
		for _, s := range []byte(crockford) {
			if s == raw[i] {
				continue
			}
			typo := append([]byte(nil), raw...)
			typo[i] = s
			if ParseTrackingCode(string(typo)) != "" {
				t.Fatalf("single-symbol typo %s of %s accepted", typo, raw)
			}
		}
	}
	if ParseTrackingCode("") != "" || ParseTrackingCode("ABC") != "" || ParseTrackingCode("举报举报举报举报举报") != "" {
		t.Fatal("garbage accepted")
	}
}

func TestTrackingCodeForgivesLookalikes(t *testing.T) {
	for range 200 {
		c := NewTrackingCode()
		typed := strings.NewReplacer("0", "O", "1", "l").Replace(c)
		// full-width, as typed with a Chinese input method
		wide := []rune{}
		for _, r := range typed {
			if r > ' ' && r < 0x7F {
				r += 0xFEE0
			}
			wide = append(wide, r)
		}
		if got := ParseTrackingCode(string(wide)); got != c {
			t.Fatalf("%q typed as %q parsed to %q", c, string(wide), got)
		}
	}
}

func TestSecretNormalize(t *testing.T) {
	s := NewSecret()
	if NormalizeSecret(strings.ToLower(strings.ReplaceAll(s, "-", ""))) != s {
		t.Fatalf("secret %q does not normalize back", s)
	}
	if NormalizeSecret("short") != "" {
		t.Fatal("short secret accepted")
	}
}
