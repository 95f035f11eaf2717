package rumor

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"qinglang/internal/textsim"
)

// The acceptance figures of issue 5, on the generated set.
func TestEvalGenerated(t *testing.T) {
	claims, hard := DefaultEvalClaims()
	if len(claims) != 60 || len(hard) != 60 {
		t.Fatalf("%d claims, %d hard negatives", len(claims), len(hard))
	}
	set := GenerateEvalSet(claims, hard, 1)
	again, other := GenerateEvalSet(claims, hard, 1), GenerateEvalSet(claims, hard, 2)
	if len(set) != 900 || !slices.Equal(again, set) || slices.Equal(other, set) {
		t.Errorf("%d texts; the same seed must give the same set, another seed another", len(set))
	}
	scores := ScoreEval(claims, set)
	for _, th := range []float64{0.4, 0.5, 0.55, 0.6, 0.65, 0.7, 0.8} {
		r := MeasureEval(scores, th)
		t.Logf("threshold %.2f: precision %.3f recall %.3f false-match %.3f", th, r.Precision, r.Recall, r.FalseMatchRate)
	}
	r := MeasureEval(scores, textsim.DefaultThreshold)
	for _, k := range r.Kinds {
		t.Logf("%-22s %d/%d", k.Kind, k.Good, k.Texts)
	}
	if r.Precision < 0.95 || r.Recall < 0.90 {
		t.Errorf("precision %.3f recall %.3f, want ≥ 0.95 and ≥ 0.90", r.Precision, r.Recall)
	}
}

// Real-data mode: claims and texts from JSONL, predictions back as JSONL.
func TestEvalJSONL(t *testing.T) {
	claims, err := ReadEvalClaims(strings.NewReader(`{"id":"r1","text":"喝板蓝根可以预防新冠病毒"}
{"id":"r1","text":"板蓝根能防新冠"}

{"id":"r2","text":"南宁明天会发生八级地震，大家今晚不要在家睡"}
`))
	if err != nil || len(claims) != 3 {
		t.Fatalf("claims %v, %v", claims, err)
	}
	texts, err := ReadEvalTexts(strings.NewReader(`{"id":"a","text":"速看！喝板藍根可以預防新冠病毒😱","claim_id":"r1"}
{"id":"b","text":"今晚的月亮很圆","claim_id":""}
{"id":"c","text":"地震局说地震无法预测","claim_id":"r2"}
`))
	if err != nil || len(texts) != 3 {
		t.Fatalf("texts %v, %v", texts, err)
	}
	scores := ScoreEval(claims, texts)
	var out bytes.Buffer
	if err := WriteEvalPredictions(&out, scores, 0.6); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	var p EvalPrediction
	if len(lines) != 3 || json.Unmarshal([]byte(lines[0]), &p) != nil || p.ID != "a" || p.ClaimID != "r1" || p.Score < 0.9 {
		t.Fatalf("predictions:\n%s", out.String())
	}
	if !strings.Contains(lines[1], `"claim_id":""`) {
		t.Errorf("unrelated text matched: %s", lines[1])
	}
	r := MeasureEval(scores, 0.6)
	if r.Precision != 1 || r.Recall != 0.5 || r.FalseMatchRate != 0 || r.WithClaim != 2 {
		t.Errorf("result %+v", r)
	}
	if _, err := ReadEvalClaims(strings.NewReader("{not json}\n")); err == nil || !strings.Contains(err.Error(), "line 1") {
		t.Errorf("bad line: %v", err)
	}
}
