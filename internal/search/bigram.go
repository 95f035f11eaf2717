// Package search turns Chinese (and mixed) text into the character
// bigrams of the full-text index and user queries into index queries.
// Bigrams are the CJK analyzer approach of Lucene and Elasticsearch: no
// dictionary to ship or load, and a two-character query such as 诈骗 finds
// what a trigram index cannot (DEPENDENCIES.md, "Chinese search").
package search

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// kind classifies a rune for tokenizing.
type kind int

const (
	sep  kind = iota // punctuation, spaces, symbols, emoji: split tokens
	cjk              // written without spaces: indexed as bigrams
	word             // letters and digits of spaced scripts: kept whole
)

func classify(r rune) kind {
	switch {
	case unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul):
		return cjk
	case unicode.IsLetter(r) || unicode.IsDigit(r):
		return word
	}
	return sep
}

// tokens splits text into index tokens. A run of CJK characters becomes its
// overlapping bigrams, or the lone character when the run is one long;
// single is true for every term whose run was a lone CJK character, which
// a bigram index cannot find inside longer runs.
func tokens(text string) (toks []string, single bool) {
	// NFKC folds full-width letters and digits (ＡＢＣ１２３) and
	// compatibility ideographs into the forms people type.
	rs := []rune(strings.ToLower(norm.NFKC.String(text)))
	for i := 0; i < len(rs); {
		k := classify(rs[i])
		j := i + 1
		for j < len(rs) && classify(rs[j]) == k {
			j++
		}
		switch {
		case k == word:
			toks = append(toks, string(rs[i:j]))
		case k == cjk && j-i == 1:
			toks = append(toks, string(rs[i]))
			single = true
		case k == cjk:
			for p := i; p+1 < j; p++ {
				toks = append(toks, string(rs[p:p+2]))
			}
		}
		i = j
	}
	return toks, single
}

// Bigrams is the text as the index stores it: tokens separated by spaces,
// so the FTS5 unicode61 tokenizer and PostgreSQL's 'simple' parser both
// read each bigram or word back as exactly one token.
func Bigrams(text string) string {
	toks, _ := tokens(text)
	return strings.Join(toks, " ")
}
