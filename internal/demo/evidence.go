package demo

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"

	"qinglang/internal/evidence"
	"qinglang/internal/report"
)

// evidenceFiles stores two small images through the real evidence checks,
// once each; every report that cites one gets an evidence row of its own,
// because an evidence id can be claimed by one report only.
type evidenceFiles struct {
	license, screenshot evidence.Meta
	reports             *report.Service
}

func newEvidenceFiles(ctx context.Context, m Target, reports *report.Service) (*evidenceFiles, error) {
	in := &evidence.Ingester{Store: m.Blobs, TempDir: m.TempDir, MaxBytes: 1 << 20}
	ef := &evidenceFiles{reports: reports}
	var err error
	// A pale red image stands in for a business license, a grey one for a
	// screenshot: the console shows them and the checks accept them.
	if ef.license, err = in.Ingest(ctx, bytes.NewReader(pngOf(color.RGBA{0xf6, 0xe3, 0xd9, 0xff}))); err != nil {
		return nil, err
	}
	if ef.screenshot, err = in.Ingest(ctx, bytes.NewReader(pngOf(color.RGBA{0xe6, 0xe9, 0xee, 0xff}))); err != nil {
		return nil, err
	}
	return ef, nil
}

func (ef *evidenceFiles) newLicense(ctx context.Context) (string, error) {
	return ef.reports.RegisterEvidence(ctx, ef.license, "营业执照.png")
}

func (ef *evidenceFiles) newScreenshot(ctx context.Context) (string, error) {
	return ef.reports.RegisterEvidence(ctx, ef.screenshot, "截图.png")
}

func pngOf(c color.Color) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 320, 200))
	for y := range 200 {
		for x := range 320 {
			img.Set(x, y, c)
		}
	}
	var b bytes.Buffer
	png.Encode(&b, img)
	return b.Bytes()
}
