package textsim

import (
	"cmp"
	"slices"
)

// boundSlack absorbs float32 rounding in the posting-list sums, so a bound
// never falls below the exact score it bounds.
const boundSlack = 1e-4

type candidate struct {
	claim uint32
	bound float32
}

// Match returns up to limit claims found in text with a score of at least
// the index's threshold, best first, one entry per claim id.
//
// The posting lists give every claim wording that could reach the
// threshold an upper bound of its score; wordings are then scored exactly
// in decreasing order of bound until no remaining bound can beat the
// results (or MaxExact were scored). Without the cap this returns exactly
// what BruteForce does.
func (ix *Index) Match(s string, limit int) []Match {
	limit = max(limit, 1)
	ix.rlockBuilt()
	defer ix.mu.RUnlock()
	t := ix.getText()
	defer ix.scratch.Put(t)
	t.load(ix, s)

	// Vote: each distinct n-gram of the text adds its weight to the
	// wordings that post it. A wording's score is at most what its prefix
	// found plus its whole suffix.
	for _, g := range t.distinct {
		w := ix.weight[g]
		for _, c := range ix.post[ix.postStart[g]:ix.postStart[g+1]] {
			if t.acc[c] == 0 {
				t.touched = append(t.touched, c)
			}
			t.acc[c] += w
		}
	}
	var cands []candidate
	for _, c := range t.touched {
		found := t.acc[c]
		t.acc[c] = 0
		if found < ix.need[c] {
			continue
		}
		cl := &ix.claims[c]
		// Tighten the bound with the suffix n-grams the text really has:
		// loose bounds would send every claim sharing one rare n-gram to
		// sorting and exact scoring.
		for _, g := range cl.grams[cl.prefix:] {
			if t.head(g) >= 0 {
				found += ix.weight[g]
			}
		}
		if b := float64(found) / cl.total; b+boundSlack >= ix.opt.Threshold {
			cands = append(cands, candidate{c, float32(b)})
		}
	}
	t.touched = t.touched[:0]
	slices.SortFunc(cands, func(a, b candidate) int { return cmp.Compare(b.bound, a.bound) })

	var res results
	for i, cd := range cands {
		if i == ix.opt.MaxExact || res.full(limit) && float64(cd.bound)+boundSlack < res.worst() {
			break
		}
		c := &ix.claims[cd.claim]
		if sc := t.score(ix, c); sc >= ix.opt.Threshold {
			res.add(c.id, sc, limit)
		}
	}
	return res.matches(ix)
}

// BruteForce scores every claim wording exactly, with the same function
// as Match: the baseline Match is measured against.
func (ix *Index) BruteForce(s string, limit int) []Match {
	limit = max(limit, 1)
	ix.rlockBuilt()
	defer ix.mu.RUnlock()
	t := ix.getText()
	defer ix.scratch.Put(t)
	t.load(ix, s)
	var res results
	for i := range ix.claims {
		c := &ix.claims[i]
		if sc := t.score(ix, c); sc >= ix.opt.Threshold {
			res.add(c.id, sc, limit)
		}
	}
	return res.matches(ix)
}

func (ix *Index) getText() *text {
	t, _ := ix.scratch.Get().(*text)
	if t == nil {
		t = &text{}
	}
	if len(t.acc) < len(ix.claims) {
		t.acc = make([]float32, len(ix.claims)+len(ix.claims)/4)
	}
	return t
}

// results keeps the best score per claim id, at most limit ids.
type results []result

type result struct {
	id    uint32
	score float64
}

func (r results) full(limit int) bool { return len(r) >= limit }

func (r results) worst() float64 { return r[len(r)-1].score }

func (r *results) add(id uint32, score float64, limit int) {
	for i := range *r {
		if (*r)[i].id == id {
			(*r)[i].score = max((*r)[i].score, score)
			r.sort()
			return
		}
	}
	*r = append(*r, result{id, score})
	r.sort()
	if len(*r) > limit {
		*r = (*r)[:limit]
	}
}

// sort orders by score, then by id so ties come out the same every run.
func (r results) sort() {
	slices.SortFunc(r, func(a, b result) int {
		return cmp.Or(cmp.Compare(b.score, a.score), cmp.Compare(a.id, b.id))
	})
}

func (r results) matches(ix *Index) []Match {
	out := make([]Match, len(r))
	for i, m := range r {
		out[i] = Match{ID: ix.ids[m.id], Score: m.score}
	}
	return out
}
