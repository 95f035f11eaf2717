package textsim

import (
	"cmp"
	"math"
	"slices"
)

// build computes the weights and the posting lists (one flat array, so a
// hundred thousand claims cost one allocation, not a million). An n-gram
// held by more than 1/20 of the claims (的是, 我们, 网传 in a big database)
// is a stop-gram: weight 0, as it would cost the most and tell the least.
//
// Only a claim's prefix is posted: its rarest n-grams, until the rest (the
// suffix) weighs less than half of Threshold × the claim. A text must then
// hold at least Threshold × claim − suffix of the prefix to reach the
// threshold (need), which a text sharing one rare n-gram by chance does
// not; and the common n-grams (南宁, 自来水), whose lists are the longest,
// are rarely posted at all. This is prefix filtering from set-similarity
// joins.
func (ix *Index) build() {
	nGrams := len(ix.gramNum)
	df := make([]uint32, nGrams)
	for _, c := range ix.claims {
		for _, g := range c.grams {
			df[g]++
		}
	}
	n := float64(len(ix.claims))
	stop := uint32(max(100, len(ix.claims)/20))
	ix.weight = make([]float32, nGrams)
	for g, d := range df {
		if d <= stop {
			ix.weight[g] = float32(math.Log(1 + n/float64(d)))
		}
	}
	count := make([]uint32, nGrams+1)
	ix.need = make([]float32, len(ix.claims))
	for i := range ix.claims {
		c := &ix.claims[i]
		// Rarest first; ties by gram number, so every build agrees.
		slices.SortFunc(c.grams, func(a, b uint32) int { return cmp.Or(cmp.Compare(df[a], df[b]), cmp.Compare(a, b)) })
		c.total = 0
		for _, g := range c.grams {
			c.total += float64(ix.weight[g])
		}
		rest := c.total
		c.prefix = 0
		for _, g := range c.grams {
			if rest < ix.opt.Threshold*c.total/2 || ix.weight[g] == 0 {
				break
			}
			rest -= float64(ix.weight[g])
			count[g]++
			c.prefix++
		}
		c.suffix = float32(max(rest, 0))
		ix.need[i] = float32(ix.opt.Threshold*c.total - rest - boundSlack*c.total)
	}
	ix.postStart = make([]uint32, nGrams+1)
	for g := range nGrams {
		ix.postStart[g+1] = ix.postStart[g] + count[g]
	}
	ix.post = make([]uint32, ix.postStart[nGrams])
	fill := append([]uint32(nil), ix.postStart[:nGrams]...)
	for i, c := range ix.claims {
		for _, g := range c.grams[:c.prefix] {
			ix.post[fill[g]] = uint32(i)
			fill[g]++
		}
	}
	ix.known = make([]uint64, knownWords(nGrams))
	for h := range ix.gramNum {
		ix.known[h>>6%uint64(len(ix.known))] |= 1 << (h & 63)
	}
	ix.built = true
}

// knownWords sizes the bit set at 16 bits per n-gram (a false positive
// rate of about 6%), a power of two.
func knownWords(grams int) int {
	n := 1
	for n*64 < 16*grams {
		n *= 2
	}
	return n
}

// isKnown reports whether the n-gram hash h may be in the index. Most
// n-grams of a long post are in no claim, and the bit set, small enough
// for the CPU cache, answers for them without a lookup in the big map.
func (ix *Index) isKnown(h uint64) bool {
	return ix.known[h>>6%uint64(len(ix.known))]&(1<<(h&63)) != 0
}
