// Package textsim finds the same rumor in differently written texts:
// normalization of Chinese text, character shingles with MinHash/LSH for
// near-duplicates, an n-gram index that finds a short claim inside a long
// post, and URL canonicalization. It is pure: no I/O, no database.
package textsim

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Normalize returns the form of s that matching compares: NFKC (full-width
// letters, digits and punctuation folded), lower case, traditional
// characters simplified; URLs, @mentions, #话题# hashtags and [表情] codes
// removed; punctuation, symbols and emoji removed; zero-width and format
// characters dropped; whitespace collapsed to one space between words of
// spaced scripts and removed next to Chinese characters, so "谣 言" and
// "谣\u200b言" (spaced out to dodge keyword filters) read as 谣言. Digits
// are kept: "3天" and "30天" are different claims.
//
// Normalize is idempotent, so a stored normalized claim can be normalized
// again without changing.
func Normalize(s string) string {
	_, out := normalize(s, nil, nil)
	return string(out)
}

// normalize is Normalize into reusable buffers: buf for the folded text,
// out for the result. Match calls it for every text, and reusing the
// buffers keeps allocation, and so garbage collection, off that path.
func normalize(s string, buf, out []rune) (folded, res []rune) {
	rs := fold(s, buf[:0])
	if cap(out) < len(rs) {
		out = make([]rune, 0, len(rs))
	}
	out = out[:0]
	dropped := false
	prevSpace := true // a separator is pending (or we are at the start)
	emit := func(r rune) {
		if prevSpace && len(out) > 0 && !isCJK(out[len(out)-1]) && !isCJK(r) {
			out = append(out, ' ')
		}
		out = append(out, r)
		prevSpace = false
	}
	for i := 0; i < len(rs); {
		if n := special(rs, i); n > 0 {
			prevSpace = true
			i += n
			continue
		}
		r := rs[i]
		i++
		switch {
		case r >= cjkBase && r <= cjkEnd:
			emit(simplify(r))
		case r < 0x80:
			if isASCIIAlnum(r) {
				emit(r)
			} else {
				prevSpace = true
			}
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			emit(simplify(r))
		case unicode.In(r, unicode.Cf, unicode.Mn, unicode.Me, unicode.Mc):
			// Zero-width spaces and joiners, variation selectors, keycap
			// and combining marks left over after NFKC: invisible or
			// decorative, and inserted on purpose to split keywords, so
			// they vanish without leaving a word break.
			dropped = true
		default:
			// Punctuation, symbols, emoji and spaces separate words.
			prevSpace = true
		}
	}
	// Dropping a format character can bring together two runes that NFKC
	// composes (Hangul jamo); fold them so a second pass changes nothing.
	if dropped {
		if s := string(out); !norm.NFKC.IsNormalString(s) {
			return normalize(norm.NFKC.String(s), rs, out)
		}
	}
	return rs, out
}

// isCJK reports whether r belongs to a script written without spaces.
func isCJK(r rune) bool {
	if r >= cjkBase && r <= cjkEnd {
		return true
	}
	return r >= 0x2E80 && unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana)
}

// fold returns s in NFKC and lower case, as runes. NFKC is most of the cost
// of Normalize, and typical posts need little of it: ASCII, the common
// ideographs, CJK punctuation and emoji are NFKC already, and full-width
// ASCII (，！：１Ａ) maps by a fixed offset. Runes of those ranges are
// folded here one by one (a test checks each against NFKC); any other
// rune sends the whole text through NFKC.
func fold(s string, rs []rune) []rune {
	if cap(rs) < len(s) {
		rs = make([]rune, 0, len(s))
	}
	for _, r := range s {
		switch {
		case r < 0x80 || r >= cjkBase && r <= cjkEnd || r >= 0x3001 && r <= 0x3035 ||
			r >= 0x1F300 && r <= 0x1FAFF || r >= 0x200B && r <= 0x200F || r == 0xFE0F:
		case r >= 0xFF01 && r <= 0xFF5E:
			r -= 0xFF01 - '!'
		case r == 0x3000:
			r = ' '
		default:
			return append(rs[:0], []rune(strings.ToLower(norm.NFKC.String(s)))...)
		}
		if r >= 'A' && r <= 'Z' {
			r += 'a' - 'A'
		}
		rs = append(rs, r)
	}
	return rs
}
