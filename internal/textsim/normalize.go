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
	rs := []rune(strings.ToLower(norm.NFKC.String(s)))
	out := make([]rune, 0, len(rs))
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
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			emit(simplify(r))
		case unicode.In(r, unicode.Cf, unicode.Mn, unicode.Me, unicode.Mc):
			// Zero-width spaces and joiners, variation selectors, keycap
			// and combining marks left over after NFKC: invisible or
			// decorative, and inserted on purpose to split keywords, so
			// they vanish without leaving a word break.
		default:
			// Punctuation, symbols, emoji and spaces separate words.
			prevSpace = true
		}
	}
	res := string(out)
	// Dropping a format character can bring together two runes that NFKC
	// composes (Hangul jamo); fold them so a second pass changes nothing.
	if !norm.NFKC.IsNormalString(res) {
		res = Normalize(norm.NFKC.String(res))
	}
	return res
}

// isCJK reports whether r belongs to a script written without spaces.
func isCJK(r rune) bool {
	return r >= 0x2E80 && unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana)
}

// special returns the length in runes of a URL, @mention, hashtag or
// [表情] code starting at rs[i], or 0. These carry no claim: the same rumor
// is posted with different links, addressees and topic tags.
func special(rs []rune, i int) int {
	prevAlnum := i > 0 && isASCIIAlnum(rs[i-1])
	switch rs[i] {
	case 'h':
		if hasPrefix(rs[i:], "https://") || hasPrefix(rs[i:], "http://") {
			return urlLen(rs[i:])
		}
	case 'w':
		if !prevAlnum && hasPrefix(rs[i:], "www.") {
			return urlLen(rs[i:])
		}
	case '@':
		// After a letter or digit it is an e-mail address, not a mention.
		if !prevAlnum {
			return 1 + nameLen(rs[i+1:], 20)
		}
	case '#':
		return hashtagLen(rs[i:])
	case '[':
		n := nameLen(rs[i+1:], 8)
		if n > 0 && i+1+n < len(rs) && rs[i+1+n] == ']' {
			return n + 2
		}
	}
	return 0
}

// hashtagLen handles both styles: Weibo's #话题# (closed, no space inside)
// and Douyin's or Twitter's #话题 (up to the next space or punctuation).
func hashtagLen(rs []rune) int {
	for j := 1; j < len(rs) && j <= 41; j++ {
		if rs[j] == '#' {
			if j > 1 {
				return j + 1
			}
			break
		}
		if unicode.IsSpace(rs[j]) {
			break
		}
	}
	return 1 + nameLen(rs[1:], 20)
}

// nameLen counts the leading letters, digits, '_' and '-' of rs, at most
// max: a mention written without a following space must not swallow the
// whole post.
func nameLen(rs []rune, max int) int {
	n := 0
	for n < len(rs) && n < max {
		r := rs[n]
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_' && r != '-' {
			break
		}
		n++
	}
	return n
}

// urlLen is the length of the URL at the start of rs. Chinese posts run a
// link straight into the next sentence, so the URL ends at the first
// character that cannot appear unescaped in one: a space or any non-ASCII.
func urlLen(rs []rune) int {
	n := 0
	for n < len(rs) && rs[n] > ' ' && rs[n] < 0x7F && rs[n] != '"' && rs[n] != '<' && rs[n] != '>' {
		n++
	}
	return n
}

func hasPrefix(rs []rune, p string) bool {
	if len(rs) < len(p) {
		return false
	}
	for i := 0; i < len(p); i++ {
		if rs[i] != rune(p[i]) {
			return false
		}
	}
	return true
}

func isASCIIAlnum(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
}
