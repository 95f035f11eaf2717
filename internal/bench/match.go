package bench

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"qinglang/internal/rumor"
	"qinglang/internal/textsim"
)

// MatchOptions says how big a rumor matching run is.
type MatchOptions struct {
	Rumors int
	Texts  int
	Sample int // texts also matched by brute force, the baseline
}

// MatchResult is one run's figures; the JSON names are a contract for
// scripts that track performance over time.
type MatchResult struct {
	Rumors        int     `json:"rumors"`
	Texts         int     `json:"texts"`
	Workers       int     `json:"workers"`
	BuildSeconds  float64 `json:"build_seconds"`
	BytesPerRumor int     `json:"bytes_per_rumor"`
	TextsPerS     float64 `json:"texts_per_s"`
	// CPUPerText is the CPU time per text (garbage collection included),
	// and CPUBoundTextsPerS the rate it allows on Workers cores: the
	// figure to trust when other processes share the machine.
	CPUPerText        float64 `json:"cpu_us_per_text"`
	CPUBoundTextsPerS float64 `json:"cpu_bound_texts_per_s"`
	P50               float64 `json:"p50_ms"`
	P99               float64 `json:"p99_ms"`
	Max               float64 `json:"max_ms"`
	// PlantedRecall is the share of texts holding a claim whose best
	// match is that claim; FalseMatches counts texts without one that
	// matched anything.
	PlantedRecall float64 `json:"planted_recall"`
	FalseMatches  int     `json:"false_matches"`
	BruteSample   int     `json:"bruteforce_sample"`
	BruteTextsPS  float64 `json:"bruteforce_texts_per_s"`
	BruteP99      float64 `json:"bruteforce_p99_ms"`
	SpeedRatio    float64 `json:"speed_ratio"`
	// RecallVsBrute is the share of sample texts with a brute-force match
	// whose index match has the same best score; the agreement on texts
	// without one is in NoMatchAgreement.
	RecallVsBrute    float64 `json:"recall_vs_bruteforce"`
	NoMatchAgreement float64 `json:"no_match_agreement"`
}

// Match builds an index of opt.Rumors generated claims and times matching
// opt.Texts texts on all cores, then a sample by brute force.
func Match(opt MatchOptions, progress func(string)) (*MatchResult, error) {
	if opt.Rumors < 1 || opt.Texts < 1 || opt.Sample < 1 {
		return nil, fmt.Errorf("bench: rumors, texts and sample must be at least 1")
	}
	r := rand.New(rand.NewPCG(5, 5))
	claims := matchClaims(r, opt.Rumors)
	texts, want := matchTexts(r, claims, rumor.EvalUnrelated(), opt.Texts)
	res := &MatchResult{Rumors: opt.Rumors, Texts: opt.Texts, Workers: runtime.GOMAXPROCS(0)}

	before := heap()
	t := time.Now()
	ix := textsim.NewIndex()
	for i, c := range claims {
		ix.Add(fmt.Sprint(i), c)
	}
	ix.Match("", 1) // builds the posting lists
	res.BuildSeconds = round2(time.Since(t).Seconds())
	res.BytesPerRumor = int(heap()-before) / opt.Rumors
	runtime.KeepAlive(ix)
	progress(fmt.Sprintf("indexed %d rumors in %.1f s, %d bytes each", opt.Rumors, res.BuildSeconds, res.BytesPerRumor))

	best := make([]textsim.Match, len(texts))
	cpu := cpuTime()
	lat, wall := parallel(len(texts), func(i int) {
		if m := ix.Match(texts[i], 1); len(m) > 0 {
			best[i] = m[0]
		}
	})
	res.TextsPerS = round2(float64(len(texts)) / wall.Seconds())
	if cpu := cpuTime() - cpu; cpu > 0 {
		res.CPUPerText = round2(float64(cpu.Microseconds()) / float64(len(texts)))
		res.CPUBoundTextsPerS = round2(float64(res.Workers) * 1e6 / res.CPUPerText)
	}
	res.P50, res.P99, res.Max = lat.Percentile(50), lat.Percentile(99), lat.Percentile(100)
	planted, found := 0, 0
	for i, w := range want {
		switch {
		case w >= 0:
			planted++
			if best[i].ID == fmt.Sprint(w) {
				found++
			}
		case best[i].ID != "":
			res.FalseMatches++
		}
	}
	res.PlantedRecall = round3(float64(found) / float64(max(planted, 1)))

	sample := min(opt.Sample, len(texts))
	progress(fmt.Sprintf("matched %d texts; brute force on %d …", len(texts), sample))
	// Every step-th text, shifted by one every other time so the sample
	// takes texts with and without a claim alike.
	step := len(texts) / sample
	at := func(i int) int { return min(i*step+i%2, len(texts)-1) }
	brute := make([]textsim.Match, sample)
	blat, bwall := parallel(sample, func(i int) {
		if m := ix.BruteForce(texts[at(i)], 1); len(m) > 0 {
			brute[i] = m[0]
		}
	})
	res.BruteSample = sample
	res.BruteTextsPS = round2(float64(sample) / bwall.Seconds())
	res.BruteP99 = blat.Percentile(99)
	res.SpeedRatio = round2(res.TextsPerS / res.BruteTextsPS)
	var withMatch, same, without, agree int
	for i, b := range brute {
		got := best[at(i)]
		if b.ID == "" {
			without++
			if got.ID == "" {
				agree++
			}
			continue
		}
		withMatch++
		// Equal scores, not ids: ties between claims may break either way.
		if got.ID != "" && got.Score == b.Score {
			same++
		}
	}
	res.RecallVsBrute = round3(float64(same) / float64(max(withMatch, 1)))
	res.NoMatchAgreement = round3(float64(agree) / float64(max(without, 1)))
	return res, nil
}

// parallel runs f(0…n-1) on all cores and returns each call's latency and
// the wall time.
func parallel(n int, f func(i int)) (Latencies, time.Duration) {
	lat := make(Latencies, n)
	var next atomic.Int64
	var wg sync.WaitGroup
	start := time.Now()
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				t := time.Now()
				f(i)
				lat[i] = time.Since(t)
			}
		})
	}
	wg.Wait()
	return lat, time.Since(start)
}

func heap() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

func round3(f float64) float64 { return float64(int64(f*1000+0.5)) / 1000 }

// Table is the result as printed.
func (r *MatchResult) Table() *Table {
	t := &Table{Header: []string{"matching", "texts", "texts/s", "p50 ms", "p99 ms", "max ms"}}
	t.Add("index", r.Texts, r.TextsPerS, r.P50, r.P99, r.Max)
	t.Add("brute force", r.BruteSample, r.BruteTextsPS, "", r.BruteP99, "")
	return t
}
