package textsim

import "sync"

// DefaultThreshold is the score from which Match reports a claim. Chosen
// with `qinglang eval match`: on the generated set it keeps precision
// above 0.95 while variants that lost a clause still match (docs/performance.md).
const DefaultThreshold = 0.6

// Options tune an Index; zero values take the defaults.
type Options struct {
	// Threshold is the lowest score Match and BruteForce report.
	Threshold float64
	// Gram is the n-gram length in characters (default 3). Trigrams keep
	// posting lists short and unrelated texts apart; bigrams survive
	// heavier rewording but cost more per text.
	Gram int
	// MaxExact caps the candidates scored exactly per text (default 64),
	// bounding the worst case for texts that touch thousands of claims.
	MaxExact int
}

// Index finds claims (short rumor statements) contained in texts of any
// length. Claims are cut into character n-grams weighted by rarity (IDF);
// a text's n-grams vote for the claims whose rarest n-grams they are (see
// build), which bounds each claim's score from above, and the best
// candidates are then scored exactly (see score).
//
// Add, Match and BruteForce may be called from any goroutine. The first
// Match after an Add rebuilds the posting lists under the write lock, so
// load the database first and then match: Match calls only share the read
// lock and run in parallel.
type Index struct {
	opt     Options
	scratch sync.Pool

	mu      sync.RWMutex
	ids     []string
	idNum   map[string]uint32
	gramNum map[uint64]uint32 // n-gram hash → gram number
	claims  []claim           // one per Add: a wording of a claim
	built   bool

	// Built from claims by build.
	weight    []float32 // per gram number; 0 for stop-grams
	postStart []uint32  // claims posting gram g: post[postStart[g]:postStart[g+1]]
	post      []uint32
	need      []float32 // per claim: the prefix weight a text must hold
	known     []uint64  // bit set of n-gram hashes in gramNum (see isKnown)
}

// claim is one wording of a claim.
type claim struct {
	id     uint32   // index into Index.ids
	grams  []uint32 // distinct gram numbers; once built, rarest first
	span   int32    // window width, in n-gram positions
	prefix int32    // grams[:prefix] are posted
	suffix float32  // weight of grams[prefix:]
	total  float64  // Σ weight over grams
}

// Match is a claim found in a text, with its score in [0, 1].
type Match struct {
	ID    string  `json:"id"`
	Score float64 `json:"score"`
}

// NewIndex returns an empty index with the default options.
func NewIndex() *Index { return NewIndexWith(Options{}) }

// NewIndexWith returns an empty index with the given options.
func NewIndexWith(o Options) *Index {
	if o.Threshold <= 0 {
		o.Threshold = DefaultThreshold
	}
	if o.Gram < 1 {
		o.Gram = 3
	}
	if o.MaxExact < 1 {
		o.MaxExact = 64
	}
	return &Index{opt: o, idNum: map[string]uint32{}, gramNum: map[uint64]uint32{}}
}

// Threshold is the lowest score the index reports.
func (ix *Index) Threshold() float64 { return ix.opt.Threshold }

// Add files text as a wording of the claim id. A claim with several
// wordings is added once per wording under the same id; a text scores the
// best of them. A text that normalizes to nothing is ignored.
func (ix *Index) Add(id, text string) {
	hs := Shingles(Normalize(text), ix.opt.Gram)
	if len(hs) == 0 {
		return
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	num, ok := ix.idNum[id]
	if !ok {
		num = uint32(len(ix.ids))
		ix.idNum[id] = num
		ix.ids = append(ix.ids, id)
	}
	c := claim{id: num, span: int32(len(hs) + len(hs)/2 + 4)}
	seen := make(map[uint32]bool, len(hs))
	for _, h := range hs {
		g, ok := ix.gramNum[h]
		if !ok {
			g = uint32(len(ix.gramNum))
			ix.gramNum[h] = g
		}
		if !seen[g] {
			seen[g] = true
			c.grams = append(c.grams, g)
		}
	}
	ix.claims = append(ix.claims, c)
	ix.built = false
}

// Len is the number of distinct claim ids.
func (ix *Index) Len() int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return len(ix.ids)
}

// rlockBuilt takes the read lock on a built index.
func (ix *Index) rlockBuilt() {
	for {
		ix.mu.RLock()
		if ix.built {
			return
		}
		ix.mu.RUnlock()
		ix.mu.Lock()
		if !ix.built {
			ix.build()
		}
		ix.mu.Unlock()
	}
}

// Bytes estimates the memory the index holds, for capacity planning.
func (ix *Index) Bytes() int {
	ix.rlockBuilt()
	defer ix.mu.RUnlock()
	b := len(ix.gramNum)*24 + 4*(len(ix.weight)+len(ix.postStart)+len(ix.post)+len(ix.need)) + 8*len(ix.known)
	for _, c := range ix.claims {
		b += 48 + 4*cap(c.grams)
	}
	for _, id := range ix.ids {
		b += 16 + len(id) + 24
	}
	return b
}
