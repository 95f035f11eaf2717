package textsim

import "unicode/utf8"

// FNV-1a 64-bit, written out rather than taken from hash/fnv: a shingle
// is hashed for every character of every text, and the inline loop avoids
// an allocation and an interface call per shingle. The values are stable
// across processes and releases, so they may be stored.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// Shingles returns the hashes of the character k-grams of a normalized
// text, in order of position (repeats included). A text shorter than k is
// one shingle, so a short text still matches itself. Characters, not
// words: Chinese has no spaces, and a segmenter would need a dictionary
// that rumor vocabulary (new slang, place names) quickly outgrows.
func Shingles(norm string, k int) []uint64 {
	if k < 1 {
		k = 1
	}
	starts := make([]int, 0, len(norm)+1)
	for i := range norm {
		starts = append(starts, i)
	}
	n := len(starts)
	if n == 0 {
		return nil
	}
	starts = append(starts, len(norm))
	if n < k {
		return []uint64{hashBytes(norm)}
	}
	out := make([]uint64, 0, n-k+1)
	for i := 0; i+k <= n; i++ {
		out = append(out, hashBytes(norm[starts[i]:starts[i+k]]))
	}
	return out
}

func hashBytes(s string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

// shingleRunes is Shingles of a normalized text held as runes, into dst:
// the same values, without converting the text back to a string.
func shingleRunes(rs []rune, k int, dst []uint64) []uint64 {
	dst = dst[:0]
	switch {
	case len(rs) == 0:
		return dst
	case len(rs) < k:
		return append(dst, hashRunes(rs))
	}
	for i := 0; i+k <= len(rs); i++ {
		dst = append(dst, hashRunes(rs[i:i+k]))
	}
	return dst
}

// hashRunes is hashBytes of the UTF-8 encoding of rs.
func hashRunes(rs []rune) uint64 {
	h := uint64(fnvOffset)
	var b [utf8.UTFMax]byte
	for _, r := range rs {
		n := utf8.EncodeRune(b[:], r)
		for _, c := range b[:n] {
			h ^= uint64(c)
			h *= fnvPrime
		}
	}
	return h
}
