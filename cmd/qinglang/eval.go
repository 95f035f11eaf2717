package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"qinglang/internal/bench"
	"qinglang/internal/rumor"
	"qinglang/internal/textsim"
)

// evalCmd: eval match [--claims F] [--texts F] [--out F] [--threshold T] [--seed N]
func evalCmd(_ context.Context, args []string, _ func(string) string) error {
	if len(args) == 0 || args[0] != "match" {
		fmt.Println("qinglang eval match [--threshold T] [--seed N]")
		fmt.Println("  Generates a labelled set from the built-in claims (variants by insertion, deletion, reordering,")
		fmt.Println("  synonyms, punctuation, emoji, traditional characters, links and hashtags, embedding in long posts,")
		fmt.Println("  plus unrelated texts and same-topic hard negatives) and prints precision and recall.")
		fmt.Println("qinglang eval match --claims claims.jsonl [--texts texts.jsonl] [--out predictions.jsonl]")
		fmt.Println(`  Claims lines {"id","text"}; texts lines {"id","text","claim_id"} ("" for none). Without --texts the`)
		fmt.Println(`  set is generated from the claims. --out writes one {"id","claim_id","score"} line per text.`)
		if len(args) > 0 && args[0] == "help" {
			return nil
		}
		return errUsage
	}
	fs := flag.NewFlagSet("eval match", flag.ContinueOnError)
	claimsPath := fs.String("claims", "", "claims.jsonl (default: the built-in claims)")
	textsPath := fs.String("texts", "", "labelled texts.jsonl (default: generated from the claims)")
	out := fs.String("out", "", "write predictions.jsonl here")
	threshold := fs.Float64("threshold", textsim.DefaultThreshold, "score from which a text matches a claim")
	seed := fs.Uint64("seed", 1, "seed of the generated set")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if *threshold < 0.2 || *threshold > 1 {
		return fmt.Errorf("eval: --threshold must be between 0.2 and 1")
	}
	claims, hard := rumor.DefaultEvalClaims()
	if *claimsPath != "" {
		var err error
		if claims, err = readJSONLFile(*claimsPath, rumor.ReadEvalClaims); err != nil {
			return err
		}
		hard = nil
	}
	texts := rumor.GenerateEvalSet(claims, hard, *seed)
	if *textsPath != "" {
		var err error
		if texts, err = readJSONLFile(*textsPath, rumor.ReadEvalTexts); err != nil {
			return err
		}
	}
	scores := rumor.ScoreEval(claims, texts)
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			return err
		}
		if err := rumor.WriteEvalPredictions(f, scores, *threshold); err != nil {
			f.Close()
			return err
		}
		if err := f.Close(); err != nil {
			return err
		}
	}
	r := rumor.MeasureEval(scores, *threshold)
	fmt.Printf("%d claims, %d texts (%d with a claim, %d without)\n", len(claims), r.Texts, r.WithClaim, r.Texts-r.WithClaim)
	fmt.Printf("threshold %.2f: precision %.3f · recall %.3f · false-match rate %.3f (%d of %d texts with no claim)\n\n",
		r.Threshold, r.Precision, r.Recall, r.FalseMatchRate, r.FalseMatches, r.Texts-r.WithClaim)
	t := &bench.Table{Header: []string{"threshold", "precision", "recall", "false-match rate"}}
	for _, th := range []float64{0.4, 0.5, 0.55, 0.6, 0.65, 0.7, 0.8, 0.9} {
		m := rumor.MeasureEval(scores, th)
		t.Add(fmt.Sprintf("%.2f", th), fmt.Sprintf("%.3f", m.Precision), fmt.Sprintf("%.3f", m.Recall), fmt.Sprintf("%.3f", m.FalseMatchRate))
	}
	t.Write(os.Stdout)
	if len(r.Kinds) > 0 {
		fmt.Printf("\nper kind at %.2f (right = matched to its claim, or to none when it has none):\n", r.Threshold)
		k := &bench.Table{Header: []string{"kind", "texts", "right"}}
		for _, x := range r.Kinds {
			k.Add(x.Kind, x.Texts, x.Good)
		}
		k.Write(os.Stdout)
	}
	return nil
}

func readJSONLFile[T any](path string, read func(io.Reader) ([]T, error)) ([]T, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	v, err := read(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return v, nil
}
