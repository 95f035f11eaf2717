package textsim

import "unicode/utf8"

// cjkBase and cjkEnd bound the CJK Unified Ideographs block, where every
// character of the table lives; NFKC has already folded the compatibility
// ideographs (U+F900…) into it.
const (
	cjkBase = 0x4E00
	cjkEnd  = 0x9FFF
)

// t2s maps a traditional character to its simplified form, 0 when there is
// none. An array rather than a map: Normalize looks up every ideograph of
// every incoming text, and an index is a single load.
var t2s = buildT2S()

func buildT2S() *[cjkEnd - cjkBase + 1]uint16 {
	var t [cjkEnd - cjkBase + 1]uint16
	s := t2sPairs
	for len(s) > 0 {
		trad, n := utf8.DecodeRuneInString(s)
		simp, m := utf8.DecodeRuneInString(s[n:])
		s = s[n+m:]
		t[trad-cjkBase] = uint16(simp - cjkBase + 1) // +1: 0 means "none"
	}
	return &t
}

// simplify returns the simplified form of r, or r itself.
func simplify(r rune) rune {
	if r < cjkBase || r > cjkEnd {
		return r
	}
	if s := t2s[r-cjkBase]; s != 0 {
		return rune(s) - 1 + cjkBase
	}
	return r
}

// Simplified converts traditional characters of s to simplified ones,
// character by character, and leaves everything else alone.
func Simplified(s string) string {
	out := []rune(s)
	for i, r := range out {
		out[i] = simplify(r)
	}
	return string(out)
}

// s2t is the inverse table, for generating test variants: where several
// traditional characters share a simplified one (发: 發, 髮), the first pair
// of the table wins, which is the commoner character (Big5 level 1 order).
var s2t = func() map[rune]rune {
	m := map[rune]rune{}
	for _, r := range alsoTraditional {
		m[r] = r
	}
	s := t2sPairs
	for len(s) > 0 {
		trad, n := utf8.DecodeRuneInString(s)
		simp, k := utf8.DecodeRuneInString(s[n:])
		s = s[n+k:]
		if _, ok := m[simp]; !ok {
			m[simp] = trad
		}
	}
	return m
}()

// Traditional writes s in traditional characters where the table knows
// them: the reverse of Simplified, for building test and evaluation texts.
func Traditional(s string) string {
	out := []rune(s)
	for i, r := range out {
		if t, ok := s2t[r]; ok {
			out[i] = t
		}
	}
	return string(out)
}
