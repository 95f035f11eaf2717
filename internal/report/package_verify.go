package report

import (
	"archive/zip"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// File states in a VerifyResult.
const (
	FileOK      = "ok"
	FileChanged = "changed" // content or size differs from the manifest
	FileMissing = "missing" // listed in the manifest, not in the archive
	FileExtra   = "extra"   // in the archive, not in the manifest
)

// Signature states in a VerifyResult.
const (
	SignatureOK        = "ok"
	SignatureBad       = "bad"
	SignatureUnchecked = "unchecked" // no key given, or the package is unsigned
)

// VerifyResult is the outcome of checking an evidence package.
type VerifyResult struct {
	Manifest  Manifest
	Files     []FileCheck // manifest order, then extra files
	Signature string
}

// FileCheck is the state of one file.
type FileCheck struct {
	Path   string
	State  string
	Detail string
}

// OK reports whether every file matches and the signature, if checked,
// holds. An unchecked signature is not a failure: a recipient without the
// key can still prove the files match the manifest.
func (r VerifyResult) OK() bool {
	for _, f := range r.Files {
		if f.State != FileOK {
			return false
		}
	}
	return r.Signature != SignatureBad
}

// VerifyPackage checks an evidence package: every file against the
// manifest's size and SHA-256, no file missing or extra, and, when key is
// given, the manifest's signature. The error is for an archive that cannot
// be read at all or has no readable manifest.
func VerifyPackage(r io.ReaderAt, size int64, key []byte) (VerifyResult, error) {
	var res VerifyResult
	z, err := zip.NewReader(r, size)
	if err != nil {
		return res, fmt.Errorf("report: not a ZIP archive: %w", err)
	}
	entries := map[string][]*zip.File{}
	for _, f := range z.File {
		entries[f.Name] = append(entries[f.Name], f)
	}
	mf := entries["manifest.json"]
	if len(mf) != 1 {
		return res, errors.New("report: the archive has no single manifest.json")
	}
	raw, err := readEntry(mf[0])
	if err != nil {
		return res, fmt.Errorf("report: manifest.json: %w", err)
	}
	if err := json.Unmarshal(raw, &res.Manifest); err != nil {
		return res, fmt.Errorf("report: manifest.json: %w", err)
	}
	m := res.Manifest
	res.Signature = SignatureUnchecked
	if key != nil {
		res.Signature = SignatureBad
		if m.Signature != "" && hmac.Equal([]byte(m.sign(key)), []byte(m.Signature)) {
			res.Signature = SignatureOK
		}
	}
	listed := map[string]bool{"manifest.json": true}
	for _, want := range m.Files {
		listed[want.Path] = true
		res.Files = append(res.Files, checkEntry(want, entries[want.Path]))
	}
	for _, f := range z.File {
		if !listed[f.Name] && !f.FileInfo().IsDir() {
			res.Files = append(res.Files, FileCheck{f.Name, FileExtra, "not listed in the manifest"})
		}
	}
	return res, nil
}

func checkEntry(want ManifestFile, got []*zip.File) FileCheck {
	c := FileCheck{Path: want.Path, State: FileChanged}
	switch {
	case len(got) == 0:
		c.State, c.Detail = FileMissing, "listed in the manifest but not in the archive"
		return c
	case len(got) > 1:
		c.Detail = "present more than once"
		return c
	}
	h := sha256.New()
	rc, err := got[0].Open()
	if err != nil {
		c.Detail = err.Error()
		return c
	}
	defer rc.Close()
	n, err := io.Copy(h, rc)
	sum := hex.EncodeToString(h.Sum(nil))
	switch {
	case err != nil: // a CRC mismatch: the stored bytes were altered
		c.Detail = err.Error()
	case n != want.Size:
		c.Detail = fmt.Sprintf("size %d, manifest says %d", n, want.Size)
	case sum != want.SHA256:
		c.Detail = "SHA-256 " + sum + ", manifest says " + want.SHA256
	default:
		c.State = FileOK
	}
	return c
}

func readEntry(f *zip.File) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(io.LimitReader(rc, 16<<20))
}
