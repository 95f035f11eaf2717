package report

import (
	"crypto/rand"
	"strings"
)

// Tracking codes and secrets use Crockford's base32: digits and capital
// letters without I, L, O and U, so a code can be read aloud over the phone
// and typed back without confusing 0/O or 1/I/L.
const crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

const (
	codeRandom   = 9  // 45 bits: collisions are rare and retried
	secretLength = 12 // 60 bits, and wrong guesses are throttled
)

// NewTrackingCode returns a code like "7KQ2M-9XDH3": nine random symbols and
// a Luhn mod 32 check symbol that catches a mistyped or swapped character
// before the database is asked.
func NewTrackingCode() string {
	b := randomSymbols(codeRandom)
	b = append(b, checkSymbol(b))
	return string(b[:5]) + "-" + string(b[5:])
}

// NewSecret returns a secret like "M9XD-3HPA-7KQ2".
func NewSecret() string {
	b := randomSymbols(secretLength)
	return string(b[:4]) + "-" + string(b[4:8]) + "-" + string(b[8:])
}

func randomSymbols(n int) []byte {
	raw := make([]byte, n)
	rand.Read(raw)
	for i := range raw {
		raw[i] = crockford[raw[i]&31]
	}
	return raw
}

// ParseTrackingCode normalizes what a person typed (any case, spaces or
// hyphens, O for 0, I or L for 1, full-width characters) and checks the
// check symbol. It returns "" when the code cannot be valid.
func ParseTrackingCode(s string) string {
	b := symbols(s)
	if len(b) != codeRandom+1 || checkSymbol(b[:codeRandom]) != b[codeRandom] {
		return ""
	}
	return string(b[:5]) + "-" + string(b[5:])
}

// NormalizeSecret puts a typed secret into its stored form.
func NormalizeSecret(s string) string {
	b := symbols(s)
	if len(b) != secretLength {
		return ""
	}
	return string(b[:4]) + "-" + string(b[4:8]) + "-" + string(b[8:])
}

func symbols(s string) []byte {
	out := make([]byte, 0, len(s))
	for _, r := range s {
		if r >= 0xFF01 && r <= 0xFF5E { // full-width ASCII
			r -= 0xFEE0
		}
		switch r {
		case ' ', '-', '\t', '\u3000', '－', '—':
			continue
		}
		r = []rune(strings.ToUpper(string(r)))[0]
		switch r {
		case 'O':
			r = '0'
		case 'I', 'L':
			r = '1'
		}
		if r > 127 || strings.IndexByte(crockford, byte(r)) < 0 {
			return nil
		}
		out = append(out, byte(r))
	}
	return out
}

// checkSymbol is the Luhn mod N check character over the base32 alphabet.
func checkSymbol(b []byte) byte {
	const n = len(crockford)
	factor, sum := 2, 0
	for i := len(b) - 1; i >= 0; i-- {
		v := factor * strings.IndexByte(crockford, b[i])
		sum += v/n + v%n
		factor = 3 - factor
	}
	return crockford[(n-sum%n)%n]
}
