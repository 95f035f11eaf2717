package textsim

import "slices"

// SignatureSize is the number of MinHash values per text. 128 gives a
// Jaccard estimate within about ±0.09 (two standard errors), enough to
// tell a reposted text from a merely similar one.
const SignatureSize = 128

// Signature is a MinHash signature: for each of SignatureSize hash
// functions, the smallest hash of the text's shingles.
type Signature [SignatureSize]uint64

// salts turn one shingle hash into SignatureSize independent ones
// (h ^ salt, then a mixer): fixed, so signatures computed by different
// processes or stored earlier stay comparable.
var salts = func() (s [SignatureSize]uint64) {
	x := uint64(0x9E3779B97F4A7C15)
	for i := range s {
		x += 0x9E3779B97F4A7C15
		s[i] = mix(x)
	}
	return s
}()

// mix is the splitmix64 finalizer: a cheap bijection that spreads every
// input bit over the output, so xor-salted copies of a hash behave like
// independent hash functions.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xBF58476D1CE4E5B9
	x ^= x >> 27
	x *= 0x94D049BB133111EB
	return x ^ x>>31
}

// MinHash computes the signature of a set of shingles (repeats do not
// matter). The empty set gets all-ones values, which match nothing else.
func MinHash(shingles []uint64) Signature {
	var sig Signature
	for i := range sig {
		sig[i] = ^uint64(0)
	}
	for _, h := range shingles {
		for i, salt := range salts {
			if v := mix(h ^ salt); v < sig[i] {
				sig[i] = v
			}
		}
	}
	return sig
}

// Similarity estimates the Jaccard similarity of the two shingle sets.
func (s *Signature) Similarity(o *Signature) float64 {
	same := 0
	for i := range s {
		if s[i] == o[i] {
			same++
		}
	}
	return float64(same) / SignatureSize
}

// LSH groups signatures into buckets by bands, so near-duplicates of a
// text are found without comparing it with every other. With b bands of r
// rows, two texts of Jaccard similarity s share a bucket with probability
// 1-(1-s^r)^b: the default 20×6 makes that a steep step around 0.6 (above
// 0.75: 99%; below 0.4: 8%). It is for texts of similar length; a short
// claim inside a long post has a low Jaccard similarity, which is what
// Index (containment) is for. Not safe for concurrent Add.
type LSH struct {
	rows    int
	buckets []map[uint64][]string
}

// NewLSH returns an LSH with the given bands and rows (bands*rows must not
// exceed SignatureSize); 0, 0 means 20 bands of 6 rows.
func NewLSH(bands, rows int) *LSH {
	if bands <= 0 || rows <= 0 || bands*rows > SignatureSize {
		bands, rows = 20, 6
	}
	l := &LSH{rows: rows, buckets: make([]map[uint64][]string, bands)}
	for i := range l.buckets {
		l.buckets[i] = map[uint64][]string{}
	}
	return l
}

func (l *LSH) bandKey(sig *Signature, band int) uint64 {
	h := uint64(fnvOffset)
	for _, v := range sig[band*l.rows : (band+1)*l.rows] {
		h = mix(h ^ v)
	}
	return h
}

// Add files the signature of the text id.
func (l *LSH) Add(id string, sig *Signature) {
	for b, m := range l.buckets {
		k := l.bandKey(sig, b)
		m[k] = append(m[k], id)
	}
}

// Candidates returns the ids sharing at least one band with sig, sorted;
// confirm them with Similarity, as some share a band by chance.
func (l *LSH) Candidates(sig *Signature) []string {
	var out []string
	for b, m := range l.buckets {
		out = append(out, m[l.bandKey(sig, b)]...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}
