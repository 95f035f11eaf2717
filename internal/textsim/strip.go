package textsim

import (
	"strings"
	"unicode"
)

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
			return 1 + tagLen(rs[i+1:])
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
	return 1 + tagLen(rs[1:])
}

// tagLen is the length of the name after '@' or an unclosed '#' when it
// visibly ends within 20 runes: at a space, a colon, the next '@' or '#',
// or the end of the text (Weibo puts a space after a mention; "回复@某某:"
// has the colon). Otherwise it is 0: a name running on into the text
// ("@南宁发布超市卖的馒头…", or up to a comma) has no visible end, and
// guessing one would cut the claim that follows, so only the '@' or '#'
// goes and the name stays as a few extra words.
func tagLen(rs []rune) int {
	n := nameLen(rs, 21)
	if n > 20 || n < len(rs) && !unicode.IsSpace(rs[n]) && !strings.ContainsRune(":@#", rs[n]) {
		return 0
	}
	return n
}

// nameLen counts the leading letters, digits, '_' and '-' of rs, at most
// max.
func nameLen(rs []rune, max int) int {
	n := 0
	for n < len(rs) && n < max && isNameRune(rs[n]) {
		n++
	}
	return n
}

func isNameRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '-'
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
