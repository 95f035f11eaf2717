package main

import (
	"archive/zip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"qinglang/internal/report"
)

// writePackage writes an unsigned package whose manifest vouches for
// files, then stores actual as the archive's content.
func writePackage(t *testing.T, path string, files, actual map[string]string) {
	m := report.Manifest{Case: "6PD2H-TSN1V", GeneratedAt: "2025-11-27T02:00:00Z", GeneratedBy: "an1"}
	for name, body := range files {
		sum := sha256.Sum256([]byte(body))
		m.Files = append(m.Files, report.ManifestFile{Path: name, Size: int64(len(body)), SHA256: hex.EncodeToString(sum[:])})
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	z := zip.NewWriter(f)
	mw, _ := z.Create("manifest.json")
	json.NewEncoder(mw).Encode(m)
	for name, body := range actual {
		w, _ := z.Create(name)
		w.Write([]byte(body))
	}
	z.Close()
}

func TestEvidenceVerify(t *testing.T) {
	dir := t.TempDir()
	good, bad := filepath.Join(dir, "good.zip"), filepath.Join(dir, "bad.zip")
	files := map[string]string{"case.json": "{}", "files/1-abc.png": "png bytes"}
	writePackage(t, good, files, files)
	writePackage(t, bad, files, map[string]string{"case.json": "{}", "files/1-abc.png": "png bytez"})
	keyFile := filepath.Join(dir, "secret.key")
	os.WriteFile(keyFile, []byte(strings.Repeat("ab", 32)+"\n"), 0o600)

	var out strings.Builder
	if err := evidenceVerify([]string{"verify", good}, &out); err != nil || !strings.Contains(out.String(), "OK   files/1-abc.png") ||
		!strings.Contains(out.String(), "signature not checked") {
		t.Errorf("good package: %v\n%s", err, out.String())
	}
	out.Reset()
	if err := evidenceVerify([]string{"verify", bad}, &out); err == nil || !strings.Contains(out.String(), "BAD  files/1-abc.png: changed") {
		t.Errorf("changed file: %v\n%s", err, out.String())
	}
	out.Reset()
	// Unsigned, so a key finds no valid signature.
	if err := evidenceVerify([]string{"verify", good, "--key-file", keyFile}, &out); err == nil || !strings.Contains(out.String(), "signature BAD") {
		t.Errorf("unsigned package with a key: %v\n%s", err, out.String())
	}
	if err := evidenceVerify([]string{"verify"}, &out); err != errUsage {
		t.Errorf("no file: %v", err)
	}
}
