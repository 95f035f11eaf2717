package textsim

import (
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestShinglesStable(t *testing.T) {
	// Stored signatures depend on these values: they must never change.
	f := fnv.New64a()
	f.Write([]byte("谣言"))
	if got := Shingles("谣言", 2); len(got) != 1 || got[0] != f.Sum64() || got[0] != 0x911137345af88b56 {
		t.Errorf("Shingles(谣言, 2) = %x", got)
	}
	if got := Shingles("abcd", 3); len(got) != 2 || got[0] != hashBytes("abc") || got[1] != hashBytes("bcd") {
		t.Errorf("Shingles(abcd, 3) = %x", got)
	}
	if got := Shingles("a", 3); len(got) != 1 {
		t.Errorf("a short text must be one shingle: %x", got)
	}
	if Shingles("", 3) != nil {
		t.Error("the empty text has shingles")
	}
}

func TestMinHashLSH(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	lsh := NewLSH(0, 0)
	base := make([]string, 50)
	sigs := make([]Signature, 50)
	for i := range base {
		base[i] = randomHan(r, 80)
		sigs[i] = MinHash(Shingles(base[i], 3))
		lsh.Add(fmt.Sprint(i), &sigs[i])
	}
	for i, s := range base {
		// A repost with a few characters changed at the end.
		rs := []rune(s)
		copy(rs[75:], []rune("转发求扩散"))
		dup := MinHash(Shingles(string(rs), 3))
		if !slices.Contains(lsh.Candidates(&dup), fmt.Sprint(i)) {
			t.Errorf("near-duplicate of %d not a candidate", i)
		}
		if sim := dup.Similarity(&sigs[i]); sim < 0.75 {
			t.Errorf("near-duplicate of %d: similarity %.2f", i, sim)
		}
	}
	other := MinHash(Shingles(randomHan(r, 80), 3))
	if c := lsh.Candidates(&other); len(c) > 2 {
		t.Errorf("an unrelated text has %d candidates", len(c))
	}
	if sim := other.Similarity(&sigs[0]); sim > 0.1 {
		t.Errorf("unrelated texts: similarity %.2f", sim)
	}
}

func TestShingleRunes(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	for range 2000 {
		s := randomText(r) + randomHan(r, r.IntN(10))
		_, rs := normalize(s, nil, nil)
		for k := 1; k <= 3; k++ {
			if a, b := Shingles(Normalize(s), k), shingleRunes(rs, k, nil); !slices.Equal(a, b) && len(a)+len(b) > 0 {
				t.Fatalf("%q k=%d: Shingles %x, shingleRunes %x", s, k, a, b)
			}
		}
	}
}
