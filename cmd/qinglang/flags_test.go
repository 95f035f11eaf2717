package main

import (
	"flag"
	"slices"
	"testing"
)

// A command's own flags are told apart from the configuration's, boolean
// flags taking no value.
func TestSplitFlags(t *testing.T) {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "")
	n := fs.Int("events", 0, "")
	rest, err := splitFlags(fs, []string{"--json", "--db", "postgres://x", "--events", "7", "--data=/tmp/d"})
	if err != nil {
		t.Fatal(err)
	}
	if !*asJSON || *n != 7 || !slices.Equal(rest, []string{"--db", "postgres://x", "--data=/tmp/d"}) {
		t.Fatalf("json=%v events=%d rest=%q", *asJSON, *n, rest)
	}
}
