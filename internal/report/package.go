package report

import (
	"archive/zip"
	"context"
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"qinglang/internal/auth"
	"qinglang/internal/blob"
	"qinglang/internal/evidence"
	"qinglang/internal/sla"
)

// Manifest lists every file of an evidence package with its SHA-256, so a
// recipient (公安, a court) can show that nothing was changed since export.
type Manifest struct {
	Case        string         `json:"case"`
	GeneratedAt string         `json:"generated_at"`
	GeneratedBy string         `json:"generated_by"`
	Files       []ManifestFile `json:"files"`
	// Signature is HMAC-SHA256, in hex, over the manifest with this field
	// empty; only the center, which holds the key, can make or check it.
	Signature string `json:"signature"`
}

// ManifestFile is one file of a package.
type ManifestFile struct {
	Path   string `json:"path"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// PackageKey derives the signing key of evidence packages from the
// platform's master key, so a leaked package key reveals nothing about the
// keys that seal personal data.
func PackageKey(master []byte) []byte {
	k, err := hkdf.Key(sha256.New, master, nil, "qinglang evidence package", 32)
	if err != nil {
		panic(err) // only for a length HKDF cannot produce
	}
	return k
}

// SetPackageKey sets the key that signs evidence packages; without one
// packages are exported unsigned (hashes only).
func (s *Service) SetPackageKey(key []byte) { s.packageKey = key }

// sign returns the manifest's signature under key.
func (m Manifest) sign(key []byte) string {
	m.Signature = ""
	body, _ := json.Marshal(m)
	mac := hmac.New(sha256.New, key)
	mac.Write(body)
	return hex.EncodeToString(mac.Sum(nil))
}

var mimeExt = map[string]string{evidence.JPEG: "jpg", evidence.PNG: "png", evidence.WebP: "webp", evidence.GIF: "gif", evidence.PDF: "pdf", evidence.MP4: "mp4"}

// packageEvent is a timeline entry in timeline.json.
type packageEvent struct {
	At     time.Time `json:"at"`
	Actor  string    `json:"actor"`
	Action string    `json:"action"`
	From   Status    `json:"from"`
	To     Status    `json:"to"`
	Note   string    `json:"note"`
	Public bool      `json:"public"`
}

// packageCase is case.json: what the case is about, without the reporter.
type packageCase struct {
	TrackingCode string         `json:"tracking_code"`
	Status       Status         `json:"status"`
	Category     string         `json:"category"`
	Zone         string         `json:"zone"`
	Content      string         `json:"content"`
	URLs         []string       `json:"urls"`
	ZoneFields   map[string]any `json:"zone_fields"`
	Channel      string         `json:"channel"`
	Platform     string         `json:"platform"`
	District     string         `json:"district"`
	CreatedAt    time.Time      `json:"created_at"`
}

// EvidencePackage writes the evidence package of a case (for a transfer to
// the police) to w as a ZIP, and returns a file name for it. The manifest
// is made and audited before any byte is written, so the audit log names
// the exact package that left the center.
func (s *Service) EvidencePackage(ctx context.Context, p *auth.Principal, id int64, blobs blob.Store, w io.Writer) (name string, err error) {
	if err := p.Require(auth.EvidenceExport); err != nil {
		return "", err
	}
	d, err := s.Case(ctx, p, id)
	if err != nil {
		return "", err
	}
	now := s.now()
	m := Manifest{Case: d.TrackingCode, GeneratedAt: now.Format(time.RFC3339), GeneratedBy: p.Username}
	var events []packageEvent
	for _, e := range d.Timeline {
		events = append(events, packageEvent{e.At.UTC(), e.Actor, string(e.Action), e.From, e.Status, e.Note, e.Public})
	}
	meta := map[string]any{"timeline.json": events, "case.json": packageCase{d.TrackingCode, d.Status, d.Category, d.Zone, d.Content,
		nonNil(d.URLs), d.ZoneFields, d.Channel, d.Platform, d.District, d.CreatedAt.UTC()}}
	docs := map[string][]byte{}
	for _, path := range []string{"case.json", "timeline.json"} {
		docs[path], _ = json.MarshalIndent(meta[path], "", "  ")
		sum := sha256.Sum256(docs[path])
		m.Files = append(m.Files, ManifestFile{path, int64(len(docs[path])), hex.EncodeToString(sum[:])})
	}
	seen := map[string]bool{}
	var files []EvidenceFile
	for _, f := range d.Evidence {
		if !seen[f.SHA256] { // one copy of a file attached twice
			seen[f.SHA256] = true
			files = append(files, f)
			m.Files = append(m.Files, ManifestFile{fmt.Sprintf("files/%d-%s.%s", len(files), f.SHA256[:12], extOf(f.MIME)), f.Size, f.SHA256})
		}
	}
	if s.packageKey != nil {
		m.Signature = m.sign(s.packageKey)
	}
	manifest, _ := json.MarshalIndent(m, "", "  ")
	msum := sha256.Sum256(manifest)
	err = s.db.Write(ctx, func(tx *sql.Tx) error {
		return s.audit(ctx, tx, now, p, "evidence.export", id, fmt.Sprintf("%d evidence files, manifest sha256 %x", len(files), msum))
	})
	if err != nil {
		return "", err
	}
	z := zip.NewWriter(w)
	for _, path := range []string{"manifest.json", "case.json", "timeline.json"} {
		body := manifest
		if path != "manifest.json" {
			body = docs[path]
		}
		if err := writeEntry(z, path, zip.Deflate, now, func(zw io.Writer) error { _, err := zw.Write(body); return err }); err != nil {
			return "", err
		}
	}
	for i, f := range files {
		if err := writeEntry(z, m.Files[2+i].Path, zip.Store, now, func(zw io.Writer) error { return copyBlob(ctx, blobs, f, zw) }); err != nil {
			return "", err
		}
	}
	if err := z.Close(); err != nil {
		return "", fmt.Errorf("report: evidence package: %w", err)
	}
	return "evidence-" + d.TrackingCode + "-" + now.In(sla.Beijing).Format("20060102-150405") + ".zip", nil
}

func extOf(mime string) string {
	if e, ok := mimeExt[mime]; ok {
		return e
	}
	return "bin"
}

// writeEntry adds one file; media files are stored as they are (they are
// compressed already), JSON is deflated.
func writeEntry(z *zip.Writer, path string, method uint16, at time.Time, body func(io.Writer) error) error {
	zw, err := z.CreateHeader(&zip.FileHeader{Name: path, Method: method, Modified: at})
	if err == nil {
		err = body(zw)
	}
	if err != nil {
		return fmt.Errorf("report: evidence package %s: %w", path, err)
	}
	return nil
}

// copyBlob copies a stored file and checks its hash on the way, so a file
// damaged in storage fails the export instead of reaching the police with
// a manifest that vouches for it.
func copyBlob(ctx context.Context, blobs blob.Store, f EvidenceFile, w io.Writer) error {
	r, err := blobs.Open(ctx, f.SHA256)
	if err != nil {
		return err
	}
	defer r.Close()
	h := sha256.New()
	if _, err := io.Copy(io.MultiWriter(w, h), r); err != nil {
		return err
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != f.SHA256 {
		return fmt.Errorf("stored file %s reads back as %s", f.SHA256, got)
	}
	return nil
}
