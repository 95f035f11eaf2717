package rumor

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"sync"
	"sync/atomic"

	"qinglang/internal/textsim"
)

// evalFloor is the lowest score the evaluation index reports, so one run
// gives precision and recall at every threshold above it.
const evalFloor = 0.2

// EvalScore is a text's best claim and its score (Best "" when no claim
// reached evalFloor).
type EvalScore struct {
	Text  EvalText
	Best  string
	Score float64
}

// EvalPrediction is a line of predictions.jsonl: ClaimID "" below the
// threshold, Score the best score whatever the threshold.
type EvalPrediction struct {
	ID      string  `json:"id"`
	ClaimID string  `json:"claim_id"`
	Score   float64 `json:"score"`
}

// Prediction applies a threshold to the score.
func (s EvalScore) Prediction(threshold float64) EvalPrediction {
	p := EvalPrediction{ID: s.Text.ID, Score: s.Score}
	if s.Score >= threshold {
		p.ClaimID = s.Best
	}
	return p
}

// ScoreEval indexes the claims and finds each text's best claim, on all
// cores, the way the matcher sees texts in production.
func ScoreEval(claims []EvalClaim, texts []EvalText) []EvalScore {
	ix := textsim.NewIndexWith(textsim.Options{Threshold: evalFloor})
	for _, c := range claims {
		ix.Add(c.ID, c.Text)
	}
	out := make([]EvalScore, len(texts))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < len(texts); i = int(next.Add(1) - 1) {
				out[i] = EvalScore{Text: texts[i]}
				if m := ix.Match(texts[i].Text, 1); len(m) > 0 {
					out[i].Best, out[i].Score = m[0].ID, m[0].Score
				}
			}
		})
	}
	wg.Wait()
	return out
}

// EvalResult is precision and recall at one threshold. A text with a claim
// counts for recall when its prediction names that claim; a prediction
// counts for precision when it names the text's claim. FalseMatchRate is
// the share of texts without a claim that were matched to one.
type EvalResult struct {
	Threshold      float64
	Precision      float64
	Recall         float64
	FalseMatchRate float64
	Texts          int
	WithClaim      int
	Predicted      int
	Correct        int
	FalseMatches   int
	Kinds          []EvalKind // generated sets: per kind of text
}

// EvalKind counts the texts of one kind and those handled right: matched
// to their claim, or (texts without a claim) matched to none.
type EvalKind struct {
	Kind        string
	Texts, Good int
}

// MeasureEval computes the figures at a threshold.
func MeasureEval(scores []EvalScore, threshold float64) EvalResult {
	r := EvalResult{Threshold: threshold, Texts: len(scores)}
	kinds := map[string]int{}
	for _, s := range scores {
		p := s.Prediction(threshold)
		good := p.ClaimID == s.Text.ClaimID
		if s.Text.ClaimID != "" {
			r.WithClaim++
		} else if p.ClaimID != "" {
			r.FalseMatches++
		}
		if p.ClaimID != "" {
			r.Predicted++
			if good {
				r.Correct++
			}
		}
		if s.Text.Kind != "" {
			k, ok := kinds[s.Text.Kind]
			if !ok {
				k = len(r.Kinds)
				kinds[s.Text.Kind] = k
				r.Kinds = append(r.Kinds, EvalKind{Kind: s.Text.Kind})
			}
			r.Kinds[k].Texts++
			if good {
				r.Kinds[k].Good++
			}
		}
	}
	r.Precision = ratio(r.Correct, r.Predicted)
	r.Recall = ratio(r.Correct, r.WithClaim)
	r.FalseMatchRate = ratio(r.FalseMatches, r.Texts-r.WithClaim)
	return r
}

// ratio is a/b, and 1 for 0/0: no prediction made none wrong.
func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// ReadEvalClaims reads claims.jsonl: one {"id","text"} a line.
func ReadEvalClaims(r io.Reader) ([]EvalClaim, error) { return readJSONL[EvalClaim](r) }

// ReadEvalTexts reads texts.jsonl: one {"id","text","claim_id"} a line.
func ReadEvalTexts(r io.Reader) ([]EvalText, error) { return readJSONL[EvalText](r) }

func readJSONL[T any](r io.Reader) ([]T, error) {
	var out []T
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 16<<20) // a long post is one line
	for line := 1; sc.Scan(); line++ {
		if len(sc.Bytes()) == 0 {
			continue
		}
		var v T
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			return nil, fmt.Errorf("rumor: line %d: %w", line, err)
		}
		out = append(out, v)
	}
	return out, sc.Err()
}

// WriteEvalPredictions writes predictions.jsonl, one line per text.
func WriteEvalPredictions(w io.Writer, scores []EvalScore, threshold float64) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for _, s := range scores {
		if err := enc.Encode(s.Prediction(threshold)); err != nil {
			return err
		}
	}
	return bw.Flush()
}
