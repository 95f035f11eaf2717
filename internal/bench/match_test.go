package bench

import "testing"

func TestMatchBench(t *testing.T) {
	res, err := Match(MatchOptions{Rumors: 5000, Texts: 2000, Sample: 100}, func(string) {})
	if err != nil {
		t.Fatal(err)
	}
	if res.RecallVsBrute < 0.98 || res.NoMatchAgreement < 0.98 {
		t.Errorf("index vs brute force: recall %.3f, no-match agreement %.3f", res.RecallVsBrute, res.NoMatchAgreement)
	}
	if res.PlantedRecall < 0.95 || res.FalseMatches > 0 {
		t.Errorf("planted claims found %.3f, false matches %d", res.PlantedRecall, res.FalseMatches)
	}
	if res.TextsPerS <= res.BruteTextsPS || res.BytesPerRumor <= 0 {
		t.Errorf("figures: %+v", res)
	}
}
