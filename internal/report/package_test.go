package report_test

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"io"
	"strings"
	"testing"

	"qinglang/internal/audit"
	"qinglang/internal/blob"
	"qinglang/internal/evidence"
	"qinglang/internal/report"
	"qinglang/internal/store"
	"qinglang/internal/store/storetest"
)

const tinyPDF = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"

// transferredCase files a report with a PNG and a PDF (from its reporter,
// who gives a name) and transfers it to the police.
func transferredCase(t *testing.T, w *world, blobs blob.Store) int64 {
	ctx := context.Background()
	var img bytes.Buffer
	png.Encode(&img, image.NewGray(image.Rect(0, 0, 4, 4)))
	in := &evidence.Ingester{Store: blobs, TempDir: t.TempDir(), MaxBytes: 1 << 20}
	var ids []string
	for i, body := range []io.Reader{&img, strings.NewReader(tinyPDF)} {
		meta, err := in.Ingest(ctx, body)
		w.must(err)
		id, err := w.svc.RegisterEvidence(ctx, meta, []string{"截图.png", "聊天记录.pdf"}[i])
		w.must(err)
		ids = append(ids, id)
	}
	rec, err := w.svc.Submit(ctx, report.Submission{Category: "fraud", Content: "冒充公安要求转账到安全账户", URLs: []string{"https://example.com/x"},
		EvidenceIDs: ids, Reporter: report.Reporter{Name: "张小明", Phone: "13912345678"}}, "web")
	w.must(err)
	var id int64
	w.db.Read().QueryRow(`SELECT id FROM reports WHERE tracking_code = $1`, rec.TrackingCode).Scan(&id)
	w.must(w.svc.Accept(ctx, w.operator, id, ""))
	w.must(w.svc.Assess(ctx, w.analyst, id, "涉嫌诈骗犯罪，内部意见"))
	w.must(w.svc.Transfer(ctx, w.analyst, id, []int64{w.deptA}, "请依法查处"))
	return id
}

func TestEvidencePackage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newWorld(t, db)
		blobs, err := blob.NewLocal(t.TempDir())
		w.must(err)
		id := transferredCase(t, w, blobs)
		key := report.PackageKey(bytes.Repeat([]byte{7}, 32))
		w.svc.SetPackageKey(key)

		if _, err := w.svc.EvidencePackage(ctx, w.handlerA, id, blobs, io.Discard); err == nil {
			t.Fatal("a department handler exported an evidence package")
		}
		var buf bytes.Buffer
		name, err := w.svc.EvidencePackage(ctx, w.analyst, id, blobs, &buf)
		w.must(err)
		if !strings.HasPrefix(name, "evidence-") || !strings.HasSuffix(name, ".zip") {
			t.Errorf("name %q", name)
		}
		pkg := buf.Bytes()
		res := verify(t, pkg, key)
		if !res.OK() || res.Signature != report.SignatureOK || len(res.Files) != 4 {
			t.Fatalf("fresh package does not verify: %+v", res)
		}
		caseJSON, timeline := entry(t, pkg, "case.json"), entry(t, pkg, "timeline.json")
		if strings.Contains(caseJSON, "张小明") || strings.Contains(caseJSON, "13912345678") || !strings.Contains(caseJSON, "冒充公安") {
			t.Errorf("case.json: %s", caseJSON)
		}
		if !strings.Contains(timeline, "内部意见") || !strings.Contains(timeline, `"to": "transferred"`) {
			t.Errorf("timeline.json lacks internal entries: %s", timeline)
		}
		if res := verify(t, pkg, nil); !res.OK() || res.Signature != report.SignatureUnchecked {
			t.Errorf("without a key: %+v", res)
		}
		var n int
		db.Read().QueryRow(`SELECT count(*) FROM audit_log WHERE action = 'evidence.export' AND target = $1`, fmt.Sprint("report:", id)).Scan(&n)
		if _, err := audit.Verify(ctx, db); n != 1 || err != nil {
			t.Errorf("audit entries %d, chain %v", n, err)
		}

		// A byte flipped in the stored PNG.
		z, _ := zip.NewReader(bytes.NewReader(pkg), int64(len(pkg)))
		flipped := bytes.Clone(pkg)
		for _, f := range z.File {
			if strings.HasSuffix(f.Name, ".png") {
				off, _ := f.DataOffset()
				flipped[off+20] ^= 1
				expectBad(t, verify(t, flipped, key), f.Name, report.FileChanged)
			}
		}
		// A file removed, then an extra file slipped in.
		pdf := ""
		expectBad(t, verify(t, rewrite(t, pkg, func(name string, b []byte) []byte {
			if strings.HasSuffix(name, ".pdf") {
				pdf = name
				return nil
			}
			return b
		}, ""), key), pdf, report.FileMissing)
		expectBad(t, verify(t, rewrite(t, pkg, nil, "files/9-extra.png"), key), "files/9-extra.png", report.FileExtra)
		// The manifest edited to vouch for a replaced case.json.
		forged := rewrite(t, pkg, func(name string, b []byte) []byte {
			if name == "manifest.json" {
				return bytes.Replace(b, []byte(`"generated_by": "an1"`), []byte(`"generated_by": "someone"`), 1)
			}
			return b
		}, "")
		if res := verify(t, forged, key); res.OK() || res.Signature != report.SignatureBad {
			t.Errorf("tampered manifest passed: %+v", res)
		}
	})
}

func verify(t *testing.T, pkg, key []byte) report.VerifyResult {
	t.Helper()
	res, err := report.VerifyPackage(bytes.NewReader(pkg), int64(len(pkg)), key)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func expectBad(t *testing.T, res report.VerifyResult, path, state string) {
	t.Helper()
	for _, f := range res.Files {
		if f.State != report.FileOK && (f.Path != path || f.State != state) {
			t.Errorf("unexpected %s: %s %s", f.Path, f.State, f.Detail)
		}
		if f.Path == path && f.State == state && !res.OK() {
			return
		}
	}
	t.Errorf("%s not reported %s: %+v", path, state, res.Files)
}

func entry(t *testing.T, pkg []byte, name string) string {
	z, _ := zip.NewReader(bytes.NewReader(pkg), int64(len(pkg)))
	rc, err := z.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(rc)
	return string(b)
}

// rewrite rebuilds a package as a careful forger would, with valid CRCs:
// edit changes or (returning nil) drops an entry, and extra adds one.
func rewrite(t *testing.T, pkg []byte, edit func(string, []byte) []byte, extra string) []byte {
	z, _ := zip.NewReader(bytes.NewReader(pkg), int64(len(pkg)))
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range z.File {
		b := []byte(entry(t, pkg, f.Name))
		if edit != nil {
			if b = edit(f.Name, b); b == nil {
				continue
			}
		}
		fw, _ := zw.Create(f.Name)
		fw.Write(b)
	}
	if extra != "" {
		fw, _ := zw.Create(extra)
		fw.Write([]byte("x"))
	}
	zw.Close()
	return out.Bytes()
}
