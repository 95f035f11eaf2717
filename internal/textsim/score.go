package textsim

import "slices"

const noGram = ^uint32(0)

// text is a text cut into n-grams for matching, with the positions of each
// known n-gram chained so a claim finds its n-grams without a map. It is
// scratch: reused from one Match to the next.
type text struct {
	slotKey  []uint32 // open addressing: gram number, or noGram
	slotHead []int32  // first position of the gram in the slot
	next     []int32  // next position of the same gram, or -1
	distinct []uint32 // known grams of the text, each once
	used     []int    // slots to clear before reuse

	folded []rune // buffers of normalize and shingleRunes
	norm   []rune
	hashes []uint64

	acc     []float32 // per claim wording: weight of its grams in the text
	touched []uint32
	events  []event
	count   []int32
}

type event struct{ pos, k int32 }

// load normalizes s and cuts it into the index's n-grams.
func (t *text) load(ix *Index, s string) {
	for _, s := range t.used {
		t.slotKey[s] = noGram
	}
	t.used, t.distinct, t.next = t.used[:0], t.distinct[:0], t.next[:0]
	t.folded, t.norm = normalize(s, t.folded, t.norm)
	t.hashes = shingleRunes(t.norm, ix.opt.Gram, t.hashes)
	hs := t.hashes
	size := 64
	for size < 2*len(hs) {
		size *= 2
	}
	if len(t.slotKey) < size {
		t.slotKey = slices.Repeat([]uint32{noGram}, size)
		t.slotHead = make([]int32, size)
	}
	mask := len(t.slotKey) - 1
	for p, h := range hs {
		t.next = append(t.next, -1)
		if !ix.isKnown(h) {
			continue
		}
		g, ok := ix.gramNum[h]
		if !ok {
			continue
		}
		s := int(mix(uint64(g))) & mask
		for t.slotKey[s] != noGram && t.slotKey[s] != g {
			s = (s + 1) & mask
		}
		if t.slotKey[s] == noGram {
			t.slotKey[s], t.slotHead[s] = g, int32(p)
			t.used = append(t.used, s)
			t.distinct = append(t.distinct, g)
			continue
		}
		// Prepend: positions of a gram come out in descending order, and
		// score sorts them anyway.
		t.next[p], t.slotHead[s] = t.slotHead[s], int32(p)
	}
}

// head returns the last position of gram g in the text, or -1.
func (t *text) head(g uint32) int32 {
	mask := len(t.slotKey) - 1
	for s := int(mix(uint64(g))) & mask; t.slotKey[s] != noGram; s = (s + 1) & mask {
		if t.slotKey[s] == g {
			return t.slotHead[s]
		}
	}
	return -1
}

// score is the exact score of claim c in the text: the largest weight of
// the claim's n-grams found together inside one window of the text about
// one and a half times the claim's length, over the claim's whole weight.
// A window, not the whole text: a long post that uses the words of a
// rumor here and there (a debunk, a news item on the same topic) must not
// score like a post that repeats the rumor. Clause order inside the
// window does not matter, so a reordered rumor still matches.
//
// The window's weight never exceeds the weight of the claim's n-grams
// anywhere in the text (what the posting lists count), which is the
// bound Match prunes with.
func (t *text) score(ix *Index, c *claim) float64 {
	if c.total == 0 || len(t.distinct) == 0 {
		return 0
	}
	ev := t.events[:0]
	for k, g := range c.grams {
		if ix.weight[g] == 0 {
			continue
		}
		for p := t.head(g); p >= 0; p = t.next[p] {
			ev = append(ev, event{p, int32(k)})
		}
	}
	t.events = ev
	if len(ev) == 0 {
		return 0
	}
	slices.SortFunc(ev, func(a, b event) int { return int(a.pos - b.pos) })
	if cap(t.count) < len(c.grams) {
		t.count = make([]int32, len(c.grams))
	}
	count := t.count[:len(c.grams)]
	clear(count)
	var cover, best float64
	lo := 0
	for _, e := range ev {
		if count[e.k] == 0 {
			cover += float64(ix.weight[c.grams[e.k]])
		}
		count[e.k]++
		for e.pos-ev[lo].pos >= c.span {
			k := ev[lo].k
			if count[k]--; count[k] == 0 {
				cover -= float64(ix.weight[c.grams[k]])
			}
			lo++
		}
		best = max(best, cover)
	}
	// Sums of the same weights in another order differ in the last bits;
	// a claim found whole must score exactly 1.
	if r := best / c.total; r < 1-1e-9 {
		return r
	}
	return 1
}
