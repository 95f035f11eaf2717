package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
)

// TestSearchSmall runs the search bench on 5,000 reports: the JSON keeps
// its shape, and every text query sampled against the LIKE scan returned
// the same page (Search counts the pages that differ).
func TestSearchSmall(t *testing.T) {
	var log []string
	res, err := Search(context.Background(), SearchOptions{Reports: 5000, Queries: 30, Baseline: 20}, func(s string) { log = append(log, s) })
	if err != nil {
		t.Fatal(err)
	}
	if res.Mismatches != 0 {
		t.Errorf("%d of %d text queries found other reports than a LIKE scan", res.Mismatches, res.BaselineRuns)
	}
	if res.BaselineRuns != 20 || res.P95 < res.P50 || res.P50 <= 0 || res.Database != "sqlite" || len(log) == 0 {
		t.Errorf("implausible result %+v", res)
	}
	var out bytes.Buffer
	res.Table().Write(&out)
	if err := WriteJSON(&out, res); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	var last map[string]any
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &last); err != nil {
		t.Fatalf("last line is not JSON: %v\n%s", err, out.String())
	}
	for _, k := range []string{"reports", "p50_ms", "p95_ms", "baseline_p95_ms", "filters_p95_ms", "text2_p95_ms", "text4_p95_ms",
		"fill_seconds", "queries", "database", "mismatches"} {
		if _, ok := last[k]; !ok {
			t.Errorf("JSON lacks %q", k)
		}
	}
	if last["reports"] != float64(5000) {
		t.Errorf("reports = %v", last["reports"])
	}
}
