package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"qinglang/internal/pii"
	"qinglang/internal/report"
)

// evidence verify FILE.zip [--key-file FILE]: check an exported evidence
// package. Without a key it checks every file against the manifest, which
// anyone can do; with the platform's key file (the data folder's
// secret.key) it also checks the center's signature over the manifest.
func evidenceCmd(ctx context.Context, args []string, getenv func(string) string) error {
	return evidenceVerify(args, os.Stdout)
}

func evidenceVerify(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("evidence verify", flag.ContinueOnError)
	keyFile := fs.String("key-file", "", "the platform's key file, to check the signature")
	var rest []string
	var err error
	if len(args) > 0 && args[0] == "verify" {
		rest, err = splitFlags(fs, args[1:])
	}
	if err != nil || len(rest) != 1 {
		fmt.Fprintln(out, "qinglang evidence verify FILE.zip [--key-file FILE]   check an evidence package's files and signature")
		if len(args) > 0 && args[0] == "help" {
			return nil
		}
		return errUsage
	}
	var key []byte
	if *keyFile != "" {
		b, err := os.ReadFile(*keyFile)
		if err != nil {
			return err
		}
		master, err := pii.LoadMaster(strings.TrimSpace(string(b)), "")
		if err != nil {
			return err
		}
		key = report.PackageKey(master)
	}
	f, err := os.Open(rest[0])
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	res, err := report.VerifyPackage(f, st.Size(), key)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "case %s, made %s by %s\n", res.Manifest.Case, res.Manifest.GeneratedAt, res.Manifest.GeneratedBy)
	for _, c := range res.Files {
		if c.State == report.FileOK {
			fmt.Fprintf(out, "OK   %s\n", c.Path)
		} else {
			fmt.Fprintf(out, "BAD  %s: %s (%s)\n", c.Path, c.State, c.Detail)
		}
	}
	switch res.Signature {
	case report.SignatureOK:
		fmt.Fprintln(out, "signature OK")
	case report.SignatureBad:
		fmt.Fprintln(out, "signature BAD: the manifest was not made with this key, or was changed")
	default:
		fmt.Fprintln(out, "signature not checked (no --key-file)")
	}
	if !res.OK() {
		return fmt.Errorf("evidence package %s failed verification", rest[0])
	}
	fmt.Fprintln(out, "evidence package OK")
	return nil
}
